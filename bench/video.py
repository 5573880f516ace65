"""Webcam video figures at 640×360 on loopback: frame rate, capture→display latency, bitrate.

The camera is the real OpenCV path (``cv2.VideoCapture`` through ``OpenCvCameras``) reading a
video file of moving coloured patterns this script writes first (OpenCV's VideoWriter, MJPG),
paced at the camera's 30 fps by the track as a webcam paces itself. The sender
(``CameraTrack`` + ``CameraSender``: fit, brightness/contrast, x264 with the medium quality's
settings, RTP) and the receiver (``MediaReceiver``: RTP, decoding, conversion to a paintable
buffer) run in this process on loopback only, as the session engine connects them.

* fps: decoded frames per second at the receiver over ``MEASURE_SECONDS``;
* latency: from the camera read (``time.monotonic()`` when the picture was in) to the decoded
  frame's buffer being ready at the receiver, p50 and p95;
* kbps: everything the sender's connection sent (RTP, RTCP, DTLS, ICE) in the window;
* psnr_db: the last frame received against the picture sent with its pts.

The last line printed is one JSON object. Run: ``python -m bench.video`` (or the file).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a file, bench/ leads the path: the repository's root instead, or bench/queue.py would
# stand for the standard library's queue (which aiortc imports).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from shared.transport.ice import restrict_host_addresses

restrict_host_addresses(["127.0.0.1"])  # nothing leaves the machine

WARMUP_SECONDS = 1.5  # the connection, the first keyframe, the encoder's first frames
MEASURE_SECONDS = 10.0
WIDTH, HEIGHT = 640, 360


async def run(source: Path) -> dict[str, float | int | str]:
    import numpy as np

    from shared.features.video.camera import OpenCvCameras, VideoOptions
    from shared.features.video.track import CameraSender, CameraTrack
    from shared.media.decoded_frame import DecodedFrame
    from shared.media.media_link import MediaReceiver

    latencies: list[float] = []
    counting = False
    frames = 0
    last: list[DecodedFrame] = []
    sent: dict[int, np.ndarray] = {}

    camera = OpenCvCameras({0: str(source)}).open(0, WIDTH, HEIGHT)
    track = CameraTrack(camera, VideoOptions(width=WIDTH, height=HEIGHT))

    def keep(pts: int, picture: np.ndarray) -> None:
        sent[pts] = picture
        sent.pop(pts - 90_000, None)  # ~1 s back is enough to find any frame in flight

    track.on_picture = keep

    def on_frame(frame: DecodedFrame) -> None:
        nonlocal frames
        if not counting:
            return
        frames += 1
        captured = track.capture_time(frame.pts)
        if captured is not None:
            latencies.append((frame.ready_time - captured) * 1000)
        last[:] = [frame]

    sender = CameraSender(track, [])
    receiver = MediaReceiver([], on_frame)
    try:
        await sender.accept_answer(await receiver.accept_offer(await sender.create_offer()))
        await asyncio.sleep(WARMUP_SECONDS)  # a measuring window, not synchronisation
        before = await sender.bytes_sent()
        counting = True
        started = time.monotonic()
        await asyncio.sleep(MEASURE_SECONDS)
        counting = False
        elapsed = time.monotonic() - started
        sent_bytes = await sender.bytes_sent() - before
        quality = 0.0
        if last and last[0].pts in sent:
            a = last[0].data[:, :, :3].astype(np.float64)
            error = float(np.mean((a - sent[last[0].pts].astype(np.float64)) ** 2))
            quality = 99.0 if error == 0 else 10 * float(np.log10(255.0**2 / error))
    finally:
        await sender.close()
        await receiver.close()
    ordered = sorted(latencies) or [0.0]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "seconds": round(elapsed, 2),
        "codec": track.control.codec_name or "",
        "fps": round(frames / elapsed, 2),
        "kbps": round(sent_bytes * 8 / 1000 / elapsed, 1),
        "latency_p50_ms": round(statistics.median(ordered), 1),
        "latency_p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
        "psnr_db": round(quality, 1),
    }


def main() -> None:
    from tests.video.support import make_video

    with tempfile.TemporaryDirectory(prefix="tandem-video-bench-") as folder:
        seconds = WARMUP_SECONDS + MEASURE_SECONDS + 3
        source = make_video(Path(folder) / "camera.avi", frames=int(seconds * 30))
        figures = asyncio.run(run(source))
    for key, value in figures.items():
        print(f"{key:>16}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
