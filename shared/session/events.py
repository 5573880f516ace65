"""What the session engine tells its views. Views render these; they never poke at state.

These are the session's own events; each feature publishes events of its own beside them
(``SessionEngine.publish``), which reach the views as they are and which that feature's views
know."""

from __future__ import annotations

from dataclasses import dataclass

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
class ConsentChanged:
    """What the customer's "allow everything" covers now; empty: it is off (withdrawn)."""

    allowed: frozenset[PermissionKind]


@dataclass(frozen=True)
class ConsentCancelled:
    """The question put to the customer for ``activity_id`` is moot: take it away."""

    activity_id: str


@dataclass(frozen=True)
class RolesChanged:
    """Control of the session changed hands: ``primary`` (a participant id, maybe ours) is the
    primary agent now, ``previous`` an assistant agent. ``reason`` is a ControlReason value
    ("transferred", "taken_over") or "reseated" (our seat came back with another role)."""

    previous: str
    primary: str
    reason: str


SessionEvent = (
    StateChanged
    | ParticipantsChanged
    | SessionClosed
    | Problem
    | ConsentChanged
    | ConsentCancelled
    | RolesChanged
)
