"""The voice call end to end through real audio devices (PulseAudio null sinks): a tone played
into one side's microphone comes out of the other side's speakers at its frequency, and the
floor rule holds on the receiving side even against a client that sends anyway."""

from __future__ import annotations

import pytest

from shared.features.voice.devices import level
from shared.features.voice.events import Notice
from shared.session.consent import PermissionKind
from shared.transport.peer_link import HEARTBEAT_TIMEOUT_S
from tests.helpers import CenterFixture, wait_for
from tests.sharing.test_network_drop import Blackout, _blackout_for, blackout
from tests.voice.pulse import Side, dominant, strength, tone
from tests.voice.support import voice_call

__all__ = ["blackout"]  # the fixture that drops every datagram

AGENT_TONE_HZ = 440.0
CUSTOMER_TONE_HZ = 1000.0
# A tone "arrives" when most of what plays is at its frequency.
HEARD = 0.5
# And it is absent when next to none of the energy is there.
ABSENT = 0.01
# Half a second of sound: enough for a clean FFT, a few hundred ms of call.
WINDOW_CHUNKS = 25
# Connecting aiortc, opening PortAudio devices, a loaded 2-core machine.
ARRIVAL_TIMEOUT_S = 30.0


def heard(recorder_samples: object, frequency: float) -> bool:
    return strength(recorder_samples, frequency) > HEARD  # type: ignore[arg-type]


async def test_tone_crosses_and_floor_is_enforced(
    center: CenterFixture, pulse: dict[str, Side]
) -> None:
    agent_side, customer_side = pulse["agent"], pulse["customer"]
    agent_mouth = agent_side.play(tone(AGENT_TONE_HZ))
    customer_mouth = customer_side.play(tone(CUSTOMER_TONE_HZ))
    agent_ear, customer_ear = agent_side.record(), customer_side.record()
    try:
        async with voice_call(center, agent_side, customer_side) as call:
            call.answer(granted=True)
            await call.agent.start_call()
            await wait_for(
                lambda: call.session.customer_id in call.agent.links and call.customer.joined,
                ARRIVAL_TIMEOUT_S,
                "the customer in the call",
            )
            (asked,) = call.asked
            assert asked.kind == PermissionKind.VOICE and asked.feature == "voice"

            # The agent speaks: the customer's speakers play the agent's tone.
            start = customer_ear.count
            await wait_for(
                lambda: (
                    customer_ear.count - start >= WINDOW_CHUNKS
                    and heard(customer_ear.since(customer_ear.count - WINDOW_CHUNKS), AGENT_TONE_HZ)
                ),
                ARRIVAL_TIMEOUT_S,
                "the agent's tone at the customer's speakers",
            )
            window = customer_ear.since(customer_ear.count - WINDOW_CHUNKS)
            assert abs(dominant(window) - AGENT_TONE_HZ) < 5

            # A modified client sends its microphone without the floor: the agent drops it.
            call.customer.may_send = lambda: True  # type: ignore[method-assign]
            customer_id = call.session.customer_id
            dropped_from = call.agent.dropped.get(customer_id, 0)
            played_from = agent_ear.count
            await wait_for(
                lambda: (
                    call.agent.dropped.get(customer_id, 0) - dropped_from >= 2 * WINDOW_CHUNKS
                    and agent_ear.count - played_from >= 2 * WINDOW_CHUNKS
                ),
                ARRIVAL_TIMEOUT_S,
                "the customer's sound, sent without the floor",
            )
            assert strength(agent_ear.since(played_from), CUSTOMER_TONE_HZ) < ABSENT

            # The agent passes the microphone: now the customer's tone is heard, and the
            # indicator says who is speaking.
            call.customer.may_send = type(call.customer).may_send.__get__(call.customer)  # type: ignore[method-assign]
            call.agent.pass_microphone(customer_id)
            start = agent_ear.count
            await wait_for(
                lambda: (
                    agent_ear.count - start >= WINDOW_CHUNKS
                    and heard(agent_ear.since(agent_ear.count - WINDOW_CHUNKS), CUSTOMER_TONE_HZ)
                ),
                ARRIVAL_TIMEOUT_S,
                "the customer's tone at the agent's speakers",
            )
            assert call.customer.speakers == [call.session.agent_id, customer_id]
            await wait_for(
                lambda: set(call.customer.talking) == {call.session.agent_id, customer_id},
                ARRIVAL_TIMEOUT_S,
                "both shown speaking",
            )
    finally:
        for device in (agent_mouth, customer_mouth, agent_ear, customer_ear):
            device.close()


