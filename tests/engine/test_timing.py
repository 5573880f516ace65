"""The session's timing rules on an in-memory network with a virtual clock: the 8 s heartbeat,
drops shorter and longer than it, the agent's 120 s window to link again and the 60 s window to
get back to the center. Each runs in milliseconds of real time; the loopback tests
(tests/sharing/test_network_drop.py) check the same rules on real peers, in real seconds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from customer_client.services.customer_session import CustomerSession
from shared.features.chat.engine import ChatFeature
from shared.features.desktop.activities import ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.protocol import (
    ActivityKind,
    KeyAction,
    KeyInput,
    MonitorInfo,
    PointerAction,
    PointerInput,
    StopReason,
)
from shared.protocol.messages import AgentHello, PeerMessage, SignalKind, SignalOut, ToCenter
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import (
    CONNECTION_LOST,
    RECONNECT_MAX_PAUSE_S,
    RECONNECT_WINDOW_S,
    RELINK_INTERVAL_S,
    RELINK_WINDOW_S,
    LiveSession,
)
from shared.session.state import SessionState
from shared.transport.channels import ChannelName
from shared.transport.clock import VirtualClock
from shared.transport.link import HEARTBEAT_INTERVAL_S, HEARTBEAT_TIMEOUT_S, LinkState
from shared.transport.memory_link import MemoryNetwork
from tests.engine.memory_center import NUMBER, TOKEN, MemoryCenter, MemorySignaling
from tests.sharing.test_sharing_engine import RecordingBackend, RecordingSink

AGENT_ID = "pagent"  # the seat MemoryCenter gives the agent
# What a test allows for the loop's own turns beyond a deadline (virtual seconds).
SLACK_S = 0.1


class CountingSignaling(MemorySignaling):
    """The agent's signaling, counting the link offers it sends."""

    offers: int = 0

    async def send(self, message: ToCenter) -> None:
        if isinstance(message, SignalOut) and message.kind == SignalKind.OFFER:
            self.offers += 1
        await super().send(message)


@dataclass
class Pair:
    clock: VirtualClock
    network: MemoryNetwork
    center: MemoryCenter
    agent: LiveSession
    customer: CustomerSession
    agent_signaling: CountingSignaling
    agent_sharing: SharingFeature
    customer_sharing: SharingFeature
    sinks: list[RecordingSink] = field(default_factory=list)

    @property
    def customer_id(self) -> str:
        return self.agent.engine.present()[0].id

    def chat(self, session: LiveSession) -> ChatFeature:
        chat = session.part("chat", ChatFeature)
        assert chat is not None, "both sides chat"
        return chat

    def linked(self) -> bool:
        present = self.agent.engine.present()
        return bool(present) and present[0].linked and bool(self.customer.engine.present())

    async def control(self) -> str:
        """The agent asks for control, the customer says yes: the activity's id."""
        activity = self.agent_sharing.request(ActivityKind.CONTROL, self.customer_id)
        await self.clock.advance(1.0, until=lambda: bool(self.sinks))
        assert self.sinks, "control granted"
        return activity.id


async def _pair(loss: float = 0.0, delay_s: float = 0.0) -> Pair:
    clock = VirtualClock()
    network = MemoryNetwork(clock, loss=loss, delay_s=delay_s)
    center = MemoryCenter()
    signaling = CountingSignaling(center)
    agent = LiveSession(signaling, clock=clock, link_factory=network)  # type: ignore[arg-type]
    customer = CustomerSession(center.signaling(), clock=clock, link_factory=network)  # type: ignore[arg-type]
    sinks: list[RecordingSink] = []

    def sink(monitor: MonitorInfo, on_pause: Callable[[bool], None]) -> RecordingSink:
        sinks.append(RecordingSink(on_pause=on_pause))
        return sinks[-1]

    async def yes(request: ConsentRequest) -> ConsentAnswer:
        return ConsentAnswer(granted=True)

    agent_sharing = SharingFeature(agent, RecordingBackend())
    customer_sharing = SharingFeature(customer, RecordingBackend(), sink)
    customer.consent.ask = yes
    ChatFeature(agent)
    ChatFeature(customer)
    await agent._enter(AgentHello(token=TOKEN, session=NUMBER))
    await customer.join(NUMBER, "Grace")
    pair = Pair(clock, network, center, agent, customer, signaling, agent_sharing,
                customer_sharing, sinks)  # fmt: skip
    await clock.advance(1.0, until=pair.linked)
    assert pair.linked(), "the pair links up"
    return pair


