"""A toolbar button follows its action's enabled state when the action is hidden and shown."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar
from pytestqt.qtbot import QtBot

from csr_console.ui.console_actions import toolbar_button


def test_a_disabled_action_shown_again_keeps_its_toolbar_button_disabled(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    toolbar = QToolBar(window)
    window.addToolBar(toolbar)
    action = QAction("Stop sharing", window)
    action.setObjectName("action_stop")
    button = toolbar_button(toolbar, action)
    window.show()
    qtbot.waitExposed(window)

    action.setVisible(False)
    action.setEnabled(False)
    action.setVisible(True)
    qtbot.waitUntil(button.isVisible, timeout=2000)
    assert not button.isEnabled()

    action.setEnabled(True)
    assert button.isEnabled()
    action.setVisible(False)
    action.setVisible(True)
    qtbot.waitUntil(button.isVisible, timeout=2000)
    assert button.isEnabled()
