"""The console's queues against a real support center: the panel follows customers waiting,
Accept next opens the session and the customer arrives, two consoles accepting at once get two
customers, accepting automatically when free, and transferring a session to a queue."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from csr_console.inbound.actions import ACCEPT_NEXT, TRANSFER_SESSION
from csr_console.inbound.panel import QueuesPanel
from csr_console.inbound.transfer_dialog import SessionTransferDialog
from csr_console.main import Console
from csr_console.ui.preferences import FaceName
from csr_console.ui.session_slot import SessionSlot
from shared.protocol.queues import MAX_TRANSFER_MESSAGE_CHARS, TransferRequest
from shared.session.state import SessionState
from shared.transport.center_link import CenterError
from tests.faces.conftest import WAIT_MS
from tests.helpers import AGENT_NAME, AGENT_USER
from tests.inbound_console.conftest import BOB_USER, InboundCenter, WaitingCustomer, signed_in
from tests.screenshots import save_screen
from tests.xserver import click, key, type_text

PROBLEM = "The invoice shows the wrong address."


def panel_of(console: Console) -> QueuesPanel:
    console.faces.switch(FaceName.DASHBOARD)
    return console.window.queues_panel


def row(panel: QueuesPanel, title: str) -> tuple[str, str]:
    """(waiting, longest wait) as the panel shows them for queue ``title``."""
    for index in range(panel.queues.topLevelItemCount()):
        item = panel.queues.topLevelItem(index)
        if item is not None and item.text(0) == title:
            return item.text(1), item.text(2)
    return "", ""


def transcript(slot: SessionSlot) -> str:
    return "\n".join(entry.text for entry in slot.part("chat").entries)


def helping(console: Console, customer: WaitingCustomer) -> SessionSlot | None:
    """The console's session in which ``customer`` is connected, if any."""
    for slot in console.controller.slots:
        if (
            slot.started is not None
            and customer.accepted is not None
            and slot.started.number == customer.accepted.session
            and customer.name in slot.customer_names
            and slot.state.customer_linked
        ):
            return slot
    return None


def message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_panel_follows_the_queue_and_accept_next_brings_the_customer(
    qtbot: QtBot, make_console: Callable[[], Console], inbound_center: InboundCenter
) -> None:
    inbound_center.add_queue("billing", "Billing", AGENT_USER)
    console = make_console()
    signed_in(qtbot, console, inbound_center)
    panel = panel_of(console)
    qtbot.waitUntil(lambda: row(panel, "Billing") == ("0", "—"), timeout=WAIT_MS)

    grace = inbound_center.waits("billing", "Grace", PROBLEM)
    qtbot.waitUntil(lambda: row(panel, "Billing")[0] == "1", timeout=WAIT_MS)
    # The longest wait is live: it grows while she waits.
    first = row(panel, "Billing")[1]
    qtbot.waitUntil(lambda: row(panel, "Billing")[1] > first, timeout=WAIT_MS)
    inbound_center.waits("billing", "Linus")
    qtbot.waitUntil(lambda: row(panel, "Billing")[0] == "2", timeout=WAIT_MS)
    accept = console.actions.registry.action(ACCEPT_NEXT)
    assert accept.text() == "Accept next (2)"

    # Accept next takes the one who waited longest; the session starts as she arrives.
    click(panel.accept_button)
    qtbot.waitUntil(lambda: helping(console, grace) is not None, timeout=WAIT_MS)
    slot = helping(console, grace)
    assert slot is not None and slot.state.is_primary
    qtbot.waitUntil(
        lambda: "Grace joined." in transcript(slot) and "Session " in transcript(slot),
        timeout=WAIT_MS,
    )
    said = transcript(slot)
    # She was waiting already: once she is in, nobody says she is on her way.
    assert "on their way" not in said[said.index("Grace joined.") :]
    assert "Grace asked for help in the queue Billing" in said
    assert PROBLEM in said and "grace@customer.example" in said
    assert "https://shop.example/cart" in said
    # Her answers in the customer panel too, beside her details.
    note = console.window.customer_panel.findChild(QLabel, "inboundCustomer")
    assert isinstance(note, QLabel) and note.isVisible()
    assert PROBLEM in note.text() and "Billing" in note.text()
    qtbot.waitUntil(lambda: row(panel, "Billing")[0] == "1", timeout=WAIT_MS)


