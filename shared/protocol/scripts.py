"""Bodies of the center's API for the script library (the manual's "Bibliothèque de scripts
personnalisés"): what agents add and read, and the hashes a session's customer asks for to check
the bytes an agent's console sends them."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# The manual's limit ("Les scripts peuvent atteindre 1 Mo"), per file: the executable and its
# input file each. A script is a tool, not a payload; the peer link carries it in pieces.
MAX_SCRIPT_FILE_BYTES = 1024 * 1024
# A script's name shows in lists and in the customer's question.
MAX_SCRIPT_NAME_CHARS = 80
# A category's name, made by the site's administrator.
MAX_CATEGORY_CHARS = 60
# A description clarifies what a script is for: a few sentences.
MAX_SCRIPT_DESCRIPTION_CHARS = 1000
# A file's name as the customer's machine gets it (beside the other in a temporary folder).
MAX_FILE_NAME_CHARS = 120
# Scripts one run takes: the customer reads every one in the question.
MAX_SCRIPTS_PER_RUN = 20
# Raw bytes of one file per GET of its content: base64 (4/3) and JSON stay well within what
# the center link reads of one answer (256 KiB).
CONTENT_PIECE_BYTES = 128 * 1024

Name = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_SCRIPT_NAME_CHARS, strip_whitespace=True)
]
Category = Annotated[str, StringConstraints(min_length=1, max_length=MAX_CATEGORY_CHARS)]
# A plain file name: no folder, nothing hidden, no separator of either OS.
FileName = Annotated[
    str,
    StringConstraints(
        min_length=1,
        max_length=MAX_FILE_NAME_CHARS,
        pattern=r"^[^/\\:*?\"<>|\x00-\x1f.][^/\\:*?\"<>|\x00-\x1f]*$",
    ),
]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# A file's bytes in base64: at most MAX_SCRIPT_FILE_BYTES once decoded (checked by the center,
# which says which file is too large); the text itself is bounded a little above.
Base64 = Annotated[str, StringConstraints(max_length=(MAX_SCRIPT_FILE_BYTES * 4) // 3 + 8)]


class ScriptFile(BaseModel):
    """A file as an agent sends it: its name and bytes (base64)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: FileName
    data: Base64


class ScriptUpload(BaseModel):
    """POST /api/scripts (add) and PUT /api/scripts/{id} (edit: a file left out stays)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Name
    category: Category
    description: Annotated[str, StringConstraints(max_length=MAX_SCRIPT_DESCRIPTION_CHARS)] = ""
    published: bool = False
    executable: ScriptFile | None = None
    input: ScriptFile | None = None
    # Edit only: take the input file away.
    remove_input: bool = False


class ScriptSummary(BaseModel):
    """One script of the library as an agent sees it (no bytes)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: int = Field(ge=1)
    name: Name
    category: Category
    description: str = ""
    published: bool
    owner: str  # the agent who added it, by display name
    mine: bool  # the asking agent's own: they may edit and delete it
    executable_name: FileName
    executable_size: int = Field(ge=0, le=MAX_SCRIPT_FILE_BYTES)
    executable_sha256: Sha256
    input_name: FileName | None = None
    input_size: int = Field(default=0, ge=0, le=MAX_SCRIPT_FILE_BYTES)
    input_sha256: Sha256 | None = None
    updated_at: float = 0.0


class ScriptLibrary(BaseModel):
    """GET /api/scripts: the scripts this agent may see (published, or their own), and the
    site's categories."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    scripts: list[ScriptSummary] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)


class ScriptContent(BaseModel):
    """GET /api/scripts/{id}/content?file=executable|input&offset=N: one piece of a file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    offset: int = Field(ge=0)
    size: int = Field(ge=0, le=MAX_SCRIPT_FILE_BYTES)  # the whole file's
    data: Annotated[str, StringConstraints(max_length=(CONTENT_PIECE_BYTES * 4) // 3 + 8)]


class HashesAsked(BaseModel):
    """POST /api/sessions/{number}/script-hashes: a participant of the session (its id and
    the resume token the center gave its seat) asks what the library holds for these scripts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    participant_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    resume_token: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    ids: list[Annotated[int, Field(ge=1)]] = Field(min_length=1, max_length=MAX_SCRIPTS_PER_RUN)


class ScriptHash(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: int = Field(ge=1)
    executable_sha256: Sha256
    input_sha256: Sha256 | None = None


class ScriptHashes(BaseModel):
    """The answer: what the center holds for each script it knows (unknown ones left out)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    hashes: list[ScriptHash] = Field(default_factory=list, max_length=MAX_SCRIPTS_PER_RUN)
