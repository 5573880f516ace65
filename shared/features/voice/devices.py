"""The audio devices a call uses, behind a small interface: the product's implementation is
PyAudio (``pyaudio_devices.py``); the engine and its tests see only this.

Audio inside the feature is mono, signed 16-bit, 48 kHz (Opus's own rate), in 20 ms chunks
(Opus's usual frame): one chunk is ``CHUNK_SAMPLES`` int16 samples.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

RATE = 48_000
CHUNK_MS = 20
CHUNK_SAMPLES = RATE * CHUNK_MS // 1000

# numpy.typing's NDArray, spelled without it (the one-file client leaves numpy.typing out).
Chunk = np.ndarray[Any, np.dtype[np.int16]]


class NoAudioDevice(RuntimeError):
    """This machine has no microphone or no speakers (or the one chosen is gone)."""


class Microphone(Protocol):
    def read(self) -> Chunk:
        """The next chunk, blocking until the device has it (its pace is the call's clock)."""

    def close(self) -> None: ...


class Speakers(Protocol):
    def write(self, chunk: Chunk) -> None:
        """Play ``chunk``, blocking while the device's buffer is full."""

    def close(self) -> None: ...


class AudioSystem(Protocol):
    def inputs(self) -> list[str]:
        """Names of the microphones one may pick."""

    def outputs(self) -> list[str]:
        """Names of the speakers one may pick."""

    def open_microphone(self, name: str | None) -> Microphone:
        """``name`` or the system's default; NoAudioDevice if there is none."""

    def open_speakers(self, name: str | None) -> Speakers: ...


def silence() -> Chunk:
    return np.zeros(CHUNK_SAMPLES, dtype=np.int16)


def scaled(chunk: Chunk, gain: float) -> Chunk:
    """``chunk`` times ``gain``, clipped to 16 bits."""
    if gain == 1.0:
        return chunk
    clipped = np.clip(chunk.astype(np.float32) * gain, -32768, 32767)
    return np.asarray(clipped, dtype=np.int16)


def level(chunk: Chunk) -> float:
    """Loudness from 0 (silence) to 1 (full scale): the RMS of the chunk."""
    if chunk.size == 0:
        return 0.0
    return float(np.sqrt(np.mean(np.square(chunk.astype(np.float32))))) / 32768.0
