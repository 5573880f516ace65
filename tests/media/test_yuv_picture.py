"""Converting only the changed rectangles gives, bit for bit, the picture a whole-frame
conversion gives (rectangles anywhere: edges, odd sizes, overlapping), with either converter;
libyuv's colours are swscale's."""

from __future__ import annotations

import sys

import av
import numpy as np
import pytest
from av.video.reformatter import VideoReformatter

from shared.media.damage import Rect
from shared.media.libyuv import LIBYUV, Libyuv
from shared.media.yuv_picture import YuvPicture

WIDTH, HEIGHT = 640, 360

CONVERTERS = {"libyuv": LIBYUV, "swscale": None}


def planes(frame: av.VideoFrame) -> list[np.ndarray]:
    """Each plane's visible pixels (rows without their padding)."""
    return [
        np.frombuffer(memoryview(p), dtype=np.uint8).reshape(-1, p.line_size)[:, : p.width].copy()
        for p in frame.planes
    ]


def test_linux_machines_convert_with_libyuv() -> None:
    """scripts/install.sh installs it, the client carries it: not found is a broken install."""
    if sys.platform.startswith("linux"):
        assert LIBYUV is not None


@pytest.mark.parametrize("converter", CONVERTERS, ids=list(CONVERTERS))
@pytest.mark.parametrize("size", [(WIDTH, HEIGHT), (WIDTH - 1, HEIGHT - 1)], ids=["even", "odd"])
def test_changed_rectangles_convert_exactly_as_the_whole_frame(
    converter: str, size: tuple[int, int]
) -> None:
    libyuv: Libyuv | None = CONVERTERS[converter]
    if converter == "libyuv" and libyuv is None:
        pytest.fail("libyuv is not installed (scripts/install.sh)")
    width, height = size
    rng = np.random.default_rng(5)
    picture = rng.integers(0, 256, (height, width, 4), dtype=np.uint8)
    kept = YuvPicture(libyuv)
    kept.update(av.VideoFrame.from_numpy_buffer(picture, format="bgra"), None)
    for _ in range(30):
        rects = []
        for _ in range(int(rng.integers(1, 5))):
            x, y = int(rng.integers(0, width - 1)), int(rng.integers(0, height - 1))
            w = int(rng.integers(1, min(90, width - x) + 1))
            h = int(rng.integers(1, min(60, height - y) + 1))
            picture[y : y + h, x : x + w] = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)
            rects.append(Rect(x, y, w, h))
        rects.append(Rect(width - 3, height - 3, 3, 3))  # the last odd column and row
        picture[height - 3 :, width - 3 :] = rng.integers(0, 256, (3, 3, 4), dtype=np.uint8)
        frame = av.VideoFrame.from_numpy_buffer(picture, format="bgra")
        patched = planes(kept.update(frame, tuple(rects)))
        whole = planes(YuvPicture(libyuv).update(frame, None))
        for mine, reference in zip(patched, whole, strict=True):
            assert np.array_equal(mine, reference)
    if size == (WIDTH, HEIGHT) or libyuv is not None:
        assert kept.parts_converted > 30  # the rectangles were converted alone, not the frame


def test_libyuv_gives_swscales_colours() -> None:
    """Flat 2×2 blocks of screen colours: the same Y, U and V within a step of rounding, so a
    picture looks the same whichever converter the sharer has."""
    if LIBYUV is None:
        pytest.fail("libyuv is not installed (scripts/install.sh)")
    colours = [(0, 0, 0), (255, 255, 255), (255, 0, 0), (0, 160, 0), (0, 0, 255), (30, 144, 255)]
    colours += [(128, 128, 128), (250, 235, 215), (64, 0, 128), (255, 215, 0)]
    picture = np.zeros((2, 2 * len(colours), 4), dtype=np.uint8)
    for index, (r, g, b) in enumerate(colours):
        picture[:, 2 * index : 2 * index + 2] = (b, g, r, 255)
    frame = av.VideoFrame.from_numpy_buffer(picture, format="bgra")
    ours = planes(YuvPicture(LIBYUV).update(frame, None))
    reference = planes(VideoReformatter().reformat(frame, format="yuv420p"))
    for mine, theirs in zip(ours, reference, strict=True):
        assert np.abs(mine.astype(int) - theirs.astype(int)).max() <= 2