async def test_leave_rejoin_and_end_the_session_goes_on(
    center: CenterFixture, pulse: dict[str, Side]
) -> None:
    agent_side, customer_side = pulse["agent"], pulse["customer"]
    agent_mouth = agent_side.play(tone(AGENT_TONE_HZ))
    customer_ear = customer_side.record()
    try:
        async with voice_call(center, agent_side, customer_side) as call:
            call.answer(granted=True)
            await call.agent.start_call()
            customer_id = call.session.customer_id
            await wait_for(lambda: customer_id in call.agent.links, ARRIVAL_TIMEOUT_S, "joined")

            await call.customer.leave()
            await wait_for(lambda: customer_id not in call.agent.members, what="left")
            assert not call.customer.links and call.customer.invited

            await call.customer.rejoin()
            start = customer_ear.count
            await wait_for(
                lambda: (
                    customer_ear.count - start >= WINDOW_CHUNKS
                    and heard(customer_ear.since(customer_ear.count - WINDOW_CHUNKS), AGENT_TONE_HZ)
                ),
                ARRIVAL_TIMEOUT_S,
                "the agent's tone after rejoining",
            )
            assert len(call.asked) == 1  # rejoining is the customer's own act: no new question

            await call.agent.end_call()
            await wait_for(lambda: call.customer.call == "", what="the call ended at the customer")
            assert not call.customer.joined and not call.customer.links
            assert call.session.agent.engine.state == call.session.customer.engine.state
            assert call.customer_events[-1].notice == Notice.NONE
    finally:
        agent_mouth.close()
        customer_ear.close()


@pytest.mark.parametrize("granted", [False])
async def test_declined_opens_nothing(
    center: CenterFixture, pulse: dict[str, Side], granted: bool
) -> None:
    async with voice_call(center, pulse["agent"], pulse["customer"]) as call:
        call.answer(granted=granted)
        await call.agent.start_call()
        await wait_for(
            lambda: any(e.notice == Notice.DECLINED for e in call.agent_events), what="declined"
        )
        assert call.customer_system.microphones_opened == 0  # type: ignore[attr-defined]
        assert not call.customer.joined


async def test_a_short_network_drop_resumes_the_call(
    center: CenterFixture, pulse: dict[str, Side], blackout: Blackout
) -> None:
    agent_side, customer_side = pulse["agent"], pulse["customer"]
    agent_mouth = agent_side.play(tone(AGENT_TONE_HZ))
    customer_ear = customer_side.record()

    async def agent_heard() -> None:
        start = customer_ear.count
        await wait_for(
            lambda: (
                customer_ear.count - start >= WINDOW_CHUNKS
                and heard(customer_ear.since(customer_ear.count - WINDOW_CHUNKS), AGENT_TONE_HZ)
            ),
            ARRIVAL_TIMEOUT_S,
            "the agent's tone at the customer's speakers",
        )

    try:
        async with voice_call(center, agent_side, customer_side) as call:
            call.answer(granted=True)
            await call.agent.start_call()
            await agent_heard()
            await _blackout_for(blackout, HEARTBEAT_TIMEOUT_S / 2)
            assert blackout.dropped > 0
            await agent_heard()  # the same call, nobody asked again
            assert len(call.asked) == 1 and call.customer.joined
    finally:
        agent_mouth.close()
        customer_ear.close()


async def test_mute_and_volume_are_heard(center: CenterFixture, pulse: dict[str, Side]) -> None:
    agent_side, customer_side = pulse["agent"], pulse["customer"]
    agent_mouth = agent_side.play(tone(AGENT_TONE_HZ))
    customer_ear = customer_side.record()

    async def loudness_for_a_while() -> float:
        start = customer_ear.count
        await wait_for(lambda: customer_ear.count - start >= 2 * WINDOW_CHUNKS, what="sound")
        return level(customer_ear.since(customer_ear.count - WINDOW_CHUNKS))

    async def tone_heard() -> None:
        start = customer_ear.count
        await wait_for(
            lambda: (
                customer_ear.count - start >= WINDOW_CHUNKS
                and heard(customer_ear.since(customer_ear.count - WINDOW_CHUNKS), AGENT_TONE_HZ)
            ),
            ARRIVAL_TIMEOUT_S,
            "the agent's tone at the customer's speakers",
        )

    try:
        async with voice_call(center, agent_side, customer_side) as call:
            call.answer(granted=True)
            await call.agent.start_call()
            await tone_heard()
            full = await loudness_for_a_while()

            call.customer.set_volumes(speaker=0.5, microphone=1.0)
            half = await loudness_for_a_while()
            assert 0.4 < half / full < 0.6

            call.agent.set_muted(True)
            assert await loudness_for_a_while() < full / 100
            call.agent.set_muted(False)
            await tone_heard()
    finally:
        agent_mouth.close()
        customer_ear.close()
