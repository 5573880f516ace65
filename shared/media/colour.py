"""Colour modes: fewer colours, applied to the captured picture before it is encoded.

* ``full``: the picture as captured (24-bit).
* ``high16``: 16-bit high colour, RGB565 — 5 bits of red and blue, 6 of green.
* ``palette256``: 256 colours, the fixed 3-3-2 palette (8 levels of red and green, 4 of blue),
  as VNC's BGR233.

Quantising is a handful of vectorised numpy operations on the BGRA buffer seen as 32-bit words,
in place, on the capture thread (measured on 1080p: ~1 ms for ``high16``, ~2 ms for
``palette256``). The kept high bits are copied into the dropped low bits, so white stays white
and black stays black.

What saves the bandwidth, measured (``bench/desktop.py`` prints it per mode): an H.264 encoder
does not get cheaper from posterised pictures by itself — the steps between flat bands are
edges it must code. What a colour mode buys is the licence to code coarsely: a picture limited
to 16-bit colour has no detail finer than its colour step, so the encoder's quantiser is raised
to match (``QUANTISER_OFFSET``) and the quantised picture keeps the encoder from spending bits
on the low bits and on changes below the step (those frames are not even sent: change detection
runs on the quantised picture).

The modes themselves are the protocol's ``ColourMode`` (what the viewer asks for on the wire).
"""

from __future__ import annotations

import mmap

import numpy as np

from shared.protocol.screen import ColourMode

# How much coarser the encoder may quantise (x264 QP steps; +6 halves the bitrate roughly)
# for each colour mode: the error it adds stays within the colour step the mode already drops.
QUANTISER_OFFSET: dict[ColourMode, int] = {
    ColourMode.FULL: 0,
    ColourMode.HIGH16: 4,
    ColourMode.PALETTE256: 9,
}

# BGRA in memory is, read as a little-endian 32-bit word, 0xAARRGGBB.
_KEEP_565 = np.uint32(0xFFF8FCF8)
_KEEP_332 = np.uint32(0xFFE0E0C0)


# Work in slices that stay in the CPU cache: the several passes over each slice then cost far
# less than passes over the whole 8 MB picture (measured: 6 ms → ~2 ms for palette256).
_CHUNK_WORDS = 32 * 1024


def quantise(bgra: bytearray | mmap.mmap | memoryview | np.ndarray, mode: ColourMode) -> None:
    """Reduce the colours of a packed BGRA picture in place."""
    if mode == ColourMode.FULL:
        return
    words = np.frombuffer(bgra, dtype=np.uint32) if not isinstance(bgra, np.ndarray) else bgra
    words = words.reshape(-1).view(np.uint32)
    step = _quantise_565 if mode == ColourMode.HIGH16 else _quantise_332
    scratch = np.empty(_CHUNK_WORDS, dtype=np.uint32)
    for start in range(0, words.size, _CHUNK_WORDS):
        chunk = words[start : start + _CHUNK_WORDS]
        step(chunk, scratch[: chunk.size])


def _spread(words: np.ndarray, low: np.ndarray, shift: int, mask: int) -> None:
    """words |= (words >> shift) & mask, in place."""
    np.right_shift(words, np.uint32(shift), out=low)
    np.bitwise_and(low, np.uint32(mask), out=low)
    np.bitwise_or(words, low, out=words)


def _quantise_565(words: np.ndarray, low: np.ndarray) -> None:
    np.bitwise_and(words, _KEEP_565, out=words)
    _spread(words, low, 5, 0x00070007)  # red, blue: top 3 of 5 bits into the dropped 3
    _spread(words, low, 6, 0x00000300)  # green: top 2 of 6 bits into the dropped 2


def _quantise_332(words: np.ndarray, low: np.ndarray) -> None:
    np.bitwise_and(words, _KEEP_332, out=words)
    _spread(words, low, 3, 0x001C1C00)  # red, green: b7..b5 again at b4..b2
    _spread(words, low, 6, 0x00030303)  # red, green: b7..b6 at b1..b0; blue: b7..b6 at b1..b0
    _spread(words, low, 2, 0x00000030)  # blue: b7..b6 at b5..b4
    _spread(words, low, 4, 0x0000000C)  # blue: b7..b6 at b3..b2
