"""Slows down guessing: too many failures from one address, and it must wait."""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque


class FailureLimiter:
    def __init__(self, max_failures: int, window_s: float) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return deque()
        return failures

    def retry_after(self, key: str) -> float | None:
        """Seconds ``key`` must still wait, or None if it may try now."""
        now = time.monotonic()
        failures = self._recent(key, now)
        if len(failures) < self.max_failures:
            return None
        # Rounded up to the tenth the callers report, so a client that waits exactly that long
        # is not refused again.
        return max(0.1, math.ceil((failures[0] + self.window_s - now) * 10) / 10)

    def failed(self, key: str) -> None:
        self._failures[key].append(time.monotonic())
