"""The screen as an aiortc video track: a frame only when the screen changed.

``recv()`` (awaited by aiortc's sender as soon as it has sent the previous frame) waits on the
track's capture thread for the screen to change — a change source (``damage.py``: X DAMAGE,
DXGI dirty rects, ScreenCaptureKit; polling where none is available) wakes it when something
is drawn — reads only the drawn rectangles into a reused picture (``pictures.py``), and returns
the frame at once if they differ from what was sent. Nothing is grabbed, converted or encoded
while nothing is drawn, and the capture thread sleeps (no tick). Every ``DAMAGE_CHECK_S`` of
quiet, one whole read checks the reports (a GPU compositor may draw unreported): a change found
unreported, and the track polls from then on. The frame rate cap (60 by default, ``None`` for
none) only sets the earliest time of the next frame (``pacing.py``: a token bucket, so the frame
after remote input need not wait behind the last one); the bandwidth governor may lower it
(``bandwidth.py``).

The track is poked, so the next change leaves without waiting for a report or a poll: on a
keyframe request (a PLI/FIR: a frame goes out even if nothing changed, for a late joiner or
after a loss), on a change of settings, and after remote input is injected
(``input_applied``; with polling, the screen is then polled every couple of milliseconds for a
moment, so the click's effect is in the next frame the cap allows).

Uncapped, the track grabs one frame ahead: aiortc's sender is serial (``recv()``, then encode,
then send, then ``recv()`` again), so as ``recv()`` returns a frame it starts the next grab on
the capture thread, which runs on one core while the frame is encoded on the other. With a cap,
the next grab is not due before the frame interval has passed anyway, and a grab made ahead
would be older than a fresh one by the time it is sent: capped, every grab starts when
``recv()`` asks (no frame of added delay).

Frames are BGRA ``av.VideoFrame`` s wrapping the picture without a copy; the encoder converts
(and scales) them on its own thread. Each frame carries ``FrameInfo`` (capture time, settings)
as ``frame.opaque``. Its ``pts`` is the capture time in 90 kHz ticks since the first frame, so
the receiver — whose pts count from the first frame received — can tell each frame's capture
time: ``capture_time(pts)`` in this process, ``epoch + pts / 90000`` anywhere on this machine
(``time.monotonic()`` is one clock for all processes on Linux).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import av
import numpy as np
from aiortc.mediastreams import (
    VIDEO_CLOCK_RATE,
    VIDEO_TIME_BASE,
    MediaStreamError,
    VideoStreamTrack,
)

from shared.media.capture import CaptureArea, Monitor, Pixels, ScreenGrabber, list_monitors
from shared.media.colour import quantise
from shared.media.damage import (
    EVERYTHING,
    Changes,
    ChangeSource,
    PollingSource,
    Rect,
    bounding,
    open_change_source,
)
from shared.media.pacing import FramePacer
from shared.media.pictures import Pictures, as_array, same_pixels
from shared.media.quality import DEFAULT_FPS_CAP, EncoderSettings, settings_for
from shared.media.stream_control import FrameInfo, StreamControl
from shared.protocol.screen import ColourMode, Quality

log = logging.getLogger(__name__)

# A whole read that checks the damage reports (DAMAGE_CHECK_S): told apart from EVERYTHING by
# identity.
_CHECK = Changes(whole=True)

# Where the screen must be polled (no damage reports): with no frame-rate cap, this often.
IDLE_POLL_S = 0.004
# For a while after the last change (someone is working: typing, clicking) an unchanged screen
# is polled this often, so the next change leaves within ~8 ms; after that, once per frame
# interval of the cap (an idle screen costs ~2 ms of one core per poll at 1080p).
ACTIVE_POLL_S = 0.008
ACTIVE_WINDOW_S = 2.0
# Reported rectangles are read one by one when they are few and small; past FEW_RECTS they are
# read as their bounding box, and a box over WHOLE_SHARE of the monitor as a whole grab (one
# shared-memory copy of the screen costs less than many small reads: ~1.5 ms at 1080p).
FEW_RECTS = 8
WHOLE_SHARE = 0.4
# Damage reports are checked this often with one whole read, compared: a compositor drawing
# with the GPU may change the screen without any report (x11vnc knows this too). A change found
# with nothing reported, and the track polls from then on. Costs ~2 ms of a core per check.
DAMAGE_CHECK_S = 3.0
# The capture thread's longest sleep waiting for a change: it then hands back to ``recv()``,
# which sees whether the track was stopped (a stop also pokes it awake at once).
CHANGE_WAIT_S = 0.5
# A frame grabbed ahead that waited longer than this for ``recv()`` (the sender stalled) is
# dropped and the screen grabbed again.
LOOKAHEAD_MAX_AGE_S = 0.1

# A grab the track may send: the BGRA pixels, its time.monotonic(), the monitor, the settings,
# what changed since the previous grab (None: maybe anything).
Grab = tuple[Pixels, float, Monitor, EncoderSettings, tuple[Rect, ...] | None]


class ScreenTrack(VideoStreamTrack):
    kind = "video"

    def __init__(
        self,
        monitor: Monitor | None = None,
        quality: Quality = Quality.STANDARD,
        colour: ColourMode = ColourMode.FULL,
        fps_cap: float | None = DEFAULT_FPS_CAP,
        area: CaptureArea | None = None,
        changes: Callable[[], ChangeSource] = open_change_source,
    ) -> None:
        super().__init__()
        self.monitor = monitor if monitor is not None else list_monitors()[1]
        # A moving area in place of the monitor (co-browsing's window), asked before each grab.
        self.area = area
        self.control = StreamControl(settings_for(quality, colour), fps_cap)
        self.control.on_keyframe_request(self._refresh)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screen-capture")
        self._grabber: ScreenGrabber | None = None
        # What tells the capture thread the screen changed; made and closed on that thread.
        self._open_changes = changes
        self._changes: ChangeSource | None = None
        self._pictures: Pictures | None = None
        self._checked = 0.0  # time.monotonic() of the last whole read
        self._carried = Changes()  # reported after a read: the next wait returns it
        self._stopping = False
        # The first frame goes out whatever the change source says (nothing is drawn yet).
        self._refresh_pending = True
        self._last_capture: float | None = None
        self._pacer = FramePacer()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._input = asyncio.Event()  # remote input injected: the cap's wait may end early
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
        # The next grab sends a frame even if the screen did not change; it happens now.
        self._refresh_pending = True
        self._poke()

    def input_applied(self) -> None:
        """Remote input was just injected: look for its effect now, not at the next poll
        (the frame-rate cap lets its frame leave early, within the cap: ``pacing.py``)."""
        self._pacer.input_applied()
        self._poke()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._input.set)

    def _poke(self) -> None:
        changes = self._changes
        if changes is not None:
            changes.poke()

    # --- aiortc -----------------------------------------------------------------------------

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self.control.ready.wait()
        loop = self._loop = asyncio.get_running_loop()
        grabbed = await self._take_lookahead()
        while grabbed is None:
            wait = self._pacer.delay(self.control.fps_limit())
            if wait > 0:
                self._input.clear()
                with contextlib.suppress(TimeoutError):  # remote input may end the wait early
                    await asyncio.wait_for(self._input.wait(), wait)
                continue
            if self.readyState != "live":
                raise MediaStreamError
            # Blocks on the capture thread until a change (or CHANGE_WAIT_S): no busy loop.
            grabbed = await loop.run_in_executor(self._executor, self._grab)
        if self.readyState != "live":
            raise MediaStreamError
        raw, captured, monitor, settings, dirty = grabbed
        if self.control.fps_limit() is None:
            # Uncapped: grab the next frame while this one is encoded (see the module's doc).
            self._lookahead = loop.run_in_executor(self._executor, self._grab)
        self._last_capture = captured
        self._pacer.spend(self.control.fps_limit(), captured)
        if self.epoch is None:
            self.epoch = captured
        pts = max(round((captured - self.epoch) * VIDEO_CLOCK_RATE), self._last_pts + 1)
        self._last_pts = pts
        pixels = np.frombuffer(raw, dtype=np.uint8).reshape(monitor.height, monitor.width, 4)
        frame = av.VideoFrame.from_numpy_buffer(pixels, format="bgra")
        frame.pts = pts
        frame.time_base = VIDEO_TIME_BASE
        frame.opaque = FrameInfo(captured, settings, dirty)
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
        """On the capture thread: wait for a change, then a changed (or refresh-requested)
        grab, or None (nothing changed within ``CHANGE_WAIT_S``, or it changed back)."""
        changes = self._wait_for_change()
        refresh, self._refresh_pending = self._refresh_pending, False
        if not changes and not refresh:
            return None
        monitor = self.monitor if self.area is None else self.area.current()
        if monitor is None:
            return None  # the area is not shown now: nothing to send
        if self._grabber is not None and self.area is not None:
            if self._grabber.monitor != monitor:
                self._grabber.move_to(monitor)  # same connection wherever the window goes
        elif self._grabber is None or self._grabber.monitor != monitor:
            if self._grabber is not None:
                self._grabber.close()
            self._grabber = ScreenGrabber(monitor, shared_memory=True)
        pictures = self._pictures
        if pictures is None or (pictures.width, pictures.height) != (monitor.width, monitor.height):
            pictures = self._pictures = Pictures(monitor.width, monitor.height)
        settings = self.control.settings
        captured = time.monotonic()
        self.control.polls += 1
        whole = refresh or changes.whole or self.area is not None or pictures.newest() is None
        dirty: tuple[Rect, ...] | None = None
        if whole:
            self._checked = captured
            raw = self._grab_whole(self._grabber, pictures, monitor, settings, refresh)
            if changes is _CHECK and raw is not None and not refresh:
                self._distrust_damage()
        else:
            raw, dirty = self._grab_parts(self._grabber, pictures, monitor, settings, changes)
        return None if raw is None else (raw, captured, monitor, settings, dirty)

    def _wait_for_change(self) -> Changes:
        if self._stopping:
            return EVERYTHING if self._refresh_pending else Changes()
        if self._carried:
            carried, self._carried = self._carried, Changes()
            return carried
        if self._changes is None:
            if self._refresh_pending:
                return EVERYTHING  # the first frame at once; the change source after it...
            self._changes = self._open_changes()
            self._changes.wait(0)  # reported as of its opening: in the read that follows
            return EVERYTHING  # ...then one whole read, compared: what was drawn meanwhile
        if self._refresh_pending:
            self._changes.wait(0)  # what was drawn before is in the whole grab that follows
            return EVERYTHING
        if isinstance(self._changes, PollingSource):
            self._changes.interval = self._poll_interval(self.control.fps_limit())
            return self._changes.wait(CHANGE_WAIT_S)
        until_check = self._checked + DAMAGE_CHECK_S - time.monotonic()
        if until_check <= 0:
            pending = self._changes.wait(0)
            # With changes reported, the picture is behind the screen and a whole read tells
            # nothing: the check waits for a moment when all that was reported has been read.
            return pending if pending else _CHECK
        return self._changes.wait(min(CHANGE_WAIT_S, until_check))

    def _distrust_damage(self) -> None:
        """The screen changed and nothing reported it: poll from now on."""
        if self._changes is None:
            return
        self._carried = self._changes.wait(0)
        if self._carried:
            return  # reported just after the read (and read next): the reports are right
        log.warning("the screen changed without a damage report: polling it from now on")
        self._changes.close()
        self._changes = PollingSource()

    def _grab_whole(
        self,
        grabber: ScreenGrabber,
        pictures: Pictures,
        monitor: Monitor,
        settings: EncoderSettings,
        refresh: bool,
    ) -> Pixels | None:
        """The whole monitor read (a poll, a refresh, a moving area), compared with the last.
        The X server writes it straight into the spare picture where it can."""
        raw = grabber.grab_into(pictures.spare)
        if self.area is not None:
            self.area.hide(raw, monitor)
        quantise(raw, settings.colour)
        if not refresh and same_pixels(raw, pictures.newest_raw()):
            return None
        return pictures.put_whole(raw)

    def _grab_parts(
        self,
        grabber: ScreenGrabber,
        pictures: Pictures,
        monitor: Monitor,
        settings: EncoderSettings,
        changes: Changes,
    ) -> tuple[Pixels | None, tuple[Rect, ...] | None]:
        """Only the reported rectangles read, each kept if it differs from the last picture
        (a redraw of the same pixels, or a change below the colour mode's step, sends nothing);
        what changed, in the picture's pixels (None: read whole, so maybe more than reported:
        a drawing reported after the read is in it too)."""
        newest = pictures.newest()
        assert newest is not None
        bounds = Rect(monitor.left, monitor.top, monitor.width, monitor.height)
        shown = [seen for rect in changes.rects if not (seen := rect.intersection(bounds)).empty]
        if not shown:
            return None, None  # drawn elsewhere: another monitor
        box = bounding(shown)
        if box.width * box.height > WHOLE_SHARE * monitor.width * monitor.height:
            return self._grab_whole(grabber, pictures, monitor, settings, refresh=False), None
        parts: list[tuple[Rect, np.ndarray]] = []
        for seen in shown if len(shown) <= FEW_RECTS else [box]:
            pixels = as_array(
                grabber.grab_region(seen.left, seen.top, seen.width, seen.height),
                seen.width,
                seen.height,
            )
            quantise(pixels, settings.colour)
            local = Rect(seen.left - monitor.left, seen.top - monitor.top, seen.width, seen.height)
            if np.array_equal(newest[local.top : local.bottom, local.left : local.right], pixels):
                continue
            parts.append((local, pixels))
        if not parts:
            return None, None
        return pictures.put_parts(parts), tuple(local for local, _ in parts)

    def stop(self) -> None:
        super().stop()
        lookahead, self._lookahead = self._lookahead, None
        if lookahead is not None and not lookahead.cancel() and not lookahead.cancelled():
            lookahead.exception()  # grabbed already: nobody will send it, nor log its error
        if self._stopping:
            return  # aiortc stops the track again as its RTP task ends
        self._stopping = True
        self._poke()  # the capture thread may be waiting for a change: wake it
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
        changes, self._changes = self._changes, None
        if changes is not None:
            changes.close()
        self._pictures = None

    def join(self) -> None:
        """Once stopped: wait (off the loop) for the frame being grabbed and the one being
        encoded, so their buffers (8 MB each at 1080p) are freed before the heap is trimmed."""
        self._executor.shutdown(wait=True)
        with self.control.encoding:
            pass
