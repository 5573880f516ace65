"""Being told when this machine's pointer moves, so that following it costs nothing while it
rests (an idle shared screen must cost the sharer under 1% of a core: a 30 Hz poll of the
pointer alone cost more than that).

On X11 the XInput 2 extension sends a raw motion event for every move of any pointer device,
real or injected through XTEST (remote control's input); its connection's socket is watched by
the asyncio loop itself, so no thread waits on it. A warp by a program (``XWarpPointer``) sends
no raw event: the follower still looks once in a while (``pointer.py``). Windows (a low-level
mouse hook, ``WH_MOUSE_LL``) and macOS (a ``CGEventTap`` for mouse moves) have the same kind of
notice; until they are written there, ``pointer_motion`` gives None and the follower polls.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from typing import Any, Protocol

log = logging.getLogger(__name__)


class PointerMotion(Protocol):
    def arm(self) -> None:
        """Forget moves seen so far: the next ``wait`` returns on a move after this call."""

    async def wait(self, timeout: float) -> bool:
        """Until the pointer moves (True) or ``timeout`` seconds pass (False)."""

    def close(self) -> None: ...


class X11PointerMotion:
    """Raw motion events of every master pointer, read on the running loop."""

    def __init__(self, display: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._display = display
        self._loop = loop
        self._moved = asyncio.Event()
        loop.add_reader(display.fileno(), self._readable)

    @classmethod
    def open(cls, loop: asyncio.AbstractEventLoop) -> X11PointerMotion | None:
        """On this X display, or None where there is none or it lacks XInput 2."""
        if sys.platform != "linux" or not os.environ.get("DISPLAY"):
            return None
        try:
            from Xlib import display as xdisplay
            from Xlib.ext import xinput

            connection = xdisplay.Display()
        except Exception as exc:  # no server, no permission: follow by polling instead
            log.info("pointer motion: no X display (%s)", exc)
            return None
        try:
            if not connection.has_extension("XInputExtension"):
                raise RuntimeError("the X server has no XInput extension")
            version = connection.xinput_query_version()
            if (version.major_version, version.minor_version) < (2, 0):
                raise RuntimeError("the X server's XInput is older than 2.0")
            root = connection.screen().root
            root.xinput_select_events([(xinput.AllMasterDevices, xinput.RawMotionMask)])
            connection.flush()
            return cls(connection, loop)
        except Exception as exc:
            log.info("pointer motion: %s; following the pointer by polling", exc)
            with contextlib.suppress(Exception):
                connection.close()
            return None

    def _readable(self) -> None:
        try:
            while self._display.pending_events():
                self._display.next_event()
                self._moved.set()
        except Exception as exc:  # the server went: stop watching, the follower polls
            log.info("pointer motion: the X connection failed (%s)", exc)
            self._loop.remove_reader(self._display.fileno())
            self._moved.set()

    def arm(self) -> None:
        self._moved.clear()

    async def wait(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._moved.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._loop.remove_reader(self._display.fileno())
        with contextlib.suppress(Exception):
            self._display.close()


def pointer_motion() -> PointerMotion | None:
    """This machine's notice of pointer moves, or None (then the pointer is polled)."""
    return X11PointerMotion.open(asyncio.get_running_loop())
