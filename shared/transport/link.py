"""What every link to one other participant does, whatever carries it (aiortc, or memory in
engine tests): typed messages on the named channels, the heartbeat, and the link's state.

A small heartbeat (ping/pong on control) tells within seconds that the other side is gone,
even when the support center is unreachable. It runs on the link's ``Clock``.

Only as much of it as failure detection needs (an idle session's whole traffic has a budget,
``bench/idle_apps.py``): the side that offered the link pings once it has heard nothing for
``HEARTBEAT_INTERVAL_S``, the other answers; each side hearing anything at all (a pong, a
ping, any message) counts as hearing the other. An unanswered ping is repeated every
``HEARTBEAT_RETRY_S``, so a link that comes back after a drop is heard again at once. The
answering side pings too, only if the leader's pings stop reaching it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from shared.protocol import PEER, ProtocolError
from shared.protocol.messages import IceServer, PeerError, PeerMessage, Ping, Pong
from shared.transport.channels import Channel, ChannelName
from shared.transport.clock import REAL_CLOCK, Clock

log = logging.getLogger(__name__)

# The product's promise: the console shows a vanished (killed, frozen, cut off) customer as
# gone within 10 s (tests/integration/test_faults.py). 8 s of silence marks the link lost on
# both sides; the check is made at that very moment (no polling tick on top), which leaves
# 2 s for the news to reach the console's list.
HEARTBEAT_TIMEOUT_S = 8.0
# The leader pings after this much silence: one ping and its pong (four SCTP packets, ~480
# bytes on the wire with their acknowledgements) every 3 s is the largest share of an idle
# session's traffic, ~1.3 kbit/s of the 3 kbit/s budget. Silence before a drop is at most
# this long, so a drop of half the timeout (4 s) is ridden out with room for SCTP to
# retransmit what it held (tests/sharing/test_network_drop.py).
HEARTBEAT_INTERVAL_S = 3.0
# After an unanswered ping, the next one this soon: the first packets through after a drop
# carry news of life, well before the timeout runs out.
HEARTBEAT_RETRY_S = 0.5
# The answering side pings only after this many of the leader's intervals of silence (a
# leader's lost ping), so that both do not ping each other's every round.
FOLLOWER_PATIENCE = 1.5

# A peer that keeps sending garbage is closed rather than answered forever.
MAX_PROTOCOL_ERRORS = 50

# Channels that carry typed peer messages; bulk carries whatever bytes its feature sends.
MESSAGE_CHANNELS = (ChannelName.CONTROL, ChannelName.UNORDERED)


class LinkState(StrEnum):
    NEW = "new"
    CONNECTING = "connecting"
    OPEN = "open"
    LOST = "lost"
    CLOSED = "closed"


MessageCallback = Callable[[str, PeerMessage], None]


class Link(ABC):
    def __init__(
        self,
        remote_id: str,
        on_message: MessageCallback,
        # Called with the link itself, so an owner that replaced a link can tell stale news.
        on_state: Callable[[Link, LinkState], None],
        clock: Clock = REAL_CLOCK,
    ) -> None:
        self.remote_id = remote_id
        self._on_message = on_message
        self._on_state = on_state
        self.clock = clock
        self.state = LinkState.NEW
        self.last_rtt_s: float | None = None
        self._opened = asyncio.Event()
        self._last_heard = clock.now()
        self._ping_seq = 0
        self._last_ping = float("-inf")  # when our last ping left (clock time)
        # The side that made the offer leads the heartbeat (transports set it in create_offer).
        self.leads_heartbeat = False
        self._errors = 0
        self._heartbeat: asyncio.Task[None] | None = None
        self._closing: asyncio.Future[None] | None = None

    # --- what each transport provides -------------------------------------------------------

    @abstractmethod
    def channel(self, name: ChannelName) -> Channel:
        """The channel of that name (all three exist from the start)."""

    @abstractmethod
    async def create_offer(self) -> str: ...

    @abstractmethod
    async def accept_offer(self, sdp: str) -> str: ...

    @abstractmethod
    async def accept_answer(self, sdp: str) -> None: ...

    @abstractmethod
    async def _close_transport(self) -> None: ...

    def fingerprints(self) -> tuple[str, str] | None:
        """The DTLS certificate fingerprints of this link, (ours, theirs), SHA-256 as colon-
        separated hex; None until the handshake is done (or for a transport without DTLS).
        Two people comparing a code made of them learn whether anyone sits in between."""
        return None

    def _listen(self) -> None:
        """Called by the transport once its channels exist: hear every one of them."""
        for name in ChannelName:
            channel = self.channel(name)
            if name in MESSAGE_CHANNELS:
                channel.on_message(self._message_arrived)
            else:
                channel.on_message(lambda _data: self._heard())

    # --- messages ---------------------------------------------------------------------------

    async def wait_open(self, timeout: float) -> None:
        await asyncio.wait_for(self._opened.wait(), timeout)

    def send(self, message: PeerMessage, channel: ChannelName = ChannelName.CONTROL) -> None:
        """Send a typed message; on control unless the feature asks for unordered."""
        if self.state != LinkState.OPEN:
            raise ConnectionError(f"link to {self.remote_id} is {self.state}")
        if channel not in MESSAGE_CHANNELS:
            raise ValueError(f"typed messages go on control or unordered, not {channel}")
        self.channel(channel).send(PEER.encode(message))

    def _heard(self) -> None:
        self._last_heard = self.clock.now()

    def _control_open(self) -> None:
        self._heard()
        self._opened.set()
        self._set_state(LinkState.OPEN)
        self._heartbeat = asyncio.ensure_future(self._heartbeat_loop())

    def _message_arrived(self, data: str | bytes) -> None:
        self._heard()
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
            self.last_rtt_s = max(0.0, self.clock.now() - message.sent_at)
            return
        if isinstance(message, PeerError):
            log.warning("%s refused one of our messages: %s", self.remote_id, message.reason)
        self._on_message(self.remote_id, message)

    def _ping_due(self) -> float:
        """When our next ping is due (clock time): after our interval of silence, or soon after
        a ping of ours that has not been answered yet."""
        if self._last_ping > self._last_heard:
            return self._last_ping + HEARTBEAT_RETRY_S
        patience = 1.0 if self.leads_heartbeat else FOLLOWER_PATIENCE
        return self._last_heard + patience * HEARTBEAT_INTERVAL_S

    async def _heartbeat_loop(self) -> None:
        while self.state == LinkState.OPEN:
            now = self.clock.now()
            if now - self._last_heard >= HEARTBEAT_TIMEOUT_S:
                log.info("link to %s is silent: lost", self.remote_id)
                self._set_state(LinkState.LOST)
                await self.close()
                return
            if now >= self._ping_due():
                self._last_ping = now
                self._ping_seq += 1
                with contextlib.suppress(ConnectionError):
                    self.send(Ping(seq=self._ping_seq, sent_at=max(0.0, now)))
            # Wake exactly when something is due: the next ping or the timeout, whichever first
            # (hearing the other side in between only moves both later).
            wake = min(self._ping_due(), self._last_heard + HEARTBEAT_TIMEOUT_S)
            await self.clock.sleep(max(0.0, wake - self.clock.now()))

    # --- lifecycle --------------------------------------------------------------------------

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
        await self._close_transport()
        self._set_state(LinkState.CLOSED)


class LinkFactory(Protocol):
    """Makes the links of a session (``PeerLink`` in production, memory in engine tests)."""

    def __call__(
        self,
        remote_id: str,
        ice_servers: list[IceServer],
        on_message: MessageCallback,
        on_state: Callable[[Link, LinkState], None],
        clock: Clock,
    ) -> Link: ...


async def join_links(offerer: Link, answerer: Link, timeout: float) -> None:
    """Link two peers of this process directly, with no center between them (benches, tests)."""
    answer = await answerer.accept_offer(await offerer.create_offer())
    await offerer.accept_answer(answer)
    await asyncio.gather(offerer.wait_open(timeout), answerer.wait_open(timeout))
