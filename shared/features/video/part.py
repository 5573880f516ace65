"""Video's part of one session, on either side: the commands (Start/Stop my video, options),
the pictures handed from the asyncio thread to the Qt thread, and the video window."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from shared.features.video.camera import CameraInfo, VideoOptions
from shared.features.video.engine import OwnPicture, VideoChanged, VideoFeature, VideoStatus
from shared.features.video.protocol import NAME
from shared.qt.feature_views import SessionHost
from shared.session.live import LiveSession


@dataclass(frozen=True)
class VideoState:
    """Video's slice of the console's state."""

    sending: bool = False
    receiving: bool = False
    may_start: bool = False


def picture_image(frame: object) -> QImage | None:
    """A QImage copy of one of ours (BGR) or of the other side's (B, G, R, X rows)."""
    if isinstance(frame, OwnPicture):
        pixels = np.ascontiguousarray(frame.pixels)
        height, width = pixels.shape[:2]
        return QImage(pixels.data, width, height, width * 3, QImage.Format.Format_BGR888).copy()
    data = getattr(frame, "data", None)
    width, height = getattr(frame, "width", 0), getattr(frame, "height", 0)
    if not isinstance(data, np.ndarray) or not width or not height:
        return None
    rows = np.ascontiguousarray(data)
    return QImage(rows.data, width, height, width * 4, QImage.Format.Format_RGB32).copy()


class VideoPart(QObject):
    status_changed = Signal(object)  # VideoStatus
    # A new picture is waiting ("mine", "theirs" or "agent"): emitted on the asyncio thread.
    _waiting = Signal(str)
    picture = Signal(str, QImage)  # on the Qt thread

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.feature: VideoFeature | None = None
        self.status = VideoStatus()
        self.cameras: list[CameraInfo] = []
        # Only the newest picture of each side is kept: a slow screen drops, never queues.
        self._latest: dict[str, object] = {}
        self._lock = threading.Lock()
        self._waiting.connect(self._show)
        self.window: object | None = None  # the VideoWindow, made when first shown
        host.feature_event.connect(self._event)

    @property
    def available(self) -> bool:
        return self.feature is not None

    @property
    def options(self) -> VideoOptions:
        return self.feature.options if self.feature is not None else VideoOptions()

    def adopt(self, session: LiveSession) -> None:
        self.feature = session.part(NAME, VideoFeature)
        if self.feature is not None:
            self.feature.on_frame = self._frame
        self.status = VideoStatus()
        self.host.set_slice(NAME, VideoState())

    def close(self) -> None:
        window = self.window
        if window is not None and hasattr(window, "close_all"):
            window.close_all()

    # --- commands (the user's clicks) ---------------------------------------------------------

    def start(self) -> None:
        """Start my video: the agent's to the customer they help, the customer's to the agent."""
        feature = self.feature
        if feature is None:
            return
        customer = self.host.current_customer() if self.host.side == "console" else None
        self.host.bridge.run(feature.start_mine(customer), self.host.report_error)
        self.show_window()

    def stop(self) -> None:
        if self.feature is not None:
            self.host.bridge.run(self.feature.stop_mine(), self.host.report_error)

    def apply_options(self, options: VideoOptions) -> None:
        feature = self.feature
        if feature is None:
            return

        async def apply() -> None:
            feature.set_options(options)

        self.host.bridge.run(apply(), self.host.report_error)

    def load_cameras(self) -> None:
        feature = self.feature
        if feature is None:
            return

        def done(found: list[CameraInfo] | None, error: BaseException | None) -> None:
            self.cameras = list(found or [])

        self.host.bridge.run(feature.cameras(), done)

    def show_window(self) -> None:
        from shared.features.video.window import VideoWindow

        if self.window is None:
            self.window = VideoWindow(self)
        assert isinstance(self.window, VideoWindow)
        self.window.show_panel()

    # --- a customer helped by someone else (the console) ----------------------------------------

    def running_with(self, customer_id: str) -> list[str]:
        from PySide6.QtCore import QCoreApplication

        if self.status.sending and self.status.peer_id == customer_id:
            return [QCoreApplication.translate("Video", "your video")]
        return []

    def end_with(self, customer_id: str, next_name: str) -> None:
        if self.status.peer_id == customer_id:
            self.stop()

    # --- from the engine ----------------------------------------------------------------------

    def _frame(self, who: str, frame: object) -> None:
        """On the asyncio thread."""
        with self._lock:
            pending = who in self._latest
            self._latest[who] = frame
        if not pending:
            self._waiting.emit(who)

    @Slot(str)
    def _show(self, who: str) -> None:
        with self._lock:
            frame = self._latest.pop(who, None)
        image = picture_image(frame) if frame is not None else None
        if image is not None:
            self.picture.emit(who, image)

    @Slot(object)
    def _event(self, event: object) -> None:
        if not isinstance(event, VideoChanged):
            return
        before, self.status = self.status, event.status
        self.host.set_slice(
            NAME,
            VideoState(
                event.status.sending,
                event.status.receiving or event.status.agent_forwarded,
                event.status.may_start,
            ),
        )
        arrived = event.status.receiving or event.status.agent_forwarded
        if arrived and not (before.receiving or before.agent_forwarded):
            # The other side's picture arrives (the customer is offered to send theirs): show.
            self.show_window()
        self.status_changed.emit(event.status)
