"""Links between peers of one process, through memory: the engine tests' network.

Same ``Link`` and channels as the aiortc link, so the heartbeat, the session's windows and the
features run unchanged; the network between them is a few settings (as in aiortc's own test
suite): a delay on every message, a loss rate on unordered, and a partition that drops the
link as a pulled cable would. During a partition the reliable channels hold their messages and
deliver them once it heals (as SCTP retransmits), unordered loses them, and the link does
not close by itself: the heartbeat finds it silent, as on a real network. Time is the
network's ``Clock``, so a ``VirtualClock`` runs a 120 s outage in milliseconds.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import secrets
from collections import deque
from collections.abc import Callable

from shared.protocol.messages import IceServer
from shared.transport.channels import BaseChannel, ChannelName
from shared.transport.clock import REAL_CLOCK, Clock
from shared.transport.link import Link, LinkState, MessageCallback

OFFER_PREFIX = "memory-offer "
ANSWER_PREFIX = "memory-answer "


def stand_in_fingerprint() -> str:
    """A made-up certificate fingerprint, shaped as a SHA-256 one, new for each link (as aiortc
    makes a certificate per connection). It travels in the offer and the answer, "memory-offer
    TOKEN FINGERPRINT", where a test playing a hostile center can swap it."""
    return ":".join(f"{b:02X}" for b in secrets.token_bytes(32))


def _token_and_fingerprint(sdp: str, prefix: str) -> tuple[str, str | None]:
    token, _, fingerprint = sdp.removeprefix(prefix).partition(" ")
    return token, fingerprint or None


class MemoryNetwork:
    """The wire between every ``MemoryLink`` it makes; pass it where a link factory goes."""

    def __init__(
        self,
        clock: Clock = REAL_CLOCK,
        *,
        delay_s: float = 0.0,
        loss: float = 0.0,
        seed: int = 0,
    ) -> None:
        self.clock = clock
        self.delay_s = delay_s
        self.loss = loss  # of unordered messages, 0 to 1
        self.partitioned = False
        self.links: list[MemoryLink] = []
        self._random = random.Random(seed)
        self._offers: dict[str, MemoryLink] = {}
        self._tokens = itertools.count(1)
        self._healed: list[Callable[[], None]] = []

    def __call__(
        self,
        remote_id: str,
        ice_servers: list[IceServer],
        on_message: MessageCallback,
        on_state: Callable[[Link, LinkState], None],
        clock: Clock | None = None,
    ) -> MemoryLink:
        # The network's clock rules its links (pass the session's clock to the network).
        link = MemoryLink(self, remote_id, on_message, on_state)
        self.links.append(link)
        return link

    def partition(self, on: bool) -> None:
        """Drop (True) or restore (False) every link of this network."""
        self.partitioned = on
        if not on:
            healed, self._healed = self._healed, []
            for resume in healed:
                resume()

    def lost(self) -> bool:
        return self._random.random() < self.loss

    def _offer(self, link: MemoryLink) -> str:
        token = str(next(self._tokens))
        self._offers[token] = link
        return f"{OFFER_PREFIX}{token} {link.fingerprint}"

    def _answer(self, answerer: MemoryLink, sdp: str) -> str:
        token, fingerprint = _token_and_fingerprint(sdp, OFFER_PREFIX)
        offerer = self._offers.get(token)
        if not sdp.startswith(OFFER_PREFIX) or offerer is None:
            raise ValueError("not an offer from this network")
        answerer.peer = offerer
        answerer.remote_fingerprint = fingerprint
        return f"{ANSWER_PREFIX}{token} {answerer.fingerprint}"

    def _answered(self, offerer: MemoryLink, sdp: str) -> None:
        token, fingerprint = _token_and_fingerprint(sdp, ANSWER_PREFIX)
        offerer.remote_fingerprint = fingerprint
        answerer = next((link for link in self.links if link.peer is offerer), None)
        if not sdp.startswith(ANSWER_PREFIX) or self._offers.get(token) is not offerer:
            raise ValueError("not an answer to our offer")
        if answerer is None:
            raise ValueError("nobody answered that offer")
        del self._offers[token]
        offerer.peer = answerer
        if self.partitioned:
            return  # ICE finds no path: the link stays connecting, and is replaced in time
        for side in (offerer, answerer):
            side.pump(side.connected)


