"""Restart tickets: the single-use secret a customer's client keeps across a reboot of their
computer to take the same seat back without typing anything.

The center issues one when the customer agreed to restart (``customer.restarting``) and keeps
only its digest, the seat it is for and when it expires. A client started again after the
reboot presents it once (``customer.rejoin``); a ticket that is unknown (forged, or for another
seat), past its expiry, or already used is refused, each with its own reason.
"""

from __future__ import annotations

import time
from enum import StrEnum

from support_center.numbers import new_secret
from support_center.store import Store, token_digest

# How long a seat waits for its customer's computer to restart and the client to rejoin. The
# usual reconnect window (shared/session/seat.py RECONNECT_WINDOW_S, a minute) covers a dropped
# socket; a reboot takes longer: shutting down, firmware, updates being applied, a disk check,
# then the customer logging on again. A quarter of an hour covers most, and bounds how long a
# ticket copied off the machine stays worth anything.
RESTART_WINDOW_S = 15 * 60.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS restart_tickets (
    ticket_hash TEXT PRIMARY KEY,
    session_number INTEGER NOT NULL REFERENCES sessions(number),
    participant_id TEXT NOT NULL,
    expires_at REAL NOT NULL,
    used_at REAL
);
"""


class Redeemed(StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"  # forged, mistyped, or another seat's
    EXPIRED = "expired"
    USED = "used"


def ensure_schema(store: Store) -> None:
    store.db.executescript(SCHEMA)


def issue(store: Store, number: int, participant_id: str, now: float | None = None) -> str:
    """A new ticket for ``participant_id``'s seat in session ``number``; the seat's earlier
    unused tickets stop counting (one restart at a time)."""
    ensure_schema(store)
    now = time.time() if now is None else now
    ticket = new_secret()
    store.db.execute(
        "UPDATE restart_tickets SET used_at = ? WHERE session_number = ? AND participant_id = ?"
        " AND used_at IS NULL",
        (now, number, participant_id),
    )
    store.db.execute(
        "INSERT INTO restart_tickets (ticket_hash, session_number, participant_id, expires_at)"
        " VALUES (?, ?, ?, ?)",
        (token_digest(ticket), number, participant_id, now + RESTART_WINDOW_S),
    )
    return ticket


def redeem(
    store: Store, number: int, participant_id: str, ticket: str, now: float | None = None
) -> Redeemed:
    """Use ``ticket`` for that seat, once: the answer says whether it took the seat back."""
    ensure_schema(store)
    now = time.time() if now is None else now
    row = store.db.execute(
        "SELECT expires_at, used_at FROM restart_tickets WHERE ticket_hash = ?"
        " AND session_number = ? AND participant_id = ?",
        (token_digest(ticket), number, participant_id),
    ).fetchone()
    if row is None:
        return Redeemed.UNKNOWN
    if row["used_at"] is not None:
        return Redeemed.USED
    if now >= row["expires_at"]:
        return Redeemed.EXPIRED
    # Marked used only while still unused: two rejoins racing with one ticket seat one.
    cursor = store.db.execute(
        "UPDATE restart_tickets SET used_at = ? WHERE ticket_hash = ? AND used_at IS NULL",
        (now, token_digest(ticket)),
    )
    return Redeemed.OK if cursor.rowcount == 1 else Redeemed.USED
