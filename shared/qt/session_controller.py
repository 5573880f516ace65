"""What both apps' controllers share: one live session driven through the bridge, its engine's
events turned into Qt signals for the views."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from shared.qt.bridge import AsyncBridge
from shared.qt.frames import LatestFrames
from shared.qt.sharing_commands import SharingCommands
from shared.qt.texts import center_error_text
from shared.session.consent import Asker
from shared.session.engine import SessionEngine
from shared.session.events import (
    ActivityChanged,
    ChatReceived,
    ClipboardArrived,
    ConsentChanged,
    ParticipantsChanged,
    Problem,
    SessionClosed,
    SessionEvent,
    StateChanged,
)
from shared.session.live import LiveSession
from shared.session.sharing import SharingFeature
from shared.session.state import SessionState
from shared.transport.center_link import CenterError

log = logging.getLogger(__name__)


class SessionController(QObject):
    session_state = Signal(object)  # SessionState
    participants_changed = Signal(object)  # tuple[Participant, ...]
    chat_received = Signal(object)  # ChatReceived
    session_closed = Signal(object)  # SessionClosed
    problem = Signal(str)
    activity_changed = Signal(object)  # Activity
    clipboard_arrived = Signal(object)  # ClipboardArrived
    consent_changed = Signal(object)  # frozenset[PermissionKind]: what "allow everything" covers
    # (activity id, x, y, visible): emitted on the asyncio thread, delivered on the Qt thread.
    cursor_moved = Signal(str, int, int, bool)
    # Whose app this is: failures to reach the center come with advice for that person.
    for_customer = False

    def __init__(self, bridge: AsyncBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.session: LiveSession | None = None
        # Desktop sharing of the current session; None until a session exists, or when this
        # machine's media or input parts could not be loaded.
        self.sharing: SharingFeature | None = None
        self.sharing_commands = SharingCommands(bridge, self.report_error)
        # Decoded frames, handed over from the decoder's thread; only the newest is kept.
        self.frames = LatestFrames(self)
        # How a new session gets its sharing feature (tests plug in one with a fake backend).
        self.make_sharing: Callable[[LiveSession, Asker | None], SharingFeature | None] = (
            attach_sharing
        )
        bridge.engine_event.connect(self._engine_event)

    def _adopt(self, session: LiveSession, ask_consent: Asker | None = None) -> None:
        self.session = session
        self.sharing = self.make_sharing(session, ask_consent)
        if self.sharing is not None:
            self.sharing.on_frame = self.frames.put
            self.sharing.on_cursor = self.cursor_moved.emit
        self.sharing_commands.feature = self.sharing
        self.bridge.watch(session.engine)

    @property
    def sharing_available(self) -> bool:
        return self.sharing is not None

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
            self.problem.emit(center_error_text(event.code, event.reason))
        elif isinstance(event, ActivityChanged):
            self.activity_changed.emit(event.activity)
        elif isinstance(event, ClipboardArrived):
            self.clipboard_arrived.emit(event)
        elif isinstance(event, ConsentChanged):
            self.consent_changed.emit(event.allowed)

    def report_error(self, _: object, error: BaseException | None) -> None:
        if error is not None:
            self.problem.emit(error_text(error, self.for_customer))


def attach_sharing(session: LiveSession, ask_consent: Asker | None) -> SharingFeature | None:
    """Desktop sharing with this machine's real screen and input parts, if they load: the app
    still runs without them, and the sharing actions then say they are not available."""
    try:
        from shared.session.sharing_defaults import make_sharing

        return make_sharing(session, ask_consent)
    except ImportError as exc:  # the media or input parts are missing on this computer
        log.warning("desktop sharing is not available on this computer: %s", exc)
    except Exception:
        log.exception("desktop sharing could not be set up")
    return None


def error_text(error: BaseException | None, customer: bool = False) -> str:
    """``error`` for the user; ``customer``: with the advice that suits the customer's client."""
    if isinstance(error, CenterError):
        return center_error_text(error.code, error.reason, error.retry_after_s, customer)
    return str(error) if error else ""
