"""Checks that an FFmpeg build does all the client asks of it: run with the Python the one-file
client is built from (installers/build-client.sh runs it with build/client-venv's, whose PyAV
links the small FFmpeg of installers/build-ffmpeg.sh; tests/installers runs it too).

    build/client-venv/bin/python installers/check_media.py

Through aiortc's own codec classes, as a call uses them: a picture encoded and decoded in VP8
and H.264, a sound in Opus, G.722 and G.711; the desktop's encoders (shared/media/tuning.py);
a recording's MP4; and the camera's input and decoders. Prints one line per check and exits 1
when one fails, naming it.
"""

from __future__ import annotations

import fractions
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np
from aiortc.codecs import CODECS, depayload, get_decoder, get_encoder, init_codecs
from aiortc.jitterbuffer import JitterFrame

WIDTH, HEIGHT = 640, 480
AUDIO_RATE = 48000
AUDIO_SAMPLES = 960  # 20 ms: aiortc's audio frame
# Decoders hold back a few frames before the first picture comes out.
FRAMES = 5
# What the camera needs of FFmpeg (shared/features/video/camera.py): Linux's device input, and
# the decoders of what cameras send (MJPEG, raw YUYV, H.264).
CAMERA_INPUT = {"linux": "v4l2", "win32": "dshow", "darwin": "avfoundation"}
CAMERA_DECODERS = ("mjpeg", "rawvideo", "h264")


def picture(index: int) -> av.VideoFrame:
    """A moving gradient, so that each frame differs (an encoder skips nothing)."""
    row = (np.arange(WIDTH, dtype=np.uint32) + index * 8) % 256
    pixels = np.broadcast_to(row.astype(np.uint8)[None, :, None], (HEIGHT, WIDTH, 3)).copy()
    frame = av.VideoFrame.from_ndarray(pixels, format="bgr24")
    frame.pts, frame.time_base = index * 3000, fractions.Fraction(1, 90000)
    return frame


def sound(index: int) -> av.AudioFrame:
    tone = (np.sin(np.arange(AUDIO_SAMPLES) / 10.0) * 8000).astype(np.int16)
    frame = av.AudioFrame.from_ndarray(tone.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate, frame.pts = AUDIO_RATE, index * AUDIO_SAMPLES
    frame.time_base = fractions.Fraction(1, AUDIO_RATE)
    return frame


def round_trip(mime: str, frames: Callable[[int], av.frame.Frame]) -> str:
    """Encodes through aiortc's encoder for ``mime``, depayloads as its receiver does, and
    decodes through its decoder: what comes out must be frames again."""
    init_codecs()
    codec = next(c for kind in ("audio", "video") for c in CODECS[kind] if c.mimeType == mime)
    encoder, decoder = get_encoder(codec), get_decoder(codec)
    decoded = []
    for index in range(FRAMES):
        payloads, timestamp = encoder.encode(frames(index), force_keyframe=index == 0)
        if not payloads:  # the resampler still holds the sound
            continue
        data = b"".join(depayload(codec, payload) for payload in payloads)
        decoded += decoder.decode(JitterFrame(data=data, timestamp=timestamp))
    if not decoded:
        raise AssertionError(f"{mime}: nothing decoded")
    return f"{len(decoded)} frames back ({type(decoded[0]).__name__})"


def desktop_encoders() -> str:
    from shared.media.quality import settings_for
    from shared.media.stream_control import StreamControl
    from shared.media.tuning import ScreenH264Encoder, ScreenVp8Encoder
    from shared.protocol.screen import Quality

    sizes = []
    for encoder_class in (ScreenH264Encoder, ScreenVp8Encoder):
        encoder = encoder_class(StreamControl(settings_for(Quality.STANDARD), None))
        payloads, _ = encoder.encode(picture(0), force_keyframe=True)
        if not payloads:
            raise AssertionError(f"{encoder_class.__name__}: no picture encoded")
        sizes.append(f"{encoder_class.__name__} {sum(map(len, payloads))} bytes")
    return ", ".join(sizes)


def recording() -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recording.mp4"
        with av.open(str(path), mode="w", format="mp4") as container:
            stream = container.add_stream("libx264", rate=10)
            stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
            for index in range(FRAMES):
                frame = picture(index).reformat(format="yuv420p")
                frame.pts, frame.time_base = index, fractions.Fraction(1, 10)
                for packet in stream.encode(frame):
                    container.mux(packet)
            for packet in stream.encode():
                container.mux(packet)
        with av.open(str(path)) as container:
            count = sum(1 for _ in container.decode(video=0))
    if count != FRAMES:
        raise AssertionError(f"recording: {count} of {FRAMES} frames read back")
    return f"{FRAMES} frames written and read back"


def camera() -> str:
    wanted = CAMERA_INPUT.get(sys.platform, "v4l2")
    try:
        device_input = av.format.ContainerFormat(wanted, "r")
    except ValueError as exc:
        raise AssertionError(f"camera: no {wanted} input") from exc
    missing = [name for name in CAMERA_DECODERS if name not in av.codecs_available]
    if missing:
        raise AssertionError(f"camera: no decoder for {', '.join(missing)}")
    # A camera's raw YUYV picture, decoded as PyAV's camera decodes it, then made BGR.
    raw = av.CodecContext.create("rawvideo", "r")
    raw.width, raw.height, raw.pix_fmt = WIDTH, HEIGHT, "yuyv422"
    frames = raw.decode(av.Packet(bytes(WIDTH * HEIGHT * 2)))
    bgr = frames[0].to_ndarray(format="bgr24")
    return f"{device_input.name} input, decoders {', '.join(CAMERA_DECODERS)}, YUYV to {bgr.shape}"


CHECKS: dict[str, Callable[[], str]] = {
    "VP8": lambda: round_trip("video/VP8", picture),
    "H.264": lambda: round_trip("video/H264", picture),
    "Opus": lambda: round_trip("audio/opus", sound),
    "G.722": lambda: round_trip("audio/G722", sound),
    "G.711 (PCMU)": lambda: round_trip("audio/PCMU", sound),
    "G.711 (PCMA)": lambda: round_trip("audio/PCMA", sound),
    "desktop encoders": desktop_encoders,
    "recording": recording,
    "camera": camera,
}


def main() -> int:
    print(f"PyAV {av.__version__}, FFmpeg {av.library_versions['libavcodec']} (libavcodec)")
    failed = []
    for name, check in CHECKS.items():
        try:
            print(f"ok   {name}: {check()}")
        except Exception as exc:
            failed.append(name)
            print(f"FAIL {name}: {type(exc).__name__}: {exc}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
