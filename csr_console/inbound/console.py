"""The console's inbound support, behind every face: the agent's queues kept up to date by the
center's long poll (run on the asyncio thread), Accept next, accepting automatically when free,
and transferring a session.

The faces show it (``QueuesPanel``) and the actions call it; nothing here knows a face.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from csr_console.inbound.center_api import accept_next, queue_agents, queues_view, transfer_session
from csr_console.inbound.texts import accepted_lines, nobody_waiting_text
from csr_console.services.agent_session import AgentAccount
from csr_console.ui.controller import ConsoleController
from csr_console.ui.session_slot import SessionSlot
from shared.protocol.queues import AcceptedCustomer, QueueAgents, QueuesView, TransferRequest
from shared.qt.session_controller import error_text
from shared.transport.center_link import CenterError, CenterLink

# After a failed poll the console asks again after this long, doubling up to the most: a center
# restarting is found again within half a minute without being hammered meanwhile.
RETRY_FIRST_S = 1.0
RETRY_MOST_S = 30.0
# A center answering a long poll at once with nothing new (an older center that does not hold
# it) is asked again no sooner than this: the console never spins on it.
SAME_VERSION_GAP_S = 2.0


class InboundConsole(QObject):
    # The queues or what the agent may do with them changed: the panels and actions re-read.
    changed = Signal()
    # A sentence for the agent (nobody waiting, why Accept next failed…).
    told = Signal(str)
    # A customer was accepted, and the slot their session runs in.
    accepted = Signal(object, object)  # (AcceptedCustomer, SessionSlot)
    # From the asyncio thread: (generation, QueuesView | None, error | None).
    _polled = Signal(int, object, object)

    def __init__(self, controller: ConsoleController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.view: QueuesView | None = None
        # When ``view`` arrived (time.monotonic()): its waits grow from there.
        self.view_at = 0.0
        # Why the queues could not be read ("" while they can).
        self.problem = ""
        self.accepting = False
        self.auto_accept = False
        # The view's version when an automatic accept found nobody or failed: not tried again
        # until the queues change.
        self._auto_held: int | None = None
        # Each sign-in polls under a new number; answers of an earlier one are dropped.
        self._generation = 0
        self._poll: concurrent.futures.Future[None] | None = None
        # What the center told about each customer accepted here, by session number.
        self.customers: dict[int, AcceptedCustomer] = {}
        self._polled.connect(self._on_polled)
        controller.signed_in.connect(self._signed_in)
        controller.signed_out.connect(self.stop)
        controller.state_changed.connect(lambda _state: self._consider_auto())
        if controller.account is not None:
            self._signed_in(controller.account)

    # --- what the faces read ---------------------------------------------------------------------

    @property
    def is_queue_agent(self) -> bool:
        """The agent belongs to a queue, or customers were transferred to them by name."""
        view = self.view
        return view is not None and bool(view.queues or view.offered)

    @property
    def waiting(self) -> int:
        """Customers Accept next could take now."""
        view = self.view
        if view is None:
            return 0
        return sum(q.waiting for q in view.queues) + len(view.offered)

    def grown(self, seconds: float) -> float:
        """A wait the center gave with the last view, as long as it is now."""
        return seconds + max(0.0, time.monotonic() - self.view_at)

    def queue_title(self, name: str | None) -> str:
        view = self.view
        found = next((q for q in view.queues if q.name == name), None) if view else None
        return found.title if found is not None else (name or "")

    @property
    def free(self) -> bool:
        """No session of this agent's own is starting or running (assisting does not count)."""
        return not any(s.state.busy and not s.state.is_assistant for s in self.controller.slots)

    # --- the long poll -----------------------------------------------------------------------

    @Slot(object)
    def _signed_in(self, account: AgentAccount) -> None:
        self.stop()
        center = self.controller.center
        if center is None:
            return
        self._generation += 1
        self._poll = self.controller.bridge.submit(self._polling(center, account, self._generation))

    @Slot()
    def stop(self) -> None:
        """Stop polling (signed out); what was shown goes."""
        if self._poll is not None:
            self._poll.cancel()
            self._poll = None
        self._generation += 1
        self.view, self.problem, self.accepting = None, "", False
        self.changed.emit()

    async def _polling(self, center: CenterLink, account: AgentAccount, generation: int) -> None:
        """On the asyncio thread until cancelled: each answer goes to the Qt thread."""
        after: int | None = None
        retry = RETRY_FIRST_S
        while True:
            try:
                view = await queues_view(center, account, after)
            except CenterError as error:
                self._polled.emit(generation, None, error)
                await asyncio.sleep(retry)
                retry = min(retry * 2, RETRY_MOST_S)
                after = None  # read it whole again once back
                continue
            retry = RETRY_FIRST_S
            same = view.version == after
            after = view.version
            self._polled.emit(generation, view, None)
            if same:
                await asyncio.sleep(SAME_VERSION_GAP_S)

    @Slot(int, object, object)
    def _on_polled(self, generation: int, view: QueuesView | None, error: object) -> None:
        if generation != self._generation:
            return
        if view is None:
            problem = error_text(error if isinstance(error, BaseException) else None)
            if problem != self.problem:
                self.problem = problem
                self.changed.emit()
            return
        self.received(view)

    def received(self, view: QueuesView) -> None:
        """The center's latest view of the agent's queues."""
        if self.view is not None and view.version != self.view.version:
            self._auto_held = None
        self.view, self.view_at, self.problem = view, time.monotonic(), ""
        self.changed.emit()
        self._consider_auto()

    # --- Accept next ---------------------------------------------------------------------------

    def set_auto_accept(self, on: bool) -> None:
        if on != self.auto_accept:
            self.auto_accept = on
            self._auto_held = None
            self.changed.emit()
            self._consider_auto()

    def _consider_auto(self) -> None:
        """Accept the next customer by ourselves: the agent asked for it, is free, and someone
        waits (once at a time; not again on the same queues after finding nobody)."""
        view = self.view
        if (
            self.auto_accept
            and view is not None
            and not self.accepting
            and self.waiting > 0
            and self._auto_held != view.version
            and self.controller.state.signed_in
            and self.free
        ):
            self.accept_next(automatic=True)

    def accept_next(self, queue: str | None = None, automatic: bool = False) -> None:
        """Take the longest-waiting customer and open their session, as for one we started."""
        controller = self.controller
        center, account = controller.center, controller.account
        if self.accepting or center is None or account is None:
            return
        state = controller.state
        if state.busy and state.at_cap:
            if not automatic:
                controller.cap_reached.emit(state.max_sessions)
            return
        self.accepting = True
        version = self.view.version if self.view is not None else None
        self.changed.emit()

        def done(customer: AcceptedCustomer | None, error: BaseException | None) -> None:
            if automatic:
                # The queues as they were are spent: only a newer view accepts again.
                self._auto_held = version
            if error is not None or customer is None:
                self.accepting = False
                self.told.emit(error_text(error) if error is not None else nobody_waiting_text())
                self.changed.emit()
                return
            try:
                self._open(customer)  # (its slot's changes come back here: still accepting)
            finally:
                self.accepting = False
            self.changed.emit()

        controller.bridge.run(accept_next(center, account, queue), done)

    def _open(self, customer: AcceptedCustomer) -> None:
        slot = self.controller.take(customer.number, customer.join_link)
        if slot is None:
            return  # the cap, said by cap_reached; the session waits in "Your open sessions"
        self.customers[customer.number] = customer
        # After the slot took the session (its transcript starts afresh then).
        title = self.queue_title(customer.queue)
        for line in accepted_lines(customer, title):
            slot.notice.emit(line)
        self.accepted.emit(customer, slot)

    def customer_in(self, slot: SessionSlot) -> AcceptedCustomer | None:
        """What the center told about the customer accepted into ``slot``'s session."""
        started = slot.started
        return self.customers.get(started.number) if started is not None else None

    # --- transfer ------------------------------------------------------------------------------

    def load_agents(self, done: Callable[[QueueAgents | None, BaseException | None], None]) -> None:
        center, account = self.controller.center, self.controller.account
        if center is None or account is None:
            done(None, CenterError("not_connected", "Not connected to the support center."))
            return
        self.controller.bridge.run(queue_agents(center, account), done)

    def transfer(
        self,
        slot: SessionSlot,
        request: TransferRequest,
        done: Callable[[BaseException | None], None],
    ) -> None:
        """Hand ``slot``'s session to a queue or agents; on success leave it without ending it
        (the customer waits in it for the next agent). ``done(error)`` on the Qt thread."""
        center, account = self.controller.center, self.controller.account
        session, started = slot.agent_session, slot.started
        if center is None or account is None or session is None or started is None:
            done(CenterError("not_connected", "This session is over."))
            return

        async def ask() -> None:
            await transfer_session(center, account, started.number, request)

        self.controller.bridge.run(session.hand_over(ask), lambda _r, error: done(error))