async def test_a_silent_link_is_lost_after_the_heartbeat_timeout_on_both_sides() -> None:
    pair = await _pair()
    customer_id = pair.customer_id
    await pair.clock.advance(10 * HEARTBEAT_INTERVAL_S)  # idle a while: pings are far apart
    pair.network.partition(True)
    # Each side last heard the other at most one interval before the cut.
    await pair.clock.advance(HEARTBEAT_TIMEOUT_S - HEARTBEAT_INTERVAL_S - SLACK_S)
    assert pair.linked()
    elapsed = await pair.clock.advance(
        HEARTBEAT_INTERVAL_S + 2 * SLACK_S,
        until=lambda: not pair.agent.links and not pair.customer.links,
    )
    assert not pair.agent.links and not pair.customer.links
    # The silence is checked when the timeout runs out, not on a polling tick: lost within
    # the timeout of the cut (what tests/integration/test_faults.py needs for its 10 s).
    silent = HEARTBEAT_TIMEOUT_S - HEARTBEAT_INTERVAL_S - SLACK_S + elapsed
    assert silent <= HEARTBEAT_TIMEOUT_S + SLACK_S
    gone = pair.agent.engine.participant(customer_id)
    assert gone is not None and gone.gone_reason == "disconnected"


async def test_an_idle_link_costs_one_ping_and_one_pong_per_interval() -> None:
    pair = await _pair()
    await pair.clock.advance(HEARTBEAT_INTERVAL_S)
    sent: dict[str, list[str]] = {"agent": [], "customer": []}
    for side, session in (("agent", pair.agent), ("customer", pair.customer)):
        link = next(iter(session.links.values()))
        send = link.send

        def counting(message: PeerMessage, *args: Any, _s: str = side, _f: Any = send) -> None:
            sent[_s].append(type(message).__name__)
            _f(message, *args)

        link.send = counting  # type: ignore[method-assign,assignment]
    minute = 60.0
    await pair.clock.advance(minute)
    assert pair.linked()
    rounds = minute / HEARTBEAT_INTERVAL_S
    # The agent offered the link, so it leads; the customer only answers.
    assert set(sent["agent"]) == {"Ping"} and rounds - 1 <= len(sent["agent"]) <= rounds
    assert set(sent["customer"]) == {"Pong"} and len(sent["customer"]) == len(sent["agent"])


async def test_a_drop_shorter_than_the_heartbeat_keeps_control_and_loses_no_key() -> None:
    pair = await _pair()
    activity = await pair.control()
    pair.network.partition(True)
    await pair.clock.advance(HEARTBEAT_TIMEOUT_S / 2)
    key = KeyInput(activity=activity, action=KeyAction.DOWN, key="a")
    pair.agent_sharing.send_input(key)  # typed during the drop: held, as SCTP would
    await pair.clock.advance(HEARTBEAT_TIMEOUT_S / 2 - SLACK_S)
    pair.network.partition(False)
    await pair.clock.advance(HEARTBEAT_INTERVAL_S, until=lambda: bool(pair.sinks[0].applied))
    assert [m.key for m in pair.sinks[0].applied if isinstance(m, KeyInput)] == ["a"]
    for side in (pair.agent_sharing, pair.customer_sharing):
        assert side.activities[0].state == ActivityState.ACTIVE
    await pair.clock.advance(3 * HEARTBEAT_TIMEOUT_S)  # and it stays up afterwards
    assert pair.linked()


async def test_a_drop_longer_than_the_heartbeat_ends_control_on_both_sides() -> None:
    pair = await _pair()
    await pair.control()
    pair.network.partition(True)
    sides = (pair.agent_sharing, pair.customer_sharing)
    elapsed = await pair.clock.advance(
        2 * HEARTBEAT_TIMEOUT_S,
        until=lambda: all(s.activities[0].state == ActivityState.STOPPED for s in sides),
    )
    assert elapsed <= HEARTBEAT_TIMEOUT_S + HEARTBEAT_INTERVAL_S + SLACK_S
    for side in sides:
        assert side.activities[0].state == ActivityState.STOPPED
        assert side.activities[0].stop_reason == StopReason.CONNECTION_LOST
    assert pair.sinks[0].stopped  # the customer's machine takes no more remote input


async def test_within_the_120_s_window_the_link_comes_back_by_itself() -> None:
    pair = await _pair()
    pair.network.partition(True)
    await pair.clock.advance(RELINK_WINDOW_S - 10)
    assert not pair.linked()
    pair.network.partition(False)
    elapsed = await pair.clock.advance(2 * RELINK_INTERVAL_S, until=pair.linked)
    assert pair.linked() and elapsed <= RELINK_INTERVAL_S + SLACK_S
    pair.chat(pair.agent).send(pair.customer_id, "Back again?")
    await pair.clock.advance(SLACK_S)
    assert [line.text for line in pair.chat(pair.customer).lines] == ["Back again?"]
    assert pair.customer.engine.state == SessionState.ACTIVE


async def test_after_the_120_s_window_the_agent_stops_offering_a_link() -> None:
    pair = await _pair()
    first = pair.agent_signaling.offers
    pair.network.partition(True)
    await pair.clock.advance(RELINK_WINDOW_S + HEARTBEAT_TIMEOUT_S + RELINK_INTERVAL_S)
    offered = pair.agent_signaling.offers - first
    # One offer every 2 s for the window, give or take the first and the last.
    assert abs(offered - RELINK_WINDOW_S / RELINK_INTERVAL_S) <= 2
    pair.network.partition(False)
    await pair.clock.advance(10 * RELINK_INTERVAL_S)
    assert pair.agent_signaling.offers - first == offered  # given up: the customer joins again
    assert not pair.linked()


