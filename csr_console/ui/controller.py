"""The console's Qt-side controller: signs the agent in, and holds the agent's sessions.

An agent may help several customers at once, each in their own session (the support center
caps how many). Each session lives in a ``SessionSlot``; one of them is *current*: it is the one
the registry's actions address, and the one the dashboard and the icon bar show. The controller
relays the current slot's signals under the names the single-session views always used, and
merges the current slot's state with the agent's (signed in, sessions open, the cap) into the
``ConsoleState`` the actions' enabled rules read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from csr_console.services.agent_session import (
    AgentAccount,
    AgentSession,
    OpenSession,
    StartedSession,
    end_open_session,
    open_sessions,
    sign_in,
)
from csr_console.ui.session_slot import SessionSlot
from shared.kit.feature import EngineFactory
from shared.qt.bridge import AsyncBridge
from shared.qt.feature_views import ConsoleState
from shared.qt.session_controller import error_text
from shared.session.live import LiveSession
from shared.transport.center_link import CenterLink

# The slot signals relayed for the current session, by name.
_RELAYED = (
    "session_state",
    "participants_changed",
    "session_closed",
    "problem",
    "feature_event",
    "session_started",
    "start_failed",
    "roles_changed",
)


class ConsoleController(QObject):
    signed_in = Signal(object)  # AgentAccount
    sign_in_failed = Signal(str)
    state_changed = Signal(object)  # ConsoleState (of the current session)
    # The current session's events, relayed.
    session_started = Signal(object)  # StartedSession
    start_failed = Signal(str)
    roles_changed = Signal(str)  # control changed hands: what it means for us
    session_state = Signal(object)  # SessionState
    participants_changed = Signal(object)  # tuple[Participant, ...]
    session_closed = Signal(object)  # SessionClosed
    problem = Signal(str)
    feature_event = Signal(object)  # an event a feature published
    # The set of sessions, and which one is current.
    slots_changed = Signal()
    current_changed = Signal(object)  # SessionSlot
    slot_added = Signal(object)  # SessionSlot
    slot_removed = Signal(object)  # SessionSlot
    # Asked for one more session than the support center allows (the cap, in sessions).
    cap_reached = Signal(int)
    # Sessions of this agent left open at the center (by a console that quit keeping them),
    # found at sign-in or asked for: list[OpenSession].
    kept_sessions = Signal(object)
    # One of them was ended from here (its number), or could not be (number, why).
    kept_ended = Signal(int)
    kept_end_failed = Signal(int, str)
    # The agent signed out: the console goes back to the sign-in screen.
    signed_out = Signal()

    def __init__(self, bridge: AsyncBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.center: CenterLink | None = None
        self.account: AgentAccount | None = None
        # Features' engine factories in place of the registered ones, for every new session
        # (tests plug in a desktop sharing with a stand-in screen; None leaves one out).
        self.engine_factories: dict[str, EngineFactory | None] = {}
        # The console's preferences (the features' parts read theirs), and the face on screen
        # (new windows open beside it); ConsoleActions plugs both in.
        self.preferences: object | None = None
        self.face: Callable[[], QWidget | None] = lambda: None
        self._signed_in = False
        # Set once shut down: its sessions are left, nothing more to ask about them.
        self.stopped = False
        self.slots: list[SessionSlot] = []
        self.current: SessionSlot = self._new_slot()

    # --- the current session, as the single-session views and tests know it -------------------

    @property
    def state(self) -> ConsoleState:
        open_now = sum(1 for s in self.slots if s.state.busy)
        cap = self.account.max_sessions if self.account is not None else 1
        return replace(
            self.current.state,
            signed_in=self._signed_in,
            sessions_open=open_now,
            max_sessions=max(1, cap),
        )

    @property
    def agent_session(self) -> AgentSession | None:
        return self.current.agent_session

    @agent_session.setter
    def agent_session(self, session: AgentSession | None) -> None:
        self.current.agent_session = session

    @property
    def started(self) -> StartedSession | None:
        return self.current.started

    @property
    def session(self) -> LiveSession | None:
        return self.current.session

    def use_preferences(self, preferences: object) -> None:
        """The console's preferences, for every session's feature parts to read."""
        self.preferences = preferences
        for slot in self.slots:
            slot.preferences = preferences

    def part(self, name: str) -> Any:
        """The current session's part of feature ``name``."""
        return self.current.part(name)

    def _adopt(self, session: AgentSession) -> None:
        """Seat ``session`` in the current slot (tests seat one without a center)."""
        if self.account is not None:
            self.current.account = self.account
        self.current.adopt(session)

    def _set_state(self, **changes: Any) -> None:
        if "signed_in" in changes:
            self._signed_in = bool(changes.pop("signed_in"))
        if changes:
            self.current._set_state(**changes)  # emits, through the slot's relay
        else:
            self.state_changed.emit(self.state)

    # --- signing in ---------------------------------------------------------------------------

    def sign_in(self, server_url: str, fingerprint: str, username: str, password: str) -> None:
        if self.center is not None:
            self.bridge.run(self.center.close())
        center = self.center = CenterLink(server_url, fingerprint)

        def done(account: AgentAccount | None, error: BaseException | None) -> None:
            if error is not None or account is None:
                self.sign_in_failed.emit(error_text(error))
                return
            self.account = account
            self._set_state(signed_in=True)
            self.signed_in.emit(account)
            self.find_kept_sessions()

        self.bridge.run(sign_in(center, username, password), done)

    def find_kept_sessions(self, even_none: bool = False) -> None:
        """Ask the center for this agent's open sessions no slot here runs; ``kept_sessions``
        tells them (when there are any, or ``even_none``: the agent asked)."""
        center, account = self.center, self.account
        if center is None or account is None:
            return

        def done(found: list[OpenSession] | None, error: BaseException | None) -> None:
            if error is not None:
                self.problem.emit(error_text(error))
                return
            mine = {s.started.number for s in self.slots if s.started and s.state.busy}
            kept = [k for k in found or [] if k.started.number not in mine]
            if kept or even_none:
                self.kept_sessions.emit(kept)

        self.bridge.run(open_sessions(center, account), done)

    def resume(self, kept: OpenSession) -> None:
        """Take this agent's seat back in a session left open, in a free slot or a new one."""
        if self.account is None or self.center is None:
            return
        slot = self.current if not self.current.state.busy else self.free_slot() or self._new_slot()
        self.set_current(slot)
        slot.resume(self.account, self.center, kept)

    def end_kept(self, number: int) -> None:
        """End one of this agent's sessions for everyone without being in it."""
        if self.account is None or self.center is None:
            return

        def done(_: object, error: BaseException | None) -> None:
            if error is not None:
                self.kept_end_failed.emit(number, error_text(error))
            else:
                self.kept_ended.emit(number)

        self.bridge.run(end_open_session(self.center, self.account, number), done)

    def slots_with_customers(self) -> list[SessionSlot]:
        """The running sessions where a customer is connected (quitting asks about these);
        none once the console has stopped. Sessions we assist in are left, never kept nor
        ended by us: quitting asks nothing about them."""
        if self.stopped:
            return []
        return [
            s for s in self.slots if s.state.busy and s.customer_names and not s.state.is_assistant
        ]

    def _finishing(self, keep: bool) -> list[Any]:
        """Leave every running session (kept open for the reconnect window, or ended)."""
        tasks = []
        for slot in self.slots:
            slot.close_parts()
            task = slot.finishing_task(keep)
            if task is not None:
                tasks.append(task)
        return tasks

    def sign_out(self, keep: bool = True) -> None:
        """Leave the sessions (kept or ended), forget the sign-in; ``signed_out`` follows."""
        finishing, center = self._finishing(keep), self.center

        async def leave() -> None:
            await asyncio.gather(*finishing, return_exceptions=True)
            if center is not None:
                await center.close()

        def done(_: object, _error: BaseException | None) -> None:
            self.center, self.account = None, None
            self._reset_slots()
            self._set_state(signed_in=False)
            self.signed_out.emit()

        self.bridge.run(leave(), done)

    def _reset_slots(self) -> None:
        """One fresh, empty session slot in place of all the others."""
        old, fresh = list(self.slots), self._new_slot()
        self.set_current(fresh)
        for slot in old:
            self.slots.remove(slot)
            self.slot_removed.emit(slot)
            slot.deleteLater()
        self.slots_changed.emit()

    # --- sessions -----------------------------------------------------------------------------

    @Slot()
    def start_session(self, password: str = "") -> bool:
        """Start a session: in the current slot if it is free, else in a new one (within the
        support center's cap). False, with ``cap_reached``, when the cap forbids it."""
        slot = self._slot_for_new()
        if slot is None or self.account is None or self.center is None:
            return False
        slot.start(self.account, self.center, password)
        return True

    def _slot_for_new(self) -> SessionSlot | None:
        """The slot a new session goes in, made current: this one if free, else another
        (within the support center's cap; None, with ``cap_reached``, past it)."""
        if self.account is None or self.center is None:
            return None
        slot = self.current
        if slot.state.busy:
            if self.state.at_cap:
                self.cap_reached.emit(self.state.max_sessions)
                return None
            slot = self.free_slot() or self._new_slot()
            self.set_current(slot)
        return slot

    @Slot()
    def end_session(self) -> None:
        self.current.end()

    def take(self, number: int, join_link: str) -> SessionSlot | None:
        """Run session ``number``, which the center opened for this agent (a customer accepted
        from a queue), as a started one: in the current slot if free, else in a new one. None,
        with ``cap_reached``, when the cap forbids it."""
        slot = self._slot_for_new()
        if slot is None or self.account is None or self.center is None:
            return None
        slot.take(self.account, self.center, number, join_link)
        return slot

    def assist(self, number: int) -> bool:
        """Join another agent's session ``number`` as an assistant agent, in the current slot if
        it is free, else in a new one (within the cap, as a started session). False, with
        ``cap_reached``, when the cap forbids it."""
        slot = self._slot_for_new()
        if slot is None or self.account is None or self.center is None:
            return False
        slot.assist(self.account, self.center, number)
        return True

    def free_slot(self) -> SessionSlot | None:
        return next((s for s in self.slots if not s.state.busy), None)

    def set_current(self, slot: SessionSlot) -> None:
        if slot is self.current or slot not in self.slots:
            return
        self.current = slot
        self.current_changed.emit(slot)
        self.state_changed.emit(self.state)

    def close_slot(self, slot: SessionSlot) -> bool:
        """Forget a session that is over (a multisession tab closed). The last slot stays."""
        if slot.state.busy or slot not in self.slots:
            return False
        if len(self.slots) == 1:
            return False
        index = self.slots.index(slot)
        self.slots.remove(slot)
        if slot is self.current:
            self.set_current(self.slots[min(index, len(self.slots) - 1)])
        slot.close_parts()
        self.slot_removed.emit(slot)
        self.slots_changed.emit()
        slot.deleteLater()
        return True

    def _new_slot(self) -> SessionSlot:
        slot = SessionSlot(self.bridge, self.preferences, self, lambda: self.face())
        # The same dictionary for every slot: a factory plugged in later reaches them all.
        slot.engine_factories = self.engine_factories
        if self.account is not None:
            slot.account = self.account
        for name in _RELAYED:
            getattr(slot, name).connect(self._relay(slot, name))
        slot.state_changed.connect(lambda _state: self._slot_state(slot))
        self.slots.append(slot)
        self.slot_added.emit(slot)
        self.slots_changed.emit()
        return slot

    def _relay(self, slot: SessionSlot, name: str) -> Callable[[object], None]:
        signal = getattr(self, name)

        def relay(value: object) -> None:
            if slot is self.current:
                signal.emit(value)

        return relay

    def _slot_state(self, slot: SessionSlot) -> None:
        # Any session's change may move the count of open sessions: everyone re-reads.
        self.state_changed.emit(self.state)
        if slot is not self.current:
            self.slots_changed.emit()

    def shutdown(self, keep: bool = True) -> None:
        """Stop the console: running sessions are kept open at the center for the reconnect
        window (``keep``), or ended for everyone."""
        self.stopped = True
        closing: list[Any] = self._finishing(keep)
        if self.center is not None:
            closing.append(self.center.close())
        self.bridge.stop(closing)
