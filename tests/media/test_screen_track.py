"""The screen track's look-ahead: uncapped it grabs the next frame while the current one is
encoded; capped it never grabs ahead; a look-ahead frame left waiting is replaced."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from shared.features.desktop.protocol import Quality
from shared.media.capture import Monitor
from shared.media.quality import settings_for
from shared.media.screen_track import LOOKAHEAD_MAX_AGE_S, Grab, ScreenTrack
from shared.media.stream_control import FrameInfo

MONITOR = Monitor(index=1, left=0, top=0, width=4, height=2)


def counted_track(
    monkeypatch: pytest.MonkeyPatch, fps_cap: float | None
) -> tuple[ScreenTrack, list[float]]:
    """A track whose grabs are counted (their start times) and always show a change."""
    track = ScreenTrack(MONITOR, fps_cap=fps_cap)
    track.control.ready.set()
    grabs: list[float] = []

    def grab() -> Grab:
        grabs.append(time.monotonic())
        return bytearray(4 * 2 * 4), grabs[-1], MONITOR, settings_for(Quality.STANDARD), None

    monkeypatch.setattr(track, "_grab", grab)
    return track, grabs


async def test_uncapped_grabs_ahead_and_replaces_a_stale_lookahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    track, grabs = counted_track(monkeypatch, fps_cap=None)
    try:
        await track.recv()
        await asyncio.sleep(0.05)
        assert len(grabs) == 2  # the next frame, grabbed while this one would be encoded

        # Taken at once: the look-ahead frame is sent, grabbed before recv() was called.
        asked = time.monotonic()
        frame = await track.recv()
        assert isinstance(frame.opaque, FrameInfo)
        assert frame.opaque.capture_time == grabs[1] < asked

        # Left waiting longer than LOOKAHEAD_MAX_AGE_S: dropped, the screen grabbed afresh.
        await asyncio.sleep(LOOKAHEAD_MAX_AGE_S + 0.05)
        asked = time.monotonic()
        frame = await track.recv()
        assert isinstance(frame.opaque, FrameInfo)
        assert frame.opaque.capture_time >= asked
    finally:
        track.stop()


async def test_capped_never_grabs_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    track, grabs = counted_track(monkeypatch, fps_cap=60)
    try:
        await track.recv()
        await asyncio.sleep(0.1)
        assert len(grabs) == 1
        asked = time.monotonic()
        frame = await track.recv()
        assert isinstance(frame.opaque, FrameInfo)
        assert frame.opaque.capture_time >= asked  # a fresh grab, when recv() asked
    finally:
        track.stop()


async def test_a_view_that_stops_as_a_grab_starts_still_closes() -> None:
    """The viewer stops while the capture thread is about to grab (it makes the screen grabber
    on its first grab). aiortc then stops the track a second time as its RTP task ends: that
    must neither fail (before, it did, and aiortc's sender, the peer connection and every part
    of the view were never closed: about one view in 200) nor leave the grabber open."""
    track = ScreenTrack(MONITOR)
    busy = threading.Event()
    track._executor.submit(busy.wait)  # the capture thread is busy a moment...
    grab = asyncio.get_running_loop().run_in_executor(track._executor, track._grab)
    track.stop()  # ...when the view stops
    busy.set()
    await grab  # the grab ran after all, with a grabber of its own
    track.stop()  # aiortc's RTP task ends
    await asyncio.to_thread(track.join)
    assert track._grabber is None, "the screen grabber was left open"
