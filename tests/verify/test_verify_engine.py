"""The security code between the agent's and the customer's apps: the same on both sides of a
real link, different as soon as anyone sits in the middle, "verified" only on the agent's side
(the customer's side takes the agent's word as a claim, never as proof), and gone with the link
it was read from: a new link, however it came, is a new code both sides say to compare again."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

import pytest

from customer_client.services.customer_session import CustomerSession
from shared.features.verify.code import short_code
from shared.features.verify.engine import Status, VerifyFeature
from shared.features.verify.protocol import VerifyConfirmed
from shared.protocol.messages import (
    AgentHello,
    PeerMessage,
    SignalIn,
    SignalKind,
    SignalOut,
    ToCenter,
)
from shared.session.live import LiveSession
from shared.transport.clock import VirtualClock
from shared.transport.link import Link, LinkState
from shared.transport.memory_link import (
    ANSWER_PREFIX,
    OFFER_PREFIX,
    MemoryLink,
    MemoryNetwork,
    stand_in_fingerprint,
)
from shared.transport.peer_link import PeerLink
from tests.engine.memory_center import NUMBER, TOKEN, MemoryCenter, MemorySignaling
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import Connected, agent_of, customer_of

LINK_TIMEOUT_S = 10.0


def verify_of(session: LiveSession) -> VerifyFeature:
    part = session.part("verify", VerifyFeature)
    assert part is not None
    return part


def status(session: LiveSession, remote_id: str) -> Status | None:
    found = verify_of(session).verification(remote_id)
    return found.status if found is not None else None


def kinds(session: LiveSession, prefix: str = "verify.") -> list[str]:
    return [e.kind for e in session.engine.audit.events if e.kind.startswith(prefix)]


@pytest.fixture
async def pair(center: CenterFixture) -> AsyncIterator[Connected]:
    """An agent and a customer of a real center, linked by aiortc on loopback, both with the
    security code on their session, both showing it."""
    agent, _ = await agent_of(center)
    VerifyFeature(agent)
    started = await agent.start()
    customer = customer_of(center)
    VerifyFeature(customer)
    await customer.join(started.number, "Grace")
    await customer.wait_connected()
    connected = Connected(agent, customer, started)
    await wait_for(
        lambda: (
            status(agent, connected.customer_id) == Status.READY
            and status(customer, connected.agent_id) == Status.READY
        ),
        what="the code on both sides",
    )
    try:
        yield connected
    finally:
        await connected.close()


def code(session: LiveSession, remote_id: str) -> str:
    found = verify_of(session).verification(remote_id)
    assert found is not None
    return found.code


async def test_both_apps_show_the_same_six_digit_code_made_of_their_links_fingerprints(
    pair: Connected,
) -> None:
    agent_code = code(pair.agent, pair.customer_id)
    assert len(agent_code) == 6 and agent_code.isdigit()
    assert code(pair.customer, pair.agent_id) == agent_code
    # Each side holds the link's two fingerprints, its own first: the same two.
    agent_fps = pair.agent.links[pair.customer_id].fingerprints()
    customer_fps = pair.customer.links[pair.agent_id].fingerprints()
    assert agent_fps is not None and customer_fps is not None
    assert agent_fps == customer_fps[::-1] and agent_fps[0] != agent_fps[1]


async def test_marking_verified_is_audited_on_both_sides_and_reaches_the_customer(
    pair: Connected,
) -> None:
    verify_of(pair.agent).confirm(pair.customer_id)
    await wait_for(lambda: "verify.claimed" in kinds(pair.customer), what="the agent's word")
    assert status(pair.agent, pair.customer_id) == Status.VERIFIED
    assert kinds(pair.agent) == ["verify.confirmed"]
    # The customer's side records the agent's word as a claim and keeps showing the code.
    assert kinds(pair.customer) == ["verify.claimed"]
    assert status(pair.customer, pair.agent_id) == Status.READY
    (entry,) = [e for e in pair.customer.engine.audit.events if e.kind == "verify.claimed"]
    assert entry.detail == {"agent": pair.agent_id, "customer": pair.customer_id}


async def test_whoever_holds_the_other_end_cannot_make_the_customer_side_say_verified(
    pair: Connected,
) -> None:
    """The review's attack: the other end of the customer's link (a center in the middle,
    playing the agent) knows the customer's code, and says "the codes match" for it, unasked."""
    shown = code(pair.customer, pair.agent_id)
    pair.agent.send_to(pair.customer_id, VerifyConfirmed(code=shown))
    await wait_for(lambda: "verify.claimed" in kinds(pair.customer), what="the claim audited")
    assert status(pair.customer, pair.agent_id) == Status.READY
    assert Status.VERIFIED not in {v.status for v in verify_of(pair.customer).verifications}
    assert "verify.confirmed" not in kinds(pair.customer)
    # The agent's side never marked anything either: no one compared.
    assert status(pair.agent, pair.customer_id) == Status.READY


