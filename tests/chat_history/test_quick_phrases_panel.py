"""Quick phrases in the console's chat panel (a real center process, a real customer): the
site's phrases in a menu, the console's language first; picking one puts it in the message
field, where the agent finishes it and sends it. Without phrases the button says so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.features.chat.console_panel import SessionChat
from tests.e2e.conftest import CenterProcess, _center_cli
from tests.faces.conftest import WAIT_MS, customer_heard, join, sign_in, start_session

PHRASES = [
    ("One moment please, I am checking.", "en"),
    ("Un instant, je vérifie.", "fr"),
    ("Merci & bonne journée", "both"),
]


def chat_panel(face: QWidget) -> SessionChat:
    panel = face.findChild(SessionChat, "chatPanel")
    assert panel is not None
    return panel


def pick_from_menu(qtbot: QtBot, panel: SessionChat, downs: int) -> None:
    """Click the Quick phrases button and choose with the keyboard in the menu it opens."""

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        for _ in range(downs):
            QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(300, choose)
    QTest.mouseClick(panel.phrases_button, Qt.MouseButton.LeftButton)


def test_a_phrase_picked_goes_in_the_field_to_finish_then_send(
    qtbot: QtBot,
    start_center_with: Callable[..., CenterProcess],
    make_console: Callable[[], Console],
) -> None:
    center = start_center_with()
    for text, language in PHRASES:
        _center_cli(center.data_dir, "phrases", "add", text, "--language", language)
    console = make_console()
    console.preferences.language = "fr"  # the agent's console speaks French
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    customer = join(qtbot, console, center, number, "Grace")
    panel = chat_panel(console.face)
    qtbot.waitUntil(panel.phrases_button.isEnabled, timeout=WAIT_MS)

    # French first, then those for both, then the rest; "&" shown as itself.
    shown = [a.text().replace("&&", "&") for a in panel.phrases_menu.actions()]
    assert shown == ["Un instant, je vérifie.", "Merci & bonne journée", PHRASES[0][0]]

    panel.entry.setFocus()
    pick_from_menu(qtbot, panel, downs=1)  # the first entry, "Un instant…"
    assert panel.entry.text() == "Un instant, je vérifie."
    assert not customer_heard(customer, "Un instant, je vérifie.")  # nothing sent yet
    QTest.keyClicks(panel.entry, " Grace, merci.")
    QTest.keyClick(panel.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: customer_heard(customer, "Un instant, je vérifie. Grace, merci."), timeout=WAIT_MS
    )


def test_without_phrases_the_button_says_there_are_none(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess]
) -> None:
    console, center = console_at_center
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    join(qtbot, console, center, number, "Grace")
    panel = chat_panel(console.face)
    qtbot.waitUntil(panel.entry.isEnabled, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "No quick phrases" in panel.phrases_button.toolTip(), timeout=WAIT_MS)
    assert not panel.phrases_button.isEnabled()
