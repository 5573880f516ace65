"""Whole reads go from the X server straight into the track's pictures (``shm_capture.py``):
the frame shows the screen, a frame still being encoded is never written over by the next
read, and where the X server has no MIT-SHM the track copies (through mss) as before."""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterator

import numpy as np
import pytest

import tests.xserver
from shared.media.capture import ScreenGrabber
from shared.media.pictures import same_pixels
from tests.media.test_damage import (
    AREA,
    BLUE,
    GREY,
    RED,
    Painter,
    live_track,
    next_frame,
    rgb_at,
    stop,
)


@pytest.fixture
def painter() -> Iterator[Painter]:
    painted = Painter()
    yield painted
    painted.close()


def shared_buffer(data: bytes) -> mmap.mmap:
    fd = os.memfd_create("test")
    os.ftruncate(fd, len(data))
    buffer = mmap.mmap(fd, len(data))
    os.close(fd)
    buffer[:] = data
    return buffer


def test_same_pixels_compares_every_kind_of_grab() -> None:
    data = bytes(range(256)) * 4096
    changed = bytearray(data)
    changed[-1] ^= 1  # the very last byte
    assert same_pixels(shared_buffer(data), bytearray(data))
    assert same_pixels(bytearray(data), shared_buffer(data))
    assert same_pixels(shared_buffer(data), shared_buffer(data))
    assert not same_pixels(shared_buffer(data), changed)
    assert not same_pixels(shared_buffer(data), shared_buffer(bytes(changed)))
    assert not same_pixels(shared_buffer(data), None)
    assert not same_pixels(shared_buffer(data), bytearray(data[:-4]))


async def test_a_whole_read_lands_in_the_picture_without_a_copy(painter: Painter) -> None:
    track = live_track()
    try:
        first = await next_frame(track)  # the first frame is a whole read
        grabber = track._grabber
        assert grabber is not None and grabber._reader is not None
        shared = {np.frombuffer(b, np.uint8).ctypes.data for b in grabber._buffers if b}
        assert first.planes[0].buffer_ptr in shared  # the X server's read, not a copy of it
        assert rgb_at(first, 100, 100) == GREY
        painter.fill(RED)  # all of it: read whole, into the other picture
        second = await next_frame(track)
        shared = {np.frombuffer(b, np.uint8).ctypes.data for b in grabber._buffers if b}
        assert len(shared) == 2 and second.planes[0].buffer_ptr in shared
        assert second.planes[0].buffer_ptr != first.planes[0].buffer_ptr
        assert rgb_at(second, 100, 100) == RED
        # The frame before is what the encoder may still be coding: it is left as it was.
        assert rgb_at(first, 100, 100) == GREY
        painter.fill(BLUE)
        third = await next_frame(track)
        assert rgb_at(third, 100, 100) == BLUE
        assert rgb_at(second, 100, 100) == RED
    finally:
        await stop(track)


async def test_without_mit_shm_the_track_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    no_shm = (*tests.xserver.XVFB_OPTIONS, "-extension", "MIT-SHM")
    monkeypatch.setattr(tests.xserver, "XVFB_OPTIONS", no_shm)
    server = tests.xserver.start_display("1920x1080x24")
    try:
        monkeypatch.setenv("DISPLAY", server.display)
        grabber = ScreenGrabber(AREA, shared_memory=True)
        try:
            assert grabber._reader is None
            assert isinstance(grabber.grab_into(0), bytearray)
        finally:
            grabber.close()
        track = live_track()  # (python-xlib cannot open this server: nothing is drawn)
        try:
            first = await next_frame(track)
            screen = ScreenGrabber(AREA)
            try:
                assert first.to_ndarray().tobytes() == bytes(screen.grab())
            finally:
                screen.close()
        finally:
            await stop(track)
    finally:
        server.stop()


def test_a_failing_shared_read_falls_back_to_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared memory refused midway (no memory left, a screen made smaller): the grab still
    returns the screen, copied, and later grabs copy without trying again (the track goes on:
    an exception here would end the sharing)."""
    grabber = ScreenGrabber(AREA, shared_memory=True)
    try:
        reader = grabber._reader
        assert reader is not None

        def refused(size: int) -> mmap.mmap:
            raise OSError("no memory left")

        monkeypatch.setattr(reader, "buffer", refused)
        first = grabber.grab_into(0)
        assert isinstance(first, bytearray) and grabber._reader is None
        assert len(first) == AREA.width * AREA.height * 4
        assert isinstance(grabber.grab_into(1), bytearray)
    finally:
        grabber.close()
