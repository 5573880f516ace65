"""The SCTP changes of shared/transport/sctp_tuning.py on their own: the patch points in aiortc
1.16 are still there, the acknowledgement rule is the RFC's, and the quicker reassembly hands
over exactly what aiortc's own does, in the same order, whatever order the fragments come in."""

from __future__ import annotations

import asyncio
import inspect
import random
from typing import Any

import aiortc
from aiortc.rtcsctptransport import (
    SCTP_DATA_FIRST_FRAG,
    SCTP_DATA_LAST_FRAG,
    SCTP_DATA_UNORDERED,
    DataChunk,
    InboundStream,
    RTCSctpTransport,
)

from shared.transport import sctp_tuning
from shared.transport.sctp_tuning import ACK_DELAY_S, _DelayedAcks, _InboundStream, tune_sctp
from tests.helpers import wait_for


def test_the_patch_points_are_in_the_installed_aiortc() -> None:
    # Another aiortc: read sctp_tuning.py's patch points again, then update this pin.
    assert aiortc.__version__.startswith("1.16."), aiortc.__version__
    handle = inspect.getsource(RTCSctpTransport._handle_data)
    assert "if self._sack_needed:" in handle and "await self._send_sack()" in handle
    receive = inspect.getsource(RTCSctpTransport._receive_data_chunk)
    assert "self._get_inbound_stream(chunk.stream_id)" in receive
    assert receive.index("add_chunk(chunk)") < receive.index("pop_messages()")


class FakeTransport:
    """What the acknowledgement rule reads on aiortc's transport, and the SACKs it sent."""

    def __init__(self) -> None:
        self._sack_needed = False
        self._sack_misordered: set[int] = set()
        self._sack_duplicates: list[int] = []
        self.sacks = 0

    async def send_sack(self) -> None:
        self.sacks += 1
        self._sack_needed = False


async def _packet(acks: _DelayedAcks, transport: FakeTransport) -> None:
    transport._sack_needed = True
    await acks.packet_needs_ack()


async def test_every_second_packet_is_acknowledged_at_once() -> None:
    transport = FakeTransport()
    acks = _DelayedAcks(transport, transport.send_sack)
    for _ in range(10):
        await _packet(acks, transport)
    assert transport.sacks == 5


async def test_a_gap_or_a_duplicate_is_acknowledged_at_once() -> None:
    transport = FakeTransport()
    acks = _DelayedAcks(transport, transport.send_sack)
    transport._sack_misordered = {7}  # a packet is missing before 7
    await _packet(acks, transport)
    assert transport.sacks == 1
    transport._sack_misordered = set()
    transport._sack_duplicates = [3]
    await _packet(acks, transport)
    assert transport.sacks == 2


async def test_a_lone_packet_is_acknowledged_after_the_delay() -> None:
    transport = FakeTransport()
    acks = _DelayedAcks(transport, transport.send_sack)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await _packet(acks, transport)
    assert transport.sacks == 0  # waits for a second packet
    await wait_for(lambda: transport.sacks == 1, timeout=1.0, what="the delayed SACK")
    assert loop.time() - started >= ACK_DELAY_S * 0.9
    # The next packet starts a new wait: one packet, one more SACK after the delay.
    await _packet(acks, transport)
    await wait_for(lambda: transport.sacks == 2, timeout=1.0, what="the next delayed SACK")


async def test_a_timer_that_finds_nothing_to_acknowledge_sends_nothing() -> None:
    transport = FakeTransport()
    acks = _DelayedAcks(transport, transport.send_sack)
    await _packet(acks, transport)
    transport._sack_needed = False  # acknowledged meanwhile (aiortc's shutdown, say)
    done = asyncio.Event()
    asyncio.get_running_loop().call_later(ACK_DELAY_S * 3, done.set)
    await done.wait()
    assert transport.sacks == 0


def test_a_transport_without_the_parts_is_left_as_it_was() -> None:
    class Other:
        async def _send_sack(self) -> None:
            pass

    other: Any = Other()
    original = other._send_sack
    assert tune_sctp(other) is False
    assert other._send_sack == original


def _fragments(rng: random.Random) -> list[DataChunk]:
    """Messages on one stream, ordered and unordered, of one to six fragments each, with
    consecutive TSNs as a sender numbers them."""
    chunks: list[DataChunk] = []
    tsn, seq = 1000, 0
    for number in range(40):
        unordered = rng.random() < 0.3
        parts = rng.randint(1, 6)
        for part in range(parts):
            flags = SCTP_DATA_UNORDERED if unordered else 0
            if part == 0:
                flags |= SCTP_DATA_FIRST_FRAG
            if part == parts - 1:
                flags |= SCTP_DATA_LAST_FRAG
            chunk = DataChunk(flags=flags)
            chunk.tsn, chunk.stream_id, chunk.stream_seq = tsn, 1, seq
            chunk.protocol = 53
            chunk.user_data = f"{number}.{part};".encode()
            chunks.append(chunk)
            tsn += 1
        if not unordered:
            seq += 1
    return chunks


def _arrival(chunks: list[DataChunk], rng: random.Random) -> list[DataChunk]:
    """The fragments as a network delivers them: most in order, some late (a loss sent again),
    some swapped with their neighbour."""
    order = list(chunks)
    for _ in range(len(order) // 8):  # lost, sent again: it comes some packets later
        at = rng.randrange(len(order))
        order.insert(min(len(order), at + rng.randint(3, 30)), order.pop(at))
    for _ in range(len(order) // 10):
        at = rng.randrange(len(order) - 1)
        order[at], order[at + 1] = order[at + 1], order[at]
    return order


def test_the_quick_reassembly_hands_over_what_aiortcs_does_in_any_arrival_order() -> None:
    for seed in range(200):
        rng = random.Random(seed)
        arrival = _arrival(_fragments(rng), rng)
        theirs, ours = InboundStream(), _InboundStream()
        for chunk in arrival:
            theirs.add_chunk(chunk)
            ours.add_chunk(chunk)
            assert list(ours.pop_messages()) == list(theirs.pop_messages()), seed
        assert ours.reassembly == theirs.reassembly == [], seed


def test_a_scan_asked_for_without_a_new_fragment_always_runs() -> None:
    """aiortc scans on its own after a FORWARD TSN moved the stream on: never skipped."""
    stream = _InboundStream()
    first = DataChunk(flags=SCTP_DATA_FIRST_FRAG | SCTP_DATA_LAST_FRAG)
    first.tsn, first.stream_seq, first.user_data = 10, 1, b"second message"
    stream.add_chunk(first)
    assert list(stream.pop_messages()) == []  # waits for stream_seq 0
    middle = DataChunk(flags=0)
    middle.tsn, middle.stream_seq, middle.user_data = 11, 2, b"part"
    stream.add_chunk(middle)  # in order, not a last fragment: this scan is skipped
    assert list(stream.pop_messages()) == []
    stream.sequence_number = 1  # what a FORWARD TSN past message 0 does
    assert [m[2] for m in stream.pop_messages()] == [b"second message"]


def test_the_module_says_what_it_changes() -> None:
    assert sctp_tuning.PACKETS_PER_ACK == 2  # the RFC's "at least every second packet"
    assert sctp_tuning.ACK_DELAY_S < 0.2  # under the RFC's 200 ms
