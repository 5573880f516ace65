"""The named channels a peer link offers; features ask for one by name.

- control: reliable, ordered. Typed peer messages (chat, requests, clicks and keys).
- bulk: reliable, ordered, with back-pressure: ``write`` waits until the bytes still queued
  here drop low enough, so a sender never holds more than ``BULK_MAX_BUFFERED`` in memory.
- unordered: no retransmission, no ordering. Pointer motion, where a late position is worth
  less than the next one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from enum import StrEnum
from typing import Protocol


class ChannelName(StrEnum):
    CONTROL = "control"
    BULK = "bulk"
    UNORDERED = "unordered"


# The largest message a channel takes: the size every WebRTC peer accepts when the other side
# announces nothing (RFC 8841's default, aiortc's too); bigger data goes in several writes.
MAX_CHANNEL_MESSAGE_BYTES = 64 * 1024
# The most a bulk sender holds queued (a 150 MB transfer never sits in memory whole). aiortc
# sends every channel's messages from one queue, so control waits behind this much bulk: on
# loopback 256 KiB moves as fast as 1 MiB (~10-11 MiB/s, both peers in one process) while a
# click waits ~35 ms behind it instead of ~110 ms (bench/channels.py).
BULK_MAX_BUFFERED = 256 * 1024
# A writer waits until the queue drains to this, so that one more message fits the bound.
BULK_LOW_MARK = BULK_MAX_BUFFERED - MAX_CHANNEL_MESSAGE_BYTES

Receiver = Callable[[bytes | str], None]
# A tagged receiver's tag (``on_tagged``): long enough that the untagged receiver's frames
# (file chunks start with 8 random bytes) meet it by chance once in 2**64.
MIN_TAG_BYTES = 8


class ChannelFull(BufferError):
    """``send`` on bulk would go over ``BULK_MAX_BUFFERED``: use ``write``, which waits."""


class Channel(Protocol):
    @property
    def name(self) -> ChannelName: ...

    @property
    def buffered_amount(self) -> int:
        """Bytes given to ``send`` and not yet handed to the network."""
        ...

    def send(self, data: bytes | str) -> None:
        """Queue ``data``; ConnectionError once the channel is closed."""
        ...

    async def drain(self) -> None:
        """Wait until the queue is at ``BULK_LOW_MARK`` or below."""
        ...

    async def write(self, data: bytes | str) -> None:
        """``drain`` then ``send``: the way to send on bulk without going over its bound."""
        ...

    def on_message(self, receiver: Receiver | None) -> None:
        """Who gets what arrives on this channel (one receiver; None stops delivery)."""
        ...

    def on_tagged(self, tag: bytes, receiver: Receiver | None) -> None:
        """Binary messages that start with ``tag`` go to ``receiver`` instead (None: no
        longer), so a second feature can share bulk with the one that set ``on_message``."""
        ...


class BaseChannel:
    """What every transport's channel shares: the receiver, the bound and the waiting."""

    def __init__(self, name: ChannelName) -> None:
        self._name = name
        self._receiver: Receiver | None = None
        self._tagged: dict[bytes, Receiver] = {}
        self._room = asyncio.Event()
        self._writing = asyncio.Lock()
        self.closed = False

    @property
    def name(self) -> ChannelName:
        return self._name

    @property
    def buffered_amount(self) -> int:
        raise NotImplementedError

    def _transmit(self, data: bytes | str) -> None:
        raise NotImplementedError

    def send(self, data: bytes | str) -> None:
        if self.closed:
            raise ConnectionError(f"the {self._name} channel is closed")
        size = len(data.encode() if isinstance(data, str) else data)
        if size > MAX_CHANNEL_MESSAGE_BYTES:
            raise ValueError(f"a channel message holds at most {MAX_CHANNEL_MESSAGE_BYTES} bytes")
        if self._name == ChannelName.BULK and self.buffered_amount + size > BULK_MAX_BUFFERED:
            raise ChannelFull(f"bulk holds at most {BULK_MAX_BUFFERED} bytes queued")
        self._transmit(data)

    async def drain(self) -> None:
        while self.buffered_amount > BULK_LOW_MARK:
            if self.closed:
                raise ConnectionError(f"the {self._name} channel is closed")
            self._room.clear()
            await self._room.wait()

    async def write(self, data: bytes | str) -> None:
        async with self._writing:  # two writers past one drain would both fill the room
            await self.drain()
            self.send(data)

    def on_message(self, receiver: Receiver | None) -> None:
        self._receiver = receiver

    def on_tagged(self, tag: bytes, receiver: Receiver | None) -> None:
        if len(tag) < MIN_TAG_BYTES:
            raise ValueError(f"a tag is at least {MIN_TAG_BYTES} bytes")
        if receiver is None:
            self._tagged.pop(tag, None)
        else:
            self._tagged[tag] = receiver

    def _deliver(self, data: bytes | str) -> None:
        if self._tagged and not isinstance(data, str):
            for tag, tagged in self._tagged.items():
                if data[: len(tag)] == tag:
                    tagged(data)
                    return
        if self._receiver is not None:
            self._receiver(data)

    def _wake(self) -> None:
        """The queue went low, or the channel closed: writers look again."""
        self._room.set()

    def _closed(self) -> None:
        self.closed = True
        self._wake()
