"""The window the customer launched the client from (their browser, most often), noted once
at start-up before the client's own window shows; co-browsing shares it."""

from __future__ import annotations

import logging

from shared.windows import WindowRef, window_system

log = logging.getLogger(__name__)

_launching: WindowRef | None = None


def remember_launching_window() -> WindowRef | None:
    """Note the window active now. Call once, before the client shows a window of its own.
    Nothing noted (None) when the desktop's windows cannot be read: co-browsing then says so."""
    global _launching
    try:
        windows = window_system()
    except Exception:  # no display, no window API: co-browsing is just unavailable
        log.info("the launching window cannot be known here", exc_info=True)
        return None
    try:
        _launching = windows.active_window()
    except Exception:
        log.warning("could not read the active window", exc_info=True)
    finally:
        windows.close()
    return _launching


def launching_window() -> WindowRef | None:
    return _launching


def set_launching_window(window: WindowRef | None) -> None:
    """Name the launching window outright (tests; a client started some other way)."""
    global _launching
    _launching = window
