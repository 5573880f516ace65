"""The shared applications' part of the screen: what is captured, what is blacked out or
hatched, where input may land.

The capture holds every window of the shared applications (the smallest rectangle around them,
following them as they move); before the picture leaves, whatever is not theirs is black and
whatever another window covers of theirs is hatched (``shared.windows.apps.compose``), so none
of another program's pixels is sent. Input is placed in the picture the viewer saw and checked
against the stacking order read again when it arrives.
"""

from __future__ import annotations

import threading

import numpy as np

from shared.media.capture import Monitor, Pixels
from shared.windows import Rect
from shared.windows.apps import ApplicationSystem, Layer, SharedApplications, bounds, compose, shows


class AppArea:
    def __init__(self, system: ApplicationSystem, shared: SharedApplications) -> None:
        self.system = system
        self.shared = shared
        self._lock = threading.Lock()
        self._layers: list[Layer] = []  # of the last capture, for ``hide``
        self._area: Rect | None = None  # the last picture's, for placing input

    def _read(self) -> tuple[list[Layer], Rect | None]:
        layers = self.system.layers(self.shared.handles())
        return layers, bounds(layers, self.system.screen())

    def rect(self) -> tuple[int, int, int, int] | None:
        """Where the picture lies on the screen now (left, top, width, height): what is drawn
        over it goes there (``shared.session.stream_share``); None when nothing is shown."""
        area = self._read()[1]
        return None if area is None else (area.left, area.top, area.width, area.height)

    # --- shared.media.capture.CaptureArea, on the capture thread -------------------------------

    def current(self) -> Monitor | None:
        layers, area = self._read()
        with self._lock:
            self._layers, self._area = layers, area
        if area is None:
            return None
        return Monitor(index=0, left=area.left, top=area.top, width=area.width, height=area.height)

    def hide(self, frame: Pixels, area: Monitor) -> None:
        with self._lock:
            layers = self._layers
        pixels = np.frombuffer(frame, dtype=np.uint8).reshape(area.height, area.width, 4)
        compose(pixels, layers, Rect(area.left, area.top, area.width, area.height))

    # --- input --------------------------------------------------------------------------------

    def place(self, x: int, y: int) -> tuple[int, int] | None:
        """Where (x, y) of the picture is on the screen, if a shared window shows there now;
        None: input there is dropped."""
        with self._lock:
            area = self._area
        if area is None or not (0 <= x < area.width and 0 <= y < area.height):
            return None
        spot = area.left + x, area.top + y
        layers = self.system.layers(self.shared.handles())
        return spot if shows(layers, *spot) else None

    def has_keyboard(self, pointer: tuple[int, int] | None) -> bool:
        return self.system.focused(self.shared.handles(), pointer)
