"""The FFmpeg the one-file client carries on Linux (installers/build-ffmpeg.sh, PyAV built against
it in build/client-venv) does what a session asks of it: aiortc's VP8, H.264, Opus, G.722 and
G.711 both ways, the desktop's encoders, a recording's MP4, the camera's input and decoders
(installers/check_media.py, which the build also runs before bundling)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CLIENT_PYTHON = REPO_ROOT / "build" / "client-venv" / "bin" / "python"
CHECK = REPO_ROOT / "installers" / "check_media.py"
FFMPEG_LIB = REPO_ROOT / "build" / "ffmpeg" / "lib"


@pytest.fixture
def client_python() -> Path:
    if CLIENT_PYTHON.exists():
        return CLIENT_PYTHON
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CLIENT_PYTHON} is missing: CI builds it with installers/build-client.sh")
    pytest.skip(f"{CLIENT_PYTHON} is not built: run bash installers/build-client.sh")


def test_the_small_ffmpeg_carries_every_codec_a_session_uses(client_python: Path) -> None:
    done = subprocess.run(
        [str(client_python), str(CHECK)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # The PyAV checked is the one built against the small FFmpeg, not .venv's wheel.
    where = subprocess.run(
        [str(client_python), "-c", "import av._core as c; print(c.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    linked = subprocess.run(["ldd", where], capture_output=True, text=True, check=True).stdout
    assert str(FFMPEG_LIB) in linked, linked
