"""The signaling hub: who sits in which session, and relaying offers and answers between them.

The hub sees only signaling. Chat, control and media go peer to peer.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from shared.protocol import FROM_CENTER, TO_CENTER, ProtocolError
from shared.protocol.limits import MAX_SIGNALING_MESSAGE_BYTES
from shared.protocol.messages import (
    AgentHello,
    AssistJoin,
    AuditNote,
    ControlReason,
    ControlTransferred,
    CustomerJoin,
    CustomerRejoin,
    EndReason,
    EndSession,
    ErrorCode,
    ErrorMessage,
    FromCenter,
    Leave,
    LeaveReason,
    ParticipantInfo,
    ParticipantJoined,
    ParticipantLeft,
    QueueLeave,
    QueueWait,
    RestartAgreed,
    RestartTicket,
    Role,
    SessionEnded,
    SignalIn,
    SignalOut,
    StepAway,
    TakeOver,
    TransferControl,
    Welcome,
)
from shared.session.participants import should_link
from support_center.chat_record import kept_chat_note
from support_center.config import CenterConfig
from support_center.numbers import new_participant_id, new_secret
from support_center.password_checks import ChecksBusy, PasswordGate
from support_center.rate_limit import (
    CENTER_JOINS_KEY,
    Attempt,
    FailureLimiter,
    Limited,
    address_key,
    session_address_key,
    session_key,
)
from support_center.restart_tickets import RESTART_WINDOW_S, Redeemed, issue, redeem
from support_center.roles import SeatOwners
from support_center.store import AgentRecord, SessionRecord, Store, token_digest

log = logging.getLogger(__name__)

# A session holds its agents and a handful of customers (the manual's multi-customer session).
MAX_SEATS_PER_SESSION = 12
# A socket that sends this many refused messages is closed: it is broken or hostile.
MAX_ERRORS_PER_SOCKET = 20
# A session's record keeps what matters; a peer flooding it with notes is cut off.
MAX_AUDIT_NOTES_PER_SOCKET = 5000
# The bytes of notes' lines (a bundle's files, a few hundred bytes each) one socket may add to the
# record: ~25,000 files' lines, more than a support session moves. Past it a note is kept without
# its lines, saying how many were dropped. A hostile peer adds at most this to the ~12 million
# characters its notes' values could fill before lines existed (5000 x 12 x 200).
MAX_AUDIT_LINE_BYTES_PER_SOCKET = 8 * 1024 * 1024
# The detail the center sets on a note whose lines it dropped (a peer's own value is not kept).
LINES_DROPPED = "lines_dropped"
# Frames up to this size are read and refused politely; larger ones close the socket (1009).
READ_LIMIT_BYTES = 4 * MAX_SIGNALING_MESSAGE_BYTES
# Each socket is pinged after this much silence (a pong due within half of it, or the socket
# closes): a client gone without a word (frozen, cut off) loses its seat within 22.5 s. Its
# peers learn it sooner from their own heartbeat (8 s); a killed client's socket closes at
# once. Rarer than that would hold a seat long; more often costs every idle app bytes.
SOCKET_PING_INTERVAL_S = 15.0

# An agent's hello for any session that is not their own open one gets this one answer, whether
# the number is unused, another agent's or ended: hellos must not tell which numbers are in use.
NOT_YOUR_SESSION = "There is no open session of yours with this number."
# The same for an assistant's join: unused, ended or expired numbers get one answer, counted in
# the agent's hello limiter (probing numbers by assisting is slowed as hellos are).
NO_SESSION_TO_ASSIST = "There is no open session with this number."
# A session number's limit (max_failures) holds the addresses that guessed it wrong; a customer
# from an address that has not failed on it may still try until it has this many times as many
# failures: holding them out too takes fresh addresses, each new one a minute (see THREAT_MODEL).
FRESH_ADDRESS_SESSION_FACTOR = 4


class Refused(Exception):
    def __init__(self, code: ErrorCode, reason: str, retry_after_s: float | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.retry_after_s = retry_after_s


@dataclass
class Seat:
    info: ParticipantInfo
    resume_token: str
    socket: web.WebSocketResponse | None = None
    # The signed-in agent holding an agent seat (None for a customer's): only they take it back.
    agent_id: int | None = None
    # The customer agreed to restart and holds a ticket: their socket dropping means that.
    restarting: bool = False


@dataclass
class Room:
    number: int
    seats: dict[str, Seat] = field(default_factory=dict)
    grace: asyncio.TimerHandle | None = None
    # The primary agent stepped away keeping the session (not a crash): nobody takes over.
    away: bool = False

    def connected(self) -> list[Seat]:
        return [s for s in self.seats.values() if s.socket is not None]

    def primary(self) -> Seat | None:
        return next((s for s in self.seats.values() if s.info.role == Role.PRIMARY_AGENT), None)

    def seat_of_agent(self, agent_id: int) -> Seat | None:
        return next((s for s in self.seats.values() if s.agent_id == agent_id), None)


@dataclass
class Connection:
    socket: web.WebSocketResponse
    address: str
    room: Room | None = None
    seat: Seat | None = None
    errors: int = 0
    notes: int = 0
    line_bytes: int = 0  # of the notes' lines kept in the record
    lines_spent: bool = False  # MAX_AUDIT_LINE_BYTES_PER_SOCKET reached: no more lines kept
    leaving: bool = False
    # The help request a waiting customer's socket waits with (``queue.wait``): it holds no seat.
    waiting: int | None = None


def _lines_kept(conn: Connection, lines: list[str]) -> list[str]:
    """The first of ``lines`` that fit what is left of the socket's budget for lines; once it
    is spent, none (a smaller line that would still fit is dropped too)."""
    kept: list[str] = []
    for line in lines:
        size = len(line.encode())
        if conn.lines_spent or conn.line_bytes + size > MAX_AUDIT_LINE_BYTES_PER_SOCKET:
            if not conn.lines_spent:
                log.warning("%s sends too many audit lines; further ones are dropped", conn.address)
                conn.lines_spent = True
            break
        conn.line_bytes += size
        kept.append(line)
    return kept


class Hub:
    def __init__(
        self, store: Store, config: CenterConfig, password_gate: PasswordGate | None = None
    ) -> None:
        self.store = store
        self.config = config
        self.rooms: dict[int, Room] = {}
        self.join_limiter = FailureLimiter(config.max_failures, config.failure_window_s)
        # Shared with sign-ins: the cap on memory-hard checks is the center's, not the API's.
        self.password_gate = password_gate or PasswordGate()
        # Refused hellos, per agent: probing for other agents' sessions is slowed to a crawl.
        self.hello_limiter = FailureLimiter(
            config.max_hello_failures, config.hello_failure_window_s
        )
        self._sockets_by_address: dict[str, int] = {}
        self._tasks: set[asyncio.Future[None]] = set()
        self.seat_owners = SeatOwners(store)
        from support_center.queues.lobby import Lobby  # it builds on this module

        self.lobby = Lobby(self)

    # --- the socket loop ----------------------------------------------------------------------

    def open_sockets(self, address: str) -> int:
        """How many signaling sockets ``address`` has open."""
        return self._sockets_by_address.get(address, 0)

    async def serve_socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(heartbeat=SOCKET_PING_INTERVAL_S, max_msg_size=READ_LIMIT_BYTES)
        await ws.prepare(request)
        conn = Connection(ws, request.remote or "unknown")
        if self.open_sockets(conn.address) >= self.config.max_sockets_per_address:
            log.warning("refused a socket from %s: too many open", conn.address)
            await self._refuse(
                conn,
                ErrorCode.RATE_LIMITED,
                "Too many connections from your network. Try again later.",
            )
            await ws.close(code=1008, message=b"too many connections")
            return ws
        self._sockets_by_address[conn.address] = self.open_sockets(conn.address) + 1
        overdue = asyncio.get_running_loop().call_later(
            self.config.join_timeout_s, self._join_overdue, conn
        )
        try:
            async for frame in ws:
                if frame.type == WSMsgType.TEXT:
                    await self._handle(conn, frame.data)
                elif frame.type == WSMsgType.BINARY:
                    await self._refuse(conn, ErrorCode.MALFORMED, "Binary frames are not accepted.")
                if conn.errors > MAX_ERRORS_PER_SOCKET:
                    log.warning("closing %s: too many refused messages", conn.address)
                    await ws.close(code=1008, message=b"too many refused messages")
                if conn.leaving:
                    break
        finally:
            overdue.cancel()
            left = self.open_sockets(conn.address) - 1
            if left > 0:
                self._sockets_by_address[conn.address] = left
            else:
                self._sockets_by_address.pop(conn.address, None)
            try:
                self._socket_gone(conn)
            except Exception:
                log.exception("failed recording that %s's socket closed", conn.address)
            if not ws.closed:
                await ws.close()
        return ws

    def _join_overdue(self, conn: Connection) -> None:
        if conn.seat is None and conn.waiting is None and not conn.socket.closed:
            log.info("closing %s: no join within %s s", conn.address, self.config.join_timeout_s)
            self._spawn(_close(conn.socket, b"no join in time"))

    async def _handle(self, conn: Connection, data: str) -> None:
        """One message, whatever happens: a failure is logged and answered, never raised out of
        the socket's loop (which would drop the socket, and the seat with it)."""
        try:
            await self._receive(conn, data)
        except Exception:
            log.exception("failed handling a message from %s", conn.address)
            await self._refuse(
                conn, ErrorCode.INTERNAL, "The support center could not handle this message."
            )

    async def _receive(self, conn: Connection, data: str) -> None:
        try:
            message = TO_CENTER.decode(data)
        except ProtocolError as exc:
            log.info("refused a message from %s: %s", conn.address, exc)
            await self._refuse(conn, ErrorCode(exc.code), exc.reason)
            return
        try:
            if conn.seat is None:
                if isinstance(message, AgentHello):
                    await self._agent_hello(conn, message)
                elif isinstance(message, CustomerJoin):
                    await self._customer_join(conn, message)
                elif isinstance(message, AssistJoin):
                    await self._assist_join(conn, message)
                elif isinstance(message, CustomerRejoin):
                    await self._customer_rejoin(conn, message)
                elif isinstance(message, QueueWait):
                    await self.lobby.wait(conn, message)
                elif isinstance(message, QueueLeave):
                    await self.lobby.leave(conn, message)
                else:
                    raise Refused(ErrorCode.NOT_JOINED, "Join a session first.")
            elif isinstance(message, SignalOut):
                await self._relay(conn, message)
            elif isinstance(message, EndSession):
                await self._end(conn)
            elif isinstance(message, Leave):
                await self._leave(conn)
            elif isinstance(message, StepAway):
                await self._step_away(conn)
            elif isinstance(message, AuditNote):
                self._note(conn, message)
            elif isinstance(message, TransferControl):
                await self._transfer(conn, message)
            elif isinstance(message, TakeOver):
                await self._take_over(conn)
            elif isinstance(message, RestartAgreed):
                await self._restart_agreed(conn)
            else:
                raise Refused(ErrorCode.NOT_ALLOWED, "Already in a session on this connection.")
        except Refused as refusal:
            await self._refuse(conn, refusal.code, refusal.reason, refusal.retry_after_s)

    async def _refuse(
        self, conn: Connection, code: ErrorCode, reason: str, retry_after_s: float | None = None
    ) -> None:
        conn.errors += 1
        await _send(
            conn.socket, ErrorMessage(code=code, reason=reason, retry_after_s=retry_after_s)
        )

    # --- entering -----------------------------------------------------------------------------

    def _open_session(self, number: int) -> SessionRecord:
        record = self.store.session(number)
        if record is None:
            raise Refused(ErrorCode.NO_SUCH_SESSION, "There is no session with this number.")
        if (
            record.status == "open"
            and time.time() - record.created_at > self.config.session_max_age_s
        ):
            self._close_room(number, EndReason.EXPIRED, None)
            record = self.store.session(number)
            assert record is not None
        if record.status != "open":
            raise Refused(ErrorCode.SESSION_ENDED, "This session has ended.")
        return record

    def _signed_in_agent(self, token: str) -> tuple[AgentRecord, str]:
        """The agent ``token`` signs in, and their key in ``hello_limiter``; refused when the
        sign-in has expired or the agent has failed too often of late."""
        agent = self.store.agent_for_token(token)
        if agent is None:
            raise Refused(ErrorCode.NOT_ALLOWED, "Your sign-in has expired; sign in again.")
        key = f"agent:{agent.id}"
        wait = self.hello_limiter.retry_after(key)
        if wait is not None:
            raise _too_many(wait)
        return agent, key

    async def _agent_hello(self, conn: Connection, hello: AgentHello) -> None:
        agent, key = self._signed_in_agent(hello.token)
        try:
            record = self._own_open_session(agent.id, hello.session)
        except Refused:
            # Control went to another agent while this one was away: their own seat is given
            # back as what it is now (an assistant's); never the primary seat.
            former = self._agents_seat_back(agent.id, hello.session, hello.resume_id)
            if former is None:
                self.hello_limiter.failed(key)
                raise
            await self._assistant_back(conn, agent.display_name, *former)
            return
        room = self.rooms.setdefault(record.number, Room(record.number))
        if room.grace is not None:
            room.grace.cancel()
            room.grace = None
        room.away = False
        seat = room.primary()
        if seat is None and hello.resume_id is not None:
            # The center restarted under a running session: the agent takes its seat back.
            seat = self._recorded_seat(room, hello.resume_id, Role.PRIMARY_AGENT, None)
            if seat is not None:
                seat.agent_id = agent.id
        if seat is None:
            info = ParticipantInfo(
                id=new_participant_id(), role=Role.PRIMARY_AGENT, name=agent.display_name
            )
            seat = self._new_seat(conn, room, info, agent_id=agent.id)
            self.store.audit(room.number, agent.display_name, "agent.attached")
        else:
            self.store.participant_back(seat.info.id)
            self.store.audit(room.number, agent.display_name, "agent.returned")
        await self._seat(conn, room, seat)

    def _own_open_session(self, agent_id: int, number: int) -> SessionRecord:
        """The agent's own open session; anything else gets one answer (``NOT_YOUR_SESSION``),
        and another agent's session is not even looked at further (nor closed if expired)."""
        record = self.store.session(number)
        # Transferred and not yet accepted: its former agent is out of it.
        if (
            record is not None
            and record.agent_id == agent_id
            and not self.lobby.in_transfer(number)
        ):
            with contextlib.suppress(Refused):
                return self._open_session(number)
        raise Refused(ErrorCode.NO_SUCH_SESSION, NOT_YOUR_SESSION)

    # --- assistant agents -------------------------------------------------------------------------

    async def _assist_join(self, conn: Connection, join: AssistJoin) -> None:
        """A signed-in agent joins another agent's open session as an assistant agent, or
        takes their own seat in it back. Any agent of this center may assist (they are the
        site's staff); everyone in the session sees them join, and it is audited."""
        agent, key = self._signed_in_agent(join.token)
        try:
            record = self._open_session(join.session)
        except Refused:
            self.hello_limiter.failed(key)
            raise Refused(ErrorCode.NO_SUCH_SESSION, NO_SESSION_TO_ASSIST) from None
        if record.agent_id == agent.id:
            raise Refused(ErrorCode.NOT_ALLOWED, "You are already in charge of this session.")
        back = self._agents_seat_back(agent.id, record.number, join.resume_id)
        if back is not None:
            await self._assistant_back(conn, agent.display_name, *back)
            return
        room = self.rooms.setdefault(record.number, Room(record.number))
        if len(room.seats) >= MAX_SEATS_PER_SESSION:
            raise Refused(ErrorCode.SESSION_FULL, "This session is full.")
        info = ParticipantInfo(
            id=new_participant_id(), role=Role.ASSISTANT_AGENT, name=agent.display_name
        )
        seat = self._new_seat(conn, room, info, agent_id=agent.id)
        self.store.audit(room.number, agent.display_name, "assistant.joined", participant=info.id)
        await self._seat(conn, room, seat)

    async def _assistant_back(self, conn: Connection, name: str, room: Room, seat: Seat) -> None:
        self.store.participant_back(seat.info.id)
        self.store.audit(room.number, name, "assistant.returned", participant=seat.info.id)
        await self._seat(conn, room, seat)

    def _agents_seat_back(
        self, agent_id: int, number: int, resume_id: str | None
    ) -> tuple[Room, Seat] | None:
        """The seat ``agent_id`` holds in open session ``number`` as an assistant (in memory,
        or in the records after a restart of the center), if any."""
        # Nothing is looked up (no room made, no session closed) unless the seat is theirs.
        room = self.rooms.get(number)
        seat = room.seat_of_agent(agent_id) if room is not None else None
        if seat is None and (
            resume_id is None or self.seat_owners.agent_of(resume_id, number) != agent_id
        ):
            return None
        try:
            record = self._open_session(number)
        except Refused:
            return None
        room = self.rooms.setdefault(record.number, Room(record.number))
        if seat is None and resume_id is not None:
            seat = self._recorded_seat(room, resume_id, Role.ASSISTANT_AGENT, None)
            if seat is not None:
                seat.agent_id = agent_id
        if seat is None or seat.info.role != Role.ASSISTANT_AGENT:
            return None
        return room, seat

    async def _transfer(self, conn: Connection, message: TransferControl) -> None:
        """The primary agent hands control to an assistant agent who is connected."""
        assert conn.room is not None and conn.seat is not None
        self._primary_only(conn, "transfer", "Only the agent in charge can hand control over.")
        target = conn.room.seats.get(message.to)
        if (
            target is None
            or target.socket is None
            or target.info.role != Role.ASSISTANT_AGENT
            or target.agent_id is None
        ):
            raise Refused(
                ErrorCode.NO_SUCH_PARTICIPANT, "That agent is not an assistant in this session."
            )
        await self._hand_over(conn.room, conn.seat, target, ControlReason.TRANSFERRED)

    async def _take_over(self, conn: Connection) -> None:
        """An assistant takes control while the primary agent's console is gone (crashed or
        cut off: the reconnect window runs). Not while they are connected, nor when they
        stepped away keeping the session on purpose."""
        assert conn.room is not None and conn.seat is not None
        room, seat = conn.room, conn.seat
        if seat.info.role != Role.ASSISTANT_AGENT or seat.agent_id is None:
            self._audit_refused(conn, "take_over")
            raise Refused(ErrorCode.NOT_ALLOWED, "Only an assistant agent can take over.")
        primary = room.primary()
        if primary is None or primary.socket is not None or room.grace is None or room.away:
            self._audit_refused(conn, "take_over")
            raise Refused(
                ErrorCode.NOT_ALLOWED,
                "The agent in charge has not lost their connection; they can hand control over.",
            )
        await self._hand_over(room, primary, seat, ControlReason.TAKEN_OVER)

    async def _hand_over(
        self, room: Room, previous: Seat, primary: Seat, reason: ControlReason
    ) -> None:
        """Swap the two seats' roles, everywhere at once: the records (the session's owner
        too), the audit, and every connected engine (one message)."""
        assert primary.agent_id is not None
        if room.grace is not None:
            room.grace.cancel()
            room.grace = None
        previous.info = previous.info.model_copy(update={"role": Role.ASSISTANT_AGENT})
        primary.info = primary.info.model_copy(update={"role": Role.PRIMARY_AGENT})
        self.seat_owners.hand_over(room.number, previous.info.id, primary.info.id, primary.agent_id)
        kind = (
            "control.transferred" if reason == ControlReason.TRANSFERRED else "control.taken_over"
        )
        actor = previous.info.name if reason == ControlReason.TRANSFERRED else primary.info.name
        self.store.audit(
            room.number,
            actor,
            kind,
            previous=previous.info.id,
            previous_name=previous.info.name,
            primary=primary.info.id,
            primary_name=primary.info.name,
        )
        await self._broadcast(
            room,
            ControlTransferred(previous=previous.info.id, primary=primary.info.id, reason=reason),
        )

    def _primary_only(self, conn: Connection, what: str, reason: str) -> None:
        """Refuse (and audit) a primary-only action from anyone else: a modified console
        cannot act as the agent in charge."""
        assert conn.seat is not None
        if conn.seat.info.role != Role.PRIMARY_AGENT:
            self._audit_refused(conn, what)
            raise Refused(ErrorCode.NOT_ALLOWED, reason)

    def _audit_refused(self, conn: Connection, what: str) -> None:
        assert conn.room is not None and conn.seat is not None
        self.store.audit(
            conn.room.number,
            conn.seat.info.name,
            "role.refused",
            what=what,
            participant=conn.seat.info.id,
            role=conn.seat.info.role.value,
        )

    async def _customer_join(self, conn: Connection, join: CustomerJoin) -> None:
        # Counted before anything is checked (parallel guesses included); given back on success.
        attempt = self._attempt(
            address_key(conn.address),
            CENTER_JOINS_KEY,
            limits={CENTER_JOINS_KEY: self.config.max_failed_joins},
        )
        try:
            record = self._open_session(join.session)
            room = self.rooms.setdefault(record.number, Room(record.number))
            seat = self._returning_customer(room, join)
            if seat is not None:  # back in their own seat: the password was checked then
                self.join_limiter.forgive(attempt)
                self.store.participant_back(seat.info.id)
                self.store.audit(room.number, seat.info.name, "participant.returned")
                await self._seat(conn, room, seat)
                return
            if record.password_hash:
                await self._check_session_password(record, join.password, conn.address)
                # The session may have ended during the check: never seat anyone in a closed one.
                self._open_session(record.number)
                if self.rooms.get(record.number) is not room:
                    raise Refused(ErrorCode.SESSION_ENDED, "This session has ended.")
        except Refused as refusal:
            if refusal.code == ErrorCode.RATE_LIMITED:
                self.join_limiter.forgive(attempt)  # not a guess: nothing was checked
                raise
            if self.store.session(join.session) is not None:
                self.store.audit(
                    join.session,
                    join.name,
                    "join.refused",
                    code=refusal.code.value,
                    address=conn.address,
                )
            raise
        self.join_limiter.forgive(attempt)
        if len(room.seats) >= MAX_SEATS_PER_SESSION:
            raise Refused(ErrorCode.SESSION_FULL, "This session is full.")
        info = ParticipantInfo(
            id=new_participant_id(),
            role=Role.CUSTOMER,
            name=join.name,
            os=join.os,
            machine=join.machine,
        )
        seat = self._new_seat(conn, room, info)
        self.store.audit(
            room.number, info.name, "participant.joined", os=info.os, machine=info.machine
        )
        await self._seat(conn, room, seat)

    # --- restarting the customer's computer -----------------------------------------------------

    async def _restart_agreed(self, conn: Connection) -> None:
        """The customer agreed to restart: a single-use ticket to take this seat back after
        the reboot, kept hashed here with its expiry (``RESTART_WINDOW_S``)."""
        assert conn.room is not None and conn.seat is not None
        if conn.seat.info.role != Role.CUSTOMER:
            raise Refused(ErrorCode.NOT_ALLOWED, "Only a customer restarts their computer.")
        ticket = issue(self.store, conn.room.number, conn.seat.info.id)
        conn.seat.restarting = True
        self.store.audit(
            conn.room.number, conn.seat.info.name, "restart.ticket", participant=conn.seat.info.id
        )
        await _send(conn.socket, RestartTicket(ticket=ticket, valid_for_s=RESTART_WINDOW_S))

    async def _customer_rejoin(self, conn: Connection, rejoin: CustomerRejoin) -> None:
        """A client started again after a restart takes its seat back with its ticket, once.
        Refusals count as failed joins from the address (a ticket is not guessed either)."""
        attempt = self._attempt(
            address_key(conn.address),
            CENTER_JOINS_KEY,
            limits={CENTER_JOINS_KEY: self.config.max_failed_joins},
        )
        try:
            record = self._open_session(rejoin.session)
        except Refused as refusal:
            if refusal.code == ErrorCode.RATE_LIMITED:
                self.join_limiter.forgive(attempt)
            raise
        outcome = redeem(self.store, record.number, rejoin.participant, rejoin.ticket)
        if outcome != Redeemed.OK:
            self.store.audit(
                record.number, "", "rejoin.refused", why=outcome.value, address=conn.address
            )
            raise Refused(ErrorCode.NOT_ALLOWED, _REJOIN_REFUSED[outcome])
        self.join_limiter.forgive(attempt)
        room = self.rooms.setdefault(record.number, Room(record.number))
        seat = room.seats.get(rejoin.participant)
        if seat is None:  # the center restarted meanwhile: the seat is in the records
            seat = self._recorded_seat(room, rejoin.participant, Role.CUSTOMER, None)
        if seat is None or seat.info.role != Role.CUSTOMER:
            raise Refused(ErrorCode.NOT_ALLOWED, _REJOIN_REFUSED[Redeemed.UNKNOWN])
        seat.restarting = False
        seat.info = seat.info.model_copy(update={"os": rejoin.os, "machine": rejoin.machine})
        self.store.participant_back(seat.info.id)
        self.store.audit(room.number, seat.info.name, "participant.restarted")
        await self._seat(conn, room, seat)

    def _attempt(self, *keys: str, limits: dict[str, int] | None = None) -> Attempt:
        try:
            return self.join_limiter.attempt(*keys, limits=limits)
        except Limited as limited:
            raise _too_many(limited.retry_after_s) from None

    async def _check_session_password(
        self, record: SessionRecord, password: str, address: str
    ) -> None:
        """Refuses unless ``password`` is the session's; guesses on one session number are
        limited whatever address they come from, and share the center's cap on checks. An
        address that has not failed on this session gets a larger allowance, so that guessers
        elsewhere do not hold the customer out."""
        assert record.password_hash is not None
        number = session_key(record.number)
        here = session_address_key(record.number, address)
        # Counted at once (no await in between): parallel guesses from one address see the first.
        fresh = self.join_limiter.failures(here) == 0
        allowance = self.config.max_failures * (FRESH_ADDRESS_SESSION_FACTOR if fresh else 1)
        attempt = self._attempt(number, here, limits={number: allowance})
        try:
            right = await self.password_gate.check(record.password_hash, password)
        except ChecksBusy as busy:
            self.join_limiter.forgive(attempt)
            raise _too_many(busy.retry_after_s) from None
        if not right:
            raise Refused(ErrorCode.WRONG_PASSWORD, "The session password is not right.")
        self.join_limiter.forgive(attempt)

    def _returning_customer(self, room: Room, join: CustomerJoin) -> Seat | None:
        """The customer's own seat, if the join carries its resume token (after a dropped
        socket, or a restart of the center); None for a first join."""
        if join.resume_id is None or join.resume_token is None:
            return None
        seat = room.seats.get(join.resume_id)
        if seat is not None:
            same = hmac.compare_digest(seat.resume_token, join.resume_token)
            return seat if same and seat.info.role == Role.CUSTOMER else None
        return self._recorded_seat(room, join.resume_id, Role.CUSTOMER, join.resume_token)

    def _new_seat(
        self, conn: Connection, room: Room, info: ParticipantInfo, agent_id: int | None = None
    ) -> Seat:
        """A new seat in ``room``, recorded (with its resume token) so that it can be taken
        back; an agent's seat is remembered as that signed-in agent's."""
        seat = Seat(info, new_secret(), agent_id=agent_id)
        self.store.add_participant(
            info.id,
            room.number,
            info.role.value,
            info.name,
            info.os,
            info.machine,
            conn.address,
            seat.resume_token,
        )
        if agent_id is not None:
            self.seat_owners.remember(info.id, room.number, agent_id)
        return seat

    def _recorded_seat(
        self, room: Room, pid: str, role: Role, resume_token: str | None
    ) -> Seat | None:
        """A seat from the records (the center restarted): same id, same person. Customers
        prove it is theirs with their resume token; agents with their sign-in."""
        row = self.store.seat_record(pid, room.number)
        if row is None or row["role"] != role.value or row["left_reason"] in ("left", "removed"):
            return None
        if resume_token is not None:
            stored = row["resume_hash"] or ""
            if not hmac.compare_digest(stored, token_digest(resume_token)):
                return None
        info = ParticipantInfo(
            id=row["id"], role=role, name=row["name"], os=row["os"], machine=row["machine"]
        )
        seat = Seat(info, resume_token or new_secret())
        room.seats[pid] = seat
        return seat

    async def _seat(self, conn: Connection, room: Room, seat: Seat) -> None:
        """Put ``conn`` in ``seat``, welcome it, and tell the others."""
        previous = seat.socket
        seat.socket = conn.socket
        room.seats[seat.info.id] = seat
        conn.room, conn.seat = room, seat
        if previous is not None and previous is not conn.socket:
            await previous.close(code=1000, message=b"replaced by a newer connection")
        others = [_as_seen_by(seat.info, s.info) for s in room.connected() if s is not seat]
        await _send(
            conn.socket,
            Welcome(
                session=room.number,
                you=seat.info,
                participants=others,
                ice_servers=self.config.ice_servers,
                resume_token=seat.resume_token,
                settings=self.config.session_settings(),
            ),
        )
        for other in room.connected():
            if other is not seat and other.socket is not None:
                joined = ParticipantJoined(participant=_as_seen_by(other.info, seat.info))
                await _send(other.socket, joined)
        await self.lobby.seated(room, seat)

    # --- in a session -------------------------------------------------------------------------

    async def _relay(self, conn: Connection, signal: SignalOut) -> None:
        assert conn.room is not None and conn.seat is not None
        target = conn.room.seats.get(signal.to)
        if target is None or target.socket is None:
            raise Refused(ErrorCode.NO_SUCH_PARTICIPANT, "That participant is not connected.")
        if not should_link(conn.seat.info, target.info):
            raise Refused(ErrorCode.NOT_ALLOWED, "Customers are not linked to each other.")
        relayed = SignalIn(sender=conn.seat.info.id, kind=signal.kind, sdp=signal.sdp)
        try:
            # Longer than what came in: a signal at the size limit may not fit once relayed.
            text = FROM_CENTER.encode(relayed)
        except ProtocolError:
            raise Refused(ErrorCode.TOO_LARGE, "This message is too large to pass on.") from None
        await _send_text(target.socket, text)

    def _note(self, conn: Connection, note: AuditNote) -> None:
        """A peer's audit entry goes into the session's record, under the peer's own name and
        id (two customers may share a name); the id is the center's, whatever the note says."""
        assert conn.room is not None and conn.seat is not None
        note = kept_chat_note(self.config.keep_chat, conn.seat.info.role, note)
        conn.notes += 1
        if conn.notes > MAX_AUDIT_NOTES_PER_SOCKET:
            if conn.notes == MAX_AUDIT_NOTES_PER_SOCKET + 1:
                log.warning("%s sends too many audit notes; further ones are dropped", conn.address)
            return
        detail = {k: v for k, v in note.detail.items() if k != LINES_DROPPED}
        detail["participant"] = conn.seat.info.id
        lines = _lines_kept(conn, note.lines)
        if len(lines) < len(note.lines):
            detail[LINES_DROPPED] = str(len(note.lines) - len(lines))
        self.store.audit(
            conn.room.number, conn.seat.info.name, "peer." + note.kind, lines, **detail
        )

    async def _end(self, conn: Connection) -> None:
        assert conn.room is not None and conn.seat is not None
        self._primary_only(conn, "end", "Only the agent in charge can end the session.")
        conn.leaving = True
        await self._end_room(conn.room, EndReason.ENDED_BY_AGENT, conn.seat.info.name)

    async def _leave(self, conn: Connection) -> None:
        assert conn.room is not None and conn.seat is not None
        if conn.seat.info.role == Role.PRIMARY_AGENT:
            raise Refused(ErrorCode.NOT_ALLOWED, "The agent in charge ends the session instead.")
        room, seat = conn.room, conn.seat
        conn.leaving = True
        room.seats.pop(seat.info.id, None)
        seat.socket = None
        self.store.participant_left(seat.info.id, LeaveReason.LEFT.value)
        self.store.audit(
            room.number,
            seat.info.name,
            "participant.left",
            reason="left",
            role=seat.info.role.value,
        )
        await self._broadcast(
            room, ParticipantLeft(participant_id=seat.info.id, reason=LeaveReason.LEFT)
        )
        if seat.info.role == Role.CUSTOMER:
            await self.lobby.customer_gone(room, left=True)

    async def _step_away(self, conn: Connection) -> None:
        """The agent in charge closes their console keeping the session: customers are told at
        once, and wait the reconnect window for the agent to sign back in and resume."""
        assert conn.room is not None and conn.seat is not None
        self._primary_only(conn, "step_away", "Only the agent in charge can keep the session.")
        room, seat = conn.room, conn.seat
        conn.leaving = True
        seat.socket = None
        room.away = True
        self.store.participant_left(seat.info.id, LeaveReason.AWAY.value)
        self.store.audit(room.number, seat.info.name, "agent.away")
        await self._broadcast(room, self._gone_message(seat, LeaveReason.AWAY))
        self._start_grace(room)

    def _socket_gone(self, conn: Connection) -> None:
        self.lobby.socket_gone(conn)
        room, seat = conn.room, conn.seat
        if room is None or seat is None or seat.socket is not conn.socket:
            return  # never seated, already left, or replaced by a newer connection
        seat.socket = None
        if self.rooms.get(room.number) is not room:
            return  # the session ended
        self.store.participant_left(seat.info.id, LeaveReason.DISCONNECTED.value)
        self.store.audit(room.number, seat.info.name, "participant.disconnected")
        self._spawn(self._broadcast(room, self._gone_message(seat, LeaveReason.DISCONNECTED)))
        if seat.info.role == Role.PRIMARY_AGENT:
            self._start_grace(room)
        elif seat.info.role == Role.CUSTOMER:
            self._spawn(self.lobby.customer_gone(room, left=False))

    def _gone_message(self, seat: Seat, reason: LeaveReason) -> ParticipantLeft:
        """Someone's departure; for the agent in charge, with how long their seat is kept."""
        if seat.restarting and reason == LeaveReason.DISCONNECTED:
            return ParticipantLeft(
                participant_id=seat.info.id,
                reason=LeaveReason.RESTARTING,
                return_within_s=RESTART_WINDOW_S,
            )
        keep = self.config.agent_grace_s if seat.info.role == Role.PRIMARY_AGENT else None
        return ParticipantLeft(participant_id=seat.info.id, reason=reason, return_within_s=keep)

    def _start_grace(self, room: Room) -> None:
        if room.grace is not None:
            room.grace.cancel()
        room.grace = asyncio.get_running_loop().call_later(
            self.config.agent_grace_s,
            lambda: self._spawn(self._end_room(room, EndReason.AGENT_LEFT, None)),
        )

    # --- the agent's open sessions, from the HTTPS API -----------------------------------------

    def open_sessions(self, agent_id: int) -> list[dict[str, Any]]:
        """The agent's sessions still open (expired ones are closed on the way), each with its
        people: what a console signing in offers to resume or end."""
        found: list[dict[str, Any]] = []
        for number in self.store.open_sessions_of(agent_id):
            if self.lobby.in_transfer(number):
                continue  # no longer theirs to resume
            try:
                record = self._open_session(number)
            except Refused:
                continue  # expired just now
            room = self.rooms.get(number)
            seats = list(room.seats.values()) if room is not None else []
            agent = room.primary() if room is not None else None
            recorded_seat = self.store.primary_agent_seat(number)
            found.append(
                {
                    "number": number,
                    "created_at": record.created_at,
                    "has_password": record.password_hash is not None,
                    # The seat a console resumes (kept across a restart of the center).
                    "agent_seat": agent.info.id if agent is not None else recorded_seat,
                    # A console is in this session right now (elsewhere): not to be resumed.
                    "agent_connected": agent is not None and agent.socket is not None,
                    "customers": [
                        {"name": s.info.name, "connected": s.socket is not None}
                        for s in seats
                        if s.info.role == Role.CUSTOMER
                    ],
                }
            )
        return found

    def agent_role(self, number: int, agent_id: int) -> Role | None:
        """The role ``agent_id`` holds in session ``number`` now: primary agent for its owner
        (seated or not), assistant agent while seated as one; None otherwise. For the center's
        rules of who may do what with a session (invitations, notes)."""
        record = self.store.session(number)
        if record is None or record.status != "open":
            return None
        if record.agent_id == agent_id:
            return Role.PRIMARY_AGENT
        room = self.rooms.get(number)
        seat = room.seat_of_agent(agent_id) if room is not None else None
        return seat.info.role if seat is not None else None

    async def end_session(self, number: int, by: str) -> None:
        """End a session for everyone, from the API (its agent may have no console open)."""
        room = self.rooms.get(number)
        if room is not None:
            await self._end_room(room, EndReason.ENDED_BY_AGENT, by)
        else:
            self._close_room(number, EndReason.ENDED_BY_AGENT, by)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` in the background, keeping a reference until it finishes."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _end_room(self, room: Room, reason: EndReason, by: str | None) -> None:
        sockets = [s.socket for s in room.connected()]
        self._close_room(room.number, reason, by)
        for socket in sockets:
            assert socket is not None
            await _send(socket, SessionEnded(reason=reason, by=by))
            await socket.close(code=1000, message=b"session ended")

    def _close_room(self, number: int, reason: EndReason, by: str | None) -> None:
        room = self.rooms.pop(number, None)
        if room is not None and room.grace is not None:
            room.grace.cancel()
        self.store.end_session(number, reason.value)
        self.store.audit(number, by or "", "session.ended", reason=reason.value)
        self.lobby.session_closed(number)

    async def _broadcast(self, room: Room, message: FromCenter, skip: Seat | None = None) -> None:
        for seat in room.connected():
            if seat is not skip and seat.socket is not None:
                await _send(seat.socket, message)

    async def shutdown(self) -> None:
        await self.lobby.stop()
        for room in list(self.rooms.values()):
            for seat in room.connected():
                if seat.socket is not None:
                    await seat.socket.close(code=1001, message=b"support center stopping")


# Why a restart ticket does not take a seat back, as the customer's client shows it.
_REJOIN_REFUSED = {
    Redeemed.UNKNOWN: "This restart ticket is not valid for this session.",
    Redeemed.EXPIRED: "This restart ticket has expired: join the session again with its number.",
    Redeemed.USED: "This restart ticket has already been used.",
}


def _too_many(wait: float) -> Refused:
    return Refused(
        ErrorCode.RATE_LIMITED, f"Too many attempts. Try again in {int(wait) + 1} seconds.", wait
    )


async def _close(socket: web.WebSocketResponse, why: bytes) -> None:
    await socket.close(code=1008, message=why)


def _as_seen_by(viewer: ParticipantInfo, info: ParticipantInfo) -> ParticipantInfo:
    """What ``viewer`` is told of ``info``. Agents see everyone's system (to help them); a
    customer sees of the others who they are (id, role, name: enough to chat and to know who is
    in charge), and their own system, never another's OS or machine name."""
    if viewer.role != Role.CUSTOMER or info.id == viewer.id:
        return info
    return info.model_copy(update={"os": "", "machine": ""})


async def _send(socket: web.WebSocketResponse, message: FromCenter) -> None:
    try:
        text = FROM_CENTER.encode(message)
    except ProtocolError as exc:  # a bug of ours: logged, and that message is not sent
        log.error("could not encode a %s: %s", type(message).__name__, exc)
        return
    await _send_text(socket, text)


async def _send_text(socket: web.WebSocketResponse, text: str) -> None:
    if socket.closed:
        return
    with contextlib.suppress(ConnectionError, RuntimeError):
        await socket.send_str(text)
