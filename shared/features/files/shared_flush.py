"""One flush of a file system, or of a folder, for every writer waiting on it ("group commit").

Bundles are written by several worker threads at once (bundles.py, ``WRITES_AT_ONCE``), and each
flushes the file system (Linux ``syncfs``) before its files get their names. A flush writes out
everything written on that file system before it began, so writers that finish their files while
another's flush runs need only one more flush between them, not one each. On an ordinary disk a
flush is mostly the disk's cache being emptied, milliseconds whatever it carries: sharing them
took about a tenth off 2,000 small files in ``bench/files.py``. The same holds for the flush
of a folder after its files got their names.

The rule a writer relies on: ``flush`` returns only after a flush that *began after the call*
has ended without error. A failed flush covers nobody: each writer that waited on it tries its
own, and so sees the error itself.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable


class SharedFlush:
    """The flushes of one file system."""

    def __init__(self) -> None:
        self._count_lock = threading.Lock()  # guards the counters
        self._flush_lock = threading.Lock()  # one flush at a time
        self._begun = 0  # flushes begun so far
        self._ended = 0  # the last flush that ended without error (its number)

    def flush(self, flush_now: Callable[[], None]) -> bool:
        """Return once the writes made before this call are flushed; ``flush_now`` flushes (and
        raises OSError if it fails). True if this call flushed, False if another's covered it."""
        return self.flushed_since(self.ticket(), flush_now)

    def ticket(self) -> int:
        """The number of the first flush that begins from now on: the one that covers what was
        written so far."""
        with self._count_lock:
            return self._begun + 1

    def flushed_since(self, ticket: int, flush_now: Callable[[], None]) -> bool:
        """Return once flush number ``ticket``, or a later one, has ended without error; run
        ``flush_now`` as that flush if none has. True if this call flushed."""
        with self._flush_lock:
            with self._count_lock:
                if self._ended >= ticket:
                    return False
                self._begun += 1
                number = self._begun
            flush_now()
            with self._count_lock:
                self._ended = max(self._ended, number)
            return True


# Held only while someone flushes (weakly): which is when there is something to share.
_SHARED: weakref.WeakValueDictionary[Hashable, SharedFlush] = weakref.WeakValueDictionary()
_SHARED_LOCK = threading.Lock()


def shared_for(key: Hashable) -> SharedFlush:
    """The shared flushes of one thing: a file system (its ``st_dev``), a folder (``st_dev``
    and ``st_ino``)."""
    with _SHARED_LOCK:
        shared = _SHARED.get(key)
        if shared is None:
            shared = _SHARED[key] = SharedFlush()
        return shared
