"""The customer's consent dialog answers the engine's question awaited on the asyncio thread:
OK with or without "allow everything", Refuse, and closing (which refuses)."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from customer_client.ui.consent_dialog import ConsentDialog, DialogAsker
from shared.qt.bridge import AsyncBridge
from shared.session.consent import ConsentAnswer, ConsentGate, ConsentRequest


@pytest.fixture
def bridge() -> Iterator[AsyncBridge]:
    bridge = AsyncBridge()
    yield bridge
    bridge.stop()


def _ask(
    qtbot: QtBot, bridge: AsyncBridge, asker: DialogAsker, what: str = "view", activity: str = "s1"
) -> tuple[concurrent.futures.Future[ConsentAnswer], ConsentDialog]:
    future = bridge.submit(asker.ask(ConsentRequest(what, "Ada Agent", activity)))
    qtbot.waitUntil(lambda: activity in asker.dialogs)
    dialog = asker.dialogs[activity]
    qtbot.waitExposed(dialog)
    assert not future.done()  # the asyncio side waits; the Qt side is not blocked
    return future, dialog


def _answer(qtbot: QtBot, future: concurrent.futures.Future[ConsentAnswer]) -> ConsentAnswer:
    qtbot.waitUntil(future.done)
    return future.result()


def test_ok_grants(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, "control")
    assert dialog.question.text() == "Ada Agent asks to control your computer"
    assert dialog.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _answer(qtbot, future) == ConsentAnswer(granted=True, allow_all=False)
    assert asker.dialogs == {}


def test_ok_with_allow_everything(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, "show")
    assert dialog.question.text() == "Ada Agent wants to show you their screen"
    dialog.allow_all.setChecked(True)
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _answer(qtbot, future) == ConsentAnswer(granted=True, allow_all=True)


def test_refuse_refuses_even_with_the_box_ticked(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker)
    assert dialog.refuse_button.isDefault()  # Enter by mistake grants nothing
    dialog.allow_all.setChecked(True)
    QTest.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)
    assert _answer(qtbot, future) == ConsentAnswer(granted=False, allow_all=False)


def test_closing_the_dialog_refuses(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, "give_control")
    dialog.close()
    assert _answer(qtbot, future) == ConsentAnswer(granted=False)


def test_withdrawn_question_closes_the_dialog(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, _ = _ask(qtbot, bridge, asker)
    asker.withdraw("s1")
    assert _answer(qtbot, future) == ConsentAnswer(granted=False)
    assert asker.dialogs == {}


def test_cancelled_question_closes_the_dialog(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, _ = _ask(qtbot, bridge, asker)
    bridge.loop.call_soon_threadsafe(future.cancel)  # e.g. the session closed meanwhile
    qtbot.waitUntil(lambda: asker.dialogs == {})


def test_allow_everything_is_remembered_by_the_engine(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    gate = ConsentGate(asker.ask)
    first = bridge.submit(gate.decide(ConsentRequest("view", "Ada Agent", "s1")))
    qtbot.waitUntil(lambda: "s1" in asker.dialogs)
    asker.dialogs["s1"].allow_all.setChecked(True)
    asker.dialogs["s1"].ok_button.click()
    assert _answer(qtbot, first) == ConsentAnswer(granted=True, allow_all=True)
    second = bridge.submit(gate.decide(ConsentRequest("control", "Ada Agent", "s2")))
    assert _answer(qtbot, second) == ConsentAnswer(granted=True, allow_all=True)
    assert asker.dialogs == {}  # not asked again
