"""Screen capture with mss: the monitors, and a grabber that tells whether the screen changed.

mss numbers monitors as we do: index 0 is every monitor together (one virtual screen), 1..n are
the monitors one by one. A grab is BGRA, 4 bytes per pixel, rows packed (stride = width * 4).

Change detection compares the new grab with the previous one byte for byte (``memcmp`` through
``bytearray.__eq__``: about 0.6 ms for a 1080p frame, and it stops at the first difference), so
an idle screen costs one grab and one comparison per poll and sends nothing.
"""

from __future__ import annotations

import logging
import mmap
from dataclasses import dataclass
from typing import Any, Protocol

import mss

from shared.media.shm_capture import ShmReader, open_shm_reader

log = logging.getLogger(__name__)

# A grab's BGRA pixels: a new buffer, or one of the grabber's own (``ScreenGrabber.grab_into``).
Pixels = bytearray | mmap.mmap


@dataclass(frozen=True, slots=True)
class Monitor:
    """One capturable area, in the virtual screen's pixels (may start at negative offsets)."""

    index: int
    left: int
    top: int
    width: int
    height: int

    def as_mss(self) -> dict[str, int]:
        return {"left": self.left, "top": self.top, "width": self.width, "height": self.height}


class CaptureArea(Protocol):
    """A part of the screen that moves (one window, for co-browsing): the track asks it where
    it is before each grab and lets it hide what must not be sent. Called on the capture
    thread."""

    def current(self) -> Monitor | None:
        """The area now, in the virtual screen's pixels; None: nothing to send now."""
        ...

    def hide(self, frame: Pixels, area: Monitor) -> None:
        """Paint over, in ``frame`` (BGRA, of ``area``), what must not leave this computer."""
        ...


def _open_mss() -> Any:
    # mss 10.2 has the ``MSS`` class and deprecates the ``mss.mss()`` factory; older ones only
    # have the factory.
    factory = getattr(mss, "MSS", None) or mss.mss
    return factory()


def list_monitors() -> list[Monitor]:
    """Index 0 is all monitors as one virtual screen, then each monitor (as mss numbers them)."""
    with _open_mss() as grabber:
        return [
            Monitor(i, m["left"], m["top"], m["width"], m["height"])
            for i, m in enumerate(grabber.monitors)
        ]


class ScreenGrabber:
    """Grabs one monitor as BGRA and says whether it changed since the previous grab.

    Not for sharing between threads: make it, use it and close it on one thread (the track's
    capture thread).
    """

    def __init__(self, monitor: Monitor, shared_memory: bool = False) -> None:
        self.monitor = monitor
        self._mss = _open_mss()
        self._region = monitor.as_mss()
        self._previous: bytearray | None = None
        # ``grab_into``'s reads straight into buffers the X server writes (``shm_capture.py``)
        self._reader: ShmReader | None = open_shm_reader() if shared_memory else None
        self._buffers: list[mmap.mmap | None] = [None, None]

    @property
    def size(self) -> tuple[int, int]:
        return self.monitor.width, self.monitor.height

    def grab(self) -> bytearray:
        """A fresh BGRA buffer of the monitor (a new object each call, safe to keep)."""
        shot = self._mss.grab(self._region)
        raw = shot.raw
        if not isinstance(raw, bytearray):
            raw = bytearray(raw)
        if len(raw) != self.monitor.width * self.monitor.height * 4:
            raise RuntimeError(f"grab of {self.monitor} returned {len(raw)} bytes")
        return raw

    def grab_into(self, slot: int) -> Pixels:
        """The whole monitor, read by the X server straight into this grabber's buffer
        ``slot`` (0 or 1; it stays the grabber's and holds this read until the next one into
        the same slot). Where the X server cannot write into this process's memory: a new
        buffer, as ``grab``."""
        reader = self._reader
        if reader is None:
            return self.grab()
        size = self.monitor.width * self.monitor.height * 4
        m = self.monitor
        try:
            buffer = self._buffers[slot]
            if buffer is None or len(buffer) != size:
                if buffer is not None:
                    reader.release(buffer)
                buffer = self._buffers[slot] = reader.buffer(size)
            reader.read(buffer, m.left, m.top, m.width, m.height)
        except Exception as exc:  # a screen made smaller, no memory left: mss copes or says
            log.warning("reading the screen into shared memory failed: %s; copying now", exc)
            self._close_reader()
            return self.grab()
        return buffer

    def grab_region(self, left: int, top: int, width: int, height: int) -> bytearray:
        """BGRA of a part of the screen (virtual screen's pixels), rows packed; a new buffer."""
        shot = self._mss.grab({"left": left, "top": top, "width": width, "height": height})
        raw = shot.raw
        return raw if isinstance(raw, bytearray) else bytearray(raw)

    def move_to(self, monitor: Monitor) -> None:
        """Grab ``monitor`` from now on, on the same connection (a window moved)."""
        self.monitor = monitor
        self._region = monitor.as_mss()
        self._previous = None

    def changed(self, frame: bytearray) -> bool:
        """True when ``frame`` differs from the frame last passed here (the first always does)."""
        if self._previous is not None and frame == self._previous:
            return False
        self._previous = frame
        return True

    def forget(self) -> None:
        """The next frame counts as changed (after a keyframe request or a mode switch)."""
        self._previous = None

    def _close_reader(self) -> None:
        reader, self._reader = self._reader, None
        self._buffers = [None, None]  # their memory goes with the last frame made of them
        if reader is not None:
            reader.close()

    def close(self) -> None:
        self._close_reader()
        self._mss.close()
