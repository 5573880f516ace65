"""The security code views: a whole console and a support center process."""

from tests.faces.conftest import make_console, settings_path, start_center_with

__all__ = ["make_console", "settings_path", "start_center_with"]
