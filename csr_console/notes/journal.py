"""The notes journal: one small file per session under the console's data folder, rewritten
whole on every change (temporary file, fsync, rename, fsync of the folder), so that a killed
console leaves the last notes written, never half a file."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
import time
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# Where the console keeps its own files unless told otherwise (tests give each console its own).
DATA_ENV = "TANDEM_CONSOLE_DATA"
# A journal is the notes plus a few fields; a file much larger is not one of ours.
MAX_JOURNAL_BYTES = 1024 * 1024
# Where the system has them (POSIX): opening refuses a link, and does not block on a pipe.
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)


def default_folder() -> Path:
    """The console's notes folder: $TANDEM_CONSOLE_DATA/notes, else under XDG's data folder."""
    base = os.environ.get(DATA_ENV)
    if base:
        return Path(base) / "notes"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local/share")
    return Path(data) / "tandem-console" / "notes"


@dataclass(frozen=True)
class JournalEntry:
    """One session's notes as they stand, and whose they are (which center, which agent)."""

    center: str
    username: str
    number: int
    text: str
    # The session is over: the notes wait to be reviewed and sent.
    ended: bool = False
    updated_at: float = 0.0


class NotesJournal:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()

    def path(self, center: str, username: str, number: int) -> Path:
        # The center and the agent in the name, hashed: one agent's journals are found without
        # reading everyone's, and no address or name shows in a file listing.
        owner = hashlib.sha256(f"{center}\n{username}".encode()).hexdigest()[:16]
        return self.folder / f"{owner}-{number}.json"

    def write(self, entry: JournalEntry) -> None:
        """Replace the session's journal with ``entry``, durably, in one step."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Also a folder made before (by hand, another umask): its file names carry session
        # numbers, which join a session, so no one else lists it.
        os.chmod(self.folder, 0o700)
        target = self.path(entry.center, entry.username, entry.number)
        temporary = target.with_suffix(".tmp")
        data = json.dumps({**asdict(entry), "updated_at": time.time()}, ensure_ascii=False).encode()
        # A new file of ours, never one found there: a crash's leftover (maybe of another mode)
        # or a link planted under the name would keep its mode, or have us write elsewhere.
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
        self._sync_folder()

    def read(self, center: str, username: str, number: int) -> JournalEntry | None:
        return _load(self.path(center, username, number))

    def remove(self, center: str, username: str, number: int) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(center, username, number).unlink()
            self._sync_folder()

    def pending(self, center: str, username: str) -> list[JournalEntry]:
        """This agent's journals at this center with notes in them, oldest first: the notes of
        sessions never sent (the console crashed, or the center could not be reached)."""
        owner = self.path(center, username, 0).name.split("-", 1)[0]
        found = []
        for path in sorted(self.folder.glob(f"{owner}-*.json")):
            entry = _load(path)
            if entry is not None and entry.center == center and entry.username == username:
                if entry.text.strip():
                    found.append(entry)
                else:
                    path.unlink(missing_ok=True)  # nothing written: nothing to offer
        return sorted(found, key=lambda e: e.updated_at)

    def _sync_folder(self) -> None:
        # The rename itself reaches the disk only with the folder.
        descriptor = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _load(path: Path) -> JournalEntry | None:
    try:
        # A regular file of ours only: not through a link (to a device that never ends), and
        # without waiting on a pipe someone left under the name.
        descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NO_WAIT)
        with open(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_JOURNAL_BYTES:
                return None
            raw = file.read(MAX_JOURNAL_BYTES + 1)
        data = json.loads(raw.decode("utf-8"))
        return JournalEntry(
            center=str(data["center"]),
            username=str(data["username"]),
            number=int(data["number"]),
            text=str(data["text"]),
            ended=bool(data.get("ended", False)),
            updated_at=float(data.get("updated_at", 0.0)),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("notes journal %s cannot be read: %s", path.name, exc)
        return None
