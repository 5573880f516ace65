"""This program's own windows drawn over what is shared that belong in its picture (annotation's
overlay: the strokes over the sharer's screen, which every viewer is to see): never counted as
covering a shared window, so the capture keeps their pixels instead of hatching them, and input
checks look through them (the overlay lets clicks through to the window under it).

Only this process adds handles here, for windows it made; nothing is read from a window's
properties, which any other program could set to have its own pixels sent. No Qt.

A handle is as the desktop's window lists know it (``own_handle``): on X11 and Windows that is
Qt's ``winId()`` itself (an X window id, an HWND); on macOS ``winId()`` is an NSView's address
and the list knows its window's number.
"""

from __future__ import annotations

import sys
import threading

_lock = threading.Lock()
_handles: set[int] = set()


def add(handle: int) -> None:
    with _lock:
        _handles.add(handle)


def remove(handle: int) -> None:
    with _lock:
        _handles.discard(handle)


def handles() -> frozenset[int]:
    with _lock:
        return frozenset(_handles)


def own_handle(win_id: int) -> int:
    """The handle the window lists know for a window of ours whose Qt ``winId()`` is
    ``win_id`` (0: none yet). On the GUI thread."""
    if sys.platform == "darwin":
        from shared.windows.macos import window_number

        return window_number(win_id)
    return win_id
