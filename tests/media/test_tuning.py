"""Each adjustment of ``shared/media/tuning.py`` is in effect (see its docstring, 1–5)."""

from __future__ import annotations

import socket

import aioice.turn
import aiortc.rtcrtpreceiver
import aiortc.rtcrtpsender
import av
import numpy as np
import pytest
from aiortc.mediastreams import VIDEO_TIME_BASE
from aiortc.rtp import RtpPacket

from shared.media import MediaReceiver, MediaSender, ScreenTrack, apply_screen_tuning
from shared.media.quality import EncoderSettings
from shared.media.tuning import JITTER_CAPACITY, MarkerJitterBuffer, ScreenH264Encoder
from shared.transport.udp_buffers import UDP_RECEIVE_BUFFER


def packet(seq: int, timestamp: int, marker: bool = False, data: bytes = b"x") -> RtpPacket:
    p = RtpPacket(payload_type=96, sequence_number=seq % 65536, timestamp=timestamp)
    p.marker = int(marker)
    p._data = data  # type: ignore[attr-defined]
    return p


def test_apply_screen_tuning_is_idempotent() -> None:
    apply_screen_tuning()
    apply_screen_tuning()
    assert aioice.turn.UDP_SOCKET_BUFFER_SIZE == UDP_RECEIVE_BUFFER
    assert getattr(aiortc.rtcrtpsender, "RTP_HISTORY_SIZE") == 1024  # noqa: B009
    assert getattr(aiortc.rtcrtpreceiver, "RTP_HISTORY_SIZE") == 1024  # noqa: B009


def test_jitter_buffer_releases_a_frame_on_its_marker_packet() -> None:
    buffer = MarkerJitterBuffer()
    assert buffer.capacity == JITTER_CAPACITY >= 2048
    assert buffer.add(packet(10, 1000, data=b"a")) == (False, None)
    assert buffer.add(packet(11, 1000, data=b"b")) == (False, None)
    pli, frame = buffer.add(packet(12, 1000, marker=True, data=b"c"))
    # aiortc's buffer would wait for a packet of the next frame; this one does not.
    assert not pli and frame is not None
    assert (frame.data, frame.timestamp) == (b"abc", 1000)


def test_jitter_buffer_waits_for_a_retransmitted_packet() -> None:
    buffer = MarkerJitterBuffer()
    buffer.add(packet(1, 5, data=b"a"))
    assert buffer.add(packet(3, 5, marker=True, data=b"c")) == (False, None)  # 2 is missing
    assert buffer.add(packet(4, 9, marker=True, data=b"d")) == (False, None)
    _, frame = buffer.add(packet(2, 5, data=b"b"))  # the retransmission completes frame 5
    assert frame is not None and frame.data == b"abc"
    _, frame = buffer.add(packet(5, 12, marker=True, data=b"e"))
    assert frame is not None and frame.timestamp == 9


def test_jitter_buffer_holds_a_whole_1080p_keyframe() -> None:
    buffer = MarkerJitterBuffer()
    count = 900  # ~1.1 MB of 1250-byte packets: more than aiortc's 512
    frames = [buffer.add(packet(i, 77, marker=i == count - 1, data=b"k")) for i in range(count)]
    assert not any(pli for pli, _ in frames)
    released = [f for _, f in frames if f is not None]
    assert len(released) == 1 and released[0].data == b"k" * count


