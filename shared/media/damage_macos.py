"""macOS's change source: ScreenCaptureKit (pyobjc). Written to the same interface as X11's and
type-checked here; it cannot run on this machine.

An ``SCStream`` on the main display (the same Screen Recording permission as the capture) is
configured at a tiny size (its pixels are not used: mss reads them, rectangle by rectangle) and
its frame interval at the 60 Hz the track can use at most. For each frame it delivers, the
sample buffer's attachments say ``SCStreamFrameInfoStatus``: ``idle`` (nothing changed: nothing
to do) or ``complete``, with ``SCStreamFrameInfoDirtyRects``, in the display's points; they are
scaled to its pixels (``SCStreamFrameInfoScaleFactor``) and offset to the virtual screen.
Frames come on a dispatch queue of ScreenCaptureKit's; they are handed to ``PendingChanges``,
which the track waits on and ``poke`` wakes.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

from shared.media.damage import Changes, ChangeSourceUnavailable, PendingChanges, Rect

SC_FRAME_STATUS_COMPLETE = 0  # SCFrameStatus: complete, idle, blank, suspended, started, stopped
SC_STREAM_OUTPUT_SCREEN = 0
FRAME_INTERVAL_S = 1 / 60
START_TIMEOUT_S = 5.0
# The stream's own picture, unused: as small as ScreenCaptureKit takes.
STREAM_SIZE = (64, 64)


class ScreenCaptureKitSource:
    def __init__(self) -> None:
        try:
            self._sck: Any = importlib.import_module("ScreenCaptureKit")
            self._core_media: Any = importlib.import_module("CoreMedia")
            self._quartz: Any = importlib.import_module("Quartz")
            foundation: Any = importlib.import_module("Foundation")
            self._dispatch: Any = importlib.import_module("dispatch")
        except ImportError as exc:
            raise ChangeSourceUnavailable("pyobjc's ScreenCaptureKit is not installed") from exc
        self._pending = PendingChanges()
        display = self._main_display()
        bounds = self._quartz.CGDisplayBounds(display.displayID())
        self._origin = (int(bounds.origin.x), int(bounds.origin.y))
        content_filter = self._sck.SCContentFilter.alloc().initWithDisplay_excludingWindows_(
            display, []
        )
        config = self._sck.SCStreamConfiguration.alloc().init()
        config.setWidth_(STREAM_SIZE[0])
        config.setHeight_(STREAM_SIZE[1])
        config.setMinimumFrameInterval_(self._core_media.CMTimeMake(1, round(1 / FRAME_INTERVAL_S)))
        config.setShowsCursor_(False)
        self._output = _output_class(foundation).alloc().init()
        self._output.source = self
        self._stream = self._sck.SCStream.alloc().initWithFilter_configuration_delegate_(
            content_filter, config, None
        )
        queue = self._dispatch.dispatch_queue_create(b"tandem.damage", None)
        added = self._stream.addStreamOutput_type_sampleHandlerQueue_error_(
            self._output, SC_STREAM_OUTPUT_SCREEN, queue, None
        )
        if not added[0]:
            raise ChangeSourceUnavailable(f"ScreenCaptureKit refused the output: {added[1]}")
        self._call(self._stream.startCaptureWithCompletionHandler_, "start the stream")

    def _call(self, start: Any, what: str) -> Any:
        """Call an API that answers on a completion handler; wait for its answer."""
        done = threading.Event()
        answer: list[Any] = [None, None]

        def handler(*args: Any) -> None:
            answer[: len(args)] = args
            done.set()

        start(handler)
        if not done.wait(START_TIMEOUT_S):
            raise ChangeSourceUnavailable(f"ScreenCaptureKit did not {what}")
        error = answer[-1] if len(answer) > 1 else answer[0]
        if error is not None and not hasattr(error, "displays"):
            raise ChangeSourceUnavailable(f"ScreenCaptureKit could not {what}: {error}")
        return answer[0]

    def _main_display(self) -> Any:
        content = self._call(
            self._sck.SCShareableContent.getShareableContentWithCompletionHandler_,
            "list the displays (Screen Recording permission?)",
        )
        main_id = self._quartz.CGMainDisplayID()
        for display in content.displays():
            if display.displayID() == main_id:
                return display
        raise ChangeSourceUnavailable("the main display is not shareable")

    def frame_arrived(self, sample_buffer: Any) -> None:
        """On ScreenCaptureKit's queue: the frame's status and dirty rectangles."""
        attachments = self._core_media.CMSampleBufferGetSampleAttachmentsArray(sample_buffer, False)
        if not attachments:
            return
        info = attachments[0]
        if info.get(self._sck.SCStreamFrameInfoStatus) != SC_FRAME_STATUS_COMPLETE:
            return  # idle (no change), blank, suspended...
        scale = float(info.get(self._sck.SCStreamFrameInfoScaleFactor) or 1.0)
        rects: list[Rect] = []
        for entry in info.get(self._sck.SCStreamFrameInfoDirtyRects) or []:
            ok, box = self._quartz.CGRectMakeWithDictionaryRepresentation(entry, None)
            if ok:
                rects.append(
                    Rect(
                        self._origin[0] + int(box.origin.x * scale),
                        self._origin[1] + int(box.origin.y * scale),
                        int(box.size.width * scale) + 1,
                        int(box.size.height * scale) + 1,
                    )
                )
        self._pending.add(rects, whole=not rects)

    def wait(self, timeout: float) -> Changes:
        return self._pending.wait(timeout)

    def poke(self) -> None:
        self._pending.poke()

    def close(self) -> None:
        self._stream.stopCaptureWithCompletionHandler_(None)


_OUTPUT_CLASS: Any = None


def _output_class(foundation: Any) -> Any:
    """An NSObject implementing SCStreamOutput, made once (Objective-C classes are global)."""
    global _OUTPUT_CLASS
    if _OUTPUT_CLASS is None:

        def stream_didOutputSampleBuffer_ofType_(  # Objective-C's selector, as pyobjc names it
            self: Any, stream: Any, sample_buffer: Any, kind: int
        ) -> None:
            if kind == SC_STREAM_OUTPUT_SCREEN and self.source is not None:
                self.source.frame_arrived(sample_buffer)

        _OUTPUT_CLASS = type(
            "TandemDamageOutput",
            (foundation.NSObject,),
            {
                "source": None,
                "stream_didOutputSampleBuffer_ofType_": stream_didOutputSampleBuffer_ofType_,
            },
        )
    return _OUTPUT_CLASS