async def test_a_confirmation_for_a_code_the_customer_does_not_show_is_refused(
    pair: Connected,
) -> None:
    shown = code(pair.customer, pair.agent_id)
    other = f"{(int(shown) + 1) % 1_000_000:06d}"
    # A console (or anyone on its side of the link) says "verified" for another code.
    pair.agent.send_to(pair.customer_id, VerifyConfirmed(code=other))
    await wait_for(lambda: "verify.refused" in kinds(pair.customer), what="the refusal")
    assert status(pair.customer, pair.agent_id) == Status.READY
    assert "verify.confirmed" not in kinds(pair.customer)


async def test_the_customer_says_the_codes_differ_the_agent_is_told_and_cannot_override(
    pair: Connected,
) -> None:
    verify_of(pair.customer).mismatch(pair.agent_id)
    await wait_for(lambda: status(pair.agent, pair.customer_id) == Status.MISMATCH)
    assert kinds(pair.customer) == ["verify.mismatch"] and kinds(pair.agent) == ["verify.mismatch"]
    with pytest.raises(ValueError):
        verify_of(pair.agent).confirm(pair.customer_id)
    # Nor does a confirmation sent anyway turn it into "verified" on the customer's side.
    pair.agent.send_to(pair.customer_id, VerifyConfirmed(code=code(pair.customer, pair.agent_id)))
    await wait_for(lambda: "verify.refused" in kinds(pair.customer), what="the refusal")
    assert status(pair.customer, pair.agent_id) == Status.MISMATCH


# --- a man in the middle -----------------------------------------------------------------------


async def test_a_relay_in_the_middle_of_real_links_gives_the_two_people_different_codes() -> None:
    """The attack a hostile center makes: it answers the agent's offer with a link of its own,
    offers the customer another, and relays everything between them, faithfully. Both links
    open and carry the messages; the codes the two people read differ."""

    def quiet(_link: Link, _state: LinkState) -> None:
        pass

    relayed: list[PeerMessage] = []
    links: dict[str, Link] = {}

    def relay(to: str) -> object:
        def forward(_sender: str, message: PeerMessage) -> None:
            relayed.append(message)
            links[to].send(message)

        return forward

    agent = PeerLink("customer", [], lambda _s, _m: None, quiet)
    customer = PeerLink("agent", [], lambda _s, _m: None, quiet)
    links["to_agent"] = PeerLink("agent", [], relay("to_customer"), quiet)  # type: ignore[arg-type]
    links["to_customer"] = PeerLink("customer", [], relay("to_agent"), quiet)  # type: ignore[arg-type]
    try:
        await agent.accept_answer(await links["to_agent"].accept_offer(await agent.create_offer()))
        offer = await links["to_customer"].create_offer()
        await links["to_customer"].accept_answer(await customer.accept_offer(offer))
        await asyncio.gather(
            *(link.wait_open(LINK_TIMEOUT_S) for link in (agent, customer, *links.values()))
        )
        seen_by_agent, seen_by_customer = agent.fingerprints(), customer.fingerprints()
        assert seen_by_agent is not None and seen_by_customer is not None
        # Even with both nonces relayed as they are, the codes differ.
        nonces = ("11" * 32, "22" * 32)
        assert short_code(seen_by_agent, *nonces) != short_code(seen_by_customer, *nonces)
    finally:
        for link in (agent, customer, *links.values()):
            await link.close()


