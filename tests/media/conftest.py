"""Fixtures for the screen media tests: pictures shown on the test run's Xvfb."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import numpy as np
import pytest

from shared.media.capture import ScreenGrabber, list_monitors


def screen_size() -> tuple[int, int]:
    monitor = list_monitors()[1]
    return monitor.width, monitor.height


def known_picture(width: int, height: int) -> np.ndarray:
    """A known BGRA picture with what a desktop has: flat areas, colour bars, gradients, fine
    lines, small 'text-like' glyphs, a photo-like patch."""
    rng = np.random.default_rng(7)
    picture = np.empty((height, width, 4), dtype=np.uint8)
    picture[..., 3] = 255
    picture[..., :3] = (236, 236, 236)  # window background
    y, x = np.mgrid[0:height, 0:width]
    # A title bar and colour bars.
    picture[0:40, :, :3] = (120, 60, 30)
    bars = [(255, 255, 255), (0, 255, 255), (255, 255, 0), (0, 255, 0), (255, 0, 255), (0, 0, 255)]
    for i, colour in enumerate(bars):
        picture[60:200, 40 + i * 120 : 160 + i * 120, :3] = colour
    # Gradients.
    picture[220:380, 40:1000, 0] = (x[220:380, 40:1000] * 255 // width).astype(np.uint8)
    picture[220:380, 40:1000, 1] = (y[220:380, 40:1000] * 255 // height).astype(np.uint8)
    picture[220:380, 40:1000, 2] = 128
    # Dark "text": rows of small glyph-like strokes on the light background.
    for row in range(420, min(height - 40, 1000), 22):
        for col in range(40, min(width - 40, 900), 9):
            if rng.random() < 0.8:
                glyph = rng.random((14, 7)) < 0.35
                picture[row : row + 14, col : col + 7, :3][glyph] = (30, 30, 30)
    # A photo-like patch: smooth shapes with mild noise.
    top, left = 420, 1000
    h, w = min(420, height - top), min(800, width - left)
    if h > 0 and w > 0:
        py, px = np.mgrid[0:h, 0:w].astype(np.float32)
        base = 127 + 90 * np.sin(px / 41.0) * np.cos(py / 29.0)
        for c, phase in enumerate((0.0, 1.7, 3.1)):
            noise = rng.normal(0, 6, (h, w))
            value = base * (0.8 + 0.2 * np.cos(phase)) + 30 * np.sin(px / 17.0 + phase) + noise
            picture[top : top + h, left : left + w, c] = np.clip(value, 0, 255).astype(np.uint8)
    return picture


def busy_picture(width: int, height: int, seed: int = 3) -> np.ndarray:
    """A picture with much to code: smooth colour waves with noise over the whole screen."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    picture = np.empty((height, width, 4), dtype=np.uint8)
    picture[..., 3] = 255
    for c, (fx, fy) in enumerate(((31.0, 47.0), (53.0, 23.0), (19.0, 61.0))):
        value = 128 + 100 * np.sin(x / fx + c) * np.cos(y / fy) + rng.normal(0, 8, x.shape)
        picture[..., c] = np.clip(value, 0, 255).astype(np.uint8)
    return picture


def screen_shows(picture: np.ndarray) -> bool:
    grabber = ScreenGrabber(list_monitors()[1])
    try:
        shot = np.frombuffer(grabber.grab(), dtype=np.uint8).reshape(picture.shape)
    finally:
        grabber.close()
    return bool(np.array_equal(shot[..., :3], picture[..., :3]))


@asynccontextmanager
async def showing(picture: np.ndarray, folder: Path) -> AsyncIterator[None]:
    """Show ``picture`` full screen in a helper process until the block ends."""
    height, width = picture.shape[:2]
    raw = folder / f"picture-{time.monotonic_ns()}.bgra"
    raw.write_bytes(np.ascontiguousarray(picture).tobytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.media.picture_window", str(raw), str(width), str(height)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), 30)
        assert line.strip() == "shown", f"picture window said {line!r}"
        deadline = time.monotonic() + 10
        while not await asyncio.to_thread(screen_shows, picture):
            assert time.monotonic() < deadline, "the picture never showed on the screen"
            await asyncio.sleep(0.02)
        yield
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture
def show(tmp_path: Path) -> Callable[[np.ndarray], AbstractAsyncContextManager[None]]:
    def start(picture: np.ndarray) -> AbstractAsyncContextManager[None]:
        return showing(picture, tmp_path)

    return start
