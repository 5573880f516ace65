"""Each face with a real session (a real support center process, a customer joined headless):
switching faces mid-session keeps the session and its chat; the multisession window helps two
customers at once, each in their own session, and says so when the center's cap is reached;
the site's default face applies unless the agent chose their own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.feature_panels import FeaturePanels
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from shared.features.chat.console_panel import SessionChat
from shared.session.state import SessionState
from tests.e2e.conftest import CenterProcess
from tests.faces.conftest import (
    WAIT_MS,
    customer_heard,
    customer_says,
    join,
    sign_in,
    start_session,
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def panel(panels: FeaturePanels, key: str) -> SessionChat:
    """A face's chat panel (bound to the session it shows)."""
    widget = panels.built[key].widget
    assert isinstance(widget, SessionChat)
    return widget


def _say(qtbot: QtBot, chat: SessionChat, text: str) -> None:
    """Type ``text`` in a chat panel and press Enter, as the agent would."""
    entry = chat.entry
    entry.setFocus()
    QTest.keyClicks(entry, text)
    QTest.keyClick(entry, Qt.Key.Key_Return)


def _screenshot(name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    QApplication.primaryScreen().grabWindow(0).save(str(SCREENSHOTS / f"{name}.png"))


def test_switching_faces_mid_session_keeps_the_session_and_chat(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess]
) -> None:
    console, center = console_at_center
    sign_in(qtbot, console, center)
    controller = console.controller
    dashboard = console.window
    qtbot.waitUntil(dashboard.isVisible, timeout=WAIT_MS)
    number = start_session(qtbot, console)
    customer = join(qtbot, console, center, number, "Grace")
    session = controller.agent_session
    assert session is not None

    dashboard_chat = panel(dashboard.panels, "chat")
    _say(qtbot, dashboard_chat, "Hello from the dashboard")
    qtbot.waitUntil(lambda: customer_heard(customer, "Hello from the dashboard"), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: "Hello from the dashboard" in dashboard_chat.transcript.toPlainText(),
        timeout=WAIT_MS,
    )

    dashboard.move(0, 0)
    _screenshot("face-dashboard")

    # To the icon bar: the dashboard goes, the bar comes, the session runs on.
    console.actions.registry.action("face_icon_bar").trigger()
    bar = console.face
    assert isinstance(bar, IconBar)
    qtbot.waitUntil(bar.isVisible, timeout=WAIT_MS)
    assert not dashboard.isVisible()
    assert controller.agent_session is session
    assert session.engine.state == SessionState.ACTIVE
    assert console.actions.registry.action("request_view").isEnabled()
    assert bar.session_label.text().replace(" ", "").startswith(str(number))
    console.actions.registry.action("chat").trigger()  # the bar's chat window
    assert bar.panel_window is not None
    qtbot.waitUntil(bar.panel_window.isVisible, timeout=WAIT_MS)
    chat = panel(bar.panel_window.panels, "chat")
    assert "Hello from the dashboard" in chat.transcript.toPlainText()  # the chat so far
    _say(qtbot, chat, "Hello from the icon bar")
    qtbot.waitUntil(lambda: customer_heard(customer, "Hello from the icon bar"), timeout=WAIT_MS)
    customer_says(customer, "Bar reply")
    qtbot.waitUntil(lambda: "Bar reply" in chat.transcript.toPlainText(), timeout=WAIT_MS)
    _screenshot("face-icon-bar")

    # To the multisession window: the session is its tab, the chat its Chat sub-tab.
    console.actions.registry.action("face_multisession").trigger()
    window = console.face
    assert isinstance(window, MultisessionWindow)
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    assert not bar.isVisible()
    tab = window.tab_of(controller.current)
    assert window.tabs.count() == 1
    tab_chat = panel(tab.panels, "chat")
    console.actions.registry.action("chat").trigger()
    assert tab.sub_tabs.currentWidget() is tab_chat
    assert "Bar reply" in tab_chat.transcript.toPlainText()
    _say(qtbot, tab_chat, "Hello from the tab")
    qtbot.waitUntil(lambda: customer_heard(customer, "Hello from the tab"), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: "Hello from the tab" in tab_chat.transcript.toPlainText(), timeout=WAIT_MS
    )

    # And back to the dashboard: everything said is there, and it still works.
    console.actions.registry.action("face_dashboard").trigger()
    qtbot.waitUntil(dashboard.isVisible, timeout=WAIT_MS)
    assert not window.isVisible()
    transcript = dashboard_chat.transcript.toPlainText()
    for line in ("Hello from the dashboard", "Bar reply", "Hello from the tab"):
        assert line in transcript
    customer_says(customer, "Still here")
    qtbot.waitUntil(
        lambda: "Still here" in dashboard_chat.transcript.toPlainText(), timeout=WAIT_MS
    )
    assert session.engine.state == SessionState.ACTIVE
    # The choice is kept: the next start shows the dashboard again.
    assert console.preferences.face == FaceName.DASHBOARD


