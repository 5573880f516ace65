"""The frame-rate cap, with room for the frame that shows the effect of remote input.

A plain minimum interval between frames makes the frame that shows a click wait, on average,
half an interval (8 ms at 60 fps) behind the frame just sent for whatever else changed; and a
screen that changes at the cap's own rate loses frames to it: each change drawn a little early
waits for the interval, the delays add up, and once one passes an interval two changes leave as
one frame (measured: 56 frames a second of a 60 Hz animation).

The cap is a token bucket instead, refilled at the cap, holding ``FRAME_BURST`` frames:

* a frame for ordinary changes needs ``RESERVE`` + 1 tokens, so one token stays in reserve;
  the bucket holds one more than that, so a frame that left late lets the next leave that much
  sooner (the animation above keeps every frame, and the average stays at the cap);
* once remote input is injected and its effect drawn (``INPUT_DRAW_S``), its frame may use the
  reserve and leave at once.

Over any span the frames stay within the cap's count for it plus ``FRAME_BURST``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# Frames the bucket holds: one for ordinary changes, one of slack for a frame that left late,
# and RESERVE for input's effect.
RESERVE = 1.0
FRAME_BURST = RESERVE + 2.0
# A frame may use the reserve from INPUT_DRAW_S after remote input is injected (about when the
# program has drawn its effect: taken sooner, on a busy screen, the reserve would go to a frame
# of other changes, and the one showing the click would wait all the longer) until
# INPUT_PRIORITY_S after it; past that, its frame is an ordinary one. Only a screen already
# changing waits for it: on a still one the grab waits for the click's own damage report.
# bench/desktop.py's Qt program has drawn a click within a millisecond: with 2 ms the click's
# pixel came 2 to 3 ms later, and with 1 ms no click of 44 was missed.
INPUT_DRAW_S = 0.001
INPUT_PRIORITY_S = 0.05


class FramePacer:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._tokens = FRAME_BURST
        self._at: float | None = None
        self._input_at = float("-inf")

    def input_applied(self) -> None:
        self._input_at = self._clock()

    def _refill(self, limit: float, now: float) -> None:
        if self._at is not None:
            self._tokens = min(FRAME_BURST, self._tokens + (now - self._at) * limit)
        self._at = now

    def delay(self, limit: float | None) -> float:
        """Seconds before the next frame may be grabbed (0: now)."""
        if not limit:
            return 0.0
        now = self._clock()
        self._refill(limit, now)
        ordinary = max(0.0, (RESERVE + 1.0 - self._tokens) / limit)
        since_input = now - self._input_at
        if since_input >= INPUT_PRIORITY_S:
            return ordinary
        early = max(0.0, INPUT_DRAW_S - since_input, (1.0 - self._tokens) / limit)
        return min(ordinary, early)

    def spend(self, limit: float | None, at: float) -> None:
        """A frame grabbed at ``at`` is sent."""
        if not limit:
            self._tokens, self._at = FRAME_BURST, None  # uncapped: a full bucket once capped
            return
        self._refill(limit, max(at, self._at or at))
        self._tokens = max(0.0, self._tokens - 1.0)
