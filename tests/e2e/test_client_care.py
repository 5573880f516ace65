"""The customer's window around a session, with the real console and center: what it says while
the customer's consent is asked, the question before closing mid-share, the chat kept (and saved)
after the end, where the keyboard goes on a form a link filled in, a damaged link, and a center
that cannot be reached (explained to the customer, and to the agent in the console's words)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.main import create_client, open_client, parse_args
from customer_client.ui.consent_dialog import ConsentDialog
from customer_client.ui.controller import ClientController
from customer_client.ui.window import ClientWindow
from shared.features.chat.customer import ChatHistory, CustomerChat
from shared.features.desktop.activities import ActivityState
from shared.features.desktop.customer import SharedNow
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.features.desktop.windows import SharingWindows
from shared.protocol.messages import EVERYONE
from shared.qt.bridge import AsyncBridge
from shared.qt.pins import pinned_fingerprint, remember_pin
from shared.session.join_link import JoinLink
from shared.session.state import SessionState
from tests.e2e.client_steps import CUSTOMER, join_from_the_window
from tests.e2e.conftest import CenterProcess
from tests.e2e.test_session_ui import WAIT_MS, _cell, _screenshot, _type_into
from tests.faces.conftest import sign_in, start_session
from tests.helpers import AGENT_NAME, free_port
from tests.xserver import click, key, request_close, type_text


@pytest.fixture
def client(qtbot: QtBot, center_process: CenterProcess) -> Iterator[ClientWindow]:
    remember_pin(center_process.url, center_process.fingerprint)
    window = create_client(center_process.url)
    qtbot.addWidget(window)
    window.move(1000, 0)
    yield window
    window.controller.shutdown()


def _shot(name: str, *windows: QWidget) -> None:
    """A screenshot of what the windows show now (painted first: the grab reads the screen)."""
    for window in windows:
        window.repaint()
    _screenshot(name)


def _in_session(qtbot: QtBot, console: Console, client: ClientWindow, center: CenterProcess) -> int:
    """The agent signed in with a session; the customer joined it from the client's window."""
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    client.prefill(number, CUSTOMER, None)
    client.show()
    qtbot.waitExposed(client)
    click(client.join_button)
    qtbot.waitUntil(
        lambda: client.helper_label.text() == f"{AGENT_NAME} is helping you.", timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: console.controller.current.state.customer_linked, timeout=WAIT_MS)
    return number


def _consent_dialog(qtbot: QtBot, client: ClientWindow) -> ConsentDialog:
    qtbot.waitUntil(lambda: bool(client.consent.dialogs), timeout=WAIT_MS)
    dialog = next(iter(client.consent.dialogs.values()))
    qtbot.waitExposed(dialog)
    return dialog


def _question(qtbot: QtBot, client: ClientWindow) -> QMessageBox:
    found: list[QMessageBox] = []

    def shown() -> bool:
        box = client.findChild(QMessageBox, "confirmLeave")
        if box is not None and box.isVisible():
            found.append(box)
        return bool(found)

    qtbot.waitUntil(shown, timeout=WAIT_MS)
    qtbot.waitExposed(found[0])  # mapped where it shows, before a click aims at it
    return found[0]


def _shared_now(client: ClientWindow) -> str:
    """The line of the customer's window that says what is shared right now."""
    panel = client.panels["desktop"]
    assert isinstance(panel, SharedNow)
    return panel.label.text()


