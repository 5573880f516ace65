"""Helpers for the integration tests: raw clients of the center, and a session brought up whole."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp

from csr_console.services.agent_session import AgentSession, StartedSession
from customer_client.services.customer_session import CustomerSession
from shared.protocol import FROM_CENTER
from shared.protocol.messages import EVERYONE, FromCenter
from shared.session.state import SessionState
from tests.helpers import CenterFixture, wait_for

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
    agent, _ = await center.agent()
    started = await agent.start()
    customer = center.customer()
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
        session.agent.send_chat(session.customer_id, "Still working?")
        await wait_for(
            lambda: [line.text for line in session.customer.engine.chat] == ["Still working?"],
            what="agent's chat at the customer",
        )
        session.customer.send_chat(EVERYONE, "Yes.")
        await wait_for(lambda: len(session.agent.engine.chat) == 2, what="customer's chat")
        await session.agent.end()
        await wait_for(
            lambda: session.customer.engine.state == SessionState.ENDED, what="customer sees end"
        )
    finally:
        await session.close()
