"""The agent's side of the center: sign in, start sessions, run them, end them."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from shared.protocol.messages import (
    AgentHello,
    AssistJoin,
    EndSession,
    Name,
    ParticipantId,
    Role,
    SessionNumber,
    StepAway,
    TakeOver,
    TransferControl,
)
from shared.session.live import LiveSession
from shared.session.participants import assistants_here
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
    """One support session run by this agent, from Start to End, or joined as an assistant
    agent (``assist``). Roles follow the center: ``engine.me.role`` changes when control is
    handed over or taken over (``RolesChanged``); the center and the customer's engine check
    every primary-only action too, so the checks here only say no sooner."""

    def __init__(self, center: CenterLink, account: AgentAccount) -> None:
        super().__init__(center)
        self.account = account
        self.started: StartedSession | None = None
        # A transfer is being asked of the center (it closes our socket as it agrees).
        self._handing_over = False

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

    async def take(self, number: int, join_link: str) -> StartedSession:
        """Take the primary agent's seat in session ``number``, which the center opened for us
        (a customer accepted from a queue, or a session transferred to us): as for a session we
        started, the customer joins it and it starts when they are there."""
        started = StartedSession(number=number, join_link=join_link, has_password=False)
        await self._enter(AgentHello(token=self.account.token, session=number))
        self.started = started
        return started

    async def assist(self, number: int) -> StartedSession:
        """Join another agent's open session by its number, as an assistant agent: we see
        what is shared with us and chat, and act once control is handed to us."""
        await self._enter(AssistJoin(token=self.account.token, session=number))
        # An assistant is not given the join link (it is the primary agent's to hand out).
        self.started = StartedSession(number=number, join_link="", has_password=False)
        return self.started

    @property
    def is_assistant(self) -> bool:
        me = self.engine.me
        return me is not None and me.role == Role.ASSISTANT_AGENT

    def assistants(self) -> list[str]:
        """The ids of the assistant agents present now: those control may be handed to."""
        return [p.id for p in assistants_here(self.engine.present())]

    @property
    def can_take_over(self) -> bool:
        """We assist, and the agent in charge lost their console (the center's reconnect
        window runs): we may take the session over (``take_over``)."""
        primary = self.engine.primary_id
        found = self.engine.participant(primary) if primary is not None else None
        return (
            self.is_assistant
            and found is not None
            and found.gone_reason == "disconnected"
            and found.back_within_s is not None
        )

    async def transfer_control(self, to: str) -> None:
        """Hand control to the assistant agent ``to``; we stay on as an assistant. Roles change
        when the center confirms (``RolesChanged``), for everyone at once."""
        if not self.engine.is_primary_agent:
            raise PermissionError("only the agent in charge can hand control over")
        if to not in self.assistants():
            raise ValueError("that participant is not an assistant agent present here")
        await self.center.send(TransferControl(to=to))

    async def take_over(self) -> None:
        """Take control while the agent in charge is cut off (crashed console)."""
        if not self.is_assistant:
            raise PermissionError("only an assistant agent can take over")
        await self.center.send(TakeOver())

    async def leave(self) -> None:
        """Leave the session (an assistant's way out); the agent in charge ends it or hands
        control over first."""
        if self.engine.is_primary_agent and self.engine.state != SessionState.ENDED:
            raise PermissionError("the agent in charge ends the session or hands control over")
        await super().leave()

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

    async def hand_over(self, transfer: Callable[[], Awaitable[object]]) -> None:
        """Transfer the session (``transfer`` asks the center: to a queue or to agents), then
        leave it here without ending it; the customer waits in it for the next agent. The
        center closes our socket as it takes the session: that is no drop to reconnect from."""
        if not self.engine.is_primary_agent:
            raise PermissionError("only the agent in charge can transfer the session")
        self._handing_over = True
        try:
            await transfer()
        except BaseException:
            self._handing_over = False
            if not self.center.socket_open:
                self._socket_closed()  # it dropped meanwhile: as any drop
            raise
        self._leaving = True
        await self._shut_down("transferred", self.account.display_name)

    def _socket_closed(self) -> None:
        if not self._handing_over:
            super()._socket_closed()

    def _resume_message(self) -> AgentHello | AssistJoin | None:
        me = self.engine.me
        if self.started is None or me is None:
            return None
        if me.role == Role.ASSISTANT_AGENT:
            return AssistJoin(
                token=self.account.token, session=self.started.number, resume_id=me.id
            )
        # Demoted while we were cut off: the center gives our seat back as an assistant's.
        return AgentHello(token=self.account.token, session=self.started.number, resume_id=me.id)

    async def finish(self, keep: bool) -> None:
        """Leave the session as the console quits or signs out: kept open for the reconnect
        window, or ended for everyone."""
        if self.is_assistant:
            with contextlib.suppress(CenterError, ConnectionError):
                await self.leave()  # an assistant keeps nothing: they leave
            await self.close()
            return
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
