"""The faces' fixtures, for the tests in the real apps."""

from tests.faces.conftest import console_at_center, make_console, settings_path, start_center_with

__all__ = ["console_at_center", "make_console", "settings_path", "start_center_with"]
