"""What both apps' controllers share: one live session driven through the bridge, its engine's
events turned into Qt signals for the views."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from shared.qt.bridge import AsyncBridge
from shared.session.engine import SessionEngine
from shared.session.events import (
    ChatReceived,
    ParticipantsChanged,
    Problem,
    SessionClosed,
    SessionEvent,
    StateChanged,
)
from shared.session.live import LiveSession
from shared.session.state import SessionState
from shared.transport.center_link import CenterError


class SessionController(QObject):
    session_state = Signal(object)  # SessionState
    participants_changed = Signal(object)  # tuple[Participant, ...]
    chat_received = Signal(object)  # ChatReceived
    session_closed = Signal(object)  # SessionClosed
    problem = Signal(str)

    def __init__(self, bridge: AsyncBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.session: LiveSession | None = None
        bridge.engine_event.connect(self._engine_event)

    def _adopt(self, session: LiveSession) -> None:
        self.session = session
        self.bridge.watch(session.engine)

    @property
    def session_state_now(self) -> SessionState:
        return self.session.engine.state if self.session else SessionState.IDLE

    def send_chat(self, to: str, text: str) -> None:
        session = self.session
        if session is None:
            return

        async def send() -> None:
            session.send_chat(to, text)

        self.bridge.run(send(), self.report_error)

    def closing_tasks(self) -> list[Any]:
        if self.session is not None and self.session.engine.state != SessionState.ENDED:
            return [self.session.close()]
        return []

    @Slot(object, object)
    def _engine_event(self, engine: SessionEngine, event: SessionEvent) -> None:
        if self.session is None or engine is not self.session.engine:
            return
        if isinstance(event, StateChanged):
            self.session_state.emit(event.state)
        elif isinstance(event, ParticipantsChanged):
            self.participants_changed.emit(event.participants)
        elif isinstance(event, ChatReceived):
            self.chat_received.emit(event)
        elif isinstance(event, SessionClosed):
            self.session_closed.emit(event)
        elif isinstance(event, Problem):
            self.problem.emit(event.reason)

    def report_error(self, _: object, error: BaseException | None) -> None:
        if error is not None:
            self.problem.emit(error_text(error))


def error_text(error: BaseException | None) -> str:
    if isinstance(error, CenterError):
        return error.reason
    return str(error) if error else ""
