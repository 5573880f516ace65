"""What the client's queue tests share: a center with a queue the test agent belongs to, tickets
filed as the Get help page files them, and waiters as the client runs them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from csr_console.inbound.center_api import accept_next, queues_view
from csr_console.services.agent_session import AgentSession
from customer_client.services.queue_wait import QueueWaiter
from shared.protocol.messages import QueueAccepted, QueueStatus
from shared.protocol.queues import AcceptedCustomer, TicketIssued, TicketRequest
from tests.helpers import AGENT_USER, CenterFixture
from tests.integration.support import api

QUEUE = "billing"
QUEUE_TITLE = "Billing"


def open_queue(center: CenterFixture, name: str = QUEUE, title: str = QUEUE_TITLE) -> None:
    """The site administrator's queue, with the test agent in it."""
    queues = center.running.hub.lobby.queues
    if queues.queue(name) is None:
        queues.add_queue(name, title)
    agent = center.running.store.agent_by_username(AGENT_USER)
    assert agent is not None
    queues.add_member(name, agent.id)


async def file_ticket(center: CenterFixture, name: str, queue: str = QUEUE) -> str:
    """The Get help form sent: the ticket the one-click client carries."""
    body = TicketRequest(queue=queue, name=name, problem="My printer is on fire").model_dump()
    status, answer = await api(center, "POST", "/api/tickets", json=body)
    assert status in (200, 201), answer
    return TicketIssued.model_validate(answer).ticket


@dataclass
class Waiting:
    """One customer's client waiting in line: what it heard, and how its wait ended."""

    waiter: QueueWaiter
    statuses: list[QueueStatus] = field(default_factory=list)
    lost: int = 0
    task: asyncio.Task[QueueAccepted | None] | None = None

    @property
    def position(self) -> int | None:
        return self.statuses[-1].position if self.statuses else None


def start_waiting(center: CenterFixture, ticket: str) -> Waiting:
    waiting = Waiting(QueueWaiter(center.link(), ticket))
    waiting.waiter.on_status = waiting.statuses.append

    def lost() -> None:
        waiting.lost += 1

    waiting.waiter.on_lost = lost
    waiting.task = asyncio.ensure_future(waiting.waiter.wait())
    return waiting


async def waiting_count(center: CenterFixture, agent: AgentSession) -> int:
    """How many customers the center counts in the queue (what an agent's console shows)."""
    link = center.link()
    try:
        view = await queues_view(link, agent.account)
    finally:
        await link.close()
    return sum(q.waiting for q in view.queues if q.name == QUEUE)


async def accept(center: CenterFixture, agent: AgentSession) -> AcceptedCustomer:
    link = center.link()
    try:
        accepted = await accept_next(link, agent.account, QUEUE)
    finally:
        await link.close()
    assert accepted is not None, "nobody was waiting"
    return accepted
