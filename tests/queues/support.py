"""A real center on loopback with queues, agents in them, and raw customers waiting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from shared.protocol import TO_CENTER
from shared.protocol.messages import FromCenter, QueueStatus, QueueWait
from support_center.queues.lobby import Lobby
from tests.helpers import _PASSWORD_HASH, AGENT_PASSWORD, AGENT_USER, CenterFixture
from tests.helpers import running_center as start
from tests.integration.support import answer, api, pinned_http

# Short windows, so that the tests see tickets expire and absent customers leave in seconds.
GRACE_S = 1.0


@dataclass
class Desk:
    """A center with the queue ``billing`` (agents ``ada`` and ``bob``) and ``tech`` (``cy``)."""

    center: CenterFixture

    @property
    def lobby(self) -> Lobby:
        return self.center.running.hub.lobby

    async def token(self, username: str = AGENT_USER) -> str:
        status, body = await api(
            self.center,
            "POST",
            "/api/login",
            json={"username": username, "password": AGENT_PASSWORD},
        )
        assert status == 200, body
        return str(body["token"])

    async def ticket(self, queue: str = "billing", name: str = "Grace", **fields: Any) -> str:
        status, body = await api(
            self.center, "POST", "/api/tickets", json={"queue": queue, "name": name, **fields}
        )
        assert status == 201, body
        return str(body["ticket"])

    async def accept(self, token: str, **body: Any) -> tuple[int, dict[str, Any]]:
        return await api(self.center, "POST", "/api/queues/accept-next", token=token, json=body)


@asynccontextmanager
async def desk(data_dir: Path, port: int = 0, **settings: object) -> AsyncIterator[Desk]:
    settings.setdefault("queue_presence_grace_s", GRACE_S)
    async with start(data_dir, port, **settings) as center:
        store = center.running.store
        queues = center.running.hub.lobby.queues
        if queues.queue("billing") is None:
            queues.add_queue("billing", "Billing", max_waiting=5)
            queues.add_queue("tech", "Technical support")
            ada = store.agent_by_username(AGENT_USER)
            assert ada is not None
            bob = store.add_agent("bob", "Bob Agent", _PASSWORD_HASH)
            cy = store.add_agent("cy", "Cy Agent", _PASSWORD_HASH)
            queues.add_member("billing", ada.id)
            queues.add_member("billing", bob)
            queues.add_member("tech", cy)
        yield Desk(center)


@dataclass
class Waiting:
    ws: aiohttp.ClientWebSocketResponse
    first: FromCenter

    async def next(self) -> FromCenter:
        return await answer(self.ws)

    async def status(self) -> QueueStatus:
        message = await self.next()
        assert isinstance(message, QueueStatus), message
        return message


@asynccontextmanager
async def waiting(center: CenterFixture, ticket: str) -> AsyncIterator[Waiting]:
    """A raw client that sent ``queue.wait`` with ``ticket``; ``first`` is the center's answer."""
    async with pinned_http(center) as http, http.ws_connect(center.running.url + "/ws") as ws:
        await ws.send_str(TO_CENTER.encode(QueueWait(ticket=ticket, os="Linux", machine="pc")))
        yield Waiting(ws, await answer(ws))
