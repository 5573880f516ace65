"""Receiving a file into a folder: inside it only, verified, never half-written, resumable."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.features.files import destination
from shared.features.files.destination import (
    MAX_FILE_BYTES,
    Conflict,
    Corrupted,
    DestinationError,
    FileSink,
    NameTaken,
    Skipped,
    TooLarge,
    WriteFailed,
    WriteProblem,
    make_folder,
    open_destination,
)
from shared.features.files.names import BadName

CHUNK = 16 * 1024


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def receive(folder: Path, relative: str, data: bytes, on_conflict: Conflict = Conflict.ASK) -> Path:
    sink = open_destination(folder, relative, len(data), on_conflict)
    for start in range(0, len(data), CHUNK):
        sink.write(start, data[start : start + CHUNK])
    return sink.complete(sha(data))


def entries(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    return chosen


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "outside"
    elsewhere.mkdir()
    return elsewhere


def _mount_tmpfs(where: Path, options: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB disk."""
    where = tmp_path / "small"
    where.mkdir()
    _mount_tmpfs(where, "size=64k")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding one file that this process may not write into (root ignores modes:
    a read-only mount then)."""
    where = tmp_path / "read-only"
    where.mkdir()
    if os.geteuid() == 0:
        _mount_tmpfs(where, "size=1m")
        (where / "existing.txt").write_bytes(b"keep")
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        try:
            yield where
        finally:
            subprocess.run(["umount", str(where)], check=True)
    else:
        (where / "existing.txt").write_bytes(b"keep")
        where.chmod(0o500)
        try:
            yield where
        finally:
            where.chmod(0o700)


# --- Writing ---------------------------------------------------------------------------------


def test_a_file_arrives_whole_under_its_name(folder: Path) -> None:
    data = os.urandom(200_000)
    final = receive(folder, "report.pdf", data)
    assert final == folder.resolve() / "report.pdf"
    assert final.read_bytes() == data
    assert entries(folder) == ["report.pdf"]


def test_until_verified_the_file_is_a_private_temporary_one(folder: Path) -> None:
    sink = open_destination(folder, "report.pdf", 4, Conflict.ASK)
    sink.write(0, b"half")
    (temp,) = folder.iterdir()
    assert temp.name == f".report.pdf.tandem-{sink.token}.part"
    assert stat.S_IMODE(temp.stat().st_mode) == 0o600
    final = sink.complete(sha(b"half"))
    # Once complete, the file has the permissions any new file of the user gets.
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(final.stat().st_mode) == 0o666 & ~umask
    assert entries(folder) == ["report.pdf"]


def test_an_empty_file(folder: Path) -> None:
    final = receive(folder, "empty.txt", b"")
    assert final.read_bytes() == b""
    assert entries(folder) == ["empty.txt"]


def test_a_tree_with_unicode_names_and_an_empty_folder(folder: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Photos/été/Noël 🎄.jpg")
    final = receive(folder, decomposed, b"jpeg")
    assert final == folder.resolve() / "Photos" / "été" / "Noël 🎄.jpg"  # composed (NFC)
    assert make_folder(folder, "Photos/vide") == folder.resolve() / "Photos" / "vide"
    assert entries(folder) == [
        "Photos",
        "Photos/vide",
        "Photos/été",
        "Photos/été/Noël 🎄.jpg",
    ]


def test_a_name_too_long_for_its_temporary_name_still_arrives(folder: Path) -> None:
    name = "é" * 125 + ".txt"  # 254 bytes: the temporary name is cut, the final one is not
    assert receive(folder, name, b"x").name == name


def test_data_must_come_in_order_and_no_more_than_announced(folder: Path) -> None:
    sink = open_destination(folder, "a.bin", 6, Conflict.ASK)
    sink.write(0, b"abc")
    with pytest.raises(ValueError, match="expected at 3"):
        sink.write(0, b"abc")
    with pytest.raises(ValueError, match="expected at 3"):
        sink.write(4, b"c")
    with pytest.raises(ValueError, match="6 bytes announced"):
        sink.write(3, b"defg")
    with pytest.raises(ValueError, match="3 of 6"):
        sink.complete(sha(b"abc"))
    sink.write(3, b"def")
    assert sink.complete(sha(b"abcdef")).read_bytes() == b"abcdef"


def test_a_size_over_the_limit_is_refused_naming_the_limit(folder: Path) -> None:
    assert MAX_FILE_BYTES == 150 * 1024 * 1024
    with pytest.raises(TooLarge, match=str(MAX_FILE_BYTES)) as refused:
        open_destination(folder, "big.iso", MAX_FILE_BYTES + 1, Conflict.ASK)
    assert refused.value.limit == MAX_FILE_BYTES
    with pytest.raises(TooLarge, match="1000 bytes"):
        open_destination(folder, "big.iso", 1001, Conflict.ASK, max_bytes=1000)
    open_destination(folder, "fits.iso", 1000, Conflict.ASK, max_bytes=1000).abort()
    assert entries(folder) == []


def test_abort_leaves_nothing(folder: Path) -> None:
    sink = open_destination(folder, "sub/a.bin", 10, Conflict.ASK)
    sink.write(0, b"12345")
    sink.abort()
    sink.abort()
    assert entries(folder) == ["sub"]
    with pytest.raises(ValueError, match="closed"):
        sink.write(5, b"67890")


# --- Names and links: never outside the folder -----------------------------------------------


@pytest.mark.parametrize(
    "relative",
    ["../escaped.txt", "a/../../escaped.txt", "/tmp/escaped.txt", "C:\\escaped.txt",
     "\\\\server\\share\\escaped.txt", "CON", "nul.txt", "a\\..\\..\\escaped.txt",
     "evil\x00.txt", "invoice\u202egpj.exe", ""],
)  # fmt: skip
def test_a_bad_name_writes_nothing(folder: Path, outside: Path, relative: str) -> None:
    with pytest.raises(BadName):
        open_destination(folder, relative, 1, Conflict.REPLACE)
    assert entries(folder) == []
    assert entries(folder.parent) == ["chosen", "outside"]


def test_a_subfolder_linked_outside_is_refused(folder: Path, outside: Path) -> None:
    (folder / "docs").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteFailed) as refused:
        receive(folder, "docs/passwd", b"owned", Conflict.REPLACE)
    assert refused.value.reason is WriteProblem.LINK
    with pytest.raises(WriteFailed, match="is a link"):
        make_folder(folder, "docs/new")
    assert entries(outside) == []


def test_a_deeper_link_is_refused_too(folder: Path, outside: Path) -> None:
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "c").symlink_to(outside)
    with pytest.raises(WriteFailed) as refused:
        receive(folder, "a/b/c/d/x.txt", b"owned")
    assert refused.value.reason is WriteProblem.LINK
    assert entries(outside) == []


def test_a_link_inside_the_folder_is_not_followed_either(folder: Path) -> None:
    (folder / "real").mkdir()
    (folder / "alias").symlink_to(folder / "real")
    with pytest.raises(WriteFailed) as refused:
        receive(folder, "alias/x.txt", b"x")
    assert refused.value.reason is WriteProblem.LINK


def test_a_file_where_a_folder_is_needed(folder: Path) -> None:
    (folder / "a").write_bytes(b"a file")
    with pytest.raises(WriteFailed) as refused:
        receive(folder, "a/b.txt", b"x")
    assert refused.value.reason is WriteProblem.IN_THE_WAY


def test_a_link_under_the_final_name_is_replaced_not_followed(folder: Path, outside: Path) -> None:
    secret = outside / "secret.txt"
    secret.write_bytes(b"secret")
    (folder / "x.txt").symlink_to(secret)
    # Keep both: the link counts as a taken name.
    assert receive(folder, "x.txt", b"new", Conflict.KEEP_BOTH).name == "x (2).txt"
    # Replace: the link itself goes, its target stays.
    final = receive(folder, "x.txt", b"new", Conflict.REPLACE)
    assert not final.is_symlink() and final.read_bytes() == b"new"
    assert secret.read_bytes() == b"secret"


def test_the_chosen_folder_may_itself_be_a_link(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "Downloads").symlink_to(outside)
    assert receive(tmp_path / "Downloads", "a.txt", b"a") == outside.resolve() / "a.txt"


# Pieces a hostile peer would combine, plus anything at all.
_PIECES = st.sampled_from(
    ["..", ".", "/", "\\", "C:", "c:\\", "\\\\srv\\share", "link", "CON", "nul.", "a", "é",
     "e\u0301", "\x00", "\n", "\u202e", ":", " ", "~", "$", ".tandem-0123456789abcdef.part"]
)  # fmt: skip
_PATHS = st.one_of(
    st.text(max_size=30),
    st.lists(_PIECES | st.text(max_size=4), max_size=10).map("".join),
    # Through the link to the outside, or into the file "a", then anything.
    st.builds("/".join, st.lists(_PIECES | st.text(min_size=1, max_size=4), max_size=4)).map(
        lambda rest: f"link/{rest}" if len(rest) % 2 else f"a/{rest}"
    ),
)


@settings(max_examples=400, deadline=None)
@given(relative=_PATHS, on_conflict=st.sampled_from(Conflict))
def test_whatever_a_peer_sends_the_file_lands_inside_the_folder(
    relative: str, on_conflict: Conflict
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        chosen, elsewhere = root / "chosen", root / "outside"
        chosen.mkdir()
        elsewhere.mkdir()
        (chosen / "link").symlink_to(elsewhere)
        (chosen / "a").write_bytes(b"taken")
        try:
            final = receive(chosen, relative, b"abc", on_conflict)
        except (BadName, DestinationError):
            pass
        else:
            assert final.resolve().is_relative_to(chosen.resolve())
            assert final.read_bytes() == b"abc"
        assert entries(elsewhere) == []
        assert sorted(p.name for p in root.iterdir()) == ["chosen", "outside"]
        assert not [p for p in chosen.rglob(".*.tandem-*.part")]


# --- Names already taken ---------------------------------------------------------------------


def test_replace(folder: Path) -> None:
    (folder / "a.txt").write_bytes(b"old")
    receive(folder, "a.txt", b"new", Conflict.REPLACE)
    assert (folder / "a.txt").read_bytes() == b"new"
    assert entries(folder) == ["a.txt"]


def test_keep_both_numbers_the_new_file(folder: Path) -> None:
    (folder / "a.txt").write_bytes(b"old")
    assert receive(folder, "a.txt", b"2", Conflict.KEEP_BOTH).name == "a (2).txt"
    assert receive(folder, "a.txt", b"3", Conflict.KEEP_BOTH).name == "a (3).txt"
    (folder / ".bashrc").write_bytes(b"old")
    assert receive(folder, ".bashrc", b"2", Conflict.KEEP_BOTH).name == ".bashrc (2)"
    (folder / "dir").mkdir()
    assert receive(folder, "dir", b"2", Conflict.KEEP_BOTH).name == "dir (2)"
    assert (folder / "a.txt").read_bytes() == b"old"
    assert (folder / "a (2).txt").read_bytes() == b"2"


def test_skip_keeps_the_existing_file_and_writes_nothing(folder: Path) -> None:
    (folder / "a.txt").write_bytes(b"old")
    with pytest.raises(Skipped):
        open_destination(folder, "a.txt", 3, Conflict.SKIP)
    assert entries(folder) == ["a.txt"]
    assert (folder / "a.txt").read_bytes() == b"old"


def test_ask_names_the_file_then_the_answer_applies(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "a.txt").write_bytes(b"old")
    with pytest.raises(NameTaken) as taken:
        open_destination(folder, "sub/a.txt", 3, Conflict.ASK)
    assert taken.value.name == "sub/a.txt"
    assert entries(folder) == ["sub", "sub/a.txt"]
    receive(folder, taken.value.name, b"new", Conflict.REPLACE)
    assert (folder / "sub" / "a.txt").read_bytes() == b"new"


def test_replace_does_not_put_a_file_over_a_folder(folder: Path) -> None:
    (folder / "a").mkdir()
    with pytest.raises(WriteFailed) as refused:
        open_destination(folder, "a", 1, Conflict.REPLACE)
    assert refused.value.reason is WriteProblem.IN_THE_WAY


@pytest.mark.parametrize("on_conflict", [Conflict.ASK, Conflict.SKIP, Conflict.KEEP_BOTH])
def test_a_file_that_appears_meanwhile_is_not_overwritten(
    folder: Path, on_conflict: Conflict
) -> None:
    sink = open_destination(folder, "a.txt", 3, on_conflict)
    sink.write(0, b"new")
    (folder / "a.txt").write_bytes(b"theirs")
    assert sink.complete(sha(b"new")).name == "a (2).txt"
    assert (folder / "a.txt").read_bytes() == b"theirs"
    assert (folder / "a (2).txt").read_bytes() == b"new"


def test_replace_replaces_a_file_that_appears_meanwhile(folder: Path) -> None:
    sink = open_destination(folder, "a.txt", 3, Conflict.REPLACE)
    sink.write(0, b"new")
    (folder / "a.txt").write_bytes(b"theirs")
    assert sink.complete(sha(b"new")).read_bytes() == b"new"
    assert entries(folder) == ["a.txt"]


def test_where_hard_links_are_missing_the_move_still_never_overwrites(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (folder / "a.txt").write_bytes(b"old")
    assert receive(folder, "a.txt", b"new", Conflict.KEEP_BOTH).name == "a (2).txt"
    assert (folder / "a.txt").read_bytes() == b"old"


# --- Resuming, corruption --------------------------------------------------------------------


def test_an_interrupted_transfer_resumes_where_it_stopped(folder: Path) -> None:
    data = os.urandom(100_000)
    sink = open_destination(folder, "big/file.bin", len(data), Conflict.KEEP_BOTH)
    sink.write(0, data[:60_000])
    sink.close()  # the link dropped; the app may even have restarted
    assert entries(folder) == ["big", f"big/.file.bin.tandem-{sink.token}.part"]

    again = FileSink.resume(folder, "big/file.bin", len(data), sink.token)
    assert again.received == 60_000
    with pytest.raises(ValueError, match="expected at 60000"):
        again.write(0, data)
    again.write(60_000, data[60_000:])
    assert again.complete(sha(data)).read_bytes() == data
    assert entries(folder) == ["big", "big/file.bin"]


def test_nothing_to_resume(folder: Path) -> None:
    sink = open_destination(folder, "a.bin", 10, Conflict.ASK)
    sink.abort()
    with pytest.raises(WriteFailed) as gone:
        FileSink.resume(folder, "a.bin", 10, sink.token)
    assert gone.value.reason is WriteProblem.GONE
    with pytest.raises(ValueError, match="token"):
        FileSink.resume(folder, "a.bin", 10, "../../etc/passwd")


def test_a_temporary_file_larger_than_announced_is_not_resumed(folder: Path) -> None:
    sink = open_destination(folder, "a.bin", 10, Conflict.ASK)
    sink.write(0, b"0123456789")
    sink.close()
    with pytest.raises(WriteFailed):
        FileSink.resume(folder, "a.bin", 5, sink.token)
    assert entries(folder) == []


def test_corrupted_content_is_detected_and_nothing_kept(folder: Path) -> None:
    sent = os.urandom(50_000)
    arrived = bytearray(sent)
    arrived[12_345] ^= 0xFF
    sink = open_destination(folder, "a.bin", len(sent), Conflict.ASK)
    sink.write(0, bytes(arrived))
    with pytest.raises(Corrupted):
        sink.complete(sha(sent))
    assert entries(folder) == []


def test_a_resumed_transfer_with_a_corrupted_first_part_is_detected(folder: Path) -> None:
    sink = open_destination(folder, "a.bin", 8, Conflict.ASK)
    sink.write(0, b"abcd")
    sink.close()
    temp = folder / f".a.bin.tandem-{sink.token}.part"
    temp.write_bytes(b"abXd")  # the disk lost what it had
    again = FileSink.resume(folder, "a.bin", 8, sink.token)
    again.write(4, b"efgh")
    with pytest.raises(Corrupted):
        again.complete(sha(b"abcdefgh"))
    assert entries(folder) == []


# --- The disk says no ------------------------------------------------------------------------


def test_a_full_disk_is_reported_and_leaves_no_file(small_disk: Path) -> None:
    with pytest.raises(WriteFailed) as failed:
        receive(small_disk, "big.bin", os.urandom(256 * 1024))
    assert failed.value.reason is WriteProblem.DISK_FULL
    assert entries(small_disk) == []


def test_a_full_disk_anywhere_leaves_no_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same without root: the disk fills up after the first chunk."""
    written: list[int] = []
    real_write_all = destination._write_all

    def filling(fd: int, data: bytes | memoryview) -> None:
        if written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(len(data))
        real_write_all(fd, data)

    monkeypatch.setattr(destination, "_write_all", filling)
    with pytest.raises(WriteFailed) as failed:
        receive(folder, "big.bin", os.urandom(3 * CHUNK))
    assert failed.value.reason is WriteProblem.DISK_FULL
    assert "No space left" in str(failed.value)
    assert entries(folder) == []


def test_a_read_only_folder_is_reported_and_left_as_it_was(read_only_folder: Path) -> None:
    with pytest.raises(WriteFailed) as failed:
        receive(read_only_folder, "a.txt", b"x")
    assert failed.value.reason is WriteProblem.NOT_ALLOWED
    with pytest.raises(WriteFailed):
        receive(read_only_folder, "sub/a.txt", b"x")
    with pytest.raises(WriteFailed):
        receive(read_only_folder, "existing.txt", b"x", Conflict.REPLACE)
    assert entries(read_only_folder) == ["existing.txt"]
    assert (read_only_folder / "existing.txt").read_bytes() == b"keep"


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(WriteFailed) as failed:
        receive(tmp_path / "missing", "a.txt", b"x")
    assert failed.value.reason is WriteProblem.GONE
