"""The console built whole (the faces' fixtures), and a real support center on loopback with
queues and their agents, running on an asyncio thread of its own; customers ask for help with a
real ticket and wait in a queue over a real socket (the client's own ``QueueWaiter``), then join
the session they are told to."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.services.customer_session import CustomerSession
from customer_client.services.queue_wait import QueueWaiter
from shared.features.chat.engine import ChatFeature
from shared.protocol.messages import QueueAccepted, QueueStatus
from shared.protocol.queues import TicketIssued, TicketRequest
from shared.qt.bridge import AsyncBridge
from shared.security.passwords import hash_password
from shared.transport.center_link import CenterLink
from tests.faces.conftest import WAIT_MS, make_console, settings_path, start_center_with
from tests.helpers import AGENT_PASSWORD, AGENT_USER, CenterFixture, running_center

__all__ = ["make_console", "settings_path", "start_center_with"]

T = TypeVar("T")
BOB_USER, BOB_NAME = "bob", "Bob Agent"
_BOB_HASH = hash_password(AGENT_PASSWORD)


@dataclass
class WaitingCustomer:
    """A customer who asked for help in a queue and waits there, on the center's thread."""

    name: str
    ticket: str
    waiter: QueueWaiter
    statuses: list[QueueStatus] = field(default_factory=list)
    accepted: QueueAccepted | None = None
    session: CustomerSession | None = None
    # Their session's state, as their engine last said (read from the test's thread).
    joined_number: int | None = None


@dataclass
class InboundCenter:
    fixture: CenterFixture
    bridge: AsyncBridge
    customers: list[WaitingCustomer] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.fixture.running.url

    @property
    def fingerprint(self) -> str:
        return self.fixture.running.fingerprint

    def link(self) -> CenterLink:
        return CenterLink(self.url, self.fingerprint)

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.bridge.submit(coro).result(WAIT_MS / 1000)

    def on_center(self, call: Callable[[], T]) -> T:
        """``call`` on the center's thread (its database is used from there only)."""

        async def run() -> T:
            return call()

        return self.run(run())

    def add_queue(self, name: str, title: str, *usernames: str) -> None:
        def add() -> None:
            queues = self.fixture.running.hub.lobby.queues
            queues.add_queue(name, title)
            for username in usernames:
                agent = self.fixture.running.store.agent_by_username(username)
                assert agent is not None
                queues.add_member(name, agent.id)

        self.on_center(add)

    def waits(self, queue: str, name: str, problem: str = "") -> WaitingCustomer:
        """``name`` fills the Get help form of ``queue`` (``POST /api/tickets``), then their
        client waits in line with the ticket; returns once they stand in the queue."""
        asked = TicketRequest(
            queue=queue,
            name=name,
            email=f"{name.lower()}@customer.example",
            problem=problem,
            referrer="https://shop.example/cart",
        )
        data = self.run(self.link().call("POST", "/api/tickets", asked.model_dump()))
        ticket = TicketIssued.model_validate(data).ticket
        customer = WaitingCustomer(name, ticket, QueueWaiter(self.link(), ticket))
        customer.waiter.on_status = customer.statuses.append
        self.customers.append(customer)
        self.bridge.submit(self._wait_then_join(customer))
        return customer

    async def _wait_then_join(self, customer: WaitingCustomer) -> None:
        accepted = await customer.waiter.wait()
        if accepted is None:
            return
        customer.accepted = accepted
        session = CustomerSession(self.link())
        ChatFeature(session)
        customer.session = session
        await session.join(accepted.session, customer.name)
        await session.wait_connected()
        customer.joined_number = accepted.session

    def stop_customers(self) -> None:
        for customer in self.customers:
            self.run(customer.waiter.leave())
            if customer.session is not None:
                self.run(customer.session.close())


@pytest.fixture
def inbound_center(tmp_path: Path) -> Iterator[InboundCenter]:
    """A real center with a second agent (Bob) beside the usual one (Ada), no queue yet."""
    bridge = AsyncBridge()
    context: AbstractAsyncContextManager[CenterFixture] = running_center(tmp_path / "center")
    fixture = bridge.submit(context.__aenter__()).result(30)
    center = InboundCenter(fixture, bridge)
    center.on_center(lambda: fixture.running.store.add_agent(BOB_USER, BOB_NAME, _BOB_HASH))
    yield center
    center.stop_customers()
    bridge.submit(context.__aexit__(None, None, None)).result(30)
    bridge.stop()


def signed_in(
    qtbot: QtBot, console: Console, center: InboundCenter, user: str = AGENT_USER
) -> None:
    console.controller.sign_in(center.url, center.fingerprint, user, AGENT_PASSWORD)
    qtbot.waitUntil(lambda: console.controller.state.signed_in, timeout=WAIT_MS)
    console.login.accept()