def test_nobody_waiting_is_said_without_an_error_box(
    qtbot: QtBot, make_console: Callable[[], Console], inbound_center: InboundCenter
) -> None:
    inbound_center.add_queue("billing", "Billing", AGENT_USER)
    console = make_console()
    signed_in(qtbot, console, inbound_center)
    panel = panel_of(console)
    accept = console.actions.registry.action(ACCEPT_NEXT)
    qtbot.waitUntil(accept.isEnabled, timeout=WAIT_MS)
    # Its shortcut, from the keyboard.
    console.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console.window, timeout=WAIT_MS)
    key("ctrl+shift+a")
    qtbot.waitUntil(lambda: "Nobody is waiting" in panel.status.text(), timeout=WAIT_MS)
    assert not message_boxes()
    assert not console.controller.state.busy


def test_two_consoles_accepting_at_once_get_two_customers(
    qtbot: QtBot, make_console: Callable[[], Console], inbound_center: InboundCenter
) -> None:
    inbound_center.add_queue("billing", "Billing", AGENT_USER, BOB_USER)
    ada, bob = make_console(), make_console()
    signed_in(qtbot, ada, inbound_center)
    signed_in(qtbot, bob, inbound_center, BOB_USER)
    customers = [inbound_center.waits("billing", name) for name in ("Grace", "Linus")]
    actions = [console.actions.registry.action(ACCEPT_NEXT) for console in (ada, bob)]
    qtbot.waitUntil(lambda: all(a.text() == "Accept next (2)" for a in actions), timeout=WAIT_MS)
    # The same moment: both requests leave before either answer comes back.
    ada.actions.registry.action(ACCEPT_NEXT).trigger()
    bob.actions.registry.action(ACCEPT_NEXT).trigger()
    qtbot.waitUntil(lambda: all(c.joined_number is not None for c in customers), timeout=WAIT_MS)
    numbers = {c.joined_number for c in customers}
    assert len(numbers) == 2

    def helped() -> list[str]:
        return sorted(c.name for c in customers for console in (ada, bob) if helping(console, c))

    qtbot.waitUntil(lambda: helped() == ["Grace", "Linus"], timeout=WAIT_MS)
    ada_helps = [c.name for c in customers if helping(ada, c)]
    bob_helps = [c.name for c in customers if helping(bob, c)]
    assert len(ada_helps) == 1 and len(bob_helps) == 1 and ada_helps != bob_helps


def test_accepting_automatically_when_free(
    qtbot: QtBot, make_console: Callable[[], Console], inbound_center: InboundCenter
) -> None:
    inbound_center.add_queue("billing", "Billing", AGENT_USER)
    console = make_console()
    signed_in(qtbot, console, inbound_center)
    panel = panel_of(console)
    click(panel.auto)
    qtbot.waitUntil(lambda: console.actions.inbound.console.auto_accept, timeout=WAIT_MS)

    grace = inbound_center.waits("billing", "Grace")
    qtbot.waitUntil(lambda: helping(console, grace) is not None, timeout=WAIT_MS)
    # Busy with Grace: the next customer waits, seen waiting, not taken.
    linus = inbound_center.waits("billing", "Linus")
    qtbot.waitUntil(lambda: row(panel, "Billing")[0] == "1", timeout=WAIT_MS)
    assert linus.accepted is None
    assert sum(1 for s in console.controller.slots if s.state.busy) == 1

    # Free again: Linus is taken at once.
    slot = helping(console, grace)
    assert slot is not None
    slot.end()
    qtbot.waitUntil(lambda: helping(console, linus) is not None, timeout=WAIT_MS)
    assert sum(1 for s in console.controller.slots if s.state.busy) == 1


