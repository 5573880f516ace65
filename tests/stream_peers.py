"""For the tests of the features that stream part of a screen (co-browsing's window,
application sharing's applications): the real streams, counting those started (a refusal
starts none), and an agent and a customer linked in a session."""

from __future__ import annotations

from csr_console.services.agent_session import AgentSession
from customer_client.services.customer_session import CustomerSession
from shared.media.area_media import AreaMedia, AreaSender
from shared.media.capture import CaptureArea
from shared.protocol.messages import IceServer
from tests.helpers import wait_for


class CountingMedia(AreaMedia):
    def __init__(self) -> None:
        self.senders = 0

    def sender(self, area: CaptureArea, ice_servers: list[IceServer]) -> AreaSender:
        self.senders += 1
        return super().sender(area, ice_servers)


async def linked(agent: AgentSession, customer: CustomerSession) -> None:
    """The agent starts a session and the customer joins it, until their peer link is up."""
    started = await agent.start()
    await customer.join(started.number, "Grace")
    await customer.wait_connected()
    await wait_for(lambda: bool(agent.engine.present()) and agent.engine.present()[0].linked)