async def test_a_screen_connection_has_the_tuned_parts() -> None:
    track = ScreenTrack()
    sender = MediaSender(track, [])
    receiver = MediaReceiver([], lambda frame: None)
    try:
        await sender.accept_answer(await receiver.accept_offer(await sender.create_offer()))
        transceiver = sender._transceiver
        assert transceiver is not None
        encoder = getattr(transceiver.sender, "_RTCRtpSender__encoder")  # noqa: B009
        assert isinstance(encoder, ScreenH264Encoder)
        assert isinstance(receiver.jitter_buffer, MarkerJitterBuffer)
        # The receiving socket got the 4 MiB buffer (the kernel doubles what it grants, and
        # caps it at net.core.rmem_max).
        with open("/proc/sys/net/core/rmem_max") as file:
            allowed = min(UDP_RECEIVE_BUFFER, int(file.read()))
        ice = receiver._pc.getTransceivers()[0].receiver.transport.transport
        sockets = [p.transport.get_extra_info("socket") for p in ice._connection._protocols]
        assert sockets
        for sock in sockets:
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) >= allowed
    finally:
        await sender.close()
        await receiver.close()


def test_screen_encoder_is_fast_and_keeps_one_keyframe() -> None:
    """x264 ultrafast at 1080p, no keyframe when the bandwidth estimate moves."""
    from shared.features.desktop.protocol import Quality
    from shared.media.quality import settings_for
    from shared.media.stream_control import StreamControl

    control = StreamControl(settings_for(Quality.STANDARD), 60)
    encoder = ScreenH264Encoder(control)
    rng = np.random.default_rng(1)
    picture = rng.integers(0, 255, (1080, 1920, 4), dtype=np.uint8)
    for i in range(6):
        picture[100 + i * 10 : 120 + i * 10, 100:300] = 0  # something changes each frame
        frame = av.VideoFrame.from_ndarray(picture, format="bgra")
        frame.pts, frame.time_base = i * 1500, VIDEO_TIME_BASE
        encoder.encode(frame)
        encoder.target_bitrate = 1_000_000 * (i + 1)  # REMB moving a lot
    assert control.keyframes == 1 and control.frames_encoded == 6
    assert encoder.options["preset"] == "ultrafast"
    assert encoder.options["tune"] == "zerolatency"
    # x264's default "medium" needs ~100 ms for a noisy 1080p frame; ultrafast a fraction.
    assert control.encode_seconds / control.frames_encoded < 0.06


@pytest.mark.parametrize("capacity", [JITTER_CAPACITY])
def test_capacity_is_a_power_of_two(capacity: int) -> None:
    assert capacity & (capacity - 1) == 0


def _frame_sizes(settings: EncoderSettings, pictures: list[np.ndarray]) -> list[int]:
    """Bytes of each encoded frame (its RTP payloads) of ``pictures``, in order."""
    from shared.media.stream_control import StreamControl

    encoder = ScreenH264Encoder(StreamControl(settings, 60))
    sizes = []
    for i, picture in enumerate(pictures):
        frame = av.VideoFrame.from_ndarray(picture, format="bgra")
        frame.pts, frame.time_base = i * 1500, VIDEO_TIME_BASE
        payloads, _ = encoder.encode(frame)
        sizes.append(sum(len(p) for p in payloads))
    return sizes


def test_a_small_change_after_a_busy_moment_costs_a_small_frame() -> None:
    """A constant quantiser: after a second of a moving picture, a few typed characters cost
    what they show, not a re-coding of the whole screen at a finer quantiser (a rate factor,
    CRF, spent 10–24 kB a frame on that: ``quality.py``)."""
    from shared.features.desktop.protocol import Quality
    from shared.media.quality import settings_for

    rng = np.random.default_rng(7)
    screen = np.full((720, 1280, 4), 235, np.uint8)
    screen[:, :, 3] = 255
    pictures = []
    for _ in range(20):  # a video-like region, new each frame
        screen[100:500, 200:900, :3] = rng.integers(0, 255, (400, 700, 3), dtype=np.uint8)
        pictures.append(screen.copy())
    for i in range(4):  # then "typing": a dark 8×14 glyph box a frame
        screen[600:614, 100 + i * 10 : 108 + i * 10, :3] = 30
        pictures.append(screen.copy())
    sizes = _frame_sizes(settings_for(Quality.STANDARD), pictures)
    assert max(sizes[-3:]) < 1_000, sizes
