"""The lifecycle of a session as one peer sees it."""

from __future__ import annotations

from enum import StrEnum


class SessionState(StrEnum):
    IDLE = "idle"  # nothing started
    CONNECTING = "connecting"  # talking to the center
    WAITING = "waiting"  # in the session, no peer link open yet
    ACTIVE = "active"  # at least one peer link is open
    ENDED = "ended"


# Which state may follow which; anything else is a bug in the caller and raises.
TRANSITIONS: dict[SessionState, frozenset[SessionState]] = {
    SessionState.IDLE: frozenset({SessionState.CONNECTING, SessionState.ENDED}),
    SessionState.CONNECTING: frozenset(
        {SessionState.WAITING, SessionState.IDLE, SessionState.ENDED}
    ),
    SessionState.WAITING: frozenset({SessionState.ACTIVE, SessionState.ENDED}),
    SessionState.ACTIVE: frozenset({SessionState.WAITING, SessionState.ENDED}),
    SessionState.ENDED: frozenset(),
}
