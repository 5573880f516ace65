"""X11's change source: the DAMAGE extension on the root window (python-xlib).

One damage object on the root window reports every drawing on the screen, in any window, as a
``DamageNotify`` event with the drawn rectangle in root coordinates (= the virtual screen's,
as mss and the track use). ``DamageReportRawRectangles``: an event per drawing, with nothing to
acknowledge (no ``DamageSubtract`` round trip, and no window between a subtract and a grab in
which a drawing could be missed). The events come on our own connection; the pixels are then
read on mss's, after the event, so the read shows the drawing.

The capture thread sleeps in ``select`` on the connection's socket and a pipe ``poke`` writes
to: no timer, no CPU while nothing is drawn.
"""

from __future__ import annotations

import contextlib
import os
import select
import time
from typing import Any

from shared.media.damage import NOTHING, Changes, ChangeSourceUnavailable, Rect, merged

# A program draws one update as several requests (a window's parts, several windows on one
# timer tick) within a millisecond or two. Once a drawing wakes the track, more are awaited
# until none came for SETTLE_S (at most SETTLE_MAX_S in all), so a frame holds the whole update,
# not its first part now and the rest a frame interval later.
SETTLE_S = 0.001
SETTLE_MAX_S = 0.004


class X11DamageSource:
    def __init__(self, display_name: str | None = None) -> None:
        try:
            from Xlib import display as xdisplay
            from Xlib.ext import damage
        except ImportError as exc:
            raise ChangeSourceUnavailable("python-xlib is not installed") from exc
        try:
            self._display: Any = xdisplay.Display(display_name)
        except Exception as exc:
            raise ChangeSourceUnavailable(f"no X display: {exc}") from exc
        if not self._display.has_extension("DAMAGE"):
            self._display.close()
            raise ChangeSourceUnavailable("the X server has no DAMAGE extension")
        self._display.damage_query_version()  # required before any other DAMAGE request
        root = self._display.screen().root
        self._damage = root.damage_create(damage.DamageReportRawRectangles)
        self._notify = self._display.extension_event.DamageNotify
        self._display.flush()
        self._fd = self._display.fileno()
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)
        self.events = 0  # DamageNotify events read so far
        self._closed = False

    def _drain(self, rects: list[Rect]) -> None:
        """Read every event already arrived (none is waited for)."""
        display = self._display
        while display.pending_events():
            event = display.next_event()
            if event.type == self._notify:
                self.events += 1
                area = event.area
                rects.append(Rect(area.x, area.y, area.width, area.height))

    def wait(self, timeout: float) -> Changes:
        deadline = time.monotonic() + timeout
        rects: list[Rect] = []
        self._drain(rects)
        if rects:
            # Reported while the track was busy (encoding the last frame): the update is
            # likely whole by now, and waiting for it to settle would only slow a busy screen.
            return Changes(merged(rects))
        while not rects:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return NOTHING
            ready, _, _ = select.select([self._fd, self._wake_read], [], [], remaining)
            if self._wake_read in ready:
                with contextlib.suppress(BlockingIOError):
                    os.read(self._wake_read, 4096)
                self._drain(rects)
                break  # poked: report what there is, even nothing
            if ready:
                self._drain(rects)
        if rects:
            self._settle(rects)
        return Changes(merged(rects)) if rects else NOTHING

    def _settle(self, rects: list[Rect]) -> None:
        until = time.monotonic() + SETTLE_MAX_S
        while (remaining := until - time.monotonic()) > 0:
            ready, _, _ = select.select([self._fd], [], [], min(SETTLE_S, remaining))
            if not ready:
                return
            self._drain(rects)

    def poke(self) -> None:
        if self._closed:
            return  # its pipe's descriptors may belong to someone else by now
        with contextlib.suppress(BlockingIOError, OSError):  # a full pipe is poked already
            os.write(self._wake_write, b"!")

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(Exception):
            self._damage.destroy()
            self._display.close()
        for fd in (self._wake_read, self._wake_write):
            with contextlib.suppress(OSError):
                os.close(fd)
