"""The one place where aiortc is set up for screen content.

aiortc as it comes is built for cameras and is slow for screens
(``shared/notes/stack-measurements.md``: 30 fps, 56 ms capture→decoded p50 at 1080p). Each
adjustment below names what it fixes; the tests in ``tests/media/test_tuning.py`` prove each one
is in effect.

Process-wide, by ``apply_screen_tuning()`` (idempotent; called by ``MediaSender`` and
``MediaReceiver``, call it yourself before any other peer connection if you want its sockets to
get the bigger buffer too):

1. **UDP receive buffer 4 MiB** (aioice asks for 256 KiB): at 10+ Mbit/s a 1080p keyframe
   arrives as a burst of hundreds of datagrams and a 256 KiB buffer dropped ~12% of them. aioice
   reads ``aioice.turn.UDP_SOCKET_BUFFER_SIZE`` each time it opens a socket, so setting the
   constant is enough (no code patched). The kernel caps it at ``net.core.rmem_max``.
2. **RTP history 1024 packets** (aiortc keeps 128 for NACK retransmissions): a 1080p keyframe is
   hundreds of packets, so a loss early in one could not be repaired. Same kind of change: the
   module constant ``RTP_HISTORY_SIZE`` that aiortc's sender and receiver read at run time.

Per connection (only our screen connections; webcam or data-channel links are untouched):

3. **Screen encoder** (``ScreenH264Encoder``, ``ScreenVp8Encoder``), installed in the
   ``RTCRtpSender`` by ``tune_sender`` before its first frame (aiortc creates its encoder lazily
   on the first frame, so ours is simply there first). Instead of aiortc's: x264 ``ultrafast`` +
   ``zerolatency`` (was ``medium``: ~3× slower at 1080p), a constant quantiser (QP) so the
   bitrate follows the content (was capped at 3 Mbit/s; ``quality.py``), no periodic keyframes, no
   encoder rebuild (= keyframe) when the bandwidth estimate moves (the frame rate follows the
   estimate instead: ``bandwidth.py``), scaling and colour conversion done here, on the encoder
   thread, with one reused swscale context.
4. **Keyframes on demand with an idle screen**: aiortc only flags "next frame is a keyframe" on
   a PLI/FIR; with an idle screen there is no next frame. ``tune_sender`` wraps the sender's
   ``_send_keyframe`` (instance attribute, not the class) so the track also sends a frame now.
5. **Jitter buffer** (``MarkerJitterBuffer``, installed in the ``RTCRtpReceiver`` by
   ``tune_receiver``): aiortc's hands a frame to the decoder only when a packet of the *next*
   frame arrives — one frame interval of delay, forever on an idle screen — and holds 512
   packets, less than one 1080p keyframe (decode errors, PLI storms). Ours releases a frame on
   its RTP marker bit (last packet of the frame) and holds 4096 packets.

Where aiortc has no hook (3, 4, 5 go into private attributes of the sender/receiver), the
assignment is here and nowhere else, checked by ``tests/media/test_tuning.py``; aiortc is
pinned ``>=1.16`` and the tests fail loudly if a name moves.
"""

from __future__ import annotations

import fractions
import logging
import time
from collections.abc import Callable
from typing import Any

import aioice.turn
import aiortc.rtcrtpreceiver
import aiortc.rtcrtpsender
import av
from aiortc.codecs.h264 import H264Encoder
from aiortc.codecs.vpx import Vp8Encoder
from aiortc.jitterbuffer import JitterBuffer, JitterFrame
from aiortc.mediastreams import VIDEO_TIME_BASE, convert_timebase
from aiortc.rtcrtpreceiver import RTCRtpReceiver
from aiortc.rtcrtpsender import RTCRtpSender
from aiortc.rtp import RtpPacket
from aiortc.utils import uint16_add
from av.video.reformatter import VideoReformatter

from shared.media.quality import EncoderSettings
from shared.media.stream_control import FrameInfo, StreamControl
from shared.media.yuv_picture import YuvPicture
from shared.transport.udp_buffers import UDP_RECEIVE_BUFFER

log = logging.getLogger(__name__)

RTP_HISTORY = 1024  # aiortc: 128 packets kept for NACK
JITTER_CAPACITY = 4096  # aiortc: 512 packets; a 1080p ultrafast keyframe can reach ~700
# Screen streams have no scene cuts: a keyframe only at the start, on a PLI, or on a change of
# size or settings.
KEYFRAME_INTERVAL = 100_000
# The VBV buffer holds this many seconds at the burst ceiling: room for a keyframe.
VBV_SECONDS = 0.5
# Sliced threads in x264 (zerolatency): two slices let a 2-core machine encode one frame on both.
ENCODER_THREADS = 2

