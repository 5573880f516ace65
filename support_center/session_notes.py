"""A session's notes at the center: written by an agent of the session, kept with its record.

PUT /api/sessions/{number}/notes replaces the notes (the console sends them whole, once the
agent has reviewed them); GET /api/sessions/{number} returns them with the record.
"""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from shared.protocol.center_records import MAX_NOTES_CHARS, SessionNotes
from support_center.api import (
    STORE,
    problem,
    session_number_in_path,
    signed_in_agent,
    utf8_text,
)
from support_center.store import AgentRecord, SessionRecord, Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS session_notes (
    session_number INTEGER PRIMARY KEY REFERENCES sessions(number),
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    updated_at REAL NOT NULL
);
"""
# A notes body: the text at its limit, each character escaped in JSON at worst ("\\uXXXX" is 6
# bytes, a character outside the BMP 12), and the field's name.
MAX_NOTES_BODY_BYTES = MAX_NOTES_CHARS * 12 + 64


def ensure_schema(store: Store) -> None:
    store.db.executescript(SCHEMA)


def may_write_notes(record: SessionRecord, agent: AgentRecord) -> bool:
    """Whether ``agent`` may write ``record``'s notes: an agent of the session. Today that is
    its owner (the agent who started it); the one place to widen when assistants join."""
    return record.agent_id == agent.id


def save_notes(store: Store, number: int, text: str, author: str) -> None:
    ensure_schema(store)
    store.db.execute(
        "INSERT INTO session_notes (session_number, text, author, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(session_number) DO UPDATE SET "
        "text = excluded.text, author = excluded.author, updated_at = excluded.updated_at",
        (number, text, author, time.time()),
    )


def notes_of(store: Store, number: int) -> dict[str, Any] | None:
    """The session's notes as its record shows them; None if none were written."""
    ensure_schema(store)
    row = store.db.execute(
        "SELECT text, author, updated_at FROM session_notes WHERE session_number = ?", (number,)
    ).fetchone()
    if row is None:
        return None
    return {"text": row["text"], "author": row["author"], "updated_at": row["updated_at"]}


async def put_notes(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    number = session_number_in_path(request.match_info["number"])
    store = request.app[STORE]
    record = store.session(number)
    # Another agent's session is as unknown as a missing one: numbers are not confirmed.
    if record is None or not may_write_notes(record, agent):
        raise problem(404, "no_such_session", "There is no session with this number.")
    if request.content_length is not None and request.content_length > MAX_NOTES_BODY_BYTES:
        raise problem(413, "too_large", f"Notes hold at most {MAX_NOTES_CHARS} characters.")
    raw = await request.content.read(MAX_NOTES_BODY_BYTES + 1)
    if len(raw) > MAX_NOTES_BODY_BYTES:
        raise problem(413, "too_large", f"Notes hold at most {MAX_NOTES_CHARS} characters.")
    try:
        notes = SessionNotes.model_validate(json.loads(raw or b"{}"))
    except (ValueError, RecursionError, ValidationError):
        raise problem(
            400, "invalid", f"'text' must be text of at most {MAX_NOTES_CHARS} characters."
        ) from None
    if not utf8_text(notes.text):
        raise problem(400, "invalid", "'text' must be text.")
    save_notes(store, number, notes.text, agent.display_name)
    store.audit(number, agent.display_name, "notes.saved", chars=str(len(notes.text)))
    return web.json_response({"number": number, "chars": len(notes.text)})


def add_routes(app: web.Application) -> None:
    ensure_schema(app[STORE])
    app.router.add_put("/api/sessions/{number}/notes", put_notes)
