"""The keys of the agent controlling an application (or a co-browsed window) in its viewer:
each goes up under the name it went down with, though Shift went up first. Seen in use: a
capital or a "!" typed fast went down as "A" and up as "a", which the customer's side drops as
a release of a key it does not hold, and "A" stays held there for the rest of the share."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from shared.protocol.screen import KeyAction, KeyInput
from shared.qt.area_viewer import AreaViewer, InputMessage
from tests.xserver import type_text


def _viewer(qtbot: QtBot) -> tuple[AreaViewer, list[InputMessage]]:
    sent: list[InputMessage] = []
    viewer = AreaViewer("a1", True, sent.append, lambda: None, "Waiting…")
    qtbot.addWidget(viewer)
    viewer.resize(400, 300)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    viewer.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(viewer.hasFocus)
    return viewer, sent


def _keys(sent: list[InputMessage]) -> list[tuple[KeyAction, str]]:
    return [(m.action, m.key) for m in sent if isinstance(m, KeyInput)]


def test_a_key_goes_up_as_it_went_down_though_shift_went_up_first(qtbot: QtBot) -> None:
    _, sent = _viewer(qtbot)
    type_text("A!")  # real X input: xdotool lets Shift go before the key, as fast typists do
    qtbot.waitUntil(lambda: len(_keys(sent)) == 8)
    assert _keys(sent) == [
        (KeyAction.DOWN, "shift"),
        (KeyAction.DOWN, "A"),
        (KeyAction.UP, "shift"),
        (KeyAction.UP, "A"),
        (KeyAction.DOWN, "shift"),
        (KeyAction.DOWN, "!"),
        (KeyAction.UP, "shift"),
        (KeyAction.UP, "!"),
    ]


def test_keys_held_when_the_viewer_loses_the_keyboard_go_up(qtbot: QtBot) -> None:
    viewer, sent = _viewer(qtbot)
    # Ctrl goes down in the viewer; its release goes to another window (the agent switched).
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Control, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewer, press)
    viewer.clearFocus()
    assert _keys(sent) == [(KeyAction.DOWN, "ctrl"), (KeyAction.UP, "ctrl")]
