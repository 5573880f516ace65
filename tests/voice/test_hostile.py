"""What a modified console or client gets nowhere with, and machines that cannot do audio.

Real center, real aiortc on loopback, real devices (PulseAudio null sinks)."""

from __future__ import annotations

import pytest

from shared.features.voice.devices import NoAudioDevice
from shared.features.voice.engine import VoiceFeature
from shared.features.voice.events import Notice
from shared.features.voice.link import VoiceLink
from shared.features.voice.protocol import VoiceInvite, VoiceOffer, VoiceState
from shared.features.voice.pyaudio_devices import PyAudioSystem
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import chat_of, connected_session, texts
from tests.voice.pulse import Side
from tests.voice.support import CountingSystem, NoDevices, voice_call


async def test_a_console_cannot_open_the_customers_microphone_without_consent(
    center: CenterFixture, pulse: dict[str, Side]
) -> None:
    async with voice_call(center, pulse["agent"], pulse["customer"]) as call:
        call.answer(granted=False)
        customer_id = call.session.customer_id
        # The modified console skips the invitation: it offers an audio link at once and
        # names the customer a speaker.
        hostile = VoiceLink(call.session.agent.ice_servers, lambda chunk: None)
        try:
            sdp = await hostile.create_offer()
            call.session.agent.send_to(customer_id, VoiceOffer(call="forced-1", sdp=sdp))
            agent_id = call.session.agent_id
            call.session.agent.send_to(
                customer_id,
                VoiceState(
                    call="forced-1", members=[agent_id, customer_id], speakers=[customer_id]
                ),
            )
            # Then an invitation, which the customer refuses: its answer comes after the above
            # on the ordered control channel.
            call.agent.call, call.agent.agent_id = "forced-2", agent_id
            call.session.agent.send_to(customer_id, VoiceInvite(call="forced-2"))
            await wait_for(
                lambda: any(e.notice == Notice.DECLINED for e in call.agent_events),
                what="the customer's refusal",
            )
        finally:
            await hostile.close()
        assert isinstance(call.customer_system, CountingSystem)
        assert call.customer_system.microphones_opened == 0
        assert not call.customer.links and not call.customer.joined
        assert hostile.received == 0


async def test_a_customer_without_audio_says_so_and_the_session_goes_on(
    center: CenterFixture, pulse: dict[str, Side]
) -> None:
    nothing = NoDevices()
    async with voice_call(center, pulse["agent"], pulse["customer"], nothing) as call:
        call.answer(granted=True)
        await call.agent.start_call()
        await wait_for(
            lambda: any(e.notice == Notice.NO_AUDIO_THERE for e in call.agent_events),
            what="the agent told the customer cannot",
        )
        assert call.customer_events[-1].notice == Notice.NO_AUDIO_HERE
        assert call.asked == []  # no question about a call this machine cannot take
        assert call.agent.call and call.agent.members == [call.session.agent_id]
        chat_of(call.session.agent).send(call.session.customer_id, "Still there?")
        await wait_for(lambda: texts(call.session.customer) == ["Still there?"], what="chat")


async def test_an_agent_without_audio_cannot_start_and_the_session_goes_on(
    center: CenterFixture,
) -> None:
    session = await connected_session(center)
    try:
        agent = VoiceFeature(session.agent, NoDevices())
        VoiceFeature(session.customer, PyAudioSystem())
        with pytest.raises(NoAudioDevice):
            await agent.start_call()
        assert agent.call == ""
        chat_of(session.agent).send(session.customer_id, "Let us type instead.")
        await wait_for(lambda: texts(session.customer) == ["Let us type instead."], what="chat")
    finally:
        await session.close()
