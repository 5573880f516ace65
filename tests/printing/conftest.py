"""Print to my printer's view tests: a whole console and a support center process, and French."""

from tests.faces.conftest import make_console, settings_path, start_center_with
from tests.faces.pair import pair
from tests.i18n.conftest import english_afterwards, french

__all__ = [
    "english_afterwards",
    "french",
    "make_console",
    "pair",
    "settings_path",
    "start_center_with",
]
