"""Both real apps in real windows on Xvfb, driven by real X mouse and keyboard input:
sign in, start a session, join by number, chat both ways, end (or leave)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.main import create_client
from customer_client.ui.window import ClientWindow
from shared.features.chat.console_panel import SessionChat
from shared.features.chat.customer import CustomerChat
from shared.qt.pins import remember_pin
from shared.session.join_link import format_session_number
from tests.e2e.conftest import CenterProcess
from tests.helpers import AGENT_NAME, AGENT_PASSWORD, AGENT_USER
from tests.xserver import click, key, type_text

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
WAIT_MS = 15_000


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    """Give ``widget``'s window the keyboard, as a window manager would on a click."""
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)


def _type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    _focus(qtbot, field)
    click(field)
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
    key("ctrl+a")
    type_text(text)
    qtbot.waitUntil(lambda: field.text() == text, timeout=WAIT_MS)


@pytest.fixture
def client(qtbot: QtBot, center_process: CenterProcess) -> Iterator[ClientWindow]:
    remember_pin(center_process.url, center_process.fingerprint)
    window = create_client(center_process.url)
    qtbot.addWidget(window)
    yield window
    window.controller.shutdown()


def _sign_in_and_start(qtbot: QtBot, console: Console, center: CenterProcess) -> int:
    login = console.login
    login.move(0, 0)
    login.show()
    qtbot.waitExposed(login)
    _type_into(qtbot, login.server, center.url)
    _type_into(qtbot, login.fingerprint, center.fingerprint)
    _type_into(qtbot, login.username, AGENT_USER)
    _type_into(qtbot, login.password, AGENT_PASSWORD)
    click(login.buttons.button(login.buttons.StandardButton.Ok))
    window = console.window
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    window.move(0, 0)
    qtbot.waitExposed(window)
    assert AGENT_NAME in window.who.text()

    window.tabs.setCurrentIndex(3)  # the Session tab
    click_when_visible(qtbot, _tool_button(window, "button_start_session"))
    qtbot.waitUntil(
        lambda: re.fullmatch(r"\d{3} \d{3} \d{3}", window.session_panel.number.text()) is not None,
        timeout=WAIT_MS,
    )
    number = int(window.session_panel.number.text().replace(" ", ""))
    # The join link is the center's web page for the session (it opens the client or offers it).
    assert window.session_panel.link.text().endswith(f"/j/{number}")

    click(window.session_panel.copy_link)
    qtbot.waitUntil(
        lambda: QGuiApplication.clipboard().text() == window.session_panel.link.text(),
        timeout=WAIT_MS,
    )
    click(window.session_panel.copy_number)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == str(number), timeout=WAIT_MS)
    return number


def _join(qtbot: QtBot, client: ClientWindow, number: int, name: str) -> None:
    client.move(1000, 0)
    client.show()
    qtbot.waitExposed(client)
    _type_into(qtbot, client.number_field, f"{number:,}".replace(",", " "))
    _type_into(qtbot, client.name_field, name)
    click(client.join_button)
    qtbot.waitUntil(
        lambda: client.helper_label.text() == f"{AGENT_NAME} is helping you.", timeout=WAIT_MS
    )


def _tool_button(window: QWidget, name: str) -> QToolButton:
    button = window.findChild(QToolButton, name)
    assert button is not None, name
    return button


def _cell(people: QTreeWidget, row: int, column: int) -> str:
    item = people.topLevelItem(row)
    return item.text(column) if item is not None else ""


def click_when_visible(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=WAIT_MS)
    click(widget)


def _dialog_button(qtbot: QtBot, parent: QWidget, name: str) -> QWidget:
    """The OK button of the confirmation box ``name`` once it shows."""
    found: list[QMessageBox] = []

    def shown() -> bool:
        box = parent.findChild(QMessageBox, name)
        if box is not None and box.isVisible():
            found.append(box)
        return bool(found)

    qtbot.waitUntil(shown, timeout=WAIT_MS)
    return found[0].button(QMessageBox.StandardButton.Ok)


