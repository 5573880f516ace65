"""The center's records of who holds which agent seat, and of control changing hands.

An agent seat belongs to one signed-in agent: only they may take it back after their socket
dropped (or the center restarted), whatever role it has now. Control changing hands updates the
session's owner (``sessions.agent_id``: who may resume or end it, from a console or the API) and
the seats' roles in the participants table.
"""

from __future__ import annotations

from shared.protocol.messages import Role
from support_center.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS agent_seats (
    participant_id TEXT PRIMARY KEY,
    session_number INTEGER NOT NULL,
    agent_id INTEGER NOT NULL
);
"""


class SeatOwners:
    def __init__(self, store: Store) -> None:
        self.store = store
        store.db.executescript(SCHEMA)

    def remember(self, pid: str, number: int, agent_id: int) -> None:
        self.store.db.execute(
            "INSERT OR REPLACE INTO agent_seats (participant_id, session_number, agent_id)"
            " VALUES (?, ?, ?)",
            (pid, number, agent_id),
        )

    def agent_of(self, pid: str, number: int) -> int | None:
        """The agent who holds seat ``pid`` of session ``number``, if it is an agent's."""
        row = self.store.db.execute(
            "SELECT agent_id FROM agent_seats WHERE participant_id = ? AND session_number = ?",
            (pid, number),
        ).fetchone()
        return int(row[0]) if row else None

    def hand_over(self, number: int, previous: str, primary: str, agent_id: int) -> None:
        """Seat ``primary`` (of ``agent_id``) is in charge now, ``previous`` an assistant."""
        db = self.store.db
        db.execute("UPDATE sessions SET agent_id = ? WHERE number = ?", (agent_id, number))
        db.execute(
            "UPDATE participants SET role = ? WHERE id = ? AND session_number = ?",
            (Role.ASSISTANT_AGENT.value, previous, number),
        )
        db.execute(
            "UPDATE participants SET role = ? WHERE id = ? AND session_number = ?",
            (Role.PRIMARY_AGENT.value, primary, number),
        )
