"""Giving an activity's memory back to the system once its media parts are dropped.

Three things keep the memory of an ended activity (measured with ``bench/soak.py``):

* aiortc's peer connection, its transceivers, the decoder or encoder and the track form
  reference cycles (event handlers, transports and tasks pointing back at their owners), so
  dropping them frees nothing until the cycle collector's next full pass, which in a quiet app
  may be many views later: a 1080p x264 encoder, a jitter buffer of 4096 packets and an RTP
  history of 1024 each wait there;
* what is freed then goes back to glibc's heaps, not to the system: picture-sized buffers (8 MB
  a 1080p BGRX frame) come from the heaps once glibc has raised its mmap threshold (it does
  after the first one is freed). ``malloc_trim`` hands the heaps' free pages back;
* but not those at the top of a thread's own arena: each thread that allocates (decoder,
  converter, encoder, capture, Qt's X event reader) gets an arena of its own, and
  ``malloc_trim`` only shrinks the top of the main one (glibc 2.36); a thread arena keeps its
  top until it exceeds twice the raised mmap threshold (~16 MB). With frames freed into four
  such arenas, the console kept 30 to 50 MB of free memory after each view, a different amount
  each time (readings ±10 MB apart, steps that last for dozens of views: ``smaps`` put every
  MB of the swings in those arenas, ``malloc_info`` showed them free).

So ``one_heap``, first thing in either app, makes every thread allocate from the main heap
(``M_ARENA_MAX`` 1), and once an activity's parts are dropped ``give_back_memory`` runs one
full collection (~40 ms in the console, once per ended activity, never per frame) and trims
it; a viewer window, freed later on the Qt thread (its last frame, its screen-sized backing
store), trims it again with ``trim_heap`` once it is gone. Measured (``bench/soak.py``, 30
views): the console's reading after each view went from 202–224 MB to 177.8–177.9 MB. The
threads that share the heap allocate seldom (one frame buffer a frame, codec pools once a
stream), so they rarely wait for each other; the first frame of a view came as fast (p50
0.12 s both ways). A fixed mmap threshold instead (each frame its own mapping, returned as it
is freed) was measured too and not kept: 2 ms of page faults per 1080p frame instead of 0.25.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from functools import cache


@cache
def _glibc() -> ctypes.CDLL | None:
    """The C library if it is glibc (``malloc_trim``, ``mallopt``); None elsewhere (macOS,
    Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.malloc_trim.restype = ctypes.c_int
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.mallopt.restype = ctypes.c_int
    except (OSError, AttributeError):
        return None
    return libc


# glibc's ``mallopt`` parameter: the most arenas malloc may create.
M_ARENA_MAX = -8


def one_heap() -> None:
    """Let every thread allocate from the main heap, so ``trim_heap`` reaches all free memory.

    Call it before the app starts any thread (before ``QApplication``): a thread that has
    allocated already keeps its arena."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, 1)


def trim_heap() -> None:
    """Return the heaps' free pages to the system (a few ms; nothing where glibc is absent)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def give_back_memory() -> None:
    """Free what dropped media objects still hold and return the free heap pages."""
    gc.collect()
    trim_heap()
