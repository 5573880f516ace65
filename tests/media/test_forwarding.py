"""Several viewers: the customer sends one stream to the primary agent, whose console forwards
the encoded frames to each assistant (``shared/media/relay.py``). Real aiortc peers on loopback,
real capture of the test run's Xvfb."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field

import numpy as np
import pytest
from aiortc import RTCPeerConnection

from shared.media import MediaReceiver, MediaSender, ScreenTrack
from shared.media.relay import ForwardSender, StreamRelay
from tests.media.conftest import known_picture, screen_size
from tests.media.test_media_link import Received, psnr

pytestmark = pytest.mark.e2e

Show = Callable[[np.ndarray], AbstractAsyncContextManager[None]]


@dataclass
class Assistant:
    forward: ForwardSender  # on the primary's console
    receiver: MediaReceiver  # on the assistant's console
    received: Received


@dataclass
class Topology:
    track: ScreenTrack
    sender: MediaSender
    primary: MediaReceiver
    primary_received: Received
    relay: StreamRelay
    assistants: list[Assistant] = field(default_factory=list)

    async def add_assistant(self) -> Assistant:
        received = Received()
        forward = ForwardSender(self.relay, [])
        receiver = MediaReceiver([], received)
        await forward.accept_answer(await receiver.accept_offer(await forward.create_offer()))
        assistant = Assistant(forward, receiver, received)
        self.assistants.append(assistant)
        return assistant

    async def remove(self, assistant: Assistant) -> None:
        self.assistants.remove(assistant)
        await assistant.forward.close()
        await assistant.receiver.close()


@asynccontextmanager
async def viewers(count: int, codecs: tuple[str, ...] | None = None) -> AsyncIterator[Topology]:
    track = ScreenTrack()
    received = Received()
    sender = MediaSender(track, []) if codecs is None else MediaSender(track, [], codecs)
    primary = MediaReceiver([], received)
    answer = await primary.accept_offer(await sender.create_offer())
    topology = Topology(track, sender, primary, received, StreamRelay(primary))
    try:
        await sender.accept_answer(answer)
        for _ in range(count):
            await topology.add_assistant()
        yield topology
    finally:
        for assistant in list(topology.assistants):
            await topology.remove(assistant)
        await topology.relay.close()
        await sender.close()
        await primary.close()


def connections_sending(track: ScreenTrack) -> int:
    """How many peer connections in this process send the customer's screen track."""
    return sum(
        1
        for pc in gc.get_objects()
        if isinstance(pc, RTCPeerConnection) and any(s.track is track for s in pc.getSenders())
    )


@pytest.mark.parametrize("codecs", [None, ("video/VP8",)], ids=["h264", "vp8"])
async def test_the_customers_picture_reaches_two_assistants_through_one_stream(
    show: Show, codecs: tuple[str, ...] | None
) -> None:
    width, height = screen_size()
    picture = known_picture(width, height)
    async with show(picture), viewers(2, codecs) as topology:
        primary_frame = await topology.primary_received.next(1, timeout=5.0)
        frames = [await a.received.next(1, timeout=5.0) for a in topology.assistants]
        assert connections_sending(topology.track) == 1
        stats = await topology.sender.stats()
    for frame in frames:
        assert (frame.width, frame.height) == (width, height)
        assert psnr(frame.rgb(), picture[..., 2::-1]) >= 35.0
        # The very bits the customer encoded: not decoded and coded again on the primary.
        assert np.array_equal(frame.data, topology.primary_received.frames[-1].data)
    assert primary_frame.pts == 0
    # The customer encoded the picture once per request for a full picture, whatever N.
    assert stats.frames_sent == stats.keyframes == topology.relay.frames


async def test_a_new_assistant_gets_a_full_picture_at_once_on_an_idle_screen(show: Show) -> None:
    width, height = screen_size()
    picture = known_picture(width, height)
    async with show(picture), viewers(0) as topology:
        await topology.primary_received.next(1, timeout=5.0)
        started = time.monotonic()
        assistant = await topology.add_assistant()
        frame = await assistant.received.next(1, timeout=3.0)
    assert time.monotonic() - started < 3.0
    assert frame.keyframe and psnr(frame.rgb(), picture[..., 2::-1]) >= 35.0


async def test_an_assistants_keyframe_request_reaches_the_customers_encoder(show: Show) -> None:
    width, height = screen_size()
    async with show(known_picture(width, height)), viewers(2) as topology:
        first, second = topology.assistants
        await first.received.next(1, timeout=5.0)
        await second.received.next(1, timeout=5.0)
        await asyncio.sleep(0)  # nothing moves on an idle screen: the counts below are settled
        before = (await topology.sender.stats()).keyframes
        seen = len(first.received.frames)
        await first.receiver.request_keyframe()  # the assistant's decoder lost the picture
        frame = await first.received.next(seen + 1, timeout=3.0)
        after = (await topology.sender.stats()).keyframes
    assert frame.keyframe
    assert after == before + 1


async def test_an_assistant_leaving_stops_its_forwarding_only(show: Show) -> None:
    width, height = screen_size()
    first_picture = known_picture(width, height)
    second_picture = first_picture.copy()
    second_picture[..., :3] = 255 - first_picture[..., :3]
    async with viewers(2) as topology:
        leaving, staying = topology.assistants
        async with show(first_picture):
            for assistant in (leaving, staying):  # the picture through: nothing in flight
                await showing_picture(assistant.received, first_picture)
        leaving_track = leaving.forward.track
        await leaving.forward.close()  # the assistant left: the primary drops its connection
        left_with = len(leaving.received.frames)
        async with show(second_picture):
            deadline = time.monotonic() + 5
            while psnr(staying.received.frames[-1].rgb(), second_picture[..., 2::-1]) < 30:
                await staying.received.next(
                    len(staying.received.frames) + 1, deadline - time.monotonic()
                )
        assert psnr(topology.primary_received.frames[-1].rgb(), second_picture[..., 2::-1]) >= 30
        assert leaving_track.readyState == "ended"
        assert topology.relay.tracks == [staying.forward.track]
        assert len(leaving.received.frames) == left_with
        await leaving.receiver.close()
        topology.assistants.remove(leaving)


async def showing_picture(received: Received, picture: np.ndarray) -> None:
    """Until ``received``'s last frame shows ``picture``."""
    deadline = time.monotonic() + 5
    await received.next(1, timeout=5.0)
    while psnr(received.frames[-1].rgb(), picture[..., 2::-1]) < 30:
        await received.next(len(received.frames) + 1, deadline - time.monotonic())


async def test_closing_the_relay_ends_every_assistants_stream(show: Show) -> None:
    width, height = screen_size()
    async with show(known_picture(width, height)), viewers(2) as topology:
        assistants = list(topology.assistants)
        for assistant in assistants:
            await assistant.received.next(1, timeout=5.0)
        await topology.relay.close()  # the sharing activity ended on the primary
        relayed = topology.relay.frames
        counts = [len(a.received.frames) for a in assistants]
        seen = len(topology.primary_received.frames)
        await topology.primary.request_keyframe()  # the customer still sends to the primary
        await topology.primary_received.next(seen + 1, timeout=3.0)
        # What the primary decodes had passed the (removed) tap first: nothing was relayed.
        assert topology.relay.frames == relayed
    assert all(a.forward.track.readyState == "ended" for a in assistants)
    assert [len(a.received.frames) for a in assistants] == counts
