"""The one-file client on Linux: the launcher (installers/launcher/tandem_launcher.c) followed by
the client's one-folder build, in one zstd stream.

    python installers/pack_client.py LAUNCHER FOLDER OUTPUT

PyInstaller's own one-file archive compresses each file alone with zlib; one zstd stream over
the whole folder, with a long window (Qt's libraries share much), is about a fifth smaller. The
launcher unpacks it once into the user's cache and runs the client from there (its comment says
how). The stream, once decompressed, is ``FOLDER_MAGIC`` then entries, numbers little-endian:

- ``d`` path(u16 length, UTF-8) mode(u32): a folder;
- ``f`` path mode(u32) size(u64) bytes: a file;
- ``l`` path target(u16 length, UTF-8): a symbolic link, relative, inside the folder;
- ``e``: the end.

Entries come parents first. ``entries`` reads them back, for the tests.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

FOLDER_MAGIC = b"TNDMDIR1"
# The launcher's record, which this script fills in: magic, offset (u64), length (u64), id.
RECORD_MAGIC = b"TANDEM-PAYLOAD-1"
ID_CHARS = 20
# zstd's strongest ordinary level, with a 128 MiB window (the launcher allows no more): the
# folder is ~135 MB, so a match can reach back across all of it. About 40 s on 2 cores.
ZSTD_OPTIONS = ("-19", "--long=27", "-T0", "--check", "-q")
WINDOW_OPTION = "--long=27"


def _text(value: str) -> bytes:
    raw = value.encode()
    return len(raw).to_bytes(2, "little") + raw


def folder_entry(path: str, mode: int) -> bytes:
    return b"d" + _text(path) + (mode & 0o755).to_bytes(4, "little")


def link_entry(path: str, target: str) -> bytes:
    return b"l" + _text(path) + _text(target)


def file_header(path: str, mode: int, size: int) -> bytes:
    """A file's entry up to its bytes, which follow."""
    return b"f" + _text(path) + (mode & 0o755).to_bytes(4, "little") + size.to_bytes(8, "little")


END = b"e"


def write_folder(folder: Path, out: BinaryIO) -> None:
    """The folder's tree as the uncompressed stream (parents before their contents)."""
    out.write(FOLDER_MAGIC)
    for here, dirs, files in os.walk(folder):
        dirs.sort()
        base = Path(here)
        for name in sorted(dirs) + sorted(files):
            path = base / name
            relative = path.relative_to(folder).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                out.write(link_entry(relative, os.readlink(path)))
            elif stat.S_ISDIR(info.st_mode):
                out.write(folder_entry(relative, info.st_mode))
            else:
                out.write(file_header(relative, info.st_mode, info.st_size))
                with path.open("rb") as file:
                    while chunk := file.read(1 << 20):
                        out.write(chunk)
        # os.walk does not enter links to folders; nor do we (they are written as links).
        dirs[:] = [name for name in dirs if not (base / name).is_symlink()]
    out.write(END)


def pack(launcher: Path, folder: Path, output: Path) -> None:
    """``output``: ``launcher`` carrying ``folder``."""
    with tempfile.TemporaryDirectory(prefix="tandem-pack-") as work:
        plain = Path(work) / "folder.bin"
        with plain.open("wb") as out:
            write_folder(folder, out)
        pack_stream(launcher, plain, output)


def pack_stream(launcher: Path, plain: Path, output: Path) -> None:
    """``output``: ``launcher`` carrying the uncompressed stream ``plain`` (write_folder's)."""
    with tempfile.TemporaryDirectory(prefix="tandem-pack-") as work:
        compressed = Path(work) / "folder.zst"
        subprocess.run(["zstd", *ZSTD_OPTIONS, str(plain), "-o", str(compressed)], check=True)
        body = compressed.read_bytes()
    program = bytearray(launcher.read_bytes())
    at = program.find(RECORD_MAGIC)
    if at < 0 or program.find(RECORD_MAGIC, at + 1) >= 0:
        raise SystemExit(f"{launcher}: not one payload record in it")
    # The id names the contents: a new build unpacks into a new folder, the same one reuses it.
    ident = hashlib.sha256(body).hexdigest()[:ID_CHARS].encode()
    record = len(program).to_bytes(8, "little") + len(body).to_bytes(8, "little") + ident
    start = at + len(RECORD_MAGIC)
    program[start : start + len(record)] = record
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.write_bytes(bytes(program) + body)
    partial.chmod(0o755)
    partial.replace(output)


def payload_of(packed: Path) -> tuple[int, int]:
    """Where the compressed folder sits in a packed client: (offset, length)."""
    data = packed.read_bytes()
    at = data.find(RECORD_MAGIC) + len(RECORD_MAGIC)
    offset = int.from_bytes(data[at : at + 8], "little")
    length = int.from_bytes(data[at + 8 : at + 16], "little")
    return offset, length


def entries(packed: Path) -> Iterator[tuple[str, str, bytes]]:
    """Each entry of a packed client: kind, path, and a file's bytes or a link's target
    (decompressed with zstd's tool)."""
    offset, length = payload_of(packed)
    with packed.open("rb") as file:
        file.seek(offset)
        body = file.read(length)
    plain = subprocess.run(
        ["zstd", "-d", "-q", WINDOW_OPTION, "-c"], input=body, capture_output=True, check=True
    ).stdout
    if not plain.startswith(FOLDER_MAGIC):
        raise ValueError("not a packed folder")
    at = len(FOLDER_MAGIC)

    def take(size: int) -> bytes:
        nonlocal at
        at += size
        return plain[at - size : at]

    def text() -> bytes:
        return take(int.from_bytes(take(2), "little"))

    while (kind := take(1).decode()) != "e":
        path = text().decode()
        if kind == "l":
            yield kind, path, text()
        elif kind == "d":
            take(4)
            yield kind, path, b""
        elif kind == "f":
            take(4)
            yield kind, path, take(int.from_bytes(take(8), "little"))
        else:
            raise ValueError(f"unknown entry {kind!r}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    pack(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
