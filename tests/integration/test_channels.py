"""The named channels on real peer connections (aiortc on loopback): bulk carries 20 MiB whole
and in order while its sender never holds more than its bound; unordered is a lossy, unordered
data channel; typed messages travel on control and on unordered alike."""

from __future__ import annotations

import asyncio
import hashlib
import random
from collections.abc import AsyncIterator

import pytest

from shared.features.desktop.protocol import KeyAction, KeyInput, PointerAction, PointerInput
from shared.protocol.messages import PeerMessage
from shared.transport.channels import BULK_LOW_MARK, BULK_MAX_BUFFERED, ChannelName
from shared.transport.channels import MAX_CHANNEL_MESSAGE_BYTES as CHUNK
from shared.transport.link import Link, LinkState, join_links
from shared.transport.peer_link import PeerLink
from tests.helpers import wait_for

MIB = 1024 * 1024
LINK_TIMEOUT_S = 10.0


class Peers:
    def __init__(self) -> None:
        self.received: list[PeerMessage] = []
        self.a = PeerLink("b", [], lambda _r, _m: None, self._state)
        self.b = PeerLink("a", [], lambda _r, m: self.received.append(m), self._state)

    @staticmethod
    def _state(_link: Link, _state: LinkState) -> None:
        pass


@pytest.fixture
async def peers() -> AsyncIterator[Peers]:
    pair = Peers()
    await join_links(pair.a, pair.b, LINK_TIMEOUT_S)
    yield pair
    await pair.a.close()
    await pair.b.close()


async def test_bulk_carries_20_mib_in_order_and_the_sender_holds_at_most_its_bound(
    peers: Peers,
) -> None:
    payload = random.Random(8).randbytes(20 * MIB)
    got = bytearray()
    peers.b.channel(ChannelName.BULK).on_message(
        lambda data: got.extend(data if isinstance(data, bytes) else data.encode())
    )
    bulk = peers.a.channel(ChannelName.BULK)
    samples: list[int] = []

    async def sample() -> None:  # what the sender holds, seen from outside the writer too
        while True:
            samples.append(bulk.buffered_amount)
            await asyncio.sleep(0.001)

    sampler = asyncio.ensure_future(sample())
    try:
        for offset in range(0, len(payload), CHUNK):
            await bulk.write(payload[offset : offset + CHUNK])
            samples.append(bulk.buffered_amount)
        await wait_for(lambda: len(got) >= len(payload), timeout=60, what="20 MiB delivered")
    finally:
        sampler.cancel()
    assert hashlib.sha256(got).digest() == hashlib.sha256(payload).digest()  # whole, in order
    assert max(samples) <= BULK_MAX_BUFFERED
    assert max(samples) > BULK_LOW_MARK  # the writer was faster than the link: it waited


async def test_typed_messages_travel_on_control_and_on_unordered(peers: Peers) -> None:
    unordered = peers.a.channel(ChannelName.UNORDERED).data
    assert (unordered.ordered, unordered.maxRetransmits) == (False, 0)
    assert peers.a.channel(ChannelName.CONTROL).data.ordered
    move = PointerInput(activity="act-1", action=PointerAction.MOVE, x=3, y=4)
    key = KeyInput(activity="act-1", action=KeyAction.DOWN, key="z")
    peers.a.send(move, ChannelName.UNORDERED)
    peers.a.send(key)
    await wait_for(lambda: len(peers.received) == 2, what="both messages")
    assert sorted(m.type for m in peers.received) == ["input.key", "input.pointer"]
    with pytest.raises(ValueError):
        peers.a.send(key, ChannelName.BULK)  # bulk carries bytes, not typed messages


def _with_another_certificate(sdp: str) -> str:
    """``sdp`` with its DTLS fingerprint replaced, as a third party answering in the real
    peer's place (with a certificate of its own) would have to."""
    lines = sdp.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("a=fingerprint:sha-256 "))
    fake = ":".join(f"{b:02X}" for b in random.randbytes(32))
    lines[at] = f"a=fingerprint:sha-256 {fake}"
    return "\r\n".join(lines) + "\r\n"


async def test_a_link_offers_only_encrypted_transport_and_pins_the_peers_certificate() -> None:
    pair = Peers()
    try:
        offer = await pair.a.create_offer()
        media = [line for line in offer.splitlines() if line.startswith("m=")]
        assert media and all(line.split()[2] == "UDP/DTLS/SCTP" for line in media), media
        answer = await pair.b.accept_offer(offer)
        # The answer's certificate is not the one the DTLS handshake meets: the link never opens.
        await pair.a.accept_answer(_with_another_certificate(answer))
        await wait_for(
            lambda: pair.a.state in (LinkState.LOST, LinkState.CLOSED),
            timeout=LINK_TIMEOUT_S,
            what="the handshake failing",
        )
        assert pair.b.state != LinkState.OPEN and pair.received == []
    finally:
        await pair.a.close()
        await pair.b.close()
