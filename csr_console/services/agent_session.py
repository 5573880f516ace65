"""The agent's side of the center: sign in, start sessions, run them, end them."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from shared.protocol.messages import (
    AgentHello,
    EndSession,
    Name,
    ParticipantId,
    SessionNumber,
    StepAway,
)
from shared.session.live import LiveSession
from shared.session.state import SessionState
from shared.transport.center_link import CenterError, CenterLink


@dataclass(frozen=True)
class AgentAccount:
    username: str
    display_name: str
    token: str
    max_sessions: int
    # The console layout the site asks for ("" when the site leaves it to each agent); the
    # agent's own preference wins.
    default_face: str = ""
    # How long customers wait for this agent after they quit keeping their sessions (seconds).
    keep_window_s: float = 120.0


@dataclass(frozen=True)
class StartedSession:
    number: int
    join_link: str
    has_password: bool


@dataclass(frozen=True)
class OpenSession:
    """One of the agent's sessions still open at the center (left by a console that quit)."""

    started: StartedSession
    # The agent's seat in it, taken back on resuming (None: the center makes a new one).
    agent_seat: str | None
    # Another console is in it right now: it may be ended from here, not resumed.
    in_use: bool
    # (name, connected) of each customer in it.
    customers: tuple[tuple[str, bool], ...]


async def sign_in(center: CenterLink, username: str, password: str) -> AgentAccount:
    data = await center.call("POST", "/api/login", {"username": username, "password": password})
    try:
        return AgentAccount(
            username=str(data["username"]),
            display_name=str(data["display_name"]),
            token=str(data["token"]),
            max_sessions=int(data["max_sessions"]),
            default_face=str(data.get("default_face") or ""),
            keep_window_s=float(data.get("keep_window_s", 120.0)),
        )
    except (KeyError, ValueError, TypeError):
        raise CenterError("malformed", "The support center sent an unexpected answer.") from None


async def open_sessions(center: CenterLink, account: AgentAccount) -> list[OpenSession]:
    """The agent's sessions still open at the center, to resume or end."""
    data = await center.call("GET", "/api/sessions", token=account.token)
    try:
        return [_open_session(item) for item in data["sessions"]]
    except (KeyError, ValueError, TypeError, AttributeError):  # (a ValidationError is a ValueError)
        raise CenterError("malformed", "The support center sent an unexpected answer.") from None


# What the center lists is checked as the protocol checks it: the names are shown, the seat and
# the number are sent back in an ``agent.hello``.
_NUMBER: TypeAdapter[int] = TypeAdapter(SessionNumber)
_SEAT: TypeAdapter[str] = TypeAdapter(ParticipantId)
_NAME: TypeAdapter[str] = TypeAdapter(Name)


def _open_session(item: Any) -> OpenSession:
    seat = item.get("agent_seat")
    return OpenSession(
        started=StartedSession(
            number=_NUMBER.validate_python(item["number"]),
            join_link=str(item["join_link"]),
            has_password=bool(item["has_password"]),
        ),
        agent_seat=_SEAT.validate_python(seat) if seat else None,
        in_use=bool(item["agent_connected"]),
        customers=tuple(
            (_NAME.validate_python(c["name"]), bool(c["connected"])) for c in item["customers"]
        ),
    )


async def end_open_session(center: CenterLink, account: AgentAccount, number: int) -> None:
    """End one of the agent's sessions for everyone, without being in it."""
    await center.call("POST", f"/api/sessions/{number}/end", {}, token=account.token)


class AgentSession(LiveSession):
    """One support session run by this agent, from Start to End."""

    def __init__(self, center: CenterLink, account: AgentAccount) -> None:
        super().__init__(center)
        self.account = account
        self.started: StartedSession | None = None

    async def start(self, password: str = "") -> StartedSession:
        """Ask the center for a new session number, then take the primary agent's seat."""
        data = await self.center.call(
            "POST", "/api/sessions", {"password": password}, token=self.account.token
        )
        try:
            started = StartedSession(
                number=int(data["number"]),
                join_link=str(data["join_link"]),
                has_password=bool(password),
            )
        except (KeyError, ValueError, TypeError):
            raise CenterError(
                "malformed", "The support center sent an unexpected answer."
            ) from None
        await self._enter(AgentHello(token=self.account.token, session=started.number))
        self.started = started
        return started

    async def resume(self, kept: OpenSession) -> StartedSession:
        """Take the agent's seat back in a session left open (by a console that quit keeping
        it): the customers still there link to us again."""
        await self._enter(
            AgentHello(
                token=self.account.token, session=kept.started.number, resume_id=kept.agent_seat
            )
        )
        self.started = kept.started
        return kept.started

    async def step_away(self) -> None:
        """Leave the session open for the center's reconnect window (the console quits or
        signs out keeping it): customers are told, and this agent may resume it."""
        if self.engine.state == SessionState.ENDED:
            return
        self._leaving = True
        if self.engine.is_primary_agent:
            with contextlib.suppress(CenterError, ConnectionError):
                await self.center.send(StepAway())
        await self._shut_down("kept", self.account.display_name)

    def _resume_message(self) -> AgentHello | None:
        me = self.engine.me
        if self.started is None or me is None:
            return None
        return AgentHello(token=self.account.token, session=self.started.number, resume_id=me.id)

    async def finish(self, keep: bool) -> None:
        """Leave the session as the console quits or signs out: kept open for the reconnect
        window, or ended for everyone."""
        if keep:
            await self.step_away()
            return
        with contextlib.suppress(CenterError, ConnectionError, PermissionError):
            await self.end()
        await self.close()

    async def end(self) -> None:
        """End the session for everyone. Only the primary agent may (the center checks too)."""
        if self.engine.state == SessionState.ENDED:
            return
        if not self.engine.is_primary_agent:
            raise PermissionError("only the primary agent can end the session")
        await self.center.send(EndSession())
        # The center answers with session.ended, which shuts everything down; if it is gone,
        # shut down here all the same.
        if not self.center.socket_open:
            await self._shut_down("ended_by_agent", self.account.display_name)
