"""The screen as an aiortc video track: a frame only when the screen changed.

``recv()`` (awaited by aiortc's sender as soon as it has sent the previous frame) polls the
screen on the track's capture thread until a grab differs from the previous one, and returns it
at once: no pacing to a fixed 30 fps as aiortc's ``VideoStreamTrack`` does. The frame rate cap
(60 by default, ``None`` for none) only sets the earliest time of the next grab; the bandwidth
governor may lower it (``bandwidth.py``). An idle screen costs one grab and one comparison per
poll (``IDLE_POLL_S`` when uncapped) and sends nothing.

Uncapped, the track grabs one frame ahead: aiortc's sender is serial (``recv()``, then encode,
then send, then ``recv()`` again), so as ``recv()`` returns a frame it starts the next grab on
the capture thread, and the grab (and its change check and colour quantising) runs on one core
while the frame is encoded on the other (``bench/desktop.py``, 1080p uncapped: 68% of ffmpeg's
x11grab reference before, 75–78% with it). With a cap, the next grab is not due before the
frame interval has passed anyway, and a grab made ahead would be older than a fresh one by the
time it is sent: capped, every grab starts when ``recv()`` asks (no frame of added delay).

Frames are BGRA ``av.VideoFrame`` s wrapping the grab without a copy; the encoder converts (and
scales) them on its own thread. Each frame carries ``FrameInfo`` (capture time, settings) as
``frame.opaque``. Its ``pts`` is the capture time in 90 kHz ticks since the first frame, so the
receiver — whose pts count from the first frame received — can tell each frame's capture time:
``capture_time(pts)`` in this process, ``epoch + pts / 90000`` anywhere on this machine
(``time.monotonic()`` is one clock for all processes on Linux).
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import av
import numpy as np
from aiortc.mediastreams import (
    VIDEO_CLOCK_RATE,
    VIDEO_TIME_BASE,
    MediaStreamError,
    VideoStreamTrack,
)

from shared.media.capture import CaptureArea, Monitor, ScreenGrabber, list_monitors
from shared.media.colour import quantise
from shared.media.quality import DEFAULT_FPS_CAP, EncoderSettings, settings_for
from shared.media.stream_control import FrameInfo, StreamControl
from shared.protocol.screen import ColourMode, Quality

# With no frame-rate cap, an unchanged screen is polled this often (not in a busy loop).
IDLE_POLL_S = 0.004
# For a while after the last change (someone is working: typing, clicking) an unchanged screen
# is polled this often, so the next change leaves within ~8 ms; after that, once per frame
# interval of the cap (an idle screen costs ~2 ms of one core per poll at 1080p).
ACTIVE_POLL_S = 0.008
ACTIVE_WINDOW_S = 2.0
# A frame grabbed ahead that waited longer than this for ``recv()`` (the sender stalled) is
# dropped and the screen grabbed again.
LOOKAHEAD_MAX_AGE_S = 0.1

# A grab the track may send: the BGRA pixels, its time.monotonic(), the monitor, the settings.
Grab = tuple[bytearray, float, Monitor, EncoderSettings]


class ScreenTrack(VideoStreamTrack):
    kind = "video"

    def __init__(
        self,
        monitor: Monitor | None = None,
        quality: Quality = Quality.STANDARD,
        colour: ColourMode = ColourMode.FULL,
        fps_cap: float | None = DEFAULT_FPS_CAP,
        area: CaptureArea | None = None,
    ) -> None:
        super().__init__()
        self.monitor = monitor if monitor is not None else list_monitors()[1]
        # A moving area in place of the monitor (co-browsing's window), asked before each grab.
        self.area = area
        self.control = StreamControl(settings_for(quality, colour), fps_cap)
        self.control.on_keyframe_request(self._refresh)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screen-capture")
        self._grabber: ScreenGrabber | None = None
        self._stopping = False
        self._refresh_pending = False
        self._last_capture: float | None = None
        self._last_pts = -1
        self._lookahead: asyncio.Future[Grab | None] | None = None  # uncapped only
        self.epoch: float | None = None  # time.monotonic() of pts 0

    # --- settings, any time -----------------------------------------------------------------

    @property
    def quality(self) -> Quality:
        return self.control.settings.quality

    @property
    def colour(self) -> ColourMode:
        return self.control.settings.colour

    def set_quality(self, quality: Quality) -> None:
        self.control.settings = settings_for(quality, self.colour)
        self._refresh()

    def set_colour_mode(self, colour: ColourMode) -> None:
        self.control.settings = settings_for(self.quality, colour)
        self._refresh()

    def set_monitor(self, monitor: Monitor) -> None:
        self.monitor = monitor
        self._refresh()

    def set_fps_cap(self, fps_cap: float | None) -> None:
        self.control.fps_cap = fps_cap

    def capture_time(self, pts: int) -> float | None:
        """``time.monotonic()`` at the capture of the frame sent with ``pts``."""
        return self.control.capture_times.get(pts)

    def _refresh(self) -> None:
        # The next poll sends a frame even if the screen did not change.
        self._refresh_pending = True

    # --- aiortc -----------------------------------------------------------------------------

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self.control.ready.wait()
        loop = asyncio.get_running_loop()
        grabbed = await self._take_lookahead()
        while grabbed is None:
            limit = self.control.fps_limit()
            if limit and self._last_capture is not None:
                wait = self._last_capture + 1 / limit - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            if self.readyState != "live":
                raise MediaStreamError
            grabbed = await loop.run_in_executor(self._executor, self._grab)
            if grabbed is None:
                await asyncio.sleep(self._poll_interval(limit))
        if self.readyState != "live":
            raise MediaStreamError
        raw, captured, monitor, settings = grabbed
        if self.control.fps_limit() is None:
            # Uncapped: grab the next frame while this one is encoded (see the module's doc).
            self._lookahead = loop.run_in_executor(self._executor, self._grab)
        self._last_capture = captured
        if self.epoch is None:
            self.epoch = captured
        pts = max(round((captured - self.epoch) * VIDEO_CLOCK_RATE), self._last_pts + 1)
        self._last_pts = pts
        pixels = np.frombuffer(raw, dtype=np.uint8).reshape(monitor.height, monitor.width, 4)
        frame = av.VideoFrame.from_numpy_buffer(pixels, format="bgra")
        frame.pts = pts
        frame.time_base = VIDEO_TIME_BASE
        frame.opaque = FrameInfo(captured, settings)
        self.control.record_capture(pts, captured)
        return frame

    async def _take_lookahead(self) -> Grab | None:
        """The frame grabbed ahead, if there is one still worth sending."""
        lookahead, self._lookahead = self._lookahead, None
        if lookahead is None:
            return None
        grabbed = await lookahead
        if grabbed is None:  # the screen had not changed: poll as usual
            return None
        if (
            self.control.fps_limit() is not None  # a cap came meanwhile: grab when it is due
            or time.monotonic() - grabbed[1] > LOOKAHEAD_MAX_AGE_S
        ):
            self._refresh()  # the dropped grab may have been the change: send the next one
            return None
        return grabbed

    def _poll_interval(self, limit: float | None) -> float:
        if not limit:
            return IDLE_POLL_S
        recent = (
            self._last_capture is not None
            and time.monotonic() - self._last_capture < ACTIVE_WINDOW_S
        )
        return min(ACTIVE_POLL_S, 1 / limit) if recent else 1 / limit

    def _grab(self) -> Grab | None:
        """On the capture thread: a changed (or refresh-requested) grab, or None."""
        monitor = self.monitor if self.area is None else self.area.current()
        if monitor is None:
            return None  # the area is not shown now: nothing to send
        if self._grabber is not None and self.area is not None:
            if self._grabber.monitor != monitor:
                self._grabber.move_to(monitor)  # same connection wherever the window goes
        elif self._grabber is None or self._grabber.monitor != monitor:
            if self._grabber is not None:
                self._grabber.close()
            self._grabber = ScreenGrabber(monitor)
        refresh, self._refresh_pending = self._refresh_pending, False
        settings = self.control.settings
        captured = time.monotonic()
        raw = self._grabber.grab()
        if self.area is not None:
            self.area.hide(raw, monitor)
        quantise(raw, settings.colour)
        self.control.polls += 1
        if not self._grabber.changed(raw) and not refresh:
            return None
        return raw, captured, monitor, settings

    def stop(self) -> None:
        super().stop()
        lookahead, self._lookahead = self._lookahead, None
        if lookahead is not None and not lookahead.cancel() and not lookahead.cancelled():
            lookahead.exception()  # grabbed already: nobody will send it, nor log its error
        if self._stopping:
            return  # aiortc stops the track again as its RTP task ends
        self._stopping = True
        # The grabber is closed on the capture thread, after any grab still running there
        # (which may have just made one): before, such a grabber was left for the second stop
        # to submit to the shut executor, whose error left aiortc's sender (and with it the
        # peer connection and every part of the view) never closed.
        self._executor.submit(self._close_grabber)
        self._executor.shutdown(wait=False)

    def _close_grabber(self) -> None:
        grabber, self._grabber = self._grabber, None
        if grabber is not None:
            grabber.close()

    def join(self) -> None:
        """Once stopped: wait (off the loop) for the frame being grabbed and the one being
        encoded, so their buffers (8 MB each at 1080p) are freed before the heap is trimmed."""
        self._executor.shutdown(wait=True)
        with self.control.encoding:
            pass
