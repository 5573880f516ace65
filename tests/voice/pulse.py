"""Real audio devices for the voice tests and bench: a private PulseAudio server (its own
runtime folder and socket, no session bus, runs as root in CI) with two null sinks per side.

Side ``x``'s microphone is the monitor of the sink ``x_mouth``: what a test plays into that
sink is what x's microphone hears. x's speakers are the sink ``x_ear``: what x plays a test
records from its monitor. PyAudio reaches them as ALSA PCMs (``tandem_x_mic``,
``tandem_x_speakers``) that a file of ours names, read after ALSA's own configuration
(``ALSA_CONFIG_PATH``), going through ALSA's pulse plugin to this server (``PULSE_SERVER``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from shared.features.voice.devices import CHUNK_SAMPLES, RATE, Chunk

# ALSA's own top configuration (which loads the pulse plugin's); ours is read after it.
ALSA_CONFIG = "/usr/share/alsa/alsa.conf"
# How long the server may take to answer its first client.
START_TIMEOUT_S = 15.0


@dataclass
class Side:
    name: str
    server: str

    @property
    def microphone(self) -> str:
        return f"tandem_{self.name}_mic"

    @property
    def speakers(self) -> str:
        return f"tandem_{self.name}_speakers"

    def play(self, chunks: Callable[[], Chunk]) -> Player:
        """Play what ``chunks`` gives, chunk after chunk, into this side's microphone."""
        return Player(self.server, f"{self.name}_mouth", chunks)

    def record(self) -> Recorder:
        """Record this side's speakers."""
        return Recorder(self.server, f"{self.name}_ear.monitor")


def _pa_env(server: str) -> dict[str, str]:
    return {**os.environ, "PULSE_SERVER": server}


def _format() -> list[str]:
    return ["--raw", "--format=s16le", f"--rate={RATE}", "--channels=1", "--latency-msec=10"]


class Player:
    def __init__(self, server: str, sink: str, chunks: Callable[[], Chunk]) -> None:
        self._process = subprocess.Popen(
            ["pacat", "--playback", f"--device={sink}", *_format()],
            stdin=subprocess.PIPE,
            env=_pa_env(server),
        )
        self._chunks = chunks
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError, ValueError):
            while not self._stop.is_set():
                self._process.stdin.write(self._chunks().astype("<i2").tobytes())
                self._process.stdin.flush()  # pacat's pipe paces us at the sink's rate

    def close(self) -> None:
        self._stop.set()
        self._process.terminate()
        self._process.wait()
        self._thread.join()


@dataclass
class Recorder:
    server: str
    source: str
    chunks: list[tuple[float, Chunk]] = field(default_factory=list)  # (arrival time, chunk)

    def __post_init__(self) -> None:
        self._process = subprocess.Popen(
            ["pacat", "--record", f"--device={self.source}", *_format()],
            stdout=subprocess.PIPE,
            env=_pa_env(self.server),
        )
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        assert self._process.stdout is not None
        size = CHUNK_SAMPLES * 2
        while data := self._process.stdout.read(size):
            chunk = np.frombuffer(data, dtype="<i2").astype(np.int16)
            with self._lock:
                self.chunks.append((time.monotonic(), chunk))

    def since(self, start: int) -> Chunk:
        """Everything recorded from chunk ``start`` on, as one array."""
        with self._lock:
            parts = [c for _, c in self.chunks[start:]]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.chunks)

    def close(self) -> None:
        self._process.terminate()
        self._process.wait()
        self._thread.join()


def tone(frequency: float, amplitude: float = 0.3) -> Callable[[], Chunk]:
    """A continuous sine, chunk after chunk."""
    position = [0]

    def next_chunk() -> Chunk:
        t = (np.arange(CHUNK_SAMPLES) + position[0]) / RATE
        position[0] += CHUNK_SAMPLES
        return (np.sin(2 * np.pi * frequency * t) * amplitude * 32767).astype(np.int16)

    return next_chunk


def strength(samples: Chunk, frequency: float) -> float:
    """How much of ``samples``'s energy is at ``frequency`` (FFT; 0 to 1)."""
    if samples.size < RATE // 10:
        return 0.0
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(samples.size)))
    freqs = np.fft.rfftfreq(samples.size, 1 / RATE)
    band = np.abs(freqs - frequency) <= 20
    total = float(np.sum(spectrum**2))
    return float(np.sum(spectrum[band] ** 2)) / total if total > 0 else 0.0


def dominant(samples: Chunk) -> float:
    """The frequency with the most energy (Hz)."""
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(samples.size)))
    return float(np.fft.rfftfreq(samples.size, 1 / RATE)[int(np.argmax(spectrum))])


@contextlib.contextmanager
def pulse_server(*sides: str) -> Iterator[dict[str, Side]]:
    """A private PulseAudio server with a mouth and an ear sink per side; the environment
    (``PULSE_SERVER``, ``ALSA_CONFIG_PATH``) points PyAudio at it until the block ends."""
    if shutil.which("pulseaudio") is None:
        raise RuntimeError("pulseaudio is not installed (scripts/install.sh installs it)")
    folder = Path(tempfile.mkdtemp(prefix="tandem-pulse-"))
    runtime, config = folder / "runtime", folder / "config"
    config.mkdir()
    runtime.mkdir(mode=0o700)
    socket = runtime / "native"
    server = f"unix:{socket}"
    modules = [f"module-native-protocol-unix socket={socket} auth-anonymous=1"]
    pcms = []
    for side in sides:
        for sink in ("mouth", "ear"):
            modules.append(f"module-null-sink sink_name={side}_{sink} rate={RATE} channels=1")
        pcms.append(f'pcm.tandem_{side}_mic {{ type pulse; device "{side}_mouth.monitor" }}')
        pcms.append(f'pcm.tandem_{side}_speakers {{ type pulse; device "{side}_ear" }}')
    asoundrc = config / "asoundrc"
    asoundrc.write_text("\n".join(pcms) + "\n")
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
        "XDG_CONFIG_HOME": str(config),
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    arguments = ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--disable-shm"]
    arguments += ["--use-pid-file=no", "--system=no", "--log-target=stderr", "--log-level=error"]
    for module in modules:
        arguments += ["-L", module]
    process = subprocess.Popen(arguments, env=env, stderr=subprocess.DEVNULL)
    saved = {key: os.environ.get(key) for key in ("PULSE_SERVER", "ALSA_CONFIG_PATH")}
    try:
        _wait_ready(server, process)
        os.environ["PULSE_SERVER"] = server
        os.environ["ALSA_CONFIG_PATH"] = f"{ALSA_CONFIG}:{asoundrc}"
        yield {side: Side(side, server) for side in sides}
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        process.terminate()
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_ready(server: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"pulseaudio exited with {process.returncode}")
        probe = subprocess.run(
            ["pactl", "info"], env=_pa_env(server), capture_output=True, check=False
        )
        if probe.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError("pulseaudio did not answer")
        # pactl's own connection attempt is the wait (it fails fast while the socket is absent)
        time.sleep(0.05)
