"""The hub's side of inbound support: customers waiting on their sockets (``queue.wait``),
where each stands (``queue.status``), Accept next, a session transferred to a queue or to
agents, and the version agents' consoles long-poll (``GET /api/queues?after=``).

The hub calls in here from its dispatch and its seat events (``support_center/hub.py``); the
HTTP routes (``routes.py``) call the agents' operations. The records are the ``QueueStore``'s
(``store.py``): a restart of the center loses no one waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from shared.protocol.limits import MAX_NAME_CHARS
from shared.protocol.messages import (
    EndReason,
    ErrorCode,
    FromCenter,
    LeaveReason,
    ParticipantLeft,
    QueueAccepted,
    QueueLeave,
    QueueStatus,
    QueueWait,
    Role,
)
from shared.protocol.queues import QUEUES_LONG_POLL_S
from support_center.hub import Connection, Hub, Refused, Room, Seat, _send
from support_center.numbers import draw_session_number
from support_center.queues.store import HelpRequest, QueueStore, TicketRefused
from support_center.rate_limit import CENTER_JOINS_KEY, Limited, address_key
from support_center.store import AgentRecord

log = logging.getLogger(__name__)

# Changes come in bursts (an accept moves everyone in line): positions are sent this long after
# a burst's first change. A person reads their place once in a while; on a busy queue (hundreds
# waiting, several accepts a second) telling everyone at every accept is most of the center's
# work, and once a second is as good to the eye.
STATUS_DEBOUNCE_S = 1.0
# Estimates change every second for the first in line; a customer is told again only when
# theirs moved by this step (or their position changed).
ESTIMATE_STEP_S = 15.0
# How often the center closes what ran out (tickets not brought in time, customers away past
# their grace): a small fraction of the grace, so that one who closed the client is out within
# seconds of it.
SWEEP_INTERVAL_S = 1.0
# An agent counts as online (``GET /api/queues/agents``) while a console of theirs is seated in
# a session, or has long-polled their queues this recently (a console polls without pause).
ONLINE_POLL_WINDOW_S = 2 * QUEUES_LONG_POLL_S + 5.0


class NobodyWaiting(LookupError):
    pass


class TooManySessions(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"You already have {limit} sessions open; end one first.")


@dataclass(frozen=True)
class Accepted:
    """What Accept next took: the request (as it was when accepted) and its session."""

    request: HelpRequest
    number: int
    transferred: bool


class Lobby:
    def __init__(self, hub: Hub, clock: Callable[[], float] = time.time) -> None:
        self.hub = hub
        config = hub.config
        self.queues = QueueStore(
            hub.store,
            clock=clock,
            changed=self._changed,
            ticket_window_s=config.ticket_start_window_s,
            presence_grace_s=config.queue_presence_grace_s,
        )
        # Starts from the clock, so that a restarted center never hands out a version a
        # console saw before the restart (its long poll would wait for nothing).
        self.version = int(time.time() * 1000)
        self._bumped = asyncio.Event()
        # The socket each waiting customer waits on (request id -> connection).
        self._waiters: dict[int, Connection] = {}
        # What each customer in line was last told: (position, estimate step, transferred_by).
        self._told: dict[int, tuple[int, int, str | None]] = {}
        self._push: asyncio.TimerHandle | None = None
        self._sweeper: asyncio.Task[None] | None = None
        self._polled: dict[int, float] = {}  # agent id -> monotonic time of their last poll
        self._stopping = False

    # --- start and stop -------------------------------------------------------------------------

    def start(self) -> None:
        """The center starts: nobody's socket is open yet, every customer in line gets the
        grace to come back (their clients reconnect); then the sweep runs."""
        self.queues.all_absent()
        self._sweeper = asyncio.get_running_loop().create_task(self._sweep_forever())

    async def stop(self) -> None:
        # Parked long polls answer now: the center's stop would wait for them otherwise.
        self._stopping = True
        self._bumped.set()
        if self._push is not None:
            self._push.cancel()
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        for conn in list(self._waiters.values()):
            await conn.socket.close(code=1001, message=b"support center stopping")

    async def _sweep_forever(self) -> None:
        interval = min(SWEEP_INTERVAL_S, self.queues.presence_grace_s / 4)
        while True:
            await asyncio.sleep(interval)
            try:
                await self.sweep()
            except Exception:
                log.exception("the queues' sweep failed")

    async def sweep(self) -> None:
        """Close what ran out; end the transferred sessions whose customers are gone."""
        self.queues.expire_stale()
        for number in self.queues.absent_transfers():
            await self._end_waiting_session(number)

    # --- changes: the version agents poll, the positions customers see --------------------------

    def _changed(self) -> None:
        self.version += 1
        self._bumped.set()
        self._bumped = asyncio.Event()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # a change outside the center's loop (none today)
            return
        if self._push is None:
            self._push = loop.call_later(STATUS_DEBOUNCE_S, self._push_now)

    async def changed_since(self, after: int, timeout: float = QUEUES_LONG_POLL_S) -> None:
        """Return at once if the version is not ``after``, else when it changes or after
        ``timeout``."""
        if self.version != after or self._stopping:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._bumped.wait(), timeout)

    def polled(self, agent_id: int) -> None:
        self._polled[agent_id] = time.monotonic()

    def online(self, agent_id: int) -> bool:
        """A console of theirs is seated in a session, or polled their queues lately."""
        seen = self._polled.get(agent_id)
        if seen is not None and time.monotonic() - seen < ONLINE_POLL_WINDOW_S:
            return True
        return any(
            seat.agent_id == agent_id
            for room in self.hub.rooms.values()
            for seat in room.connected()
        )

    def _push_now(self) -> None:
        self._push = None
        self.hub._spawn(self._send_standings())

    async def _send_standings(self) -> None:
        """Tell every customer in line whose position or estimate changed."""
        standings = self.queues.standings()
        for request_id in [r for r in self._told if r not in standings]:
            del self._told[request_id]
        for request in self.queues.waiting_requests():
            standing = standings.get(request.id)
            if standing is not None:
                await self._tell(request, *standing)

    async def _tell(
        self, request: HelpRequest, position: int, estimate: float, force: bool = False
    ) -> None:
        told = (position, round(estimate / ESTIMATE_STEP_S), request.transferred_by)
        if not force and self._told.get(request.id) == told:
            return
        sockets = self._sockets_of(request)
        if not sockets:
            return
        self._told[request.id] = told
        status = QueueStatus(
            queue_title=self._title(request),
            position=min(position, 1_000_000),
            estimated_wait_s=min(estimate, 7 * 24 * 3600.0),
            transferred_by=request.transferred_by if request.session_number else None,
            name=request.name,
        )
        for socket in sockets:
            await _send(socket, status)

    def _sockets_of(self, request: HelpRequest) -> list[web.WebSocketResponse]:
        if request.session_number is None:
            conn = self._waiters.get(request.id)
            return [conn.socket] if conn is not None else []
        room = self.hub.rooms.get(request.session_number)
        if room is None:
            return []
        return [s.socket for s in room.connected() if s.socket and s.info.role == Role.CUSTOMER]

    def _title(self, request: HelpRequest) -> str:
        """The queue's title; for a customer transferred to agents by name, their names."""
        if request.queue_name is not None:
            return self.queues.queue_title(request.queue_name) or request.queue_name
        names = []
        for agent_id in self.queues.offered_to(request.id):
            agent = self.hub.store.agent_by_id(agent_id)
            if agent is not None:
                names.append(agent.display_name)
        title = ", ".join(names) or "Support"
        return title if len(title) <= MAX_NAME_CHARS else title[: MAX_NAME_CHARS - 1] + "…"

    async def _tell_now(self, request: HelpRequest) -> None:
        standing = self.queues.standings().get(request.id)
        if standing is not None:
            await self._tell(request, *standing, force=True)

    # --- the waiting customer's socket (from the hub's dispatch) --------------------------------

    async def wait(self, conn: Connection, message: QueueWait) -> None:
        """``queue.wait``: the customer is in line on this socket (again, after a drop)."""
        hub = self.hub
        if conn.waiting is not None:
            # One customer per socket: another ticket on it is refused before it is used.
            same = self.queues.request_for_ticket(message.ticket)
            if same is None or same.id != conn.waiting:
                raise Refused(
                    ErrorCode.NOT_ALLOWED, "Already waiting in a queue on this connection."
                )
        try:
            attempt = hub.join_limiter.attempt(
                address_key(conn.address),
                CENTER_JOINS_KEY,
                limits={CENTER_JOINS_KEY: hub.config.max_failed_joins},
            )
        except Limited as limited:
            raise Refused(
                ErrorCode.RATE_LIMITED,
                f"Too many attempts. Try again in {int(limited.retry_after_s) + 1} seconds.",
                limited.retry_after_s,
            ) from None
        try:
            request = self.queues.arrive(message.ticket, message.os, message.machine)
        except TicketRefused as refused:
            accepted = self._accepted_not_joined(message.ticket)
            if accepted is None:
                log.info("refused queue.wait from %s: %s", conn.address, refused.code)
                raise Refused(ErrorCode(refused.code), refused.reason) from None
            # Accepted while the client was away (a drop at that moment): it is told again,
            # until it sits in the session.
            hub.join_limiter.forgive(attempt)
            await _send(conn.socket, accepted)
            return
        hub.join_limiter.forgive(attempt)
        previous = self._waiters.get(request.id)
        if previous is not None and previous is not conn:
            previous.waiting = None  # its closing no longer says anything of this customer
            await previous.socket.close(code=1000, message=b"replaced by a newer connection")
        conn.waiting = request.id
        self._waiters[request.id] = conn
        await self._tell_now(request)

    def _accepted_not_joined(self, ticket: str) -> QueueAccepted | None:
        """The ``queue.accepted`` an accepted customer missed, while their session is open and
        no customer sits in it yet; None otherwise (the ticket is used up)."""
        request = self.queues.request_for_ticket(ticket)
        if request is None or request.status != "accepted" or request.session_number is None:
            return None
        number = request.session_number
        record = self.hub.store.session(number)
        if record is None or record.status != "open":
            return None
        if any(p["role"] == Role.CUSTOMER.value for p in self.hub.store.participants(number)):
            return None
        agent = self.hub.store.agent_by_id(request.accepted_by or record.agent_id)
        return QueueAccepted(session=number, agent=agent.display_name if agent else "Support")

    async def leave(self, conn: Connection, _: QueueLeave) -> None:
        if conn.waiting is None:
            raise Refused(ErrorCode.NOT_JOINED, "You are not waiting in a queue.")
        request_id, conn.waiting = conn.waiting, None
        self._waiters.pop(request_id, None)
        self._told.pop(request_id, None)
        self.queues.leave(request_id)
        conn.leaving = True

    def socket_gone(self, conn: Connection) -> None:
        """The waiting customer's socket closed: they keep their place for the grace."""
        if conn.waiting is None or self._waiters.get(conn.waiting) is not conn:
            return
        del self._waiters[conn.waiting]
        self._told.pop(conn.waiting, None)
        self.queues.absent(conn.waiting)

    # --- seats of a transferred session (from the hub's seat events) ----------------------------

    def in_transfer(self, number: int) -> bool:
        """Session ``number`` waits for an agent to accept it: its former agent is out."""
        return self.queues.waiting_transfer(number) is not None

    async def seated(self, room: Room, seat: Seat) -> None:
        """A customer sat (back) in ``room``: if it waits for an agent, they are told where
        they stand."""
        if seat.info.role != Role.CUSTOMER:
            return
        request = self.queues.waiting_transfer(room.number)
        if request is not None:
            self.queues.present_again(request.id)
            await self._tell_now(request)

    async def customer_gone(self, room: Room, left: bool) -> None:
        """A customer of ``room`` left (``left``) or lost their socket. In a session waiting
        for an agent, the last customer leaving ends it, and one away keeps it the grace."""
        request = self.queues.waiting_transfer(room.number)
        if request is None:
            return
        customers = [s for s in room.seats.values() if s.info.role == Role.CUSTOMER]
        if left and not customers:
            await self._end_waiting_session(room.number)
        elif not any(s.socket is not None for s in customers):
            self.queues.absent(request.id)

    async def _end_waiting_session(self, number: int) -> None:
        room = self.hub.rooms.get(number)
        self.hub.store.audit(number, "", "transfer.abandoned")
        if room is not None:
            await self.hub._end_room(room, EndReason.AGENT_LEFT, None)
        else:
            self.hub._close_room(number, EndReason.AGENT_LEFT, None)

    def session_closed(self, number: int) -> None:
        self.queues.session_closed(number)

    # --- the agents' operations (from the HTTP routes) ------------------------------------------

    async def accept_next(self, agent: AgentRecord, queue: str | None) -> Accepted:
        """Take the longest-waiting customer for ``agent``: a new session of theirs, or the
        transferred one, which becomes theirs; the customer is told to join it.
        ``NobodyWaiting``, ``TooManySessions``, ``UnknownQueue``."""
        store, config = self.hub.store, self.hub.config
        # Sessions they passed on and nobody took yet are no longer theirs to count.
        mine = [n for n in store.open_sessions_of(agent.id) if not self.in_transfer(n)]
        if len(mine) >= config.max_sessions_per_agent:
            raise TooManySessions(config.max_sessions_per_agent)
        request = self.queues.accept_next(agent.id, queue)
        if request is None:
            raise NobodyWaiting()
        self._told.pop(request.id, None)
        number = request.session_number
        if number is None:
            while True:
                number = draw_session_number()
                if store.create_session(number, agent.id, None):
                    break
            self.queues.attach_session(request.id, number)
            store.audit(number, agent.display_name, "session.created", password="no")
            store.audit(
                number,
                agent.display_name,
                "inbound.accepted",
                queue=request.queue_name or "",
                waited_s=f"{request.waited_s or 0:.0f}",
            )
            transferred = False
        else:
            # The session is the transferring agent's until now: its new owner's console is
            # the one whose hello takes the primary seat.
            store.db.execute(
                "UPDATE sessions SET agent_id = ? WHERE number = ?", (agent.id, number)
            )
            store.audit(
                number,
                agent.display_name,
                "transfer.accepted",
                queue=request.queue_name or "",
                waited_s=f"{request.waited_s or 0:.0f}",
            )
            transferred = True
        accepted = QueueAccepted(session=number, agent=agent.display_name)
        conn = self._waiters.pop(request.id, None)
        sockets = [conn.socket] if conn is not None else []
        if transferred:
            room = self.hub.rooms.get(number)
            if room is not None:
                seats = room.connected()
                sockets = [s.socket for s in seats if s.socket and s.info.role == Role.CUSTOMER]
        for socket in sockets:
            await _send(socket, accepted)
        return Accepted(request, number, transferred)

    async def transfer(
        self,
        number: int,
        agent: AgentRecord,
        message: str,
        queue: str | None,
        agent_ids: list[int],
        customer_name: str,
    ) -> HelpRequest:
        """Session ``number`` waits for ``queue`` or ``agent_ids``; ``agent``'s seat leaves it
        without ending it (no grace timer: it waits for the next agent, not for them)."""
        request = self.queues.transfer(
            number,
            agent.display_name,
            message,
            customer_name,
            queue_name=queue,
            agent_ids=agent_ids or None,
        )
        self._told.pop(request.id, None)
        now = time.time()
        # Their recorded seats too: no console of theirs takes the session back.
        self.hub.store.db.execute(
            "UPDATE participants SET left_at = COALESCE(left_at, ?), left_reason = 'left'"
            " WHERE session_number = ? AND role = ?"
            " AND (left_reason IS NULL OR left_reason NOT IN ('left', 'removed'))",
            (now, number, Role.PRIMARY_AGENT.value),
        )
        names = []
        for agent_id in agent_ids:
            found = self.hub.store.agent_by_id(agent_id)
            names.append(found.username if found else str(agent_id))
        self.hub.store.audit(
            number,
            agent.display_name,
            "session.transferred",
            to_queue=queue or "",
            to_agents=",".join(names),
            message=message,
        )
        room = self.hub.rooms.get(number)
        if room is not None:
            if room.grace is not None:
                room.grace.cancel()
                room.grace = None
            room.away = False
            seat = room.primary()
            if seat is not None:
                room.seats.pop(seat.info.id, None)
                socket, seat.socket = seat.socket, None
                await self._broadcast(
                    room, ParticipantLeft(participant_id=seat.info.id, reason=LeaveReason.LEFT)
                )
                if socket is not None:
                    await socket.close(code=1000, message=b"session transferred")
        await self._tell_now(request)
        return request

    async def _broadcast(self, room: Room, message: FromCenter) -> None:
        for seat in room.connected():
            if seat.socket is not None:
                await _send(seat.socket, message)
