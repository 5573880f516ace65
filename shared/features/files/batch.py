"""Writing a bundle's files (bundles.py) in one go, on a worker thread.

Each file is verified (SHA-256) and written with no name yet (Linux: ``O_TMPFILE``), or where
its file system cannot, under its temporary name as destination.py writes one (0600, no link
followed); then one sync for the whole batch (Linux ``syncfs``; an ``fsync`` per file where
there is none), then each gets its name (never over a taken one unless the answer was REPLACE),
then one sync per folder touched: instead of two syncs and a folder sync per file, which is what
makes thousands of small files slow on an ordinary disk. Each folder is reached and checked
once for the batch and held open, its files made, named and removed relative to it (where the
system allows: not Windows), instead of their paths resolved again per file. A file with no
name costs half the system calls of a temporary name, and each call hands the interpreter to
the busy event loop's thread, which the writer then waits to get back."""

from __future__ import annotations

import ctypes
import hashlib
import hmac
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared.features.files import shared_flush
from shared.features.files.destination import (
    IN_OPEN_FOLDERS,
    UNNAMED_FILES,
    Conflict,
    Corrupted,
    DestinationError,
    FileSink,
    NameTaken,
    OpenFolder,
    Skipped,
    UnnamedFile,
    open_destination,
    open_folder,
    open_in_folder,
    open_unnamed,
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


# Descriptors the rest of the program may hold besides a writer's files (sockets, Qt, libraries).
OTHER_OPEN_FILES = 512


def allow_open_files(batch_files: int) -> None:
    """Room for ``batch_files`` unnamed files held open at once (``UNNAMED_FILES``: each stays
    open until it is named, batch.py) besides the rest of the program. Linux desktops give a
    process 1,024 descriptors by default (the soft limit) and allow far more (the hard one): the
    soft limit is raised as far as needed, never past the hard one."""
    if not UNNAMED_FILES:
        return  # elsewhere a written file is closed at once and named later by its path
    import resource  # Unix only, as unnamed files are

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = batch_files + OTHER_OPEN_FILES
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return
    raised = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if raised > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))


def _sync_file_systems(folders: set[Path]) -> None:
    """The file systems the folders are on, flushed (syncfs) since this call; OSError if one
    fails. Writers flushing the same file system at once share flushes (shared_flush.py)."""
    syncfs = _SYNCFS
    assert syncfs is not None
    seen: set[int] = set()
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            device = os.fstat(fd).st_dev
            if device in seen:
                continue
            seen.add(device)

            def flush_now(fd: int = fd, folder: Path = folder) -> None:
                if syncfs(fd) != 0:
                    error = ctypes.get_errno()
                    raise OSError(error, os.strerror(error), str(folder))

            shared_flush.shared_for(device).flush(flush_now)
        finally:
            os.close(fd)


class _Folders:
    """The batch's folders, each reached and checked once and held open (`IN_OPEN_FOLDERS`):
    what destination.py does per file (a path resolved, each level looked at) done per folder;
    elsewhere each file is opened by its path. Where the system can (`UNNAMED_FILES`) a file is
    made with no name until it is placed; by a temporary name where its file system cannot."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.open: dict[tuple[str, ...], OpenFolder] = {}
        self.named_only: set[tuple[str, ...]] = set()  # file systems without unnamed files

    def file(self, item: Item, max_bytes: int) -> FileSink | UnnamedFile:
        size, conflict = len(item.data), item.on_conflict
        if not IN_OPEN_FOLDERS:
            return open_destination(self.folder, item.relative, size, conflict, max_bytes=max_bytes)
        parts = check_path(item.relative)
        where = parts[:-1]
        opened = self.open.get(where)
        if opened is None:
            opened = self.open[where] = open_folder(self.folder, where)
        if UNNAMED_FILES and where not in self.named_only:
            _verify(item, parts[-1])  # before it takes any room on disk
            unnamed = open_unnamed(
                opened, parts[-1], size, max_bytes=max_bytes, relative=item.relative
            )
            if unnamed is not None:
                return unnamed
            self.named_only.add(where)
        return open_in_folder(
            opened, parts[-1], size, conflict, max_bytes=max_bytes, relative=item.relative
        )

    def close(self) -> None:
        for opened in self.open.values():
            opened.close()
        self.open.clear()


def _verify(item: Item, name: str) -> None:
    """Raise Corrupted unless ``item``'s bytes have the SHA-256 the sender announced."""
    if not hmac.compare_digest(hashlib.sha256(item.data).hexdigest(), item.sha256.strip().lower()):
        raise Corrupted(f"{name!r}: SHA-256 differs from the sender's")


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
    # Written and verified, not yet under their names: at most the batch's files held open.
    ready: list[tuple[int, FileSink | UnnamedFile]] = []
    try:
        for index, item in enumerate(items):
            try:
                made = folders.file(item, max_bytes)
            except NameTaken:
                results[index].taken = True
                continue
            except Skipped:
                results[index].skipped = True
                continue
            except Corrupted:
                raise
            except (BadName, DestinationError, ValueError, OSError) as exc:
                results[index].error = str(exc)
                continue
            try:
                if isinstance(made, UnnamedFile):
                    made.write(item.data, sync=sync_each)
                else:
                    made.write(0, item.data)
                    made.seal(item.sha256, sync=sync_each, mode=mode)
            except Corrupted:
                raise
            except (DestinationError, ValueError, OSError) as exc:
                _drop(made)
                results[index].error = str(exc)
                continue
            ready.append((index, made))
        if stopped():
            raise Stopped
        if ready and not sync_each:
            _sync_file_systems({made.parent for _, made in ready})
    except BaseException as exc:
        for _, made in ready:
            _drop(made)
        if isinstance(exc, OSError):  # the sync failed: the disk cannot be trusted with them
            for index, _ in ready:
                results[index].error = f"The files could not be flushed to disk: {exc}"
            return results
        raise
    if stopped():
        for _, made in ready:
            _drop(made)
        raise Stopped
    touched: set[Path] = set()
    for index, made in ready:
        try:
            if isinstance(made, UnnamedFile):
                results[index].path = made.name(items[index].on_conflict)
            else:
                results[index].path = made.place()
            touched.add(made.parent)
        except NameTaken:  # taken since the batch began (unnamed files: found only now)
            results[index].taken = True
        except Skipped:
            results[index].skipped = True
        except (DestinationError, OSError) as exc:
            results[index].error = str(exc)
    for parent in touched:
        _flush_folder(parent)
    return results


def _flush_folder(folder: Path) -> None:
    """The names given in ``folder`` made durable; one flush for writers there at once."""
    try:
        identity = os.stat(folder)
    except OSError:
        return  # gone: nothing of it left to make durable
    key = ("folder", identity.st_dev, identity.st_ino)
    shared_flush.shared_for(key).flush(lambda: sync_folder(folder))


def _drop(made: FileSink | UnnamedFile) -> None:
    """Nothing of a file not placed is kept: its temporary name removed, an unnamed one let go."""
    if isinstance(made, UnnamedFile):
        made.close()
    else:
        made.abort()
