"""A bundle's files written in one go (batch.py): each folder reached and checked once, then
held open, so a folder swapped for a link meanwhile sends nothing out of the chosen one."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from shared.features.files.batch import Item, write_batch
from shared.features.files.destination import IN_OPEN_FOLDERS, Conflict


def item(relative: str, data: bytes, conflict: Conflict = Conflict.KEEP_BOTH) -> Item:
    return Item(relative, memoryview(data), hashlib.sha256(data).hexdigest(), conflict)


def test_a_batch_writes_its_files_into_their_folders(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "a.txt").write_bytes(b"theirs")
    items = [item("a.txt", b"one"), item("sub/b.txt", b"two"), item("sub/deeper/c.txt", b"3")]
    written = write_batch(chosen, items, 1024, lambda: False)
    assert [w.path for w in written] == [
        chosen / "a (2).txt",
        chosen / "sub" / "b.txt",
        chosen / "sub" / "deeper" / "c.txt",
    ]
    assert (chosen / "a.txt").read_bytes() == b"theirs"
    assert (chosen / "sub" / "deeper" / "c.txt").read_bytes() == b"3"
    assert not [p for p in chosen.rglob(".*")]  # no temporary file left


def test_a_link_already_on_the_way_is_refused(tmp_path: Path) -> None:
    chosen, outside = tmp_path / "chosen", tmp_path / "outside"
    chosen.mkdir()
    outside.mkdir()
    (chosen / "sub").symlink_to(outside)
    written = write_batch(
        chosen, [item("sub/x.txt", b"x"), item("y.txt", b"y")], 1024, lambda: False
    )
    assert written[0].path is None and "link" in written[0].error
    assert written[1].path == chosen / "y.txt"
    assert list(outside.iterdir()) == []


@pytest.mark.skipif(not IN_OPEN_FOLDERS, reason="folders are held open where the system can")
def test_a_folder_swapped_for_a_link_after_the_check_sends_nothing_out(tmp_path: Path) -> None:
    chosen, outside = tmp_path / "chosen", tmp_path / "outside"
    chosen.mkdir()
    outside.mkdir()

    def swap() -> bool:  # another program, between the writes and the renames
        if not (chosen / "moved").exists():
            os.rename(chosen / "sub", chosen / "moved")
            (chosen / "sub").symlink_to(outside)
        return False

    written = write_batch(chosen, [item("sub/x.txt", b"x"), item("sub/y.txt", b"y")], 1024, swap)
    assert list(outside.iterdir()) == []
    # The files went on into the folder that was checked, where it is now.
    assert sorted(p.name for p in (chosen / "moved").iterdir()) == ["x.txt", "y.txt"]
    assert (chosen / "moved" / "y.txt").read_bytes() == b"y"
    assert all(w.path is not None and not w.error for w in written)
