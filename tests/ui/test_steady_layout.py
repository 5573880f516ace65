"""Nothing jumps: a status message appearing, or a customer's long line wrapping, leaves every
other widget of the dashboard (and of the client's window) where it was."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from csr_console.ui.actions import ConsoleState
from csr_console.ui.console_actions import ConsoleActions
from csr_console.ui.controller import ConsoleController
from csr_console.ui.multisession import MultisessionWindow
from customer_client.ui.controller import ClientController
from customer_client.ui.window import ClientWindow
from shared.features.chat.console_panel import SessionChat
from shared.features.desktop.customer import SharedNow
from shared.features.desktop.part import DesktopPart
from shared.protocol.messages import ParticipantInfo, Role
from shared.qt.bridge import AsyncBridge
from tests.ui.console_harness import Console

LONG_NAME = "Grace Hopper-Montgomery de la Vallée-Poussin"
WORD_WRAP = int(Qt.TextFlag.TextWordWrap)


def _places(window: QWidget, widgets: list[QWidget]) -> list[QRect]:
    """Where each of ``widgets`` is in ``window``, once the layout has settled."""
    QApplication.processEvents()
    return [QRect(w.mapTo(window, QPoint(0, 0)), w.size()) for w in widgets]


def test_dashboard_keeps_still_as_messages_come_and_lines_wrap(
    qtbot: QtBot, console: Console
) -> None:
    window = console.window
    window.show()
    qtbot.waitExposed(window)
    console.enter_session()
    panel = window.session_panel
    chat = window.panels.built["chat"].widget
    assert isinstance(chat, SessionChat)
    watched = [
        window.tabs,
        window.customer_panel,
        panel.number,
        panel.link,
        panel.people,
        chat,
        chat.entry,
    ]
    before = _places(window, watched)

    window.show_message("Session number copied.")
    assert _places(window, watched) == before, "a status bar message"

    customer = ParticipantInfo(id="p2", role=Role.CUSTOMER, name=LONG_NAME)
    console.on_loop(lambda: console.session.engine.joined(customer))
    qtbot.waitUntil(lambda: LONG_NAME in window.customer_label.text())
    assert window.customer_label.heightForWidth(window.customer_label.width()) > (
        window.customer_label.fontMetrics().lineSpacing()
    )  # it does wrap
    assert _places(window, watched) == before, "the customer's line wrapping"

    panel.show_status(
        "Could not start a session: the support center did not answer in time; "
        "check the network and try again."
    )
    assert _places(window, watched) == before, "a long session message"


def test_client_keeps_still_as_messages_come(qtbot: QtBot) -> None:
    client = ClientWindow(ClientController(AsyncBridge()), "https://127.0.0.1:1")
    qtbot.addWidget(client)
    try:
        client.pages.setCurrentWidget(client.session_page)
        client.show()
        qtbot.waitExposed(client)
        watched = [client.helper_label, client.panels["chat"], client.leave_button]
        before = _places(client, watched)
        client._problem("The connection to the support center dropped; trying again.")
        desktop = client.controller.part("desktop")
        assert isinstance(desktop, DesktopPart)
        desktop.windows.shared_now.emit(
            ["Ada can see your screen.", "You are viewing Ada's screen."]
        )
        shared_now = client.panels["desktop"]
        assert isinstance(shared_now, SharedNow)
        assert shared_now.label.text().startswith("Ada can see your screen.")  # it did change
        assert _places(client, watched) == before
    finally:
        client.controller.bridge.stop()


def test_a_join_error_moves_nothing_on_the_client_form(qtbot: QtBot) -> None:
    client = ClientWindow(ClientController(AsyncBridge()), "https://127.0.0.1:1")
    qtbot.addWidget(client)
    try:
        client.show()
        qtbot.waitExposed(client)
        watched = [client.number_field, client.name_field, client.join_button]
        before = _places(client, watched)
        client._join_failed(
            "The support center does not answer. Check your internet connection, then try "
            "again; if it goes on, ask your agent for a new join link."
        )
        assert client.join_error.isVisible()
        assert _places(client, watched) == before
    finally:
        client.controller.bridge.stop()


def test_the_cap_notice_leaves_the_session_tabs_where_they_were(qtbot: QtBot) -> None:
    controller = ConsoleController(AsyncBridge())
    window = MultisessionWindow(controller, ConsoleActions(controller))
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        before = _places(window, [window.tabs.tabBar()])
        window._state_changed(ConsoleState(signed_in=True, sessions_open=3, max_sessions=3))
        assert window.cap_notice.isVisible()
        assert _places(window, [window.tabs.tabBar()]) == before
    finally:
        controller.bridge.stop()


def test_the_customer_line_shows_the_computer_however_long_the_system(
    qtbot: QtBot, console: Console
) -> None:
    """The label keeps two lines: the customer's name, then their computer's name, which must
    be among what shows; a long system name runs on into the part cut off (the tooltip has all)."""
    window = console.window
    window.show()
    qtbot.waitExposed(window)
    console.enter_session()
    customer = ParticipantInfo(
        id="p2",
        role=Role.CUSTOMER,
        name="Anne-Marie O'Connell",
        os="Debian GNU/Linux 12 (bookworm) (x86_64)",
        machine="accounts-pc-07",
    )
    console.on_loop(lambda: console.session.engine.joined(customer))
    label = window.customer_label
    qtbot.waitUntil(lambda: "accounts-pc-07" in label.text())
    text = label.text()
    shown_lines = 2
    through_computer = text[: text.index("accounts-pc-07") + len("accounts-pc-07")]
    room = QRect(0, 0, label.contentsRect().width(), 10_000)
    needed = label.fontMetrics().boundingRect(room, WORD_WRAP, through_computer).height()
    assert needed <= label.fontMetrics().lineSpacing() * shown_lines
    assert "accounts-pc-07" in label.toolTip() and "(x86_64)" in label.toolTip()
