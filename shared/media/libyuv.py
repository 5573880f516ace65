"""libyuv's BGRA → YUV 4:2:0 conversion, where the library is there (else ``None``).

swscale converts a 1080p BGRA picture in 2.5–3.2 ms of CPU here; libyuv's SIMD rows take
0.26 ms (``bench/encoder_floor.py``). At 60 frames a second that is 15% of a core saved on the
sharer, and 2–3 ms less between a click and its pixel. libyuv averages each 2×2 block for the
chroma, so a block's YUV depends on its own four pixels only: a rectangle aligned to even
coordinates converts exactly as it would inside the whole picture, with no margin.

Where it comes from: Debian's and Ubuntu's ``libyuv0`` (``scripts/install.sh``), carried inside
the one-file client (``installers/tandem-client.spec``); Homebrew's ``libyuv`` on macOS; on
Windows a ``yuv.dll`` built from Chromium's sources beside the program. Without it, swscale
converts (``yuv_picture.py``), as before.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

# What ctypes is asked to load, in order: the copy inside a bundled program first.
NAMES = ("libyuv.so.0", "libyuv.dylib", "yuv.dll", "libyuv.dll")

_pointer, _int = ctypes.c_void_p, ctypes.c_int


class Libyuv:
    """The library, loaded; its functions with their C signatures."""

    def __init__(self, library: ctypes.CDLL) -> None:
        self._argb_to_i420 = library.ARGBToI420
        self._argb_to_i420.argtypes = (_pointer, _int) + (_pointer, _int) * 3 + (_int, _int)
        self._argb_to_i420.restype = _int

    def bgra_to_i420(
        self,
        source: int,
        source_stride: int,
        planes: tuple[int, int, int],
        strides: tuple[int, int, int],
        width: int,
        height: int,
    ) -> None:
        """Convert ``width`` × ``height`` BGRA pixels at address ``source`` into the Y, U and
        V planes at ``planes``. (libyuv's "ARGB" is the word 0xAARRGGBB: BGRA in memory.)"""
        failed = self._argb_to_i420(
            source,
            source_stride,
            planes[0],
            strides[0],
            planes[1],
            strides[1],
            planes[2],
            strides[2],
            width,
            height,
        )
        if failed:
            raise ValueError(f"libyuv refused a {width}×{height} conversion")


def _candidates() -> list[str]:
    bundled = getattr(sys, "_MEIPASS", None)
    found = [str(Path(bundled) / name) for name in NAMES] if bundled else []
    system = ctypes.util.find_library("yuv")
    return [*found, *([system] if system else []), *NAMES]


def load() -> Libyuv | None:
    """libyuv if this machine (or the bundle) has it, else None."""
    for candidate in _candidates():
        try:
            return Libyuv(ctypes.CDLL(candidate))
        except (OSError, AttributeError):
            continue
    log.info("libyuv not found: swscale converts the screen's pictures")
    return None


LIBYUV = load()
