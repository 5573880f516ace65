"""The desktop's windows, behind one small interface: which one is active, where it is, what
covers it, whether it has the keyboard. Co-browsing shares one window through it.

One implementation per system: X11 (python-xlib, the one run here), Windows (user32 through
ctypes) and macOS (Quartz through pyobjc), picked by ``window_system()``. No Qt here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle in screen pixels (or in a window's own, where said)."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def empty(self) -> bool:
        return self.width <= 0 or self.height <= 0

    def intersection(self, other: Rect) -> Rect:
        left, top = max(self.left, other.left), max(self.top, other.top)
        right, bottom = min(self.right, other.right), min(self.bottom, other.bottom)
        return Rect(left, top, max(0, right - left), max(0, bottom - top))

    def contains(self, x: int, y: int) -> bool:
        return self.left <= x < self.right and self.top <= y < self.bottom

    def moved(self, dx: int, dy: int) -> Rect:
        return Rect(self.left + dx, self.top + dy, self.width, self.height)


@dataclass(frozen=True, slots=True)
class WindowRef:
    """One window of this desktop: its system's handle (an X window id, an HWND, a Quartz
    window number), and its title when it was found."""

    handle: int
    title: str = ""


class WindowSystem(Protocol):
    """What co-browsing needs of the desktop's windows. Every call may be made from any one
    thread at a time (implementations lock what they share)."""

    def active_window(self) -> WindowRef | None:
        """The window the user works in now (the one they launched us from, at start-up)."""
        ...

    def exists(self, window: WindowRef) -> bool:
        """The window is still there (closed: False)."""
        ...

    def title(self, window: WindowRef) -> str: ...

    def geometry(self, window: WindowRef) -> Rect | None:
        """Where the window is on the screen, in screen pixels; None when not shown
        (minimised, closed)."""
        ...

    def covering(self, window: WindowRef) -> list[Rect]:
        """The rectangles, in screen pixels, of the windows above this one in the stacking
        order (those that may hide part of it; each may reach beyond it)."""
        ...

    def screen(self) -> Rect:
        """The whole desktop, in screen pixels (what a capture can reach)."""
        ...

    def has_focus(self, window: WindowRef, pointer_inside: bool) -> bool:
        """Keys typed now go to this window. ``pointer_inside``: the pointer is on its
        visible part (where the keyboard follows the pointer, that decides)."""
        ...

    def close(self) -> None: ...


def window_system() -> WindowSystem:
    """This computer's windows (ImportError or OSError when they cannot be reached)."""
    if sys.platform == "win32":
        from shared.windows.win32 import Win32Windows

        return Win32Windows()
    if sys.platform == "darwin":
        from shared.windows.macos import MacWindows

        return MacWindows()
    from shared.windows.x11 import X11Windows

    return X11Windows()
