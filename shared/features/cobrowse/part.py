"""Co-browsing's views for one session, on either side: the commands sent to the engine, the
frames arriving, the viewer (the agent's) and the Stop window (the customer's)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from shared.features.cobrowse.engine import Cobrowse, CobrowseChanged, CobrowseFeature
from shared.features.cobrowse.ports import InputMessage
from shared.features.cobrowse.protocol import NAME, CobrowseKind
from shared.qt.feature_views import SessionHost
from shared.session.live import LiveSession


class CobrowsePart(QObject):
    changed = Signal(object)  # Cobrowse
    # A new frame is waiting in ``latest`` (emitted off the Qt thread, delivered on it).
    frame_ready = Signal(str)

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.feature: CobrowseFeature | None = None
        self._frames: dict[str, object] = {}  # the newest frame of each co-browse
        # The co-browses going on, as the engine last told this (Qt) thread.
        self.live: dict[str, Cobrowse] = {}
        self._lock = threading.Lock()
        host.feature_event.connect(self._event)

    @property
    def available(self) -> bool:
        return self.feature is not None

    def adopt(self, session: LiveSession) -> None:
        self.live.clear()
        self.feature = session.part(NAME, CobrowseFeature)
        if self.feature is not None:
            self.feature.on_frame = self._frame

    def close(self) -> None:
        with self._lock:
            self._frames.clear()

    # --- commands, run on the engine's loop ---------------------------------------------------

    def request(self, kind: CobrowseKind) -> None:
        feature, customer = self.feature, self.host.current_customer()
        if feature is None or customer is None:
            return

        async def ask() -> Cobrowse:
            return feature.request(kind, customer)

        self.host.bridge.run(ask(), self.host.report_error)

    def stop(self, cobrowse_id: str) -> None:
        if self.feature is not None:
            self.host.bridge.run(self.feature.stop(cobrowse_id), self.host.report_error)

    def send_input(self, cobrowse_id: str, event: InputMessage) -> None:
        feature = self.feature
        if feature is None:
            return

        async def send() -> None:
            feature.send_input(cobrowse_id, event)

        self.host.bridge.run(send(), self.host.report_error)

    # --- from the engine ----------------------------------------------------------------------

    def take_frame(self, cobrowse_id: str) -> object | None:
        """The newest frame of ``cobrowse_id``, once (None if none came since)."""
        with self._lock:
            return self._frames.pop(cobrowse_id, None)

    def _frame(self, cobrowse_id: str, frame: object) -> None:
        with self._lock:
            waiting = cobrowse_id in self._frames
            self._frames[cobrowse_id] = frame  # only the newest is kept
        if not waiting:
            self.frame_ready.emit(cobrowse_id)

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, CobrowseChanged):
            if event.cobrowse.live:
                self.live[event.cobrowse.id] = event.cobrowse
            else:
                self.live.pop(event.cobrowse.id, None)
                with self._lock:
                    self._frames.pop(event.cobrowse.id, None)
            self.changed.emit(event.cobrowse)
