"""Screen sharing over real peer connections on loopback, from a real X display (Xvfb)."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field

import numpy as np
import pytest

from shared.media import (
    ColourMode,
    DecodedFrame,
    MediaReceiver,
    MediaSender,
    Quality,
    ScreenTrack,
)
from shared.media.capture import Monitor
from tests.helpers import wait_for
from tests.media.conftest import busy_picture, known_picture, screen_size

pytestmark = pytest.mark.e2e

Show = Callable[[np.ndarray], AbstractAsyncContextManager[None]]


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(255**2 / mse)


@dataclass
class Received:
    frames: list[DecodedFrame] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def __call__(self, frame: DecodedFrame) -> None:
        self.frames.append(frame)
        self.changed.set()

    async def next(self, count: int, timeout: float) -> DecodedFrame:
        """Wait until at least ``count`` frames arrived; the latest one."""
        deadline = time.monotonic() + timeout
        while len(self.frames) < count:
            self.changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{len(self.frames)} frames of {count}")
            await asyncio.wait_for(self.changed.wait(), remaining)
        return self.frames[-1]


@asynccontextmanager
async def sharing(
    track: ScreenTrack, codecs: tuple[str, ...] | None = None
) -> AsyncIterator[tuple[MediaSender, MediaReceiver, Received]]:
    received = Received()
    sender = MediaSender(track, []) if codecs is None else MediaSender(track, [], codecs)
    receiver = (
        MediaReceiver([], received) if codecs is None else MediaReceiver([], received, codecs)
    )
    try:
        answer = await receiver.accept_offer(await sender.create_offer())
        await sender.accept_answer(answer)
        yield sender, receiver, received
    finally:
        await sender.close()
        await receiver.close()


async def test_known_picture_arrives_sharp_within_two_seconds(show: Show) -> None:
    width, height = screen_size()
    picture = known_picture(width, height)
    async with show(picture):
        started = time.monotonic()
        async with sharing(ScreenTrack(quality=Quality.STANDARD)) as (_, _, received):
            frame = await received.next(1, timeout=2.0)
            elapsed = time.monotonic() - started
    assert elapsed < 2.0
    assert (frame.width, frame.height) == (width, height)
    quality = psnr(frame.rgb(), picture[..., 2::-1])
    assert quality >= 35.0, f"PSNR {quality:.1f} dB"


async def test_idle_screen_sends_next_to_nothing(show: Show) -> None:
    width, height = screen_size()
    async with show(known_picture(width, height)):
        track = ScreenTrack()
        async with sharing(track) as (sender, _, received):
            await received.next(1, timeout=5.0)
            # After the first frame the track opens its change source and reads once more.
            await wait_for(lambda: track.control.polls >= 2, 5.0, "the change source")
            before = await sender.stats()
            with pytest.raises(TimeoutError):  # no second frame comes in 1.5 s of idle screen
                await received.next(2, timeout=1.5)
            after = await sender.stats()
    assert after.frames_sent == before.frames_sent == 1
    idle_bits_per_s = (after.bytes_sent - before.bytes_sent) * 8 / 1.5
    assert idle_bits_per_s < 5_000, f"{idle_bits_per_s:.0f} bit/s while idle"
    # Woken by changes, not a tick (polling would read it ~90 times in 1.5 s): a read only if
    # some window redraws itself the same (that a change is still sent after an idle spell,
    # and no read at all on an area nothing draws on: test_damage.py).
    assert after.polls - before.polls <= 3


async def test_keyframe_on_demand_with_an_idle_screen(show: Show) -> None:
    width, height = screen_size()
    picture = known_picture(width, height)
    async with show(picture), sharing(ScreenTrack()) as (sender, receiver, received):
        await received.next(1, timeout=5.0)
        await receiver.request_keyframe()
        frame = await received.next(2, timeout=2.0)
        stats = await sender.stats()
    assert frame.keyframe
    assert stats.keyframes == 2


async def test_screen_changes_arrive_in_order(show: Show) -> None:
    width, height = screen_size()
    first = known_picture(width, height)
    second = first.copy()
    second[..., :3] = 255 - first[..., :3]
    track = ScreenTrack()
    async with sharing(track) as (_, _, received):
        async with show(first):
            await received.next(1, timeout=5.0)
            count = len(received.frames)
        async with show(second):
            deadline = time.monotonic() + 5
            while psnr(received.frames[-1].rgb(), second[..., 2::-1]) < 30:
                await received.next(len(received.frames) + 1, deadline - time.monotonic())
    assert len(received.frames) > count
    pts = [f.pts for f in received.frames]
    assert pts == sorted(pts)
    latencies = [
        f.ready_time - t for f in received.frames if (t := track.capture_time(f.pts)) is not None
    ]
    assert latencies and all(0 < x < 1.0 for x in latencies)


async def test_colour_modes_code_a_busy_picture_in_fewer_bytes(show: Show) -> None:
    width, height = screen_size()
    picture = busy_picture(width, height)
    sizes: dict[ColourMode, int] = {}
    async with show(picture):
        for mode in ColourMode:
            track = ScreenTrack(colour=mode)
            async with sharing(track) as (sender, _, received):
                await received.next(1, timeout=5.0)
                sizes[mode] = (await sender.stats()).bytes_encoded
    assert sizes[ColourMode.HIGH16] < 0.85 * sizes[ColourMode.FULL], sizes
    assert sizes[ColourMode.PALETTE256] < 0.7 * sizes[ColourMode.FULL], sizes


async def test_screen_sampling_sends_a_smaller_picture_in_fewer_bytes(show: Show) -> None:
    width, height = screen_size()
    picture = known_picture(width, height)
    sizes: dict[Quality, int] = {}
    async with show(picture):
        for quality in Quality:
            async with sharing(ScreenTrack(quality=quality)) as (sender, _, received):
                frame = await received.next(1, timeout=5.0)
                sizes[quality] = (await sender.stats()).bytes_encoded
                if quality == Quality.SAMPLING:
                    assert (frame.width, frame.height) == (width // 2, height // 2)
    assert sizes[Quality.SAMPLING] < 0.5 * sizes[Quality.STANDARD], sizes


async def test_vp8_is_the_fallback(show: Show) -> None:
    width, height = screen_size()
    picture = known_picture(width, height)
    async with show(picture):
        track = ScreenTrack()
        async with sharing(track, codecs=("video/VP8",)) as (_, _, received):
            frame = await received.next(1, timeout=5.0)
    assert track.control.codec_name == "VP8"
    assert psnr(frame.rgb(), picture[..., 2::-1]) >= 30.0


async def test_nothing_is_captured_before_the_answer(show: Show) -> None:
    width, height = screen_size()
    async with show(known_picture(width, height)):
        track = ScreenTrack()
        sender = MediaSender(track, [])
        try:
            await sender.create_offer()
            stats = await sender.stats()
        finally:
            await sender.close()
    assert stats.frames_captured == 0 and stats.polls == 0


async def test_the_screen_goes_only_as_srtp_over_dtls(show: Show) -> None:
    """Whatever relays the media (a TURN server) carries only encrypted packets."""
    width, height = screen_size()
    async with show(known_picture(width, height)):
        sender = MediaSender(ScreenTrack(), [])
        try:
            offer = await sender.create_offer()
        finally:
            await sender.close()
    media = [line.split() for line in offer.splitlines() if line.startswith("m=")]
    assert media and all(fields[2] == "UDP/TLS/RTP/SAVPF" for fields in media), media
    assert any(line.startswith("a=fingerprint:sha-256 ") for line in offer.splitlines())


async def test_a_picture_whose_rows_are_not_aligned_arrives_packed(show: Show) -> None:
    """An application window 226 pixels wide: the decoder pads its rows and swscale's fast
    path would leave its last columns black; the frame arrives whole and packed
    (``DecodedFrame.stride``), so a viewer paints it as it is."""
    width, height = screen_size()
    picture = known_picture(width, height)
    area = Monitor(1, 40, 30, 226, 150)
    async with (
        show(picture),
        sharing(ScreenTrack(monitor=area, quality=Quality.STANDARD)) as (_, _, received),
    ):
        frame = await received.next(1, timeout=5.0)
    assert (frame.width, frame.height) == (226, 150)
    assert frame.data.flags["C_CONTIGUOUS"] and frame.data.strides[0] == frame.stride
    shown = picture[30:180, 40:266, 2::-1]
    assert psnr(frame.rgb(), shown) >= 30.0
