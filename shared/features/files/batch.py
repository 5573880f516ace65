"""Writing a bundle's files (bundles.py) in one go, on a worker thread.

Each file goes under its temporary name as destination.py writes one (0600, no link followed,
verified), then one sync for the whole batch (Linux ``syncfs``; an ``fsync`` per file where
there is none), then the renames (never over a taken name unless the answer was REPLACE), then
one sync per folder touched: instead of two syncs and a folder sync per file, which is what
makes thousands of small files slow on an ordinary disk. Each folder is reached and checked
once for the batch and held open, its files made, moved and removed relative to it (where the
system allows: not Windows), instead of their paths resolved again per file.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared.features.files.destination import (
    IN_OPEN_FOLDERS,
    Conflict,
    Corrupted,
    DestinationError,
    FileSink,
    NameTaken,
    OpenFolder,
    Skipped,
    open_destination,
    open_folder,
    open_in_folder,
    ordinary_mode,
    sync_folder,
)
from shared.features.files.names import BadName, check_path


class Stopped(Exception):
    """The bundle ended (a Stop, a vanished peer) before its files were renamed: none kept."""


@dataclass(frozen=True)
class Item:
    relative: str
    data: memoryview
    sha256: str
    on_conflict: Conflict


@dataclass
class Written:
    path: Path | None = None
    taken: bool = False  # the name exists and the answer is to ask
    skipped: bool = False  # the name exists and the answer was to skip
    error: str = ""


def _load_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2): every file written on one file system, flushed in one call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int]
    call.restype = ctypes.c_int
    return call


_SYNCFS = _load_syncfs()


def _sync_file_systems(folders: set[Path]) -> None:
    """One syncfs per file system the folders are on; OSError if one fails."""
    assert _SYNCFS is not None
    seen: set[int] = set()
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            device = os.fstat(fd).st_dev
            if device in seen:
                continue
            seen.add(device)
            if _SYNCFS(fd) != 0:
                error = ctypes.get_errno()
                raise OSError(error, os.strerror(error), str(folder))
        finally:
            os.close(fd)


class _Folders:
    """The batch's folders, each reached and checked once and held open (`IN_OPEN_FOLDERS`):
    what destination.py does per file (a path resolved, each level looked at) done per folder;
    elsewhere each file is opened by its path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.open: dict[tuple[str, ...], OpenFolder] = {}

    def sink(self, item: Item, max_bytes: int) -> FileSink:
        if not IN_OPEN_FOLDERS:
            size = len(item.data)
            return open_destination(
                self.folder, item.relative, size, item.on_conflict, max_bytes=max_bytes
            )
        parts = check_path(item.relative)
        opened = self.open.get(parts[:-1])
        if opened is None:
            opened = self.open[parts[:-1]] = open_folder(self.folder, parts[:-1])
        size, conflict = len(item.data), item.on_conflict
        return open_in_folder(
            opened, parts[-1], size, conflict, max_bytes=max_bytes, relative=item.relative
        )

    def close(self) -> None:
        for opened in self.open.values():
            opened.close()
        self.open.clear()


def write_batch(
    folder: Path, items: list[Item], max_bytes: int, stopped: Callable[[], bool]
) -> list[Written]:
    """Write ``items`` under ``folder``; what became of each, in order. A taken name with the
    answer ASK is left unwritten (``taken``). Raises Corrupted when an entry's SHA-256 differs
    (nothing is kept), Stopped when ``stopped()`` turns true before the renames."""
    folders = _Folders(folder)
    try:
        return _write_batch(folders, items, max_bytes, stopped)
    finally:
        folders.close()


def _write_batch(
    folders: _Folders, items: list[Item], max_bytes: int, stopped: Callable[[], bool]
) -> list[Written]:
    sync_each = _SYNCFS is None
    mode = ordinary_mode()
    results = [Written() for _ in items]
    sealed: list[tuple[int, FileSink]] = []
    try:
        for index, item in enumerate(items):
            try:
                sink = folders.sink(item, max_bytes)
            except NameTaken:
                results[index].taken = True
                continue
            except Skipped:
                results[index].skipped = True
                continue
            except (BadName, DestinationError, ValueError, OSError) as exc:
                results[index].error = str(exc)
                continue
            try:
                sink.write(0, item.data)
                sink.seal(item.sha256, sync=sync_each, mode=mode)
            except Corrupted:
                raise
            except (DestinationError, ValueError, OSError) as exc:
                sink.abort()
                results[index].error = str(exc)
                continue
            sealed.append((index, sink))
        if stopped():
            raise Stopped
        if sealed and not sync_each:
            _sync_file_systems({sink.parent for _, sink in sealed})
    except BaseException as exc:
        for _, sink in sealed:
            sink.abort()
        if isinstance(exc, OSError):  # the sync failed: the disk cannot be trusted with them
            for index, _ in sealed:
                results[index].error = f"The files could not be flushed to disk: {exc}"
            return results
        raise
    if stopped():
        for _, sink in sealed:
            sink.abort()
        raise Stopped
    touched: set[Path] = set()
    for index, sink in sealed:
        try:
            results[index].path = sink.place()
            touched.add(sink.parent)
        except (DestinationError, OSError) as exc:
            results[index].error = str(exc)
    for parent in touched:
        sync_folder(parent)
    return results
