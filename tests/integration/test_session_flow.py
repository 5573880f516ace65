"""A whole session over the real center and real aiortc peer links on loopback."""

from __future__ import annotations

import pytest

from shared.features.chat.engine import ChatReceived
from shared.protocol.messages import EVERYONE
from shared.session.events import SessionClosed
from shared.session.state import SessionState
from tests.helpers import AGENT_NAME, CenterFixture, wait_for
from tests.integration.support import agent_of, chat_of, customer_of


async def test_start_join_chat_end(center: CenterFixture) -> None:
    agent, _ = await agent_of(center)
    started = await agent.start()
    assert 100_000_000 <= started.number <= 999_999_999
    # The link an agent copies is the center's web join page for this session.
    assert started.join_link == f"{center.running.url}/j/{started.number}"

    customer = customer_of(center)
    customer_events: list[object] = []
    customer.engine.subscribe(customer_events.append)
    await customer.join(started.number, "Grace")
    await customer.wait_connected()
    await wait_for(lambda: agent.engine.state == SessionState.ACTIVE, what="agent link open")

    (seen,) = agent.engine.present()
    assert seen.name == "Grace" and seen.info.os and seen.info.machine

    chat_of(agent).send(seen.id, "Hello Grace, I can see you joined.")
    await wait_for(
        lambda: any(isinstance(e, ChatReceived) and not e.outgoing for e in customer_events)
    )
    received = next(e for e in customer_events if isinstance(e, ChatReceived))
    assert received.line.text == "Hello Grace, I can see you joined."
    assert received.sender_name == AGENT_NAME

    chat_of(customer).send(EVERYONE, "Thanks, ça marche €")
    await wait_for(lambda: len(chat_of(agent).lines) == 2, what="customer chat at agent")
    assert chat_of(agent).lines[-1].text == "Thanks, ça marche €"

    await agent.end()
    await wait_for(lambda: customer.engine.state == SessionState.ENDED, what="customer sees end")
    closed = next(e for e in customer_events if isinstance(e, SessionClosed))
    assert closed.code == "ended_by_agent" and closed.by == AGENT_NAME
    assert agent.engine.state == SessionState.ENDED
    record = center.running.store.session(started.number)
    assert record is not None and record.status == "ended" and record.end_reason == "ended_by_agent"


@pytest.mark.parametrize("wrong", [123456789, 999999999])
async def test_wrong_number_is_refused_and_client_can_retry(
    center: CenterFixture, wrong: int
) -> None:
    from shared.transport.center_link import CenterError

    agent, _ = await agent_of(center)
    started = await agent.start()
    customer = customer_of(center)
    if wrong == started.number:
        wrong += 1
    with pytest.raises(CenterError) as refused:
        await customer.join(wrong, "Grace")
    assert refused.value.code == "no_such_session"
    assert customer.engine.state == SessionState.IDLE
    # The same client object stays usable: the right number now gets in.
    await customer.join(started.number, "Grace")
    await customer.wait_connected()
    await agent.end()
