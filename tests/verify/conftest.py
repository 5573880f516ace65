"""The security code views: a whole console and a support center process."""

from tests.faces.conftest import make_console, settings_path, start_center_with
from tests.faces.pair import pair

__all__ = ["make_console", "pair", "settings_path", "start_center_with"]
