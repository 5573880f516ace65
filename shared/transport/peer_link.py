"""One WebRTC connection between this peer and one other participant.

The link carries a reliable, ordered data channel named "control" for typed peer messages
(chat, and later control requests). Both sides create the channel as pre-negotiated (id 0), so
it opens as soon as SCTP is up, without waiting for an in-band announcement.

A small heartbeat (ping/pong) tells within seconds that the other side is gone, even when the
support center is unreachable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from enum import StrEnum

from aiortc import (
    RTCConfiguration,
    RTCDataChannel,
    RTCIceServer,
    RTCPeerConnection,
    RTCSessionDescription,
)

from shared.protocol import PEER, ProtocolError
from shared.protocol.messages import IceServer, PeerError, PeerMessage, Ping, Pong

log = logging.getLogger(__name__)

# A ping every second; four missed in a row (4 s of silence) marks the link lost, which
# leaves the console room to show a killed customer as gone well within 10 s.
HEARTBEAT_INTERVAL_S = 1.0
HEARTBEAT_TIMEOUT_S = 4.0

# A peer that keeps sending garbage is closed rather than answered forever.
MAX_PROTOCOL_ERRORS = 50


class LinkState(StrEnum):
    NEW = "new"
    CONNECTING = "connecting"
    OPEN = "open"
    LOST = "lost"
    CLOSED = "closed"


def rtc_configuration(ice_servers: list[IceServer]) -> RTCConfiguration:
    # Always pass the configured list, even when empty: with None aiortc would reach out to a
    # public STUN server on its own.
    return RTCConfiguration(
        iceServers=[
            RTCIceServer(urls=s.urls, username=s.username, credential=s.credential)
            for s in ice_servers
        ]
    )


class PeerLink:
    def __init__(
        self,
        remote_id: str,
        ice_servers: list[IceServer],
        on_message: Callable[[str, PeerMessage], None],
        # Called with the link itself, so an owner that replaced a link can tell stale news.
        on_state: Callable[[PeerLink, LinkState], None],
    ) -> None:
        self.remote_id = remote_id
        self._on_message = on_message
        self._on_state = on_state
        self.state = LinkState.NEW
        self.last_rtt_s: float | None = None
        self._pc = RTCPeerConnection(rtc_configuration(ice_servers))
        self._channel: RTCDataChannel = self._pc.createDataChannel(
            "control", ordered=True, negotiated=True, id=0
        )
        self._opened = asyncio.Event()
        self._last_heard = time.monotonic()
        self._ping_seq = 0
        self._errors = 0
        self._heartbeat: asyncio.Task[None] | None = None
        self._closing: asyncio.Future[None] | None = None
        self._channel.on("open", self._channel_open)
        self._channel.on("message", self._channel_message)
        self._channel.on("close", lambda: self._set_state(LinkState.CLOSED))
        self._pc.on("connectionstatechange", self._connection_state_changed)

    # --- negotiation ------------------------------------------------------------------------

    async def create_offer(self) -> str:
        self._set_state(LinkState.CONNECTING)
        await self._pc.setLocalDescription(await self._pc.createOffer())
        return str(self._pc.localDescription.sdp)

    async def accept_offer(self, sdp: str) -> str:
        self._set_state(LinkState.CONNECTING)
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        await self._pc.setLocalDescription(await self._pc.createAnswer())
        return str(self._pc.localDescription.sdp)

    async def accept_answer(self, sdp: str) -> None:
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))

    async def wait_open(self, timeout: float) -> None:
        await asyncio.wait_for(self._opened.wait(), timeout)

    # --- messages ---------------------------------------------------------------------------

    def send(self, message: PeerMessage) -> None:
        if self.state != LinkState.OPEN:
            raise ConnectionError(f"link to {self.remote_id} is {self.state}")
        self._channel.send(PEER.encode(message))

    def _channel_open(self) -> None:
        self._last_heard = time.monotonic()
        self._opened.set()
        self._set_state(LinkState.OPEN)
        self._heartbeat = asyncio.ensure_future(self._heartbeat_loop())

    def _channel_message(self, data: str | bytes) -> None:
        self._last_heard = time.monotonic()
        try:
            message = PEER.decode(data)
        except ProtocolError as exc:
            self._errors += 1
            log.warning("refused a message from %s: %s", self.remote_id, exc)
            if self._errors > MAX_PROTOCOL_ERRORS:
                log.error("closing the link to %s: too many bad messages", self.remote_id)
                self._closing = asyncio.ensure_future(self.close())
                return
            with contextlib.suppress(ConnectionError, ProtocolError):
                self.send(PeerError(code=exc.code, reason=exc.reason[:300]))
            return
        if isinstance(message, Ping):
            with contextlib.suppress(ConnectionError):
                self.send(Pong(seq=message.seq, sent_at=message.sent_at))
            return
        if isinstance(message, Pong):
            self.last_rtt_s = max(0.0, time.monotonic() - message.sent_at)
            return
        if isinstance(message, PeerError):
            log.warning("%s refused one of our messages: %s", self.remote_id, message.reason)
        self._on_message(self.remote_id, message)

    async def _heartbeat_loop(self) -> None:
        while self.state == LinkState.OPEN:
            await asyncio.sleep(HEARTBEAT_INTERVAL_S)
            if time.monotonic() - self._last_heard > HEARTBEAT_TIMEOUT_S:
                log.info("link to %s is silent: lost", self.remote_id)
                self._set_state(LinkState.LOST)
                await self.close()
                return
            self._ping_seq += 1
            with contextlib.suppress(ConnectionError):
                self.send(Ping(seq=self._ping_seq, sent_at=time.monotonic()))

    # --- lifecycle --------------------------------------------------------------------------

    async def _connection_state_changed(self) -> None:
        if self._pc.connectionState == "failed":
            self._set_state(LinkState.LOST)
            await self.close()

    def _set_state(self, state: LinkState) -> None:
        if self.state == state or self.state == LinkState.CLOSED:
            return
        if self.state == LinkState.LOST and state != LinkState.CLOSED:
            return
        self.state = state
        self._on_state(self, state)

    async def close(self) -> None:
        if self._heartbeat and self._heartbeat is not asyncio.current_task():
            self._heartbeat.cancel()
        await self._pc.close()
        self._set_state(LinkState.CLOSED)