_ORIGINAL = {"udp_buffer": aioice.turn.UDP_SOCKET_BUFFER_SIZE}


def apply_screen_tuning() -> None:
    """Process-wide adjustments (1, 2 above). Safe to call any number of times."""
    aioice.turn.UDP_SOCKET_BUFFER_SIZE = max(UDP_RECEIVE_BUFFER, _ORIGINAL["udp_buffer"])
    # Both modules imported the constant by name; they read their own copy at run time.
    setattr(aiortc.rtcrtpsender, "RTP_HISTORY_SIZE", RTP_HISTORY)  # noqa: B010
    setattr(aiortc.rtcrtpreceiver, "RTP_HISTORY_SIZE", RTP_HISTORY)  # noqa: B010


# --- 3. the encoders --------------------------------------------------------------------------


class _ScreenEncoding:
    """The part both screen encoders share: settings per frame, scaling, counting."""

    control: StreamControl
    _settings: EncoderSettings | None
    _source_size: tuple[int, int] | None
    _reformatter: VideoReformatter
    _yuv: YuvPicture

    def _prepare(self, frame: av.VideoFrame) -> tuple[av.VideoFrame, EncoderSettings, bool]:
        """The frame in yuv420p at the output size; whether the encoder must be rebuilt."""
        info = frame.opaque
        settings = info.settings if isinstance(info, FrameInfo) else self.control.settings
        width, height = settings.output_size(frame.width, frame.height)
        rebuild = settings != self._settings or (frame.width, frame.height) != self._source_size
        self._settings, self._source_size = settings, (frame.width, frame.height)
        if frame.format.name == "bgra" and (width, height) == (frame.width, frame.height):
            # Unscaled: only what changed is converted, into the picture kept from the last.
            dirty = info.dirty if isinstance(info, FrameInfo) and not rebuild else None
            converted = self._yuv.update(frame, dirty)
            converted.pts, converted.time_base = frame.pts, frame.time_base
            frame = converted
        elif frame.format.name != "yuv420p" or (width, height) != (frame.width, frame.height):
            converted = self._reformatter.reformat(
                frame,
                width=width,
                height=height,
                format="yuv420p",
                interpolation="BILINEAR" if settings.scale != 1.0 else None,
            )
            converted.pts, converted.time_base = frame.pts, frame.time_base
            frame = converted
        return frame, settings, rebuild

    codec: Any

    def _open(self, frame: av.VideoFrame, settings: EncoderSettings) -> None:
        raise NotImplementedError

    def _payloads(self, data: bytes) -> list[bytes]:
        """The codec's RTP payloads for one encoded picture."""
        raise NotImplementedError

    def encode(self, frame: Any, force_keyframe: bool = False) -> tuple[list[bytes], int]:
        with self.control.encoding:
            return self._encode(frame, force_keyframe)

    def _encode(self, frame: Any, force_keyframe: bool) -> tuple[list[bytes], int]:
        started = time.perf_counter()
        frame, settings, rebuild = self._prepare(frame)
        if rebuild or self.codec is None:
            self._open(frame, settings)
            force_keyframe = True
        assert self.codec is not None
        frame.pict_type = (
            av.video.frame.PictureType.I if force_keyframe else av.video.frame.PictureType.NONE
        )
        packets = self.codec.encode(frame)
        data = b"".join(bytes(p) for p in packets)
        keyframe = any(p.is_keyframe for p in packets)
        payloads = self._payloads(data) if data else []
        self.control.record_encoded(len(data), keyframe, time.perf_counter() - started)
        return payloads, convert_timebase(frame.pts, frame.time_base, VIDEO_TIME_BASE)

    @property
    def target_bitrate(self) -> int:
        return self.control.governor.estimate or self.control.settings.max_bitrate

    @target_bitrate.setter
    def target_bitrate(self, bitrate: int) -> None:
        # Called by aiortc for each REMB; the frame rate follows it, the encoder stays.
        self.control.governor.on_estimate(bitrate)


