"""The SCTP changes (shared/transport/sctp_tuning.py) on real peer links over loopback: a bulk
burst is acknowledged about once every second packet and arrives whole; a lone message is still
acknowledged, well before the sender would send it again; a packet lost in the middle of a
burst is sent again at once and nothing is lost; a bare aiortc connection keeps aiortc's rule."""

from __future__ import annotations

import asyncio
import hashlib
import random
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aioice.turn
import pytest
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.rtcsctptransport import SackChunk

from shared.transport.channels import MAX_CHANNEL_MESSAGE_BYTES as CHUNK
from shared.transport.channels import ChannelName
from shared.transport.link import Link, LinkState, join_links
from shared.transport.peer_link import PeerLink
from shared.transport.udp_buffers import UDP_RECEIVE_BUFFER, link_sockets
from tests.helpers import wait_for

MIB = 1024 * 1024
LINK_TIMEOUT_S = 10.0
# aiortc's smallest retransmission timeout: a loss recovered sooner was sent again on the
# receiver's reports (fast retransmission), not on the sender's timer.
MIN_RTO_S = 1.0


class Counted:
    """One SCTP transport's traffic: data packets in, SACKs out; can drop one packet in."""

    def __init__(self, sctp: Any) -> None:
        self.packets = 0
        self.sacks = 0
        self.drop_packet: int | None = None
        self.dropped = False
        handle: Callable[[bytes], Awaitable[None]] = sctp._handle_data
        send_chunk: Callable[[Any], Awaitable[None]] = sctp._send_chunk

        async def handle_data(data: bytes) -> None:
            if len(data) > 200:  # a data packet, not a SACK or a heartbeat
                self.packets += 1
                if self.packets == self.drop_packet:
                    self.dropped = True
                    return
            await handle(data)

        async def send(chunk: Any) -> None:
            if isinstance(chunk, SackChunk):
                self.sacks += 1
            await send_chunk(chunk)

        sctp._handle_data = handle_data
        sctp._send_chunk = send


def _ignore(_link: Link, _state: LinkState) -> None:
    pass


@pytest.fixture
async def links() -> AsyncIterator[tuple[PeerLink, PeerLink]]:
    a = PeerLink("b", [], lambda _r, _m: None, _ignore)
    b = PeerLink("a", [], lambda _r, _m: None, _ignore)
    await join_links(a, b, LINK_TIMEOUT_S)
    yield a, b
    await a.close()
    await b.close()


def _receiver(link: PeerLink) -> bytearray:
    got = bytearray()
    link.channel(ChannelName.BULK).on_message(
        lambda data: got.extend(data if isinstance(data, bytes) else data.encode())
    )
    return got


async def _send(link: PeerLink, payload: bytes) -> None:
    bulk = link.channel(ChannelName.BULK)
    for offset in range(0, len(payload), CHUNK):
        await bulk.write(payload[offset : offset + CHUNK])


async def _burst(a: PeerLink, b: PeerLink, mib: int, drop_packet: int | None = None) -> Counted:
    """``mib`` MiB of random bytes from a to b, checked whole and in order on arrival; b's
    traffic counted, its packet number ``drop_packet`` lost on the way in."""
    counted = Counted(b._pc.sctp)
    counted.drop_packet = drop_packet
    got = _receiver(b)
    payload = random.Random(mib).randbytes(mib * MIB)
    await _send(a, payload)
    await wait_for(lambda: len(got) >= len(payload), timeout=30, what=f"{mib} MiB delivered")
    assert hashlib.sha256(got).digest() == hashlib.sha256(payload).digest()
    return counted


async def test_a_burst_is_acknowledged_about_every_second_packet_and_arrives_whole(
    links: tuple[PeerLink, PeerLink],
) -> None:
    counted = await _burst(*links, mib=8)
    assert counted.packets > 7000
    # aiortc alone sends one SACK per packet; the RFC's rule one per two, and one per packet
    # while a gap is open: the sender in slow start overruns the receiving socket's buffer
    # now and then (on loopback too), and each loss is reported at once.
    assert counted.sacks <= 0.7 * counted.packets, (counted.sacks, counted.packets)


