"""The call's sound on one machine: the microphone read on its own thread and handed to the
outgoing tracks, and what is received mixed and played on the speakers' thread.

Echo and noise (a documented choice): no maintained Python binding of WebRTC's audio
processing installs here (``webrtc-audio-processing`` on PyPI is a 2019 build against an old
Python), so echo cancellation is left to the platform: on Linux PulseAudio's
``module-echo-cancel`` (WebRTC's AEC, shipped by the distribution) gives an echo-cancelled
source the audio setup lists like any microphone; Windows and macOS apply their own voice
processing to communication devices. What runs here is a noise gate: chunks quieter than
``GATE_LEVEL`` leave as silence, so a fan or a hum is not sent (and Opus spends nothing on it).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import threading
from collections.abc import Callable

import numpy as np

from shared.features.voice.devices import (
    Chunk,
    Microphone,
    Speakers,
    level,
    scaled,
    silence,
)

log = logging.getLogger(__name__)

# Below this loudness (RMS, full scale 1) a chunk is background noise: about -50 dBFS.
GATE_LEVEL = 0.003
# Loud enough to light the "speaking" indicator: about -40 dBFS.
TALKING_LEVEL = 0.01
# What waits to be played per source: 3 chunks (60 ms). More means a late burst of packets
# would add to the delay for the rest of the call; the oldest is dropped instead (bench/voice.py:
# 5 chunks measured 121 ms mouth-to-ear p50, 3 chunks with 10 ms device buffers 98 ms).
MAX_QUEUED_CHUNKS = 3
# What waits per outgoing track: the same bound, for a link that stalls.
MAX_OUTGOING_CHUNKS = 5
# A chunk that waits in a source's queue at every write for this long (1 s) is a standing
# backlog: pure delay (a burst of packets filled it once and the pace keeps it); it is dropped.
BACKLOG_WRITES = 50
# Volumes are gains from 0 (silent) to 2 (twice as loud).
MAX_GAIN = 2.0


def clamp_gain(gain: float) -> float:
    return min(max(gain, 0.0), MAX_GAIN)


class Capture:
    """Reads the microphone on a thread; each chunk (after volume, mute and the noise gate)
    goes to every subscriber on the asyncio loop."""

    def __init__(self, microphone: Microphone, loop: asyncio.AbstractEventLoop) -> None:
        self._microphone = microphone
        self._loop = loop
        self.gain = 1.0
        self.muted = False
        self.level = 0.0  # the last chunk's loudness before mute: the setup's meter
        self._subscribers: list[Callable[[Chunk], None]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="voice-mic", daemon=True)
        self._thread.start()

    def subscribe(self, deliver: Callable[[Chunk], None]) -> Callable[[], None]:
        """``deliver`` is called on the loop with each chunk; returns the unsubscribe."""
        self._subscribers.append(deliver)
        return lambda: self._subscribers.remove(deliver) if deliver in self._subscribers else None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                chunk = scaled(self._microphone.read(), self.gain)
            except OSError:
                log.exception("the microphone failed")
                return
            self.level = level(chunk)
            if self.muted or self.level < GATE_LEVEL:
                chunk = silence()
            with contextlib.suppress(RuntimeError):  # the loop closed under us
                self._loop.call_soon_threadsafe(self._deliver, chunk)

    def _deliver(self, chunk: Chunk) -> None:
        for deliver in list(self._subscribers):
            deliver(chunk)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._microphone.close()


class Playback:
    """Mixes what each source sent and plays it: a thread writes one chunk at a time (the
    speakers' pace), the sum of the next chunk of every source that has one, or silence."""

    def __init__(self, speakers: Speakers) -> None:
        self._speakers = speakers
        self.gain = 1.0
        self.played = 0  # chunks written, silence included
        self._queues: dict[str, collections.deque[Chunk]] = {}
        self._backlog: dict[str, int] = {}  # writes in a row that left a chunk waiting
        self.trimmed = 0  # chunks dropped as standing backlog
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="voice-speakers", daemon=True)
        self._thread.start()

    def push(self, source: str, chunk: Chunk) -> None:
        with self._lock:
            queue = self._queues.setdefault(source, collections.deque(maxlen=MAX_QUEUED_CHUNKS))
            queue.append(chunk)

    def forget(self, source: str) -> None:
        with self._lock:
            self._queues.pop(source, None)
            self._backlog.pop(source, None)

    def _next(self) -> Chunk:
        with self._lock:
            chunks = [q.popleft() for q in self._queues.values() if q]
            for source, queue in self._queues.items():
                waiting = self._backlog.get(source, 0) + 1 if queue else 0
                if waiting >= BACKLOG_WRITES:
                    queue.popleft()
                    self.trimmed += 1
                    waiting = 0
                self._backlog[source] = waiting
        if not chunks:
            return silence()
        mixed = np.sum([c.astype(np.int32) for c in chunks], axis=0)
        return np.asarray(np.clip(mixed * self.gain, -32768, 32767), dtype=np.int16)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._speakers.write(self._next())
            except OSError:
                log.exception("the speakers failed")
                return
            self.played += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._speakers.close()
