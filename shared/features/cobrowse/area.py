"""The shared window's visible part: what is captured, what is hatched, where input may land.

The capture follows the window (its rectangle now, cut to the screen, to even sizes as the
encoder needs); the parts other windows cover (``WindowSystem.covering``) are painted over
with a hatch before the picture leaves, so none of another window's pixels is ever sent. Input
is placed by the same rules, looked up again when it arrives: a point outside the window or in
a covered part is dropped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from shared.media.capture import Monitor, Pixels
from shared.windows import Rect, WindowRef, WindowSystem
from shared.windows.hatch import hatch


@dataclass(frozen=True, slots=True)
class Visible:
    """The window now: its captured rectangle (screen pixels) and its covered parts (in the
    window's own pixels, relative to ``area``)."""

    area: Rect
    covered: tuple[Rect, ...]

    def allows(self, x: int, y: int) -> bool:
        """(x, y), in the window's own pixels, is on its visible part."""
        inside = 0 <= x < self.area.width and 0 <= y < self.area.height
        return inside and not any(rect.contains(x, y) for rect in self.covered)


class WindowArea:
    """One window's visible part, read from the desktop's windows each time it is asked."""

    def __init__(self, windows: WindowSystem, window: WindowRef) -> None:
        self.windows = windows
        self.window = window
        self._lock = threading.Lock()
        self._covered: tuple[Rect, ...] = ()  # of the last capture, for ``hide``

    def visible(self) -> Visible | None:
        """The window's visible part now; None when it is not shown (closed, minimised)."""
        geometry = self.windows.geometry(self.window)
        if geometry is None:
            return None
        shown = geometry.intersection(self.windows.screen())
        # yuv420p wants even sizes: the odd last row or column is not sent (nor reachable).
        area = Rect(shown.left, shown.top, shown.width // 2 * 2, shown.height // 2 * 2)
        if area.empty:
            return None
        covered = []
        for other in self.windows.covering(self.window):
            part = other.intersection(area)
            if not part.empty:
                covered.append(part.moved(-area.left, -area.top))
        return Visible(area, tuple(covered))

    def rect(self) -> tuple[int, int, int, int] | None:
        """Where the picture lies on the screen now (left, top, width, height): what is drawn
        over it goes there (``shared.session.stream_share``); None when not shown."""
        visible = self.visible()
        if visible is None:
            return None
        area = visible.area
        return area.left, area.top, area.width, area.height

    # --- shared.media.capture.CaptureArea, on the capture thread -------------------------------

    def current(self) -> Monitor | None:
        visible = self.visible()
        if visible is None:
            return None
        with self._lock:
            self._covered = visible.covered
        area = visible.area
        return Monitor(index=0, left=area.left, top=area.top, width=area.width, height=area.height)

    def hide(self, frame: Pixels, area: Monitor) -> None:
        with self._lock:
            covered = self._covered
        if not covered:
            return
        pixels = np.frombuffer(frame, dtype=np.uint8).reshape(area.height, area.width, 4)
        for rect in covered:
            hatch(pixels, rect)

    # --- input --------------------------------------------------------------------------------

    def place(self, x: int, y: int) -> tuple[int, int] | None:
        """Where (x, y) of the window's own pixels is on the screen, if it is on the window's
        visible part now; None: it is not, and the input is dropped."""
        visible = self.visible()
        if visible is None or not visible.allows(x, y):
            return None
        return visible.area.left + x, visible.area.top + y

    def shows(self, screen_x: int, screen_y: int) -> bool:
        """The screen point is on the window's visible part now."""
        visible = self.visible()
        if visible is None:
            return False
        return visible.allows(screen_x - visible.area.left, screen_y - visible.area.top)
