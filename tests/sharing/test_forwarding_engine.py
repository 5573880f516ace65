"""The primary agent forwards a view of the customer's screen to an assistant, and the
forwarding follows the view: real center, real peers, real capture of the test run's Xvfb, real
aiortc on loopback (``shared/features/desktop/forwarding.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import cast

import pytest

from csr_console.services.agent_session import AgentSession
from customer_client.services.customer_session import CustomerSession
from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.forward_protocol import ForwardOffer
from shared.features.desktop.forwarding import ForwardedView, SharingForwarding, ViewForwarding
from shared.features.desktop.protocol import ActivityKind, MonitorInfo
from shared.media import DecodedFrame, MediaReceiver, MediaSender, ScreenTrack
from shared.media.backend import ScreenMediaBackend, ScreenSender
from shared.protocol.messages import IceServer
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import chat_of, texts
from tests.media.test_media_link import Received
from tests.roles.support import Three, me, three_peers

pytestmark = pytest.mark.e2e


@dataclass
class Forwarded:
    agent: AgentSession
    customer: CustomerSession
    agent_sharing: SharingFeature
    customer_sharing: SharingFeature
    view: Activity
    forwarding: SharingForwarding
    forwarded: ViewForwarding
    assistant: MediaReceiver
    assistant_frames: Received


@asynccontextmanager
async def forwarded_view(center: CenterFixture) -> AsyncIterator[Forwarded]:
    """The agent views the customer's screen and forwards it to one assistant's receiver."""
    agent, _ = await center.agent()
    customer = center.customer()
    agent_sharing = SharingFeature(agent, ScreenMediaBackend())
    customer_sharing = SharingFeature(customer, ScreenMediaBackend())

    async def allow(request: ConsentRequest) -> ConsentAnswer:
        return ConsentAnswer(granted=True)

    customer_sharing.consent.ask = allow
    primary_frames = Received()
    agent_sharing.on_frame = lambda activity, frame: primary_frames(cast(DecodedFrame, frame))
    assistant_frames = Received()
    assistant = MediaReceiver([], assistant_frames)
    forwarding = SharingForwarding(agent_sharing)
    try:
        started = await agent.start()
        await customer.join(started.number, "Grace")
        await customer.wait_connected()
        await wait_for(lambda: bool(agent.engine.present()) and agent.engine.present()[0].linked)
        view = agent_sharing.request(ActivityKind.VIEW, agent.engine.present()[0].id)
        await primary_frames.next(1, timeout=10.0)
        forwarded = forwarding.start(view.id)
        offer = await forwarded.offer("assistant-1")
        await forwarded.answer("assistant-1", await assistant.accept_offer(offer))
        await assistant_frames.next(1, timeout=10.0)
        yield Forwarded(agent, customer, agent_sharing, customer_sharing, view, forwarding,
                        forwarded, assistant, assistant_frames)  # fmt: skip
    finally:
        await forwarding.close()
        await assistant.close()
        await customer.leave()
        await agent.end()


async def test_the_forwarding_ends_when_the_customer_stops_the_view(center: CenterFixture) -> None:
    async with forwarded_view(center) as setup:
        assert setup.forwarded.assistants == {"assistant-1"}
        await setup.customer_sharing.stop(setup.view.id)  # the customer presses Stop
        await wait_for(
            lambda: setup.agent_sharing.activities[0].state == ActivityState.STOPPED,
            what="the agent hears of the Stop",
        )
        await wait_for(lambda: setup.forwarded.closed, what="the forwarding ends")
        assert setup.forwarding.views == {}
        assert setup.forwarded.assistants == frozenset()
        # The assistant's connection from the primary is closed: its stream ends.
        await wait_for(setup.assistant.ended.is_set, what="the assistant's stream ends")


async def test_an_assistant_who_leaves_the_session_loses_its_link(center: CenterFixture) -> None:
    async with forwarded_view(center) as setup:
        frames = len(setup.assistant_frames.frames)
        await setup.forwarded.drop("assistant-1")
        assert setup.forwarded.assistants == frozenset()
        assert not setup.forwarded.closed  # the view stays forwardable to others
        await wait_for(setup.assistant.ended.is_set, what="the assistant's stream ends")
        assert len(setup.assistant_frames.frames) == frames
        assert setup.agent_sharing.activities[0].state == ActivityState.ACTIVE


@dataclass
class ThreeSharing:
    three: Three
    sharing: dict[str, SharingFeature]
    forwarding: dict[str, SharingForwarding]
    frames: dict[str, Received]
    backends: dict[str, CountingBackend]

    def forwarded(self) -> list[ForwardedView]:
        return [e for e in self.three.events["assistant"] if isinstance(e, ForwardedView)]


async def three_sharing(center: CenterFixture) -> ThreeSharing:
    """Three peers (primary, assistant, customer) with desktop sharing and its forwarding on
    the real screen backend; the customer allows what is asked."""
    setup = ThreeSharing(cast(Three, None), {}, {}, {}, {})

    def attach(session: LiveSession, name: str) -> None:
        setup.backends[name] = CountingBackend()
        sharing = setup.sharing[name] = SharingFeature(session, setup.backends[name])
        setup.forwarding[name] = SharingForwarding(sharing)
        setup.frames[name] = Received()
        sharing.on_frame = recorder(setup.frames[name])

        async def allow(request: ConsentRequest) -> ConsentAnswer:
            return ConsentAnswer(granted=True)

        sharing.consent.ask = allow

    setup.three = await three_peers(center, attach)
    return setup


async def test_the_assistant_sees_the_primarys_view_until_the_customer_stops_it(
    center: CenterFixture,
) -> None:
    """The primary views the customer's screen; the assistant is offered the forwarded view at
    once, its frames arrive under the view's id, and it ends with the view."""
    setup = await three_sharing(center)
    three, frames = setup.three, setup.frames
    try:
        view = setup.sharing["primary"].request(ActivityKind.VIEW, me(three.customer).id)
        first = await frames["primary"].next(1, timeout=10.0)
        frame = await frames["assistant"].next(1, timeout=10.0)
        assert (frame.width, frame.height) == (first.width, first.height)
        customer, primary = me(three.customer).id, me(three.primary).id
        assert setup.forwarded() == [ForwardedView(view.id, customer, primary, True)]
        assert setup.forwarding["primary"].views[view.id].assistants == {me(three.assistant).id}
        assert setup.backends["customer"].senders == 1  # one stream leaves the customer's

        await setup.sharing["customer"].stop(view.id)  # the customer presses Stop
        await wait_for(
            lambda: setup.forwarded()[-1] == ForwardedView(view.id, customer, primary, False),
            what="the assistant told the forwarded view ended",
        )
        assert setup.forwarding["primary"].views == {}
        assert setup.forwarding["assistant"].watching == {}
    finally:
        await three.close()