def test_transfer_to_a_queue_hands_the_customer_to_the_next_agent(
    qtbot: QtBot, make_console: Callable[[], Console], inbound_center: InboundCenter
) -> None:
    inbound_center.add_queue("billing", "Billing", AGENT_USER)
    inbound_center.add_queue("tech", "Technical support", BOB_USER)
    ada, bob = make_console(), make_console()
    signed_in(qtbot, ada, inbound_center)
    signed_in(qtbot, bob, inbound_center, BOB_USER)
    grace = inbound_center.waits("billing", "Grace", PROBLEM)
    accept = ada.actions.registry.action(ACCEPT_NEXT)
    qtbot.waitUntil(lambda: accept.text() == "Accept next (1)", timeout=WAIT_MS)
    accept.trigger()
    qtbot.waitUntil(lambda: helping(ada, grace) is not None, timeout=WAIT_MS)
    slot = helping(ada, grace)
    assert slot is not None and slot.started is not None
    number = slot.started.number

    # Past the limit the center refuses a transfer itself, naming the limit.
    controller = ada.controller
    assert controller.center is not None and controller.account is not None
    too_long = TransferRequest.model_construct(
        queue="tech", agents=[], message="x" * (MAX_TRANSFER_MESSAGE_CHARS + 1)
    )
    try:
        ada.bridge.submit(
            controller.center.call(
                "POST",
                f"/api/sessions/{number}/transfer",
                too_long.model_dump(),
                token=controller.account.token,
            )
        ).result(WAIT_MS / 1000)
    except CenterError as refused:
        assert str(MAX_TRANSFER_MESSAGE_CHARS) in refused.reason
    else:
        raise AssertionError("the center took a message past the limit")

    # Transfer the session…: the Technical support queue, with a message.
    panel_of(ada)
    ada.actions.registry.action(TRANSFER_SESSION).trigger()
    dialog = ada.actions.inbound.transfer_dialog
    assert isinstance(dialog, SessionTransferDialog)
    qtbot.waitExposed(dialog)
    # In front of Bob's console (the test display has no window manager to do it).
    bob.window.lower()
    dialog.raise_()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    # The Agents tab lists Bob, online.
    qtbot.waitUntil(lambda: dialog.agent_list.count() == 1, timeout=WAIT_MS)
    bob_row = dialog.agent_list.item(0)
    assert bob_row is not None and "Bob Agent" in bob_row.text()
    assert "online" in bob_row.text()
    dialog.tabs.setCurrentIndex(1)
    save_screen("inbound-transfer-agents-en")
    dialog.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.queue_list.count() == 2, timeout=WAIT_MS)
    # Not one of her queues: shown by its title all the same (the center lists every title).
    tech = dialog.queue_list.findItems("Technical support", Qt.MatchFlag.MatchExactly)[0]
    click(dialog.queue_list, dialog.queue_list.visualItemRect(tech).center())
    click(dialog.message)
    type_text("Needs a refund")
    qtbot.waitUntil(lambda: dialog.message.toPlainText() == "Needs a refund", timeout=WAIT_MS)
    click(dialog.transfer_button)

    # Ada leaves the session; it is not ended: Grace waits in it for the next agent.
    qtbot.waitUntil(lambda: slot.state.session == SessionState.ENDED, timeout=WAIT_MS)
    # The sentence comes with the session's end, possibly one event after the state.
    qtbot.waitUntil(lambda: "You transferred the session" in transcript(slot), timeout=WAIT_MS)
    assert grace.session is not None
    bob_panel = panel_of(bob)
    qtbot.waitUntil(lambda: row(bob_panel, "Technical support")[0] == "1", timeout=WAIT_MS)

    # Bob accepts: the same session, Grace still in it.
    bob.actions.registry.action(ACCEPT_NEXT).trigger()

    def bob_has_her() -> bool:
        return any(
            s.started is not None
            and s.started.number == number
            and "Grace" in s.customer_names
            and s.state.customer_linked
            for s in bob.controller.slots
        )

    qtbot.waitUntil(bob_has_her, timeout=WAIT_MS)
    bob_slot = next(s for s in bob.controller.slots if s.started and s.started.number == number)
    said = transcript(bob_slot)
    assert f"{AGENT_NAME} transferred Grace to the queue Technical support" in said
    assert "Needs a refund" in said and PROBLEM in said
    assert grace.session.engine.state == SessionState.ACTIVE
