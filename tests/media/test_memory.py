"""An ended view's frames go back to the system: frames made and dropped on a view's own threads
(decoder, converter) are returned by the trim that follows the view, whichever thread made them.
Before ``one_heap``, each such thread allocated from a glibc arena of its own whose top
``malloc_trim`` cannot shrink: 16 to 32 MB stayed after four views here, and 30 to 50 MB in the
console after each view (``bench/soak.py``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh process: the arenas are per process, and ``one_heap`` must come before any
# thread (pytest's process has some already).
VIEWS = """
import os, threading
import numpy as np
from shared.media.memory import one_heap, trim_heap

one_heap()  # as either app's main does

def rss_mb():
    pages = int(open("/proc/self/statm").read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20

def view():  # a 1080p BGRX frame at a time, on the view's own thread, as the converter does
    shown = []
    for n in range(30):
        frame = np.empty(1920 * 1080 * 4, np.uint8)
        frame.fill(n)
        shown = [frame]

trim_heap()
before = rss_mb()
for _ in range(4):
    thread = threading.Thread(target=view)
    thread.start()
    thread.join()
    trim_heap()  # what the app does once a view has ended
print(rss_mb() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heaps")
def test_frames_of_ended_views_go_back_to_the_system() -> None:
    result = subprocess.run(
        [sys.executable, "-c", VIEWS], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    kept_mb = float(result.stdout)
    assert kept_mb < 2, f"four views left {kept_mb:.1f} MB with the process"