def test_status_while_asked_and_closing_mid_share_asks_first(
    qtbot: QtBot, console: Console, client: ClientWindow, center_process: CenterProcess
) -> None:
    _in_session(qtbot, console, client, center_process)

    # While the customer's own consent dialog is open, their window says what is going on.
    console.actions.registry.action("request_view").trigger()
    dialog = _consent_dialog(qtbot, client)
    assert _shared_now(client) == (
        f"{AGENT_NAME} asks to see your screen — answer in the window that opened."
    )
    _shot("client-consent-asked", client, dialog)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)  # a moment after it shows
    click(dialog.ok_button)
    qtbot.waitUntil(
        lambda: _shared_now(client) == f"{AGENT_NAME} can see your screen.",
        timeout=WAIT_MS,
    )
    windows: SharingWindows = client.controller.part("desktop").windows
    qtbot.waitUntil(windows.indicator.isVisible, timeout=WAIT_MS)
    # The agent's viewer opens on this same display: let it settle before the customer acts, so
    # the question below shows on top of it.
    viewers: dict[str, RemoteViewer] = console.controller.part("desktop").windows.viewers
    qtbot.waitUntil(lambda: len(viewers) == 1, timeout=WAIT_MS)
    qtbot.waitExposed(next(iter(viewers.values())))

    # Closing the window mid-share asks, as Leave does; Cancel keeps the session and the share.
    request_close(client)
    box = _question(qtbot, client)
    assert box.text() == "Leave this session? Your agent will no longer be able to help you in it."
    assert box.button(QMessageBox.StandardButton.Ok).text() == "Leave"
    _shot("client-close-asks", client, box)
    click(box.button(QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: client.findChild(QMessageBox, "confirmLeave") is None, timeout=WAIT_MS)
    assert client.isVisible()
    assert client.controller.session_state_now == SessionState.ACTIVE
    assert windows.indicator.isVisible()
    sharing: SharingFeature | None = console.controller.part("desktop").feature
    assert sharing is not None
    assert [a.state for a in sharing.activities] == [ActivityState.ACTIVE]

    # Asked again, Leave: the window closes and the agent reads that the customer left.
    request_close(client)
    click(_question(qtbot, client).button(QMessageBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: not client.isVisible(), timeout=WAIT_MS)
    people = console.window.session_panel.people
    qtbot.waitUntil(lambda: _cell(people, 0, 4) == "left", timeout=WAIT_MS)
    assert not windows.indicator.isVisible()


def test_closing_without_a_session_does_not_ask(
    qtbot: QtBot, client: ClientWindow, center_process: CenterProcess
) -> None:
    client.show()
    qtbot.waitExposed(client)
    request_close(client)
    qtbot.waitUntil(lambda: not client.isVisible(), timeout=WAIT_MS)
    assert client.findChild(QMessageBox, "confirmLeave") is None


def test_chat_stays_after_the_end_and_saves_as_text(
    qtbot: QtBot,
    console: Console,
    client: ClientWindow,
    center_process: CenterProcess,
    tmp_path: Path,
) -> None:
    _in_session(qtbot, console, client, center_process)
    chat = client.panels["chat"]
    ended = client.panels["chat_history"]
    assert isinstance(chat, CustomerChat) and isinstance(ended, ChatHistory)
    history = ended.history
    # Non-ASCII from the agent's side (xdotool cannot type it into Qt on a bare Xvfb).
    console.controller.part("chat").send(EVERYONE, "Bonjour Grace, ça marche ? Coût : 0 €")
    qtbot.waitUntil(lambda: "0 €" in chat.transcript.toPlainText(), timeout=WAIT_MS)
    _type_into(qtbot, chat.entry, "My printer is broken")
    key("Return")
    qtbot.waitUntil(
        lambda: "My printer is broken" in chat.transcript.toPlainText(), timeout=WAIT_MS
    )
    said = chat.transcript.toPlainText()

    console.controller.end_session()
    qtbot.waitUntil(lambda: client.pages.currentWidget() is client.ended_page, timeout=WAIT_MS)
    assert client.ended_label.text() == f"{AGENT_NAME} ended the session."
    assert history.isVisible() and history.toPlainText() == said
    _shot("client-chat-after-end", client)

    click(ended.save_chat_button)
    qtbot.waitUntil(
        lambda: client.findChild(QFileDialog, "saveChatDialog") is not None, timeout=WAIT_MS
    )
    dialog = client.findChild(QFileDialog, "saveChatDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    name_field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_field is not None
    target = tmp_path / "chat with my agent.txt"
    _type_into(qtbot, name_field, str(target))
    key("Return")
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    saved = target.read_bytes().decode("utf-8")
    assert re.fullmatch(
        rf"\d\d:\d\d {AGENT_NAME}: Bonjour Grace, ça marche \? Coût : 0 €\n"
        rf"\d\d:\d\d {CUSTOMER}: My printer is broken\n",
        saved,
    ), saved
    assert saved == said + "\n"
    assert client.isVisible() and history.toPlainText() == said  # still there


def test_a_link_filled_form_puts_the_keyboard_on_the_first_empty_field(
    qtbot: QtBot, client: ClientWindow
) -> None:
    client.prefill(123456789, None, None)  # as a link does: the number, not the name
    client.show()
    client.activateWindow()
    qtbot.waitUntil(client.isActiveWindow, timeout=WAIT_MS)
    qtbot.waitUntil(client.name_field.hasFocus, timeout=WAIT_MS)
    type_text("Ada")
    qtbot.waitUntil(lambda: client.name_field.text() == "Ada", timeout=WAIT_MS)
    assert client.number_field.text() == "123456789"


def test_a_damaged_link_opens_the_window_with_what_to_do(
    qtbot: QtBot, center_process: CenterProcess
) -> None:
    remember_pin("https://support.example.com:8443", "cd" * 32)  # a center used before
    good = JoinLink(center_process.url, 123456789, center_process.fingerprint).url()
    damaged = good.replace("fp=", "fp=zz")[:-9]  # the fingerprint mangled, cut short
    window = open_client(parse_args([damaged]))
    assert window is not None
    qtbot.addWidget(window)
    try:
        window.move(1000, 0)
        qtbot.waitExposed(window)
        assert window.pages.currentWidget() is window.join_page
        assert window.join_error.isVisible()
        assert window.join_error.text() == (
            "This join link is damaged, so it cannot be used. Ask your agent to send it again, "
            "or type the session number they give you."
        )
        assert window.focusWidget() is window.number_field  # where typing the number starts
        assert pinned_fingerprint(center_process.url) is None  # nothing of it was kept
    finally:
        window.controller.shutdown()

    # On a computer that knows no center, typing the number cannot work: only the link helps.
    unknown = ClientWindow(ClientController(AsyncBridge()), None)
    qtbot.addWidget(unknown)
    try:
        unknown.show_bad_link()
        assert unknown.join_error.text() == (
            "This join link is damaged, so it cannot be used. Ask your agent to send it again."
        )
    finally:
        unknown.controller.shutdown()


def test_a_center_that_is_not_there_is_explained(qtbot: QtBot) -> None:
    url = f"https://127.0.0.1:{free_port()}"
    remember_pin(url, "ab" * 32)
    client = create_client(url)
    qtbot.addWidget(client)
    try:
        join_from_the_window(qtbot, client)
        assert client.join_error.text() == (
            "The support center is not accepting connections. Try again in a few minutes; if it "
            "still fails, ask your agent for a new join link."
        )
        _shot("client-center-refused", client)
    finally:
        client.controller.shutdown()


def test_a_center_with_another_certificate_is_explained(
    qtbot: QtBot, center_process: CenterProcess
) -> None:
    remember_pin(center_process.url, "00" * 32)
    client = create_client(center_process.url)
    qtbot.addWidget(client)
    try:
        join_from_the_window(qtbot, client)
        assert client.join_error.text() == (
            "The support center did not show the certificate this program trusts, so nothing was "
            "sent: the connection may be intercepted, or the center's certificate has changed. "
            "Ask your agent for a new join link."
        )
    finally:
        client.controller.shutdown()


def test_the_console_gives_the_agent_its_own_advice(
    qtbot: QtBot, console: Console, center_process: CenterProcess
) -> None:
    login = console.login
    login.show()
    qtbot.waitExposed(login)
    _type_into(qtbot, login.server, f"https://127.0.0.1:{free_port()}")
    _type_into(qtbot, login.fingerprint, center_process.fingerprint)
    _type_into(qtbot, login.username, "ada")
    _type_into(qtbot, login.password, "whatever it is")
    click(login.buttons.button(login.buttons.StandardButton.Ok))
    qtbot.waitUntil(lambda: login.error.text() != "", timeout=WAIT_MS)
    assert login.error.text() == (
        "The support center is not accepting connections. Check the center's address and that "
        "it is running, then try again."
    )
