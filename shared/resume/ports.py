"""What restarting touches on the customer's machine, behind two small interfaces: the entry
that starts the client again after the reboot (``AutostartPort``) and the reboot itself
(``RebootPort``). Each OS has its real ones (``system.py``); tests use the real autostart entry
in a private home and a reboot that only records it was asked.

The ticket the client rejoins with is kept in one private file (mode 0600) that only this
user can read; the autostart entry names that file, never the ticket."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from shared.program_file import is_one_file, program_file

# The resume file's name in the client's private folder.
RESUME_FILE = "resume.json"
# A resume file is a few hundred bytes; anything larger is not ours.
MAX_RESUME_FILE_BYTES = 4096


class AutostartPort(Protocol):
    def install(self, command: list[str]) -> None:
        """Run ``command`` once when this user next logs on."""

    def remove(self) -> None:
        """Forget the entry (used, or the session ended otherwise); no error if there is none."""

    def installed(self) -> bool: ...


class RebootPort(Protocol):
    def reboot(self) -> None:
        """Restart the computer now; raises OSError (with why) if the system refuses."""


@dataclass(frozen=True)
class RestartPorts:
    autostart: AutostartPort
    reboot: RebootPort
    # Where the resume file goes (the client's private folder).
    folder: Path


@dataclass(frozen=True)
class ResumeTicket:
    """What the client needs to take its seat back after the reboot, and nothing more."""

    server: str
    fingerprint: str
    session: int
    participant: str
    ticket: str
    language: str = ""


def private_folder() -> Path:
    """The client's own folder for data nobody else reads, per OS."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "Tandem"


def write_ticket(folder: Path, ticket: ResumeTicket) -> Path:
    """Write ``ticket`` to the resume file, readable by this user only (0600 from its first
    byte: created with that mode, never loosened after)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / RESUME_FILE
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(asdict(ticket), file)
    return path


def take_ticket(path: Path) -> ResumeTicket | None:
    """Read the resume file and delete it (the ticket is single-use either way); None if it is
    missing or not one of ours."""
    try:
        if path.stat().st_size > MAX_RESUME_FILE_BYTES:
            path.unlink(missing_ok=True)
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    finally:
        path.unlink(missing_ok=True)
    try:
        return ResumeTicket(
            server=str(data["server"]),
            fingerprint=str(data["fingerprint"]),
            session=int(data["session"]),
            participant=str(data["participant"]),
            ticket=str(data["ticket"]),
            language=str(data.get("language", "")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def this_client() -> list[str]:
    """The command that starts this very client again: the one-file program the customer
    started when it is one (it takes no ``-m``), else its module run by this Python."""
    if is_one_file():
        return [str(program_file())]
    return [sys.executable, "-m", "customer_client.main"]


def resume_command(path: Path) -> list[str]:
    """The command the autostart entry runs: this very client, resuming from ``path``."""
    return [*this_client(), "--resume", str(path)]
