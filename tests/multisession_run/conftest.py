"""Running one action on several sessions: a whole console and a support center process,
customers joined headless, and French."""

from tests.faces.conftest import make_console, settings_path, start_center_with
from tests.i18n.conftest import english_afterwards, french

__all__ = ["english_afterwards", "french", "make_console", "settings_path", "start_center_with"]
