"""The Queues panel and the Transfer the session dialog on screen, in English and in French,
with the queues as the center sends them (no center: what it says is handed in), real input,
and screenshots left for a person to look at."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QScrollArea, QTreeWidget
from pytestqt.qtbot import QtBot

from csr_console.inbound.actions import ACCEPT_NEXT, SHOW_QUEUES, TRANSFER_SESSION
from csr_console.inbound.panel import QueuesWindow
from csr_console.inbound.transfer_dialog import SessionTransferDialog
from csr_console.main import Console
from csr_console.services.agent_session import AgentAccount, AgentSession
from csr_console.ui.preferences import FaceName
from shared.protocol.messages import ParticipantInfo, Role
from shared.protocol.queues import (
    MAX_TRANSFER_MESSAGE_CHARS,
    OfferedCustomer,
    QueueSummary,
    QueuesView,
)
from shared.qt.i18n import install_translations, remove_translations
from shared.transport.center_link import CenterLink
from tests.screenshots import save_screen
from tests.xserver import click, key, type_text

ACCOUNT = AgentAccount("ada", "Ada Agent", "token", 4)
AGENT = ParticipantInfo(id="p1", role=Role.PRIMARY_AGENT, name="Ada Agent")
GRACE = ParticipantInfo(id="p2", role=Role.CUSTOMER, name="Grace", os="Linux", machine="pc-7")
VIEW = QueuesView(
    version=3,
    queues=[
        QueueSummary(name="billing", title="Billing", waiting=2, longest_wait_s=75),
        QueueSummary(name="tech", title="Technical support", waiting=0, longest_wait_s=0),
    ],
    offered=[
        OfferedCustomer(
            request_id=7,
            name="Linus",
            waited_s=30,
            transferred_by="Bob Agent",
            message="Printer jammed; he already restarted it.",
        )
    ],
)
WAIT_MS = 10_000


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    if request.param == "fr":
        assert install_translations(_app(), "fr") == "fr"
    yield str(request.param)
    remove_translations(_app())


@pytest.fixture
def console(language: str, make_console: Callable[[], Console]) -> Console:
    """Built once the language is in, signed in without a center (nothing is polled)."""
    console = make_console()
    console.controller.account = ACCOUNT
    console.controller.center = CenterLink("https://127.0.0.1:1", "ab" * 32)
    console.controller._set_state(signed_in=True)
    console.faces.switch(FaceName.DASHBOARD)
    return console


def on_loop(console: Console, call: Callable[[], None]) -> None:
    async def run() -> None:
        call()

    console.bridge.submit(run()).result(5)


def _assert_whole(tree: QTreeWidget) -> None:
    """Every column of ``tree`` is seen whole: the list inside the panel's area, its headers
    inside the list (not cut at the right edge, as a scroll area narrower than it cuts)."""
    area = tree.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area is not None
    right = tree.mapTo(area.viewport(), QPoint(tree.width(), 0)).x()
    assert right <= area.viewport().width()
    header = tree.header()
    columns = sum(header.sectionSize(c) for c in range(header.count()))
    assert columns <= tree.viewport().width()
    for column in range(header.count()):
        shown = header.sectionSize(column)
        assert shown >= header.sectionSizeHint(column), tree.headerItem().text(column)


def test_queues_panel_and_transfer_dialog(qtbot: QtBot, console: Console, language: str) -> None:
    inbound = console.actions.inbound.console
    panel = console.window.queues_panel
    accept = console.actions.registry.action(ACCEPT_NEXT)
    assert panel.isVisible() and not accept.isEnabled()  # no queues known yet

    inbound.received(VIEW)
    billing = panel.queues.topLevelItem(0)
    assert billing is not None and billing.text(0) == "Billing"
    assert billing.text(1) == "2" and billing.text(2) == "1:15"
    assert panel.queues.topLevelItem(1).text(2) == "—"  # type: ignore[union-attr]
    _assert_whole(panel.queues)
    # The longest wait grows by itself between the center's answers.
    qtbot.waitUntil(lambda: billing.text(2) in ("1:16", "1:17"), timeout=WAIT_MS)
    # The customer transferred by name: who, from whom, their message.
    offered_row = panel.offered.item(0)
    assert offered_row is not None
    offered = offered_row.text()
    assert "Linus" in offered and "Bob Agent" in offered and "Printer jammed" in offered
    # Accept next can work, counting who waits: on the panel's button too.
    assert accept.isEnabled() and accept.text().endswith("(3)")
    assert panel.accept_button.accessibleName() == accept.text()
    # Keyboard: Queues… brings the keyboard to the list of queues.
    console.actions.registry.action(SHOW_QUEUES).trigger()
    qtbot.waitUntil(lambda: panel.queues.hasFocus(), timeout=WAIT_MS)
    save_screen(f"inbound-queues-panel-{language}")

    # From the icon bar (and the multisession window): the panel in a small window of its own.
    for face in (FaceName.ICON_BAR, FaceName.MULTISESSION):
        console.faces.switch(face)
        console.actions.registry.action(SHOW_QUEUES).trigger()
        window = console.actions.inbound.window
        assert isinstance(window, QueuesWindow)
        qtbot.waitExposed(window)
        shown = window.panel.queues.topLevelItem(0)
        assert shown is not None and shown.text(0) == "Billing" and shown.text(1) == "2"
        queues = window.panel.queues
        qtbot.waitUntil(queues.hasFocus, timeout=WAIT_MS)
    save_screen(f"inbound-queues-window-{language}")
    console.faces.switch(FaceName.DASHBOARD)
    assert isinstance(window, QueuesWindow) and not window.isVisible()  # gone with its face

    # In a session (seated without a center), the primary agent may transfer it.
    controller = console.controller
    assert controller.center is not None
    session = AgentSession(controller.center, ACCOUNT)
    controller._adopt(session)
    on_loop(console, session.engine.connecting)
    on_loop(console, lambda: session.engine.welcomed(123456789, AGENT, []))
    on_loop(console, lambda: session.engine.joined(GRACE))
    transfer = console.actions.registry.action(TRANSFER_SESSION)
    qtbot.waitUntil(transfer.isEnabled, timeout=WAIT_MS)
    transfer.trigger()
    dialog = console.actions.inbound.transfer_dialog
    assert isinstance(dialog, SessionTransferDialog)
    qtbot.waitExposed(dialog)
    # The agents cannot be listed here (no center): it says so, in the dialog.
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT_MS)
    first = dialog.queue_list.item(0)
    assert first is not None and first.text().startswith("Billing")
    assert not dialog.transfer_button.isEnabled()  # no queue picked yet
    click(dialog.queue_list, dialog.queue_list.visualItemRect(first).center())
    qtbot.waitUntil(dialog.transfer_button.isEnabled, timeout=WAIT_MS)

    # The message: a live counter, and past the limit Transfer is off, the limit named.
    dialog.message.setPlainText("x" * (MAX_TRANSFER_MESSAGE_CHARS - 3))
    click(dialog.message)
    dialog.message.moveCursor(dialog.message.textCursor().MoveOperation.End)
    type_text("abcd")
    over = MAX_TRANSFER_MESSAGE_CHARS + 1
    qtbot.waitUntil(lambda: str(over) in dialog.counter.text(), timeout=WAIT_MS)
    assert not dialog.transfer_button.isEnabled()
    assert str(MAX_TRANSFER_MESSAGE_CHARS) in dialog.error.text()
    save_screen(f"inbound-transfer-dialog-{language}")
    key("BackSpace")
    qtbot.waitUntil(dialog.transfer_button.isEnabled, timeout=WAIT_MS)
    assert str(MAX_TRANSFER_MESSAGE_CHARS) not in dialog.error.text()

    # The Agents tab: the dialog sends to agents only once one is ticked.
    dialog.tabs.setCurrentIndex(1)
    assert not dialog.transfer_button.isEnabled()
    dialog.reject()
    on_loop(console, lambda: session.engine.close("ended_by_agent", None))
    qtbot.waitUntil(lambda: not transfer.isEnabled(), timeout=WAIT_MS)
