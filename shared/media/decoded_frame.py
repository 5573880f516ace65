"""A decoded screen picture, ready to paint."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class DecodedFrame:
    """``data`` is height × width × 4 bytes, B, G, R, X in memory: exactly Qt's
    ``QImage.Format_RGB32`` on little-endian machines, so a viewer wraps it without a copy:
    ``QImage(frame.data, frame.width, frame.height, frame.stride, QImage.Format_RGB32)``
    (keep ``frame`` alive as long as the QImage). Each frame owns a new array.

    ``width``/``height`` are the decoded picture's; in Screen sampling mode that is half the
    shared monitor's size — map input coordinates with the monitor's geometry, not these.
    ``pts`` is the sender's capture clock in 90 kHz ticks since its first frame; with
    ``ScreenTrack.capture_time(pts)`` (same process) or ``epoch + pts / 90000`` it gives the
    capture time. ``ready_time`` is ``time.monotonic()`` when the buffer was ready to paint.
    """

    width: int
    height: int
    data: np.ndarray
    pts: int
    ready_time: float
    keyframe: bool

    @property
    def stride(self) -> int:
        return self.width * 4

    def rgb(self) -> np.ndarray:
        """A height × width × 3 RGB copy (for tests and tools; painting needs no copy)."""
        return np.ascontiguousarray(self.data[:, :, 2::-1])
