"""The local recorder: the agent's screen, grabbed with the sharing's capture code (mss), encoded
with PyAV (H.264 in MP4) on a thread of its own, written under a temporary name and renamed when
it is complete, so a file with the final name always plays. The chat lines go in a sidecar text
file beside it (``<name>.chat.txt``): readable without a player, and kept even when the video
cannot be.

An idle screen still gets its frames (a recording's time must run on), cheap for H.264."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path

# Frames a second: the manual's recorder keeps screen activity, not motion; 10 keeps a 1080p
# screen within one core of a loaded laptop with x264's fastest preset.
FPS = 10
# x264's fastest preset: the recording must not slow the agent's console; the quality (CRF)
# keeps text readable.
X264_OPTIONS = {"preset": "ultrafast", "crf": "23"}
# Chat lines kept for the sidecar at most (a long session's chat is far below).
MAX_CHAT_LINES = 20_000
SUFFIX = ".mp4"
CHAT_SUFFIX = ".chat.txt"
PART_SUFFIX = ".part"
HASH_CHUNK = 1024 * 1024
# The recording stops, its file whole, when its disk has less than this left: a disk filled to
# the last byte would lose the whole file (and hurt the agent's other programs). 200 MiB holds
# the MP4's closing index many times over.
MIN_FREE_BYTES = 200 * 1024 * 1024
# How often the free space is looked at: once a second of recording.
DISK_CHECK_FRAMES = FPS


@dataclass(frozen=True)
class Area:
    """What is recorded, in the virtual screen's pixels."""

    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Finished:
    """A complete recording: its file, and what the audit says of it."""

    path: Path
    chat_path: Path | None
    duration_s: float
    size: int
    sha256: str
    frames: int


def default_folder() -> Path:
    """~/Videos/Tandem (the XDG videos folder when it is set)."""
    videos = os.environ.get("XDG_VIDEOS_DIR")
    base = Path(videos) if videos else Path.home() / "Videos"
    return base / "Tandem"


def file_name(number: int | None, started: datetime) -> str:
    stamp = started.strftime("%Y-%m-%d %H-%M-%S")
    return f"Tandem session {number if number is not None else 'unknown'} {stamp}{SUFFIX}"


def whole_screen() -> Area:
    """The agent's whole screen (every monitor as one), as the capture code sees it."""
    from shared.media.capture import list_monitors

    every = list_monitors()[0]
    return Area(every.left, every.top, every.width, every.height)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(HASH_CHUNK):
            digest.update(block)
    return digest.hexdigest()


class Recorder:
    """One recording: ``start`` the capture thread, then ``finish`` (blocking: call it off the
    event loop) for the complete file. ``on_failure`` is called on the thread when capture or
    encoding fails; ``finish`` then still closes what was written."""

    def __init__(
        self,
        folder: Path,
        name: str,
        area: Area,
        on_failure: Callable[[BaseException], None] | None = None,
        on_disk_low: Callable[[], None] | None = None,
        min_free_bytes: int = MIN_FREE_BYTES,
    ) -> None:
        self.folder = folder
        self.path = folder / name
        self.temporary = folder / f".{name}{PART_SUFFIX}"
        # H.264 in 4:2:0 wants even sizes: the last odd row or column is left out.
        self.area = Area(area.left, area.top, area.width & ~1, area.height & ~1)
        self.on_failure = on_failure
        self.on_disk_low = on_disk_low  # called on the thread; the recording is whole
        self.min_free_bytes = min_free_bytes
        self.disk_low = False
        self.chat: list[str] = []
        self.frames = 0
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="recorder", daemon=True)
        self._started = 0.0
        self._last_pts = -1

    def start(self) -> None:
        """Make the folder and start recording (raises OSError when the folder cannot be
        written)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.temporary.touch()
        self._started = time.monotonic()
        self._thread.start()

    def add_chat(self, when: datetime, sender: str, text: str) -> None:
        if len(self.chat) < MAX_CHAT_LINES:
            self.chat.append(f"[{when.strftime('%H:%M:%S')}] {sender}: {text}")

    def finish(self) -> Finished:
        """Stop, close the file and give it its name. Raises what the recording failed with
        (the temporary file is removed then)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if self.error is not None or self.frames == 0:
            with contextlib.suppress(OSError):
                self.temporary.unlink()
            if self.error is not None:  # mss's and PyAV's own errors: one kind for the engine
                raise RuntimeError(f"the recording failed: {self.error}") from self.error
            raise RuntimeError("no picture was recorded")
        os.replace(self.temporary, self.path)
        chat_path: Path | None = None
        if self.chat:
            chat_path = self.path.with_suffix(CHAT_SUFFIX)
            chat_path.write_text("\n".join(self.chat) + "\n", encoding="utf-8")
        return Finished(
            self.path,
            chat_path,
            (self._last_pts + 1) / FPS,
            self.path.stat().st_size,
            sha256_of(self.path),
            self.frames,
        )

    # --- the thread ---------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._record()
        except Exception as exc:  # told to the engine, which stops the recording
            self.error = exc
            if self.on_failure is not None:
                self.on_failure(exc)

    def _record(self) -> None:
        import av
        import numpy as np

        from shared.media.capture import Monitor, ScreenGrabber

        area = self.area
        grabber = ScreenGrabber(Monitor(0, area.left, area.top, area.width, area.height))
        try:
            with av.open(str(self.temporary), mode="w", format="mp4") as container:
                stream = container.add_stream("libx264", rate=FPS, options=X264_OPTIONS)
                stream.width, stream.height = area.width, area.height
                stream.pix_fmt = "yuv420p"
                stream.time_base = Fraction(1, FPS)
                while True:
                    raw = grabber.grab()
                    pixels = np.frombuffer(raw, np.uint8).reshape(area.height, area.width, 4)
                    frame = av.VideoFrame.from_ndarray(pixels, format="bgra")
                    pts = round((time.monotonic() - self._started) * FPS)
                    frame.pts = max(pts, self._last_pts + 1)
                    self._last_pts = frame.pts
                    for packet in stream.encode(frame.reformat(format="yuv420p")):
                        container.mux(packet)
                    self.frames += 1
                    if self.frames % DISK_CHECK_FRAMES == 1 and self._disk_is_low():
                        break
                    # The next frame's time; Stop wakes the wait at once.
                    due = self._started + (self._last_pts + 1) / FPS
                    if self._stop.wait(max(0.0, due - time.monotonic())):
                        break
                for packet in stream.encode(None):
                    container.mux(packet)
        finally:
            grabber.close()
        if self.disk_low and self.on_disk_low is not None:
            self.on_disk_low()

    def _disk_is_low(self) -> bool:
        self.disk_low = shutil.disk_usage(self.folder).free < self.min_free_bytes
        return self.disk_low
