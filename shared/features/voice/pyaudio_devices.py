"""The real devices: PortAudio through PyAudio, blocking streams read and written on the
call's own threads.

On Linux PortAudio goes through ALSA, which PulseAudio (or PipeWire's pulse) serves: the
devices listed are ALSA's PCMs, e.g. ``pulse``, ``default``, and any an ``.asoundrc`` names
(the tests name one per side, each on its own PulseAudio null sink)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np
import pyaudio

from shared.features.voice.devices import CHUNK_SAMPLES, RATE, Chunk, NoAudioDevice


@contextlib.contextmanager
def _portaudio() -> Iterator[pyaudio.PyAudio]:
    audio = pyaudio.PyAudio()
    try:
        yield audio
    finally:
        audio.terminate()


def _names(direction: str) -> list[str]:
    key = "maxInputChannels" if direction == "in" else "maxOutputChannels"
    with _portaudio() as audio:
        infos = [audio.get_device_info_by_index(i) for i in range(audio.get_device_count())]
    return [str(info["name"]) for info in infos if int(info[key]) > 0]


class _Stream:
    def __init__(self, name: str | None, direction: str) -> None:
        self._audio = pyaudio.PyAudio()
        try:
            index = self._index(name, direction)
            self._stream = self._audio.open(
                format=pyaudio.paInt16,
                channels=1,
                rate=RATE,
                input=direction == "in",
                output=direction == "out",
                input_device_index=index if direction == "in" else None,
                output_device_index=index if direction == "out" else None,
                # 10 ms device periods: the device adds little to mouth-to-ear latency.
                frames_per_buffer=CHUNK_SAMPLES // 2,
            )
        except (OSError, ValueError) as error:
            self._audio.terminate()
            raise NoAudioDevice(str(error)) from error
        except NoAudioDevice:
            self._audio.terminate()
            raise

    def _index(self, name: str | None, direction: str) -> int:
        key = "maxInputChannels" if direction == "in" else "maxOutputChannels"
        for i in range(self._audio.get_device_count()):
            info = self._audio.get_device_info_by_index(i)
            if int(info[key]) > 0 and (name is None or info["name"] == name):
                if name is None:
                    default = (
                        self._audio.get_default_input_device_info()
                        if direction == "in"
                        else self._audio.get_default_output_device_info()
                    )
                    return int(default["index"])
                return i
        raise NoAudioDevice(f"no {'microphone' if direction == 'in' else 'speakers'} {name or ''}")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._stream.stop_stream()
            self._stream.close()
        self._audio.terminate()


class PyAudioMicrophone(_Stream):
    def __init__(self, name: str | None) -> None:
        super().__init__(name, "in")

    def read(self) -> Chunk:
        data = self._stream.read(CHUNK_SAMPLES, exception_on_overflow=False)
        return np.frombuffer(data, dtype=np.int16).copy()


class PyAudioSpeakers(_Stream):
    def __init__(self, name: str | None) -> None:
        super().__init__(name, "out")

    def write(self, chunk: Chunk) -> None:
        self._stream.write(chunk.astype(np.int16).tobytes(), exception_on_underflow=False)


class PyAudioSystem:
    def inputs(self) -> list[str]:
        return _names("in")

    def outputs(self) -> list[str]:
        return _names("out")

    def open_microphone(self, name: str | None) -> PyAudioMicrophone:
        return PyAudioMicrophone(name)

    def open_speakers(self, name: str | None) -> PyAudioSpeakers:
        return PyAudioSpeakers(name)
