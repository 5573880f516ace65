"""The script library as the agent's console reads and changes it at the center (no Qt: the
views call these on the asyncio thread)."""

from __future__ import annotations

import base64
from pathlib import Path

from shared.features.scripts.runner import ScriptFiles
from shared.protocol.scripts import (
    MAX_SCRIPT_FILE_BYTES,
    ScriptContent,
    ScriptFile,
    ScriptLibrary,
    ScriptSummary,
    ScriptUpload,
)
from shared.transport.center_link import CenterError, CenterLink


class FileProblem(ValueError):
    """A file the console does not send: ``code`` says which problem (the views word it)."""

    def __init__(self, code: str, path: Path) -> None:
        super().__init__(f"{code}: {path}")
        self.code = code  # "missing", "too_large", "unreadable"
        self.path = path


def read_file(path: Path) -> ScriptFile:
    """A file picked for a script, checked here first: it exists, and is at most 1 MB."""
    if not path.is_file():
        raise FileProblem("missing", path)
    try:
        if path.stat().st_size > MAX_SCRIPT_FILE_BYTES:
            raise FileProblem("too_large", path)
        data = path.read_bytes()
    except OSError:
        raise FileProblem("unreadable", path) from None
    if len(data) > MAX_SCRIPT_FILE_BYTES:
        raise FileProblem("too_large", path)
    return ScriptFile(name=path.name, data=base64.b64encode(data).decode())


async def load_library(center: CenterLink, token: str) -> ScriptLibrary:
    data = await center.call("GET", "/api/scripts", token=token)
    return ScriptLibrary.model_validate(data)


async def save_script(
    center: CenterLink, token: str, upload: ScriptUpload, script_id: int | None = None
) -> ScriptSummary:
    """Add a script (``script_id`` None) or edit one of the agent's own."""
    body = upload.model_dump(exclude_none=True)
    if script_id is None:
        data = await center.call("POST", "/api/scripts", body, token=token)
    else:
        data = await center.call("PUT", f"/api/scripts/{script_id}", body, token=token)
    return ScriptSummary.model_validate(data)


async def delete_script(center: CenterLink, token: str, script_id: int) -> None:
    await center.call("DELETE", f"/api/scripts/{script_id}", token=token)


async def _fetch(center: CenterLink, token: str, script_id: int, which: str) -> bytes:
    data = bytearray()
    while True:
        answer = await center.call(
            "GET", f"/api/scripts/{script_id}/content?file={which}&offset={len(data)}", token=token
        )
        piece = ScriptContent.model_validate(answer)
        data += base64.b64decode(piece.data)
        if len(data) >= piece.size or not piece.data:
            break
        if len(data) > MAX_SCRIPT_FILE_BYTES:
            raise CenterError("malformed", "The support center sent an unexpected answer.")
    return bytes(data)


async def fetch_files(center: CenterLink, token: str, script: ScriptSummary) -> ScriptFiles:
    """The script's files as the library holds them, to send to a customer."""
    executable = await _fetch(center, token, script.id, "executable")
    given_input = await _fetch(center, token, script.id, "input") if script.input_name else None
    return ScriptFiles(script.executable_name, executable, script.input_name, given_input)
