"""A folder sent again over the customer's copy: every name is taken, and the customer's
questions come in the order the files are listed, the first file first, however the disk
writes the bundles of small files (each is written on its own thread, side by side)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.features.files import bundles
from shared.features.files.batch import Item, Written, write_batch
from shared.features.files.bundles import MAX_BUNDLE_BYTES
from shared.features.files.conflicts import NameConflict
from shared.features.files.destination import Conflict
from shared.features.files.model import FINAL
from tests.files.test_transfer import TRANSFER_TIMEOUT_S, Pair, _memory_pair, _random_file

# Files of the folder: enough for more than one bundle.
FILE_BYTES = 30_000
FILES = MAX_BUNDLE_BYTES // FILE_BYTES + 6


async def test_the_first_question_names_the_first_file_in_conflict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = await _memory_pair(tmp_path, delay_s=0.002)
    try:
        await _folder_sent_again(memory, tmp_path, monkeypatch)
    finally:
        await memory.close()


async def _folder_sent_again(memory: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "agent" / "photos"
    source.mkdir(parents=True)
    theirs = memory.customer_files.inbox / "photos"
    theirs.mkdir()
    names = [f"f{n:03d}.txt" for n in range(FILES)]
    for name in names:
        _random_file(source, name, FILE_BYTES)
        (theirs / name).write_bytes(b"the customer's own")

    # The first bundle's disk is slow: it is written after a later one.
    first = f"photos/{names[0]}"
    later_written = threading.Event()
    write = write_batch

    def slow_first(
        folder: Path, items: list[Item], max_bytes: int, stopped: Callable[[], bool]
    ) -> list[Written]:
        if items and items[0].relative == first:
            later_written.wait(TRANSFER_TIMEOUT_S)  # on the writer's own thread
            return write(folder, items, max_bytes, stopped)
        written = write(folder, items, max_bytes, stopped)
        later_written.set()
        return written

    monkeypatch.setattr(bundles, "write_batch", slow_first)
    await memory.agent_files.trees.send_paths(memory.customer_id, [source])

    def questions() -> list[NameConflict]:
        return [e for e in memory.events if isinstance(e, NameConflict)]

    await memory.until(lambda: bool(questions()), "the first question")
    assert [q.name for q in questions()] == [first]
    # Skip for all: nothing of theirs is overwritten.
    memory.customer_files.answer_conflict(questions()[0].id, Conflict.SKIP, for_all=True)
    await memory.until(
        lambda: all(t.stage in FINAL for t in memory.customer_files.transfers.values()), "the end"
    )
    assert len(questions()) == 1
    assert all((theirs / name).read_bytes() == b"the customer's own" for name in names)
