"""The camera layer without OpenCV (``shared/features/video/camera.py``): ``fit`` and ``adjust``
give what OpenCV's ``resize(INTER_AREA)`` and ``convertScaleAbs`` gave, and ``PyAvCameras``, the
one-file client's camera, reads the same pictures as ``OpenCvCameras``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import cv2
import numpy as np
import pytest

from shared.features.video.camera import (
    NoCamera,
    OpenCvCameras,
    PyAvCameras,
    adjust,
    default_cameras,
    fit,
)
from tests.video.support import HEIGHT, WIDTH, make_video, pattern, psnr

# OpenCV rounds some means half up where numpy rounds half to even: one level at most.
TOLERANCE = 1
# What the tests' MJPG file gives back against the pattern written into it, either decoder.
MIN_FILE_PSNR = 30.0
# Camera sizes (width, height) to the sizes offered: whole and fractional ratios, cropped
# (4:3, odd sizes) and enlarged.
SIZES = [
    ((1280, 720), (640, 360)),
    ((640, 360), (480, 270)),
    ((640, 360), (320, 180)),
    ((1920, 1080), (480, 270)),
    ((640, 480), (640, 360)),
    ((641, 361), (320, 180)),
    ((320, 240), (640, 360)),
]


def cropped_like_fit(picture: np.ndarray, width: int, height: int) -> np.ndarray:
    h, w = picture.shape[:2]
    if w * height > h * width:
        keep = h * width // height
        return picture[:, (w - keep) // 2 : (w - keep) // 2 + keep]
    if w * height < h * width:
        keep = w * height // width
        return picture[(h - keep) // 2 : (h - keep) // 2 + keep]
    return picture


@pytest.mark.parametrize(("source", "target"), SIZES)
def test_fit_gives_what_opencv_gave(source: tuple[int, int], target: tuple[int, int]) -> None:
    width, height = target
    rng = np.random.default_rng(sum(source))
    for picture in (
        rng.integers(0, 256, (source[1], source[0], 3), dtype=np.uint8),
        pattern(7, *source),
    ):
        ours = fit(picture, width, height)
        theirs = cv2.resize(
            cropped_like_fit(picture, width, height), target, interpolation=cv2.INTER_AREA
        )
        assert ours.shape == (height, width, 3) and ours.dtype == np.uint8
        assert np.abs(ours.astype(int) - theirs.astype(int)).max() <= TOLERANCE


def test_fit_leaves_a_picture_of_the_right_size_alone() -> None:
    picture = pattern(3)
    assert fit(picture, WIDTH, HEIGHT) is picture


@pytest.mark.parametrize(("brightness", "contrast"), [(40, 1.0), (-64, 1.0), (20, 0.5), (0, 1.5)])
def test_adjust_gives_what_opencv_gave(brightness: int, contrast: float) -> None:
    picture = pattern(5)
    beta = brightness + 128.0 * (1.0 - contrast)
    theirs = cv2.convertScaleAbs(picture, alpha=contrast, beta=beta)
    ours = adjust(picture, brightness, contrast)
    # Where OpenCV's level went under black it mirrored it (below); elsewhere the same.
    in_range = contrast * picture.astype(float) + beta >= 0
    assert np.abs(ours.astype(int) - theirs.astype(int))[in_range].max() <= TOLERANCE
    assert (ours[~in_range] == 0).all()


def test_adjust_turns_the_darkest_black_not_grey() -> None:
    """Past black, a level is black: OpenCV's convertScaleAbs mirrored it (|x|), so the darkest
    parts of a darkened or high-contrast picture came out lighter than the dark ones."""
    levels = np.arange(256, dtype=np.uint8).reshape(16, 16, 1).repeat(3, axis=2)
    out = adjust(levels, -64, 2.0).astype(int)
    assert out[levels < 96].max() == 0  # 2·x − 192 ≤ 0
    assert (np.diff(out[..., 0].ravel()) >= 0).all()  # lighter in, never darker out
    assert out.max() == 255


def test_the_pyav_camera_reads_the_file_as_opencv_does(tmp_path: Path) -> None:
    video = make_video(tmp_path / "camera.avi", frames=20)
    pyav = PyAvCameras({0: str(video)}).open(0, WIDTH, HEIGHT)
    opencv = OpenCvCameras({0: str(video)}).open(0, WIDTH, HEIGHT)
    try:
        for index in range(20):
            ours, theirs = pyav.read(), opencv.read()
            assert ours is not None and theirs is not None
            assert ours.shape == (HEIGHT, WIDTH, 3) and ours.dtype == np.uint8
            assert psnr(ours, pattern(index)) >= MIN_FILE_PSNR
            assert psnr(ours, theirs) >= MIN_FILE_PSNR
        # The file is over, as a camera unplugged: no more pictures, and it stays so.
        assert pyav.read() is None
        assert pyav.read() is None
    finally:
        pyav.close()
        opencv.close()


def test_the_pyav_camera_says_when_there_is_none(tmp_path: Path) -> None:
    cameras = PyAvCameras({0: str(tmp_path / "missing.avi")})
    assert [info.name for info in cameras.list()] == ["missing.avi"]
    with pytest.raises(NoCamera):
        cameras.open(0, WIDTH, HEIGHT)
    with pytest.raises(NoCamera):
        cameras.open(1, WIDTH, HEIGHT)


def test_without_opencv_the_cameras_are_pyavs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(default_cameras(), OpenCvCameras)  # the console, the tests
    real_find_spec = importlib.util.find_spec

    def as_in_the_client(name: str, package: str | None = None) -> object:
        return None if name == "cv2" else real_find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", as_in_the_client)
    assert isinstance(default_cameras(), PyAvCameras)
