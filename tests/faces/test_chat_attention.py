"""Chat is not missed (issue 7, section 5), with a real support center and real peers: a
customer's line counts as unread on the Chat action in every face and on the multisession
tab, until the agent opens the chat; it shows briefly over a full-screen viewer; and it comes
as a desktop notification while another program is in front. The customer's side likewise,
while the agent's screen covers the client's window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolButton, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.badge import BADGE_COLOUR
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from shared.features.chat.console_panel import SessionChat
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.features.desktop.windows import SharingWindows
from shared.protocol.messages import EVERYONE
from shared.qt.chat_notice import NOTICE_MS, message_start
from shared.qt.notifier import SystemNotifier, defuse_markup
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import (
    RecordingNotifier,
    agent_starts_session,
    another_program_in_front,
    chat_alerts,
    client_beside,
    client_chat,
    client_joins,
    customer_allowing_sharing,
    stand_in_sharing,
)
from tests.faces.conftest import WAIT_MS, customer_says, join
from tests.helpers import AGENT_NAME

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
LONG_LINE = (
    "Hello, the printer in the office shows error 0x80 again and I cannot print the invoices "
    "for this afternoon's meeting, could you have a look at it please?"
)


def _badged(button: QToolButton) -> bool:
    """The button's icon carries the red count disc (what an icon-only face shows)."""
    image = button.icon().pixmap(24, 24).toImage()
    red = BADGE_COLOUR
    return any(QColor(image.pixel(x, y)) == red for x in range(12, 24) for y in range(0, 12))


def _open_viewer(qtbot: QtBot, windows: SharingWindows) -> RemoteViewer:
    qtbot.waitUntil(lambda: len(windows.viewers) == 1, timeout=WAIT_MS)
    viewer = next(iter(windows.viewers.values()))
    qtbot.waitUntil(viewer.isFullScreen, timeout=WAIT_MS)  # the manual's default
    _bring_forward(qtbot, viewer)
    return viewer


def _bring_forward(qtbot: QtBot, viewer: RemoteViewer) -> None:
    """The person clicks into the viewer, as a window manager would hand it the keyboard."""
    viewer.raise_()
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow, timeout=WAIT_MS)


def test_a_customers_line_is_noticed_in_every_face(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess]
) -> None:
    console, center = console_at_center
    notifier = RecordingNotifier()
    chat_alerts(console).notifier = notifier
    number = agent_starts_session(qtbot, console, center)
    dashboard = console.window
    qtbot.waitUntil(dashboard.isVisible, timeout=WAIT_MS)
    customer = join(qtbot, console, center, number, "Grace", customer_allowing_sharing)
    registry = console.actions.registry
    chat = registry.action("chat")
    slot = console.controller.current
    assert chat.text() == "Chat"

    # The agent looks at the customer's screen: full screen, over the dashboard.
    registry.action("request_view").trigger()
    viewer = _open_viewer(qtbot, slot.part("desktop").windows)
    notice = viewer.chat_notice
    customer_says(customer, LONG_LINE)
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert notice.sender_label.text() == "Grace wrote in the chat:"
    assert notice.text_label.text() == message_start(LONG_LINE)
    assert notice.text_label.text().startswith("Hello, the printer in the office")
    assert notice.text_label.text().endswith("…") and len(notice.text_label.text()) < len(LONG_LINE)
    # Inside the full-screen viewer, and nothing taken from it: the keyboard stays on the screen.
    assert viewer.rect().contains(notice.geometry().translated(viewer.view.pos()))
    assert viewer.isFullScreen() and viewer.isActiveWindow() and viewer.view.hasFocus()
    SCREENSHOTS.mkdir(exist_ok=True)
    viewer.grab().save(str(SCREENSHOTS / "chat-notice-full-screen.png"))
    # Counted on the Chat action, so every face shows it: the dashboard's button says so.
    assert chat.text() == "Chat (1)"
    button = dashboard.findChild(QToolButton, "button_chat")
    assert button is not None and button.text() == "Chat (1)" and _badged(button)
    assert notifier.shown == []  # the console is in front: the notice is enough
    # The notice goes by itself.
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=NOTICE_MS + WAIT_MS)
    # Opening the chat reads it, in front of the viewer.
    chat.trigger()
    assert chat.text() == "Chat" and not _badged(button)
    qtbot.waitUntil(dashboard.isActiveWindow, timeout=WAIT_MS)

    # The icon bar shows only icons: the count is on the Chat icon.
    registry.action("face_icon_bar").trigger()
    bar = console.face
    assert isinstance(bar, IconBar)
    qtbot.waitUntil(bar.isActiveWindow, timeout=WAIT_MS)
    _bring_forward(qtbot, viewer)
    bar_button = bar.findChild(QToolButton, "button_chat")
    assert bar_button is not None and not _badged(bar_button)
    customer_says(customer, "Are you still there?")
    qtbot.waitUntil(lambda: chat.text() == "Chat (1)", timeout=WAIT_MS)
    assert _badged(bar_button) and bar_button.accessibleName() == "Chat (1)"  # said aloud too
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert notice.text_label.text() == "Are you still there?"
    chat.trigger()
    assert bar.panel_window is not None and bar.panel_window.isVisible()
    assert chat.text() == "Chat" and not _badged(bar_button)

    # The multisession window: the session's tab carries the mark until its chat is opened.
    registry.action("face_multisession").trigger()
    window = console.face
    assert isinstance(window, MultisessionWindow)
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    tab = window.tab_of(slot)
    tab_chat = tab.panels.built["chat"].widget
    assert isinstance(tab_chat, SessionChat)
    tab.show_sub_tab("sharing")
    index = window.tabs.indexOf(tab)
    assert "unread" not in window.tabs.tabText(index)
    customer_says(customer, "Hello?")
    qtbot.waitUntil(lambda: "1 unread" in window.tabs.tabText(index), timeout=WAIT_MS)
    assert not window.tabs.tabIcon(index).isNull() and chat.text() == "Chat (1)"
    chat.trigger()
    assert tab.sub_tabs.currentWidget() is tab_chat
    assert "unread" not in window.tabs.tabText(index) and window.tabs.tabIcon(index).isNull()
    assert chat.text() == "Chat"

    # While the open chat is in front, a line is read as it comes.
    customer_says(customer, "Thanks")
    qtbot.waitUntil(lambda: "Thanks" in tab_chat.transcript.toPlainText(), timeout=WAIT_MS)
    assert chat.text() == "Chat"

    # Another program in front: the desktop tells the agent, and its click opens the chat.
    with another_program_in_front(qtbot):
        customer_says(customer, "I found the cable!")
        qtbot.waitUntil(lambda: len(notifier.shown) == 1, timeout=WAIT_MS)
        shown = notifier.shown[0]
        assert shown.title == "Grace wrote — Tandem"
        assert shown.text == "I found the cable!"
        assert shown.window is window
        assert chat.text() == "Chat (1)"
        assert shown.on_click is not None
        shown.on_click()
        assert chat.text() == "Chat"
        assert tab.sub_tabs.currentWidget() is tab_chat


