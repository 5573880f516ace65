"""Queues and help requests in the center's database, so that a restart loses no one waiting.

A help request goes through these states:

* ``filed``: the customer sent the Get help form and holds a ticket; their client is not there
  yet. It must come within ``TICKET_START_WINDOW_S``, else the request expires.
* ``waiting``: the client brought the ticket (``queue.wait``) and is in line; ``present`` says
  whether its socket is open now. One that stays away ``PRESENCE_GRACE_S`` leaves the line.
  A transferred session's request is ``waiting`` again, its customer seated in the session.
* ``accepted``: an agent took it; ``session_number`` is the session they help in.
* ``left`` / ``expired``: over; the ticket is used up either way.

Every statement runs on the event loop's one thread (the center's one SQLite connection), and
Accept next is one conditional UPDATE: two agents asking at the same moment cannot take the
same customer, here or on a database shared by several center nodes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shared.protocol.queues import (
    DEFAULT_QUEUE_MAX_WAITING,
    PRESENCE_GRACE_S,
    QUEUE_NAME,
    TICKET_START_WINDOW_S,
    OfferedCustomer,
    QueueSummary,
    SurveyAnswers,
)
from support_center.numbers import new_secret
from support_center.store import Store, token_digest

SCHEMA = """
CREATE TABLE IF NOT EXISTS queues (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    max_waiting INTEGER NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS queue_agents (
    queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    PRIMARY KEY (queue_id, agent_id)
);
CREATE TABLE IF NOT EXISTS help_requests (
    id INTEGER PRIMARY KEY,
    ticket_hash TEXT NOT NULL UNIQUE,
    queue_id INTEGER REFERENCES queues(id) ON DELETE SET NULL,
    queue_name TEXT,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    problem TEXT NOT NULL,
    referrer TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at REAL NOT NULL,
    queued_at REAL NOT NULL,
    waiting_since REAL NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('filed', 'waiting', 'accepted', 'left', 'expired')),
    present INTEGER NOT NULL DEFAULT 0,
    absent_since REAL,
    os TEXT NOT NULL DEFAULT '',
    machine TEXT NOT NULL DEFAULT '',
    session_number INTEGER,
    accepted_by INTEGER REFERENCES agents(id),
    accepted_at REAL,
    waited_s REAL,
    transferred_by TEXT,
    transfer_message TEXT NOT NULL DEFAULT '',
    survey TEXT,
    closed_at REAL
);
CREATE INDEX IF NOT EXISTS help_requests_in_line ON help_requests(status, queue_id, queued_at);
CREATE INDEX IF NOT EXISTS help_requests_by_session ON help_requests(session_number);
CREATE TABLE IF NOT EXISTS help_offers (
    request_id INTEGER NOT NULL REFERENCES help_requests(id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    PRIMARY KEY (request_id, agent_id)
);
"""

# Without enough history, a customer's estimated wait counts this long per person ahead of them
# and themself: a few minutes per customer is what a support desk plans with.
DEFAULT_ACCEPT_INTERVAL_S = 180.0
# The estimate follows the pace of the last accepts of the queue, within this window.
ESTIMATE_HISTORY_S = 3600.0
ESTIMATE_HISTORY_ACCEPTS = 10
# What a request's open states are: counted in a queue's length, refused a second ticket use.
OPEN_STATES = ("filed", "waiting")


class UnknownQueue(LookupError):
    pass


class QueueFull(Exception):
    def __init__(self, title: str, limit: int) -> None:
        super().__init__(f"The queue {title} is full ({limit} customers waiting).")
        self.title = title
        self.limit = limit


class TicketRefused(Exception):
    """A ticket the center does not know, already used, or brought too late: ``code`` is one of
    the protocol's ``ticket_unknown``, ``ticket_used``, ``ticket_expired``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class QueueRecord:
    id: int
    name: str
    title: str
    max_waiting: int


@dataclass(frozen=True)
class HelpRequest:
    id: int
    queue_id: int | None
    queue_name: str | None
    name: str
    email: str
    problem: str
    referrer: str
    language: str
    created_at: float
    queued_at: float
    waiting_since: float
    status: str
    present: bool
    absent_since: float | None
    os: str
    machine: str
    session_number: int | None
    accepted_by: int | None
    accepted_at: float | None
    waited_s: float | None
    transferred_by: str | None
    transfer_message: str
    survey: dict[str, Any] | None


def _request(row: Any) -> HelpRequest:
    data = dict(row)
    data.pop("ticket_hash", None)
    data.pop("closed_at", None)
    data["present"] = bool(data["present"])
    data["survey"] = json.loads(data["survey"]) if data["survey"] else None
    return HelpRequest(**data)


class QueueStore:
    """The queues, their agents and the help requests. ``changed`` is called after every change
    a waiting customer or an agent's queue view would see (the center wakes its long polls and
    sends new positions)."""

    def __init__(
        self,
        store: Store,
        clock: Callable[[], float] = time.time,
        changed: Callable[[], None] | None = None,
        *,
        ticket_window_s: float = TICKET_START_WINDOW_S,
        presence_grace_s: float = PRESENCE_GRACE_S,
    ) -> None:
        self._db = store.db
        self._db.executescript(SCHEMA)
        self._clock = clock
        self._changed = changed or (lambda: None)
        # The protocol's windows; a center may set shorter ones (its tests do).
        self.ticket_window_s = ticket_window_s
        self.presence_grace_s = presence_grace_s

    def set_change_listener(self, changed: Callable[[], None]) -> None:
        self._changed = changed

    # --- queues and their agents (the site administrator's) ------------------------------------

    def add_queue(
        self, name: str, title: str, max_waiting: int = DEFAULT_QUEUE_MAX_WAITING
    ) -> QueueRecord:
        if not QUEUE_NAME.fullmatch(name):
            raise ValueError(
                "A queue's name is 1 to 40 lower-case letters, digits or '-', starting with a "
                "letter or digit (it is the end of its Get help page's address)."
            )
        title = title.strip()
        if not title or len(title) > 80 or not title.isprintable():
            raise ValueError("A queue's title is one line of 1 to 80 characters.")
        if max_waiting < 1:
            raise ValueError("A queue holds at least one waiting customer.")
        if self.queue(name) is not None:
            raise ValueError(f"There is already a queue named {name}.")
        self._db.execute(
            "INSERT INTO queues (name, title, max_waiting, created_at) VALUES (?, ?, ?, ?)",
            (name, title, max_waiting, self._clock()),
        )
        found = self.queue(name)
        assert found is not None
        self._changed()
        return found

    def remove_queue(self, name: str) -> bool:
        """Remove a queue; its waiting customers leave the line (their pages and clients say so
        when they next ask)."""
        queue = self.queue(name)
        if queue is None:
            return False
        now = self._clock()
        self._db.execute(
            "UPDATE help_requests SET status = 'left', present = 0, closed_at = ?"
            " WHERE queue_id = ? AND status IN ('filed', 'waiting') AND session_number IS NULL",
            (now, queue.id),
        )
        self._db.execute("DELETE FROM queues WHERE id = ?", (queue.id,))
        self._changed()
        return True

    def queue(self, name: str) -> QueueRecord | None:
        row = self._db.execute(
            "SELECT id, name, title, max_waiting FROM queues WHERE name = ?", (name,)
        ).fetchone()
        return QueueRecord(**dict(row)) if row else None

    def queue_title(self, name: str) -> str | None:
        queue = self.queue(name)
        return queue.title if queue else None

    def queues(self) -> list[QueueRecord]:
        rows = self._db.execute(
            "SELECT id, name, title, max_waiting FROM queues ORDER BY name"
        ).fetchall()
        return [QueueRecord(**dict(r)) for r in rows]

    def add_member(self, queue_name: str, agent_id: int) -> None:
        queue = self._known(queue_name)
        self._db.execute(
            "INSERT OR IGNORE INTO queue_agents (queue_id, agent_id) VALUES (?, ?)",
            (queue.id, agent_id),
        )
        self._changed()

    def remove_member(self, queue_name: str, agent_id: int) -> bool:
        queue = self._known(queue_name)
        cursor = self._db.execute(
            "DELETE FROM queue_agents WHERE queue_id = ? AND agent_id = ?", (queue.id, agent_id)
        )
        self._changed()
        return cursor.rowcount > 0

    def members(self, queue_name: str) -> list[int]:
        queue = self._known(queue_name)
        rows = self._db.execute(
            "SELECT agent_id FROM queue_agents WHERE queue_id = ? ORDER BY agent_id", (queue.id,)
        ).fetchall()
        return [int(r["agent_id"]) for r in rows]

    def queues_of(self, agent_id: int) -> list[QueueRecord]:
        rows = self._db.execute(
            "SELECT q.id, q.name, q.title, q.max_waiting FROM queues q"
            " JOIN queue_agents m ON m.queue_id = q.id WHERE m.agent_id = ? ORDER BY q.name",
            (agent_id,),
        ).fetchall()
        return [QueueRecord(**dict(r)) for r in rows]

    def queue_agents(self) -> dict[int, list[str]]:
        """Every agent who belongs to a queue: agent id -> their queues' names."""
        rows = self._db.execute(
            "SELECT m.agent_id, q.name FROM queue_agents m JOIN queues q ON q.id = m.queue_id"
            " ORDER BY q.name"
        ).fetchall()
        agents: dict[int, list[str]] = {}
        for row in rows:
            agents.setdefault(int(row["agent_id"]), []).append(str(row["name"]))
        return agents

    def _known(self, name: str) -> QueueRecord:
        queue = self.queue(name)
        if queue is None:
            raise UnknownQueue(f"There is no queue named {name}.")
        return queue

    # --- help requests: the customer's side ---------------------------------------------------

    def file_request(
        self,
        queue_name: str,
        name: str,
        email: str = "",
        problem: str = "",
        referrer: str = "",
        language: str = "en",
    ) -> tuple[int, str]:
        """File a help request in ``queue_name`` (the Get help form): its id and its ticket,
        which is shown once and kept hashed. ``UnknownQueue``; ``QueueFull`` at the queue's
        limit (customers who hold a ticket and those in line both count)."""
        queue = self._known(queue_name)
        self.expire_stale()
        in_line = self._db.execute(
            "SELECT COUNT(*) FROM help_requests WHERE queue_id = ? AND status IN (?, ?)",
            (queue.id, *OPEN_STATES),
        ).fetchone()[0]
        if in_line >= queue.max_waiting:
            raise QueueFull(queue.title, queue.max_waiting)
        ticket = new_secret()
        now = self._clock()
        cursor = self._db.execute(
            "INSERT INTO help_requests (ticket_hash, queue_id, queue_name, name, email, problem,"
            " referrer, language, created_at, queued_at, waiting_since, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'filed')",
            (
                token_digest(ticket),
                queue.id,
                queue.name,
                name,
                email,
                problem,
                referrer,
                language,
                now,
                now,
                now,
            ),
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid), ticket

    def request_for_ticket(self, ticket: str) -> HelpRequest | None:
        row = self._db.execute(
            "SELECT * FROM help_requests WHERE ticket_hash = ?", (token_digest(ticket),)
        ).fetchone()
        return _request(row) if row else None

    def request(self, request_id: int) -> HelpRequest | None:
        row = self._db.execute("SELECT * FROM help_requests WHERE id = ?", (request_id,)).fetchone()
        return _request(row) if row else None

    def usable_ticket(self, ticket: str) -> HelpRequest:
        """The request ``ticket`` opens, while it may still wait in line (filed, or waiting:
        a client coming back after a drop); ``TicketRefused`` otherwise."""
        self.expire_stale()
        request = self.request_for_ticket(ticket)
        if request is None:
            raise TicketRefused("ticket_unknown", "This help request is not known here.")
        if request.status == "expired":
            raise TicketRefused(
                "ticket_expired", "This help request has expired: ask for help again."
            )
        if request.status not in OPEN_STATES or request.session_number is not None:
            raise TicketRefused(
                "ticket_used", "This help request has already been answered or closed."
            )
        return request

    def arrive(self, ticket: str, os: str = "", machine: str = "") -> HelpRequest:
        """The customer's client brought ``ticket``: they are in line, present (again)."""
        request = self.usable_ticket(ticket)
        self._db.execute(
            "UPDATE help_requests SET status = 'waiting', present = 1, absent_since = NULL,"
            " os = ?, machine = ? WHERE id = ?",
            (os, machine, request.id),
        )
        self._changed()
        found = self.request(request.id)
        assert found is not None
        return found

    def absent(self, request_id: int) -> None:
        """The waiting customer's socket closed: they keep their place ``PRESENCE_GRACE_S``."""
        cursor = self._db.execute(
            "UPDATE help_requests SET present = 0, absent_since = ?"
            " WHERE id = ? AND status = 'waiting' AND present = 1",
            (self._clock(), request_id),
        )
        if cursor.rowcount:
            self._changed()

    def all_absent(self) -> None:
        """The center starts: no socket is open, every customer in line has the grace to come
        back (their clients reconnect)."""
        self._db.execute(
            "UPDATE help_requests SET present = 0, absent_since = ?"
            " WHERE status = 'waiting' AND session_number IS NULL",
            (self._clock(),),
        )

    def leave(self, request_id: int) -> None:
        """The customer left the line (Leave, or closed the client)."""
        cursor = self._db.execute(
            "UPDATE help_requests SET status = 'left', present = 0, closed_at = ?"
            " WHERE id = ? AND status IN (?, ?)",
            (self._clock(), request_id, *OPEN_STATES),
        )
        if cursor.rowcount:
            self._changed()

    def expire_stale(self) -> list[int]:
        """Close what has run out: tickets not brought in time, customers away past their
        grace. The ids closed (the center tells no one: their sockets are gone)."""
        now = self._clock()
        rows = self._db.execute(
            "SELECT id FROM help_requests WHERE (status = 'filed' AND created_at < ?)"
            " OR (status = 'waiting' AND present = 0 AND session_number IS NULL"
            " AND absent_since IS NOT NULL AND absent_since < ?)",
            (now - self.ticket_window_s, now - self.presence_grace_s),
        ).fetchall()
        ids = [int(r["id"]) for r in rows]
        for request_id in ids:
            self._db.execute(
                "UPDATE help_requests SET status = CASE status WHEN 'filed' THEN 'expired'"
                " ELSE 'left' END, present = 0, closed_at = ? WHERE id = ?",
                (now, request_id),
            )
        if ids:
            self._changed()
        return ids

    def save_survey(self, ticket: str, answers: SurveyAnswers) -> bool:
        """The customer's answers after their session (once). False: no such answered request,
        or answered already."""
        request = self.request_for_ticket(ticket)
        if request is None or request.status != "accepted" or request.survey is not None:
            return False
        record = answers.model_dump(exclude={"ticket"})
        self._db.execute(
            "UPDATE help_requests SET survey = ? WHERE id = ?", (json.dumps(record), request.id)
        )
        return True

    # --- where a customer stands ----------------------------------------------------------------

    def _line(self, request: HelpRequest) -> list[int]:
        """The customers in ``request``'s line (its queue, or the same agents offered), in
        order: those away within their grace keep their place (a center restart has everyone
        away for a moment, and no one should see themself ahead of where they were)."""
        if request.queue_id is not None:
            rows = self._db.execute(
                "SELECT id FROM help_requests WHERE status = 'waiting' AND queue_id = ?"
                " ORDER BY queued_at, id",
                (request.queue_id,),
            ).fetchall()
        else:
            rows = self._db.execute(
                "SELECT DISTINCT r.id, r.queued_at FROM help_requests r"
                " JOIN help_offers o ON o.request_id = r.id"
                " WHERE r.status = 'waiting' AND r.queue_id IS NULL AND o.agent_id IN"
                " (SELECT agent_id FROM help_offers WHERE request_id = ?)"
                " ORDER BY r.queued_at, r.id",
                (request.id,),
            ).fetchall()
        return [int(r["id"]) for r in rows]

    def position(self, request_id: int) -> int | None:
        """1 for the next customer to be helped; None when not in line."""
        request = self.request(request_id)
        if request is None or request.status != "waiting":
            return None
        line = self._line(request)
        return line.index(request.id) + 1 if request.id in line else len(line) + 1

    def estimated_wait_s(self, request_id: int) -> float:
        """The position times the pace of the queue's last accepts (``DEFAULT_ACCEPT_INTERVAL_S``
        without enough of them), less what the first in line has waited already."""
        request = self.request(request_id)
        position = self.position(request_id)
        if request is None or position is None:
            return 0.0
        now = self._clock()
        rows = self._db.execute(
            "SELECT accepted_at FROM help_requests WHERE queue_id IS ? AND accepted_at > ?"
            " ORDER BY accepted_at DESC LIMIT ?",
            (request.queue_id, now - ESTIMATE_HISTORY_S, ESTIMATE_HISTORY_ACCEPTS),
        ).fetchall()
        times = [float(r["accepted_at"]) for r in rows]
        if len(times) >= 2:
            interval = (times[0] - times[-1]) / (len(times) - 1)
        else:
            interval = DEFAULT_ACCEPT_INTERVAL_S
        return max(0.0, position * interval - (now - request.waiting_since if position == 1 else 0))

    # --- the agents' side ---------------------------------------------------------------------

    def summaries(self, agent_id: int) -> list[QueueSummary]:
        now = self._clock()
        result: list[QueueSummary] = []
        for queue in self.queues_of(agent_id):
            row = self._db.execute(
                "SELECT COUNT(*) AS n, MIN(waiting_since) AS oldest FROM help_requests"
                " WHERE queue_id = ? AND status = 'waiting'"
                " AND (present = 1 OR session_number IS NOT NULL)",
                (queue.id,),
            ).fetchone()
            oldest = row["oldest"]
            result.append(
                QueueSummary(
                    name=queue.name,
                    title=queue.title,
                    waiting=int(row["n"]),
                    longest_wait_s=max(0.0, now - float(oldest)) if oldest is not None else 0.0,
                )
            )
        return result

    def offered(self, agent_id: int) -> list[OfferedCustomer]:
        now = self._clock()
        rows = self._db.execute(
            "SELECT r.* FROM help_requests r JOIN help_offers o ON o.request_id = r.id"
            " WHERE o.agent_id = ? AND r.status = 'waiting' AND r.queue_id IS NULL"
            " ORDER BY r.queued_at, r.id",
            (agent_id,),
        ).fetchall()
        return [
            OfferedCustomer(
                request_id=r["id"],
                name=r["name"],
                waited_s=max(0.0, now - float(r["waiting_since"])),
                transferred_by=r["transferred_by"] or "?",
                message=r["transfer_message"],
            )
            for r in rows
        ]

    def accept_next(self, agent_id: int, queue_name: str | None = None) -> HelpRequest | None:
        """Take the longest-waiting present customer of ``queue_name`` (or of all the agent's
        queues and the customers offered to them) for ``agent_id``; None when nobody waits.
        ``UnknownQueue`` for a queue that is not one of the agent's."""
        self.expire_stale()
        if queue_name is not None:
            queue_ids = [q.id for q in self.queues_of(agent_id) if q.name == queue_name]
            if not queue_ids:
                raise UnknownQueue(f"You do not belong to a queue named {queue_name}.")
            offers = False
        else:
            queue_ids = [q.id for q in self.queues_of(agent_id)]
            offers = True
        now = self._clock()
        while True:
            marks = ",".join("?" * len(queue_ids)) or "NULL"
            row = self._db.execute(
                "SELECT id FROM help_requests r WHERE r.status = 'waiting'"
                " AND (r.present = 1 OR r.session_number IS NOT NULL) AND ("
                f" r.queue_id IN ({marks})"
                + (
                    " OR (r.queue_id IS NULL AND EXISTS (SELECT 1 FROM help_offers o"
                    " WHERE o.request_id = r.id AND o.agent_id = ?)))"
                    if offers
                    else ")"
                )
                + " ORDER BY r.queued_at, r.id LIMIT 1",
                (*queue_ids, *((agent_id,) if offers else ())),
            ).fetchone()
            if row is None:
                return None
            # Conditional: if another agent's accept took it meanwhile (another node), try the
            # next one.
            cursor = self._db.execute(
                "UPDATE help_requests SET status = 'accepted', accepted_by = ?, accepted_at = ?,"
                " waited_s = ? - waiting_since WHERE id = ? AND status = 'waiting'",
                (agent_id, now, now, row["id"]),
            )
            if cursor.rowcount == 1:
                self._db.execute("DELETE FROM help_offers WHERE request_id = ?", (row["id"],))
                self._changed()
                found = self.request(int(row["id"]))
                assert found is not None
                return found

    def attach_session(self, request_id: int, number: int) -> None:
        """The session the accepted customer is helped in."""
        self._db.execute(
            "UPDATE help_requests SET session_number = ? WHERE id = ?", (number, request_id)
        )

    def unaccept(self, request_id: int) -> None:
        """The accepting agent's session could not be opened: the customer goes back to their
        place in line."""
        self._db.execute(
            "UPDATE help_requests SET status = 'waiting', accepted_by = NULL, accepted_at = NULL,"
            " waited_s = NULL WHERE id = ? AND status = 'accepted'",
            (request_id,),
        )
        self._changed()

    def request_of_session(self, number: int) -> HelpRequest | None:
        """The latest help request of session ``number`` (an inbound or a transferred one)."""
        row = self._db.execute(
            "SELECT * FROM help_requests WHERE session_number = ? ORDER BY id DESC LIMIT 1",
            (number,),
        ).fetchone()
        return _request(row) if row else None

    def transfer(
        self,
        number: int,
        by: str,
        message: str,
        customer_name: str,
        queue_name: str | None = None,
        agent_ids: list[int] | None = None,
    ) -> HelpRequest:
        """Session ``number`` waits again, for ``queue_name`` or for the agents ``agent_ids``
        (exactly one of the two), its customer seated in it. Its place in line is that of its
        first request: a customer passed on does not start over behind everyone."""
        if (queue_name is None) == (not agent_ids):
            raise ValueError("Transfer to one queue, or to one or more agents.")
        queue = self._known(queue_name) if queue_name is not None else None
        now = self._clock()
        before = self.request_of_session(number)
        if before is not None:
            request_id = before.id
            self._db.execute(
                "UPDATE help_requests SET status = 'waiting', queue_id = ?, queue_name = ?,"
                " present = 1, absent_since = NULL, waiting_since = ?, accepted_by = NULL,"
                " accepted_at = NULL, waited_s = NULL, transferred_by = ?, transfer_message = ?"
                " WHERE id = ?",
                (
                    queue.id if queue else None,
                    queue.name if queue else None,
                    now,
                    by,
                    message,
                    request_id,
                ),
            )
            self._db.execute("DELETE FROM help_offers WHERE request_id = ?", (request_id,))
        else:  # an agent's own session: no ticket was ever handed out for it
            cursor = self._db.execute(
                "INSERT INTO help_requests (ticket_hash, queue_id, queue_name, name, email,"
                " problem, referrer, language, created_at, queued_at, waiting_since, status,"
                " present, session_number, transferred_by, transfer_message)"
                " VALUES (?, ?, ?, ?, '', '', '', 'en', ?, ?, ?, 'waiting', 1, ?, ?, ?)",
                (
                    token_digest(new_secret()),
                    queue.id if queue else None,
                    queue.name if queue else None,
                    customer_name,
                    now,
                    now,
                    now,
                    number,
                    by,
                    message,
                ),
            )
            assert cursor.lastrowid is not None
            request_id = int(cursor.lastrowid)
        for agent_id in agent_ids or []:
            self._db.execute(
                "INSERT OR IGNORE INTO help_offers (request_id, agent_id) VALUES (?, ?)",
                (request_id, agent_id),
            )
        self._changed()
        found = self.request(request_id)
        assert found is not None
        return found

    def session_closed(self, number: int) -> None:
        """Session ``number`` ended: a transfer still waiting for it waits no more."""
        cursor = self._db.execute(
            "UPDATE help_requests SET status = 'left', present = 0, closed_at = ?"
            " WHERE session_number = ? AND status = 'waiting'",
            (self._clock(), number),
        )
        if cursor.rowcount:
            self._changed()

    def waiting_requests(self) -> list[HelpRequest]:
        """Every request in line now (to send each its position)."""
        rows = self._db.execute(
            "SELECT * FROM help_requests WHERE status = 'waiting' ORDER BY queued_at, id"
        ).fetchall()
        return [_request(r) for r in rows]

    # --- for the center's lobby (support_center/queues/lobby.py) -------------------------------

    def standings(self) -> dict[int, tuple[int, float]]:
        """Every request in line now: its position and estimated wait, as ``position`` and
        ``estimated_wait_s`` say, computed for all at once (one pass per queue, not one per
        customer: the center sends them on every change)."""
        waiting = self.waiting_requests()
        now = self._clock()
        lines: dict[int, list[int]] = {}
        for request in waiting:  # away within their grace, they keep their place too
            if request.queue_id is not None:
                lines.setdefault(request.queue_id, []).append(request.id)
        intervals: dict[int | None, float] = {}
        result: dict[int, tuple[int, float]] = {}
        for request in waiting:
            if request.queue_id is None:  # transferred to agents: rare, asked one by one
                position = self.position(request.id) or 1
                result[request.id] = (position, self.estimated_wait_s(request.id))
                continue
            line = lines.get(request.queue_id, [])
            position = line.index(request.id) + 1 if request.id in line else len(line) + 1
            if request.queue_id not in intervals:
                intervals[request.queue_id] = self._accept_interval(request.queue_id, now)
            estimate = position * intervals[request.queue_id] - (
                now - request.waiting_since if position == 1 else 0
            )
            result[request.id] = (position, max(0.0, estimate))
        return result

    def _accept_interval(self, queue_id: int | None, now: float) -> float:
        rows = self._db.execute(
            "SELECT accepted_at FROM help_requests WHERE queue_id IS ? AND accepted_at > ?"
            " ORDER BY accepted_at DESC LIMIT ?",
            (queue_id, now - ESTIMATE_HISTORY_S, ESTIMATE_HISTORY_ACCEPTS),
        ).fetchall()
        times = [float(r["accepted_at"]) for r in rows]
        if len(times) >= 2:
            return (times[0] - times[-1]) / (len(times) - 1)
        return DEFAULT_ACCEPT_INTERVAL_S

    def present_again(self, request_id: int) -> None:
        """The customer seated in a transferred session is back on their socket."""
        cursor = self._db.execute(
            "UPDATE help_requests SET present = 1, absent_since = NULL"
            " WHERE id = ? AND status = 'waiting' AND present = 0",
            (request_id,),
        )
        if cursor.rowcount:
            self._changed()

    def absent_transfers(self) -> list[int]:
        """The transferred sessions whose seated customers have all been away longer than the
        grace: their sessions end (nobody is left to help)."""
        rows = self._db.execute(
            "SELECT session_number FROM help_requests WHERE status = 'waiting' AND present = 0"
            " AND session_number IS NOT NULL AND absent_since IS NOT NULL AND absent_since < ?",
            (self._clock() - self.presence_grace_s,),
        ).fetchall()
        return [int(r["session_number"]) for r in rows]

    def waiting_transfer(self, number: int) -> HelpRequest | None:
        """The request of session ``number`` if the session waits for an agent (transferred)."""
        request = self.request_of_session(number)
        return request if request is not None and request.status == "waiting" else None

    def offered_to(self, request_id: int) -> list[int]:
        """The agents a request transferred by name is offered to."""
        rows = self._db.execute(
            "SELECT agent_id FROM help_offers WHERE request_id = ? ORDER BY agent_id",
            (request_id,),
        ).fetchall()
        return [int(r["agent_id"]) for r in rows]
