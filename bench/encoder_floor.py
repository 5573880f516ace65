"""What encoding alone costs on the desktop bench's workload: the floor under the sharer's CPU.

    .venv/bin/python -m bench.encoder_floor [--frames 90]

Issue 15 asks the sharer to use at most 35% of a core while ``bench/desktop.py``'s workload
(``bench/workload.py``: scrolling text, typing, a dragged dialog, a 640×360 moving picture, at
60 ticks a second on a 1920×1080 screen) is shared at 60 fps. This bench captures that screen
(``--frames`` pictures, one a tick, with mss, as the sharer does), then encodes them in this
process, one a tick, with nothing else running:

* ``encoder``: the product's own path, ``ScreenH264Encoder`` at standard quality (the whole
  picture converted to YUV, libx264 ultrafast/zerolatency on ``ENCODER_THREADS`` threads, the
  RTP payloads cut), as on the sharer after every capture;
* ``x264_only``: libx264 alone on pictures already in YUV, with the same options;
* ``convert``: the whole picture's conversion from BGRA to YUV 4:2:0 alone, with the product's
  converter (``shared/media/yuv_picture.py``: libyuv where installed; the sharer converts only
  the damaged parts, 40 to 65% of this workload's screen), and ``convert_swscale``: the same
  with swscale, the converter where libyuv is missing.

Each gives CPU milliseconds a frame (the process's CPU time, every encoder thread counted) and
what that is in percent of one core at 60 frames a second. The capture's cost is printed too:
here mss grabs the whole screen and copies it; the sharer reads only the damaged rectangles.
The last line is one JSON object:
{"encoder_cpu_ms_per_frame", "encoder_cpu_pct_at_60fps", "x264_cpu_ms_per_frame",
"x264_cpu_pct_at_60fps", "convert_cpu_ms_per_frame", "convert_swscale_cpu_ms_per_frame",
"converter", "capture_cpu_ms_per_frame", "frames", "load_average"}.
"""

from __future__ import annotations

import argparse
import asyncio
import fractions
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

import av

from bench.desktop import send, start_workload, start_xvfb, stop_workload, workload_ready
from shared.media.libyuv import LIBYUV
from shared.media.yuv_picture import YuvPicture

FPS = 60
TICK_S = 1 / FPS
# Encoded twice over, so the encoder's first (key) frame and warm-up weigh little.
PASSES = 2


def capture(display: str, frames: int) -> tuple[list[av.VideoFrame], float]:
    """``frames`` whole-screen pictures, one a tick, as BGRA frames; mss's CPU ms a frame."""
    import mss

    os.environ["DISPLAY"] = display
    pictures: list[av.VideoFrame] = []
    cpu = 0.0
    with mss.mss(display=display) as grabber:
        monitor = grabber.monitors[1]
        next_tick = time.monotonic()
        for _ in range(frames):
            started = time.process_time()
            shot = grabber.grab(monitor)
            frame = av.VideoFrame(shot.width, shot.height, "bgra")
            frame.planes[0].update(bytes(shot.raw))
            cpu += time.process_time() - started
            pictures.append(frame)
            next_tick += TICK_S
            time.sleep(max(0.0, next_tick - time.monotonic()))
    return pictures, cpu / frames * 1000


def ticks(count: int) -> Iterator[int]:
    """0..count-1, one a tick of 60 Hz: the encoder waits between frames as on the sharer,
    where its pictures have left the CPU's caches meanwhile (back to back, this workload's
    frames cost about 0.7 ms less each: a floor the sharer never sees)."""
    due = time.monotonic()
    for index in range(count):
        time.sleep(max(0.0, due - time.monotonic()))
        due += TICK_S
        yield index


