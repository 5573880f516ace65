"""Helpers for the integration tests: raw clients of the center, and a session brought up whole."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp

from csr_console.services.agent_session import AgentAccount, AgentSession, StartedSession
from customer_client.services.customer_session import CustomerSession
from shared.features.chat.engine import ChatFeature
from shared.protocol import FROM_CENTER
from shared.protocol.messages import EVERYONE, FromCenter
from shared.session.live import LiveSession
from shared.session.state import SessionState
from tests.helpers import CenterFixture, wait_for

S = TypeVar("S", bound=LiveSession)

# How long a raw client waits for the center's answer before the test fails.
ANSWER_TIMEOUT_S = 5.0


def pinned_http(center: CenterFixture) -> aiohttp.ClientSession:
    """An HTTP client that trusts exactly this center's certificate, like the apps do."""
    pin = aiohttp.Fingerprint(bytes.fromhex(center.running.fingerprint))
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=pin))


@asynccontextmanager
async def raw_socket(center: CenterFixture) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A signaling socket with no client logic in front: sends what the test says."""
    async with pinned_http(center) as http, http.ws_connect(center.running.url + "/ws") as ws:
        yield ws


async def answer(ws: aiohttp.ClientWebSocketResponse) -> FromCenter:
    frame = await ws.receive(timeout=ANSWER_TIMEOUT_S)
    assert frame.type == aiohttp.WSMsgType.TEXT, f"expected an answer, got {frame}"
    return FROM_CENTER.decode(frame.data)


async def api(
    center: CenterFixture,
    method: str,
    path: str,
    *,
    token: str | None = None,
    **kwargs: Any,
) -> tuple[int, dict[str, Any]]:
    """One HTTPS call to the center: its status and JSON body."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        pinned_http(center) as http,
        http.request(method, center.running.url + path, headers=headers, **kwargs) as response,
    ):
        return response.status, await response.json(content_type=None)


# --- sessions as the apps bring them up: with chat on them -------------------------------------


def with_chat(session: S) -> S:
    """``session`` with chat riding on it, as the apps put it on every session."""
    ChatFeature(session)
    return session


def chat_of(session: LiveSession) -> ChatFeature:
    """The chat part of a session made here."""
    chat = session.part("chat", ChatFeature)
    assert chat is not None, "this session was made without chat (use agent_of / customer_of)"
    return chat


def texts(session: LiveSession) -> list[str]:
    """The chat lines shown in ``session``, sent and received, in order."""
    return [line.text for line in chat_of(session).lines]


async def agent_of(center: CenterFixture) -> tuple[AgentSession, AgentAccount]:
    """A signed-in agent's session, with chat."""
    agent, account = await center.agent()
    return with_chat(agent), account


def customer_of(center: CenterFixture) -> CustomerSession:
    """A customer's session, not yet joined, with chat."""
    return with_chat(center.customer())


@dataclass
class Connected:
    agent: AgentSession
    customer: CustomerSession
    started: StartedSession

    @property
    def customer_id(self) -> str:
        me = self.customer.engine.me
        assert me is not None
        return me.id

    @property
    def agent_id(self) -> str:
        me = self.agent.engine.me
        assert me is not None
        return me.id

    async def close(self) -> None:
        await self.customer.close()
        await self.agent.close()


async def connected_session(center: CenterFixture, name: str = "Grace") -> Connected:
    """An agent's session with one customer in it, their peer link open on both sides."""
    agent, _ = await agent_of(center)
    started = await agent.start()
    customer = customer_of(center)
    await customer.join(started.number, name)
    await customer.wait_connected()
    session = Connected(agent, customer, started)
    await wait_for(
        lambda: (
            agent.engine.state == SessionState.ACTIVE
            and any(p.linked for p in agent.engine.present())
        ),
        what="the agent's link to the customer",
    )
    return session


async def assert_center_serves(center: CenterFixture) -> None:
    """The center still runs a whole session: start, join, chat both ways, end."""
    session = await connected_session(center, name="Alan")
    try:
        chat_of(session.agent).send(session.customer_id, "Still working?")
        await wait_for(
            lambda: texts(session.customer) == ["Still working?"],
            what="agent's chat at the customer",
        )
        chat_of(session.customer).send(EVERYONE, "Yes.")
        await wait_for(
            lambda: texts(session.agent) == ["Still working?", "Yes."], what="customer's chat"
        )
        await session.agent.end()
        await wait_for(
            lambda: session.customer.engine.state == SessionState.ENDED, what="customer sees end"
        )
    finally:
        await session.close()
