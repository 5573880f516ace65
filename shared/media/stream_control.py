"""What the screen track and its encoder share: settings, counters, keyframe requests."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from shared.media.bandwidth import BandwidthGovernor
from shared.media.damage import Rect
from shared.media.quality import EncoderSettings

# pts → capture time is kept for this many recent frames (for latency figures).
CAPTURE_TIMES_KEPT = 2048


@dataclass(frozen=True, slots=True)
class FrameInfo:
    """Attached to each captured ``av.VideoFrame`` as ``frame.opaque``."""

    capture_time: float  # time.monotonic() when the grab started
    settings: EncoderSettings
    # What changed since the previous frame (in the frame's pixels); None: maybe anything.
    # The encoder converts only that to YUV (``yuv_picture.py``).
    dirty: tuple[Rect, ...] | None = None


class StreamControl:
    def __init__(self, settings: EncoderSettings, fps_cap: float | None) -> None:
        self.settings = settings
        self.fps_cap = fps_cap
        self.governor = BandwidthGovernor()
        self.ready = asyncio.Event()  # set once the encoder is installed (answer accepted)
        self._lock = threading.Lock()
        # Held by the encoder while it encodes a frame (on aiortc's executor): closing waits
        # on it, so that frame and the encoder's buffers are freed before the heap is trimmed.
        self.encoding = threading.Lock()
        self.capture_times: OrderedDict[int, float] = OrderedDict()
        self.frames_captured = 0
        self.frames_encoded = 0
        self.keyframes = 0
        self.bytes_encoded = 0
        self.polls = 0
        self.codec_name: str | None = None
        self.encode_seconds = 0.0
        self._on_keyframe_request: list[Callable[[], None]] = []

    # --- track side -------------------------------------------------------------------------

    def record_capture(self, pts: int, capture_time: float) -> None:
        with self._lock:
            self.frames_captured += 1
            self.capture_times[pts] = capture_time
            while len(self.capture_times) > CAPTURE_TIMES_KEPT:
                self.capture_times.popitem(last=False)

    def fps_limit(self) -> float | None:
        return self.governor.limit(self.fps_cap)

    def on_keyframe_request(self, callback: Callable[[], None]) -> None:
        self._on_keyframe_request.append(callback)

    # --- encoder side (runs on the encoder's executor thread) -------------------------------

    def record_encoded(self, size: int, keyframe: bool, seconds: float) -> None:
        with self._lock:
            self.frames_encoded += 1
            self.bytes_encoded += size
            self.encode_seconds += seconds
            if keyframe:
                self.keyframes += 1
        self.governor.on_sent(size, time.monotonic())

    def keyframe_requested(self) -> None:
        """A PLI/FIR came in: make sure a frame goes out even when the screen is idle."""
        for callback in self._on_keyframe_request:
            callback()
