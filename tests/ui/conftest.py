"""Fixtures the UI tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.console_harness import Console


@pytest.fixture
def console(qtbot: QtBot) -> Iterator[Console]:
    console = Console(sharing=True)
    qtbot.addWidget(console.window)
    yield console
    console.close_windows()
    console.bridge.stop()
