"""A bundle's files written in one go (batch.py): each folder reached and checked once, then
held open, so a folder swapped for a link meanwhile sends nothing out of the chosen one."""

from __future__ import annotations

import errno
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from shared.features.files import batch, destination
from shared.features.files.batch import Item, Stopped, write_batch
from shared.features.files.bundles import MAX_BUNDLE_FILES, WRITES_AT_ONCE
from shared.features.files.destination import (
    IN_OPEN_FOLDERS,
    UNNAMED_FILES,
    Conflict,
    Corrupted,
)

KEEP = Conflict.KEEP_BOTH


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


@pytest.mark.skipif(not UNNAMED_FILES, reason="files with no name where the system has them")
def test_nothing_shows_under_any_name_before_the_files_are_named(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    seen: list[list[str]] = []

    def stop() -> bool:  # between the writes (and the sync) and the names: a crash here
        seen.append(sorted(p.name for p in chosen.rglob("*") if p.is_file()))
        return True

    items = [item("a.txt", b"one"), item("sub/b.txt", b"two")]
    with pytest.raises(Stopped):
        write_batch(chosen, items, 1024, stop)
    assert seen == [[]]
    assert [p for p in chosen.rglob("*") if p.is_file()] == []


def test_a_taken_name_is_asked_about_skipped_or_replaced_as_answered(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    for name in ("ask.txt", "skip.txt", "replace.txt"):
        (chosen / name).write_bytes(b"theirs")
    items = [
        item("ask.txt", b"new", Conflict.ASK),
        item("skip.txt", b"new", Conflict.SKIP),
        item("replace.txt", b"new", Conflict.REPLACE),
    ]
    written = write_batch(chosen, items, 1024, lambda: False)
    assert written[0].taken and written[0].path is None
    assert written[1].skipped and written[1].path is None
    assert written[2].path == chosen / "replace.txt"
    assert (chosen / "ask.txt").read_bytes() == b"theirs"
    assert (chosen / "skip.txt").read_bytes() == b"theirs"
    assert (chosen / "replace.txt").read_bytes() == b"new"
    assert sorted(p.name for p in chosen.iterdir()) == ["ask.txt", "replace.txt", "skip.txt"]


def test_a_damaged_file_keeps_none_of_the_batch(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    damaged = Item("b.txt", memoryview(b"two"), hashlib.sha256(b"other").hexdigest(), KEEP)
    with pytest.raises(Corrupted):
        write_batch(chosen, [item("a.txt", b"one"), damaged], 1024, lambda: False)
    assert list(chosen.iterdir()) == []


@pytest.mark.skipif(not UNNAMED_FILES, reason="files with no name where the system has them")
def test_a_file_system_without_unnamed_files_gets_temporary_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "open_unnamed", lambda *_a, **_k: None)
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "a.txt").write_bytes(b"theirs")
    written = write_batch(chosen, [item("a.txt", b"one"), item("b.txt", b"2")], 1024, lambda: False)
    assert [w.path for w in written] == [chosen / "a (2).txt", chosen / "b.txt"]
    assert sorted(p.name for p in chosen.iterdir()) == ["a (2).txt", "a.txt", "b.txt"]


def test_a_full_disk_is_reported_and_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    real_write_all = destination._write_all

    def filling(fd: int, data: bytes | memoryview) -> None:
        if bytes(data) == b"big":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write_all(fd, data)

    monkeypatch.setattr(destination, "_write_all", filling)
    written = write_batch(
        chosen, [item("a.txt", b"one"), item("b.txt", b"big")], 1024, lambda: False
    )
    assert written[0].path == chosen / "a.txt"
    assert written[1].path is None and "disk_full" in written[1].error
    assert sorted(p.name for p in chosen.iterdir()) == ["a.txt"]


@pytest.mark.skipif(not UNNAMED_FILES, reason="only unnamed files stay open until named")
def test_three_full_bundles_land_where_the_program_starts_with_few_descriptors(
    tmp_path: Path,
) -> None:
    # A receiver writes WRITES_AT_ONCE bundles at once, each holding its files open until they
    # are named: more than many desktops' 1,024 descriptors allow a process by default.
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    held_now = len(os.listdir("/proc/self/fd"))
    resource.setrlimit(resource.RLIMIT_NOFILE, (held_now + 100, hard))
    try:
        batch.allow_open_files(WRITES_AT_ONCE * MAX_BUNDLE_FILES)
        folders = [tmp_path / f"bundle{n}" for n in range(WRITES_AT_ONCE)]
        contents = {f"f{n:03d}.bin": os.urandom(64) for n in range(MAX_BUNDLE_FILES)}
        items = [item(name, data) for name, data in contents.items()]
        for folder in folders:
            folder.mkdir()
        with ThreadPoolExecutor(WRITES_AT_ONCE) as pool:
            results = list(pool.map(lambda f: write_batch(f, items, 1024, lambda: False), folders))
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert [w.error for written in results for w in written if w.error] == []
    for folder in folders:
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == contents
