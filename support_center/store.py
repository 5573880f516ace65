"""The support center's records in SQLite: agents, sign-in tokens, sessions, participants, audit.

One connection, used from the event loop's thread only. Statements are short (WAL journal,
indexed look-ups), so they do not hold the loop up noticeably.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.protocol.limits import MAX_NAME_CHARS
from shared.protocol.messages import printable_line
from support_center.data_folder import create_private_file

SCHEMA = """
CREATE TABLE IF NOT EXISTS agents (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS agent_tokens (
    token_hash TEXT PRIMARY KEY,
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    number INTEGER PRIMARY KEY,
    agent_id INTEGER NOT NULL REFERENCES agents(id),
    password_hash TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'ended')),
    created_at REAL NOT NULL,
    ended_at REAL,
    end_reason TEXT
);
CREATE INDEX IF NOT EXISTS sessions_by_agent ON sessions(agent_id, status);
CREATE TABLE IF NOT EXISTS participants (
    id TEXT PRIMARY KEY,
    session_number INTEGER NOT NULL REFERENCES sessions(number),
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    os TEXT NOT NULL,
    machine TEXT NOT NULL,
    address TEXT NOT NULL,
    joined_at REAL NOT NULL,
    left_at REAL,
    left_reason TEXT
);
CREATE INDEX IF NOT EXISTS participants_by_session ON participants(session_number);
CREATE TABLE IF NOT EXISTS audit_events (
    id INTEGER PRIMARY KEY,
    session_number INTEGER NOT NULL,
    at REAL NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    lines TEXT
);
CREATE INDEX IF NOT EXISTS audit_by_session ON audit_events(session_number, id);
"""


@dataclass(frozen=True)
class AgentRecord:
    id: int
    username: str
    display_name: str
    password_hash: str


@dataclass(frozen=True)
class SessionRecord:
    number: int
    agent_id: int
    password_hash: str | None
    status: str
    created_at: float
    ended_at: float | None
    end_reason: str | None


def token_digest(token: str) -> str:
    # Tokens are 192 random bits: a plain hash is enough to keep a stolen database useless.
    return hashlib.sha256(token.encode()).hexdigest()


class Store:
    def __init__(self, path: Path | str) -> None:
        # Made private before SQLite opens it (it gives its journal files the same mode).
        create_private_file(Path(path))
        self._db = sqlite3.connect(str(path), isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Bring an older database up to this schema (columns added since)."""
        columns = {row["name"] for row in self._db.execute("PRAGMA table_info(participants)")}
        if "resume_hash" not in columns:
            # Lets a participant take their seat back after the center restarted.
            self._db.execute("ALTER TABLE participants ADD COLUMN resume_hash TEXT")
        columns = {row["name"] for row in self._db.execute("PRAGMA table_info(audit_events)")}
        if "lines" not in columns:
            # An entry's items (a bundle's files) as a JSON list; NULL for none, as old rows.
            self._db.execute("ALTER TABLE audit_events ADD COLUMN lines TEXT")

    @property
    def db(self) -> sqlite3.Connection:
        """The one connection, for the center's other record modules (invitations, notes,
        quick phrases): each creates and reads its own tables through it."""
        return self._db

    def close(self) -> None:
        self._db.close()

    # --- agents -------------------------------------------------------------------------------

    def add_agent(self, username: str, display_name: str, password_hash: str) -> int:
        # Customers see this name in every message about the agent: it must pass as a protocol
        # name, or the agent's sessions would fail at the first message naming them.
        display_name = display_name.strip()
        if not 0 < len(display_name) <= MAX_NAME_CHARS:
            raise ValueError(f"a display name has 1 to {MAX_NAME_CHARS} characters")
        try:
            printable_line(display_name)
        except ValueError as exc:
            raise ValueError(f"the display name {exc}") from None
        try:
            cursor = self._db.execute(
                "INSERT INTO agents (username, display_name, password_hash, created_at)"
                " VALUES (?, ?, ?, ?)",
                (username, display_name, password_hash, time.time()),
            )
        except sqlite3.IntegrityError:
            raise ValueError(f"an agent named {username!r} already exists") from None
        return int(cursor.lastrowid or 0)

    def set_agent_password(self, username: str, password_hash: str) -> bool:
        cursor = self._db.execute(
            "UPDATE agents SET password_hash = ? WHERE username = ?", (password_hash, username)
        )
        return cursor.rowcount == 1

    def agent_by_username(self, username: str) -> AgentRecord | None:
        row = self._db.execute(
            "SELECT id, username, display_name, password_hash FROM agents WHERE username = ?",
            (username,),
        ).fetchone()
        return AgentRecord(**dict(row)) if row else None

    def agent_by_id(self, agent_id: int) -> AgentRecord | None:
        row = self._db.execute(
            "SELECT id, username, display_name, password_hash FROM agents WHERE id = ?",
            (agent_id,),
        ).fetchone()
        return AgentRecord(**dict(row)) if row else None

    def save_token(self, token: str, agent_id: int, lifetime_s: float) -> None:
        now = time.time()
        self._db.execute("DELETE FROM agent_tokens WHERE expires_at < ?", (now,))
        self._db.execute(
            "INSERT INTO agent_tokens (token_hash, agent_id, expires_at) VALUES (?, ?, ?)",
            (token_digest(token), agent_id, now + lifetime_s),
        )

    def agent_for_token(self, token: str) -> AgentRecord | None:
        row = self._db.execute(
            "SELECT a.id, a.username, a.display_name, a.password_hash FROM agent_tokens t"
            " JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = ? AND t.expires_at > ?",
            (token_digest(token), time.time()),
        ).fetchone()
        return AgentRecord(**dict(row)) if row else None

    # --- sessions -----------------------------------------------------------------------------

    def create_session(self, number: int, agent_id: int, password_hash: str | None) -> bool:
        """False if the number is taken (the caller draws another)."""
        try:
            self._db.execute(
                "INSERT INTO sessions (number, agent_id, password_hash, status, created_at)"
                " VALUES (?, ?, ?, 'open', ?)",
                (number, agent_id, password_hash, time.time()),
            )
        except sqlite3.IntegrityError:
            return False
        return True

    def session(self, number: int) -> SessionRecord | None:
        row = self._db.execute("SELECT * FROM sessions WHERE number = ?", (number,)).fetchone()
        return SessionRecord(**dict(row)) if row else None

    def open_sessions_of(self, agent_id: int) -> list[int]:
        rows = self._db.execute(
            "SELECT number FROM sessions WHERE agent_id = ? AND status = 'open'", (agent_id,)
        ).fetchall()
        return [int(r["number"]) for r in rows]

    def end_session(self, number: int, reason: str) -> None:
        now = time.time()
        self._db.execute(
            "UPDATE sessions SET status = 'ended', ended_at = ?, end_reason = ?"
            " WHERE number = ? AND status = 'open'",
            (now, reason, number),
        )
        self._db.execute(
            "UPDATE participants SET left_at = ?, left_reason = 'removed'"
            " WHERE session_number = ? AND left_at IS NULL",
            (now, number),
        )

    # --- participants -------------------------------------------------------------------------

    def add_participant(
        self,
        pid: str,
        number: int,
        role: str,
        name: str,
        os: str,
        machine: str,
        address: str,
        resume_token: str,
    ) -> None:
        self._db.execute(
            "INSERT INTO participants (id, session_number, role, name, os, machine, address,"
            " joined_at, resume_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pid,
                number,
                role,
                name,
                os,
                machine,
                address,
                time.time(),
                token_digest(resume_token),
            ),
        )

    def seat_record(self, pid: str, number: int) -> dict[str, Any] | None:
        """A participant's seat as recorded, to give it back after a restart of the center."""
        row = self._db.execute(
            "SELECT id, role, name, os, machine, left_reason, resume_hash FROM participants"
            " WHERE id = ? AND session_number = ?",
            (pid, number),
        ).fetchone()
        return dict(row) if row else None

    def primary_agent_seat(self, number: int) -> str | None:
        """The id of the session's agent seat still held (to resume after a restart)."""
        row = self._db.execute(
            "SELECT id FROM participants WHERE session_number = ? AND role = 'primary_agent'"
            " AND (left_reason IS NULL OR left_reason NOT IN ('left', 'removed'))"
            " ORDER BY joined_at DESC LIMIT 1",
            (number,),
        ).fetchone()
        return str(row["id"]) if row else None

    def mark_all_disconnected(self) -> None:
        """At start-up nobody is connected yet, whatever the records said when we stopped."""
        self._db.execute(
            "UPDATE participants SET left_at = ?, left_reason = 'disconnected'"
            " WHERE left_at IS NULL",
            (time.time(),),
        )

    def participant_back(self, pid: str) -> None:
        self._db.execute(
            "UPDATE participants SET left_at = NULL, left_reason = NULL WHERE id = ?", (pid,)
        )

    def participant_left(self, pid: str, reason: str) -> None:
        self._db.execute(
            "UPDATE participants SET left_at = ?, left_reason = ? WHERE id = ? AND left_at IS NULL",
            (time.time(), reason, pid),
        )

    def participants(self, number: int) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT id, role, name, os, machine, joined_at, left_at, left_reason"
            " FROM participants WHERE session_number = ? ORDER BY joined_at",
            (number,),
        ).fetchall()
        return [dict(r) for r in rows]

    # --- audit --------------------------------------------------------------------------------

    def audit(
        self, number: int, actor: str, kind: str, lines: Sequence[str] = (), /, **detail: str
    ) -> None:
        # Positional-only: a peer's note may carry details named "number", "kind", "lines" or
        # "self".
        self._db.execute(
            "INSERT INTO audit_events (session_number, at, actor, kind, detail, lines)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                number,
                time.time(),
                actor,
                kind,
                json.dumps(detail, ensure_ascii=False),
                json.dumps(list(lines), ensure_ascii=False) if lines else None,
            ),
        )

    def audit_events(self, number: int) -> list[dict[str, Any]]:
        """The session's entries in order: when, who, what, its detail and its lines (the items
        it lists, one a line; none for an entry recorded before lines existed)."""
        rows = self._db.execute(
            "SELECT at, actor, kind, detail, lines FROM audit_events"
            " WHERE session_number = ? ORDER BY id",
            (number,),
        ).fetchall()
        return [
            {
                **dict(r),
                "detail": json.loads(r["detail"]),
                "lines": json.loads(r["lines"]) if r["lines"] else [],
            }
            for r in rows
        ]