def test_multisession_helps_two_customers_within_the_cap(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    center = start_center_with("--max-sessions", "2")
    console = make_console()
    console.preferences.face = FaceName.MULTISESSION
    sign_in(qtbot, console, center)
    window = console.face
    assert isinstance(window, MultisessionWindow)
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    controller = console.controller
    registry = console.actions.registry
    assert controller.state.max_sessions == 2

    first = start_session(qtbot, console)
    grace = join(qtbot, console, center, first, "Grace")
    slot_a = controller.current
    # A second customer, in a second session: a new tab, now current.
    second = start_session(qtbot, console)
    linus = join(qtbot, console, center, second, "Linus")
    slot_b = controller.current
    assert first != second and slot_a is not slot_b
    assert slot_a.agent_session is not slot_b.agent_session
    assert window.tabs.count() == 2
    assert window.tabs.currentWidget() is window.tab_of(slot_b)
    assert slot_a.state.customer_linked and slot_b.state.customer_linked
    assert slot_a.customer_names == ["Grace"] and slot_b.customer_names == ["Linus"]
    assert "Linus" in window.tabs.tabText(1) and "Grace" in window.tabs.tabText(0)
    people_b = window.tab_of(slot_b).people
    row = people_b.topLevelItem(0)
    assert people_b.topLevelItemCount() == 1 and row is not None and row.text(0) == "Linus"

    # Each tab's chat goes to its own customer only.
    _say(qtbot, panel(window.tab_of(slot_b).panels, "chat"), "For Linus")
    qtbot.waitUntil(lambda: customer_heard(linus, "For Linus"), timeout=WAIT_MS)
    window.tabs.setCurrentIndex(0)
    assert controller.current is slot_a
    _say(qtbot, panel(window.tab_of(slot_a).panels, "chat"), "For Grace")
    qtbot.waitUntil(lambda: customer_heard(grace, "For Grace"), timeout=WAIT_MS)
    assert not customer_heard(grace, "For Linus") and not customer_heard(linus, "For Grace")
    # The Desktop actions address the session on screen.
    assert slot_a.part("desktop").status.customers[0][1] == "Grace"
    window.tab_of(slot_a).show_sub_tab("sharing")
    _screenshot("face-multisession")

    # The cap: two open, Start is off and says why, the window says so too.
    start = registry.action("start_session")
    assert not start.isEnabled()
    assert "the most your support center allows" in start.toolTip()
    assert window.cap_notice.isVisible()
    assert "2 sessions open" in window.cap_notice.text()
    _screenshot("face-multisession-cap")
    assert controller.start_session() is False  # asked anyway (a shortcut, a script)

    def box_shown() -> bool:
        box = window.findChild(QMessageBox, "capReached")
        return box is not None and box.isVisible()

    qtbot.waitUntil(box_shown, timeout=WAIT_MS)
    box = window.findChild(QMessageBox, "capReached")
    assert box is not None and "2 sessions open" in box.text()
    box.close()
    assert len(controller.slots) == 2

    # Ending one frees a place.
    slot_a.end()
    qtbot.waitUntil(lambda: slot_a.state.session == SessionState.ENDED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.cap_notice.isVisible(), timeout=WAIT_MS)
    assert start.isEnabled()
    assert slot_b.state.session == SessionState.ACTIVE  # the other session is untouched


def test_site_default_face_unless_the_agent_chose(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    center = start_center_with("--default-face", "icon_bar")
    console = make_console()
    sign_in(qtbot, console, center)
    assert console.controller.account is not None
    assert console.controller.account.default_face == "icon_bar"
    assert isinstance(console.face, IconBar)
    qtbot.waitUntil(console.face.isVisible, timeout=WAIT_MS)
    number = start_session(qtbot, console)
    join(qtbot, console, center, number, "Grace")
    bar = console.face
    qtbot.waitUntil(lambda: bar.session_label.text() != "No session", timeout=WAIT_MS)
    _screenshot("face-icon-bar-session")

    other = make_console()
    other.preferences.face = FaceName.MULTISESSION  # the agent's own choice wins
    sign_in(qtbot, other, center)
    assert isinstance(other.face, MultisessionWindow)
