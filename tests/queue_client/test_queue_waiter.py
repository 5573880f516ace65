"""The client's queue waiter against a real support center on loopback: its place in line moves
as others leave or are helped, an accepted customer joins the agent's session with the name
given on the Get help page, a forged ticket is refused at once and for good, leaving (or the
client dying) takes the customer out of the agent's count within seconds, and a center restart
keeps them waiting in the same place."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from customer_client.services.queue_wait import QueueRefused, QueueWaiter
from customer_client.ui.queue_controller import refusal_text
from shared.protocol.queues import PRESENCE_GRACE_S
from shared.session.state import SessionState
from tests.helpers import AGENT_NAME, CenterFixture, free_port, running_center, wait_for
from tests.integration.support import agent_of, customer_of
from tests.queue_client.support import (
    QUEUE_TITLE,
    accept,
    file_ticket,
    open_queue,
    start_waiting,
    waiting_count,
)

# A status reaches a waiting client within this (the center sends it when the line changes).
STATUS_TIMEOUT_S = 10.0
# A dead client's place is given up after the center's grace; its next sweep may take this more.
COUNT_MARGIN_S = 5.0
POLL_S = 0.2  # how often the test reads the count, as a console does (less often, really)
# The center's grace for a dropped client, shortened so the test waits less than the real 10 s.
SHORT_GRACE_S = 1.0


def request_status(center: CenterFixture, ticket: str) -> str:
    """What the center's record says of the help request (filed, waiting, accepted, left…)."""
    request = center.running.hub.lobby.queues.request_for_ticket(ticket)
    assert request is not None
    return request.status


async def test_the_place_in_line_moves_as_others_leave_or_are_helped(
    center: CenterFixture,
) -> None:
    open_queue(center)
    agent, _ = await agent_of(center)
    first = start_waiting(center, await file_ticket(center, "Alan"))
    await wait_for(lambda: first.position == 1, STATUS_TIMEOUT_S, "Alan first in line")
    second = start_waiting(center, await file_ticket(center, "Barbara"))
    await wait_for(lambda: second.position == 2, STATUS_TIMEOUT_S, "Barbara second")
    third = start_waiting(center, await file_ticket(center, "Grace"))
    await wait_for(lambda: third.position == 3, STATUS_TIMEOUT_S, "Grace third")
    assert third.statuses[-1].queue_title == QUEUE_TITLE
    assert third.statuses[-1].name == "Grace"  # what the client joins with, nothing typed

    await first.waiter.leave()  # Alan presses Leave
    assert first.task is not None and await first.task is None
    await wait_for(lambda: third.position == 2, STATUS_TIMEOUT_S, "Grace moving up to 2")
    assert second.position == 1

    helped = await accept(center, agent)  # Accept next: Barbara, the longest waiting
    assert helped.name == "Barbara"
    assert second.task is not None
    accepted = await second.task
    assert accepted is not None and accepted.session == helped.number
    await wait_for(lambda: third.position == 1, STATUS_TIMEOUT_S, "Grace next in line")
    await third.waiter.leave()
    await agent.close()


async def test_an_accepted_customer_joins_the_agents_session_as_named(
    center: CenterFixture,
) -> None:
    open_queue(center)
    agent, _ = await agent_of(center)
    waiting = start_waiting(center, await file_ticket(center, "Grace Hopper"))
    await wait_for(lambda: waiting.position == 1, STATUS_TIMEOUT_S, "in line")

    helped = await accept(center, agent)
    await agent.take(helped.number, helped.join_link)
    assert waiting.task is not None
    accepted = await waiting.task
    assert accepted is not None
    assert (accepted.session, accepted.agent) == (helped.number, AGENT_NAME)
    assert waiting.waiter.name == "Grace Hopper"

    # What the client does next: the normal join, with the name from the Get help page.
    customer = customer_of(center)
    welcome = await customer.join(accepted.session, waiting.waiter.name)
    assert welcome.you.name == "Grace Hopper"
    await customer.wait_connected()
    await wait_for(lambda: agent.engine.state == SessionState.ACTIVE, what="the session running")
    assert [p.name for p in agent.engine.present()] == ["Grace Hopper"]
    await agent.end()