class ScreenH264Encoder(_ScreenEncoding, H264Encoder):
    """libx264 set up for screen content; REMB estimates go to the bandwidth governor."""

    def __init__(self, control: StreamControl) -> None:
        super().__init__()
        self.control = control
        self._settings = None
        self._source_size = None
        self._reformatter = VideoReformatter()
        self._yuv = YuvPicture()
        self.options: dict[str, str] = {}

    def _open(self, frame: av.VideoFrame, settings: EncoderSettings) -> None:
        codec = av.CodecContext.create("libx264", "w")
        codec.width, codec.height = frame.width, frame.height
        codec.pix_fmt = "yuv420p"
        codec.time_base = fractions.Fraction(1, 90_000)
        codec.framerate = fractions.Fraction(60, 1)
        codec.gop_size = KEYFRAME_INTERVAL
        codec.thread_count = ENCODER_THREADS
        self.options = {
            "preset": settings.preset,
            "tune": "zerolatency",
            **x264_rate_control(settings),
            "forced-idr": "1",
            "x264-params": "keyint=infinite:scenecut=0",
        }
        codec.options = dict(self.options)
        codec.profile = "Baseline"
        self.codec = codec
        self.control.codec_name = "H264"

    def _payloads(self, data: bytes) -> list[bytes]:
        payloads: list[bytes] = self._packetize(self._split_bitstream(data))
        return payloads


def x264_rate_control(settings: EncoderSettings) -> dict[str, str]:
    """A constant QP (screens: see ``quality.py``), or a CRF with a VBV ceiling on bursts."""
    if settings.constant_qp:
        return {"qp": str(settings.quantiser)}
    return {
        "crf": str(settings.quantiser),
        "maxrate": str(settings.max_bitrate),
        "bufsize": str(int(settings.max_bitrate * VBV_SECONDS)),
    }


class ScreenVp8Encoder(_ScreenEncoding, Vp8Encoder):
    """The VP8 fallback (libvpx realtime, constant quality), for peers without H.264."""

    def __init__(self, control: StreamControl) -> None:
        super().__init__()
        self.control = control
        self._settings = None
        self._source_size = None
        self._reformatter = VideoReformatter()
        self._yuv = YuvPicture()

    def _open(self, frame: av.VideoFrame, settings: EncoderSettings) -> None:
        codec = av.CodecContext.create("libvpx", "w")
        codec.width, codec.height = frame.width, frame.height
        codec.pix_fmt = "yuv420p"
        codec.time_base = fractions.Fraction(1, 90_000)
        codec.gop_size = KEYFRAME_INTERVAL
        codec.bit_rate = settings.max_bitrate
        codec.qmin = 4
        codec.qmax = 48
        codec.thread_count = ENCODER_THREADS
        codec.options = {
            "deadline": "realtime",
            "cpu-used": "8",
            "lag-in-frames": "0",
            "crf": str(settings.quantiser),  # constrained quality (VP8's 4..63 scale)
            "static-thresh": "100",
            "error-resilient": "1",
        }
        self.codec = codec
        self.control.codec_name = "VP8"

    def _payloads(self, data: bytes) -> list[bytes]:
        payloads: list[bytes] = self._packetize(data, self.picture_id)
        self.picture_id = (self.picture_id + 1) % (1 << 15)
        return payloads


def tune_sender(sender: RTCRtpSender, codec_name: str, control: StreamControl) -> None:
    """Install the screen encoder for the negotiated codec and keyframes-on-demand (3, 4)."""
    encoder: H264Encoder | Vp8Encoder
    if codec_name.upper() == "H264":
        encoder = ScreenH264Encoder(control)
    elif codec_name.upper() == "VP8":
        encoder = ScreenVp8Encoder(control)
    else:
        raise ValueError(f"no screen encoder for {codec_name}")
    # aiortc creates its encoder on the first frame if this slot is still empty.
    if getattr(sender, "_RTCRtpSender__encoder", "missing") is not None:
        raise RuntimeError("aiortc's RTCRtpSender changed: no empty encoder slot to fill")
    sender._RTCRtpSender__encoder = encoder  # type: ignore[attr-defined]

    original: Callable[[], None] = sender._send_keyframe

    def send_keyframe() -> None:
        original()
        control.keyframe_requested()

    sender._send_keyframe = send_keyframe  # type: ignore[method-assign]


def on_keyframe_request(sender: RTCRtpSender, callback: Callable[[], None]) -> None:
    """Call ``callback`` on each PLI/FIR the sender receives (as ``tune_sender`` does for the
    screen encoder): a forwarding sender has no encoder of its own to refresh (``relay.py``)."""
    original: Callable[[], None] = sender._send_keyframe

    def send_keyframe() -> None:
        original()
        callback()

    sender._send_keyframe = send_keyframe  # type: ignore[method-assign]


