"""The windows of a Windows desktop, through user32 (ctypes). Written to the same interface
as X11's and type-checked here; it cannot run on this machine.

The active window is ``GetForegroundWindow``; the windows above one are those ``GetWindow``
with ``GW_HWNDPREV`` walks to from its root window (the Z order, top-most first); the
keyboard's window is the foreground one. Coordinates are physical pixels: the process must be
per-monitor DPI aware (the client sets it at start-up) for them to match the capture's.
"""

from __future__ import annotations

import ctypes
import threading
from ctypes import wintypes
from typing import Any

from shared.windows import Rect, WindowRef, see_through

MAX_TITLE_CHARS = 256  # as X11's: a title is a line shown in a question
GW_HWNDPREV = 3
GA_ROOT = 2
SM_XVIRTUALSCREEN, SM_YVIRTUALSCREEN, SM_CXVIRTUALSCREEN, SM_CYVIRTUALSCREEN = 76, 77, 78, 79
# Windows walked above one, at most (a desktop has a few hundred top-level windows).
MAX_WINDOWS_ABOVE = 4096


class Win32Windows:
    def __init__(self) -> None:
        # ``ctypes.windll`` exists on Windows only: reached by name so this type-checks anywhere.
        self._user32: Any = getattr(ctypes, "windll").user32  # noqa: B009
        self._lock = threading.Lock()

    def _root(self, hwnd: int) -> int:
        return int(self._user32.GetAncestor(wintypes.HWND(hwnd), GA_ROOT) or hwnd)

    def _rect(self, hwnd: int) -> Rect | None:
        user32 = self._user32
        if not user32.IsWindowVisible(wintypes.HWND(hwnd)) or user32.IsIconic(wintypes.HWND(hwnd)):
            return None
        rect = wintypes.RECT()
        if not user32.GetWindowRect(wintypes.HWND(hwnd), ctypes.byref(rect)):
            return None
        return Rect(rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top)

    def _title(self, hwnd: int) -> str:
        length = int(self._user32.GetWindowTextLengthW(wintypes.HWND(hwnd)))
        buffer = ctypes.create_unicode_buffer(min(length, MAX_TITLE_CHARS) + 1)
        self._user32.GetWindowTextW(wintypes.HWND(hwnd), buffer, len(buffer))
        return buffer.value

    def active_window(self) -> WindowRef | None:
        with self._lock:
            hwnd = int(self._user32.GetForegroundWindow() or 0)
            return WindowRef(hwnd, self._title(hwnd)) if hwnd else None

    def exists(self, window: WindowRef) -> bool:
        with self._lock:
            return bool(self._user32.IsWindow(wintypes.HWND(window.handle)))

    def title(self, window: WindowRef) -> str:
        with self._lock:
            return self._title(window.handle)

    def geometry(self, window: WindowRef) -> Rect | None:
        with self._lock:
            return self._rect(window.handle)

    def covering(self, window: WindowRef) -> list[Rect]:
        with self._lock:
            ours = see_through.handles()  # our overlay: its strokes belong in the picture
            rects: list[Rect] = []
            for hwnd in self._above(self._root(window.handle)):
                if hwnd in ours:
                    continue
                rect = self._rect(hwnd)
                if rect is not None and not rect.empty:
                    rects.append(rect)
            return rects

    def _above(self, hwnd: int) -> list[int]:
        """The windows above ``hwnd`` in the Z order, nearest first."""
        found: list[int] = []
        for _ in range(MAX_WINDOWS_ABOVE):
            hwnd = int(self._user32.GetWindow(wintypes.HWND(hwnd), GW_HWNDPREV) or 0)
            if not hwnd:
                break
            found.append(hwnd)
        return found

    def screen(self) -> Rect:
        with self._lock:
            metric = self._user32.GetSystemMetrics
            return Rect(
                int(metric(SM_XVIRTUALSCREEN)),
                int(metric(SM_YVIRTUALSCREEN)),
                int(metric(SM_CXVIRTUALSCREEN)),
                int(metric(SM_CYVIRTUALSCREEN)),
            )

    def has_focus(self, window: WindowRef, pointer_inside: bool) -> bool:
        with self._lock:
            foreground = int(self._user32.GetForegroundWindow() or 0)
            return bool(foreground) and self._root(foreground) == self._root(window.handle)

    def close(self) -> None:
        pass