async def test_a_forged_ticket_is_refused_at_once_and_for_good(center: CenterFixture) -> None:
    open_queue(center)
    waiter = QueueWaiter(center.link(), "forged-ticket-0123456789abcdef")
    with pytest.raises(QueueRefused) as refused:
        await waiter.wait()
    assert refused.value.code == "ticket_unknown"
    said = refusal_text(refused.value)
    assert "does not know this help request" in said
    assert "Ask for help again on the support page." in said
    assert not waiter.center.socket_open


async def test_a_used_ticket_is_refused(center: CenterFixture) -> None:
    open_queue(center)
    agent, _ = await agent_of(center)
    ticket = await file_ticket(center, "Grace")
    waiting = start_waiting(center, ticket)
    await wait_for(lambda: waiting.position == 1, STATUS_TIMEOUT_S, "in line")
    helped = await accept(center, agent)
    await agent.take(helped.number, helped.join_link)
    assert waiting.task is not None and await waiting.task is not None
    customer = customer_of(center)
    await customer.join(helped.number, "Grace")  # the ticket did its work

    with pytest.raises(QueueRefused) as refused:
        await QueueWaiter(center.link(), ticket).wait()  # the same ticket, a second time
    assert refused.value.code == "ticket_used"
    assert "already used" in refusal_text(refused.value)
    await agent.end()


async def test_leaving_takes_the_customer_out_of_the_line_at_once(center: CenterFixture) -> None:
    open_queue(center)
    agent, _ = await agent_of(center)
    ticket = await file_ticket(center, "Grace")
    waiting = start_waiting(center, ticket)
    await wait_for(lambda: waiting.position == 1, STATUS_TIMEOUT_S, "in line")
    assert await waiting_count(center, agent) == 1

    await waiting.waiter.leave()  # the Leave button, or the window closing
    assert await waiting_count(center, agent) == 0
    # Out of the line for good, not merely away for the grace: queue.leave went first.
    assert request_status(center, ticket) == "left"
    await agent.close()


async def test_a_client_that_dies_is_out_of_the_line_within_seconds(tmp_path: Path) -> None:
    async with running_center(tmp_path / "center", queue_presence_grace_s=SHORT_GRACE_S) as center:
        await _dies(center)


async def _dies(center: CenterFixture) -> None:
    open_queue(center)
    agent, _ = await agent_of(center)
    ticket = await file_ticket(center, "Grace")
    waiting = start_waiting(center, ticket)
    await wait_for(lambda: waiting.position == 1, STATUS_TIMEOUT_S, "in line")
    # The process dies: its socket closes with no queue.leave.
    assert waiting.task is not None
    waiting.task.cancel()
    await waiting.waiter.center.close()
    # What the agent's console reads, again and again, until the customer is gone from it.
    deadline = time.monotonic() + SHORT_GRACE_S + COUNT_MARGIN_S
    while await waiting_count(center, agent):
        assert time.monotonic() < deadline, "the center still counts a client that died"
        await asyncio.sleep(POLL_S)
    # Past the grace, out of the line for good (a client back later would be refused).
    await wait_for(
        lambda: request_status(center, ticket) == "left",
        SHORT_GRACE_S + COUNT_MARGIN_S,
        "the dead client's place given up",
    )
    await agent.close()


async def test_a_center_restart_keeps_the_customer_waiting_in_the_same_place(
    tmp_path: Path,
) -> None:
    data_dir, port = tmp_path / "center", free_port()
    async with running_center(data_dir, port=port) as first:
        open_queue(first)
        ahead = start_waiting(first, await file_ticket(first, "Alan"))
        await wait_for(lambda: ahead.position == 1, STATUS_TIMEOUT_S, "Alan in line")
        waiting = start_waiting(first, await file_ticket(first, "Grace"))
        await wait_for(lambda: waiting.position == 2, STATUS_TIMEOUT_S, "Grace in line")
        heard = len(waiting.statuses)
    # The center is down: the clients try again, and say so.
    await wait_for(lambda: waiting.lost > 0, 10, "the client noticing the drop")
    async with running_center(data_dir, port=port) as second:
        await wait_for(
            lambda: len(waiting.statuses) > heard and waiting.waiter.center.socket_open,
            PRESENCE_GRACE_S,
            "Grace back in line within the grace",
        )
        assert waiting.position == 2 and ahead.position == 1
        agent, _ = await agent_of(second)
        assert await waiting_count(second, agent) == 2
        assert waiting.task is not None and not waiting.task.done()
        await ahead.waiter.leave()
        await waiting.waiter.leave()
        await agent.close()
