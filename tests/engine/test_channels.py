"""The named channels on the in-memory network: the same back-pressure and bounds as on real
peers (tests/integration/test_channels.py), with injected delay and loss, in virtual time."""

from __future__ import annotations

import asyncio

import pytest

from shared.features.desktop.protocol import PointerAction, PointerInput
from shared.protocol.messages import PeerMessage
from shared.transport.channels import (
    BULK_MAX_BUFFERED,
    MAX_CHANNEL_MESSAGE_BYTES,
    ChannelFull,
    ChannelName,
)
from shared.transport.clock import VirtualClock
from shared.transport.link import Link, LinkState, join_links
from shared.transport.memory_link import MemoryLink, MemoryNetwork


async def _linked(network: MemoryNetwork) -> tuple[MemoryLink, MemoryLink, list[PeerMessage]]:
    received: list[PeerMessage] = []

    def state(_link: Link, _state: LinkState) -> None:
        pass

    a = network("b", [], lambda _r, _m: None, state)
    b = network("a", [], lambda _r, m: received.append(m), state)
    clock = network.clock
    assert isinstance(clock, VirtualClock)
    task = asyncio.ensure_future(join_links(a, b, timeout=1.0))
    await clock.advance(network.delay_s + 0.01, until=task.done)
    await task
    return a, b, received


async def test_a_bulk_writer_waits_for_room_and_never_holds_more_than_the_bound() -> None:
    clock = VirtualClock()
    network = MemoryNetwork(clock, delay_s=0.05)
    a, b, _ = await _linked(network)
    got = bytearray()
    b.channel(ChannelName.BULK).on_message(
        lambda data: got.extend(data if isinstance(data, bytes) else data.encode())
    )
    bulk = a.channel(ChannelName.BULK)
    payload = bytes(range(256)) * (4 * BULK_MAX_BUFFERED // 256)

    async def write_all() -> None:
        for offset in range(0, len(payload), MAX_CHANNEL_MESSAGE_BYTES):
            await bulk.write(payload[offset : offset + MAX_CHANNEL_MESSAGE_BYTES])

    writer = asyncio.ensure_future(write_all())
    await clock.settle()
    assert not writer.done()  # a 50 ms wire: the writer waits for room
    assert bulk.buffered_amount <= BULK_MAX_BUFFERED
    with pytest.raises(ChannelFull):
        bulk.send(b"x" * MAX_CHANNEL_MESSAGE_BYTES)  # past the bound: refused, not queued
    await clock.advance(10.0, until=lambda: len(got) == len(payload))
    await writer
    assert bytes(got) == payload


async def test_unordered_loses_what_the_network_loses_and_control_nothing() -> None:
    clock = VirtualClock()
    network = MemoryNetwork(clock, loss=0.5, seed=3)
    a, _b, received = await _linked(network)
    for x in range(200):
        move = PointerInput(activity="act-1", action=PointerAction.MOVE, x=x, y=0)
        a.send(move, ChannelName.UNORDERED)
        a.send(move.model_copy(update={"y": 1}))
    await clock.advance(0.1)
    moves = [m for m in received if isinstance(m, PointerInput)]
    assert [m.x for m in moves if m.y == 1] == list(range(200))  # control: all, in order
    assert 60 < sum(1 for m in moves if m.y == 0) < 140  # unordered: about half