def test_the_customer_notices_a_line_behind_the_agents_screen(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess]
) -> None:
    console, center = console_at_center
    with client_beside(qtbot, console, center) as (number, client):
        client.controller.engine_factories["desktop"] = stand_in_sharing
        notifier = RecordingNotifier()
        client_chat(client).notifier = notifier
        client_joins(qtbot, console, client, number)

        # The agent shows their screen; the customer allows it: it covers the client's window.
        console.actions.registry.action("show_desktop").trigger()
        qtbot.waitUntil(lambda: len(client.consent.dialogs) == 1, timeout=WAIT_MS)
        allow = next(iter(client.consent.dialogs.values())).ok_button
        qtbot.waitUntil(allow.isEnabled, timeout=WAIT_MS)  # Allow works a moment after it shows
        allow.click()
        viewer = _open_viewer(qtbot, client.controller.part("desktop").windows)
        assert not client.isActiveWindow()

        console.controller.current.part("chat").send(EVERYONE, LONG_LINE)
        notice = viewer.chat_notice
        qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
        assert notice.sender_label.text() == f"{AGENT_NAME} wrote in the chat:"
        assert notice.text_label.text() == message_start(LONG_LINE)
        qtbot.waitUntil(lambda: len(notifier.shown) == 1, timeout=WAIT_MS)
        shown = notifier.shown[0]
        assert shown.title == f"{AGENT_NAME} wrote — Tandem"
        assert shown.text == message_start(LONG_LINE) and shown.window is client
        # The keyboard stays where the customer is typing.
        assert viewer.isActiveWindow()
        assert LONG_LINE in client_chat(client).transcript.toPlainText()
        assert shown.on_click is not None
        shown.on_click()
        qtbot.waitUntil(client.isActiveWindow, timeout=WAIT_MS)
        assert client_chat(client).entry.hasFocus()


def test_the_real_notifier_keeps_markup_out_and_copes_without_a_tray(qtbot: QtBot) -> None:
    shown = defuse_markup("<b>IT</b> & co")
    assert "<" not in shown and ">" not in shown and "&" not in shown
    assert shown.replace("‹", "<").replace("›", ">").replace("＆", "&") == "<b>IT</b> & co"
    # This test display has no system tray: the window asks for attention, nothing breaks.
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    notifier = SystemNotifier()
    notifier.notify("Grace wrote — Tandem", "<b>hi</b>", window, lambda: None)
    assert notifier.tray is None or notifier.tray.isVisible()
