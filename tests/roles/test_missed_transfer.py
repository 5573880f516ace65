"""A customer whose socket to the center dropped while control changed hands hears of it only
from the center's welcome when it takes its seat back. The welcome names the agent in charge:
the customer's engine must follow it even when that agent joined meanwhile (the customer never
knew them) and the former one is no longer at the center, so that neither the former agent in
charge keeps asking as one nor the "allow everything" given to them passes to the new one."""

from __future__ import annotations

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.protocol import ActivityKind
from shared.protocol.messages import Role
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.state import SessionState
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import agent_of, customer_of
from tests.roles.support import assistant_of, linked, me, role_of
from tests.roles.test_control_change import HeldClock
from tests.sharing.test_sharing_engine import RecordingBackend

EVERYTHING = ConsentAnswer(granted=True, allow_all=True, takeover=True)


async def test_a_customer_back_after_a_missed_transfer_gives_the_new_agent_nothing_unasked(
    center: CenterFixture,
) -> None:
    asked: list[ConsentRequest] = []

    async def everything(request: ConsentRequest) -> ConsentAnswer:
        asked.append(request)
        return EVERYTHING

    primary, _ = await agent_of(center)
    customer = customer_of(center)
    customer.consent.ask = everything
    sharing = {
        "primary": SharingFeature(primary, RecordingBackend()),
        "customer": SharingFeature(customer, RecordingBackend()),
    }
    assistant, _ = await assistant_of(center)
    sharing["assistant"] = SharingFeature(assistant, RecordingBackend())
    held = HeldClock()
    customer.clock = held  # the customer's console takes its seat back only when let
    hub = center.running.hub
    try:
        started = await primary.start()
        await customer.join(started.number, "Grace")
        await customer.wait_connected()
        ada, grace = me(primary), me(customer)
        await wait_for(lambda: linked(primary, customer), what="Ada linked to Grace")
        # Grace lets Ada see her screen, and allows everything for the session.
        sharing["primary"].request(ActivityKind.VIEW, grace.id)
        await wait_for(lambda: bool(customer.consent.allowed), what="everything allowed")
        assert len(asked) == 1

        # Grace's socket to the center drops (her console lives on, and will come back).
        seat = hub.rooms[started.number].seats[grace.id]
        assert seat.socket is not None
        await seat.socket.close()
        await wait_for(lambda: seat.socket is None, what="Grace cut off from the center")

        # Meanwhile Bob joins as an assistant, Ada hands control to him and leaves.
        await assistant.assist(started.number)
        bob = me(assistant)
        await wait_for(lambda: bob.id in primary.assistants(), what="Bob seen by Ada")
        await primary.transfer_control(bob.id)
        await wait_for(lambda: assistant.engine.is_primary_agent, what="Bob in charge")
        await primary.leave()

        held.go.set()  # Grace's console takes her seat back: the welcome names Bob
        await wait_for(lambda: role_of(customer, bob.id) is not None, what="Grace meets Bob")
        assert customer.engine.state != SessionState.ENDED

        # The center named Bob in charge: Ada no longer is, and what Grace allowed Ada is not
        # Bob's.
        assert role_of(customer, bob.id) == Role.PRIMARY_AGENT
        assert role_of(customer, ada.id) != Role.PRIMARY_AGENT
        assert customer.engine.primary_id == bob.id
        assert not customer.consent.allowed

        await wait_for(lambda: linked(assistant, customer), what="Bob linked to Grace")
        view = sharing["assistant"].request(ActivityKind.VIEW, grace.id)
        await wait_for(
            lambda: (
                [a.state for a in sharing["assistant"].activities if a.id == view.id]
                == [ActivityState.ACTIVE]
            ),
            what="Bob's view",
        )
        assert [(r.agent_id, r.kind.value) for r in asked[1:]] == [(bob.id, "view_desktop")]
    finally:
        for session in (customer, assistant, primary):
            await session.close()


async def test_a_customer_who_joined_while_the_primary_was_gone_follows_the_take_over(
    center: CenterFixture,
) -> None:
    primary, _ = await agent_of(center)
    assistant, _ = await assistant_of(center)
    customer = customer_of(center)
    try:
        started = await primary.start()
        await assistant.assist(started.number)
        ada = me(primary)
        await primary.close()  # Ada's console dies; the reconnect window runs
        await wait_for(lambda: assistant.can_take_over, what="Ada seen gone")

        # Grace joins meanwhile: the center does not list Ada to her (not connected).
        await customer.join(started.number, "Grace")
        await customer.wait_connected()
        assert role_of(customer, ada.id) is None
        bob = me(assistant)

        await assistant.take_over()
        await wait_for(lambda: assistant.engine.is_primary_agent, what="Bob in charge")
        # Grace's engine follows the center: Bob is the one agent who may ask her now.
        await wait_for(
            lambda: role_of(customer, bob.id) == Role.PRIMARY_AGENT, what="Bob in charge at Grace's"
        )
        assert customer.engine.primary_id == bob.id
        assert customer.consent.may_request is not None and customer.consent.may_request(bob.id)
    finally:
        for session in (customer, assistant, primary):
            await session.close()
