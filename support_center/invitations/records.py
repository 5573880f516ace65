"""Who may invite, and how many invitations an agent has had the center send lately."""

from __future__ import annotations

import sqlite3
import time

from support_center.store import AgentRecord, SessionRecord

# Invitations the center mails for one agent in INVITATION_WINDOW_S: an agent invites a few
# people an hour, and sends one again after a mail-server outage; more is the center being used
# as a spam relay (by a stolen account or a modified console), which would get the site's mail
# server blacklisted. Every attempt counts, sent or not.
MAX_INVITATIONS_PER_AGENT = 30
INVITATION_WINDOW_S = 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS invitations (
    id INTEGER PRIMARY KEY,
    agent_id INTEGER NOT NULL,
    session_number INTEGER NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS invitations_by_agent ON invitations (agent_id, at);
"""


def may_invite(session: SessionRecord, agent: AgentRecord) -> bool:
    """Whether ``agent`` may invite people to ``session``: the one rule, for every route.
    Only the agent in charge (the session's owner: ``sessions.agent_id`` follows a transfer
    of control): inviting hands out the session's join link, which an assistant is not given,
    and the console disables Invite for assistants (docs/architecture.md, "Roles")."""
    return session.agent_id == agent.id


class InvitationLog:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        db.executescript(_SCHEMA)

    def wait_before_next(self, agent_id: int, now: float | None = None) -> float:
        """Seconds until ``agent_id`` may have another invitation sent; 0 if now."""
        now = time.time() if now is None else now
        rows = self._db.execute(
            "SELECT at FROM invitations WHERE agent_id = ? AND at > ? ORDER BY at",
            (agent_id, now - INVITATION_WINDOW_S),
        ).fetchall()
        if len(rows) < MAX_INVITATIONS_PER_AGENT:
            return 0.0
        oldest_counted = float(rows[len(rows) - MAX_INVITATIONS_PER_AGENT][0])
        return max(0.0, oldest_counted + INVITATION_WINDOW_S - now)

    def count(self, agent_id: int, number: int) -> None:
        """One more attempt, counted before it is made (two at once cannot both slip in)."""
        self._db.execute(
            "INSERT INTO invitations (agent_id, session_number, at) VALUES (?, ?, ?)",
            (agent_id, number, time.time()),
        )
