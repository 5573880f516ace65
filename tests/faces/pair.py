"""The ``pair`` fixture: a signed-in console with a customer's client joined to its session, on
a real support center process. A conftest re-exports it; a module that needs something in place
before the apps start (a feature registered, a language installed) makes that fixture autouse:
pytest sets autouse fixtures up first."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import console_with_client


@pytest.fixture
def pair(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> Iterator[tuple[Console, ClientWindow]]:
    console = make_console()
    with console_with_client(qtbot, console, start_center_with()) as client:
        yield console, client
