"""The console's Qt-side controller: signs the agent in, starts and ends sessions through the
bridge, and keeps the ConsoleState the actions' enabled rules read."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal, Slot

from csr_console.services.agent_session import AgentAccount, AgentSession, StartedSession, sign_in
from csr_console.ui.actions import ConsoleState
from shared.qt.bridge import AsyncBridge
from shared.qt.session_controller import SessionController, error_text
from shared.session.activities import Activity
from shared.session.participants import Participant
from shared.session.state import SessionState
from shared.transport.center_link import CenterLink


class ConsoleController(SessionController):
    signed_in = Signal(object)  # AgentAccount
    sign_in_failed = Signal(str)
    session_started = Signal(object)  # StartedSession
    start_failed = Signal(str)
    state_changed = Signal(object)  # ConsoleState

    def __init__(self, bridge: AsyncBridge) -> None:
        super().__init__(bridge)
        self.center: CenterLink | None = None
        self.account: AgentAccount | None = None
        self.agent_session: AgentSession | None = None
        self.started: StartedSession | None = None
        self.state = ConsoleState()
        self._live_activities: set[str] = set()
        self.session_state.connect(self._session_state)
        self.participants_changed.connect(self._participants)
        self.activity_changed.connect(self._activity)

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

        self.bridge.run(sign_in(center, username, password), done)

    @Slot()
    def start_session(self, password: str = "") -> None:
        if self.account is None or self.center is None or self.state.in_session:
            return
        # Each session has its own signaling socket, so several can run side by side.
        session = AgentSession(
            CenterLink(self.center.server_url, self.center.fingerprint), self.account
        )
        self.agent_session = session
        # The agent is never asked: they start every sharing activity themselves.
        self._adopt(session)
        self._live_activities.clear()
        self._set_state(sharing_unavailable=not self.sharing_available, sharing_live=False)

        def done(started: StartedSession | None, error: BaseException | None) -> None:
            if error is not None or started is None:
                self._set_state(session=SessionState.IDLE)
                self.start_failed.emit(error_text(error))
                return
            self.started = started
            self.session_started.emit(started)

        self.bridge.run(session.start(password), done)

    @Slot()
    def end_session(self) -> None:
        if self.agent_session is not None:
            self.bridge.run(self.agent_session.end(), self.report_error)

    def shutdown(self) -> None:
        closing: list[Any] = self.closing_tasks()
        if self.center is not None:
            closing.append(self.center.close())
        self.bridge.stop(closing)

    @Slot(object)
    def _session_state(self, state: SessionState) -> None:
        primary = self.agent_session is not None and self.agent_session.engine.is_primary_agent
        self._set_state(session=state, is_primary=primary)

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        linked = sum(
            1 for p in participants if not p.is_agent and p.linked and p.gone_reason is None
        )
        self._set_state(customers=linked)

    @Slot(object)
    def _activity(self, activity: Activity) -> None:
        if activity.live:
            self._live_activities.add(activity.id)
        else:
            self._live_activities.discard(activity.id)
        if self.state.sharing_live != bool(self._live_activities):
            self._set_state(sharing_live=bool(self._live_activities))

    def _set_state(self, **changes: Any) -> None:
        self.state = replace(self.state, **changes)
        self.state_changed.emit(self.state)
