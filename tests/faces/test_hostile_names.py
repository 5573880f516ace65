"""Names are never rendered (issue 7, section 4): a customer named like a styled "IT ADMIN", an
agent whose display name is markup, chat lines of markup, all through a real session (a real
support center, the real console and client windows, real peers). Every window of the three
faces, the client, the consent dialog, the viewer and its chat notice, the indicator, the
questions and the notifications show these texts exactly as they were written."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from customer_client.main import create_client
from customer_client.ui.consent_dialog import ConsentDialog
from customer_client.ui.window import ClientWindow
from shared.features.chat.console_panel import SessionChat
from shared.features.desktop.customer import SharedNow
from shared.protocol.messages import EVERYONE
from shared.qt.notifier import defuse_markup
from shared.qt.pins import remember_pin
from tests.e2e.conftest import CenterProcess, _center_cli
from tests.faces.attention import (
    RecordingNotifier,
    another_program_in_front,
    chat_alerts,
    client_chat,
    stand_in_sharing,
)
from tests.faces.conftest import WAIT_MS, start_session
from tests.helpers import AGENT_PASSWORD
from tests.i18n.walk import displayed_texts, label_shown

CUSTOMER = "<h1><font color=red>IT ADMIN</font></h1> R&D"
AGENT = "<b style='color:red'>SECURITY TEAM</b> &lt;3"
LINE = "<h2>SYSTEM NOTICE</h2> <a href='https://example.com'>sign in again</a>"
# A word of each hostile text, and the whole text: wherever the word shows, all of it must.
WRITTEN = {"IT ADMIN": CUSTOMER, "SECURITY TEAM": AGENT, "SYSTEM NOTICE": LINE}


def assert_as_written(*windows: QWidget) -> list[tuple[str, str]]:
    texts = displayed_texts(*windows)
    rendered = [
        f"{where}: {text!r}"
        for where, text in texts
        for word, whole in WRITTEN.items()
        if word in text and whole not in text
    ]
    assert not rendered, "shown other than written:\n" + "\n".join(rendered)
    return texts


def _visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_hostile_names_and_lines_show_as_written_everywhere(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    center = start_center_with()
    _center_cli(
        center.data_dir,
        "add-agent",
        "eve",
        "--name",
        AGENT,
        "--password-stdin",
        stdin=AGENT_PASSWORD + "\n",
    )
    console = make_console()
    console.controller.engine_factories["desktop"] = stand_in_sharing
    agent_told = RecordingNotifier()
    chat_alerts(console).notifier = agent_told
    console.controller.sign_in(center.url, center.fingerprint, "eve", AGENT_PASSWORD)
    qtbot.waitUntil(lambda: console.controller.state.signed_in, timeout=WAIT_MS)
    console.login.accept()
    console.faces.show_preferred()
    dashboard = console.faces.dashboard
    qtbot.waitExposed(dashboard)
    number = start_session(qtbot, console)

    remember_pin(center.url, center.fingerprint)
    client: ClientWindow = create_client(center.url)
    qtbot.addWidget(client)
    client.controller.engine_factories["desktop"] = stand_in_sharing
    customer_told = RecordingNotifier()
    client_chat(client).notifier = customer_told
    try:
        client.show()
        client.prefill(number, CUSTOMER, None)
        client.submit_join()
        qtbot.waitUntil(lambda: console.controller.state.customer_linked, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: AGENT in label_shown(client.helper_label), timeout=WAIT_MS)
        slot = console.controller.current
        assert slot.customer_names == [CUSTOMER]
        customer_chat = client_chat(client)
        agent_chat = dashboard.panels.built["chat"].widget
        assert isinstance(agent_chat, SessionChat)

        # Both write markup to each other.
        client.controller.part("chat").send(EVERYONE, LINE)
        slot.part("chat").send(EVERYONE, LINE)
        qtbot.waitUntil(
            lambda: customer_chat.transcript.toPlainText().count(LINE) == 2, timeout=WAIT_MS
        )
        qtbot.waitUntil(
            lambda: agent_chat.transcript.toPlainText().count(LINE) == 2, timeout=WAIT_MS
        )
        assert CUSTOMER in label_shown(dashboard.customer_label)
        assert AGENT in label_shown(dashboard.who) and AGENT in dashboard.windowTitle()
        assert f"{CUSTOMER}: {LINE}" in agent_chat.transcript.toPlainText()
        assert f"{AGENT}: {LINE}" in customer_chat.transcript.toPlainText()
        assert_as_written(dashboard, client)

        # The agent asks to see the screen: the customer's question names the agent.
        console.actions.registry.action("request_view").trigger()
        qtbot.waitUntil(lambda: len(client.consent.dialogs) == 1, timeout=WAIT_MS)
        dialog: ConsentDialog = next(iter(client.consent.dialogs.values()))
        assert label_shown(dialog.question) == f"{AGENT} asks to see your screen"
        assert_as_written(dialog)
        qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)  # a moment after it shows
        dialog.ok_button.click()
        viewers = slot.part("desktop").windows.viewers
        qtbot.waitUntil(lambda: len(viewers) == 1, timeout=WAIT_MS)
        viewer = next(iter(viewers.values()))
        assert viewer.windowTitle() == f"{CUSTOMER}'s screen — Tandem"
        indicator = client.controller.part("desktop").windows.indicator
        qtbot.waitUntil(indicator.isVisible, timeout=WAIT_MS)
        assert label_shown(indicator.label) == f"Your screen is being viewed by {AGENT}"
        shared_now = client.panels["desktop"]
        assert isinstance(shared_now, SharedNow)
        assert f"{AGENT} can see your screen." in label_shown(shared_now.label)

        # A line over the agent's viewer, and on the agent's desktop while away.
        client.controller.part("chat").send(EVERYONE, LINE)
        qtbot.waitUntil(viewer.chat_notice.isVisible, timeout=WAIT_MS)
        assert label_shown(viewer.chat_notice.sender_label) == f"{CUSTOMER} wrote in the chat:"
        assert label_shown(viewer.chat_notice.text_label) == LINE
        assert_as_written(viewer, indicator, client)
        with another_program_in_front(qtbot):
            client.controller.part("chat").send(EVERYONE, LINE)
            qtbot.waitUntil(lambda: len(agent_told.shown) == 1, timeout=WAIT_MS)
        told = agent_told.shown[0]
        assert (told.title, told.text) == (f"{CUSTOMER} wrote — Tandem", LINE)
        assert "<" not in defuse_markup(told.text)  # what a Linux desktop would get

        # Every face, every part of it (hidden tabs and pages included), and the chat window.
        for name in (FaceName.ICON_BAR, FaceName.MULTISESSION, FaceName.DASHBOARD):
            console.faces.switch(name)
            face = console.faces.face(name)
            qtbot.waitExposed(face)
            console.actions.registry.action("chat").trigger()
            if isinstance(face, MultisessionWindow):
                tab = face.tab_of(slot)
                assert CUSTOMER in label_shown(tab.status)
                index = face.tabs.indexOf(tab)
                assert any(CUSTOMER in text for _, text in displayed_texts(face.tabs.tabBar()))
                assert face.tabs.tabText(index).count("&&") == 1  # R&D, not a shortcut
            if isinstance(face, IconBar):
                assert face.panel_window is not None
                assert CUSTOMER in label_shown(face.session_label)
            texts = assert_as_written(face, *_visible_windows())
            assert any(CUSTOMER in text for _, text in texts), name
            assert any(LINE in text for _, text in texts), name

        # The end: the agent's question, the customer's last page.
        console.actions.registry.action("end_session").trigger()
        qtbot.waitUntil(
            lambda: any(isinstance(w, QMessageBox) for w in _visible_windows()), timeout=WAIT_MS
        )
        box = next(w for w in _visible_windows() if isinstance(w, QMessageBox))
        assert_as_written(box)
        box.button(QMessageBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: client.pages.currentWidget() is client.ended_page, timeout=WAIT_MS)
        assert label_shown(client.ended_label) == f"{AGENT} ended the session."
        assert_as_written(client, dashboard, *_visible_windows())
    finally:
        client.controller.close_parts()
        client.controller.shutdown()


def test_a_name_with_control_characters_is_refused_before_joining(qtbot: QtBot) -> None:
    # The protocol refuses it too; the client says why first, with nothing sent.
    client = create_client("https://127.0.0.1:1")
    qtbot.addWidget(client)
    try:
        client.show()
        client.prefill(123_456_789, "Grace\u202eNIMDA TI", None)
        client.submit_join()
        assert label_shown(client.join_error) == (
            "Your name must be one line of ordinary text, without control characters."
        )
        assert client.join_button.isEnabled() and client.controller.customer is None
    finally:
        client.controller.shutdown()
