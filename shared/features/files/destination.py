"""Writing a received file into the folder the user chose, and nowhere else.

A file is written under a temporary name beside its final one (".name.tandem-<token>.part",
0600), hashed as it arrives, and renamed only once complete and its SHA-256 verified: a peer
that vanishes, a corrupted transfer, a full disk leave nothing under the final name. The token
lets an interrupted transfer reopen its temporary file and go on from `received`.

Containment: the peer's path is checked by `names.check_path`, every folder on the way is
created one level at a time and refused if it is a symbolic link (or a Windows junction) or
not a folder, and the folder reached is resolved and checked to be inside the chosen one. The
chosen folder itself may be a link (a Downloads folder moved elsewhere): the user picked it.
What this does not stop is another local program swapping a folder for a link between the check
and the write; the threat here is the peer, which can only send names. (A bundle's files,
batch.py, are made relative to their folder held open, where the system allows it: for them a
swap after the check changes nothing; on Linux they have no name at all until verified and
synced, `open_unnamed`.)

Errors: a full disk or a refusal from the system is one WriteFailed, and the temporary file is
removed, not kept to resume. A full disk is cured by the user freeing space, not by waiting, and a
hidden partial file would hold the very space they are freeing. Resuming is for a dropped link:
`close()` keeps the temporary file, `FileSink.resume` reopens it.

Blocking calls (os.write, fsync): the engine runs them off its event loop.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import os
import re
import secrets
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from enum import Enum, StrEnum
from pathlib import Path, PurePosixPath

from shared.features.files.names import MAX_NAME_BYTES, check_path
from shared.features.files.on_disk import entry_named
from shared.protocol.limits import DEFAULT_MAX_FILE_BYTES

# The manual's limit per file; the support center may set another one (the `max_bytes`
# parameter), this is the default.
MAX_FILE_BYTES = DEFAULT_MAX_FILE_BYTES
# "name (2).ext" … "name (999).ext": past that, something is filling the folder on purpose.
MAX_COPIES = 999
_TOKEN = re.compile(r"^[0-9a-f]{16}$")
_READ_BLOCK = 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# Where the system acts relative to an open folder (not Windows), a batch opens each folder once
# and makes, moves and removes its files in it: no path resolved again per file, and a folder
# swapped for a link after the check changes nothing.
IN_OPEN_FOLDERS = {os.open, os.link, os.unlink, os.rename, os.stat} <= os.supports_dir_fd


class Conflict(Enum):
    """What to do when the name is taken in the folder."""

    REPLACE = "replace"
    KEEP_BOTH = "keep_both"  # the new file becomes "name (2).ext"
    SKIP = "skip"
    ASK = "ask"  # raise NameTaken: the view asks, then opens again with the answer


class WriteProblem(StrEnum):
    DISK_FULL = "disk_full"
    NOT_ALLOWED = "not_allowed"  # permissions, a read-only disk
    LINK = "link"  # a symbolic link or junction on the way
    IN_THE_WAY = "in_the_way"  # a file where a folder is needed, or a folder under the name
    GONE = "gone"  # the chosen folder, or the temporary file to resume, no longer exists
    OTHER = "other"


class DestinationError(Exception):
    """Anything that stops a file from being written (BadName aside: names.py)."""


class NameTaken(DestinationError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"{name!r} already exists")


class Skipped(DestinationError):
    """The name is taken and the user chose to skip such files."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"{name!r} already exists: skipped")


class TooLarge(DestinationError):
    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"{size} bytes is over the limit of {limit} bytes per file")


class Corrupted(DestinationError):
    """What arrived does not match the SHA-256 the sender announced; nothing was kept."""


class Stopped(DestinationError):
    """A Stop came before the file was moved to its final name: nothing was kept."""


class WriteFailed(DestinationError):
    """The disk refused: `reason` for the views, `detail` for the log. Nothing was kept."""

    def __init__(self, reason: WriteProblem, detail: str) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason.value}: {detail}")


def _finishing_step(step: str) -> None:
    """Called by `complete` at "verified" (just before the commit point) and "moved" (just
    after it). A seam for the tests, which hold the step while they press Stop."""


