"""Assistant agents in the console: two whole consoles and a support center process, and
French."""

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from tests.assistants.console_pair import Pair, consoles_and_customer
from tests.e2e.conftest import CenterProcess
from tests.faces.conftest import make_console, settings_path, start_center_with
from tests.i18n.conftest import english_afterwards, french

__all__ = ["english_afterwards", "french", "make_console", "settings_path", "start_center_with"]


@pytest.fixture
def pair(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> Pair:
    """Ada's console with Grace in her session, and Bob's console signed in beside it."""
    return consoles_and_customer(qtbot, make_console, start_center_with())
