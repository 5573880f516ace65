"""A session in progress: the engine, the signaling socket and the peer links, wired together.

The console's agent session and the client's customer session are thin subclasses that say how
they enter (``agent.hello`` or ``customer.join``) and how they go (end or leave).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from shared.protocol.limits import MAX_CHAT_CHARS
from shared.protocol.messages import (
    EVERYONE,
    AuditNote,
    ChatLine,
    ErrorMessage,
    FromCenter,
    IceServer,
    Leave,
    LeaveReason,
    ParticipantInfo,
    ParticipantJoined,
    ParticipantLeft,
    PeerHello,
    PeerMessage,
    Role,
    SessionEnded,
    SignalIn,
    SignalKind,
    SignalOut,
    ToCenter,
    Welcome,
)
from shared.session.audit import AuditEvent
from shared.session.engine import SessionEngine
from shared.session.participants import should_link
from shared.session.state import SessionState
from shared.transport.center_link import CenterError, CenterLink
from shared.transport.peer_link import LinkState, PeerLink

log = logging.getLogger(__name__)

# How long the center has to answer a hello or a join before we give up.
WELCOME_TIMEOUT_S = 15.0
# After a link drops with the other side still in the session, the agent offers a new link
# this often, for this long (a longer outage than that needs the customer to join again).
RELINK_INTERVAL_S = 2.0
RELINK_WINDOW_S = 120.0
# When the signaling socket drops, its seat is asked back with pauses from 0.5 s doubling to
# 5 s, for a minute (a center restarting takes a few seconds).
RECONNECT_FIRST_PAUSE_S = 0.5
RECONNECT_MAX_PAUSE_S = 5.0
RECONNECT_WINDOW_S = 60.0
# The center's answers that mean our seat is not coming back.
SEAT_GONE_CODES = frozenset({"session_ended", "no_such_session", "not_allowed", "wrong_password"})
# Code used when our socket to the center and every peer link are gone.
CONNECTION_LOST = "connection_lost"


class SessionFeature(Protocol):
    """A feature riding on the session (sharing, later files, scripts…): it receives the peer
    messages of its own types and hears when a peer link goes down or the session closes."""

    handles: tuple[type[PeerMessage], ...]

    def on_message(self, remote_id: str, message: PeerMessage) -> None: ...

    def on_link_down(self, remote_id: str) -> None: ...

    async def on_close(self) -> None: ...


class LiveSession:
    def __init__(self, center: CenterLink, engine: SessionEngine | None = None) -> None:
        self.center = center
        self.engine = engine or SessionEngine()
        self.links: dict[str, PeerLink] = {}
        self.ice_servers: list[IceServer] = []
        self.resume_token: str | None = None
        self._welcome: asyncio.Future[Welcome] | None = None
        self._ids = itertools.count(1)
        self._leaving = False
        self._tasks: set[asyncio.Task[None]] = set()
        self.features: list[SessionFeature] = []
        # Participants whose link dropped while the center still has them: offered again.
        self._relinking: set[str] = set()
        self._reconnecting = False
        self.engine.audit.listeners.append(self._audit_to_center)
        # The loop the session runs on, known once it enters (it may be built on another thread).
        self._loop: asyncio.AbstractEventLoop | None = None

    def add_feature(self, feature: SessionFeature) -> None:
        self.features.append(feature)

    # --- entering -----------------------------------------------------------------------------

    async def _enter(self, hello: ToCenter) -> Welcome:
        """Open the socket, send the hello or join, and wait for the center's welcome."""
        self.engine.connecting()
        self._loop = asyncio.get_running_loop()
        self._welcome = self._loop.create_future()
        try:
            await self.center.open_socket(self._from_center, self._socket_closed)
            await self.center.send(hello)
            welcome = await asyncio.wait_for(self._welcome, WELCOME_TIMEOUT_S)
        except TimeoutError:
            await self._abort_entry()
            raise CenterError("timeout", "The support center did not answer in time.") from None
        except CenterError:
            await self._abort_entry()
            raise
        return welcome

    def _take_seat(self, welcome: Welcome) -> None:
        self.ice_servers = list(welcome.ice_servers)
        self.resume_token = welcome.resume_token
        # Those already present make the offers to us; we only answer.
        self.engine.welcomed(welcome.session, welcome.you, welcome.participants)

    async def _abort_entry(self) -> None:
        await self.center.close()
        if self.engine.state == SessionState.CONNECTING:
            self.engine.connect_failed()

    # --- from the center ----------------------------------------------------------------------

    def _from_center(self, message: FromCenter) -> None:
        if isinstance(message, Welcome):
            if self._welcome is not None and not self._welcome.done():
                # Seated here, not when _enter resumes: the messages read right after the welcome
                # (someone joining, the agent's offer) are handled before that and need the seat.
                if self.engine.me is None:
                    self._take_seat(message)
                else:
                    self._seat_again(message)
                self._welcome.set_result(message)
        elif isinstance(message, ErrorMessage):
            error = CenterError(str(message.code), message.reason, message.retry_after_s)
            if self._welcome is not None and not self._welcome.done():
                self._welcome.set_exception(error)
            else:
                self.engine.problem(error.code, error.reason)
        elif isinstance(message, ParticipantJoined):
            link = self.links.get(message.participant.id)
            if link is not None and link.state == LinkState.OPEN:
                # Back at the center after a dropped socket; our link to them never broke.
                self.engine.link_restored(message.participant.id)
                return
            self.engine.joined(message.participant)
            self._maybe_offer(message.participant)
        elif isinstance(message, ParticipantLeft):
            self._relinking.discard(message.participant_id)
            self.engine.left(message.participant_id, message.reason.value)
            link = self.links.pop(message.participant_id, None)
            if link is not None:
                self._spawn(link.close())
        elif isinstance(message, SignalIn):
            self._spawn(self._signal(message))
        elif isinstance(message, SessionEnded):
            # Closed here, before the center's socket closes behind the message, so that the
            # closing socket is not mistaken for a lost connection.
            self._leaving = True
            self.engine.close(message.reason.value, message.by)
            self._spawn(self._shut_down(message.reason.value, message.by))

    def _socket_closed(self) -> None:
        if self._welcome is not None and not self._welcome.done():
            self._welcome.set_exception(
                CenterError("closed", "The support center closed the connection.")
            )
            return
        if (
            self._leaving
            or self._reconnecting
            or self.engine.state
            in (
                SessionState.IDLE,
                SessionState.CONNECTING,
                SessionState.ENDED,
            )
        ):
            return
        log.warning("signaling socket to the center closed; reconnecting")
        self.engine.problem(
            "center_lost", "Lost the connection to the support center; reconnecting…"
        )
        self._reconnecting = True
        self._spawn(self._reconnect())

    def _resume_message(self) -> ToCenter | None:
        """What takes our seat back at the center (the subclass knows); None: do not try."""
        return None

    async def _reconnect(self) -> None:
        """Take our seat back at the center (same id), with growing pauses, for a while; the
        peer links go on meanwhile. Given up, and with no link left, the session is over."""
        deadline = time.monotonic() + RECONNECT_WINDOW_S
        pause = RECONNECT_FIRST_PAUSE_S
        try:
            while not self._leaving and time.monotonic() < deadline:
                await asyncio.sleep(pause)
                pause = min(pause * 2, RECONNECT_MAX_PAUSE_S)
                message = self._resume_message()
                if message is None:
                    break
                self._welcome = asyncio.get_running_loop().create_future()
                try:
                    await self.center.close()
                    await self.center.open_socket(self._from_center, self._socket_closed)
                    await self.center.send(message)
                    await asyncio.wait_for(self._welcome, WELCOME_TIMEOUT_S)
                except (CenterError, TimeoutError) as exc:
                    refused = isinstance(exc, CenterError) and exc.code in SEAT_GONE_CODES
                    if refused:
                        await self._shut_down(CONNECTION_LOST, None)
                        return
                    continue
                self.engine.problem("center_back", "Connected to the support center again.")
                return
        finally:
            self._reconnecting = False
        if not self._leaving and not any(
            link.state == LinkState.OPEN for link in self.links.values()
        ):
            await self._shut_down(CONNECTION_LOST, None)

    def _seat_again(self, welcome: Welcome) -> None:
        """Back in our seat after a reconnection: learn who came meanwhile and link to them."""
        self.resume_token = welcome.resume_token
        self.ice_servers = list(welcome.ice_servers)
        for other in welcome.participants:
            link = self.links.get(other.id)
            if link is not None and link.state == LinkState.OPEN:
                self.engine.link_restored(other.id)
            elif self.engine.participant(other.id) is None or link is None:
                self.engine.joined(other)
                if self.engine.me is not None and self.engine.me.role != Role.CUSTOMER:
                    self._maybe_offer(other)

    # --- peer links ---------------------------------------------------------------------------

    def _maybe_offer(self, newcomer: ParticipantInfo) -> None:
        """Whoever was in the session first makes the offer to the newcomer."""
        me = self.engine.me
        if me is not None and should_link(me, newcomer):
            self._spawn(self._offer(newcomer.id))

    def _new_link(self, remote_id: str) -> PeerLink:
        old = self.links.pop(remote_id, None)
        if old is not None:
            self._spawn(old.close())
        link = PeerLink(remote_id, self.ice_servers, self._from_peer, self._link_state)
        self.links[remote_id] = link
        return link

    async def _offer(self, remote_id: str) -> None:
        link = self._new_link(remote_id)
        sdp = await link.create_offer()
        await self._send_center(SignalOut(to=remote_id, kind=SignalKind.OFFER, sdp=sdp))

    async def _signal(self, message: SignalIn) -> None:
        me = self.engine.me
        other = self.engine.participant(message.sender)
        if me is None or other is None or not should_link(me, other.info):
            log.warning("ignored a signal from %s, who is not ours to link", message.sender)
            return
        if message.kind == SignalKind.OFFER:
            link = self._new_link(message.sender)
            answer = await link.accept_offer(message.sdp)
            await self._send_center(
                SignalOut(to=message.sender, kind=SignalKind.ANSWER, sdp=answer)
            )
        else:
            found = self.links.get(message.sender)
            if found is None:
                log.warning("answer from %s with no offer out", message.sender)
                return
            await found.accept_answer(message.sdp)

    def _link_state(self, link: PeerLink, state: LinkState) -> None:
        remote_id = link.remote_id
        if self.links.get(remote_id) is not link:
            return  # a link we already replaced or dropped: its news is stale
        if state == LinkState.OPEN and self.engine.me is not None:
            with contextlib.suppress(ConnectionError):
                link.send(PeerHello(participant=self.engine.me))
            self._relinking.discard(remote_id)
            self.engine.link_restored(remote_id)
        if state in (LinkState.LOST, LinkState.CLOSED):
            self.links.pop(remote_id, None)
        self.engine.link_changed(remote_id, state == LinkState.OPEN)
        if state in (LinkState.LOST, LinkState.CLOSED) and remote_id not in self.links:
            for feature in self.features:
                feature.on_link_down(remote_id)
        if state == LinkState.LOST:
            participant = self.engine.participant(remote_id)
            if participant is not None and participant.info.role == Role.PRIMARY_AGENT:
                if not self.center.socket_open:
                    self._spawn(self._shut_down(CONNECTION_LOST, None))
            elif participant is not None:
                self.engine.left(remote_id, LeaveReason.DISCONNECTED.value)
                self._relink(remote_id)

    def _relink(self, remote_id: str) -> None:
        """A link died but the center still has them (a network drop, not a departure): the
        offering side offers again for a while, so the session resumes by itself."""
        me = self.engine.me
        participant = self.engine.participant(remote_id)
        if me is None or participant is None or not should_link(me, participant.info):
            return
        if not (me.role != Role.CUSTOMER and participant.info.role == Role.CUSTOMER):
            return  # agents make the offers to customers; customers wait for them
        self._relinking.add(remote_id)
        self._spawn(self._relink_loop(remote_id))

    async def _relink_loop(self, remote_id: str) -> None:
        deadline = time.monotonic() + RELINK_WINDOW_S
        while remote_id in self._relinking and time.monotonic() < deadline:
            await asyncio.sleep(RELINK_INTERVAL_S)
            if remote_id not in self._relinking or not self.center.socket_open:
                return
            link = self.links.get(remote_id)
            if link is None or link.state != LinkState.OPEN:
                with contextlib.suppress(CenterError, ConnectionError):
                    await self._offer(remote_id)
        self._relinking.discard(remote_id)

    def _from_peer(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, ChatLine):
            if message.sender != remote_id:
                log.warning("%s sent a chat line in the name of %s", remote_id, message.sender)
                return
            self.engine.chat_arrived(message)
            return
        for feature in self.features:
            if isinstance(message, feature.handles):
                feature.on_message(remote_id, message)
                return
        log.info("no feature takes %s messages; dropped", message.type)

    def _audit_to_center(self, event: AuditEvent) -> None:
        """Every audit entry also goes to the center, into the session's report."""
        if not self.center.socket_open or self.engine.me is None:
            return
        kind = event.kind if len(event.kind) <= 40 else event.kind[:40]
        detail = {
            k[:40]: v[:200]
            for k, v in list(event.detail.items())[:12]
            if k.replace("_", "").isalpha()
        }
        try:
            note = AuditNote(kind=kind, detail=detail)
        except ValueError:
            log.warning("audit entry %s not sent to the center: not a valid note", event.kind)
            return
        self._spawn(self._send_quietly(note))

    async def _send_quietly(self, message: ToCenter) -> None:
        with contextlib.suppress(CenterError, ConnectionError):
            await self.center.send(message)

    def send_to(self, remote_id: str, message: PeerMessage) -> None:
        """Send ``message`` to one participant over our link; ConnectionError if there is none."""
        link = self.links.get(remote_id)
        if link is None:
            raise ConnectionError(f"no link to {remote_id}")
        link.send(message)

    # --- chat ---------------------------------------------------------------------------------

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

    # --- leaving ------------------------------------------------------------------------------

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

    async def _send_center(self, message: ToCenter) -> None:
        await self.center.send(message)

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
        for task in list(self._tasks):
            task.cancel()

    def call_soon_threadsafe(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the session's loop, from any thread."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(callback)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` in the background; a failure is logged and shown as a problem."""
        self._spawn(coro)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("session task failed: %r", exc)
            self.engine.problem("internal", f"{type(exc).__name__}: {exc}")
