"""X11 reads straight into the track's pictures: shared memory the X server writes into.

mss reads the screen into a shared-memory segment of its own and then copies it into a new
buffer: 8 MB at 1080p, about 2% of a core at 60 frames a second. Here each of the track's two
pictures (``pictures.py``) is itself a segment shared with the X server, so a whole read
(``XShmGetImage``) writes the screen into the picture the next frame is made of, with no copy.

Built on mss's own XCB bindings (``mss.linux.xcb``: the library capture already uses), on a
connection of its own. Where something is missing (another system, an X server without MIT-SHM
1.2 or on another machine, an mss without these bindings), ``open_shm_reader`` returns None and
the grabber reads through mss and copies, as before. Linux only: ``memfd_create``.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import os
from typing import Any

log = logging.getLogger(__name__)

ALL_PLANES = 0xFFFFFFFF


class ShmReader:
    """Whole reads of a rectangle of the root window into buffers shared with the X server.

    Not for sharing between threads: the track's capture thread makes, uses and closes it."""

    def __init__(self, xcb: Any, connection: Any, screen_number: int) -> None:
        self._xcb = xcb
        self._connection = connection
        screen = xcb.setup_roots(xcb.get_setup(connection))[screen_number]
        self._root = screen.root
        self._depth = screen.root_depth
        # Per buffer (by identity; the buffer is kept here, so the identity stays its own),
        # the segment the X server knows it by.
        self._segments: dict[int, tuple[mmap.mmap, Any]] = {}

    def buffer(self, size: int) -> mmap.mmap:
        """A new buffer of ``size`` bytes that the X server can write into."""
        fd = os.memfd_create("tandem-screen", os.MFD_CLOEXEC)
        try:
            os.ftruncate(fd, size)
            buffer = mmap.mmap(fd, size)
        except OSError:
            os.close(fd)
            raise
        segment = self._xcb.ShmSeg(self._xcb.generate_id(self._connection).value)
        # The X server takes the descriptor (XCB closes ours, whether or not this succeeds).
        self._xcb.shm_attach_fd(self._connection, segment, fd, read_only=False)
        self._segments[id(buffer)] = (buffer, segment)
        return buffer

    def read(self, buffer: mmap.mmap, left: int, top: int, width: int, height: int) -> None:
        """The screen's rectangle into ``buffer`` (one of ours), BGRA rows packed."""
        _, segment = self._segments[id(buffer)]
        reply = self._xcb.shm_get_image(
            self._connection, self._root, left, top, width, height, ALL_PLANES,
            self._xcb.ImageFormat.ZPixmap, segment, 0,
        )  # fmt: skip
        if reply.depth != self._depth:
            raise RuntimeError(f"the X server read {reply.depth}-bit pixels, not {self._depth}")

    def release(self, buffer: mmap.mmap) -> None:
        """The X server lets go of ``buffer``; its memory goes once nothing else holds it."""
        _, segment = self._segments.pop(id(buffer))
        with contextlib.suppress(Exception):
            self._xcb.shm_detach(self._connection, segment)

    def close(self) -> None:
        for _, segment in self._segments.values():
            with contextlib.suppress(Exception):
                self._xcb.shm_detach(self._connection, segment)
        self._segments.clear()
        with contextlib.suppress(Exception):
            self._xcb.disconnect(self._connection)


def open_shm_reader() -> ShmReader | None:
    """A reader on this process's X display (``DISPLAY``), or None where it cannot work."""
    if not hasattr(os, "memfd_create"):
        return None
    try:
        from mss.linux import xcb as bindings

        xcb: Any = bindings  # typed loosely: mss exports these names only in part
        connection, screen_number = xcb.connect(None)
    except Exception as exc:  # no X, no XCB, or an mss without these bindings
        log.info("screen reads are copied: no XCB connection (%s)", exc)
        return None
    try:
        if not xcb.get_extension_data(connection, xcb.LIB.shm_id).present:
            raise RuntimeError("the X server has no MIT-SHM")
        version = xcb.shm_query_version(connection)
        if (version.major_version, version.minor_version) < (1, 2):
            raise RuntimeError("the X server's MIT-SHM cannot take a descriptor")
        reader = ShmReader(xcb, connection, screen_number)
        reader.release(reader.buffer(4))  # a remote X server fails here: it cannot map it
    except Exception as exc:
        log.info("screen reads are copied: %s", exc)
        with contextlib.suppress(Exception):
            xcb.disconnect(connection)
        return None
    return reader
