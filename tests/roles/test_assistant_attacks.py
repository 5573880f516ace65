"""Modified peers beside the agent in charge. A console in an assistant's seat cannot make the
customer's engine refuse the primary's own requests by sending requests first under the ids the
primary will use (an activity id is the asker's id and a counter: known to all). A customer's
engine cannot become the primary on its peer links by saying so in its hello."""

from __future__ import annotations

from pathlib import Path

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.forward_protocol import ForwardOffer
from shared.features.desktop.protocol import ActivityKind, ActivityRequest
from shared.media import MediaSender, ScreenTrack
from shared.protocol.messages import PeerHello, Role
from shared.session.consent import NOT_PRIMARY_AGENT
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import chat_of, texts
from tests.roles.support import me, role_of, three_peers
from tests.roles.test_modified_console import _with_sharing_and_files
from tests.sharing.test_forwarding_engine import three_sharing

# Far more than the primary's requests in the test: every id it will use is taken first.
PREEMPTED_IDS = 5


async def test_an_assistant_cannot_take_the_ids_of_the_primarys_requests_first(
    center: CenterFixture, tmp_path: Path
) -> None:
    sharing, _, asked, attach = _with_sharing_and_files(tmp_path)
    three = await three_peers(center, attach)
    try:
        ada, bob, grace = me(three.primary).id, me(three.assistant).id, me(three.customer).id
        # Bob's console sends the customer requests under Ada's next activity ids.
        for n in range(1, PREEMPTED_IDS + 1):
            three.assistant.send_to(
                grace, ActivityRequest(id=f"{ada}-s{n}", kind=ActivityKind.VIEW)
            )

        def refused_bob() -> int:
            return sum(
                1
                for e in three.customer.engine.audit.events
                if e.kind == "consent.refused"
                and e.detail.get("why") == NOT_PRIMARY_AGENT
                and e.detail.get("agent") == bob
            )

        await wait_for(lambda: refused_bob() == PREEMPTED_IDS, what="Bob's requests refused")
        assert not asked

        # Ada asks as usual: the customer is asked, and her view runs.
        view = sharing["primary"].request(ActivityKind.VIEW, grace)
        assert view.id == f"{ada}-s1"
        await wait_for(
            lambda: (
                [a.state for a in sharing["primary"].activities if a.id == view.id]
                == [ActivityState.ACTIVE]
            ),
            what="Ada's view running",
        )
        assert [(r.agent_id, r.activity_id) for r in asked] == [(ada, view.id)]
        [mine] = [a for a in sharing["customer"].activities if a.id == view.id]
        assert (mine.agent_id, mine.state) == (ada, ActivityState.ACTIVE)
    finally:
        await three.close()


async def test_a_customer_saying_it_is_the_primary_on_its_links_is_not_believed(
    center: CenterFixture,
) -> None:
    """Roles are the center's: a hello over the peer link naming the customer primary agent
    changes no one's view of it, and its forwarded-view offer that follows is ignored."""
    setup = await three_sharing(center)
    three = setup.three
    forged = MediaSender(ScreenTrack(), [])
    try:
        grace, bob = me(three.customer), me(three.assistant).id
        claimed = grace.model_copy(update={"role": Role.PRIMARY_AGENT})
        for agent in (bob, me(three.primary).id):
            three.customer.send_to(agent, PeerHello(participant=claimed))
        offer = ForwardOffer(
            activity="forged-1", customer=grace.id, sdp=await forged.create_offer()
        )
        three.customer.send_to(bob, offer)
        chat_of(three.customer).send(bob, "after the hello")  # same channel, in order
        await wait_for(lambda: "after the hello" in texts(three.assistant), what="the chat line")
        for session in (three.assistant, three.primary):
            assert role_of(session, grace.id) == Role.CUSTOMER
        assert three.assistant.engine.primary_id == me(three.primary).id
        assert setup.forwarding["assistant"].watching == {}
        assert setup.backends["assistant"].receivers == 0
    finally:
        await forged.close()
        await three.close()
