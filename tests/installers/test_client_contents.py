"""What the one-file client leaves out (installers/client_contents.py) is nothing it imports: a
feature whose customer side starts using a Qt module or a library the bundle drops fails here,
not in a customer's hands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from installers.client_contents import EXCLUDES
from installers.pack_client import entries

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILT = REPO_ROOT / "dist" / "tandem-client"
# OpenCV's module and the libraries its wheel carries (opencv_python_headless.libs: its own
# FFmpeg...): 61 MB of the client's download, for a camera PyAV also opens.
OPENCV = ("cv2", "opencv")
# Issue 13's target (41.6 MB today): a build that grows past it (a wheel's library, a module
# collected again) fails here. bench/client_binary.py prints the size and the start time.
SIZE_CEILING_MB = 45
MB = 1_000_000
# The client as it runs: its entry module, then every feature's engine and customer view, which
# it loads by name during a session (shared/kit/registry.py); the media and input layers a
# session starts.
CLIENT_RUN = """
import json, sys
started_with = set(sys.modules)  # the interpreter's own start (site, .pth files): not ours
import customer_client.main
from shared.kit.registry import load_builtin
for feature in load_builtin():
    feature.engine_factory()
    feature.view("customer")
import shared.media.capture, shared.media.screen_track, shared.input.injector
print(json.dumps(sorted(set(sys.modules) - started_with)))
"""


def test_the_client_imports_nothing_the_bundle_leaves_out() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CLIENT_RUN],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    imported = json.loads(done.stdout.splitlines()[-1])
    assert "PySide6.QtWidgets" in imported  # the run reached the client's views
    left_out = [
        module
        for module in imported
        if any(module == name or module.startswith(name + ".") for name in EXCLUDES)
    ]
    assert left_out == [], f"the one-file client would lack {left_out}"


@pytest.fixture
def built() -> Path:
    if not BUILT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{BUILT} is missing: CI builds it with installers/build-client.sh")
        pytest.skip(f"{BUILT} is not built: run bash installers/build-client.sh")
    return BUILT


def test_the_built_client_has_not_grown(built: Path) -> None:
    size_mb = built.stat().st_size / MB
    assert size_mb <= SIZE_CEILING_MB, f"{built} is {size_mb:.1f} MB (at most {SIZE_CEILING_MB})"


def test_the_built_client_carries_no_opencv(built: Path, tmp_path: Path) -> None:
    """The one-file client as built (installers/build-client.sh): neither OpenCV's Python module
    nor its libraries are in it; its camera is PyAV's (``default_cameras``)."""
    readers = pytest.importorskip("PyInstaller.archive.readers")
    files = {path: data for kind, path, data in entries(built) if kind == "f"}
    # The modules are in the archive inside the folder's program (PyInstaller's).
    program = tmp_path / "tandem-client"
    program.write_bytes(files["tandem-client"])
    archive = readers.CArchiveReader(str(program))
    names = list(files) + list(archive.open_embedded_archive("PYZ.pyz").toc)
    assert "shared.features.video.camera" in names  # the archive was read, the camera is in
    assert "av" in names
    assert any(name.startswith("_internal/av/") for name in names)  # PyAV's libraries too
    carried = [name for name in names if any(part in name.lower() for part in OPENCV)]
    assert carried == [], f"the one-file client carries OpenCV: {carried[:10]}"