async def test_a_lone_message_is_acknowledged_long_before_it_would_be_sent_again(
    links: tuple[PeerLink, PeerLink],
) -> None:
    a, b = links
    counted = Counted(b._pc.sctp)
    got = _receiver(b)
    sctp: Any = a._pc.sctp
    loop = asyncio.get_running_loop()
    await wait_for(lambda: sctp._flight_size == 0, timeout=5, what="nothing in flight")
    sent_at = loop.time()
    await a.channel(ChannelName.BULK).write(b"x" * 600)  # one packet, no second one after it
    await wait_for(lambda: len(got) == 600, timeout=5, what="the message delivered")
    await wait_for(lambda: sctp._flight_size == 0, timeout=5, what="the message acknowledged")
    assert loop.time() - sent_at < MIN_RTO_S / 2
    assert counted.sacks >= 1
    assert not sctp._sent_queue  # acknowledged: nothing left to send again


async def test_a_packet_lost_mid_burst_is_sent_again_at_once(
    links: tuple[PeerLink, PeerLink],
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    counted = await _burst(*links, mib=1, drop_packet=40)
    assert counted.dropped
    assert loop.time() - started < MIN_RTO_S  # recovered on the gap reports, not a timeout


async def test_a_bare_aiortc_connection_keeps_aiortcs_rule() -> None:
    """Only our links are changed: the bench's reference (a bare connection) measures aiortc."""
    one, two = RTCPeerConnection(), RTCPeerConnection()
    try:
        first = one.createDataChannel("bulk", negotiated=True, id=1)
        second = two.createDataChannel("bulk", negotiated=True, id=1)
        await one.setLocalDescription(await one.createOffer())
        await two.setRemoteDescription(one.localDescription)
        await two.setLocalDescription(await two.createAnswer())
        await one.setRemoteDescription(
            RTCSessionDescription(sdp=two.localDescription.sdp, type="answer")
        )
        await wait_for(lambda: first.readyState == "open", timeout=LINK_TIMEOUT_S, what="open")
        counted = Counted(two.sctp)
        got = bytearray()
        second.on("message", lambda data: got.extend(data))
        for _ in range(16):
            first.send(b"y" * CHUNK)
        await wait_for(lambda: len(got) == 16 * CHUNK, timeout=30, what="1 MiB delivered")
        assert counted.sacks >= 0.9 * counted.packets, (counted.sacks, counted.packets)
    finally:
        await one.close()
        await two.close()


async def test_a_links_sockets_hold_what_arrives_while_its_program_is_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # aioice's own 256 KiB is 8 ms of a file transfer: a longer pause of the receiving loop
    # dropped datagrams, each then waiting a second for SCTP's timer (udp_buffers.py).
    monkeypatch.setattr(aioice.turn, "UDP_SOCKET_BUFFER_SIZE", 256 * 1024)  # as aioice has it
    with open("/proc/sys/net/core/rmem_max") as file:
        allowed = min(UDP_RECEIVE_BUFFER, int(file.read()))
    if allowed <= 256 * 1024:
        pytest.skip("this kernel grants no socket more than aioice asks for (net.core.rmem_max)")
    a = PeerLink("b", [], lambda _r, _m: None, _ignore)
    b = PeerLink("a", [], lambda _r, _m: None, _ignore)
    try:
        await join_links(a, b, LINK_TIMEOUT_S)
        for link in (a, b):
            sockets = link_sockets(link._pc)
            assert sockets
            for sock in sockets:  # (the kernel reports twice what it grants)
                assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) >= allowed
        # A bare aiortc connection made meanwhile keeps aioice's size.
        bare = RTCPeerConnection()
        bare.createDataChannel("x")
        await bare.setLocalDescription(await bare.createOffer())
        assert link_sockets(bare)
        for sock in link_sockets(bare):
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) < allowed
        await bare.close()
    finally:
        await a.close()
        await b.close()