async def test_a_customer_alone_without_the_center_ends_after_the_60_s_window() -> None:
    clock = VirtualClock()
    center = MemoryCenter()
    signaling = center.signaling()
    customer = CustomerSession(signaling, clock=clock, link_factory=MemoryNetwork(clock))  # type: ignore[arg-type]
    await customer.join(NUMBER, "Grace")
    center.down = True
    signaling.drop()
    await clock.advance(RECONNECT_WINDOW_S - SLACK_S)
    assert customer.engine.state == SessionState.WAITING  # still trying
    elapsed = await clock.advance(
        2 * RECONNECT_MAX_PAUSE_S, until=lambda: customer.engine.state == SessionState.ENDED
    )
    assert customer.engine.closed is not None and customer.engine.closed.code == CONNECTION_LOST
    assert elapsed <= RECONNECT_MAX_PAUSE_S + SLACK_S


async def test_a_center_back_within_60_s_gives_the_seat_back() -> None:
    pair = await _pair()
    signaling = pair.customer.center
    assert isinstance(signaling, MemorySignaling)
    pair.center.down = True
    signaling.drop()
    await pair.clock.advance(RECONNECT_WINDOW_S / 2)
    pair.center.down = False
    await pair.clock.advance(RECONNECT_MAX_PAUSE_S + SLACK_S, until=lambda: signaling.socket_open)
    assert signaling.socket_open
    assert pair.customer.engine.state == SessionState.ACTIVE  # the link never dropped meanwhile


async def test_a_session_ended_while_the_center_was_away_stays_ended_when_it_returns() -> None:
    """The customer's window said the session ended (no center, no agent): a center back a
    moment later must not seat them again behind that window, where the agent's restarted
    console would link and ask things of an ended session."""
    pair = await _pair()
    signaling = pair.customer.center
    assert isinstance(signaling, MemorySignaling)
    pair.center.down = True
    signaling.drop()
    pair.network.partition(True)  # the agent's console (and the center with it) are gone
    await pair.clock.advance(
        2 * HEARTBEAT_TIMEOUT_S, until=lambda: pair.customer.engine.state == SessionState.ENDED
    )
    assert pair.customer.engine.closed is not None
    assert pair.customer.engine.closed.code == CONNECTION_LOST
    pair.center.down = False
    pair.network.partition(False)
    await pair.clock.advance(RECONNECT_WINDOW_S)
    assert not signaling.socket_open
    assert pair.customer.engine.state == SessionState.ENDED
    assert not pair.customer.engine.present()


async def test_pointer_motion_may_be_lost_but_clicks_and_keys_are_not() -> None:
    pair = await _pair(loss=1.0)  # every unordered message lost
    activity = await pair.control()

    def pointer(action: PointerAction, x: int) -> PointerInput:
        button = None if action == PointerAction.MOVE else "left"
        return PointerInput(activity=activity, action=action, x=x, y=5, button=button)

    key = KeyInput(activity=activity, action=KeyAction.DOWN, key="b")
    sent: list[PointerInput | KeyInput] = [
        pointer(PointerAction.MOVE, 1),
        pointer(PointerAction.DOWN, 2),
        pointer(PointerAction.MOVE, 3),
        pointer(PointerAction.UP, 4),
        key,
    ]
    for message in sent:
        pair.agent_sharing.send_input(message)
    await pair.clock.advance(1.0)
    applied = pair.sinks[0].applied
    assert applied == [m for m in sent if not (isinstance(m, PointerInput) and m.x in (1, 3))]


async def test_an_injected_delay_shows_in_the_measured_round_trip() -> None:
    pair = await _pair(delay_s=0.25)
    await pair.clock.advance(3 * HEARTBEAT_INTERVAL_S)
    link = pair.agent.links[pair.customer_id]
    assert link.state == LinkState.OPEN
    assert link.last_rtt_s is not None and abs(link.last_rtt_s - 0.5) < 1e-6


async def test_a_feature_asks_for_bulk_by_name_and_gets_the_current_link() -> None:
    pair = await _pair(delay_s=0.01)
    customer_id = pair.customer_id
    got: list[bytes | str] = []
    pair.customer.channel(AGENT_ID, ChannelName.BULK).on_message(got.append)
    await pair.agent.channel(customer_id, ChannelName.BULK).write(b"chunk-1")
    await pair.clock.advance(0.1, until=lambda: bool(got))
    assert got == [b"chunk-1"]
    pair.network.partition(True)
    await pair.clock.advance(2 * HEARTBEAT_TIMEOUT_S)
    with pytest.raises(ConnectionError):
        pair.agent.channel(customer_id, ChannelName.BULK)  # no open link, no channel
