"""A session's notes at the center: each agent of the session (the one in charge and the
assistants) writes their own, all kept with its record.

PUT /api/sessions/{number}/notes replaces the agent's own notes (the console sends them whole,
once the agent has reviewed them); GET /api/sessions/{number} returns them with the record: the
asking agent's own as ``notes``, every agent's as ``notes_by_agent``.
"""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from shared.protocol.center_records import MAX_NOTES_CHARS, SessionNotes
from shared.protocol.messages import Role
from support_center.api import (
    HUB,
    STORE,
    problem,
    session_number_in_path,
    signed_in_agent,
    utf8_text,
)
from support_center.store import AgentRecord, SessionRecord, Store

# session_notes: one text per session, as the first version kept them (its agent's); read
# into agent_notes, keyed per agent, the first time this version opens the records.
SCHEMA = """
CREATE TABLE IF NOT EXISTS session_notes (
    session_number INTEGER PRIMARY KEY REFERENCES sessions(number),
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS agent_notes (
    session_number INTEGER NOT NULL REFERENCES sessions(number),
    agent_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (session_number, agent_id)
);
INSERT OR IGNORE INTO agent_notes (session_number, agent_id, text, author, updated_at)
    SELECT n.session_number, s.agent_id, n.text, n.author, n.updated_at
    FROM session_notes n JOIN sessions s ON s.number = n.session_number;
DELETE FROM session_notes;
"""
# A notes body: the text at its limit, each character escaped in JSON at worst ("\\uXXXX" is 6
# bytes, a character outside the BMP 12), and the field's name.
MAX_NOTES_BODY_BYTES = MAX_NOTES_CHARS * 12 + 64


def ensure_schema(store: Store) -> None:
    store.db.executescript(SCHEMA)


def may_write_notes(
    store: Store, record: SessionRecord, agent: AgentRecord, role: Role | None
) -> bool:
    """Whether ``agent`` may write their notes of ``record``: an agent seated in the session,
    in charge or assisting (``role``: the hub's ``agent_role`` while it runs), or its agent.
    Once it is over an assistant's seat is gone, and their notes (kept as they typed, sent
    once reviewed at the end) are taken when the seat records say they held one in it."""
    if record.agent_id == agent.id or role is not None:
        return True
    row = store.db.execute(
        "SELECT 1 FROM agent_seats WHERE session_number = ? AND agent_id = ?",
        (record.number, agent.id),
    ).fetchone()
    return row is not None


def save_notes(store: Store, number: int, agent_id: int, text: str, author: str) -> None:
    """``agent_id``'s own notes of session ``number`` (each agent's replace only their own)."""
    ensure_schema(store)
    store.db.execute(
        "INSERT INTO agent_notes (session_number, agent_id, text, author, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_number, agent_id) DO UPDATE SET "
        "text = excluded.text, author = excluded.author, updated_at = excluded.updated_at",
        (number, agent_id, text, author, time.time()),
    )


def notes_of(store: Store, number: int, agent_id: int) -> dict[str, Any] | None:
    """``agent_id``'s notes of the session as its record shows them; None if none."""
    found = [n for n in all_notes_of(store, number) if n["agent_id"] == agent_id]
    if not found:
        return None
    return {k: found[0][k] for k in ("text", "author", "updated_at")}


def all_notes_of(store: Store, number: int) -> list[dict[str, Any]]:
    """Every agent's notes of the session, oldest first."""
    ensure_schema(store)
    rows = store.db.execute(
        "SELECT agent_id, text, author, updated_at FROM agent_notes WHERE session_number = ? "
        "ORDER BY updated_at",
        (number,),
    ).fetchall()
    return [
        {
            "agent_id": row["agent_id"],
            "text": row["text"],
            "author": row["author"],
            "updated_at": row["updated_at"],
        }
        for row in rows
    ]


async def put_notes(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    number = session_number_in_path(request.match_info["number"])
    store = request.app[STORE]
    record = store.session(number)
    # Another agent's session is as unknown as a missing one: numbers are not confirmed.
    role = request.app[HUB].agent_role(number, agent.id) if record is not None else None
    if record is None or not may_write_notes(store, record, agent, role):
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
    save_notes(store, number, agent.id, notes.text, agent.display_name)
    store.audit(number, agent.display_name, "notes.saved", chars=str(len(notes.text)))
    return web.json_response({"number": number, "chars": len(notes.text)})


def add_routes(app: web.Application) -> None:
    ensure_schema(app[STORE])
    app.router.add_put("/api/sessions/{number}/notes", put_notes)