# --- 5. the jitter buffer ---------------------------------------------------------------------


class MarkerJitterBuffer(JitterBuffer):
    """Releases a frame as soon as its last packet (RTP marker bit) is in, frames in order.

    Same contract as aiortc's: ``add(packet) -> (pli_needed, frame or None)``. A frame is handed
    over only when every packet from the oldest one held up to a marker is present; a gap waits
    for its retransmission (NACK) exactly as aiortc's does. Scans run only when a packet may
    complete a frame (it carries the marker, or it fills a gap), so a keyframe of n packets
    costs O(n), not O(n²).
    """

    def __init__(self, capacity: int = JITTER_CAPACITY) -> None:
        super().__init__(capacity=capacity, is_video=True)
        self._highest: int | None = None
        self.frames_out = 0
        # Called on the loop with each frame handed over (its first packet, the depayloaded
        # frame): a view forwarded to assistants takes the encoded frames here (``relay.py``).
        self.taps: list[Callable[[RtpPacket, bytes], None]] = []
        # The sender's SSRC, for keyframe requests after an idle spell (aiortc lists a source
        # only for 10 s after its last packet).
        self.last_ssrc: int | None = None

    def add(self, packet: RtpPacket) -> tuple[bool, JitterFrame | None]:
        pli_flag, _ = self._insert(packet)
        self.last_ssrc = packet.ssrc
        late = self._highest is not None and uint16_add(packet.sequence_number, -self._highest) > (
            1 << 15
        )
        if not late:
            self._highest = packet.sequence_number
        if not (packet.marker or late):
            return pli_flag, None
        return pli_flag, self._pop_frame()

    def _insert(self, packet: RtpPacket) -> tuple[bool, None]:
        # aiortc's bookkeeping (origin, misorder, overflow), without its release rule.
        pli_flag = False
        if self._origin is None:
            self._origin = packet.sequence_number
            delta = misorder = 0
        else:
            delta = uint16_add(packet.sequence_number, -self._origin)
            misorder = uint16_add(self._origin, -packet.sequence_number)
        if misorder < delta:
            if misorder >= 100:  # aiortc's MAX_MISORDER: the stream restarted
                self.remove(self.capacity)
                self._origin = packet.sequence_number
                delta = misorder = 0
                pli_flag = True
            else:
                return pli_flag, None  # older than what was already handed over
        if delta >= self.capacity:
            excess = delta - self.capacity + 1
            if self.smart_remove(excess):
                self._origin = packet.sequence_number
            pli_flag = True
        self._packets[packet.sequence_number % self._capacity] = packet
        return pli_flag, None

    def _pop_frame(self) -> JitterFrame | None:
        assert self._origin is not None
        packets: list[RtpPacket] = []
        timestamp: int | None = None
        for count in range(self.capacity):
            packet = self._packets[(self._origin + count) % self._capacity]
            if packet is None:
                return None  # a gap: wait for the retransmission
            if timestamp is None:
                timestamp = packet.timestamp
            elif packet.timestamp != timestamp:
                # The previous frame ended without a marker: hand it over as aiortc would.
                return self._release(packets, timestamp, count)
            packets.append(packet)
            if packet.marker:
                return self._release(packets, timestamp, count + 1)
        return None

    def _release(self, packets: list[RtpPacket], timestamp: int, count: int) -> JitterFrame:
        self.remove(count)
        self.frames_out += 1
        data = b"".join(p._data for p in packets)  # type: ignore[attr-defined]
        for tap in self.taps:
            try:
                tap(packets[0], data)
            except Exception:
                log.exception("a jitter buffer tap failed")
        return JitterFrame(data=data, timestamp=timestamp)


def tune_receiver(receiver: RTCRtpReceiver) -> MarkerJitterBuffer:
    """Give a video receiver the marker-releasing, 4096-packet jitter buffer (5)."""
    current = getattr(receiver, "_RTCRtpReceiver__jitter_buffer", None)
    if not isinstance(current, JitterBuffer):
        raise RuntimeError("aiortc's RTCRtpReceiver changed: no jitter buffer to replace")
    if isinstance(current, MarkerJitterBuffer):
        return current
    buffer = MarkerJitterBuffer()
    receiver._RTCRtpReceiver__jitter_buffer = buffer  # type: ignore[attr-defined]
    return buffer