class HostileCenter(MemoryCenter):
    """A center that puts a certificate of its own in every offer and answer it relays (as the
    real attack does, a certificate per side), then passes on what the two links carry."""


class SwappingSignaling(MemorySignaling):
    async def send(self, message: ToCenter) -> None:
        if isinstance(message, SignalOut):
            for prefix in (OFFER_PREFIX, ANSWER_PREFIX):
                if message.sdp.startswith(prefix):
                    token = message.sdp.removeprefix(prefix).partition(" ")[0]
                    sdp = f"{prefix}{token} {stand_in_fingerprint()}"
                    message = message.model_copy(update={"sdp": sdp})
        await super().send(message)


class HijackingCenter(MemoryCenter):
    """The review's second attack: once the two people have compared their code, the center
    offers each side a link of its own in the other's name (the session takes an offer that
    replaces a working link), keeps the answers to itself, and relays what the two links carry."""

    def __init__(self) -> None:
        super().__init__()
        self.hijacked: dict[str, MemoryLink] = {}  # by offer token: the center's own links


class HijackingSignaling(MemorySignaling):
    async def send(self, message: ToCenter) -> None:
        center = self.center
        if (
            isinstance(center, HijackingCenter)
            and isinstance(message, SignalOut)
            and message.sdp.startswith(ANSWER_PREFIX)
        ):
            token = message.sdp.removeprefix(ANSWER_PREFIX).partition(" ")[0]
            link = center.hijacked.pop(token, None)
            if link is not None:
                await link.accept_answer(message.sdp)
                return
        await super().send(message)


async def _memory_pair(
    clock: VirtualClock,
    network: MemoryNetwork,
    hostile: bool = False,
    center: MemoryCenter | None = None,
) -> tuple[LiveSession, CustomerSession]:
    center = center or (HostileCenter() if hostile else MemoryCenter())
    signaling = {HostileCenter: SwappingSignaling, HijackingCenter: HijackingSignaling}.get(
        type(center), MemorySignaling
    )
    agent = LiveSession(signaling(center), clock=clock, link_factory=network)  # type: ignore[arg-type]
    customer = CustomerSession(signaling(center), clock=clock, link_factory=network)  # type: ignore[arg-type]
    VerifyFeature(agent)
    VerifyFeature(customer)
    await agent._enter(AgentHello(token=TOKEN, session=NUMBER))
    await customer.join(NUMBER, "Grace")
    await clock.advance(
        2.0,
        until=lambda: (
            status(agent, "pgrace") == Status.READY and status(customer, "pagent") == Status.READY
        ),
    )
    return agent, customer


async def test_a_center_swapping_the_fingerprints_it_relays_gives_different_codes() -> None:
    clock = VirtualClock()
    agent, customer = await _memory_pair(clock, MemoryNetwork(clock), hostile=True)
    assert status(agent, "pgrace") == Status.READY == status(customer, "pagent")
    assert code(agent, "pgrace") != code(customer, "pagent")
    # The customer says so: the agent is told, and nothing marks the session verified.
    verify_of(customer).mismatch("pagent")
    await clock.advance(1.0, until=lambda: status(agent, "pgrace") == Status.MISMATCH)
    assert status(agent, "pgrace") == Status.MISMATCH


