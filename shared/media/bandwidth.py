"""How the frame rate follows the measured bandwidth.

The bitrate already follows the content: the encoder codes at a constant quantiser (x264 QP),
so a few typed characters cost a few hundred bytes and a full-screen video costs megabits, and an
idle screen sends no frame at all. What the content cannot know is the link: for that the
receiver's bandwidth estimate (REMB, from aiortc's delay-based estimator) comes back about twice
a second.

A screen sender is "application-limited" most of the time, so the estimate mostly reports what
we sent, not what the link could carry; it only means "too much" when it *drops* below what we
send (the estimator saw queuing delay grow and backed off). So:

* the estimate falls by more than 5% and is below our send rate over the last second: the frame
  rate is lowered in proportion (estimate / send rate), never below ``MIN_FPS``;
* otherwise each estimate lets the frame rate back up by 25%, until the cap is reached.

Fewer frames per second is the cheapest lever there is (no encoder rebuild, no keyframe, every
frame stays sharp), and it is what the x264 build in PyAV lets us change on the fly: a new
VBV rate would need a new encoder and a keyframe each time, as aiortc's own encoder does.
"""

from __future__ import annotations

import threading
import time
from collections import deque

MIN_FPS = 5.0
WINDOW_S = 1.0
RECOVERY = 1.25
DROP_THRESHOLD = 0.95


class BandwidthGovernor:
    def __init__(self) -> None:
        self._sent: deque[tuple[float, int]] = deque()
        self._last_estimate: int | None = None
        self.fps_limit: float | None = None  # None: no limit beyond the track's own cap
        self.estimate: int | None = None
        # Frames are counted on the encoder's thread, estimates arrive on the asyncio loop.
        self._lock = threading.Lock()

    def on_sent(self, size: int, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._sent.append((now, size))
            self._trim(now)

    def _trim(self, now: float) -> None:
        while self._sent and now - self._sent[0][0] > WINDOW_S:
            self._sent.popleft()

    def send_rate(self, now: float | None = None) -> tuple[float, float]:
        """(bits per second, frames per second) over the last second."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._trim(now)
            total = sum(size for _, size in self._sent)
            return total * 8 / WINDOW_S, len(self._sent) / WINDOW_S

    def on_estimate(self, bitrate: int, now: float | None = None) -> None:
        previous, self._last_estimate = self._last_estimate, bitrate
        self.estimate = bitrate
        rate, fps = self.send_rate(now)
        falling = previous is not None and bitrate < previous * DROP_THRESHOLD
        if falling and rate > bitrate and fps > 0:
            self.fps_limit = max(MIN_FPS, fps * bitrate / rate)
        elif self.fps_limit is not None:
            self.fps_limit *= RECOVERY

    def limit(self, cap: float | None) -> float | None:
        """The frame rate to hold to, given the track's own cap (None = uncapped)."""
        if self.fps_limit is None:
            return cap
        if cap is not None and self.fps_limit >= cap:
            self.fps_limit = None
            return cap
        return self.fps_limit
