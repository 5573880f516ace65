"""A network that drops for a few seconds leaves sharing running; a longer drop ends it
cleanly on both sides. The drop is made by discarding every UDP datagram the peers send."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import aioice.ice
import pytest

from shared.features.chat.engine import ChatFeature
from shared.features.desktop.activities import ActivityState
from shared.features.desktop.protocol import ActivityKind, KeyAction, KeyInput, StopReason
from shared.session.consent import ConsentAnswer
from shared.transport.peer_link import HEARTBEAT_TIMEOUT_S
from tests.helpers import CenterFixture, wait_for
from tests.sharing.test_sharing_engine import _customer_id, _pair


class Blackout:
    """While on, no datagram leaves any ICE socket of this process (STUN checks included)."""

    def __init__(self) -> None:
        self.on = False
        self.dropped = 0

    def drop(self) -> bool:
        if self.on:
            self.dropped += 1
        return self.on


@pytest.fixture
def blackout(monkeypatch: pytest.MonkeyPatch) -> Iterator[Blackout]:
    state = Blackout()
    send_data, send_stun = aioice.ice.StunProtocol.send_data, aioice.ice.StunProtocol.send_stun

    async def quiet_data(self: Any, data: bytes, addr: tuple[str, int]) -> None:
        if not state.drop():
            await send_data(self, data, addr)

    def quiet_stun(self: Any, message: Any, addr: tuple[str, int]) -> None:
        if not state.drop():
            send_stun(self, message, addr)

    monkeypatch.setattr(aioice.ice.StunProtocol, "send_data", quiet_data)
    monkeypatch.setattr(aioice.ice.StunProtocol, "send_stun", quiet_stun)
    yield state


async def _blackout_for(state: Blackout, seconds: float) -> None:
    import asyncio

    state.on = True
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await asyncio.sleep(0.05)  # the drop lasts a fixed time: the condition IS the clock
    state.on = False


async def test_short_drop_keeps_sharing(center: CenterFixture, blackout: Blackout) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    activity = pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: bool(pair.customer_sinks), what="control granted")
    await _blackout_for(blackout, HEARTBEAT_TIMEOUT_S / 2)
    assert blackout.dropped > 0
    # No new request: the same activity carries input again once packets flow.
    pair.agent_sharing.send_input(KeyInput(activity=activity.id, action=KeyAction.DOWN, key="a"))
    await wait_for(
        lambda: bool(pair.customer_sinks[0].applied), timeout=10, what="input after drop"
    )
    assert pair.agent_sharing.activities[0].state == ActivityState.ACTIVE
    assert pair.customer_sharing.activities[0].state == ActivityState.ACTIVE
    await pair.agent.end()


async def test_long_drop_ends_sharing_on_both_sides(
    center: CenterFixture, blackout: Blackout
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: bool(pair.frames), what="sharing started")
    blackout.on = True
    for side in (pair.agent_sharing, pair.customer_sharing):
        await wait_for(lambda s=side: s.activities[0].state == ActivityState.STOPPED, timeout=15)  # type: ignore[misc]
        assert side.activities[0].stop_reason == StopReason.CONNECTION_LOST
    assert pair.customer_backend.senders[0].closed
    assert pair.agent_backend.receivers[0].closed
    blackout.on = False
    await pair.agent.end()


async def test_after_a_long_drop_the_link_comes_back_by_itself(
    center: CenterFixture, blackout: Blackout
) -> None:
    """The center still has both of them: the agent offers a new link, no one joins again."""
    pair = await _pair(center, [])
    customer_id = _customer_id(pair)
    # Chat rides on both sessions (the pair may already carry it), to show the link is back.
    agent_chat = pair.agent.part("chat", ChatFeature) or ChatFeature(pair.agent)
    customer_chat = pair.customer.part("chat", ChatFeature) or ChatFeature(pair.customer)
    blackout.on = True
    await wait_for(
        lambda: pair.agent.engine.participant(customer_id).gone_reason == "disconnected",  # type: ignore[union-attr]
        timeout=15,
        what="link declared lost",
    )
    blackout.on = False
    await wait_for(
        lambda: pair.agent.engine.present() != () and pair.agent.engine.present()[0].linked,
        timeout=15,
        what="link back",
    )
    agent_chat.send(customer_id, "Back again?")
    await wait_for(lambda: any(line.text == "Back again?" for line in customer_chat.lines))
    kinds = [event.kind for event in pair.agent.engine.audit.events]
    assert "participant.reconnected" in kinds
    await pair.agent.end()
