"""The screen track reacts to change: a drawing reported by X DAMAGE is in the very next frame,
an idle screen reads and sends nothing, remote input and keyframe requests wake the capture at
once, and where DAMAGE is missing the track falls back to polling and still works.

Everything is drawn by this test's own X connection on a window over a small area of the test
run's Xvfb, and the track captures only that area (other tests' windows cannot interfere)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import av
import numpy as np
import pytest
from Xlib import X
from Xlib import display as xdisplay

import tests.xserver
from shared.media import screen_track
from shared.media.area_media import AreaSender
from shared.media.capture import Monitor, Pixels
from shared.media.damage import (
    Changes,
    ChangeSourceUnavailable,
    PollingSource,
    open_change_source,
)
from shared.media.damage_x11 import X11DamageSource
from shared.media.screen_track import ScreenTrack
from tests.helpers import wait_for
from tests.media.test_media_link import sharing

AREA = Monitor(index=1, left=1500, top=760, width=320, height=240)
GREY, RED, BLUE = (90, 90, 90), (230, 20, 20), (20, 20, 230)
# Generous bounds for a loaded machine: they only keep a broken track from hanging the run.
FRAME_TIMEOUT_S = 5.0
# How long an idle screen is watched for (not) sending anything.
IDLE_WINDOW_S = 1.0


class Painter:
    """An override-redirect window over AREA, painted through our own X connection; each
    drawing is synchronised with the server (it is on screen when ``fill`` returns)."""

    def __init__(self, name: str | None = None) -> None:
        self.display = xdisplay.Display(name)
        screen = self.display.screen()
        self.window = screen.root.create_window(
            AREA.left, AREA.top, AREA.width, AREA.height, 0, screen.root_depth,
            X.InputOutput, X.CopyFromParent, override_redirect=True,
            background_pixel=screen.black_pixel,
        )  # fmt: skip
        self.gc = self.window.create_gc()
        self.window.map()
        self.fill(GREY)

    def fill(self, rgb: tuple[int, int, int], box: tuple[int, int, int, int] | None = None) -> None:
        x, y, w, h = box if box is not None else (0, 0, AREA.width, AREA.height)
        self.gc.change(foreground=(rgb[0] << 16) | (rgb[1] << 8) | rgb[2])
        self.window.fill_rectangle(self.gc, x, y, w, h)
        self.display.sync()

    def close(self) -> None:
        self.window.destroy()
        self.display.close()


@pytest.fixture
def painter() -> Iterator[Painter]:
    painted = Painter()
    yield painted
    painted.close()


def rgb_at(frame: av.VideoFrame, x: int, y: int) -> tuple[int, int, int]:
    bgra = frame.to_ndarray()
    b, g, r = (int(v) for v in bgra[y, x, :3])
    return r, g, b


def live_track(**options: object) -> ScreenTrack:
    """A track on AREA as if its encoder were installed (frames asked by hand)."""
    track = ScreenTrack(AREA, **options)  # type: ignore[arg-type]
    track.control.ready.set()
    return track


async def next_frame(track: ScreenTrack, timeout: float = FRAME_TIMEOUT_S) -> av.VideoFrame:
    return await asyncio.wait_for(track.recv(), timeout)


async def watching(track: ScreenTrack) -> None:
    """Until the track's change source is open: after the first frame, the track opens it and
    reads the screen once more (what was drawn meanwhile); from then on it only waits."""
    await wait_for(lambda: track.control.polls >= 2, FRAME_TIMEOUT_S, "the change source")


async def stop(track: ScreenTrack) -> None:
    track.stop()
    await asyncio.to_thread(track.join)


async def test_a_drawing_is_in_the_very_next_frame(painter: Painter) -> None:
    track = live_track()
    try:
        first = await next_frame(track)
        assert rgb_at(first, 100, 100) == GREY
        painter.fill(RED, (40, 40, 30, 30))
        second = await next_frame(track)
        assert isinstance(track._changes, X11DamageSource)
        assert rgb_at(second, 55, 55) == RED  # the next frame, not one some ticks later
        assert rgb_at(second, 100, 100) == GREY  # the rest of the picture kept
        painter.fill(BLUE, (200, 150, 20, 20))
        third = await next_frame(track)
        assert rgb_at(third, 210, 160) == BLUE
        assert rgb_at(third, 55, 55) == RED  # parts read earlier are still in the picture
    finally:
        await stop(track)


async def test_an_idle_screen_reads_and_sends_nothing(painter: Painter) -> None:
    track = ScreenTrack(AREA)
    async with sharing(track) as (sender, _, received):
        await received.next(1, timeout=FRAME_TIMEOUT_S)
        await watching(track)
        before = await sender.stats()
        with pytest.raises(TimeoutError):  # no second frame while nothing is drawn
            await received.next(2, timeout=IDLE_WINDOW_S)
        after = await sender.stats()
        assert after.frames_sent == before.frames_sent == 1
        assert after.polls == before.polls  # not even a read of the screen
        painter.fill(RED, (10, 10, 40, 40))  # still watching: a drawing is sent
        frame = await received.next(2, timeout=FRAME_TIMEOUT_S)
    # Only the drawn part was read and converted: it, and the rest kept, arrive right.
    assert tuple(int(v) for v in frame.rgb()[30, 30]) == pytest.approx(RED, abs=40)
    assert tuple(int(v) for v in frame.rgb()[150, 200]) == pytest.approx(GREY, abs=20)


async def test_a_keyframe_request_while_idle_gets_a_picture(painter: Painter) -> None:
    track = ScreenTrack(AREA)
    async with sharing(track) as (sender, receiver, received):
        await received.next(1, timeout=FRAME_TIMEOUT_S)
        with pytest.raises(TimeoutError):
            await received.next(2, timeout=IDLE_WINDOW_S / 2)
        await receiver.request_keyframe()  # a late joiner, or a loss (RTCP PLI)
        frame = await received.next(2, timeout=FRAME_TIMEOUT_S)
        stats = await sender.stats()
    assert frame.keyframe and stats.keyframes == 2
    assert tuple(int(v) for v in frame.rgb()[100, 100]) == pytest.approx(GREY, abs=20)


class NeverPolls(PollingSource):
    """Polling that never comes by itself: only a poke makes the track look."""

    @property
    def interval(self) -> float:
        return 3600.0

    @interval.setter
    def interval(self, value: float) -> None:
        pass  # the track's own interval is ignored


async def test_injected_input_makes_the_track_look_at_once(painter: Painter) -> None:
    track = live_track(changes=NeverPolls)
    try:
        await next_frame(track)
        painter.fill(BLUE, (200, 150, 20, 20))
        await next_frame(track)  # the change source opened (and read what changed meanwhile)
        painter.fill(RED, (40, 40, 30, 30))  # what the injected click did
        track.input_applied()
        frame = await next_frame(track, timeout=2.0)  # without the poke: never
        assert rgb_at(frame, 55, 55) == RED
    finally:
        await stop(track)


class FixedArea:
    """Co-browsing's or application sharing's moving area, standing still over AREA."""

    def current(self) -> Monitor | None:
        return AREA

    def hide(self, frame: Pixels, area: Monitor) -> None:
        pass


async def test_injected_input_makes_an_area_stream_look_at_once(painter: Painter) -> None:
    # What co-browsing and application sharing send: told of input like desktop sharing's.
    sender = AreaSender(FixedArea(), [])
    track = sender.track
    track._open_changes = NeverPolls  # only a poke makes it look
    track.control.ready.set()
    try:
        await next_frame(track)
        painter.fill(BLUE, (200, 150, 20, 20))
        await next_frame(track)  # the change source opened (and read what changed meanwhile)
        painter.fill(RED, (40, 40, 30, 30))  # what the injected click did
        sender.input_applied()
        frame = await next_frame(track, timeout=2.0)  # without the poke: never
        assert rgb_at(frame, 55, 55) == RED
    finally:
        await stop(track)
        await sender.close()


async def test_without_damage_the_screen_is_polled(monkeypatch: pytest.MonkeyPatch) -> None:
    no_damage = (*tests.xserver.XVFB_OPTIONS, "-extension", "DAMAGE")
    monkeypatch.setattr(tests.xserver, "XVFB_OPTIONS", no_damage)
    server = tests.xserver.start_display("1920x1080x24")
    try:
        with pytest.raises(ChangeSourceUnavailable):
            X11DamageSource(server.display)
        monkeypatch.setenv("DISPLAY", server.display)
        fallback = open_change_source()
        assert isinstance(fallback, PollingSource)
        fallback.close()
        painter = Painter(server.display)
        track = live_track()
        try:
            first = await next_frame(track)
            assert rgb_at(first, 100, 100) == GREY
            painter.fill(RED, (40, 40, 30, 30))
            frame = await next_frame(track)
            assert rgb_at(frame, 55, 55) == RED
            assert isinstance(track._changes, PollingSource)
            polls = track.control.polls
            painter.fill(BLUE, (200, 150, 20, 20))
            frame = await next_frame(track)
            assert rgb_at(frame, 210, 160) == BLUE
            assert track.control.polls > polls
        finally:
            await stop(track)
            painter.close()
    finally:
        server.stop()


def test_many_small_changes_are_read_as_one_box() -> None:
    from shared.media.damage import MAX_RECTS, Rect, merged

    few = [Rect(i, i, 2, 2) for i in range(MAX_RECTS)]
    assert merged(few) == tuple(few)
    many = [Rect(i, 2 * i, 2, 2) for i in range(MAX_RECTS + 1)]
    assert merged(many) == (Rect(0, 0, MAX_RECTS + 2, 2 * MAX_RECTS + 2),)


def test_pictures_catch_up_with_only_what_they_missed() -> None:
    from shared.media.damage import Rect
    from shared.media.pictures import Pictures, as_array

    pictures = Pictures(8, 4)
    first = bytearray(8 * 4 * 4)
    pictures.put_whole(first)
    patch = np.full((2, 2, 4), 7, dtype=np.uint8)
    second = pictures.put_parts([(Rect(1, 1, 2, 2), patch)])
    assert second is not first
    assert as_array(first, 8, 4).sum() == 0  # the frame being encoded is never written to
    third = pictures.put_parts([(Rect(5, 0, 2, 2), patch)])
    assert third is first  # the buffers are reused in turn...
    picture = as_array(third, 8, 4)
    assert (picture[1:3, 1:3] == 7).all() and (picture[0:2, 5:7] == 7).all()  # ...caught up
    assert picture.sum() == 2 * patch.sum()


class Silent:
    """Damage reports that miss every drawing (a compositor drawing with the GPU)."""

    def __init__(self) -> None:
        self._woken = threading.Event()

    def wait(self, timeout: float) -> Changes:
        self._woken.wait(timeout)
        self._woken.clear()
        return Changes()

    def poke(self) -> None:
        self._woken.set()

    def close(self) -> None:
        self._woken.set()


async def test_damage_that_misses_drawings_is_found_out(
    painter: Painter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen_track, "DAMAGE_CHECK_S", 0.2)
    track = live_track(changes=Silent)
    try:
        await next_frame(track)
        painter.fill(BLUE, (200, 150, 20, 20))
        await next_frame(track)  # the change source opened (and read what changed meanwhile)
        painter.fill(RED, (40, 40, 30, 30))  # not reported
        frame = await next_frame(track)  # found by the check all the same
        assert rgb_at(frame, 55, 55) == RED
        assert isinstance(track._changes, PollingSource)  # and the track polls from now on
    finally:
        await stop(track)


async def test_reported_changes_keep_damage_trusted(
    painter: Painter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy screen whose changes are all reported is not taken for missed damage (the check
    waits until what was reported has been read)."""
    monkeypatch.setattr(screen_track, "DAMAGE_CHECK_S", 0.01)
    track = live_track()
    try:
        await next_frame(track)
        for step in range(12):
            colour = RED if step % 2 else BLUE
            painter.fill(colour, (40, 40, 30, 30))
            frame = await next_frame(track)
            assert rgb_at(frame, 55, 55) == colour
        assert isinstance(track._changes, X11DamageSource)
    finally:
        await stop(track)