def _write_all(fd: int, data: bytes | memoryview) -> None:
    """Every byte of data, however the system splits the write. A seam for the tests."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def open_destination(
    folder: Path,
    relative: str,
    size: int,
    on_conflict: Conflict,
    *,
    max_bytes: int = MAX_FILE_BYTES,
) -> FileSink:
    """A new temporary file for `relative` (a path of "/"-joined names) under `folder`.

    Raises BadName, TooLarge, NameTaken (ASK), Skipped (SKIP) or WriteFailed.
    """
    parts = check_path(relative)
    _check_size(size, max_bytes)
    parent = _folder_for(folder, parts[:-1], create=True)
    name = parts[-1]
    if _taken(parent / name):
        if on_conflict is Conflict.ASK:
            raise NameTaken(relative)
        if on_conflict is Conflict.SKIP:
            raise Skipped(relative)
        if on_conflict is Conflict.REPLACE and _is_folder(parent / name):
            raise WriteFailed(WriteProblem.IN_THE_WAY, f"a folder is named {relative!r}")
    token = secrets.token_hex(8)
    temp = parent / _temporary_name(name, token)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    fd = _os_call(lambda: os.open(temp, flags, 0o600))
    return FileSink(parent, name, temp, fd, size, token, on_conflict, hashlib.sha256(), 0)


class OpenFolder:
    """A folder reached as `open_destination` reaches one (every level a real folder, inside the
    chosen one), held open for a batch's files (`open_in_folder`)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd

    def close(self) -> None:
        os.close(self.fd)


def open_folder(folder: Path, parts: tuple[str, ...]) -> OpenFolder:
    """The folder `parts` (checked names) under `folder`, created as needed, opened. Raises
    WriteFailed. Only where `IN_OPEN_FOLDERS`."""
    here = _folder_for(folder, parts, create=True)
    fd = _os_call(lambda: os.open(here, os.O_RDONLY | _DIRECTORY | _NOFOLLOW))
    return OpenFolder(here, fd)


def open_in_folder(
    opened: OpenFolder,
    name: str,
    size: int,
    on_conflict: Conflict,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    relative: str = "",
) -> FileSink:
    """As `open_destination`, for `name` (a checked name, not a path) right in `opened`;
    ``relative``: its path as the peer sent it, for the errors."""
    _check_size(size, max_bytes)
    at = opened.fd
    if _taken(name, at):
        shown = relative or name
        if on_conflict is Conflict.ASK:
            raise NameTaken(shown)
        if on_conflict is Conflict.SKIP:
            raise Skipped(shown)
        if on_conflict is Conflict.REPLACE and _is_folder(name, at):
            raise WriteFailed(WriteProblem.IN_THE_WAY, f"a folder is named {shown!r}")
    token = secrets.token_hex(8)
    temp = _temporary_name(name, token)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    fd = _os_call(lambda: os.open(temp, flags, 0o600, dir_fd=at))
    return FileSink(
        opened.path,
        name,
        opened.path / temp,
        fd,
        size,
        token,
        on_conflict,
        hashlib.sha256(),
        0,
        dir_fd=at,
    )


# Linux: a batch's file is made with no name at all in its folder (O_TMPFILE) and given its
# name (linkat) only once written, verified and synced. That keeps the temporary name's promise
# and more: nothing shows under any name before the file is whole and verified, and a crash or a
# vanished peer leaves nothing behind (the kernel frees a file that never got a name). It also
# takes half the system calls a file (no random token, stat, chmod or unlink): each lets the
# event loop's thread take the interpreter, and the writer waits to get it back.
_TMPFILE = getattr(os, "O_TMPFILE", 0)
UNNAMED_FILES = bool(_TMPFILE) and IN_OPEN_FOLDERS and os.path.isdir("/proc/self/fd")
# What a file system without unnamed files answers: then a temporary name, as elsewhere.
_NO_UNNAMED = {errno.EOPNOTSUPP, errno.ENOTSUP, errno.EISDIR, errno.EINVAL}


