"""Applications and their windows, for sharing one application (or a few) instead of the
desktop: which applications have windows open, where every window is in the stacking order,
and what of a set of windows is visible.

An application is the top-level windows of one process (``_NET_WM_PID`` on X11), named by its
class (``WM_CLASS``). The picture of a share is composed from the stacking order (``Layer``s,
bottom to top): a pixel shows when the topmost window there is a shared one, is hatched when
another window covers a shared one there, and is black elsewhere. Input is checked by the same
rule, for the one point it lands on. No Qt here.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from typing import Final, Protocol

import numpy as np

from shared.windows import Rect, WindowRef
from shared.windows.hatch import hatch_where

# The mask's values.
BLACK: Final = 0
SHOWN: Final = 1
HATCHED: Final = 2


@dataclass(frozen=True, slots=True)
class Application:
    """One application with windows open: ``key`` says which process it is on this computer
    (never sent), ``name`` is what the users read."""

    key: str
    name: str
    windows: tuple[WindowRef, ...]


@dataclass(frozen=True, slots=True)
class Layer:
    """One window in the stacking order: where it is, and whether it is a shared one."""

    rect: Rect
    shared: bool


class ApplicationSystem(Protocol):
    """What application sharing needs of the desktop's windows (one thread at a time)."""

    def applications(self) -> list[Application]:
        """The applications with windows shown now, each with its top-level windows."""
        ...

    def layers(self, shared: set[int]) -> list[Layer]:
        """Every shown window bottom to top; those of ``shared`` (window handles) marked."""
        ...

    def focused(self, shared: set[int], pointer: tuple[int, int] | None) -> bool:
        """Keys typed now go to one of the ``shared`` windows (``pointer``: where the pointer
        is, for a keyboard that follows it)."""
        ...

    def screen(self) -> Rect: ...

    def close(self) -> None: ...


def bounds(layers: list[Layer], screen: Rect) -> Rect | None:
    """The smallest rectangle holding every shared window, cut to the screen and to even sizes
    (the encoder's yuv420p): None when none is shown."""
    shared = [layer.rect.intersection(screen) for layer in layers if layer.shared]
    shared = [rect for rect in shared if not rect.empty]
    if not shared:
        return None
    left, top = min(r.left for r in shared), min(r.top for r in shared)
    right, bottom = max(r.right for r in shared), max(r.bottom for r in shared)
    area = Rect(left, top, (right - left) // 2 * 2, (bottom - top) // 2 * 2)
    return None if area.empty else area


def mask(layers: list[Layer], area: Rect) -> np.ndarray:
    """What each pixel of ``area`` is: BLACK, SHOWN or HATCHED (height × width, uint8)."""
    out = np.zeros((area.height, area.width), dtype=np.uint8)
    for layer in layers:  # bottom to top: each window paints over what is under it
        part = layer.rect.intersection(area).moved(-area.left, -area.top)
        if part.empty:
            continue
        view = out[part.top : part.bottom, part.left : part.right]
        if layer.shared:
            view[...] = SHOWN
        else:
            view[view != BLACK] = HATCHED  # covers a shared window: hatch; else stays black
    return out


def shows(layers: list[Layer], x: int, y: int) -> bool:
    """The screen point (x, y) is on a shared window's visible part: the topmost window there
    is a shared one."""
    for layer in reversed(layers):
        if layer.rect.contains(x, y):
            return layer.shared
    return False


def compose(frame: np.ndarray, layers: list[Layer], area: Rect) -> None:
    """Black out and hatch ``frame`` (height × width × 4, BGRA, of ``area``) in place: only the
    shared windows' visible parts keep their pixels."""
    what = mask(layers, area)
    frame[what == BLACK] = (0, 0, 0, 255)
    hatched = what == HATCHED
    if hatched.any():
        hatch_where(frame, hatched)


class SharedApplications:
    """The set of applications shared now, by key, and their windows as last read. Read by the
    capture thread and the input check, changed by the engine."""

    def __init__(self, apps: list[Application]) -> None:
        self._lock = threading.Lock()
        self._apps: dict[str, Application] = {app.key: app for app in apps}

    def apps(self) -> list[Application]:
        with self._lock:
            return list(self._apps.values())

    def handles(self) -> set[int]:
        with self._lock:
            return {w.handle for app in self._apps.values() for w in app.windows}

    def add(self, app: Application) -> None:
        with self._lock:
            self._apps[app.key] = app

    def remove(self, key: str) -> Application | None:
        with self._lock:
            return self._apps.pop(key, None)

    def refresh(self, now: list[Application]) -> list[Application]:
        """Take the windows each shared application has now; those with none left go (the
        user closed them) and are returned."""
        found = {app.key: app for app in now}
        gone: list[Application] = []
        with self._lock:
            for key in list(self._apps):
                if key in found:
                    self._apps[key] = found[key]
                else:
                    gone.append(self._apps.pop(key))
        return gone


def application_system() -> ApplicationSystem:
    """This computer's applications (ImportError or OSError when they cannot be reached)."""
    if sys.platform == "win32":
        from shared.windows.win32_apps import Win32Applications

        return Win32Applications()
    if sys.platform == "darwin":
        from shared.windows.macos_apps import MacApplications

        return MacApplications()
    from shared.windows.x11_apps import X11Applications

    return X11Applications()
