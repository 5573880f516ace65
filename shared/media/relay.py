"""Several viewers of one screen: the primary agent forwards the customer's encoded stream.

The customer sends one stream, to the primary agent only (``MediaSender`` → ``MediaReceiver``).
The primary's receiver assembles each encoded frame in its jitter buffer (``tuning.py``); a
``StreamRelay`` taps those frames there, before decoding, and hands each one to a
``ForwardTrack`` per assistant. Each assistant has its own connection from the primary
(``ForwardSender`` → an ordinary ``MediaReceiver``). The primary neither decodes again nor
re-encodes: aiortc's ``RTCRtpSender`` sends the ``av.Packet`` a track returns as it is (its
codec's ``pack``: H.264 Annex-B split into NAL units and re-packetised, VP8 re-packetised with a
new payload descriptor), and aiortc's depayloaders give exactly those forms (H.264 with
4-byte start codes, VP8 without its descriptor). Both codecs we send forward this way, so there
is no decode-and-re-encode fallback; a codec without ``pack`` would need one (not built).

Keyframes: a new assistant's track drops frames until a keyframe and asks for one at once; an
assistant's PLI/FIR (its decoder lost the picture) empties its track until the next keyframe
and asks the customer's encoder for one through the primary's receiver (an RTCP PLI upstream).
Requests from several assistants are merged: while one is pending (asked, no keyframe seen
since) no other is sent before ``KEYFRAME_RETRY_S``, so the customer's uplink never pays for a
storm of keyframes.

A slow assistant only hurts itself: its track holds at most ``FORWARD_QUEUE_FRAMES`` frames;
past that it drops them and waits for a keyframe. The customer's stream, the primary's own view
and the other assistants go on.

Threads: everything here runs on the asyncio loop (the tap is called from aiortc's packet
handler on the loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import av
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCRtpTransceiver, RTCSessionDescription
from aiortc.mediastreams import VIDEO_TIME_BASE, MediaStreamError
from aiortc.rtp import RtpPacket

from shared.media.media_link import codec_preferences, transport_bytes
from shared.media.tuning import apply_screen_tuning, on_keyframe_request
from shared.protocol.messages import IceServer
from shared.transport.peer_link import rtc_configuration

log = logging.getLogger(__name__)

# Frames an assistant's track holds before it gives up on them and waits for a keyframe: about
# half a second at 60 fps, so a stalled assistant link costs bounded memory (a 1080p keyframe is
# ~0.5 MB) and catches up with a fresh picture rather than a backlog.
FORWARD_QUEUE_FRAMES = 30
# A keyframe asked upstream and not seen after this long is asked again (a lost PLI or a lost
# keyframe); before that, further requests are merged into the pending one.
KEYFRAME_RETRY_S = 0.5
FORWARDABLE = ("H264", "VP8")

_H264_IDR = 5


def is_keyframe(codec: str, data: bytes) -> bool:
    """Whether a depayloaded frame starts a picture on its own (H.264 IDR, VP8 key frame)."""
    if codec == "H264":
        # Annex-B as aiortc's depayloader writes it; emulation prevention keeps start codes out
        # of NAL payloads, so a scan for them finds only NAL boundaries.
        start = data.find(b"\x00\x00\x01")
        while start != -1 and start + 3 < len(data):
            if data[start + 3] & 0x1F == _H264_IDR:
                return True
            start = data.find(b"\x00\x00\x01", start + 3)
        return False
    if codec == "VP8":
        return bool(data) and data[0] & 0x01 == 0  # RFC 6386 9.1: P bit clear on key frames
    return False


def payload_codecs(sdp: str) -> tuple[dict[int, str], str | None]:
    """Payload type → codec name from an SDP's video section; the first (the one used)."""
    names: dict[int, str] = {}
    first: str | None = None
    in_video = False
    order: list[int] = []
    for line in sdp.splitlines():
        if line.startswith("m="):
            in_video = line.startswith("m=video")
            if in_video:
                order = [int(p) for p in line.split()[3:] if p.isdigit()]
        elif in_video and (match := re.match(r"a=rtpmap:(\d+) ([\w-]+)/", line)):
            names[int(match.group(1))] = match.group(2).upper()
    for payload_type in order:
        if names.get(payload_type) in FORWARDABLE:
            first = names[payload_type]
            break
    return names, first


