"""Two agents of one session (the agent in charge and an assistant) link again by themselves
after a network drop, as an agent and a customer do; in memory, with a virtual clock."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from customer_client.services.customer_session import CustomerSession
from shared.features.chat.engine import ChatFeature
from shared.protocol.messages import AgentHello, AssistJoin
from shared.session.live import RELINK_INTERVAL_S, RELINK_WINDOW_S, LiveSession
from shared.transport.clock import VirtualClock
from shared.transport.memory_link import MemoryNetwork
from tests.engine.memory_center import NUMBER, TOKEN, MemoryCenter

SLACK_S = 0.1  # the loop's own turns beyond a deadline (virtual seconds)
AGENT_ID = "pagent"  # the seat MemoryCenter gives the agent in charge
# Assistants' seats: one whose id sorts after the agent's, one before (it then makes the offer).
ASSISTANT_AFTER, ASSISTANT_BEFORE = "passist", "paaa"


@dataclass
class Three:
    clock: VirtualClock
    network: MemoryNetwork
    agent: LiveSession
    assistant: LiveSession
    customer: CustomerSession

    def agents_linked(self) -> bool:
        """Each agent sees the other linked."""
        assert self.assistant.engine.me is not None
        ours = self.agent.engine.participant(self.assistant.engine.me.id)
        theirs = self.assistant.engine.participant(AGENT_ID)
        return ours is not None and ours.linked and theirs is not None and theirs.linked

    def everyone_linked(self) -> bool:
        customer = self.customer.engine.present()
        return self.agents_linked() and len(customer) == 2 and all(p.linked for p in customer)


async def _three(assistant_id: str) -> Three:
    clock = VirtualClock()
    network = MemoryNetwork(clock)
    center = MemoryCenter()
    agent = LiveSession(center.signaling(), clock=clock, link_factory=network)  # type: ignore[arg-type]
    assistant = LiveSession(center.signaling(), clock=clock, link_factory=network)  # type: ignore[arg-type]
    customer = CustomerSession(center.signaling(), clock=clock, link_factory=network)  # type: ignore[arg-type]
    for session in (agent, assistant, customer):
        ChatFeature(session)
    await agent._enter(AgentHello(token=TOKEN, session=NUMBER))
    await customer.join(NUMBER, "Grace")
    await assistant._enter(AssistJoin(token=TOKEN, session=NUMBER, resume_id=assistant_id))
    three = Three(clock, network, agent, assistant, customer)
    await clock.advance(1.0, until=three.everyone_linked)
    assert three.everyone_linked(), "all three link up"
    return three


@pytest.mark.parametrize("assistant_id", [ASSISTANT_AFTER, ASSISTANT_BEFORE])
async def test_the_two_agents_link_again_after_a_drop_within_the_window(assistant_id: str) -> None:
    """Whichever of the two makes the offer (the id that sorts first, whatever the roles), the
    link comes back once the network does, and chat between the agents goes again."""
    three = await _three(assistant_id)
    three.network.partition(True)
    await three.clock.advance(RELINK_WINDOW_S - 10)
    assert not three.agents_linked()
    three.network.partition(False)
    elapsed = await three.clock.advance(2 * RELINK_INTERVAL_S, until=three.everyone_linked)
    assert three.everyone_linked() and elapsed <= RELINK_INTERVAL_S + SLACK_S

    said = three.assistant.part("chat", ChatFeature)
    heard = three.agent.part("chat", ChatFeature)
    assert said is not None and heard is not None
    said.send(AGENT_ID, "I am back")
    await three.clock.advance(SLACK_S)
    assert [line.text for line in heard.lines] == ["I am back"]
