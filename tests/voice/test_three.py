"""The call with an assistant agent, through real devices (PulseAudio null sinks, one pair per
side) on a real center: the assistant is offered the call as the customer is and joins by its
own act; when control changes hands the call goes on, run by the new agent in charge, and
nobody is asked again nor has their devices opened again."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from shared.features.voice.engine import VoiceFeature
from shared.features.voice.protocol import VoiceInvite, VoiceState
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import chat_of, texts
from tests.roles.support import Three, me, three_peers
from tests.voice.pulse import Player, Recorder, Side, strength, tone
from tests.voice.support import CountingSystem

TONES = {"primary": 440.0, "assistant": 700.0, "customer": 1000.0}
SIDES = {"primary": "agent", "assistant": "assistant", "customer": "customer"}
# Most of what plays is at the tone's frequency: it is heard, alone.
HEARD = 0.5
WINDOW_CHUNKS = 25
# Connecting aiortc, opening PortAudio devices, a loaded 2-core machine.
ARRIVAL_TIMEOUT_S = 30.0


@dataclass
class Call3:
    three: Three
    voice: dict[str, VoiceFeature]
    systems: dict[str, CountingSystem]
    ears: dict[str, Recorder]
    asked: dict[str, list[ConsentRequest]] = field(default_factory=dict)

    def id(self, name: str) -> str:
        return me(self.three.sessions[name]).id

    async def hears(self, name: str, who: str) -> None:
        """``name``'s speakers play ``who``'s tone (alone)."""
        ear, frequency = self.ears[name], TONES[who]
        start = ear.count
        await wait_for(
            lambda: (
                ear.count - start >= WINDOW_CHUNKS
                and strength(ear.since(ear.count - WINDOW_CHUNKS), frequency) > HEARD
            ),
            ARRIVAL_TIMEOUT_S,
            f"{who}'s tone at {name}'s speakers",
        )


@contextlib.asynccontextmanager
async def three_in_a_call(center: CenterFixture, pulse: dict[str, Side]) -> AsyncIterator[Call3]:
    """Primary, assistant and customer; the primary's call, the customer in it (she agreed)."""
    voice: dict[str, VoiceFeature] = {}
    systems: dict[str, CountingSystem] = {}
    asked: dict[str, list[ConsentRequest]] = {}

    def attach(session: LiveSession, name: str) -> None:
        side = pulse[SIDES[name]]
        systems[name] = CountingSystem()
        voice[name] = VoiceFeature(session, systems[name], side.microphone, side.speakers)
        asked[name] = []

        async def ask(
            request: ConsentRequest, into: list[ConsentRequest] = asked[name]
        ) -> ConsentAnswer:
            into.append(request)
            return ConsentAnswer(granted=True)

        session.consent.ask = ask

    mouths: list[Player] = [pulse[SIDES[n]].play(tone(f)) for n, f in TONES.items()]
    ears = {name: pulse[SIDES[name]].record() for name in TONES}
    three = await three_peers(center, attach)
    try:
        call = Call3(three, voice, systems, ears, asked)
        await voice["primary"].start_call()
        await wait_for(
            lambda: call.id("customer") in voice["primary"].links and voice["customer"].joined,
            ARRIVAL_TIMEOUT_S,
            "the customer in the call",
        )
        yield call
    finally:
        await three.close()
        for mouth in mouths:
            mouth.close()
        for ear in ears.values():
            ear.close()


async def test_an_assistant_agent_is_offered_the_call_and_joins_it(
    center: CenterFixture, pulse: dict[str, Side]
) -> None:
    async with three_in_a_call(center, pulse) as call:
        primary, assistant = call.voice["primary"], call.voice["assistant"]
        # Offered, as the customer was; an agent is not asked through the customer's consent,
        # and nothing opens until the assistant joins.
        await wait_for(lambda: assistant.invited and assistant.call == primary.call, what="asked")
        assert not assistant.joined and call.systems["assistant"].microphones_opened == 0
        assert call.asked["assistant"] == []

        await assistant.rejoin()
        bob = call.id("assistant")
        await wait_for(lambda: bob in primary.links, ARRIVAL_TIMEOUT_S, "the assistant's link")
        await call.hears("assistant", "primary")

        # Passed the microphone, the assistant is heard by the customer, through the hub.
        primary.pass_microphone(bob)
        primary.set_muted(True)
        await call.hears("customer", "assistant")
        await wait_for(lambda: bob in call.voice["customer"].talking, what="shown speaking")


async def test_the_call_goes_on_when_control_changes_hands(
    center: CenterFixture, pulse: dict[str, Side]
) -> None:
    async with three_in_a_call(center, pulse) as call:
        voice, three = call.voice, call.three
        ada, bob, grace = call.id("primary"), call.id("assistant"), call.id("customer")
        await wait_for(lambda: voice["assistant"].invited, what="the assistant asked")
        await voice["assistant"].rejoin()
        await wait_for(lambda: bob in voice["primary"].members, ARRIVAL_TIMEOUT_S, "joined")
        voice["primary"].pass_microphone(grace)
        await wait_for(lambda: voice["assistant"].speakers == [ada, grace], what="the floor")

        # A modified assistant console claims the call before it is in charge: nothing moves.
        three.assistant.send_to(grace, VoiceInvite(call=voice["primary"].call))
        three.assistant.send_to(
            grace, VoiceState(call=voice["primary"].call, members=[bob], speakers=[bob])
        )
        chat_of(three.assistant).send(grace, "after the claim")
        await wait_for(lambda: "after the claim" in texts(three.customer), what="in order")
        assert voice["customer"].agent_id == ada and voice["customer"].speakers == [ada, grace]
        assert list(voice["customer"].links) == [ada]

        await three.primary.transfer_control(bob)

        # Bob runs the call; everyone is in it again, linked to him; nobody was asked again
        # and nobody's devices were opened again.
        await wait_for(
            lambda: (
                voice["assistant"].holds_call
                and set(voice["assistant"].links) == {ada, grace}
                and all(voice[n].agent_id == bob for n in ("primary", "customer"))
            ),
            ARRIVAL_TIMEOUT_S,
            "the call around Bob",
        )
        assert voice["customer"].joined and voice["primary"].joined
        assert len(call.asked["customer"]) == 1 and call.asked["assistant"] == []
        assert [call.systems[n].microphones_opened for n in TONES] == [1, 1, 1]
        # The floor Ada gave stays with Grace; Bob, in charge, speaks: each hears the other.
        assert voice["assistant"].speakers == [bob, grace]
        voice["customer"].set_muted(True)
        await call.hears("customer", "assistant")
        voice["customer"].set_muted(False)
        voice["assistant"].set_muted(True)
        await call.hears("primary", "customer")  # forwarded by Bob, the new hub

        # Bob passes the microphone, Ada no longer can; Bob ends it, the session goes on.
        with pytest.raises(PermissionError):
            voice["primary"].pass_microphone(ada)
        voice["assistant"].pass_microphone(ada)
        await wait_for(lambda: voice["customer"].speakers == [bob, ada], what="Ada may speak")
        await voice["assistant"].end_call()
        await wait_for(
            lambda: all(not voice[n].call for n in ("primary", "customer")), what="ended"
        )
        chat_of(three.assistant).send(grace, "still here")
        await wait_for(lambda: "still here" in texts(three.customer), what="the session goes on")
