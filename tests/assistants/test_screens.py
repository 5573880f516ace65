"""The assistant's console and the Transfer control dialog as agents see them, in English and in
French: the words are the product's (translated, the manual's French names), nothing is cut,
and the pictures are kept for a person to look at (screenshots/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.role_dialogs import TransferDialog
from tests.assistants.console_pair import Pair
from tests.assistants.test_assistant_console import _bob_joins
from tests.faces.conftest import WAIT_MS
from tests.i18n.catalogue import FrenchCheck

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def _screenshot(widget: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SCREENSHOTS / f"{name}.png"))


def _transfer_dialog(qtbot: QtBot, ada: Console) -> TransferDialog:
    ada.actions.registry.action("transfer_control").trigger()
    dialog = ada.actions.transfer_dialog
    assert isinstance(dialog, TransferDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _entry(toolbar: QToolBar, button: QToolButton) -> QAction:
    """The toolbar's entry holding ``button``."""
    return next(a for a in toolbar.actions() if toolbar.widgetForAction(a) is button)


def _shows_whole(label: QLabel) -> bool:
    """A wrapped label is as tall as its text needs (nothing cut at the bottom)."""
    return label.height() >= label.heightForWidth(label.width())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_assistants_console_and_the_transfer_dialog(
    qtbot: QtBot, request: pytest.FixtureRequest, language: str
) -> None:
    if language == "fr":
        request.getfixturevalue("french")
    pair: Pair = request.getfixturevalue("pair")
    _bob_joins(qtbot, pair, mistakes=False)
    window = pair.bob.window
    qtbot.waitUntil(lambda: pair.slot(pair.bob).role_line != "", timeout=WAIT_MS)
    qtbot.wait(50)  # the row's buttons laid out again (Leave for End)
    window.show_tab(window.current_group() or window.tab_order()[-1])
    registry = pair.bob.actions.registry
    if language == "fr":
        assert "Vous assistez" in window.session_panel.status.text()
        assert registry.action("leave_session").text() == "Quitter la session"
        assert registry.action("join_assist").text() == "Rejoindre en tant qu'assistant…"
        assert "vous assistez" in registry.action("request_view").toolTip()
        assert "assiste" in window.windowTitle()
    else:
        assert "You are assisting" in window.session_panel.status.text()
    _screenshot(window, f"assistant-console-{language}")

    dialog = _transfer_dialog(qtbot, pair.ada)
    assert dialog.people.count() == 1
    assert dialog.transfer_button.text() == (
        "Transférer le contrôle" if language == "fr" else "Transfer control"
    )
    for label in dialog.findChildren(QLabel):
        assert _shows_whole(label), label.text()
    _screenshot(dialog, f"transfer-dialog-{language}")
    dialog.reject()


def test_french_check_is_used(french: FrenchCheck) -> None:
    """(the French fixture works here: its check of the catalogue)"""
    assert french.is_french("Quitter la session")


def test_the_multisession_window_and_the_icon_bar_say_so_too(qtbot: QtBot, pair: Pair) -> None:
    _bob_joins(qtbot, pair, mistakes=False)
    bob, slot = pair.bob, pair.slot(pair.bob)
    registry = bob.actions.registry
    registry.action("face_multisession").trigger()
    window = bob.face
    assert isinstance(window, MultisessionWindow)
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    tab = window.tab_of(slot)
    assert "assisting" in window.tabs.tabText(window.tabs.indexOf(tab))
    assert "You are assisting" in tab.status.text()
    toolbar = window.toolbar
    leave = toolbar.findChild(QToolButton, "button_leave_session")
    end = toolbar.findChild(QToolButton, "button_end_session")
    # The toolbar's own entries (a narrow window's toolbar folds what does not fit in a menu).
    assert leave is not None and end is not None
    assert _entry(toolbar, leave).isVisible() and not _entry(toolbar, end).isVisible()
    _screenshot(window, "assistant-multisession-en")

    registry.action("face_icon_bar").trigger()
    bar = bob.face
    assert isinstance(bar, IconBar)
    qtbot.waitUntil(bar.isVisible, timeout=WAIT_MS)
    assert "assisting" in bar.session_label.text()
    shown = {b.objectName() for b in bar.buttons if b.isVisible()}
    assert "button_leave_session" in shown and "button_end_session" not in shown
    assert "button_take_over" not in shown  # the agent in charge is right there
    _screenshot(bar, "assistant-icon-bar-en")