@dataclass(frozen=True, slots=True)
class EncodedFrame:
    """One encoded picture as the primary received it."""

    codec: str
    data: bytes
    pts: int  # 90 kHz, counted from the first frame the relay saw (the primary's own pts)
    keyframe: bool
    arrival: float  # time.monotonic() when its last packet was in at the primary


class ForwardTrack(MediaStreamTrack):
    """One assistant's copy of the stream: returns ``av.Packet`` s for aiortc to pack and send."""

    kind = "video"

    def __init__(self, relay: StreamRelay) -> None:
        super().__init__()
        self._relay = relay
        self._queue: deque[EncodedFrame] = deque()
        self._wake = asyncio.Event()
        self.waiting_for_keyframe = True
        self._waiting_since = time.monotonic()
        self.first_pts: int | None = None  # relay pts of the first frame sent (assistant pts 0)
        self.frames_forwarded = 0
        self.frames_dropped = 0
        self.keyframes_forwarded = 0

    def push(self, frame: EncodedFrame) -> None:
        if self.readyState != "live":
            return
        if len(self._queue) >= FORWARD_QUEUE_FRAMES:
            self.frames_dropped += len(self._queue)
            self._queue.clear()
            self._wait_for_keyframe()
        if self.waiting_for_keyframe and not frame.keyframe:
            self.frames_dropped += 1
            if time.monotonic() - self._waiting_since > KEYFRAME_RETRY_S:
                self._relay.request_keyframe()
            return
        self.waiting_for_keyframe = False
        self._queue.append(frame)
        self._wake.set()

    def keyframe_needed(self) -> None:
        """The assistant lost the picture (its PLI/FIR): only a keyframe can help it now."""
        self.frames_dropped += len(self._queue)
        self._queue.clear()
        self._wait_for_keyframe()

    def _wait_for_keyframe(self) -> None:
        if not self.waiting_for_keyframe:
            self.waiting_for_keyframe = True
            self._waiting_since = time.monotonic()
        self._relay.request_keyframe()

    async def recv(self) -> av.Packet[Any]:
        while not self._queue:
            if self.readyState != "live":
                raise MediaStreamError
            self._wake.clear()
            await self._wake.wait()
        if self.readyState != "live":
            raise MediaStreamError
        frame = self._queue.popleft()
        if self.first_pts is None:
            self.first_pts = frame.pts
        packet = av.Packet(frame.data)
        packet.pts = frame.pts
        packet.time_base = VIDEO_TIME_BASE
        self.frames_forwarded += 1
        self.keyframes_forwarded += int(frame.keyframe)
        return packet

    def stop(self) -> None:
        super().stop()
        self._queue.clear()
        self._wake.set()


class FrameTaps(Protocol):
    @property
    def taps(self) -> list[Callable[[RtpPacket, bytes], None]]: ...


class EncodedSource(Protocol):
    """Where a relay's frames come from: the primary's ``MediaReceiver`` (the customer's
    stream), or the primary's own camera sender (its encoder's output, before packetising)."""

    @property
    def jitter_buffer(self) -> FrameTaps | None: ...

    @property
    def answer(self) -> str | None: ...

    async def request_keyframe(self) -> None: ...