class MemoryChannel(BaseChannel):
    """One direction's queue of one named channel: sends wait the network's delay, in order."""

    def __init__(self, name: ChannelName, link: MemoryLink) -> None:
        super().__init__(name)
        self._link = link
        self._queued = 0
        self._held: deque[bytes | str] = deque()  # reliable messages sent during a partition
        self._flight: deque[tuple[float, bytes | str]] = deque()
        self._pumping = False

    @property
    def buffered_amount(self) -> int:
        return self._queued

    def _transmit(self, data: bytes | str) -> None:
        network = self._link.network
        if self._link.peer is None or self._link.state != LinkState.OPEN:
            raise ConnectionError(f"the {self.name} channel is not open")
        if self.name == ChannelName.UNORDERED and (network.partitioned or network.lost()):
            return
        self._queued += len(data)
        if network.partitioned:
            if not self._held:
                network._healed.append(self._release)
            self._held.append(data)
            return
        self._flight.append((network.clock.now() + network.delay_s, data))
        self._start()

    def _release(self) -> None:
        now = self._link.network.clock.now()
        while self._held:
            self._flight.append((now + self._link.network.delay_s, self._held.popleft()))
        self._start()

    def _start(self) -> None:
        if not self._pumping:
            self._pumping = True
            self._link.pump(self._deliver_in_order)

    async def _deliver_in_order(self) -> None:
        clock = self._link.network.clock
        try:
            while self._flight:
                due, data = self._flight[0]
                if due > clock.now():
                    await clock.sleep(due - clock.now())
                self._flight.popleft()
                self._queued -= len(data)
                self._wake()
                peer = self._link.peer
                if peer is not None and not peer.gone and not self._link.gone:
                    peer.channel(self.name)._deliver(data)
        finally:
            self._pumping = False


class MemoryLink(Link):
    def __init__(
        self,
        network: MemoryNetwork,
        remote_id: str,
        on_message: MessageCallback,
        on_state: Callable[[Link, LinkState], None],
    ) -> None:
        super().__init__(remote_id, on_message, on_state, network.clock)
        self.network = network
        self.peer: MemoryLink | None = None
        self.gone = False
        # This link's stand-in DTLS fingerprint, and the other side's as its offer or answer
        # said (memory links do no handshake: a swapped one goes unnoticed but for the code).
        self.fingerprint = stand_in_fingerprint()
        self.remote_fingerprint: str | None = None
        self._channels = {name: MemoryChannel(name, self) for name in ChannelName}
        self._tasks: set[asyncio.Task[None]] = set()
        self._listen()

    def channel(self, name: ChannelName) -> MemoryChannel:
        return self._channels[name]

    def fingerprints(self) -> tuple[str, str] | None:
        if self.remote_fingerprint is None or self.gone:
            return None
        return self.fingerprint, self.remote_fingerprint

    def pump(self, step: Callable[[], object]) -> None:
        """Run ``step`` (a coroutine function or a plain one) in a task of this link."""

        async def run() -> None:
            result = step()
            if asyncio.iscoroutine(result):
                await result

        task = asyncio.ensure_future(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def connected(self) -> None:
        await self.network.clock.sleep(self.network.delay_s)
        if not self.gone and self.peer is not None and not self.peer.gone:
            self._control_open()

    async def create_offer(self) -> str:
        self._set_state(LinkState.CONNECTING)
        self.leads_heartbeat = True
        return self.network._offer(self)

    async def accept_offer(self, sdp: str) -> str:
        self._set_state(LinkState.CONNECTING)
        return self.network._answer(self, sdp)

    async def accept_answer(self, sdp: str) -> None:
        self.network._answered(self, sdp)

    async def _close_transport(self) -> None:
        """Closing tells the other side, unless the network is down (then its heartbeat will)."""
        if self.gone:
            return
        self.gone = True
        for channel in self._channels.values():
            channel._closed()
        peer = self.peer
        if peer is not None and not peer.gone and not self.network.partitioned:
            peer.pump(peer.close)
