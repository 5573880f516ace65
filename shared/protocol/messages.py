"""Every message of the Tandem wire protocol, as typed, validated schemas.

Three families travel on three paths:

* ``ToCenter``: a console or client to the support center, over the signaling WebSocket;
* ``FromCenter``: the support center to a console or client, over the same WebSocket;
* ``PeerMessage``: peer to peer, over a WebRTC data channel (never through the center); each
  feature registers its family of them in ``catalogue.py``.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from shared.protocol.catalogue import register_family
from shared.protocol.limits import (
    MAX_AUDIT_LINE_CHARS,
    MAX_AUDIT_LINES,
    MAX_NAME_CHARS,
    MAX_PARTICIPANT_ID_CHARS,
    MAX_REASON_CHARS,
    MAX_SESSION_PASSWORD_CHARS,
    MAX_SIGNALING_MESSAGE_BYTES,
    MAX_SYSTEM_FIELD_CHARS,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
)

SessionNumber = Annotated[int, Field(ge=SESSION_NUMBER_MIN, le=SESSION_NUMBER_MAX, strict=True)]
ParticipantId = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_PARTICIPANT_ID_CHARS, pattern=r"^[\w-]+$")
]
# Unicode's Bidi_Control characters: embeddings, overrides, isolates and the invisible
# direction marks (LRM, RLM, ALM). They make text read in another order than it is stored
# ("Trojan Source"), so one name could pass for another.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Control characters (a newline breaks a title bar, an escape sequence a terminal), line and
# paragraph separators, and lone surrogates (which cannot be written out as UTF-8 again).
_NOT_SHOWN = frozenset({"Cc", "Cs", "Zl", "Zp"})


def printable_line(value: str) -> str:
    """``value`` if it is one line of printable text (shown as names are: in titles, lists,
    headers); a clear error naming the first character that is not."""
    if value.isprintable():  # no control, format or separator character at all: the usual case
        return value
    for char in value:
        if unicodedata.category(char) in _NOT_SHOWN or char in BIDI_CONTROLS:
            raise ValueError(
                f"must be one line of printable text (U+{ord(char):04X} is a control character)"
            )
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_CHARS),
    AfterValidator(printable_line),
]
SystemField = Annotated[
    str, StringConstraints(max_length=MAX_SYSTEM_FIELD_CHARS), AfterValidator(printable_line)
]
Reason = Annotated[str, StringConstraints(max_length=MAX_REASON_CHARS)]
Token = Annotated[str, StringConstraints(min_length=16, max_length=128, pattern=r"^[\w-]+$")]
Sdp = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SIGNALING_MESSAGE_BYTES)]
MessageId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[\w-]+$")]

# Whom a message is for: one participant, or everybody in the session.
EVERYONE = "*"
Recipient = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_PARTICIPANT_ID_CHARS, pattern=r"^([\w-]+|\*)$"),
]


class Role(StrEnum):
    PRIMARY_AGENT = "primary_agent"
    ASSISTANT_AGENT = "assistant_agent"
    CUSTOMER = "customer"


class LeaveReason(StrEnum):
    LEFT = "left"  # the participant chose to leave
    DISCONNECTED = "disconnected"  # the connection dropped or the process died
    REMOVED = "removed"  # the session ended around them
    # The primary agent closed their console keeping the session: they may sign back in and
    # resume it within the center's reconnect window.
    AWAY = "away"
    # The customer agreed to restart their computer: their seat waits for the client to
    # rejoin with its single-use restart ticket (``CustomerRejoin``).
    RESTARTING = "restarting"


class EndReason(StrEnum):
    ENDED_BY_AGENT = "ended_by_agent"
    AGENT_LEFT = "agent_left"
    EXPIRED = "expired"


class Message(BaseModel):
    """Base of every message: strict, unknown fields refused, versioned."""

    # allow_inf_nan: JSON has no Infinity or NaN; accepting them would decode what cannot be
    # re-encoded (pydantic writes them as null).
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False
    )
    v: Literal[1] = 1  # limits.PROTOCOL_VERSION; the codec checks it first


class ParticipantInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: ParticipantId
    role: Role
    name: Name
    os: SystemField = ""
    machine: SystemField = ""


class IceServer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    urls: list[Annotated[str, StringConstraints(max_length=256)]] = Field(max_length=8)
    username: Annotated[str, StringConstraints(max_length=128)] | None = None
    credential: Annotated[str, StringConstraints(max_length=256)] | None = None


# --- peer to center ---------------------------------------------------------------------------


class AgentHello(Message):
    """An agent attaches its signaling socket to a session it owns (or resumes it)."""

    type: Literal["agent.hello"] = "agent.hello"
    token: Token
    session: SessionNumber
    resume_id: ParticipantId | None = None


class CustomerJoin(Message):
    type: Literal["customer.join"] = "customer.join"
    session: SessionNumber
    name: Name
    password: Annotated[str, StringConstraints(max_length=MAX_SESSION_PASSWORD_CHARS)] = ""
    os: SystemField = ""
    machine: SystemField = ""
    # Set when a customer whose signaling socket dropped comes back to the same seat.
    resume_id: ParticipantId | None = None
    resume_token: Token | None = None


class SignalKind(StrEnum):
    OFFER = "offer"
    ANSWER = "answer"


class SignalOut(Message):
    """An SDP offer or answer for one other participant of the same session."""

    type: Literal["signal"] = "signal"
    to: ParticipantId
    kind: SignalKind
    sdp: Sdp


class EndSession(Message):
    type: Literal["session.end"] = "session.end"


class Leave(Message):
    type: Literal["leave"] = "leave"


class StepAway(Message):
    """The primary agent leaves for now, keeping the session: its customers wait for the
    center's reconnect window, and the agent may sign back in and resume it."""

    type: Literal["agent.away"] = "agent.away"


