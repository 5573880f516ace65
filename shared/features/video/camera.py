"""The camera behind a small interface; the real one is OpenCV's ``cv2.VideoCapture``.

OpenCV is imported only when a camera is listed or opened: the console and the client load this
module with every session, and most sessions never open a camera.

Brightness and contrast are applied to the picture here (``adjust``), not asked of the camera:
few webcams honour ``CAP_PROP_BRIGHTNESS``/``CAP_PROP_CONTRAST`` alike through every OpenCV
backend, and the same code then works for every camera and for the tests' video files.
"""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

import numpy as np

# The manual: "une résolution pouvant atteindre 360 pixels (640x360)". Sizes offered, 16:9.
RESOLUTIONS: tuple[tuple[int, int], ...] = ((640, 360), (480, 270), (320, 180))
MAX_WIDTH, MAX_HEIGHT = RESOLUTIONS[0]
FPS = 30.0  # what webcams give at these sizes; the target is ≥ 29
# Brightness is added to each 8-bit channel, contrast multiplies it (around mid-grey): limits
# past which the picture is only white, black or flat.
BRIGHTNESS_RANGE = (-64, 64)
CONTRAST_RANGE = (0.5, 2.0)
# Indices probed for cameras where /dev/video* cannot be listed (Windows, macOS).
PROBED_INDICES = 4


class VideoQuality(StrEnum):
    """The sender's choice of picture quality against bandwidth (the encoder's CRF and cap)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class CameraInfo:
    index: int
    name: str


@dataclass(frozen=True, slots=True)
class VideoOptions:
    """What the sender chose in Options; any of it may change while sending."""

    camera: int = 0
    width: int = MAX_WIDTH
    height: int = MAX_HEIGHT
    quality: VideoQuality = VideoQuality.MEDIUM
    brightness: int = 0
    contrast: float = 1.0

    def checked(self) -> VideoOptions:
        """Within the limits: a size of ``RESOLUTIONS``, brightness and contrast clamped."""
        size = (self.width, self.height)
        width, height = size if size in RESOLUTIONS else RESOLUTIONS[0]
        return VideoOptions(
            camera=max(0, self.camera),
            width=width,
            height=height,
            quality=VideoQuality(self.quality),
            brightness=int(min(max(self.brightness, BRIGHTNESS_RANGE[0]), BRIGHTNESS_RANGE[1])),
            contrast=float(min(max(self.contrast, CONTRAST_RANGE[0]), CONTRAST_RANGE[1])),
        )


class NoCamera(Exception):
    """No camera to open (none plugged in, or it refused): the feature says so."""


class Camera(Protocol):
    """One open camera. ``read`` blocks until the next picture (on a capture thread)."""

    def read(self) -> np.ndarray | None:
        """The next picture, BGR, height × width × 3; None once the camera gives no more."""

    def close(self) -> None: ...


class Cameras(Protocol):
    def list(self) -> list[CameraInfo]: ...

    def open(self, index: int, width: int, height: int) -> Camera:
        """Open camera ``index`` asking for ``width`` × ``height``; ``NoCamera`` if it cannot."""


def fit(picture: np.ndarray, width: int, height: int) -> np.ndarray:
    """``picture`` cropped to the aspect of ``width`` × ``height`` (centred) and scaled to it."""
    import cv2

    h, w = picture.shape[:2]
    if (w, h) == (width, height):
        return picture
    if w * height > h * width:  # wider than asked: crop the sides
        keep = h * width // height
        picture = picture[:, (w - keep) // 2 : (w - keep) // 2 + keep]
    elif w * height < h * width:  # taller: crop top and bottom
        keep = w * height // width
        picture = picture[(h - keep) // 2 : (h - keep) // 2 + keep]
    return np.asarray(cv2.resize(picture, (width, height), interpolation=cv2.INTER_AREA))


def adjust(picture: np.ndarray, brightness: int, contrast: float) -> np.ndarray:
    """Brightness (added) and contrast (around mid-grey), saturated to 8 bits."""
    if brightness == 0 and contrast == 1.0:
        return picture
    import cv2

    beta = brightness + 128.0 * (1.0 - contrast)
    return np.asarray(cv2.convertScaleAbs(picture, alpha=contrast, beta=beta))


class OpenCvCamera:
    def __init__(self, capture: Any) -> None:
        self._capture = capture

    def read(self) -> np.ndarray | None:
        ok, picture = self._capture.read()
        if not ok or picture is None:
            return None
        return np.asarray(picture)

    def close(self) -> None:
        self._capture.release()


class OpenCvCameras:
    """This computer's cameras through ``cv2.VideoCapture``. ``sources`` names what each index
    opens instead of a device (a video file: the tests' and the bench's camera)."""

    def __init__(self, sources: dict[int, str] | None = None) -> None:
        self._sources = dict(sources or {})

    def list(self) -> list[CameraInfo]:
        if self._sources:
            return [CameraInfo(i, os.path.basename(s)) for i, s in sorted(self._sources.items())]
        if sys.platform.startswith("linux"):
            found = []
            for path in sorted(glob.glob("/dev/video[0-9]*")):
                index = int(path.removeprefix("/dev/video"))
                name = _v4l2_name(index) or f"Camera {index}"
                found.append(CameraInfo(index, name))
            return found
        return [CameraInfo(i, f"Camera {i}") for i in range(PROBED_INDICES) if self._opens(i)]

    def open(self, index: int, width: int, height: int) -> Camera:
        import cv2

        source: int | str = self._sources.get(index, index)
        if self._sources and index not in self._sources:
            raise NoCamera(f"no camera {index}")
        capture = cv2.VideoCapture(source)
        if not capture.isOpened():
            capture.release()
            raise NoCamera(f"camera {index} did not open")
        if isinstance(source, int):
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
            capture.set(cv2.CAP_PROP_FPS, FPS)
        return OpenCvCamera(capture)

    @staticmethod
    def _opens(index: int) -> bool:
        import cv2

        capture = cv2.VideoCapture(index)
        try:
            return bool(capture.isOpened())
        finally:
            capture.release()


def _v4l2_name(index: int) -> str:
    try:
        with open(f"/sys/class/video4linux/video{index}/name", encoding="utf-8") as file:
            return file.read().strip()
    except OSError:
        return ""
