"""Slows down guessing: too many failures on one key (an address, an account, a session
number), and it must wait.

Guesses come in parallel, so an attempt is counted *before* its slow password check
(``attempt``): otherwise a burst sent at once is all checked before any failure is recorded.
An attempt that turns out not to be a guess (a success, a busy center) is given back
(``forgive``); a failed one stays counted for the window.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

# Keys whose failures all aged out are dropped when asked about; past this many keys, the
# limiter also sweeps out the stale ones, so that names made up by a guesser do not pile up.
SWEEP_AT_KEYS = 10_000


def address_key(address: str) -> str:
    return "address:" + address


def account_key(username: str) -> str:
    return "account:" + username


def session_key(number: int) -> str:
    return f"session:{number}"


class Limited(Exception):
    """A key has used up its window; nothing was counted."""

    def __init__(self, retry_after_s: float) -> None:
        super().__init__(f"retry after {retry_after_s} s")
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Attempt:
    keys: tuple[str, ...]
    at: float


class FailureLimiter:
    def __init__(
        self, max_failures: int, window_s: float, clock: Callable[[], float] | None = None
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        # Monotonic seconds; tests set their own to step over a window without waiting it out.
        self.clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._sweep_at = SWEEP_AT_KEYS

    def _now(self) -> float:
        return self.clock() if self.clock is not None else time.monotonic()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return deque()
        return failures

    def _wait(self, key: str, now: float) -> float | None:
        failures = self._recent(key, now)
        if len(failures) < self.max_failures:
            return None
        # Free again once all but max_failures - 1 have aged out. Rounded up to the tenth the
        # callers report, so a client that waits exactly that long is not refused again.
        frees_at = failures[-self.max_failures] + self.window_s
        return max(0.1, math.ceil((frees_at - now) * 10) / 10)

    def retry_after(self, key: str) -> float | None:
        """Seconds ``key`` must still wait, or None if it may try now."""
        return self._wait(key, self._now())

    def failed(self, key: str) -> None:
        self._failures[key].append(self._now())

    def attempt(self, *keys: str) -> Attempt:
        """Count an attempt on every key at once, before it is checked; raises ``Limited``
        (counting nothing) if any of them must wait."""
        now = self._now()
        waits = [w for w in (self._wait(key, now) for key in keys) if w is not None]
        if waits:
            raise Limited(max(waits))
        for key in keys:
            self._failures[key].append(now)
        if len(self._failures) >= self._sweep_at:
            self._sweep(now)
        return Attempt(keys, now)

    def forgive(self, attempt: Attempt) -> None:
        """Give back an attempt that was not a failed guess."""
        for key in attempt.keys:
            failures = self._failures.get(key)
            if failures is not None and attempt.at in failures:
                failures.remove(attempt.at)
                if not failures:
                    del self._failures[key]

    def _sweep(self, now: float) -> None:
        for key in list(self._failures):
            self._recent(key, now)
        # Sweeping again only once the keys have doubled keeps this cheap per attempt.
        self._sweep_at = max(SWEEP_AT_KEYS, 2 * len(self._failures))
