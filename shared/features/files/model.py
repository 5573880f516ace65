"""What a transfer is, and what the views hear of it (the engine's events)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from shared.features.files.destination import Conflict, FileSink
from shared.features.files.names import BadName, renamed, saved_as


class Direction(StrEnum):
    SEND = "send"
    RECEIVE = "receive"


class Stage(StrEnum):
    ASKING = "asking"  # offered or fetched; the other side (the customer) decides
    RUNNING = "running"
    INTERRUPTED = "interrupted"  # the link dropped; goes on when it comes back
    DONE = "done"
    FAILED = "failed"  # refused, or a failure the reason names
    ABORTED = "aborted"  # a user stopped it


FINAL = frozenset({Stage.DONE, Stage.FAILED, Stage.ABORTED})


# A file not written because its name was taken and the answer was Skip (a choice, not a
# fault: the views say "skipped"); the wire's reason, as the other side reads it too.
SKIPPED = "A file of that name exists: skipped."


class FileTooLarge(ValueError):
    """A file over the limit per file, said with the limit."""


def limit_text(limit: int) -> str:
    """A limit in the unit that reads best: "150 MiB", "1.5 GiB", "512 KiB" (MiB counted as
    the manual's MB are; a limit may be 1 KiB to 1 TiB)."""
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if limit >= size:
            return f"{round(limit / size, 2):g} {unit}"
    return f"{limit} bytes"


def too_large(size: int, limit: int) -> str:
    return f"The file is {size} bytes, over the limit of {limit_text(limit)} per file."


@dataclass(frozen=True)
class TransferStarted:
    id: str
    remote_id: str
    direction: Direction
    name: str
    size: int
    group: str = ""  # the group (folder tree, several files) it belongs to; "" on its own


@dataclass(frozen=True)
class TransferProgress:
    id: str
    bytes: int
    size: int
    speed_bps: float  # bytes a second since the transfer (re)started
    eta_s: float | None  # None while the speed is unknown


@dataclass(frozen=True)
class TransferDone:
    id: str
    name: str
    size: int
    sha256: str
    path: str  # where the file was written (the receiving side); "" on the sending side


@dataclass(frozen=True)
class TransferFailed:
    id: str
    name: str
    reason: str


@dataclass(frozen=True)
class TransferAborted:
    id: str
    name: str
    by: str  # participant id of whoever stopped it


@dataclass
class Transfer:
    id: str
    remote_id: str
    direction: Direction
    name: str
    size: int = 0
    sha256: str = ""
    asked_by: str = ""  # participant id
    allowed_by: str = ""  # participant id of the customer who allowed it
    stage: Stage = Stage.ASKING
    # Acknowledged by the receiver (sending side) or written (receiving side).
    bytes: int = 0
    # Sending side: every payload byte put on the wire, re-sends included.
    sent_bytes: int = 0
    source: Path | None = None  # sending side: the file read
    folder: Path | None = None  # receiving side: the folder written into
    path: Path | None = None  # receiving side: the file, once verified
    # Sending side: the relative name the receiver says it kept the file under (Keep both),
    # for the views; "" when it kept ``name``. The audit keeps the name sent.
    kept_as: str = ""
    reason: str = ""
    fetched: bool = False  # the agent's fetch: the offer it waits for is wanted
    # A download of a published file: the offer must have this size (the one the customer saw).
    wanted_size: int | None = None
    group: str = ""  # the group it belongs to (trees.py)
    on_conflict: Conflict | None = None  # the answer for a taken name, once given
    sink: FileSink | None = None
    # Receiving side: the file being verified and moved to its final name (a Stop asks it).
    finishing: FileSink | None = None
    # Sending side: every byte handed to the channel (the receiver may be keeping the file; a
    # Stop then waits for its word), and who pressed Stop while it says whether it was in time.
    all_sent: bool = False
    stopping: str = ""
    stream: asyncio.Task[None] | None = None
    expiry: asyncio.Task[None] | None = None
    resends: int = 0
    started_at: float = 0.0
    start_bytes: int = 0
    next_progress: int = 0


def shown_name(transfer: Transfer, me: str) -> str:
    """The name a finished transfer's line and sentence give it on this side (``me``): a file
    received by the name it was kept under here (Keep both: "photos/f9 (2)", else a second
    fetch of the same folder reads as the first one's lines); a file sent on our own initiative
    by the name the other side kept it under. A file the other side asked for (their fetch)
    keeps this computer's name: their Keep both renamed their copy, not ours. The audit keeps
    the name sent."""
    if transfer.direction == Direction.RECEIVE:
        try:
            return renamed(transfer.name, saved_as(transfer.name, transfer.path))
        except BadName:  # a name this side made itself: never, but a line keeps its name
            return transfer.name
    if transfer.kept_as and transfer.asked_by == me:
        return transfer.kept_as
    return transfer.name