class AssistJoin(Message):
    """A signed-in agent joins another agent's open session as an assistant agent (or takes
    their own assistant's seat back, ``resume_id``, after their socket dropped)."""

    type: Literal["assist.join"] = "assist.join"
    token: Token
    session: SessionNumber
    resume_id: ParticipantId | None = None


class TransferControl(Message):
    """The primary agent hands control to an assistant agent present in the session; they stay
    on as an assistant."""

    type: Literal["control.transfer"] = "control.transfer"
    to: ParticipantId


class TakeOver(Message):
    """An assistant agent takes control while the primary agent's console is gone (it crashed
    or lost its connection: the center's reconnect window runs)."""

    type: Literal["control.take_over"] = "control.take_over"


class RestartAgreed(Message):
    """The customer agreed to restart their computer: their client asks the center for a
    single-use ticket to take the same seat back after the reboot (``RestartTicket``)."""

    type: Literal["customer.restarting"] = "customer.restarting"


class CustomerRejoin(Message):
    """A customer's client started again after a restart takes its seat back with the ticket
    the center issued for it; nothing is typed (the seat keeps its name)."""

    type: Literal["customer.rejoin"] = "customer.rejoin"
    session: SessionNumber
    participant: ParticipantId
    ticket: Token
    os: SystemField = ""
    machine: SystemField = ""


AuditKind = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[a-z_.]+$")]
AuditValue = Annotated[str, StringConstraints(max_length=200)]
# One item of an entry that lists several (a bundle's files): one line of printable text.
AuditLine = Annotated[
    str, StringConstraints(max_length=MAX_AUDIT_LINE_CHARS), AfterValidator(printable_line)
]


class AuditNote(Message):
    """One entry of a peer's audit log (a request, an answer, an action), for the session's
    record at the center; ``lines`` lists its items (a bundle's files), one a line."""

    type: Literal["audit"] = "audit"
    kind: AuditKind
    detail: dict[AuditKind, AuditValue] = Field(default_factory=dict, max_length=12)
    lines: list[AuditLine] = Field(default_factory=list, max_length=MAX_AUDIT_LINES)


class QueueWait(Message):
    """A customer's client waits in a queue with its ticket (``shared/protocol/queues.py``):
    sent on a socket of its own, and again with the same ticket after a drop."""

    type: Literal["queue.wait"] = "queue.wait"
    ticket: Token
    os: SystemField = ""
    machine: SystemField = ""


class QueueLeave(Message):
    """The customer leaves the queue (they closed the client or pressed Leave)."""

    type: Literal["queue.leave"] = "queue.leave"


ToCenter = (
    AgentHello
    | CustomerJoin
    | SignalOut
    | EndSession
    | Leave
    | StepAway
    | AuditNote
    | AssistJoin
    | TransferControl
    | TakeOver
    | RestartAgreed
    | CustomerRejoin
    | QueueWait
    | QueueLeave
)


# --- center to peer ---------------------------------------------------------------------------


# Any 64-bit integer passes the wire: the peer judges a setting's range itself and keeps its own
# default for a value out of it (shared/session/settings.py), rather than refusing the welcome
# and with it the session.
SettingInt = Annotated[int, Field(strict=True, ge=-(2**63), le=2**63 - 1)]


