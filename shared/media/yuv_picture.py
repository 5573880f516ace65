"""The encoder's YUV 4:2:0 picture, converted from BGRA only where the frame changed.

The encoder wants YUV 4:2:0. When the track knows which rectangles changed since the previous
frame (``FrameInfo.dirty``: damage reports, read part by part), only those are converted, into
a picture kept from frame to frame, and they come out exactly as a whole-frame conversion makes
them (``tests/media/test_yuv_picture.py``). Two converters:

* libyuv where it is installed (``libyuv.py``): 0.26 ms for a whole 1080p picture. Each
  rectangle is widened to even coordinates (whole 2×2 blocks) and converted in place, straight
  from the captured pixels into the kept planes.
* swscale otherwise: 2.5–7 ms for a whole 1080p picture. Its chroma filter reads a pixel or two
  past each 2×2 block, so each rectangle is widened by ``REACH`` and converted with ``MARGIN``
  pixels of its surroundings, of which only the widened rectangle is kept; past
  ``PATCH_SHARE`` of the picture, the whole frame is converted instead.

The kept picture is safe to change once the encoder returned: x264 and libvpx copy the input
picture into their own frames during ``encode``.
"""

from __future__ import annotations

import av
import numpy as np
from av.video.reformatter import VideoReformatter

from shared.media.damage import Rect
from shared.media.libyuv import LIBYUV, Libyuv

# swscale's chroma filter reads a pixel or two past each side of a 2×2 block, so a changed pixel
# changes the chroma of neighbouring blocks too: each rectangle is kept this much wider...
REACH = 4
# ...and converted with this many pixels of its surroundings, of which only that is kept.
MARGIN = 8
# Past this share of the picture, the changed rectangles are converted as one whole frame.
PATCH_SHARE = 0.5


def _planes(frame: av.VideoFrame) -> list[np.ndarray]:
    """Writable views of a yuv420p frame's Y, U and V planes (rows × line size)."""
    views = []
    for plane in frame.planes:
        data = np.frombuffer(memoryview(plane), dtype=np.uint8)
        views.append(data.reshape(-1, plane.line_size))
    return views


class YuvPicture:
    def __init__(self, libyuv: Libyuv | None = LIBYUV) -> None:
        self.frame: av.VideoFrame | None = None
        self._libyuv = libyuv
        self._whole = VideoReformatter()
        self._parts = VideoReformatter()
        self.parts_converted = 0  # rectangles converted alone, for tests and figures

    def update(self, bgra: av.VideoFrame, dirty: tuple[Rect, ...] | None) -> av.VideoFrame:
        """The picture of ``bgra`` in yuv420p; only ``dirty`` converted if the kept picture is
        the previous frame's (None: all of it)."""
        if self._libyuv is not None:
            return self._update_in_place(self._libyuv, bgra, dirty)
        width, height = bgra.width, bgra.height
        if (
            dirty is None
            or self.frame is None
            or (self.frame.width, self.frame.height) != (width, height)
            or width % 2
            or height % 2
            or sum(r.width * r.height for r in dirty) > PATCH_SHARE * width * height
        ):
            self.frame = self._whole.reformat(bgra, format="yuv420p")
            return self.frame
        source = bgra.to_ndarray()
        planes = _planes(self.frame)
        for rect in dirty:
            self._convert(source, planes, rect, width, height)
        return self.frame

    def _update_in_place(
        self, libyuv: Libyuv, bgra: av.VideoFrame, dirty: tuple[Rect, ...] | None
    ) -> av.VideoFrame:
        width, height = bgra.width, bgra.height
        if self.frame is None or (self.frame.width, self.frame.height) != (width, height):
            self.frame, dirty = av.VideoFrame(width, height, "yuv420p"), None
        source = bgra.planes[0]
        planes = self.frame.planes
        strides = (planes[0].line_size, planes[1].line_size, planes[2].line_size)
        for rect in dirty if dirty is not None else (Rect(0, 0, width, height),):
            x0, y0 = max(0, rect.left) & ~1, max(0, rect.top) & ~1
            x1, y1 = (
                min(width, rect.right + (rect.right & 1)),
                min(height, rect.bottom + (rect.bottom & 1)),
            )
            if x1 <= x0 or y1 <= y0:
                continue
            libyuv.bgra_to_i420(
                source.buffer_ptr + y0 * source.line_size + x0 * 4,
                source.line_size,
                (
                    planes[0].buffer_ptr + y0 * strides[0] + x0,
                    planes[1].buffer_ptr + y0 // 2 * strides[1] + x0 // 2,
                    planes[2].buffer_ptr + y0 // 2 * strides[2] + x0 // 2,
                ),
                strides,
                x1 - x0,
                y1 - y0,
            )
            self.parts_converted += dirty is not None
        return self.frame

    def _convert(
        self, source: np.ndarray, planes: list[np.ndarray], rect: Rect, width: int, height: int
    ) -> None:
        x0, y0 = max(0, rect.left - REACH) & ~1, max(0, rect.top - REACH) & ~1
        x1 = min(width, (rect.right + REACH + 1) & ~1)
        y1 = min(height, (rect.bottom + REACH + 1) & ~1)
        if x1 <= x0 or y1 <= y0:
            return
        ex0, ey0 = max(0, x0 - MARGIN), max(0, y0 - MARGIN)
        ex1, ey1 = min(width, x1 + MARGIN), min(height, y1 + MARGIN)
        area = np.ascontiguousarray(source[ey0:ey1, ex0:ex1])
        part = self._parts.reformat(
            av.VideoFrame.from_numpy_buffer(area, format="bgra"), format="yuv420p"
        )
        got = _planes(part)
        dx, dy = x0 - ex0, y0 - ey0
        w, h = x1 - x0, y1 - y0
        planes[0][y0:y1, x0:x1] = got[0][dy : dy + h, dx : dx + w]
        for index in (1, 2):
            planes[index][y0 // 2 : y1 // 2, x0 // 2 : x1 // 2] = got[index][
                dy // 2 : (dy + h) // 2, dx // 2 : (dx + w) // 2
            ]
        self.parts_converted += 1
