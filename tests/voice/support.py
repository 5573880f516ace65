"""Two real sessions (a real center, aiortc on loopback) with the voice feature on both, each
side on its own real devices (``pulse.py``), the customer's consent answered as a test says."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from shared.features.voice.devices import AudioSystem, Microphone, NoAudioDevice, Speakers
from shared.features.voice.engine import VoiceFeature
from shared.features.voice.events import CallChanged
from shared.features.voice.pyaudio_devices import PyAudioMicrophone, PyAudioSystem
from shared.session.consent import ConsentAnswer, ConsentRequest
from tests.helpers import CenterFixture
from tests.integration.support import Connected, connected_session
from tests.voice.pulse import Side


class NoDevices:
    """A machine without a microphone or speakers."""

    def __init__(self) -> None:
        self.opened = 0

    def inputs(self) -> list[str]:
        return []

    def outputs(self) -> list[str]:
        return []

    def open_microphone(self, name: str | None) -> Microphone:
        self.opened += 1
        raise NoAudioDevice("none")

    def open_speakers(self, name: str | None) -> Speakers:
        self.opened += 1
        raise NoAudioDevice("none")


class CountingSystem(PyAudioSystem):
    """The real devices, counting how often the microphone was opened."""

    def __init__(self) -> None:
        self.microphones_opened = 0

    def open_microphone(self, name: str | None) -> PyAudioMicrophone:
        self.microphones_opened += 1
        return super().open_microphone(name)


@dataclass
class Call:
    session: Connected
    agent: VoiceFeature
    customer: VoiceFeature
    customer_system: AudioSystem
    asked: list[ConsentRequest] = field(default_factory=list)
    agent_events: list[CallChanged] = field(default_factory=list)
    customer_events: list[CallChanged] = field(default_factory=list)

    def answer(self, granted: bool) -> None:
        async def ask(request: ConsentRequest) -> ConsentAnswer:
            self.asked.append(request)
            return ConsentAnswer(granted=granted)

        self.session.customer.consent.ask = ask


@contextlib.asynccontextmanager
async def voice_call(
    center: CenterFixture,
    agent_side: Side,
    customer_side: Side,
    customer_system: AudioSystem | None = None,
) -> AsyncIterator[Call]:
    session = await connected_session(center)
    system = customer_system if customer_system is not None else CountingSystem()
    agent = VoiceFeature(session.agent, PyAudioSystem(), agent_side.microphone, agent_side.speakers)
    customer = VoiceFeature(
        session.customer, system, customer_side.microphone, customer_side.speakers
    )
    call = Call(session, agent, customer, system)

    def keep(into: list[CallChanged]) -> Callable[[object], None]:
        return lambda event: into.append(event) if isinstance(event, CallChanged) else None

    session.agent.engine.subscribe(keep(call.agent_events))
    session.customer.engine.subscribe(keep(call.customer_events))
    try:
        yield call
    finally:
        await asyncio.wait_for(session.close(), 30)
