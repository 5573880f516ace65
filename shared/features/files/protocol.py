"""File transfer's control messages (on the control channel); the data itself goes on the bulk
channel in binary frames (chunks.py).

Sending (the agent's file to the customer): the sender offers, the receiver accepts from an
offset (or refuses with a reason), the sender streams chunks from there, the receiver reports
progress and, once the file is verified, done. Fetching (a file of the customer's): the agent
asks with ``FileFetch``; the customer's side, once allowed, offers it as above. Either side
aborts; the receiver asks to resume from an offset after a drop or a damaged chunk.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from shared.features.files.names import MAX_PATH_BYTES, SEPARATOR, check_path
from shared.protocol.limits import MAX_REASON_CHARS
from shared.protocol.messages import PeerMessage, printable_line

NAME = "files"

# Transfer ids: 8 random bytes as hex (the same 8 bytes head every chunk of the transfer).
TransferId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
# A relative name with folders ("reports/2024/june.pdf"), checked as the destination does.
MAX_RELATIVE_CHARS = MAX_PATH_BYTES
# A path on the machine that reads it (the customer's, for a fetch): shown to them as it is.
MAX_PATH_CHARS = 4096
# The wire takes sizes far past any file limit, so that an offer over the limit is refused by
# the receiver with a reason naming the limit (a setting), not dropped as a bad message.
MAX_WIRE_SIZE = 2**50
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Reason = Annotated[str, StringConstraints(max_length=MAX_REASON_CHARS)]


def _relative_name(value: str) -> str:
    """A name under the chosen folder, NFC, by the destination's own rules (BadName is a
    ValueError: the message is refused as invalid)."""
    return SEPARATOR.join(check_path(value))


RelativeName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_RELATIVE_CHARS),
    AfterValidator(_relative_name),
]
RemotePath = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_PATH_CHARS), AfterValidator(printable_line)
]
Offset = Annotated[int, Field(ge=0, le=MAX_WIRE_SIZE, strict=True)]


class FileOffer(PeerMessage):
    """Sender to receiver: this file, this size and hash; chunks follow an accept."""

    type: Literal["files.offer"] = "files.offer"
    id: TransferId
    name: RelativeName
    size: Offset
    sha256: Sha256
    # Where the agent suggests it goes on the customer's side; the customer's side decides.
    folder_hint: Annotated[str, StringConstraints(max_length=MAX_PATH_CHARS)] = ""


class FileFetch(PeerMessage):
    """Agent to customer: send me this file of yours (the customer is asked first)."""

    type: Literal["files.fetch"] = "files.fetch"
    id: TransferId
    path: RemotePath


class FileAccept(PeerMessage):
    """Receiver to sender: allowed; send from ``offset``."""

    type: Literal["files.accept"] = "files.accept"
    id: TransferId
    offset: Offset = 0


class FileRefuse(PeerMessage):
    """Either way: this offer or fetch will not happen, and why (said to the user)."""

    type: Literal["files.refuse"] = "files.refuse"
    id: TransferId
    reason: Reason


class FileProgress(PeerMessage):
    """Receiver to sender: this much is written (the sender's progress bar follows it)."""

    type: Literal["files.progress"] = "files.progress"
    id: TransferId
    received: Offset


class FileResume(PeerMessage):
    """Receiver to sender: send again from ``offset`` (after a drop, or a damaged chunk)."""

    type: Literal["files.resume"] = "files.resume"
    id: TransferId
    offset: Offset


class FileDone(PeerMessage):
    """Receiver to sender: the whole file arrived and its SHA-256 matched."""

    type: Literal["files.done"] = "files.done"
    id: TransferId
    sha256: Sha256


class FileAbort(PeerMessage):
    """Either way: stopped (by a user, or a failure the reason names)."""

    type: Literal["files.abort"] = "files.abort"
    id: TransferId
    reason: Reason = ""


FILE_MESSAGES: tuple[type[PeerMessage], ...] = (
    FileOffer,
    FileFetch,
    FileAccept,
    FileRefuse,
    FileProgress,
    FileResume,
    FileDone,
    FileAbort,
)