class StreamRelay:
    """Taps the primary's receiver and feeds every assistant's ``ForwardTrack``.

    Make it right after ``MediaReceiver.accept_offer`` (before frames arrive): its pts then
    count from the same first frame as the primary's own decoded frames.
    """

    def __init__(self, receiver: EncodedSource) -> None:
        if receiver.jitter_buffer is None or receiver.answer is None:
            raise RuntimeError("accept the offer first")
        self._receiver = receiver
        self._buffer = receiver.jitter_buffer
        self._names, self.codec = payload_codecs(receiver.answer)
        self._tracks: list[ForwardTrack] = []
        self._origin: int | None = None
        self._last: int | None = None
        self._pending_since: float | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.frames = 0
        self.keyframes = 0
        self.keyframe_requests = 0  # PLIs actually sent upstream
        self.closed = False
        self._buffer.taps.append(self._on_frame)

    @property
    def tracks(self) -> list[ForwardTrack]:
        return list(self._tracks)

    def add_track(self) -> ForwardTrack:
        if self.closed:
            raise RuntimeError("the relay is closed")
        if self.codec is None:
            raise ConnectionError("the customer's stream has no codec we can forward")
        track = ForwardTrack(self)
        self._tracks.append(track)
        return track

    def remove_track(self, track: ForwardTrack) -> None:
        if track in self._tracks:
            self._tracks.remove(track)
        track.stop()

    def request_keyframe(self) -> None:
        """Ask the customer's encoder for a keyframe, merged with one already pending."""
        now = time.monotonic()
        if self.closed or (
            self._pending_since is not None and now - self._pending_since < KEYFRAME_RETRY_S
        ):
            return
        self._pending_since = now
        self.keyframe_requests += 1
        task = asyncio.ensure_future(self._receiver.request_keyframe())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _on_frame(self, first: RtpPacket, data: bytes) -> None:
        codec = self._names.get(first.payload_type)
        if codec not in FORWARDABLE:
            return
        timestamp = first.timestamp
        # Same mapping as aiortc's receiver (``TimestampMapper``): 0 at the first frame.
        if self._origin is None:
            self._origin = timestamp
        elif self._last is not None and timestamp < self._last:
            self._origin -= 1 << 32
        self._last = timestamp
        keyframe = is_keyframe(codec, data)
        frame = EncodedFrame(codec, data, timestamp - self._origin, keyframe, time.monotonic())
        self.frames += 1
        if keyframe:
            self.keyframes += 1
            self._pending_since = None
        for track in self._tracks:
            track.push(frame)

    async def close(self) -> None:
        """Stop tapping and end every assistant's track (their connections see no more frames)."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(ValueError):
            self._buffer.taps.remove(self._on_frame)
        for track in self._tracks:
            track.stop()
        self._tracks.clear()
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


class ForwardSender:
    """The primary's connection to one assistant, sending the relay's frames as they came."""

    def __init__(self, relay: StreamRelay, ice_servers: list[IceServer]) -> None:
        apply_screen_tuning()
        self.relay = relay
        self.track = relay.add_track()
        self._pc = RTCPeerConnection(rtc_configuration(ice_servers))
        self._transceiver: RTCRtpTransceiver | None = None
        self.connected = asyncio.Event()
        self._pc.on("connectionstatechange", self._state_changed)

    def _state_changed(self) -> None:
        if self._pc.connectionState == "connected":
            self.connected.set()

    async def create_offer(self) -> str:
        assert self.relay.codec is not None  # add_track checked it
        self._transceiver = self._pc.addTransceiver(self.track, direction="sendonly")
        # Only the customer's codec: the frames go on as they are.
        self._transceiver.setCodecPreferences(codec_preferences((f"video/{self.relay.codec}",)))
        on_keyframe_request(self._transceiver.sender, self.track.keyframe_needed)
        await self._pc.setLocalDescription(await self._pc.createOffer())
        return str(self._pc.localDescription.sdp)

    async def accept_answer(self, sdp: str) -> None:
        if self._transceiver is None:
            raise RuntimeError("create_offer() first")
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
        negotiated = self._transceiver._codecs
        if not negotiated or negotiated[0].name.upper() != self.relay.codec:
            raise ConnectionError(f"the assistant cannot receive {self.relay.codec}")
        # A new viewer needs a full picture now, not at the customer's next keyframe.
        self.relay.request_keyframe()

    async def bytes_sent(self) -> int:
        return await transport_bytes(self._pc, "bytesSent")

    async def close(self) -> None:
        self.relay.remove_track(self.track)
        await self._pc.close()


class RelayLinks:
    """One received stream's relay as a feature's forwarding uses it: a ``ForwardSender`` per
    assistant, all fed by the one ``StreamRelay`` (a screen view's, a customer's video)."""

    def __init__(self, relay: StreamRelay) -> None:
        self.relay = relay

    def link(self, ice_servers: list[IceServer]) -> ForwardSender:
        return ForwardSender(self.relay, ice_servers)

    async def close(self) -> None:
        await self.relay.close()