class UnnamedFile:
    """A file with no name yet in an open folder (`open_unnamed`). Its permissions are the
    usual ones (0666 less the umask) from the start: nobody can open it before it is named."""

    def __init__(self, opened: OpenFolder, name: str, fd: int, shown: str) -> None:
        self._opened = opened
        self._name = name
        self._fd: int | None = fd
        self._shown = shown

    @property
    def parent(self) -> Path:
        return self._opened.path

    def write(self, data: bytes | memoryview, *, sync: bool) -> None:
        """All of ``data``; flushed to disk too if ``sync`` (else a batch syncs them all).
        Raises WriteFailed (the file dropped)."""
        fd = self._open_fd()
        try:
            _write_all(fd, data)
            if sync:
                os.fsync(fd)
        except OSError as error:
            self.close()
            raise _failure(error) from error

    def name(self, on_conflict: Conflict) -> Path:
        """Give the file its name, never over a taken one unless the answer was REPLACE, as
        `FileSink.place` does; the path written. Raises NameTaken (ASK), Skipped (SKIP) or
        WriteFailed. The file is let go either way."""
        try:
            return self._link(self._open_fd(), on_conflict)
        except OSError as error:
            raise _failure(error) from error
        finally:
            self.close()

    def _link(self, fd: int, on_conflict: Conflict) -> Path:
        source, at = f"/proc/self/fd/{fd}", self._opened.fd  # linkat follows it to the file
        if on_conflict is Conflict.REPLACE:
            if _is_folder(self._name, at):
                raise WriteFailed(WriteProblem.IN_THE_WAY, f"a folder is named {self._shown!r}")
            temp = _temporary_name(self._name, secrets.token_hex(8))
            os.link(source, temp, dst_dir_fd=at)
            try:
                os.replace(temp, self._name, src_dir_fd=at, dst_dir_fd=at)
            except OSError:
                _remove(temp, at)
                raise
            return self._opened.path / self._name
        for candidate in _candidates(self._name):
            try:
                os.link(source, candidate, dst_dir_fd=at)  # fails if taken, even by a link
            except FileExistsError:
                if on_conflict is Conflict.ASK:
                    raise NameTaken(self._shown) from None
                if on_conflict is Conflict.SKIP:
                    raise Skipped(self._shown) from None
                continue
            return self._opened.path / candidate
        raise NameTaken(self._shown)

    def close(self) -> None:
        """Let go; a file never named is gone with it. Safe to call twice."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _open_fd(self) -> int:
        if self._fd is None:
            raise ValueError("this file is closed")
        return self._fd


def open_unnamed(
    opened: OpenFolder, name: str, size: int, *, max_bytes: int = MAX_FILE_BYTES, relative: str = ""
) -> UnnamedFile | None:
    """A new file with no name in ``opened``, to be ``name`` (a checked name) once written; None
    where the file system cannot make one (then `open_in_folder`). Only where `UNNAMED_FILES`.
    Raises TooLarge or WriteFailed."""
    _check_size(size, max_bytes)
    try:
        fd = os.open(".", _TMPFILE | os.O_WRONLY, 0o666, dir_fd=opened.fd)
    except OSError as error:
        if error.errno in _NO_UNNAMED:
            return None
        raise _failure(error) from error
    return UnnamedFile(opened, name, fd, relative or name)


def make_folder(folder: Path, relative: str) -> Path:
    """The folder `relative` under `folder` (an empty folder of a tree), created if missing."""
    return _folder_for(folder, check_path(relative), create=True)


class FileSink:
    """One file being received; `received` bytes are written (the point to resume from).

    `received` counts bytes handed to the system: they survive a dropped link and a crash of the
    app. A power cut may lose the last of them; the SHA-256 check at the end catches that.
    """

    def __init__(
        self,
        parent: Path,
        name: str,
        temp: Path,
        fd: int,
        size: int,
        token: str,
        on_conflict: Conflict,
        digest: hashlib._Hash,
        received: int,
        *,
        dir_fd: int | None = None,
    ) -> None:
        self._parent = parent
        # Set: the parent held open by a batch (OpenFolder); names are taken relative to it.
        self._dir_fd = dir_fd
        self._name = name
        self._temp = temp
        self._fd: int | None = fd
        self.size = size
        self.token = token
        self._on_conflict = on_conflict
        self._digest = digest
        self.received = received
        # The commit point is the move to the final name: `stop` before it keeps nothing, after
        # it comes too late. The lock makes "stopped" and "committed" exclusive across the
        # thread running `complete` and the event loop's Stop; it is held only to flip them.
        self._commit_lock = threading.Lock()
        self._stopped = False
        self._committed = False

    @classmethod
    def resume(
        cls,
        folder: Path,
        relative: str,
        size: int,
        token: str,
        on_conflict: Conflict = Conflict.KEEP_BOTH,
        *,
        max_bytes: int = MAX_FILE_BYTES,
    ) -> FileSink:
        """Reopen the temporary file of an interrupted transfer, to go on from `received`.

        Raises WriteFailed (GONE) when there is nothing to resume: start again from zero.
        """
        if not _TOKEN.match(token):
            raise ValueError(f"not a transfer token: {token!r}")
        parts = check_path(relative)
        _check_size(size, max_bytes)
        parent = _folder_for(folder, parts[:-1], create=False)
        temp = parent / _temporary_name(parts[-1], token)
        fd = _os_call(lambda: os.open(temp, os.O_RDWR | _NOFOLLOW | _BINARY))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > size:
                raise WriteFailed(WriteProblem.OTHER, f"{temp.name} is not a partial transfer")
            digest = hashlib.sha256()
            while block := os.read(fd, _READ_BLOCK):
                digest.update(block)
            received = os.lseek(fd, 0, os.SEEK_CUR)
        except WriteFailed:
            os.close(fd)
            _remove(temp)
            raise
        except OSError as error:
            os.close(fd)
            raise _failure(error) from error
        return cls(parent, parts[-1], temp, fd, size, token, on_conflict, digest, received)

    def write(self, offset: int, data: bytes | memoryview) -> None:
        """Append data that starts at `offset`, which must be `received`."""
        fd = self._open_fd()
        if offset != self.received:
            raise ValueError(f"data at {offset}, expected at {self.received}")
        if self.received + len(data) > self.size:
            raise ValueError(f"more than the {self.size} bytes announced")
        try:
            _write_all(fd, data)
        except OSError as error:
            self.abort()
            raise _failure(error) from error
        self._digest.update(data)
        self.received += len(data)

    def complete(self, sha256_hex: str) -> Path:
        """Flush, verify, and move the file to its final name; returns the path written.

        A name taken in the meantime is never overwritten unless the choice was REPLACE: the
        file is kept beside it as "name (2).ext" (dropping a verified file would lose it).
        """
        fd = self._open_fd()
        if self.received != self.size:
            raise ValueError(f"{self.received} of {self.size} bytes received")
        try:
            os.fsync(fd)
            _make_ordinary(fd)
        except OSError as error:
            self.abort()
            raise _failure(error) from error
        expected = sha256_hex.strip().lower()
        if not hmac.compare_digest(self._digest.hexdigest(), expected):
            self.abort()
            raise Corrupted(f"{self._name!r}: SHA-256 differs from the sender's")
        os.close(fd)
        self._fd = None
        _finishing_step("verified")
        if not self._commit():
            self._remove_temp()
            raise Stopped(f"{self._name!r}: stopped before it was kept")
        try:
            final = self._move()
        except DestinationError:
            self._remove_temp()
            raise
        except OSError as error:
            self._remove_temp()
            raise _failure(error) from error
        _sync_folder(self._parent)
        _finishing_step("moved")
        return final

    def stop(self) -> bool:
        """Keep a `complete` in progress (or to come) from moving the file to its final name;
        False when it is too late: the move has begun and the file will be kept. Any thread."""
        with self._commit_lock:
            if self._committed:
                return False
            self._stopped = True
            return True

    def _commit(self) -> bool:
        with self._commit_lock:
            if self._stopped:
                return False
            self._committed = True
            return True

    def abort(self) -> None:
        """Stop and remove the temporary file (nothing to resume). Safe to call twice."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._remove_temp()

    def close(self) -> None:
        """Let go of the file but keep it, to resume later with `token`."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # --- a batch of small files (batch.py): one sync for them all, not two per file ----------

    @property
    def parent(self) -> Path:
        return self._parent

    def seal(self, sha256_hex: str, *, sync: bool, mode: int | None = None) -> None:
        """Verify and close, without moving: a batch syncs all its files at once (``sync``
        False), then `place`s each; ``mode``: the batch's `ordinary_mode()`, read once.
        Raises Corrupted or WriteFailed (the file removed)."""
        fd = self._open_fd()
        if self.received != self.size:
            raise ValueError(f"{self.received} of {self.size} bytes received")
        try:
            if sync:
                os.fsync(fd)
            if mode is None:
                _make_ordinary(fd)
            elif sys.platform.startswith("linux"):
                os.fchmod(fd, mode)
        except OSError as error:
            self.abort()
            raise _failure(error) from error
        if not hmac.compare_digest(self._digest.hexdigest(), sha256_hex.strip().lower()):
            self.abort()
            raise Corrupted(f"{self._name!r}: SHA-256 differs from the sender's")
        os.close(fd)
        self._fd = None

    def place(self) -> Path:
        """Move a sealed file to its final name (as `complete` does); its folder is synced by
        the caller, once for the batch."""
        try:
            return self._move()
        except DestinationError:
            self._remove_temp()
            raise
        except OSError as error:
            self._remove_temp()
            raise _failure(error) from error

    def _remove_temp(self) -> None:
        if self._dir_fd is None:
            _remove(self._temp)
        else:
            _remove(self._temp.name, self._dir_fd)

    def _open_fd(self) -> int:
        if self._fd is None:
            raise ValueError("this transfer is closed")
        return self._fd

    def _move(self) -> Path:
        if self._dir_fd is not None:
            return self._move_in_folder(self._dir_fd)
        # The parent had no link on the way when it was reached, so it resolves to itself
        # unless a folder was swapped for a link since: check again, then move.
        if self._parent.resolve(strict=True) != self._parent:
            raise WriteFailed(WriteProblem.LINK, f"{self._parent} changed during the transfer")
        final = self._parent / self._name
        if self._on_conflict is Conflict.REPLACE:
            if _is_folder(final):
                raise WriteFailed(WriteProblem.IN_THE_WAY, f"a folder is named {self._name!r}")
            os.replace(self._temp, final)  # atomic, and replaces a link itself, not its target
            return final
        for candidate in _candidates(self._name):
            target = self._parent / candidate
            if _move_unless_taken(self._temp, target):
                return target
        raise NameTaken(self._name)

    def _move_in_folder(self, at: int) -> Path:
        """`_move` relative to the open parent: it is the folder checked, whatever its path
        leads to now."""
        temp = self._temp.name
        if self._on_conflict is Conflict.REPLACE:
            if _is_folder(self._name, at):
                raise WriteFailed(WriteProblem.IN_THE_WAY, f"a folder is named {self._name!r}")
            os.replace(temp, self._name, src_dir_fd=at, dst_dir_fd=at)
            return self._parent / self._name
        for candidate in _candidates(self._name):
            if _move_unless_taken(temp, candidate, at):
                return self._parent / candidate
        raise NameTaken(self._name)


def _check_size(size: int, max_bytes: int) -> None:
    if size < 0:
        raise ValueError(f"negative size {size}")
    if size > max_bytes:
        raise TooLarge(size, max_bytes)


def _folder_for(folder: Path, parts: tuple[str, ...], *, create: bool) -> Path:
    """The folder `parts` under `folder`: every level a real folder, none of them a link."""
    try:
        root = folder.resolve(strict=True)
    except OSError as error:
        raise WriteFailed(WriteProblem.GONE, f"{folder}: {error.strerror}") from error
    if not root.is_dir():
        raise WriteFailed(WriteProblem.IN_THE_WAY, f"{folder} is not a folder")
    here = root
    for part in parts:
        here = here / part
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            if not create:
                raise WriteFailed(WriteProblem.GONE, f"{here} no longer exists") from None
            try:
                os.mkdir(here)
                continue
            except FileExistsError:  # created meanwhile: look at what it is
                info = os.lstat(here)
            except OSError as error:
                raise _failure(error) from error
        except OSError as error:
            raise _failure(error) from error
        if _is_link(info):
            raise WriteFailed(WriteProblem.LINK, f"{here} is a link")
        if not stat.S_ISDIR(info.st_mode):
            raise WriteFailed(WriteProblem.IN_THE_WAY, f"{here} is not a folder")
    if not here.resolve(strict=True).is_relative_to(root):  # belt and braces
        raise WriteFailed(WriteProblem.LINK, f"{here} leads outside {root}")
    return here


def _is_link(info: os.stat_result) -> bool:
    reparse = getattr(info, "st_file_attributes", 0) & stat.FILE_ATTRIBUTE_REPARSE_POINT
    return stat.S_ISLNK(info.st_mode) or bool(reparse)


def _taken(path: Path | str, at: int | None = None) -> bool:
    try:
        os.stat(path, dir_fd=at, follow_symlinks=False)  # a dangling link takes the name too
    except FileNotFoundError:
        return False
    return True


def _is_folder(path: Path | str, at: int | None = None) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path, dir_fd=at, follow_symlinks=False).st_mode)
    except FileNotFoundError:
        return False


def _temporary_name(name: str, token: str) -> str:
    suffix = f".tandem-{token}.part"
    room = MAX_NAME_BYTES - 1 - len(suffix)
    short = name.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return f".{short}{suffix}"


def _candidates(name: str) -> Iterator[str]:
    """name, "name (2).ext", "name (3).ext"… within the length a name may have; made one at a
    time (the first is nearly always free: making all 999 cost a millisecond a file)."""
    yield name
    pure = PurePosixPath(name)
    stem, ext = pure.stem, pure.suffix
    for n in range(2, MAX_COPIES + 1):
        mark = f" ({n}){ext}"
        room = MAX_NAME_BYTES - len(mark.encode("utf-8"))
        yield stem.encode("utf-8")[:room].decode("utf-8", errors="ignore") + mark


def _move_unless_taken(temp: Path | str, target: Path | str, at: int | None = None) -> bool:
    """Move temp to target unless target exists, atomically where the system allows it; names
    relative to the open folder ``at`` if given."""
    try:
        # Fails if target exists: no window to overwrite it.
        if at is None:
            os.link(temp, target)
        else:
            os.link(temp, target, src_dir_fd=at, dst_dir_fd=at)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # No hard links here (FAT, some network shares). Windows' rename refuses to overwrite;
        # elsewhere a file appearing between the check and the rename would be replaced.
        if _taken(target, at):
            return False
        try:
            os.rename(temp, target, src_dir_fd=at, dst_dir_fd=at)
        except FileExistsError:
            return False
        return True
    os.unlink(temp, dir_fd=at)
    return True


def _make_ordinary(fd: int) -> None:
    """The temporary file was private (0600); the received file gets the usual permissions."""
    if sys.platform.startswith("linux"):
        os.fchmod(fd, 0o666 & ~_umask())


def ordinary_mode() -> int:
    """The permissions a received file gets (Linux), for a batch to read the umask once."""
    return 0o666 & ~_umask()


def _umask() -> int:
    # Reading it from /proc avoids os.umask's set-and-restore, which races other threads.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o077  # unknown: stay private


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path | str, at: int | None = None) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path, dir_fd=at)


def _os_call(call: Callable[[], int]) -> int:
    try:
        return call()
    except OSError as error:
        raise _failure(error) from error


_NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS)
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _failure(error: OSError) -> WriteFailed:
    detail = f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")
    if error.errno in _DISK_FULL:
        return WriteFailed(WriteProblem.DISK_FULL, detail)
    if error.errno in _NOT_ALLOWED:
        return WriteFailed(WriteProblem.NOT_ALLOWED, detail)
    if error.errno == errno.ENOENT:
        return WriteFailed(WriteProblem.GONE, detail)
    if error.errno == errno.ELOOP and _NOFOLLOW:
        return WriteFailed(WriteProblem.LINK, detail)  # O_NOFOLLOW met a link
    if error.errno in (errno.EEXIST, errno.EISDIR, errno.ENOTDIR):
        return WriteFailed(WriteProblem.IN_THE_WAY, detail)
    return WriteFailed(WriteProblem.OTHER, detail)


def existing_folder(folder: Path, relative: str) -> Path:
    """The folder `relative` ("" for `folder` itself) under `folder`, which must exist: every
    level a real folder, no link on the way, inside `folder`. Each level is the entry that
    reads as the name given (on_disk.py: a Mac's decomposed names). Raises BadName or
    WriteFailed."""
    here = _folder_for(folder, (), create=False)
    for part in check_path(relative) if relative else ():
        try:
            spelled = entry_named(here, part).name
        except OSError as error:
            raise _failure(error) from error
        here = _folder_for(here, (spelled,), create=False)
    return here


def is_link(info: os.stat_result) -> bool:
    """A symbolic link or a Windows junction: never followed out of the chosen folder."""
    return _is_link(info)