def product_encoder(pictures: list[av.VideoFrame]) -> float:
    """CPU ms a frame of ScreenH264Encoder.encode (conversion, x264, RTP payloads)."""
    from shared.media.quality import settings_for
    from shared.media.stream_control import StreamControl
    from shared.media.tuning import ScreenH264Encoder
    from shared.protocol.screen import Quality

    encoder = ScreenH264Encoder(StreamControl(settings_for(Quality.STANDARD), FPS))
    count = 0
    started = time.process_time()
    for _ in range(PASSES):
        for index in ticks(len(pictures)):
            picture = pictures[index]
            picture.pts = count * (90_000 // FPS)
            picture.time_base = fractions.Fraction(1, 90_000)
            encoder.encode(picture, force_keyframe=index == 0 and count == 0)
            count += 1
    return (time.process_time() - started) / count * 1000


def x264_only(pictures: list[av.VideoFrame]) -> float:
    """CPU ms a frame of libx264 alone, with the product's options, on YUV pictures."""
    from shared.media.quality import settings_for
    from shared.media.tuning import ENCODER_THREADS, x264_rate_control
    from shared.protocol.screen import Quality

    settings = settings_for(Quality.STANDARD)
    yuv = [picture.reformat(format="yuv420p") for picture in pictures]
    codec = av.CodecContext.create("libx264", "w")
    codec.width, codec.height = yuv[0].width, yuv[0].height
    codec.pix_fmt = "yuv420p"
    codec.time_base = fractions.Fraction(1, 90_000)
    codec.framerate = fractions.Fraction(FPS, 1)
    codec.thread_count = ENCODER_THREADS
    codec.options = {
        "preset": settings.preset,
        "tune": "zerolatency",
        **x264_rate_control(settings),
        "x264-params": "keyint=infinite:scenecut=0",
    }
    count = 0
    started = time.process_time()
    for _ in range(PASSES):
        for index in ticks(len(yuv)):
            picture = yuv[index]
            picture.pts = count * (90_000 // FPS)
            codec.encode(picture)
            count += 1
    codec.encode(None)
    return (time.process_time() - started) / count * 1000


def convert_only(pictures: list[av.VideoFrame], swscale: bool) -> float:
    """CPU ms a frame of the whole picture's BGRA to YUV 4:2:0 conversion, by the product's
    converter (or by swscale, the converter without libyuv)."""
    picture_yuv = YuvPicture(None if swscale else LIBYUV)
    started = time.process_time()
    for _ in range(PASSES):
        for picture in pictures:
            picture_yuv.update(picture, None)
    return (time.process_time() - started) / (PASSES * len(pictures)) * 1000


async def run(frames: int) -> dict[str, Any]:
    xvfb, display = start_xvfb()
    workload = start_workload({**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    try:
        await workload_ready(workload)
        send(workload, "run")  # it waits for this before ticking: a still screen otherwise
        await asyncio.sleep(1.0)  # the workload's first ticks: its windows mapped and drawn
        pictures, capture_ms = capture(display, frames)
    finally:
        stop_workload(workload)
        xvfb.terminate()
        xvfb.wait(10)
    load = os.getloadavg()[0]
    encoder_ms = product_encoder(pictures)
    x264_ms = x264_only(pictures)
    convert_ms = convert_only(pictures, swscale=False)
    swscale_ms = convert_only(pictures, swscale=True)
    return {
        "encoder_cpu_ms_per_frame": round(encoder_ms, 2),
        "encoder_cpu_pct_at_60fps": round(encoder_ms * FPS / 10, 1),
        "x264_cpu_ms_per_frame": round(x264_ms, 2),
        "x264_cpu_pct_at_60fps": round(x264_ms * FPS / 10, 1),
        "convert_cpu_ms_per_frame": round(convert_ms, 2),
        "convert_swscale_cpu_ms_per_frame": round(swscale_ms, 2),
        "converter": "libyuv" if LIBYUV is not None else "swscale",
        "capture_cpu_ms_per_frame": round(capture_ms, 2),
        "frames": frames,
        "load_average": round(load, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=90)
    args = parser.parse_args()
    figures = asyncio.run(run(args.frames))
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