async def test_a_new_link_means_a_new_code_and_the_verified_mark_goes_audited() -> None:
    clock = VirtualClock()
    network = MemoryNetwork(clock)
    agent, customer = await _memory_pair(clock, network)
    assert code(agent, "pgrace") == code(customer, "pagent")
    first_link = agent.links["pgrace"]
    verify_of(agent).confirm("pgrace")
    await clock.advance(1.0, until=lambda: "verify.claimed" in kinds(customer))

    # The network drops long enough for the link to be lost; the agent links again.
    network.partition(True)
    await clock.advance(10.0, until=lambda: not agent.links and not customer.links)
    network.partition(False)
    await clock.advance(
        10.0,
        until=lambda: (
            status(agent, "pgrace") == Status.READY and status(customer, "pagent") == Status.READY
        ),
    )
    assert agent.links["pgrace"] is not first_link
    assert status(agent, "pgrace") == Status.READY == status(customer, "pagent")
    assert code(agent, "pgrace") == code(customer, "pagent")
    cleared = [e.detail for e in agent.engine.audit.events if e.kind == "verify.cleared"]
    assert cleared and cleared[0]["was"] == "verified", kinds(agent)
    # Both sides say the code is new: what was compared before says nothing of this link.
    for side, remote_id in ((agent, "pgrace"), (customer, "pagent")):
        found = verify_of(side).verification(remote_id)
        assert found is not None and found.renewed and "verify.renewed" in kinds(side)


async def test_a_link_replaced_without_a_disconnection_is_a_new_code_both_sides_compare_again() -> (
    None
):
    clock = VirtualClock()
    network = MemoryNetwork(clock)
    center = HijackingCenter()
    agent, customer = await _memory_pair(clock, network, center=center)
    verify_of(agent).confirm("pgrace")
    await clock.advance(1.0, until=lambda: "verify.claimed" in kinds(customer))
    first = {"agent": agent.links["pgrace"], "customer": customer.links["pagent"]}
    heard = {"agent": len(agent.engine.audit.events), "customer": len(customer.engine.audit.events)}

    # The center's own two links, each relaying what it hears to the other, faithfully.
    relay: dict[str, MemoryLink] = {}

    def forward(to: str) -> Callable[[str, PeerMessage], None]:
        def on_message(_sender: str, message: PeerMessage) -> None:
            with contextlib.suppress(ConnectionError):
                relay[to].send(message)

        return on_message

    def quiet(_link: object, _state: LinkState) -> None:
        pass

    relay["agent"] = network("pagent", [], forward("customer"), quiet, clock)
    relay["customer"] = network("pgrace", [], forward("agent"), quiet, clock)
    offers = {}
    for facing, link in relay.items():
        offers[facing] = await link.create_offer()
        center.hijacked[offers[facing].removeprefix(OFFER_PREFIX).partition(" ")[0]] = link
    # Both offers at once, each in the other person's name: neither side sees anyone leave.
    center.seats["pagent"].deliver(
        SignalIn(sender="pgrace", kind=SignalKind.OFFER, sdp=offers["agent"])
    )
    center.seats["pgrace"].deliver(
        SignalIn(sender="pagent", kind=SignalKind.OFFER, sdp=offers["customer"])
    )

    def renewed(side: LiveSession, remote_id: str) -> bool:
        found = verify_of(side).verification(remote_id)
        return found is not None and found.status == Status.READY and found.renewed

    await clock.advance(5.0, until=lambda: renewed(agent, "pgrace") and renewed(customer, "pagent"))
    assert agent.links["pgrace"] is not first["agent"]
    assert customer.links["pagent"] is not first["customer"]
    for side, name in ((agent, "agent"), (customer, "customer")):
        later = [e.kind for e in side.engine.audit.events[heard[name] :]]
        # No disconnection was ever announced, and yet the code is new on both sides...
        assert "participant.left" not in later and "participant.reconnected" not in later, later
        assert "verify.renewed" in later, later
    # ...and the verified mark went with the old link (audited): the agent compares again.
    assert renewed(agent, "pgrace") and renewed(customer, "pagent")
    cleared = [e.detail for e in agent.engine.audit.events if e.kind == "verify.cleared"]
    assert cleared and cleared[-1]["was"] == "verified" and cleared[-1]["reason"] == "new_link"
    # Comparing again catches the center in the middle.
    assert code(agent, "pgrace") != code(customer, "pagent")

    # The center then says "the codes match" for the customer's new code: still just a claim.
    relay["customer"].send(VerifyConfirmed(code=code(customer, "pagent")))
    await clock.advance(1.0, until=lambda: kinds(customer).count("verify.claimed") == 2)
    assert kinds(customer).count("verify.claimed") == 2
    assert renewed(customer, "pagent")
    for link in relay.values():
        await link.close()