async def test_an_assistant_takes_a_forwarded_view_only_from_the_primary(
    center: CenterFixture,
) -> None:
    """The customer's engine (modified) offers the assistant a 'forwarded view' of its own
    making: the assistant's engine ignores it — no receiver, nothing shown."""
    setup = await three_sharing(center)
    three = setup.three
    track = ScreenTrack()
    forged = MediaSender(track, [])
    try:
        assistant_id = me(three.assistant).id
        offer = ForwardOffer(activity="forged-1", customer=me(three.customer).id,
                             sdp=await forged.create_offer())  # fmt: skip
        three.customer.send_to(assistant_id, offer)
        chat_of(three.customer).send(assistant_id, "after the offer")  # same channel, in order
        await wait_for(lambda: "after the offer" in texts(three.assistant), what="the chat line")
        assert setup.forwarding["assistant"].watching == {}
        assert setup.backends["assistant"].receivers == 0
        assert setup.forwarded() == []
    finally:
        await forged.close()
        await three.close()


def recorder(received: Received) -> Callable[[str, object], None]:
    return lambda activity, frame: received(cast(DecodedFrame, frame))


class CountingBackend(ScreenMediaBackend):
    """The real screen backend, counting the screen senders (peer connections) it makes."""

    def __init__(self) -> None:
        self.senders = 0
        self.receivers = 0

    def receiver(
        self, ice_servers: list[IceServer], on_frame: Callable[[DecodedFrame], None]
    ) -> MediaReceiver:
        self.receivers += 1
        return super().receiver(ice_servers, on_frame)

    def sender(self, monitor: MonitorInfo, ice_servers: list[IceServer]) -> ScreenSender:
        self.senders += 1
        return super().sender(monitor, ice_servers)
