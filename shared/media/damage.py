"""Change sources: what tells the screen track that the screen changed, and where.

The track used to grab the whole screen on a fixed tick and compare it with the last grab. A
change source lets it sleep until something is drawn instead, then read only what was drawn:

* X11: the DAMAGE extension (``damage_x11.py``), one event per drawing, with its rectangle;
* Windows: DXGI desktop duplication (``damage_win32.py``), whose frames carry dirty rectangles;
* macOS: ScreenCaptureKit (``damage_macos.py``), whose frames say "idle" or list dirty rects;
* anywhere else, or when the above is missing: ``PollingSource``, which says "maybe everything"
  once per poll interval (the track then grabs and compares, as before).

``wait`` runs on the track's capture thread; ``poke`` may be called from any thread (the
session's loop): a keyframe request, remote input just injected, or the track stopping.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass
from typing import Protocol

from shared.windows import Rect as Rect  # the one rectangle type; re-exported for the media layer

log = logging.getLogger(__name__)

# More rectangles than this in one wait are merged into their bounding box: past a few dozen,
# one bigger read costs less than many small ones (each is a round trip to the X server).
MAX_RECTS = 32
# The polling fallback's interval right after a poke (remote input): the frame showing the
# click's effect leaves within a couple of milliseconds of being drawn, for a short while.
EAGER_POLL_S = 0.002
EAGER_WINDOW_S = 0.25
# The polling fallback's interval otherwise, unless the track sets its own.
DEFAULT_POLL_S = 1 / 60


def bounding(rects: list[Rect]) -> Rect:
    left, top = min(r.left for r in rects), min(r.top for r in rects)
    right, bottom = max(r.right for r in rects), max(r.bottom for r in rects)
    return Rect(left, top, right - left, bottom - top)


def merged(rects: list[Rect]) -> tuple[Rect, ...]:
    """The rectangles as given, or their bounding box when there are too many."""
    return tuple(rects) if len(rects) <= MAX_RECTS else (bounding(rects),)


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the last wait: ``rects`` (damage reported), or ``whole``: anything
    may have (a poll; the track compares). Empty: nothing within the timeout, or a poke."""

    rects: tuple[Rect, ...] = ()
    whole: bool = False

    def __bool__(self) -> bool:
        return self.whole or bool(self.rects)


NOTHING = Changes()
EVERYTHING = Changes(whole=True)


class ChangeSource(Protocol):
    def wait(self, timeout: float) -> Changes:
        """Block until the screen changes, ``poke`` is called, or ``timeout`` seconds pass."""
        ...

    def poke(self) -> None:
        """Wake ``wait`` now (any thread)."""
        ...

    def close(self) -> None: ...


class ChangeSourceUnavailable(RuntimeError):
    """This desktop cannot report its changes (no extension, no permission): poll instead."""


class PollingSource:
    """No damage reports: "maybe everything" once per ``interval`` (the track compares)."""

    def __init__(self, interval: float = DEFAULT_POLL_S) -> None:
        self.interval = interval  # the track tunes it to its frame-rate cap
        self._woken = threading.Event()
        self._eager_until = 0.0

    def wait(self, timeout: float) -> Changes:
        eager = time.monotonic() < self._eager_until
        interval = min(self.interval, EAGER_POLL_S) if eager else self.interval
        if self._woken.wait(min(timeout, interval)):
            self._woken.clear()
            return EVERYTHING
        return EVERYTHING if interval <= timeout else NOTHING

    def poke(self) -> None:
        self._eager_until = time.monotonic() + EAGER_WINDOW_S
        self._woken.set()

    def close(self) -> None:
        self._woken.set()


class PendingChanges:
    """Rectangles reported by a thread of the platform's API, waited for by the track: the
    common part of the Windows and macOS sources (X11 waits on its socket directly)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._rects: list[Rect] = []
        self._whole = False
        self._poked = False

    def add(self, rects: list[Rect], whole: bool = False) -> None:
        with self._cond:
            self._rects += rects
            self._whole |= whole
            self._cond.notify_all()

    def poke(self) -> None:
        with self._cond:
            self._poked = True
            self._cond.notify_all()

    def wait(self, timeout: float) -> Changes:
        with self._cond:
            self._cond.wait_for(lambda: self._rects or self._whole or self._poked, timeout)
            rects, whole = self._rects, self._whole
            self._rects, self._whole, self._poked = [], False, False
        if whole:
            return EVERYTHING
        return Changes(merged(rects)) if rects else NOTHING


_warned: set[str] = set()


def open_change_source() -> ChangeSource:
    """This platform's damage reports, else polling (said once in the log, with why)."""
    try:
        if sys.platform.startswith("linux"):
            from shared.media.damage_x11 import X11DamageSource

            return X11DamageSource()
        if sys.platform == "win32":
            from shared.media.damage_win32 import DxgiDamageSource

            return DxgiDamageSource()
        if sys.platform == "darwin":
            from shared.media.damage_macos import ScreenCaptureKitSource

            return ScreenCaptureKitSource()
        raise ChangeSourceUnavailable(f"no damage reports on {sys.platform}")
    except Exception as exc:  # any failure of the platform's API: polling still works
        reason = f"{type(exc).__name__}: {exc}"
        if reason not in _warned:
            _warned.add(reason)
            log.warning("screen changes are polled (%s)", reason)
        return PollingSource()