def _screenshot(name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    screen = QApplication.primaryScreen()
    screen.grabWindow(0, 0, 0, 1600, 700).save(str(SCREENSHOTS / f"{name}.png"))


def test_whole_session_through_both_uis(
    qtbot: QtBot, console: Console, client: ClientWindow, center_process: CenterProcess
) -> None:
    number = _sign_in_and_start(qtbot, console, center_process)
    _join(qtbot, client, number, "Grace Hopper")
    window = console.window

    # The console lists the customer with their system and computer; the only customer is the
    # one the agent helps.
    people = window.session_panel.people
    qtbot.waitUntil(
        lambda: people.topLevelItemCount() == 1 and _cell(people, 0, 4) == "helping now",
        timeout=WAIT_MS,
    )
    assert _cell(people, 0, 0) == "Grace Hopper" and _cell(people, 0, 2) and _cell(people, 0, 3)

    # Agent -> customer, addressed to the customer alone.
    agent_chat = window.panels.built["chat"].widget
    customer_chat = client.panels["chat"]
    assert isinstance(agent_chat, SessionChat) and isinstance(customer_chat, CustomerChat)
    agent_chat.recipient.setCurrentIndex(agent_chat.recipient.findText("Grace Hopper"))
    _type_into(qtbot, agent_chat.entry, "Hello Grace, what is wrong?")
    key("Return")
    qtbot.waitUntil(
        lambda: "Hello Grace, what is wrong?" in customer_chat.transcript.toPlainText(),
        timeout=WAIT_MS,
    )
    assert "Demo" not in customer_chat.transcript.toPlainText()
    assert f"{AGENT_NAME} → you" in customer_chat.transcript.toPlainText()

    # Customer -> all, sent with the Send button (non-ASCII chat is covered by the integration
    # tests: xdotool cannot type it into Qt on a bare Xvfb).
    _type_into(qtbot, customer_chat.entry, "My printer is broken again")
    click(customer_chat.send_button)
    qtbot.waitUntil(
        lambda: "My printer is broken again" in agent_chat.transcript.toPlainText(),
        timeout=WAIT_MS,
    )
    _screenshot("session-chat")

    # Only the agent ends it, after confirming; both sides say why it ended.
    window.tabs.setCurrentIndex(3)
    click_when_visible(qtbot, _tool_button(window, "button_end_session"))
    click_when_visible(qtbot, _dialog_button(qtbot, window, "confirmEnd"))
    qtbot.waitUntil(lambda: client.pages.currentWidget() is client.ended_page, timeout=WAIT_MS)
    assert client.ended_label.text() == f"{AGENT_NAME} ended the session."
    qtbot.waitUntil(
        lambda: "You ended the session." in window.session_panel.status.text(), timeout=WAIT_MS
    )
    assert _cell(people, 0, 4) == "session over"
    # The agent's chat says so in a sentence (it once read "Grace Hopper session over.").
    said = agent_chat.transcript.toPlainText()
    assert "The session is over for Grace Hopper." in said and "session over." not in said
    assert client.statusBar().currentMessage() == ""  # no false "connection lost" alarm
    assert not window.registry.action("end_session").isEnabled()
    assert window.registry.action("start_session").isEnabled()
    # The ended session's number stays, greyed: not one to hand out any more.
    panel = window.session_panel
    assert panel.number.text() == format_session_number(number) and not panel.number.isEnabled()
    assert not panel.link.isEnabled()
    _screenshot("session-ended")


def test_customer_leaves_and_agent_sees_it(
    qtbot: QtBot, console: Console, client: ClientWindow, center_process: CenterProcess
) -> None:
    number = _sign_in_and_start(qtbot, console, center_process)
    _join(qtbot, client, number, "Linus")
    click(client.leave_button)
    click_when_visible(qtbot, _dialog_button(qtbot, client, "confirmLeave"))
    qtbot.waitUntil(lambda: client.pages.currentWidget() is client.ended_page, timeout=WAIT_MS)
    assert client.ended_label.text() == "You left the session."
    people = console.window.session_panel.people
    qtbot.waitUntil(
        lambda: people.topLevelItemCount() == 1 and _cell(people, 0, 4) == "left",
        timeout=WAIT_MS,
    )
    # The agent's session is still open for someone else to join.
    assert console.window.registry.action("end_session").isEnabled()


def test_wrong_number_keeps_client_usable(
    qtbot: QtBot, console: Console, client: ClientWindow, center_process: CenterProcess
) -> None:
    number = _sign_in_and_start(qtbot, console, center_process)
    client.move(1000, 0)
    client.show()
    qtbot.waitExposed(client)
    wrong = number + 1 if number < 999_999_999 else number - 1
    _type_into(qtbot, client.number_field, str(wrong))
    _type_into(qtbot, client.name_field, "Ada")
    click(client.join_button)
    qtbot.waitUntil(
        lambda: client.join_error.text() == "There is no session with this number.", timeout=WAIT_MS
    )
    assert client.join_button.isEnabled()
    _type_into(qtbot, client.number_field, str(number))
    click(client.join_button)
    qtbot.waitUntil(
        lambda: client.helper_label.text() == f"{AGENT_NAME} is helping you.", timeout=WAIT_MS
    )
