"""The script library's routes:

* ``GET /api/scripts``: the scripts the signed-in agent may see, and the site's categories;
* ``POST /api/scripts``, ``PUT /api/scripts/{id}``, ``DELETE /api/scripts/{id}``: add, edit,
  delete (editing and deleting: one's own scripts only);
* ``GET /api/scripts/{id}/content?file=executable|input&offset=N``: a file's bytes, in pieces;
* ``POST /api/sessions/{number}/script-hashes``: for a session's participant (its id and resume
  token, which the customer's client holds), what the library holds for some scripts, so that the
  client refuses bytes an agent's console changed.
"""

from __future__ import annotations

import base64
import binascii
import hmac

from aiohttp import web
from pydantic import ValidationError

from shared.protocol.scripts import (
    CONTENT_PIECE_BYTES,
    MAX_SCRIPT_FILE_BYTES,
    HashesAsked,
    ScriptContent,
    ScriptFile,
    ScriptHashes,
    ScriptLibrary,
    ScriptUpload,
)
from support_center.api import (
    STORE,
    json_object,
    parse_body,
    problem,
    session_number_in_path,
    signed_in_agent,
)
from support_center.scripts import records
from support_center.scripts.records import LibraryError, NewFile
from support_center.store import token_digest

# An upload carries two files of at most 1 MB in base64 (4/3) and a few fields; a bigger body
# is refused before it is read, saying the files' limit.
MAX_UPLOAD_BODY_BYTES = 2 * ((MAX_SCRIPT_FILE_BYTES * 4) // 3 + 8) + 16 * 1024
TOO_LARGE = "A script's files hold at most 1 MB each."


async def _upload(request: web.Request) -> ScriptUpload:
    if request.content_length is not None and request.content_length > MAX_UPLOAD_BODY_BYTES:
        raise problem(413, "too_large", TOO_LARGE)
    raw = await _read_at_most(request, MAX_UPLOAD_BODY_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BODY_BYTES:
        raise problem(413, "too_large", TOO_LARGE)
    body = json_object(raw)
    try:
        return ScriptUpload.model_validate(body)
    except ValidationError as exc:
        raise problem(400, "invalid", _first_error(exc)) from None


async def _read_at_most(request: web.Request, limit: int) -> bytes:
    """The body up to ``limit`` bytes (one ``read`` may stop at a chunk)."""
    body = bytearray()
    while len(body) < limit:
        chunk = await request.content.read(limit - len(body))
        if not chunk:
            break
        body += chunk
    return bytes(body)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    if where.endswith("data") and error["type"] == "string_too_long":
        return TOO_LARGE
    return f"'{where}' is not valid: {error['msg']}."


def _file(given: ScriptFile | None, what: str) -> NewFile | None:
    if given is None:
        return None
    try:
        data = base64.b64decode(given.data, validate=True)
    except (binascii.Error, ValueError):
        raise problem(400, "invalid", f"The {what} is not valid base64.") from None
    try:
        records.check_size(what, data)
    except LibraryError as exc:
        raise problem(exc.status, exc.code, str(exc)) from None
    return NewFile(given.name, data)


def _script_id(request: web.Request) -> int:
    try:
        script_id = int(request.match_info["id"])
    except ValueError:
        raise problem(404, "no_such_script", "There is no such script in the library.") from None
    if not 1 <= script_id < 2**62:
        raise problem(404, "no_such_script", "There is no such script in the library.")
    return script_id


async def get_library(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    store = request.app[STORE]
    body = ScriptLibrary(
        scripts=records.library(store, agent.id), categories=records.categories(store)
    )
    return web.json_response(body.model_dump())


async def add(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    upload = await _upload(request)
    executable = _file(upload.executable, "executable file")
    if executable is None:
        raise problem(400, "no_executable", "Choose the script's executable file.")
    try:
        script = records.add_script(
            request.app[STORE],
            agent.id,
            agent.display_name,
            name=upload.name,
            category=upload.category,
            description=upload.description,
            published=upload.published,
            executable=executable,
            input_file=_file(upload.input, "input file"),
        )
    except LibraryError as exc:
        raise problem(exc.status, exc.code, str(exc)) from None
    return web.json_response(script.model_dump(), status=201)


async def edit(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    script_id = _script_id(request)
    upload = await _upload(request)
    try:
        script = records.edit_script(
            request.app[STORE],
            script_id,
            agent.id,
            agent.display_name,
            name=upload.name,
            category=upload.category,
            description=upload.description,
            published=upload.published,
            executable=_file(upload.executable, "executable file"),
            input_file=_file(upload.input, "input file"),
            remove_input=upload.remove_input,
        )
    except LibraryError as exc:
        raise problem(exc.status, exc.code, str(exc)) from None
    return web.json_response(script.model_dump())


async def delete(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    script_id = _script_id(request)
    try:
        records.delete_script(request.app[STORE], script_id, agent.id, agent.display_name)
    except LibraryError as exc:
        raise problem(exc.status, exc.code, str(exc)) from None
    return web.json_response({"id": script_id, "deleted": True})


async def content(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    script_id = _script_id(request)
    store = request.app[STORE]
    which = request.query.get("file", "executable")
    if which not in ("executable", "input") or records.visible(store, script_id, agent.id) is None:
        raise problem(404, "no_such_script", "There is no such script in the library.")
    data = records.file_bytes(store, script_id, which)
    if data is None:
        raise problem(404, "no_input", "This script has no input file.")
    try:
        offset = int(request.query.get("offset", "0"))
    except ValueError:
        offset = -1
    if not 0 <= offset <= len(data):
        raise problem(400, "invalid", "The offset is outside the file.")
    piece = data[offset : offset + CONTENT_PIECE_BYTES]
    body = ScriptContent(offset=offset, size=len(data), data=base64.b64encode(piece).decode())
    return web.json_response(body.model_dump())


async def session_hashes(request: web.Request) -> web.Response:
    """For a participant of an open session only, proven by the resume token its seat got."""
    number = session_number_in_path(request.match_info["number"])
    if request.content_length is not None and request.content_length > 4096:
        raise problem(413, "too_large", "The request is too large.")
    body = parse_body(await request.content.read(4097))
    try:
        asked = HashesAsked.model_validate(body)
    except ValidationError:
        raise problem(
            400, "invalid", "Name the participant, its resume token and the scripts."
        ) from None
    store = request.app[STORE]
    record = store.session(number)
    seat = store.seat_record(asked.participant_id, number)
    stored = str(seat["resume_hash"] or "") if seat is not None else ""
    proven = hmac.compare_digest(stored, token_digest(asked.resume_token))
    if record is None or record.status != "open" or seat is None or not proven:
        # One answer for every case: nothing tells a guesser which part was wrong.
        raise problem(403, "not_a_participant", "Only the session's participants may ask this.")
    answer = ScriptHashes(hashes=records.hashes(store, asked.ids))
    return web.json_response(answer.model_dump())


def add_routes(app: web.Application) -> None:
    records.ensure_schema(app[STORE])
    app.router.add_get("/api/scripts", get_library)
    app.router.add_post("/api/scripts", add)
    app.router.add_put("/api/scripts/{id}", edit)
    app.router.add_delete("/api/scripts/{id}", delete)
    app.router.add_get("/api/scripts/{id}/content", content)
    app.router.add_post("/api/sessions/{number}/script-hashes", session_hashes)
