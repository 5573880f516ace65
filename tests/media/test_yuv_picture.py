"""Converting only the changed rectangles gives, bit for bit, the picture a whole-frame
conversion gives (rectangles anywhere: edges, odd sizes, overlapping)."""

from __future__ import annotations

import av
import numpy as np
from av.video.reformatter import VideoReformatter

from shared.media.damage import Rect
from shared.media.yuv_picture import YuvPicture

WIDTH, HEIGHT = 640, 360


def planes(frame: av.VideoFrame) -> list[np.ndarray]:
    return [np.frombuffer(memoryview(p), dtype=np.uint8).copy() for p in frame.planes]


def test_changed_rectangles_convert_exactly_as_the_whole_frame() -> None:
    rng = np.random.default_rng(5)
    picture = rng.integers(0, 256, (HEIGHT, WIDTH, 4), dtype=np.uint8)
    kept = YuvPicture()
    kept.update(av.VideoFrame.from_numpy_buffer(picture, format="bgra"), None)
    for _ in range(30):
        rects = []
        for _ in range(int(rng.integers(1, 5))):
            x, y = int(rng.integers(0, WIDTH - 1)), int(rng.integers(0, HEIGHT - 1))
            w = int(rng.integers(1, min(90, WIDTH - x) + 1))
            h = int(rng.integers(1, min(60, HEIGHT - y) + 1))
            picture[y : y + h, x : x + w] = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)
            rects.append(Rect(x, y, w, h))
        frame = av.VideoFrame.from_numpy_buffer(picture, format="bgra")
        patched = planes(kept.update(frame, tuple(rects)))
        whole = planes(VideoReformatter().reformat(frame, format="yuv420p"))
        for mine, reference in zip(patched, whole, strict=True):
            assert np.array_equal(mine, reference)
    assert kept.parts_converted > 30  # the rectangles were converted alone, not the frame
