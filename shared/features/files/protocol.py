"""File transfer's control messages (on the control channel); the data itself goes on the bulk
channel in binary frames (chunks.py).

Sending (the agent's file to the customer): the sender offers, the receiver accepts from an
offset (or refuses with a reason), the sender streams chunks from there, the receiver reports
progress and, once the file is verified, done. Fetching (a file of the customer's): the agent
asks with ``FileFetch``; the customer's side, once allowed, offers it as above. Either side
aborts; the receiver asks to resume from an offset after a drop or a damaged chunk.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from shared.features.files.names import MAX_PATH_BYTES, SEPARATOR, check_name, check_path
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
GroupId = Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{16})?$")]
# One name in a folder (no separator), by the destination's rules.
EntryName = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_PATH_BYTES), AfterValidator(check_name)
]


def _folder_path(value: str) -> str:
    """A folder under a root: "" is the root itself."""
    return SEPARATOR.join(check_path(value)) if value else ""


FolderPath = Annotated[
    str, StringConstraints(max_length=MAX_RELATIVE_CHARS), AfterValidator(_folder_path)
]
# A root of the customer's machine as their side listed it (its path there: "/home/grace",
# "C:\\", "\\\\server\\share"); the customer's side takes only one it lists now.
RootId = RemotePath
# Entries in one listing answer: a page must fit in 16 KiB (under a peer message) with the longest
# names (255 bytes each); the customer's side also stops a page early by its encoded size.
MAX_PAGE_ENTRIES = 40
# Roots in one answer: drives A-Z, home, / and mounted volumes fit well under it.
MAX_ROOTS = 40
# Entries the agent picks at once in one folder (several files, Ctrl-click).
MAX_PICKED = 100
# Entries a group names in the customer's question ("report.pdf, notes.txt, …"): enough to
# recognise it, and the question stays one short line.
MAX_NAMED = 3
# Files the agent publishes at once in the basic mode (one window, one list).
MAX_PUBLISHED = 50


class FileOffer(PeerMessage):
    """Sender to receiver: this file, this size and hash; chunks follow an accept."""

    type: Literal["files.offer"] = "files.offer"
    id: TransferId
    name: RelativeName
    size: Offset
    sha256: Sha256
    # Where the agent suggests it goes on the customer's side; the customer's side decides.
    folder_hint: Annotated[str, StringConstraints(max_length=MAX_PATH_CHARS)] = ""
    # A file of a group (a folder tree, several files: ``FileTree``) the receiver allowed as a
    # whole: ``name`` is then its path in the tree; "" for a file on its own.
    group: GroupId = ""


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
    # The name it was kept under, when not the one sent (the receiver chose Keep both).
    saved_as: EntryName | None = None


class FileAbort(PeerMessage):
    """Either way: stopped (by a user, or a failure the reason names)."""

    type: Literal["files.abort"] = "files.abort"
    id: TransferId
    reason: Reason = ""


# --- browsing and changing the customer's folders (advanced mode) ------------------------------


class FolderEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: EntryName
    size: Offset
    modified: float  # seconds since the epoch
    folder: bool
    link: bool = False  # a symbolic link: shown, never followed


class RootKind(StrEnum):
    HOME = "home"
    SYSTEM = "system"  # "/" on Linux, the system drive on Windows
    VOLUME = "volume"  # a mounted disk, a USB stick, another drive letter
    NETWORK = "network"  # a mapped network drive, an NFS or SMB mount
    REMOVABLE = "removable"


class RootEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: RootId
    label: Annotated[str, StringConstraints(max_length=200), AfterValidator(printable_line)]
    kind: RootKind


class FolderRoots(PeerMessage):
    """Agent to customer: which folders may I browse (home, /, drives, mounted volumes)?"""

    type: Literal["files.roots"] = "files.roots"
    id: TransferId


class FolderRootList(PeerMessage):
    type: Literal["files.root_list"] = "files.root_list"
    id: TransferId
    roots: list[RootEntry] = Field(max_length=MAX_ROOTS)


class FolderList(PeerMessage):
    """Agent to customer: one page of ``path`` under ``root``, from entry ``offset``."""

    type: Literal["files.list"] = "files.list"
    id: TransferId
    root: RootId
    path: FolderPath = ""
    offset: Offset = 0


class FolderListing(PeerMessage):
    """Customer to agent: entries ``offset``… of the folder (sorted: folders first, by name),
    ``total`` in all; the agent asks for the next page while ``offset + len < total``."""

    type: Literal["files.listing"] = "files.listing"
    id: TransferId
    root: RootId
    path: FolderPath
    offset: Offset
    total: Offset
    entries: list[FolderEntry] = Field(max_length=MAX_PAGE_ENTRIES)


class FolderOp(StrEnum):
    CREATE = "create"  # a new folder ``path``
    RENAME = "rename"  # ``path`` becomes ``new_name`` in the same folder
    DELETE = "delete"  # a file, an empty folder, or a folder and all in it if ``recursive``


class FolderChange(PeerMessage):
    """Agent to customer: change something on their disk (asked first, unless allowed)."""

    type: Literal["files.change"] = "files.change"
    id: TransferId
    op: FolderOp
    root: RootId
    path: RelativeName
    new_name: EntryName | None = None
    # Delete a folder that is not empty, with everything in it: the agent's side confirmed it.
    recursive: bool = False


class FolderAnswer(PeerMessage):
    """Customer to agent: a change done (``error`` empty), or a request refused and why."""

    type: Literal["files.answer"] = "files.answer"
    id: TransferId
    error: Reason = ""


class FolderReadingEnded(PeerMessage):
    """Customer to agent: the customer stopped the agent seeing their folders; the next
    listing asks them again (the agent's pane forgets what it shows)."""

    type: Literal["files.reading_ended"] = "files.reading_ended"


# --- groups: folder trees and several files at once ----------------------------------------


class FileTree(PeerMessage):
    """Sender to receiver: a group of ``files`` files (``size`` bytes in all) and folders
    follows, each offered with ``group`` = ``id``; the receiver allows it as a whole
    (``FileTreeAnswer``). ``root``/``folder``: where on the customer's machine the agent
    wants it ("" root: the customer's own folder for received files)."""

    type: Literal["files.tree"] = "files.tree"
    id: TransferId
    name: Annotated[str, StringConstraints(max_length=MAX_PATH_BYTES)] = ""
    files: Offset
    size: Offset
    root: Annotated[str, StringConstraints(max_length=MAX_PATH_CHARS)] = ""
    folder: FolderPath = ""
    # For the customer's question: the first entries picked (files or folders), how many were
    # picked in all, and whether the group is one folder sent whole.
    named: list[EntryName] = Field(default_factory=list, max_length=MAX_NAMED)
    picked: Offset = 0
    one_folder: bool = False


class FileTreeAnswer(PeerMessage):
    type: Literal["files.tree_answer"] = "files.tree_answer"
    id: TransferId
    granted: bool
    reason: Reason = ""


class FileTreeFolder(PeerMessage):
    """Sender to receiver: a folder of the group (empty ones too), created as it is."""

    type: Literal["files.tree_folder"] = "files.tree_folder"
    group: TransferId
    path: RelativeName


class FileTreeEnd(PeerMessage):
    """Sender to receiver: every file and folder of the group is offered."""

    type: Literal["files.tree_end"] = "files.tree_end"
    group: TransferId
    files: Offset


class FileFetchTree(PeerMessage):
    """Agent to customer: send me these entries of ``folder`` (files and whole folders)."""

    type: Literal["files.fetch_tree"] = "files.fetch_tree"
    id: TransferId
    root: RootId
    folder: FolderPath = ""
    names: list[EntryName] = Field(min_length=1, max_length=MAX_PICKED)


# --- bundles: many small files of a group as one transfer (bundles.py) ---------------------

# Files in one bundle: 1 MiB of 4 KiB files (bundles.py's MAX_BUNDLE_BYTES). 256 entries of a
# short name (~160 bytes each as JSON) fit a peer message (MAX_PEER_MESSAGE_BYTES, 48 KiB); the
# sender also stops a bundle early by its encoded size, so long names make smaller bundles.
MAX_BUNDLE_ENTRIES = 256
# A reason per entry in a bundle's result: 256 of them must fit one peer message too.
MAX_ENTRY_REASON_CHARS = 120
EntryReason = Annotated[str, StringConstraints(max_length=MAX_ENTRY_REASON_CHARS)]


class BundleEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: TransferId  # the file's own transfer (its row in the views, a Stop for it alone)
    name: RelativeName
    size: Offset
    sha256: Sha256


class FileBundle(PeerMessage):
    """Sender to receiver: these files of allowed group ``group``, ``size`` bytes in all; their
    bytes follow one after the other on the bulk channel as transfer ``id`` once accepted
    (``FileAccept``; ``FileResume``, ``FileAbort``, ``FileRefuse`` as for a file)."""

    type: Literal["files.bundle"] = "files.bundle"
    id: TransferId
    group: TransferId
    size: Offset
    entries: list[BundleEntry] = Field(min_length=1, max_length=MAX_BUNDLE_ENTRIES)


class EntryOutcome(StrEnum):
    DONE = "done"  # written under its name (or "name (2)"), verified
    SKIPPED = "skipped"  # the name was taken and the answer was to skip it
    FAILED = "failed"  # not written: the reason says why


class EntryResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    outcome: EntryOutcome
    reason: EntryReason = ""
    saved_as: EntryName | None = None  # as FileDone's


class FileBundleDone(PeerMessage):
    """Receiver to sender: what became of each entry, in the bundle's order."""

    type: Literal["files.bundle_done"] = "files.bundle_done"
    id: TransferId
    results: list[EntryResult] = Field(min_length=1, max_length=MAX_BUNDLE_ENTRIES)


# --- the basic mode: the agent publishes, the customer downloads ----------------------------

PublishedId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{1,16}$")]


class PublishedFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: PublishedId
    name: EntryName
    size: Offset


class FilesPublished(PeerMessage):
    """Agent to customer: the files on offer now (the whole list; empty: publishing ended)."""

    type: Literal["files.published"] = "files.published"
    files: list[PublishedFile] = Field(max_length=MAX_PUBLISHED)


class FileDownload(PeerMessage):
    """Customer to agent: I want published file ``file``; offer it as transfer ``id``."""

    type: Literal["files.download"] = "files.download"
    id: TransferId
    file: PublishedId


FILE_MESSAGES: tuple[type[PeerMessage], ...] = (
    FileOffer,
    FileFetch,
    FileAccept,
    FileRefuse,
    FileProgress,
    FileResume,
    FileDone,
    FileAbort,
    FolderRoots,
    FolderRootList,
    FolderList,
    FolderListing,
    FolderChange,
    FolderAnswer,
    FolderReadingEnded,
    FileTree,
    FileTreeAnswer,
    FileTreeFolder,
    FileTreeEnd,
    FileFetchTree,
    FilesPublished,
    FileDownload,
    FileBundle,
    FileBundleDone,
)
