"""The windows of a macOS desktop, through Quartz (pyobjc). Written to the same interface as
X11's and type-checked here; it cannot run on this machine.

The active window is the frontmost application's front window: the first window of that
application at layer 0 in ``CGWindowListCopyWindowInfo``'s list (front to back). The windows
above one are those before it in the same list. Keys go to the frontmost application.
Reading other programs' window titles needs the Screen Recording permission, which sharing the
screen needs anyway; without it the title is the application's name.
"""

from __future__ import annotations

import ctypes
import importlib
import threading
from typing import Any

from shared.windows import Rect, WindowRef, see_through

MAX_TITLE_CHARS = 256  # as X11's: a title is a line shown in a question
# kCGWindowListOptionOnScreenOnly | kCGWindowListExcludeDesktopElements
ON_SCREEN = 1 | 16
NULL_WINDOW = 0
NORMAL_LAYER = 0


class MacWindows:
    def __init__(self) -> None:
        # pyobjc's modules, loaded by name: they exist on macOS only.
        self._quartz: Any = importlib.import_module("Quartz")
        self._appkit: Any = importlib.import_module("AppKit")
        self._lock = threading.Lock()

    def _list(self) -> list[dict[str, Any]]:
        found = self._quartz.CGWindowListCopyWindowInfo(ON_SCREEN, NULL_WINDOW) or []
        return [dict(entry) for entry in found]

    def _front_pid(self) -> int:
        app = self._appkit.NSWorkspace.sharedWorkspace().frontmostApplication()
        return int(app.processIdentifier()) if app is not None else -1

    @staticmethod
    def _rect(entry: dict[str, Any]) -> Rect:
        bounds = entry.get("kCGWindowBounds", {})
        return Rect(
            int(bounds.get("X", 0)),
            int(bounds.get("Y", 0)),
            int(bounds.get("Width", 0)),
            int(bounds.get("Height", 0)),
        )

    @staticmethod
    def _title(entry: dict[str, Any]) -> str:
        name = entry.get("kCGWindowName") or entry.get("kCGWindowOwnerName") or ""
        return str(name)[:MAX_TITLE_CHARS]

    def _entry(self, window: WindowRef) -> tuple[int, dict[str, Any]] | None:
        for index, entry in enumerate(self._list()):
            if int(entry.get("kCGWindowNumber", -1)) == window.handle:
                return index, entry
        return None

    def active_window(self) -> WindowRef | None:
        with self._lock:
            pid = self._front_pid()
            for entry in self._list():
                if (
                    int(entry.get("kCGWindowOwnerPID", -2)) == pid
                    and int(entry.get("kCGWindowLayer", -1)) == NORMAL_LAYER
                ):
                    return WindowRef(int(entry["kCGWindowNumber"]), self._title(entry))
            return None

    def exists(self, window: WindowRef) -> bool:
        with self._lock:
            return self._entry(window) is not None

    def title(self, window: WindowRef) -> str:
        with self._lock:
            found = self._entry(window)
            return self._title(found[1]) if found is not None else window.title

    def geometry(self, window: WindowRef) -> Rect | None:
        with self._lock:
            found = self._entry(window)
            return self._rect(found[1]) if found is not None else None

    def covering(self, window: WindowRef) -> list[Rect]:
        with self._lock:
            entries = self._list()
            ours = see_through.handles()  # our overlay: its strokes belong in the picture
            for index, entry in enumerate(entries):
                if int(entry.get("kCGWindowNumber", -1)) == window.handle:
                    return [
                        self._rect(e)
                        for e in entries[:index]
                        if not self._rect(e).empty and int(e.get("kCGWindowNumber", -1)) not in ours
                    ]
            return []

    def screen(self) -> Rect:
        with self._lock:
            bounds = self._quartz.CGDisplayBounds(self._quartz.CGMainDisplayID())
            return Rect(
                int(bounds.origin.x),
                int(bounds.origin.y),
                int(bounds.size.width),
                int(bounds.size.height),
            )

    def has_focus(self, window: WindowRef, pointer_inside: bool) -> bool:
        with self._lock:
            found = self._entry(window)
            return found is not None and int(found[1].get("kCGWindowOwnerPID", -2)) == (
                self._front_pid()
            )

    def close(self) -> None:
        pass


def window_number(view: int) -> int:
    """The window number the window list knows (``kCGWindowNumber``) of the window that holds
    the NSView at address ``view``: what Qt's ``winId()`` gives on macOS is that view, not its
    window. 0 while it has none (an NSWindow gets its number once on screen). On the GUI
    thread only, while the view lives (AppKit's rule)."""
    objc: Any = importlib.import_module("objc")  # pyobjc: exists on macOS only
    ns_view = objc.objc_object(c_void_p=ctypes.c_void_p(view))
    ns_window = ns_view.window()
    return max(0, int(ns_window.windowNumber())) if ns_window is not None else 0
