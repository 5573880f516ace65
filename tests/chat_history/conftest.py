"""The faces' fixtures: a real center process and consoles built whole."""

from __future__ import annotations

from tests.faces.conftest import (
    console_at_center,
    make_console,
    settings_path,
    start_center_with,
)

__all__ = ["console_at_center", "make_console", "settings_path", "start_center_with"]
