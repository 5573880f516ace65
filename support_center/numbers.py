"""Session numbers: nine random digits, never sequential, so one number says nothing of another."""

from __future__ import annotations

import secrets

from shared.protocol.limits import SESSION_NUMBER_MAX, SESSION_NUMBER_MIN


def draw_session_number() -> int:
    return SESSION_NUMBER_MIN + secrets.randbelow(SESSION_NUMBER_MAX - SESSION_NUMBER_MIN + 1)


def new_secret() -> str:
    """A bearer token or resume token: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def new_participant_id() -> str:
    return "p" + secrets.token_hex(6)
