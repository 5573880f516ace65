"""The voice call in one session of the console or the client: the call as the engine last
said, the names beside it, and the commands the actions and buttons run (on the asyncio
thread, through the host's bridge)."""

from __future__ import annotations

from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from shared.features.voice.devices import NoAudioDevice
from shared.features.voice.engine import VoiceFeature
from shared.features.voice.events import CallChanged, Notice
from shared.features.voice.protocol import NAME
from shared.qt.feature_views import SessionHost
from shared.qt.host_settings import settings_of
from shared.qt.i18n import fill
from shared.session.live import LiveSession

translate = QCoreApplication.translate

# The devices the audio setup chose, kept across sessions and runs ("": the system's default).
MICROPHONE_SETTING = "voice/microphone"
SPEAKERS_SETTING = "voice/speakers"


def _kept(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class VoiceSlice:
    """The call's slice of the console's state: what the actions' enabled rules read."""

    in_call: bool = False
    muted: bool = False
    joined: bool = False  # this agent is in it
    invited: bool = False  # asked to join (an assistant agent), not in it
    hub: bool = False  # this agent runs it


def notice_text(notice: Notice, name: str) -> str:
    if notice == Notice.NO_AUDIO_HERE:
        return translate(
            "Voice", "This computer has no microphone or speakers: the call is not possible here."
        )
    if notice == Notice.NO_AUDIO_THERE:
        return fill(
            translate("Voice", "{name}'s computer has no microphone or speakers."), name=name
        )
    if notice == Notice.DECLINED:
        return translate("Voice", "{name} did not join the call.").format(name=name)
    if notice == Notice.FAILED:
        return translate("Voice", "The call had a problem.")
    return ""


class VoicePart(QObject):
    changed = Signal()

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.state = CallChanged()
        self.notice = ""
        host.feature_event.connect(self._event)

    def adopt(self, session: LiveSession) -> None:
        self.state, self.notice = CallChanged(), ""
        self._publish()
        settings = settings_of(self.host)
        microphone = _kept(settings.value(MICROPHONE_SETTING, ""))
        speakers = _kept(settings.value(SPEAKERS_SETTING, ""))
        if microphone or speakers:
            self._run(lambda f: f.prefer_devices(microphone, speakers))

    def close(self) -> None:
        pass

    @property
    def feature(self) -> VoiceFeature | None:
        session = self.host.session
        found = session.parts.get(NAME) if session is not None else None
        return found if isinstance(found, VoiceFeature) else None

    def name_of(self, pid: str) -> str:
        session = self.host.session
        me = session.engine.me if session is not None else None
        if me is not None and me.id == pid:
            return translate("Voice", "You")
        for participant in self.host.participants:
            if participant.id == pid:
                return participant.name
        return pid

    @Slot(object)
    def _event(self, event: object) -> None:
        if not isinstance(event, CallChanged):
            return
        self.state = event
        if event.notice != Notice.NONE:
            self.notice = notice_text(event.notice, self.name_of(event.about))
        self._publish()

    def _publish(self) -> None:
        if self.host.side == "console":
            state = self.state
            hub = self.feature is not None and self.feature.holds_call
            self.host.set_slice(
                NAME,
                VoiceSlice(bool(state.call), state.muted, state.joined, state.invited, hub),
            )
        self.changed.emit()

    def _run(self, work: Any) -> None:
        feature = self.feature
        if feature is None:
            return

        async def run() -> None:
            result = work(feature)
            if isinstance(result, Coroutine):
                await result

        self.host.bridge.run(run(), self._done)

    def _done(self, _result: object, error: BaseException | None) -> None:
        if isinstance(error, NoAudioDevice):
            return  # the engine said so (Notice.NO_AUDIO_HERE)
        if error is not None:
            self.host.report_error(None, error)

    # --- commands -----------------------------------------------------------------------------

    def start_call(self) -> None:
        self._run(lambda f: f.start_call())

    def end_call(self) -> None:
        self._run(lambda f: f.end_call())

    def pass_choices(self) -> list[tuple[str, str]]:
        """Whom the agent may pass the microphone to: every other member, (id, name)."""
        session = self.host.session
        me = session.engine.me if session is not None else None
        return [(p, self.name_of(p)) for p in self.state.members if me is None or p != me.id]

    def pass_microphone(self, participant: str | None) -> None:
        """To ``participant`` (one of ``pass_choices``); None: the agent alone."""
        if participant is not None and participant not in self.state.members:
            self.notice = translate("Voice", "{name} is not in the call.").format(
                name=self.name_of(participant)
            )
            self.changed.emit()
            return
        self._run(lambda f: f.pass_microphone(participant))

    def use_devices(self, microphone: str | None, speakers: str | None) -> None:
        settings = settings_of(self.host)
        settings.setValue(MICROPHONE_SETTING, microphone or "")
        settings.setValue(SPEAKERS_SETTING, speakers or "")
        self._run(lambda f: f.use_devices(microphone, speakers))

    def toggle_mute(self) -> None:
        muted = not self.state.muted
        self._run(lambda f: f.set_muted(muted))

    def leave(self) -> None:
        self._run(lambda f: f.leave())

    def rejoin(self) -> None:
        self._run(lambda f: f.rejoin())

    def set_volumes(self, speaker: float, microphone: float) -> None:
        self._run(lambda f: f.set_volumes(speaker, microphone))

    def volumes(self) -> tuple[float, float]:
        feature = self.feature
        return (feature.speaker_gain, feature.mic_gain) if feature is not None else (1.0, 1.0)

    def status_text(self) -> str:
        """The call in a sentence, for either side."""
        state = self.state
        if not state.call:
            return self.notice
        if not state.joined:
            return translate("Voice", "A voice call is running. You are not in it.")
        speaking = [self.name_of(p) for p in state.talking]
        text = translate("Voice", "In a voice call.")
        if state.muted:
            text += " " + translate("Voice", "Your microphone is muted.")
        if speaking:
            text += " " + translate("Voice", "Speaking: {names}.").format(names=", ".join(speaking))
        return text

    def rows(self) -> list[tuple[str, bool, bool]]:
        """Each member: name, may speak, speaking now."""
        state = self.state
        return [(self.name_of(p), p in state.speakers, p in state.talking) for p in state.members]