class SessionSettings(BaseModel):
    """The support center's settings for a session, handed to every peer in its welcome; None
    leaves a setting to the peer's own default."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # The most a file may be, per file (the manual's 150 MB unless the center says otherwise).
    max_file_bytes: SettingInt | None = None
    # Whether the agent's console sends the chat lines for the session's record (the center
    # keeps them only if its own setting says so, whatever a peer sends).
    keep_chat: StrictBool = False


class Welcome(Message):
    type: Literal["welcome"] = "welcome"
    session: SessionNumber
    you: ParticipantInfo
    participants: list[ParticipantInfo] = Field(max_length=64)
    ice_servers: list[IceServer] = Field(default_factory=list, max_length=8)
    resume_token: Token
    settings: SessionSettings = Field(default_factory=SessionSettings)


class ParticipantJoined(Message):
    type: Literal["participant.joined"] = "participant.joined"
    participant: ParticipantInfo


class ParticipantLeft(Message):
    type: Literal["participant.left"] = "participant.left"
    participant_id: ParticipantId
    reason: LeaveReason
    # When the agent in charge is gone but their seat is kept: how long (seconds) the center
    # waits for them to come back before it ends the session.
    return_within_s: float | None = Field(default=None, ge=0, le=24 * 3600)


class SignalIn(Message):
    type: Literal["signal.from"] = "signal.from"
    sender: ParticipantId
    kind: SignalKind
    sdp: Sdp


class ControlReason(StrEnum):
    TRANSFERRED = "transferred"  # the primary agent handed control over
    TAKEN_OVER = "taken_over"  # an assistant took it while the primary's console was gone


class ControlTransferred(Message):
    """Who is in charge now: ``primary`` is the primary agent, ``previous`` (the one before)
    an assistant agent. Sent to everyone at once, so that every engine changes roles together."""

    type: Literal["control.transferred"] = "control.transferred"
    previous: ParticipantId
    primary: ParticipantId
    reason: ControlReason


class RestartTicket(Message):
    """The center's answer to ``RestartAgreed``: the single-use ticket that takes the seat back
    within ``valid_for_s`` seconds (kept hashed at the center)."""

    type: Literal["restart.ticket"] = "restart.ticket"
    ticket: Token
    valid_for_s: float = Field(ge=0, le=24 * 3600)


class QueueStatus(Message):
    """Where a waiting customer stands: sent on ``queue.wait`` and whenever it changes; also to a
    customer seated in a session that was transferred (``transferred_by`` set), who waits in
    their session for the next agent."""

    type: Literal["queue.status"] = "queue.status"
    queue_title: Name
    position: int = Field(ge=1, le=1_000_000)  # 1: next to be helped
    estimated_wait_s: float = Field(ge=0, le=7 * 24 * 3600)
    transferred_by: Name | None = None
    # On ``queue.wait``'s answers: the name the customer gave when asking for help (the client
    # joins the accepted session with it; a downloaded client or a link does not carry it).
    name: Name | None = None


class QueueAccepted(Message):
    """An agent accepted the waiting customer: join session ``session`` now."""

    type: Literal["queue.accepted"] = "queue.accepted"
    session: SessionNumber
    agent: Name


class SessionEnded(Message):
    type: Literal["session.ended"] = "session.ended"
    reason: EndReason
    by: Name | None = None


class ErrorCode(StrEnum):
    MALFORMED = "malformed"
    TOO_LARGE = "too_large"
    UNKNOWN_TYPE = "unknown_type"
    UNSUPPORTED_VERSION = "unsupported_version"
    INVALID = "invalid"
    NO_SUCH_SESSION = "no_such_session"
    SESSION_ENDED = "session_ended"
    WRONG_PASSWORD = "wrong_password"
    RATE_LIMITED = "rate_limited"
    NOT_ALLOWED = "not_allowed"
    NO_SUCH_PARTICIPANT = "no_such_participant"
    NOT_JOINED = "not_joined"
    SESSION_FULL = "session_full"
    # A queue ticket the center does not know (forged), already used, or brought too late.
    TICKET_UNKNOWN = "ticket_unknown"
    TICKET_USED = "ticket_used"
    TICKET_EXPIRED = "ticket_expired"
    # The center failed handling the message (a bug, its disk): logged there; the socket goes on.
    INTERNAL = "internal"


class ErrorMessage(Message):
    """Sent back for a message that was refused; the connection stays open."""

    type: Literal["error"] = "error"
    code: ErrorCode | Annotated[str, StringConstraints(max_length=40)]
    reason: Reason
    retry_after_s: float | None = Field(default=None, ge=0, le=3600)


FromCenter = (
    Welcome
    | ParticipantJoined
    | ParticipantLeft
    | SignalIn
    | SessionEnded
    | ErrorMessage
    | ControlTransferred
    | RestartTicket
    | QueueStatus
    | QueueAccepted
)


# --- peer to peer (data channel) --------------------------------------------------------------


class PeerMessage(Message):
    """Base of every message that rides a peer data channel. The peer codec knows a subclass
    once its feature registered it in the catalogue (``catalogue.register_family``)."""

    type: str


class PeerHello(PeerMessage):
    """First message on a fresh data channel: who is on the other end."""

    type: Literal["peer.hello"] = "peer.hello"
    participant: ParticipantInfo


class Ping(PeerMessage):
    type: Literal["ping"] = "ping"
    seq: int = Field(ge=0, le=2**53)
    sent_at: float = Field(ge=0)


class Pong(PeerMessage):
    type: Literal["pong"] = "pong"
    seq: int = Field(ge=0, le=2**53)
    sent_at: float = Field(ge=0)


class PeerError(PeerMessage):
    type: Literal["peer.error"] = "peer.error"
    code: Annotated[str, StringConstraints(max_length=40)]
    reason: Reason


# The session's own family; each feature registers its own (shared/kit/registry.py).
register_family("session", [PeerHello, Ping, Pong, PeerError])
