"""The camera behind a small interface. Two real ones: OpenCV's ``cv2.VideoCapture``
(``OpenCvCameras``), where OpenCV is installed (the console, the tests), and FFmpeg's device input
through PyAV (``PyAvCameras``), for the one-file client, which leaves OpenCV out (61 MB of its
download; installers/client_contents.py). ``default_cameras`` picks.

OpenCV and PyAV are imported only when a camera is listed or opened: the console and the client
load this module with every session, and most sessions never open a camera.

Brightness and contrast are applied to the picture here (``adjust``), not asked of the camera:
few webcams honour ``CAP_PROP_BRIGHTNESS``/``CAP_PROP_CONTRAST`` alike through every OpenCV
backend, and the same code then works for every camera and for the tests' video files. ``fit``
and ``adjust`` are numpy only, so both implementations give the same pictures.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
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
    """``picture`` cropped to the aspect of ``width`` × ``height`` (centred) and scaled to it by
    area (OpenCV's ``INTER_AREA``, in numpy: the one-file client has no OpenCV)."""
    h, w = picture.shape[:2]
    if (w, h) == (width, height):
        return picture
    if w * height > h * width:  # wider than asked: crop the sides
        keep = h * width // height
        picture = picture[:, (w - keep) // 2 : (w - keep) // 2 + keep]
    elif w * height < h * width:  # taller: crop top and bottom
        keep = w * height // width
        picture = picture[(h - keep) // 2 : (h - keep) // 2 + keep]
    h, w = picture.shape[:2]
    if h % height == 0 and w % width == 0:  # a whole number of pixels in each: their mean
        fy, fx = h // height, w // width
        total = np.full((height, width, *picture.shape[2:]), fy * fx // 2, np.uint32)
        for y in range(fy):
            for x in range(fx):
                total += picture[y::fy, x::fx]
        return np.asarray(total // (fy * fx), dtype=np.uint8)
    rows, row_weights = _area_taps(h, height)
    columns, column_weights = _area_taps(w, width)
    # Separable: rows first, then columns, each a weighted sum of a few whole-array gathers.
    tall = np.zeros((height, picture.shape[1], *picture.shape[2:]), np.float32)
    for k in range(rows.shape[1]):
        tall += _along(row_weights[:, k], 0, picture.ndim) * picture[rows[:, k]]
    out = np.zeros((height, width, *picture.shape[2:]), np.float32)
    for k in range(columns.shape[1]):
        out += _along(column_weights[:, k], 1, picture.ndim) * tall[:, columns[:, k]]
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def _along(weights: np.ndarray, axis: int, ndim: int) -> np.ndarray:
    shape = [1] * ndim
    shape[axis] = weights.shape[0]
    return weights.reshape(shape)


@lru_cache(maxsize=16)
def _area_taps(source: int, target: int) -> tuple[np.ndarray, np.ndarray]:
    """Area resampling (OpenCV's ``INTER_AREA``) of ``source`` pixels to ``target``: each output
    pixel is the mean of the input it covers, partial pixels by the part covered. Per output
    pixel, the inputs (``target`` × taps) and their weights, which sum to 1."""
    scale = source / target
    taps = int(np.ceil(scale)) + 1
    starts = np.arange(target, dtype=np.float64) * scale
    first = np.floor(starts).astype(np.int64)
    inputs = first[:, None] + np.arange(taps)[None, :]
    covered = np.minimum(starts[:, None] + scale, inputs + 1) - np.maximum(starts[:, None], inputs)
    weights = np.where(inputs < source, np.clip(covered, 0.0, None), 0.0) / scale
    weights[weights < 1e-6] = 0.0  # rounding's slivers
    return np.minimum(inputs, source - 1), (weights / weights.sum(1, keepdims=True)).astype(
        np.float32
    )


def adjust(picture: np.ndarray, brightness: int, contrast: float) -> np.ndarray:
    """Brightness (added) and contrast (around mid-grey), saturated to 8 bits."""
    if brightness == 0 and contrast == 1.0:
        return picture
    return np.asarray(_levels(brightness, contrast)[picture])


@lru_cache(maxsize=8)
def _levels(brightness: int, contrast: float) -> np.ndarray:
    """The 256 output levels of ``adjust``: one lookup per pixel, not arithmetic."""
    levels = np.arange(256, dtype=np.float32) * np.float32(contrast)
    levels += np.float32(brightness + 128.0 * (1.0 - contrast))
    return np.asarray(np.clip(np.rint(levels), 0, 255).astype(np.uint8))


def default_cameras() -> Cameras:
    """OpenCV's cameras where OpenCV is installed; FFmpeg's through PyAV where it is not (the
    one-file client). Found, not imported: importing OpenCV waits for a camera to be used."""
    if importlib.util.find_spec("cv2") is not None:
        return OpenCvCameras()
    return PyAvCameras()


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
            return _v4l2_cameras()
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


class PyAvCamera:
    """One camera (or video file) opened by FFmpeg: pictures decoded as they come."""

    def __init__(self, container: Any) -> None:
        self._container = container
        self._frames: Iterator[Any] = container.decode(video=0)

    def read(self) -> np.ndarray | None:
        import av

        try:
            frame = next(self._frames)
        except (StopIteration, av.FFmpegError, OSError):  # the end, or the camera unplugged
            return None
        return np.asarray(frame.to_ndarray(format="bgr24"))

    def close(self) -> None:
        self._container.close()


class PyAvCameras:
    """This computer's cameras through FFmpeg's device input (PyAV): V4L2 on Linux, DirectShow on
    Windows, AVFoundation on macOS. ``sources`` names what each index opens instead of a device
    (a video file: the tests' camera)."""

    def __init__(self, sources: dict[int, str] | None = None) -> None:
        self._sources = dict(sources or {})

    def list(self) -> list[CameraInfo]:
        if self._sources:
            return [CameraInfo(i, os.path.basename(s)) for i, s in sorted(self._sources.items())]
        if sys.platform.startswith("linux"):
            return _v4l2_cameras()
        return [CameraInfo(i, name) for i, (_, name) in enumerate(_av_devices())]

    def open(self, index: int, width: int, height: int) -> Camera:
        import av

        if self._sources:
            if index not in self._sources:
                raise NoCamera(f"no camera {index}")
            try:
                return PyAvCamera(av.open(self._sources[index]))
            except (av.FFmpegError, OSError) as exc:
                raise NoCamera(f"camera {index} did not open: {exc}") from exc
        device, device_format = self._device(index)
        asked = {"video_size": f"{width}x{height}", "framerate": str(int(FPS))}
        # A camera that has not this size or rate refuses it (DirectShow, AVFoundation): then
        # take what it gives, which ``fit`` crops and scales.
        for options in (asked, {}):
            try:
                return PyAvCamera(av.open(device, format=device_format, options=options))
            except (av.FFmpegError, OSError) as exc:
                failure = exc
        raise NoCamera(f"camera {index} did not open: {failure}")

    def _device(self, index: int) -> tuple[str, str]:
        """What FFmpeg opens for camera ``index``: the device's name and its input format."""
        if sys.platform.startswith("linux"):
            return f"/dev/video{index}", "v4l2"
        devices = _av_devices()
        if not 0 <= index < len(devices):
            raise NoCamera(f"no camera {index}")
        device = devices[index][0]
        if sys.platform == "win32":
            return f"video={device}", "dshow"
        return f"{device}:none", "avfoundation"  # video only: no microphone


def _av_devices() -> list[tuple[str, str]]:
    """Windows' and macOS's cameras, in FFmpeg's order: (device name, description)."""
    import av

    device_format = "dshow" if sys.platform == "win32" else "avfoundation"
    try:
        found = av.enumerate_input_devices(device_format)
    except (ValueError, av.FFmpegError, OSError):  # not this platform, or cannot list
        return []
    # A device listed from FFmpeg's log may name no media type: taken as a camera.
    cameras = [d for d in found if "video" in (d.media_types or ["video"])]
    return [(d.name, d.description or d.name) for d in cameras]


def _v4l2_cameras() -> list[CameraInfo]:
    found = []
    for path in sorted(glob.glob("/dev/video[0-9]*")):
        index = int(path.removeprefix("/dev/video"))
        found.append(CameraInfo(index, _v4l2_name(index) or f"Camera {index}"))
    return found


def _v4l2_name(index: int) -> str:
    try:
        with open(f"/sys/class/video4linux/video{index}/name", encoding="utf-8") as file:
            return file.read().strip()
    except OSError:
        return ""
