"""The agent's side of the center: sign in, start sessions, run them, end them."""

from __future__ import annotations

from dataclasses import dataclass

from shared.protocol.messages import AgentHello, EndSession
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


@dataclass(frozen=True)
class StartedSession:
    number: int
    join_link: str
    has_password: bool


async def sign_in(center: CenterLink, username: str, password: str) -> AgentAccount:
    data = await center.call("POST", "/api/login", {"username": username, "password": password})
    try:
        return AgentAccount(
            username=str(data["username"]),
            display_name=str(data["display_name"]),
            token=str(data["token"]),
            max_sessions=int(data["max_sessions"]),
            default_face=str(data.get("default_face") or ""),
        )
    except (KeyError, ValueError, TypeError):
        raise CenterError("malformed", "The support center sent an unexpected answer.") from None


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

    def _resume_message(self) -> AgentHello | None:
        me = self.engine.me
        if self.started is None or me is None:
            return None
        return AgentHello(token=self.account.token, session=self.started.number, resume_id=me.id)

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
