"""The track's two reused pictures of the screen, each updated with only what changed.

A damage report says which rectangles were drawn; the track reads just those from the screen
and writes them into a picture that otherwise holds the previous frame. Two pictures, written
in turn: the one being encoded (aiortc encodes frame n while the track, uncapped, grabs n+1)
is never written to. Bringing the other one up to date copies, from the newest, only the
rectangles it missed (memory to memory, no screen read), instead of a fresh 8 MB grab per frame.
"""

from __future__ import annotations

import ctypes
import ctypes.util

import numpy as np

from shared.media.capture import Pixels
from shared.media.damage import Rect

# Rectangles a picture may lag behind by before it is simply copied whole from the newest.
MAX_STALE_RECTS = 64


_memcmp = ctypes.CDLL(ctypes.util.find_library("c")).memcmp
_memcmp.argtypes = (ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)
_memcmp.restype = ctypes.c_int


def as_array(raw: Pixels, width: int, height: int) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.uint8).reshape(height, width, 4)


def same_pixels(a: Pixels, b: Pixels | None) -> bool:
    """Whether two grabs hold the same bytes (``memcmp``: it stops at the first difference;
    a memoryview's comparison would take 7 ms for a 1080p grab)."""
    if b is None or len(a) != len(b):
        return False
    first = np.frombuffer(a, dtype=np.uint8)
    second = np.frombuffer(b, dtype=np.uint8)
    return bool(_memcmp(first.ctypes.data, second.ctypes.data, len(a)) == 0)


class Pictures:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self._raw: list[Pixels | None] = [None, None]
        # Per picture, the rectangles (in the picture's pixels) it misses; None: all of it.
        self._stale: list[list[Rect] | None] = [None, None]
        self._newest: int | None = None

    def newest(self) -> np.ndarray | None:
        if self._newest is None:
            return None
        raw = self._raw[self._newest]
        assert raw is not None
        return as_array(raw, self.width, self.height)

    def newest_raw(self) -> Pixels | None:
        return None if self._newest is None else self._raw[self._newest]

    @property
    def spare(self) -> int:
        """The picture the next one is written into (never the newest: it may be encoding)."""
        return 0 if self._newest is None else 1 - self._newest

    def put_whole(self, raw: Pixels) -> Pixels:
        """A whole new picture (a full grab, maybe read straight into the buffer of picture
        ``spare``) becomes the newest; the other one misses all."""
        target = self.spare
        self._raw[target] = raw
        self._stale[target] = []
        self._stale[1 - target] = None
        self._newest = target
        return raw

    def put_parts(self, parts: list[tuple[Rect, np.ndarray]]) -> Pixels:
        """The newest picture with ``parts`` (rectangle in the picture's pixels, its BGRA
        pixels) written over it, in the other buffer, which becomes the newest."""
        newest = self.newest()
        assert newest is not None and self._newest is not None, "put_whole first"
        target = 1 - self._newest
        raw = self._raw[target]
        if raw is None:
            raw = self._raw[target] = bytearray(self.width * self.height * 4)
        picture = as_array(raw, self.width, self.height)
        stale = self._stale[target]
        if stale is None:
            np.copyto(picture, newest)
        else:
            for r in stale:
                rows, cols = slice(r.top, r.bottom), slice(r.left, r.right)
                picture[rows, cols] = newest[rows, cols]
        for r, pixels in parts:
            picture[r.top : r.bottom, r.left : r.right] = pixels
        self._stale[target] = []
        behind = self._stale[self._newest]
        if behind is not None:
            behind += [r for r, _ in parts]
            if len(behind) > MAX_STALE_RECTS:
                self._stale[self._newest] = None
        self._newest = target
        return raw
