"""The applications of a macOS desktop, through Quartz and AppKit (pyobjc), for sharing one
application. Written to the same interface as X11's (``x11_apps.py``) and type-checked here;
it has never run: this machine has no macOS. Only its grouping (``app_windows.py``) is
tested, on Linux.

- Windows: ``CGWindowListCopyWindowInfo`` (on-screen only, desktop elements left out) lists
  every window front to back, each with its owner's process (``kCGWindowOwnerPID``), that
  process's name (``kCGWindowOwnerName``, as the Dock names the application) and its level
  (``kCGWindowLayer``).
- Applications: a process is listed when it has a normal window (level 0) that is not fully
  transparent; its windows at levels above (its palettes, menus and pop-ups) are shared with
  it. The menu bar, the Dock and the desktop have no normal window: never listed.
- Keys go to the frontmost application (``NSWorkspace.frontmostApplication``): shared when it
  owns one of the shared windows.

Not run here, so unverified: ``kCGWindowBounds`` are in points, and a Retina display's capture
in pixels (twice as many): the capture side must scale the rectangles by the display's backing
scale factor, as co-browsing's ``macos.py`` must; window titles need the Screen Recording
permission (without it a window is titled by its application's name).
"""

from __future__ import annotations

import os
from typing import Any, Final

from shared.windows import see_through
from shared.windows.app_windows import SeenWindow, group
from shared.windows.apps import Application, Layer
from shared.windows.macos import NORMAL_LAYER, MacWindows

# Windows listed at most (a desktop has a few hundred).
MAX_WINDOWS: Final = 4096


def _int(entry: dict[str, Any], key: str, default: int) -> int:
    value = entry.get(key)
    return int(value) if value is not None else default


class MacApplications(MacWindows):
    def applications(self) -> list[Application]:
        with self._lock:
            entries = self._list()[:MAX_WINDOWS]
            seen: list[SeenWindow] = []
            for entry in entries:
                layer = _int(entry, "kCGWindowLayer", -1)
                if layer < NORMAL_LAYER or self._rect(entry).empty:
                    continue  # the desktop's own, or nothing to see
                visible = float(entry.get("kCGWindowAlpha", 1.0)) > 0
                seen.append(
                    SeenWindow(
                        handle=_int(entry, "kCGWindowNumber", 0),
                        pid=_int(entry, "kCGWindowOwnerPID", 0),
                        title=self._title(entry),
                        program=str(entry.get("kCGWindowOwnerName") or ""),
                        main=layer == NORMAL_LAYER and visible,
                    )
                )
            return group(seen, os.getpid())

    def layers(self, shared: set[int]) -> list[Layer]:
        with self._lock:
            out: list[Layer] = []
            ours = see_through.handles()  # our overlay: its strokes belong in the picture
            for entry in reversed(self._list()[:MAX_WINDOWS]):  # the list is front to back
                if _int(entry, "kCGWindowNumber", 0) in ours:
                    continue
                rect = self._rect(entry)
                if not rect.empty and float(entry.get("kCGWindowAlpha", 1.0)) > 0:
                    out.append(Layer(rect, _int(entry, "kCGWindowNumber", 0) in shared))
            return out

    def focused(self, shared: set[int], pointer: tuple[int, int] | None) -> bool:
        # The keyboard follows the frontmost application on macOS, never the pointer.
        del pointer
        with self._lock:
            front = self._front_pid()
            return any(
                _int(entry, "kCGWindowOwnerPID", -2) == front
                for entry in self._list()[:MAX_WINDOWS]
                if _int(entry, "kCGWindowNumber", 0) in shared
            )
