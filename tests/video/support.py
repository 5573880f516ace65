"""Video tests' camera and eyes: a video file of moving coloured patterns made with OpenCV's
VideoWriter (opened by the real ``cv2.VideoCapture`` as the camera, or by PyAV as the one-file
client's camera), and what each side saw."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from shared.features.video.camera import Camera, CameraInfo, OpenCvCameras, PyAvCameras
from shared.features.video.engine import OwnPicture
from shared.media.decoded_frame import DecodedFrame

WIDTH, HEIGHT = 640, 360
# Pictures a side keeps of what it sent, to compare what arrives with (about 3 s at 30 fps).
KEPT = 90


def pattern(index: int, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    """Frame ``index``: colour gradients that slide, and a white square that crosses (BGR)."""
    x = np.arange(width, dtype=np.int32)[None, :]
    y = np.arange(height, dtype=np.int32)[:, None]
    picture = np.empty((height, width, 3), np.uint8)
    picture[..., 0] = ((x + 6 * index) % 256).astype(np.uint8)
    picture[..., 1] = ((2 * y + 4 * index) % 256).astype(np.uint8)
    picture[..., 2] = ((x + y + 9 * index) // 2 % 256).astype(np.uint8)
    left = (12 * index) % (width - 60)
    picture[150:210, left : left + 60] = 255
    return picture


def make_video(path: Path, frames: int, fps: float = 30.0) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (WIDTH, HEIGHT))
    assert writer.isOpened(), "OpenCV cannot write MJPG here"
    for index in range(frames):
        writer.write(pattern(index))
    writer.release()
    return path


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    error = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if error == 0 else 10 * np.log10(255.0**2 / error)


@dataclass
class Seen:
    """What one side's video feature showed: its own pictures as they left (by pts) and the
    other side's as they arrived."""

    mine: OrderedDict[int, np.ndarray] = field(default_factory=OrderedDict)
    theirs: list[DecodedFrame] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def __call__(self, who: str, frame: object) -> None:
        if who == "mine":
            assert isinstance(frame, OwnPicture)
            self.mine[frame.pts] = frame.pixels
            while len(self.mine) > KEPT:
                self.mine.popitem(last=False)
        else:
            assert isinstance(frame, DecodedFrame)
            self.theirs.append(frame)
            self.arrived.set()

    async def frames(self, count: int, timeout: float = 10.0) -> DecodedFrame:
        """Wait until ``count`` pictures of the other side arrived (more than now); the last."""
        goal = len(self.theirs) + count
        deadline = time.monotonic() + timeout
        while len(self.theirs) < goal:
            self.arrived.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{len(self.theirs)} pictures, waited for {goal}")
            await asyncio.wait_for(self.arrived.wait(), remaining)
        return self.theirs[-1]


def best_match(frame: DecodedFrame, sent: OrderedDict[int, np.ndarray]) -> tuple[int, float]:
    """The sent picture ``frame`` is closest to: its pts and the PSNR (dB) of ``frame``."""
    bgr = np.ascontiguousarray(frame.data[:, :, :3])
    scores = [
        (pts, psnr(bgr, pixels)) for pts, pixels in list(sent.items()) if pixels.shape == bgr.shape
    ]
    if not scores:
        return -1, 0.0
    return max(scores, key=lambda item: item[1])


class CountingCameras(OpenCvCameras):
    """The real OpenCV cameras, counting how often one was opened (a hostile peer's aim)."""

    def __init__(self, sources: dict[int, str]) -> None:
        super().__init__(sources)
        self.opened = 0

    def list(self) -> list[CameraInfo]:
        return super().list()

    def open(self, index: int, width: int, height: int) -> Camera:
        self.opened += 1
        return super().open(index, width, height)


class CountingPyAvCameras(PyAvCameras):
    """The one-file client's cameras (FFmpeg's, through PyAV), counting as ``CountingCameras``."""

    def __init__(self, sources: dict[int, str]) -> None:
        super().__init__(sources)
        self.opened = 0

    def open(self, index: int, width: int, height: int) -> Camera:
        self.opened += 1
        return super().open(index, width, height)
