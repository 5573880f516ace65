"""One customer session of the console, with everything that belongs to it alone.

The console holds several of these (the multisession window shows one tab each; the dashboard
and the icon bar show the current one). A slot is independent of the faces: its engine and every
feature's part of it (their windows, their state, the chat so far) live here, so switching faces
never touches a running session.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from csr_console.services.agent_session import (
    AgentAccount,
    AgentSession,
    OpenSession,
    StartedSession,
)
from csr_console.ui.customer_choice import CustomerChoice
from csr_console.ui.roles import (
    TakeOverClock,
    assisting_text,
    control_changed_text,
    role_fields,
    take_over_text,
)
from shared.qt.bridge import AsyncBridge
from shared.qt.feature_views import ConsoleState
from shared.qt.session_controller import SessionController, error_text
from shared.qt.texts import participant_gone_notice, session_closed_text
from shared.session.events import RolesChanged, SessionClosed
from shared.session.join_link import format_session_number
from shared.session.participants import Participant
from shared.session.state import SessionState
from shared.transport.center_link import CenterLink


class SessionSlot(SessionController):
    state_changed = Signal(object)  # ConsoleState (the session's part of it)
    session_started = Signal(object)  # StartedSession
    start_failed = Signal(str)
    # Control of this session changed hands: the sentence saying what it means for us.
    roles_changed = Signal(str)

    def __init__(
        self,
        bridge: AsyncBridge,
        preferences: object | None = None,
        parent: QObject | None = None,
        near: Callable[[], QWidget | None] = lambda: None,
    ) -> None:
        super().__init__(bridge, preferences)
        if parent is not None:
            self.setParent(parent)
        self._near = near
        self.account: AgentAccount | None = None
        self.agent_session: AgentSession | None = None
        self.started: StartedSession | None = None
        self.closed: SessionClosed | None = None
        self.state = ConsoleState()
        # Participant id -> gone reason ("" while present): to announce arrivals and departures.
        self._seen: dict[str, str] = {}
        # The last change of control, as a sentence (the status line keeps it).
        self.role_note = ""
        self._take_over = TakeOverClock()
        # Whom the session's actions address, among its customers.
        self.customers = CustomerChoice(lambda: list(self.parts.values()), self.near, self)
        self.customers.chosen.connect(self._customer_chosen)
        self.customers.told.connect(self.notice)
        self.session_state.connect(self._session_state)
        self.participants_changed.connect(self._participants)
        self.session_closed.connect(self._session_closed)
        self.feature_event.connect(self._feature_event)

    @property
    def number_text(self) -> str:
        return format_session_number(self.started.number) if self.started else ""

    @property
    def customer_names(self) -> list[str]:
        return [p.name for p in self.participants if not p.is_agent and p.gone_reason is None]

    def adopt(self, session: AgentSession) -> None:
        """Take ``session`` as this slot's (a new one, or one seated without a center)."""
        self.agent_session = session
        self.started = None
        self.closed = None
        self.participants = ()
        self._seen.clear()
        self.role_note = ""
        self._take_over = TakeOverClock()
        self.customers.reset()
        self._set_state(customers=0, features=())
        self._adopt(session)
        self._set_state(unavailable=self.unavailable)

    def start(self, account: AgentAccount, center: CenterLink, password: str) -> None:
        self._enter(
            account, center, lambda s: s.start(password), self.tr("Session {number} started.")
        )

    def resume(self, account: AgentAccount, center: CenterLink, kept: OpenSession) -> None:
        """Take this agent's seat back in ``kept`` (left open by a console that quit): the
        customers still waiting link to us again."""
        self._enter(account, center, lambda s: s.resume(kept), self.tr("Session {number} resumed."))

    def take(self, account: AgentAccount, center: CenterLink, number: int, join_link: str) -> None:
        """Take the agent's seat in session ``number``, opened for us by the center (a customer
        accepted from a queue, or transferred to us)."""
        self._enter(
            account,
            center,
            lambda s: s.take(number, join_link),
            self.tr("Session {number} started; your customer is on their way."),
            # A customer from a queue, already waiting, is often in before the start is told.
            notice_when_here=self.tr("Session {number} started."),
        )

    def assist(self, account: AgentAccount, center: CenterLink, number: int) -> None:
        """Join another agent's session ``number`` as an assistant agent."""
        self._enter(
            account,
            center,
            lambda s: s.assist(number),
            self.tr("You joined session {number} as an assistant."),
        )

    def _enter(
        self,
        account: AgentAccount,
        center: CenterLink,
        how: Callable[[AgentSession], Coroutine[Any, Any, StartedSession]],
        notice: str,
        notice_when_here: str | None = None,
    ) -> None:
        self.account = account
        # Each session has its own signaling socket, so several can run side by side.
        session = AgentSession(CenterLink(center.server_url, center.fingerprint), account)
        self.adopt(session)
        # Starting shows at once, so a second click cannot start another session in this slot.
        self._set_state(session=SessionState.CONNECTING)

        def done(started: StartedSession | None, error: BaseException | None) -> None:
            if error is not None or started is None:
                self._set_state(session=SessionState.IDLE)
                self.start_failed.emit(error_text(error))
                return
            self.started = started
            self.session_started.emit(started)
            said = notice_when_here if notice_when_here and self.customer_names else notice
            self.notice.emit(said.format(number=format_session_number(started.number)))

        self.bridge.run(how(session), done)

    def finishing_task(self, keep: bool) -> Coroutine[Any, Any, None] | None:
        """What leaves this session as the console quits or signs out (kept or ended)."""
        session = self.agent_session
        if session is None or session.engine.state in (SessionState.IDLE, SessionState.ENDED):
            return None
        return session.finish(keep)

    def end(self) -> None:
        if self.agent_session is not None:
            self.bridge.run(self.agent_session.end(), self.report_error)

    def leave(self) -> None:
        """Leave the session (an assistant's way out); it goes on for the others."""
        if self.agent_session is not None:
            self.bridge.run(self.agent_session.leave(), self.report_error)

    def transfer_control(self, to: str) -> None:
        """Hand control to the assistant ``to``; roles change when the center confirms."""
        if self.agent_session is not None:
            self.bridge.run(self.agent_session.transfer_control(to), self.report_error)

    def take_over(self) -> None:
        """Take control while the agent in charge is cut off."""
        if self.agent_session is not None:
            self.bridge.run(self.agent_session.take_over(), self.report_error)

    @property
    def role_line(self) -> str:
        """The status line about roles (empty for the agent in charge with nothing new)."""
        state = self.state
        if state.session not in (SessionState.WAITING, SessionState.ACTIVE):
            return ""
        if state.can_take_over:
            primary = self.agent_session.engine.primary_id if self.agent_session else None
            return take_over_text(state.primary_name, self._take_over.until(primary))
        if self.role_note:
            return self.role_note
        return assisting_text(state.primary_name) if state.is_assistant else ""

    # --- engine events ------------------------------------------------------------------------

    @Slot(object)
    def _session_state(self, state: SessionState) -> None:
        self._set_state(session=state, **role_fields(self.agent_session))

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self.participants = participants
        for person in participants:
            before = self._seen.get(person.id, "new")
            now = person.gone_reason or ""
            if before != now and not now:
                self.notice.emit(self.tr("{name} joined.").format(name=person.name))
            elif before != now and now:
                self.notice.emit(participant_gone_notice(person.name, now))
            self._seen[person.id] = now
            self._take_over.seen(person.id, person.back_within_s)
        self.customers.participants(participants)
        linked = sum(
            1 for p in participants if not p.is_agent and p.linked and p.gone_reason is None
        )
        self._set_state(customers=linked, **role_fields(self.agent_session))

    @Slot(object)
    def _feature_event(self, event: object) -> None:
        if not isinstance(event, RolesChanged) or self.agent_session is None:
            return
        me = self.agent_session.engine.me
        names = {p.id: p.name for p in self.participants}
        if me is not None:
            names[me.id] = me.name
        self.role_note = control_changed_text(event, me.id if me else "", names)
        self.notice.emit(self.role_note)
        self._set_state(**role_fields(self.agent_session))
        self.roles_changed.emit(self.role_note)

    @Slot(object)
    def _session_closed(self, closed: SessionClosed) -> None:
        self.closed = closed
        me = self.account.display_name if self.account else None
        self.notice.emit(session_closed_text(closed.code, closed.by, me))

    def current_customer(self) -> str | None:
        return self.customers.customer_id

    def choose_customer(self, customer_id: str) -> None:
        self.customers.choose(customer_id)

    @Slot(object)
    def _customer_chosen(self, customer_id: str | None) -> None:
        self._set_state(customer_id=customer_id, customer_name=self.customers.name)
        self.customer_chosen.emit(customer_id)

    def set_slice(self, name: str, value: object) -> None:
        self._set_state(features=self.state.with_slice(name, value).features)

    def near(self) -> QWidget | None:
        return self._near()

    def _set_state(self, **changes: Any) -> None:
        self.state = replace(self.state, **changes)
        self.state_changed.emit(self.state)
