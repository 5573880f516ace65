"""One screen-sharing activity: a sender and a receiver, each with its own RTCPeerConnection.

The offer and answer are plain SDP strings; the session engine carries them over its control
channel. The sender offers one send-only video transceiver, H.264 first (libx264), VP8 as the
fallback, set through ``setCodecPreferences``; the receiver answers receive-only.

Nothing is captured or sent before the answer is accepted: the track waits for the encoder to be
installed (``StreamControl.ready``), so a refused or never-answered request sends no video.

Threads: aiortc decodes on its own decoder thread; the decoded picture is converted to BGRX on the
receiver's converter thread; ``on_frame`` is called on the asyncio loop, one frame at a time, in
order. A Qt viewer hands the frame to its own thread from there (and paints the latest).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import av
import numpy as np
from aiortc import (
    MediaStreamTrack,
    RTCPeerConnection,
    RTCRtpCodecCapability,
    RTCRtpReceiver,
    RTCRtpSender,
    RTCRtpTransceiver,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError
from av.frame import Frame
from av.packet import Packet

from shared.media.decoded_frame import DecodedFrame
from shared.media.screen_track import ScreenTrack
from shared.media.tuning import MarkerJitterBuffer, apply_screen_tuning, tune_receiver, tune_sender
from shared.protocol.messages import IceServer
from shared.transport.peer_link import rtc_configuration

log = logging.getLogger(__name__)

# Pixels swscale converts in one SIMD step: a picture whose width is not a multiple of it is
# converted through BGR (``MediaReceiver._convert``).
SWSCALE_BLOCK = 16

CODEC_ORDER = ("video/H264", "video/VP8")


def codec_preferences(prefer: tuple[str, ...]) -> list[RTCRtpCodecCapability]:
    capabilities = RTCRtpSender.getCapabilities("video").codecs
    chosen: list[RTCRtpCodecCapability] = []
    for mime in prefer:
        chosen += [c for c in capabilities if c.mimeType.lower() == mime.lower()]
    chosen += [c for c in capabilities if c.mimeType.lower() == "video/rtx"]
    return chosen


async def transport_bytes(pc: RTCPeerConnection, direction: str) -> int:
    """The bytes a connection's transports count as ``direction`` (``bytesSent`` or
    ``bytesReceived``): all it carried, RTP, RTCP, DTLS and ICE alike."""
    total = 0
    report = await pc.getStats()
    for item in report.values():
        if getattr(item, "type", None) == "transport":
            total += int(getattr(item, direction, 0) or 0)
    return total


@dataclass(frozen=True, slots=True)
class SenderStats:
    frames_captured: int
    frames_sent: int
    keyframes: int
    bytes_encoded: int  # encoded video, before RTP/SRTP overhead
    bytes_sent: int  # everything that left on the connection (RTP, RTCP, ICE, DTLS)
    polls: int
    codec: str | None
    fps_limit: float | None


class MediaSender:
    def __init__(
        self,
        track: ScreenTrack,
        ice_servers: list[IceServer],
        codecs: tuple[str, ...] = CODEC_ORDER,
    ) -> None:
        apply_screen_tuning()
        self.track = track
        self._codecs = codecs
        self._pc = RTCPeerConnection(rtc_configuration(ice_servers))
        self._transceiver: RTCRtpTransceiver | None = None
        self.connected = asyncio.Event()
        self._pc.on("connectionstatechange", self._state_changed)

    def _state_changed(self) -> None:
        if self._pc.connectionState == "connected":
            self.connected.set()

    @property
    def connection_state(self) -> str:
        return str(self._pc.connectionState)

    async def create_offer(self) -> str:
        self._transceiver = self._pc.addTransceiver(self.track, direction="sendonly")
        self._transceiver.setCodecPreferences(codec_preferences(self._codecs))
        await self._pc.setLocalDescription(await self._pc.createOffer())
        return str(self._pc.localDescription.sdp)

    async def accept_answer(self, sdp: str) -> None:
        if self._transceiver is None:
            raise RuntimeError("create_offer() first")
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
        negotiated = self._transceiver._codecs  # what aiortc's sender will use: the first
        if not negotiated:
            raise ConnectionError("the receiver accepts neither H.264 nor VP8")
        tune_sender(self._transceiver.sender, negotiated[0].name, self.track.control)
        self.track.control.ready.set()

    async def stats(self) -> SenderStats:
        control = self.track.control
        sent = await transport_bytes(self._pc, "bytesSent")
        return SenderStats(
            frames_captured=control.frames_captured,
            frames_sent=control.frames_encoded,
            keyframes=control.keyframes,
            bytes_encoded=control.bytes_encoded,
            bytes_sent=sent,
            polls=control.polls,
            codec=control.codec_name,
            fps_limit=control.fps_limit(),
        )

    async def close(self) -> None:
        self.track.stop()
        await self._pc.close()
        await asyncio.to_thread(self.track.join)


class MediaReceiver:
    def __init__(
        self,
        ice_servers: list[IceServer],
        on_frame: Callable[[DecodedFrame], None],
        codecs: tuple[str, ...] = CODEC_ORDER,
    ) -> None:
        apply_screen_tuning()
        self._on_frame = on_frame
        self._codecs = codecs
        self._pc = RTCPeerConnection(rtc_configuration(ice_servers))
        self._converter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screen-convert")
        self._consumer: asyncio.Task[None] | None = None
        self._receiver: RTCRtpReceiver | None = None
        self.jitter_buffer: MarkerJitterBuffer | None = None
        self.answer: str | None = None  # our SDP answer (which codec: ``relay.py``)
        self.frames = 0
        self.keyframes = 0
        self.ended = asyncio.Event()
        self._pc.on("track", self._track_arrived)

    async def accept_offer(self, sdp: str) -> str:
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        for transceiver in self._pc.getTransceivers():
            if transceiver.kind == "video":
                transceiver.direction = "recvonly"
                transceiver.setCodecPreferences(codec_preferences(self._codecs))
                self._receiver = transceiver.receiver
                self.jitter_buffer = tune_receiver(transceiver.receiver)
        await self._pc.setLocalDescription(await self._pc.createAnswer())
        self.answer = str(self._pc.localDescription.sdp)
        return self.answer

    def _track_arrived(self, track: MediaStreamTrack) -> None:
        if track.kind == "video" and self._consumer is None:
            self._consumer = asyncio.ensure_future(self._consume(track))

    async def _consume(self, track: MediaStreamTrack) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                frame = await track.recv()
                decoded = await loop.run_in_executor(self._converter, self._convert, frame)
                self.frames += 1
                self.keyframes += int(decoded.keyframe)
                try:
                    self._on_frame(decoded)
                except Exception:
                    log.exception("on_frame failed")
        except MediaStreamError:
            pass
        finally:
            self.ended.set()

    @staticmethod
    def _convert(frame: Frame | Packet[Any]) -> DecodedFrame:
        if not isinstance(frame, av.VideoFrame):
            raise MediaStreamError(f"a video track sent {type(frame).__name__}")
        if frame.width % SWSCALE_BLOCK:
            # swscale's fast YUV to BGRA path leaves the last columns black for some such
            # widths (a 226-pixel-wide application window, a 1362-pixel screen); its BGR path
            # does not.
            rgb = frame.to_ndarray(format="bgr24")
            pixels = np.empty((frame.height, frame.width, 4), np.uint8)
            pixels[..., :3] = rgb
            pixels[..., 3] = 255
        else:
            # PyAV gives a view over its padded rows where width × 4 bytes is not a multiple
            # of its alignment; the frame promises packed rows (``DecodedFrame.stride``).
            pixels = np.ascontiguousarray(frame.to_ndarray(format="bgra"))
        return DecodedFrame(
            width=frame.width,
            height=frame.height,
            data=pixels,
            pts=int(frame.pts or 0),
            ready_time=time.monotonic(),
            keyframe=bool(frame.key_frame),
        )

    async def request_keyframe(self) -> None:
        """Ask the sender for a full picture now (RTCP PLI), e.g. for a fresh viewer."""
        if self._receiver is None:
            return
        sources = {source.source for source in self._receiver.getSynchronizationSources()}
        if not sources and self.jitter_buffer is not None and self.jitter_buffer.last_ssrc:
            sources = {self.jitter_buffer.last_ssrc}  # idle for over 10 s: aiortc forgot it
        for ssrc in sources:
            await self._receiver._send_rtcp_pli(ssrc)

    async def bytes_received(self) -> int:
        return await transport_bytes(self._pc, "bytesReceived")

    async def close(self) -> None:
        await self._pc.close()
        if self._consumer is not None:
            self._consumer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._consumer
        # Wait for a frame still being converted (8 MB at 1080p): freed after the heap is
        # trimmed, it would stay with the process until the next view ends.
        await asyncio.to_thread(self._converter.shutdown)
