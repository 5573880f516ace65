"""The screen stream of a sharing activity: the sharer starts sending (the media offer, the
list of its monitors), the viewer answers and gets the frames; the viewer picks the monitor
and the stream's quality."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.events import ViewReceiving
from shared.features.desktop.ports import (
    FrameCallback,
    InputSink,
    ScreenBackend,
)
from shared.features.desktop.protocol import (
    ActivityStop,
    ColourMode,
    MediaAnswer,
    MediaOffer,
    MonitorInfo,
    Quality,
    ScreenInfo,
    ScreenSelect,
    StopReason,
    StreamSettings,
)
from shared.features.desktop.running import Host, Running

log = logging.getLogger(__name__)


class Screen:
    def __init__(
        self,
        host: Host,
        backend: ScreenBackend,
        open_sink: Callable[[Running, MonitorInfo], InputSink | None],
        follow_pointer: Callable[[Running], None],
    ) -> None:
        self.host = host
        self.session = host.session
        self.backend = backend
        # Sharer side: input on the shared monitor for a control activity (None: not here).
        self.open_sink = open_sink
        # Sharer side: start telling the viewer where our pointer is.
        self.follow_pointer = follow_pointer
        # Set by the view that paints remote screens: called off the Qt thread per frame.
        self.on_frame: Callable[[str, object], None] | None = None

    # --- what the viewer asks -----------------------------------------------------------------

    def select_monitor(self, activity_id: str, monitor: int) -> None:
        running = self.host.viewing(activity_id)
        if running is not None:
            self.session.send_to(
                running.activity.sharer_id, ScreenSelect(activity=activity_id, monitor=monitor)
            )

    def set_stream(self, activity_id: str, quality: Quality, colour: ColourMode) -> None:
        running = self.host.viewing(activity_id)
        if running is not None:
            message = StreamSettings(activity=activity_id, quality=quality, colour=colour)
            self.session.send_to(running.activity.sharer_id, message)

    # --- the sharer's side --------------------------------------------------------------------

    async def start_sending(self, running: Running, monitor_index: int) -> None:
        activity = running.activity
        monitors = {m.index: m for m in self.backend.monitors()}
        running.monitors = monitors
        monitor = monitors.get(monitor_index) or monitors[min(monitors)]
        try:
            running.sender = self.backend.sender(monitor, self.session.ice_servers)
            if activity.with_control:
                running.sink = self.open_sink(running, monitor)
            offer = await running.sender.create_offer()
        except Exception:
            log.exception("could not start sharing the screen")
            with contextlib.suppress(ConnectionError):
                self.session.send_to(
                    activity.viewer_id,
                    ActivityStop(id=activity.id, reason=StopReason.CAPTURE_FAILED),
                )
            await self.host.end(running, StopReason.CAPTURE_FAILED)
            return
        viewer = activity.viewer_id
        info = ScreenInfo(
            activity=activity.id, monitors=list(monitors.values()), selected=monitor.index
        )
        self.host.update(
            running, running.activity.with_screen(tuple(monitors.values()), monitor.index)
        )
        self.session.send_to(viewer, info)
        self.session.send_to(viewer, MediaOffer(activity=activity.id, sdp=offer))
        self.session.engine.audit.record(
            "sharing.streaming",
            self.host.me().name,
            activity=activity.id,
            monitor=str(monitor.index),
        )
        self.follow_pointer(running)

    # --- messages from the peer ---------------------------------------------------------------

    def on_media_offer(self, running: Running, remote_id: str, offer: MediaOffer) -> None:
        self.session.spawn(self._media_offer(running, remote_id, offer))

    def on_media_answer(self, running: Running, remote_id: str, answer: MediaAnswer) -> None:
        if running.sender is not None and remote_id == running.activity.viewer_id:
            self.session.spawn(running.sender.accept_answer(answer.sdp))

    def on_screen_info(self, running: Running, remote_id: str, info: ScreenInfo) -> None:
        if remote_id == running.activity.sharer_id:
            self.host.update(
                running, running.activity.with_screen(tuple(info.monitors), info.selected)
            )

    def on_screen_select(self, running: Running, remote_id: str, select: ScreenSelect) -> None:
        self._select(running, remote_id, select.monitor)

    def on_stream_settings(
        self, running: Running, remote_id: str, settings: StreamSettings
    ) -> None:
        if running.sender is not None and remote_id == running.activity.viewer_id:
            running.sender.apply_settings(settings.quality, settings.colour)

    async def _media_offer(self, running: Running, remote_id: str, offer: MediaOffer) -> None:
        activity = running.activity
        if remote_id != activity.sharer_id or activity.state != ActivityState.ACTIVE:
            log.warning("media offer from %s for %s refused", remote_id, activity.id)
            return
        if running.receiver is not None:
            await running.receiver.close()
        running.receiver = self.backend.receiver(
            self.session.ice_servers, self._frame_callback(activity.id)
        )
        answer = await running.receiver.accept_offer(offer.sdp)
        self.session.send_to(remote_id, MediaAnswer(activity=activity.id, sdp=answer))
        self.session.engine.publish(ViewReceiving(activity.id))

    def _frame_callback(self, activity_id: str) -> FrameCallback:
        def deliver(frame: object) -> None:
            running = self.host.find(activity_id)
            if running is None or not running.activity.live:
                return  # its viewer is gone or going: the frame is freed here, now
            if self.on_frame is not None:
                self.on_frame(activity_id, frame)

        return deliver

    def _select(self, running: Running, remote_id: str, index: int) -> None:
        activity = running.activity
        monitor = running.monitors.get(index)
        if remote_id != activity.viewer_id or running.sender is None or monitor is None:
            log.warning("screen selection %s from %s refused", index, remote_id)
            return
        running.sender.select_monitor(monitor)
        if running.sink is not None:
            running.sink.set_area(monitor)
        self.host.update(running, activity.with_screen(activity.monitors, index))
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id,
                ScreenInfo(activity=activity.id, monitors=list(activity.monitors), selected=index),
            )
