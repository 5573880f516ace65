"""Shared flushes (shared/features/files/shared_flush.py): writers that finish while a flush runs
share the next one; none returns before a flush that began after its writes; a failed flush
covers nobody. With real threads, and on a real file system through a batch of files."""

from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from shared.features.files import batch, shared_flush
from shared.features.files.batch import Item, write_batch
from shared.features.files.destination import Conflict
from shared.features.files.shared_flush import SharedFlush

WAIT_S = 10.0


class Flushes:
    """A stand-in for syncfs that can be held while it runs, and made to fail."""

    def __init__(self) -> None:
        self.count = 0
        self.running = threading.Event()
        self.release = threading.Event()
        self.fail_next = False
        self.hold_first = True

    def __call__(self) -> None:
        self.count += 1
        if self.hold_first:
            self.hold_first = False
            self.running.set()
            assert self.release.wait(WAIT_S)
        if self.fail_next:
            self.fail_next = False
            raise OSError(5, "Input/output error")


def test_writers_that_finish_during_a_flush_share_the_next_one() -> None:
    shared, flushes = SharedFlush(), Flushes()
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(shared.flush, flushes)
        assert flushes.running.wait(WAIT_S)
        # Three writers finish their files while the first flush runs: it does not cover them.
        tickets = [shared.ticket() for _ in range(3)]
        waiting = [pool.submit(shared.flushed_since, t, flushes) for t in tickets]
        flushes.release.set()
        assert first.result(WAIT_S) is True
        flushed = [w.result(WAIT_S) for w in waiting]
    assert flushes.count == 2  # not four: one more flush for the three of them
    assert sorted(flushed) == [False, False, True]


def test_a_flush_that_began_before_a_writer_finished_does_not_cover_it() -> None:
    shared, flushes = SharedFlush(), Flushes()
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(shared.flush, flushes)
        assert flushes.running.wait(WAIT_S)
        late = pool.submit(shared.flush, flushes)  # its writes came after the flush began
        flushes.release.set()
        first.result(WAIT_S)
        assert late.result(WAIT_S) is True
    assert flushes.count == 2


def test_a_writer_after_every_flush_ended_flushes_again() -> None:
    shared, flushes = SharedFlush(), Flushes()
    flushes.hold_first = False
    assert shared.flush(flushes) is True
    assert shared.flush(flushes) is True
    assert flushes.count == 2


def test_a_failed_flush_covers_nobody() -> None:
    shared, flushes = SharedFlush(), Flushes()
    flushes.fail_next = True
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(shared.flush, flushes)
        assert flushes.running.wait(WAIT_S)
        waiting = pool.submit(shared.flushed_since, shared.ticket(), flushes)
        flushes.release.set()
        with pytest.raises(OSError):
            first.result(WAIT_S)
        assert waiting.result(WAIT_S) is True  # it flushed for itself
    assert flushes.count == 2


def test_the_same_file_system_shares_while_someone_flushes() -> None:
    held = shared_flush.shared_for(12345)
    assert shared_flush.shared_for(12345) is held
    assert shared_flush.shared_for(("folder", 12345, 7)) is not held


def test_batches_written_at_once_on_a_real_disk_are_flushed_and_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight writers of ten files each at once, through the shared flushes: every file whole
    under its name, and the file system flushed (once or more: how many share is timing)."""
    assert batch._SYNCFS is not None
    calls: list[int] = []
    real = batch._SYNCFS

    def counted(fd: int) -> int:
        calls.append(fd)
        return real(fd)

    monkeypatch.setattr(batch, "_SYNCFS", counted)
    payloads = {f"w{w}/f{n}.bin": os.urandom(4096 + n) for w in range(8) for n in range(10)}
    for w in range(8):
        (tmp_path / f"w{w}").mkdir()

    def write(w: int) -> None:
        items = [
            Item(name, memoryview(data), hashlib.sha256(data).hexdigest(), Conflict.ASK)
            for name, data in payloads.items()
            if name.startswith(f"w{w}/")
        ]
        results = write_batch(tmp_path, items, 1 << 30, lambda: False)
        assert all(r.path is not None and not r.error for r in results)

    with ThreadPoolExecutor(8) as pool:
        for future in [pool.submit(write, w) for w in range(8)]:
            future.result(WAIT_S * 3)
    for name, data in payloads.items():
        assert (tmp_path / name).read_bytes() == data
    assert 1 <= len(calls) <= 8  # never more than one a batch
