"""The one-file client carries a stand-in for JACK (installers/stub_libs.py, STUBBED), which
Debian's PortAudio links: with it, PortAudio (the voice call's, through pyaudio) still starts
and offers its other host APIs, as in the client, instead of aborting."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from installers.stub_libs import STUBBED, stub_library

JACK = "libjack.so.0"
# Run with the stand-in first on the library path, as the one-file client runs (its bootloader
# puts the unpacked folder on LD_LIBRARY_PATH): PortAudio starts and the stand-in is what
# got loaded.
START_PORTAUDIO = """
import pyaudio
audio = pyaudio.PyAudio()
apis = [audio.get_host_api_info_by_index(i)["name"] for i in range(audio.get_host_api_count())]
audio.terminate()
jack = [line.split()[-1] for line in open("/proc/self/maps") if "libjack" in line]
print(apis, sorted(set(jack)))
"""


def linked(module: Path) -> dict[str, Path]:
    """What ``module`` links, directly or not (ldd): name -> path."""
    listing = subprocess.run(["ldd", str(module)], capture_output=True, text=True).stdout
    return {m[1]: Path(m[2]) for m in re.finditer(r"^\s*(\S+) => (/\S+)", listing, re.M)}


def test_portaudio_starts_with_the_jack_stand_in(tmp_path: Path) -> None:
    import pyaudio

    libraries = linked(Path(pyaudio._portaudio.__file__))  # type: ignore[attr-defined]
    if JACK not in libraries:
        pytest.skip(f"this PortAudio does not link {JACK}")
    prefix, answer_none = STUBBED[JACK]
    stand_in = stub_library(
        libraries[JACK], [libraries["libportaudio.so.2"]], prefix, tmp_path, answer_none
    )
    done = subprocess.run(
        [sys.executable, "-c", START_PORTAUDIO],
        env={**os.environ, "LD_LIBRARY_PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert str(stand_in) in done.stdout  # the stand-in, not the system's JACK, was loaded
    assert "ALSA" in done.stdout
