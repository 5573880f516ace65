"""Decoded screen frames as the views see them, and the one place they become a QImage.

The media layer's decoder hands each frame to the sharing feature off the Qt thread. The views
only need its size and its pixels; ``frame_image`` is the single adapter between that frame
object and Qt, so a change in the decoder's frame type is fixed here and nowhere else. Two
layouts are understood, both wrapped without a copy:

- the media layer's ``DecodedFrame``: ``data`` (B, G, R, X bytes per pixel, ``stride`` bytes
  per row) — Qt's ``Format_RGB32`` on little-endian machines;
- ``ScreenFrame`` below: ``rgb``, packed RGB888 rows of ``width * 3`` bytes (frames made here).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

RGB888_BYTES = 3


class ScreenFrame(Protocol):
    """What a view needs from a decoded frame: packed RGB888 rows of ``width * 3`` bytes."""

    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...

    @property
    def rgb(self) -> bytes | bytearray | memoryview: ...


@dataclass(frozen=True)
class RgbFrame:
    """A frame made here (tests, screenshots, a still placeholder)."""

    width: int
    height: int
    rgb: bytes | bytearray | memoryview


@dataclass(frozen=True)
class PaintableFrame:
    """A QImage over a frame's own buffer, with the frame kept alive as long as the image."""

    image: QImage
    source: object


def frame_image(frame: object) -> PaintableFrame | None:
    """Wrap ``frame``'s pixels in a QImage without copying them; None if it is not a frame.

    Safe off the Qt thread: a QImage is not a widget, and wrapping a buffer converts nothing."""
    width = getattr(frame, "width", None)
    height = getattr(frame, "height", None)
    if not isinstance(width, int) or not isinstance(height, int) or width < 1 or height < 1:
        return None
    data, stride = getattr(frame, "data", None), getattr(frame, "stride", None)
    if data is not None and isinstance(stride, int):  # the media layer's BGRX frame
        pixels: object = data
        image_format = QImage.Format.Format_RGB32
    else:
        pixels, stride = getattr(frame, "rgb", None), width * RGB888_BYTES
        image_format = QImage.Format.Format_RGB888
    try:
        view = memoryview(pixels)  # type: ignore[arg-type]
    except TypeError:
        return None
    if not view.c_contiguous or view.nbytes < stride * height:
        return None
    flat = view.cast("B") if view.ndim != 1 or view.format != "B" else view
    return PaintableFrame(QImage(flat, width, height, stride, image_format), frame)


class LatestFrames(QObject):
    """Keeps only the newest frame of each activity; tells the Qt thread once per batch.

    ``put`` runs on the decoder's thread for every frame. If the view has not painted the
    previous one yet, the new frame replaces it and no second notice is queued: a slow painter
    drops frames instead of falling behind."""

    # activity id; emitted from the decoder's thread, delivered queued on the Qt thread
    arrived = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._latest: dict[str, PaintableFrame] = {}
        self._notified: set[str] = set()
        self.dropped = 0

    def put(self, activity_id: str, frame: object) -> None:
        paintable = frame_image(frame)
        if paintable is None:
            return
        with self._lock:
            if activity_id in self._latest:
                self.dropped += 1
            self._latest[activity_id] = paintable
            notify = activity_id not in self._notified
            self._notified.add(activity_id)
        if notify:
            self.arrived.emit(activity_id)

    def take(self, activity_id: str) -> PaintableFrame | None:
        with self._lock:
            self._notified.discard(activity_id)
            return self._latest.pop(activity_id, None)

    def forget(self, activity_id: str) -> None:
        with self._lock:
            self._notified.discard(activity_id)
            self._latest.pop(activity_id, None)
