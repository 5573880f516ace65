"""One audio link of a call: the agent and one customer, each with its own RTCPeerConnection
holding one send-and-receive Opus transceiver. The agent offers; the SDP rides the session's
control channel (protocol.py), the audio the connection ICE opens between the same two
machines as the session's peer link (with the session's ICE servers).

Outgoing audio is a track fed chunk by chunk from the microphone (its pace is the call's
clock); incoming audio is decoded by aiortc and handed over as mono chunks, on the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import logging
from collections import deque
from collections.abc import Callable

import av
import numpy as np
from aiortc import (
    MediaStreamTrack,
    RTCPeerConnection,
    RTCRtpSender,
    RTCRtpTransceiver,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError

from shared.features.voice.audio import MAX_OUTGOING_CHUNKS
from shared.features.voice.devices import CHUNK_SAMPLES, RATE, Chunk
from shared.protocol.messages import IceServer
from shared.transport.peer_link import rtc_configuration

log = logging.getLogger(__name__)

TIME_BASE = fractions.Fraction(1, RATE)
# aiortc waits for this many packets before it plays the first (its default, 4, is 80 ms of
# delay for the whole call); 1 keeps mouth-to-ear low on a network that does not reorder much.
JITTER_PREFETCH = 1


class OutgoingTrack(MediaStreamTrack):
    """What we send on one link: chunks as ``feed`` gives them (the microphone, maybe mixed)."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self._chunks: deque[Chunk] = deque(maxlen=MAX_OUTGOING_CHUNKS)
        self._ready = asyncio.Event()
        self._pts = 0

    def feed(self, chunk: Chunk) -> None:
        self._chunks.append(chunk)
        self._ready.set()

    async def recv(self) -> av.AudioFrame:
        while not self._chunks:
            if self.readyState != "live":
                raise MediaStreamError
            self._ready.clear()
            await self._ready.wait()
        chunk = self._chunks.popleft()
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = TIME_BASE
        self._pts += CHUNK_SAMPLES
        return frame

    def stop(self) -> None:
        super().stop()
        self._ready.set()


def _opus_first(transceiver: RTCRtpTransceiver) -> None:
    codecs = RTCRtpSender.getCapabilities("audio").codecs
    transceiver.setCodecPreferences([c for c in codecs if c.mimeType.lower() == "audio/opus"])


def _low_latency(transceiver: RTCRtpTransceiver) -> None:
    buffer = getattr(transceiver.receiver, "_RTCRtpReceiver__jitter_buffer", None)
    if buffer is not None and hasattr(buffer, "_prefetch"):
        buffer._prefetch = JITTER_PREFETCH


def to_mono(frame: av.AudioFrame) -> Chunk:
    """A decoded frame (aiortc's Opus decoder gives packed stereo s16 at 48 kHz) as mono."""
    data = frame.to_ndarray()
    channels = len(frame.layout.channels)
    if frame.format.is_planar:
        return np.asarray(data[0], dtype=np.int16)
    return np.asarray(data.reshape(-1)[::channels], dtype=np.int16)


class VoiceLink:
    def __init__(self, ice_servers: list[IceServer], on_chunk: Callable[[Chunk], None]) -> None:
        self.track = OutgoingTrack()
        self._on_chunk = on_chunk
        self._pc = RTCPeerConnection(rtc_configuration(ice_servers))
        self._consumer: asyncio.Task[None] | None = None
        self.received = 0  # chunks decoded
        self._pc.on("track", self._track_arrived)

    async def create_offer(self) -> str:
        transceiver = self._pc.addTransceiver(self.track, direction="sendrecv")
        _opus_first(transceiver)
        _low_latency(transceiver)
        await self._pc.setLocalDescription(await self._pc.createOffer())
        return str(self._pc.localDescription.sdp)

    async def accept_answer(self, sdp: str) -> None:
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))

    async def accept_offer(self, sdp: str) -> str:
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        audio = [t for t in self._pc.getTransceivers() if t.kind == "audio"]
        if len(audio) != 1:
            raise ConnectionError("a voice offer holds exactly one audio transceiver")
        (transceiver,) = audio
        transceiver.direction = "sendrecv"
        transceiver.sender.replaceTrack(self.track)
        _opus_first(transceiver)
        _low_latency(transceiver)
        await self._pc.setLocalDescription(await self._pc.createAnswer())
        return str(self._pc.localDescription.sdp)

    def _track_arrived(self, track: MediaStreamTrack) -> None:
        if track.kind == "audio" and self._consumer is None:
            self._consumer = asyncio.ensure_future(self._consume(track))

    async def _consume(self, track: MediaStreamTrack) -> None:
        with contextlib.suppress(MediaStreamError):
            while True:
                frame = await track.recv()
                if not isinstance(frame, av.AudioFrame):
                    raise MediaStreamError(f"an audio track sent {type(frame).__name__}")
                self.received += 1
                try:
                    self._on_chunk(to_mono(frame))
                except Exception:
                    log.exception("a received chunk failed")

    async def close(self) -> None:
        self.track.stop()
        await self._pc.close()
        if self._consumer is not None:
            self._consumer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._consumer
