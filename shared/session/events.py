"""What the session engine tells its views. Views render these; they never poke at state."""

from __future__ import annotations

from dataclasses import dataclass

from shared.protocol.messages import ChatLine
from shared.session.activities import Activity
from shared.session.consent import PermissionKind
from shared.session.participants import Participant
from shared.session.state import SessionState


@dataclass(frozen=True)
class StateChanged:
    state: SessionState


@dataclass(frozen=True)
class ParticipantsChanged:
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class ChatReceived:
    line: ChatLine
    sender_name: str
    outgoing: bool


@dataclass(frozen=True)
class SessionClosed:
    """The session is over for this peer. ``code`` is an EndReason/LeaveReason value or
    'connection_lost'; ``by`` names who ended it, when someone did."""

    code: str
    by: str | None = None


@dataclass(frozen=True)
class Problem:
    """Something went wrong that the user should read; the session goes on."""

    code: str
    reason: str


@dataclass(frozen=True)
class ActivityChanged:
    """A sharing activity was asked, granted, refused, stopped, or its screen or pause changed."""

    activity: Activity


@dataclass(frozen=True)
class ClipboardArrived:
    """The other side's clipboard text, to put on ours (only while control is shared)."""

    activity_id: str
    text: str


@dataclass(frozen=True)
class ConsentChanged:
    """What the customer's "allow everything" covers now; empty: it is off (withdrawn)."""

    allowed: frozenset[PermissionKind]


SessionEvent = (
    StateChanged
    | ParticipantsChanged
    | ChatReceived
    | SessionClosed
    | Problem
    | ActivityChanged
    | ClipboardArrived
    | ConsentChanged
)
