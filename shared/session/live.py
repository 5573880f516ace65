"""A session in progress: the engine, the signaling socket and the peer links, wired together.

The session is put together from parts, one job each: the seat at the center and getting it back
(seat.py), the peer links and linking again after a drop (links.py), the table that hands peer
messages to their handlers (routing.py), the background tasks it owns (tasks.py) and the audit
entries it copies to the center (audit.py). What stays here routes the center's messages, carries
chat, and is the session's way out.

The console's agent session and the client's customer session are thin subclasses that say how
they enter (``agent.hello`` or ``customer.join``) and how they go (end or leave).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from shared.protocol.limits import MAX_CHAT_CHARS
from shared.protocol.messages import (
    EVERYONE,
    ChatLine,
    ErrorMessage,
    FromCenter,
    Leave,
    LeaveReason,
    ParticipantJoined,
    ParticipantLeft,
    PeerMessage,
    SessionEnded,
    SignalIn,
    ToCenter,
    Welcome,
)
from shared.session.audit import AuditEvent, note_for_center
from shared.session.engine import SessionEngine
from shared.session.links import RELINK_INTERVAL_S, RELINK_WINDOW_S, PeerLinks
from shared.session.parts import CONNECTION_LOST
from shared.session.routing import PeerRouter, SessionFeature
from shared.session.seat import (
    RECONNECT_FIRST_PAUSE_S,
    RECONNECT_MAX_PAUSE_S,
    RECONNECT_WINDOW_S,
    SEAT_GONE_CODES,
    WELCOME_TIMEOUT_S,
    Seat,
)
from shared.session.state import SessionState
from shared.session.tasks import OwnedTasks
from shared.transport.center_link import CenterError, CenterLink
from shared.transport.clock import REAL_CLOCK, Clock
from shared.transport.link import LinkFactory
from shared.transport.peer_link import PeerLink

# The session's timings and its feature protocol, where its users have always found them.
__all__ = [
    "CONNECTION_LOST",
    "RECONNECT_FIRST_PAUSE_S",
    "RECONNECT_MAX_PAUSE_S",
    "RECONNECT_WINDOW_S",
    "RELINK_INTERVAL_S",
    "RELINK_WINDOW_S",
    "SEAT_GONE_CODES",
    "WELCOME_TIMEOUT_S",
    "LiveSession",
    "SessionFeature",
]

log = logging.getLogger(__name__)


class LiveSession(Seat, PeerLinks):
    def __init__(
        self,
        center: CenterLink,
        engine: SessionEngine | None = None,
        *,
        clock: Clock = REAL_CLOCK,
        link_factory: LinkFactory = PeerLink,
    ) -> None:
        self.center = center
        self.engine = engine or SessionEngine()
        self.clock = clock
        self.link_factory = link_factory
        self._init_seat()
        self._init_links()
        self._leaving = False
        self.tasks = OwnedTasks(self._task_failed)
        self.router = PeerRouter()
        self.router.register(ChatLine, self._chat_arrived)
        self.features: list[SessionFeature] = []
        self._ids = itertools.count(1)
        self.engine.audit.listeners.append(self._audit_to_center)

    def add_feature(self, feature: SessionFeature) -> None:
        """Ride ``feature`` on the session: the peer messages of its types go to it."""
        self.router.register_all(feature.handles, feature.on_message)
        self.features.append(feature)

    # --- routing --------------------------------------------------------------------------------

    def _from_center(self, message: FromCenter) -> None:
        match message:
            case Welcome():
                self._welcomed(message)
            case ErrorMessage():
                self._center_error(message)
            case ParticipantJoined():
                self._participant_joined(message)
            case ParticipantLeft():
                self._participant_left(message)
            case SignalIn():
                self._spawn(self._signal(message))
            case SessionEnded():
                # Closed here, before the center's socket closes behind the message, so that
                # the closing socket is not mistaken for a lost connection.
                self._leaving = True
                self.engine.close(message.reason.value, message.by)
                self._spawn(self._shut_down(message.reason.value, message.by))

    def _from_peer(self, remote_id: str, message: PeerMessage) -> None:
        self.router.dispatch(remote_id, message)

    def _links_down(self, remote_id: str) -> None:
        for feature in self.features:
            feature.on_link_down(remote_id)

    def _audit_to_center(self, event: AuditEvent) -> None:
        """Every audit entry also goes to the center, into the session's report."""
        if not self.center.socket_open or self.engine.me is None:
            return
        note = note_for_center(event)
        if note is not None:
            self._spawn(self._send_quietly(note))

    async def _send_quietly(self, message: ToCenter) -> None:
        with contextlib.suppress(CenterError, ConnectionError):
            await self.center.send(message)

    async def _send_center(self, message: ToCenter) -> None:
        await self.center.send(message)

    # --- chat -----------------------------------------------------------------------------------

    def _chat_arrived(self, remote_id: str, message: ChatLine) -> None:
        if message.sender != remote_id:
            log.warning("%s sent a chat line in the name of %s", remote_id, message.sender)
            return
        self.engine.chat_arrived(message)

    def send_chat(self, to: str, text: str) -> ChatLine:
        """Send a chat line to one participant or to everyone we are linked to."""
        me = self.engine.me
        if me is None or self.engine.state == SessionState.ENDED:
            raise RuntimeError("not in a session")
        text = text.strip()
        if not text:
            raise ValueError("an empty message is not sent")
        if len(text) > MAX_CHAT_CHARS:
            raise ValueError(f"a chat message holds at most {MAX_CHAT_CHARS} characters")
        line = ChatLine(
            id=f"{me.id}-{next(self._ids)}", sender=me.id, to=to, text=text, sent_at=time.time()
        )
        targets = (
            list(self.links.values())
            if to == EVERYONE
            else [self.links[to]]
            if to in self.links
            else []
        )
        delivered = 0
        for link in targets:
            try:
                link.send(line)
                delivered += 1
            except ConnectionError:
                log.warning("chat line not delivered to %s", link.remote_id)
        if not delivered:
            raise ConnectionError("nobody to deliver this message to right now")
        self.engine.chat_sent(line)
        return line

    # --- leaving --------------------------------------------------------------------------------

    async def leave(self) -> None:
        """Leave the session (the customer's way out; an agent's when they are not primary)."""
        if self.engine.state == SessionState.ENDED:
            return
        self._leaving = True
        with contextlib.suppress(CenterError):
            await self._send_center(Leave())
        await self._shut_down(
            LeaveReason.LEFT.value, self.engine.me.name if self.engine.me else None
        )

    async def _shut_down(self, code: str, by: str | None) -> None:
        self._leaving = True
        for feature in self.features:
            try:
                await feature.on_close()
            except Exception:
                log.exception("a session feature failed to close")
        self.engine.close(code, by)
        links, self.links = list(self.links.values()), {}
        for link in links:
            await link.close()
        await self.center.close()

    async def close(self) -> None:
        """Drop everything without telling anyone (program exit)."""
        await self._shut_down(LeaveReason.DISCONNECTED.value, None)
        self.tasks.cancel_all()

    # --- running on the session's loop ---------------------------------------------------------

    def call_soon_threadsafe(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the session's loop, from any thread."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(callback)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` in the background; a failure is logged and shown as a problem."""
        self.tasks.spawn(coro)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        self.tasks.spawn(coro)

    def _task_failed(self, exc: BaseException) -> None:
        self.engine.problem("internal", f"{type(exc).__name__}: {exc}")
