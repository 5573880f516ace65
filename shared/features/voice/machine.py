"""The voice engine part with this machine's real devices (PyAudio)."""

from __future__ import annotations

from shared.features.voice.engine import VoiceFeature
from shared.features.voice.pyaudio_devices import PyAudioSystem
from shared.session.live import LiveSession


def make_voice(session: LiveSession) -> VoiceFeature:
    return VoiceFeature(session, PyAudioSystem())
