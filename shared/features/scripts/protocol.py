"""Running library scripts on the customer's computer: the peer messages.

The agent's console offers a run (the scripts, in order, each with its files' sizes and
SHA-256); the customer's client checks those hashes with the center, asks the customer, and
accepts or refuses. On an accept the console sends the files in pieces; the client checks each
file's bytes against the center's hash again, runs the scripts one after another and streams
their output back, then says the run is done.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from shared.protocol.messages import MessageId, PeerMessage
from shared.protocol.scripts import (
    MAX_SCRIPT_FILE_BYTES,
    MAX_SCRIPTS_PER_RUN,
    FileName,
    Name,
    Sha256,
)

# The feature's name: its message family, its slice of the console's state.
NAME = "scripts"

# Raw bytes of a file per piece: base64 (4/3) plus the message's fields stay within 16 KiB, well
# under a peer message.
PIECE_BYTES = 8 * 1024
# Text of one output message: a chat notice's worth (UTF-8 may take 3 bytes a character, and
# the message must still fit a peer message).
MAX_OUTPUT_PIECE_CHARS = 4000

FilePart = Literal["executable", "input"]
Stream = Literal["stdout", "stderr"]
# How a script ended: ran (exit status 0), failed (another status), timed out (killed at the
# limit), refused (its bytes differ from the center's), error (could not start).
Outcome = Literal["ok", "failed", "timed_out", "refused", "error"]


class ScriptMeta(BaseModel):
    """One script of an offer (carried in ``ScriptsOffer``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: int = Field(ge=1)
    name: Name
    executable_name: FileName
    executable_size: int = Field(ge=0, le=MAX_SCRIPT_FILE_BYTES)
    executable_sha256: Sha256
    input_name: FileName | None = None
    input_size: int = Field(default=0, ge=0, le=MAX_SCRIPT_FILE_BYTES)
    input_sha256: Sha256 | None = None


class ScriptsOffer(PeerMessage):
    """Agent to customer: run these scripts, in this order."""

    type: Literal["scripts.offer"] = "scripts.offer"
    run_id: MessageId
    scripts: list[ScriptMeta] = Field(min_length=1, max_length=MAX_SCRIPTS_PER_RUN)


class ScriptsAccepted(PeerMessage):
    """Customer to agent: the customer allowed the run; send the files."""

    type: Literal["scripts.accepted"] = "scripts.accepted"
    run_id: MessageId


class ScriptsRefused(PeerMessage):
    """Customer to agent: nothing runs (the customer said no, the hashes differ…)."""

    type: Literal["scripts.refused"] = "scripts.refused"
    run_id: MessageId
    code: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]


class ScriptPiece(PeerMessage):
    """Agent to customer: a piece of one file of the run's ``index``-th script."""

    type: Literal["scripts.piece"] = "scripts.piece"
    run_id: MessageId
    index: int = Field(ge=0, lt=MAX_SCRIPTS_PER_RUN)
    part: FilePart
    offset: int = Field(ge=0, le=MAX_SCRIPT_FILE_BYTES)
    data: Annotated[str, StringConstraints(min_length=1, max_length=(PIECE_BYTES * 4) // 3 + 4)]


class ScriptOutput(PeerMessage):
    """Customer to agent: what a script printed, as it comes (rate-limited, and cut past a
    limit with ``truncated`` said once)."""

    type: Literal["scripts.output"] = "scripts.output"
    run_id: MessageId
    index: int = Field(ge=0, lt=MAX_SCRIPTS_PER_RUN)
    stream: Stream
    text: Annotated[str, StringConstraints(max_length=MAX_OUTPUT_PIECE_CHARS)]


class ScriptFinished(PeerMessage):
    """Customer to agent: the ``index``-th script ended."""

    type: Literal["scripts.finished"] = "scripts.finished"
    run_id: MessageId
    index: int = Field(ge=0, lt=MAX_SCRIPTS_PER_RUN)
    outcome: Outcome
    exit_status: int | None = None
    truncated: bool = False


class ScriptsDone(PeerMessage):
    """Customer to agent: the run is over (every script ended, or it was stopped)."""

    type: Literal["scripts.done"] = "scripts.done"
    run_id: MessageId
    stopped: bool = False
    # Why it stopped, when said ("stopped_by_customer": the customer pressed Stop).
    code: Annotated[str, StringConstraints(pattern=r"^[a-z_]{0,32}$")] = ""


SCRIPT_MESSAGES: tuple[type[PeerMessage], ...] = (
    ScriptsOffer,
    ScriptsAccepted,
    ScriptsRefused,
    ScriptPiece,
    ScriptOutput,
    ScriptFinished,
    ScriptsDone,
)
