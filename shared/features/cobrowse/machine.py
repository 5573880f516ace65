"""Builds co-browsing with this machine's real parts: desktop sharing's screen pipeline
(``shared.media``: the screen track, here following one window, x264 over WebRTC), its input
injection (``shared.input``) and this desktop's windows (``shared.windows``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from shared.features.cobrowse.area import WindowArea
from shared.features.cobrowse.engine import CobrowseFeature
from shared.protocol.messages import IceServer
from shared.protocol.screen import MonitorInfo
from shared.session.live import LiveSession
from shared.windows import window_system
from shared.windows.launch import launching_window

if TYPE_CHECKING:  # loaded late at run time: pynput loads X11 bindings, aiortc is heavy
    from shared.input.sinks import ControlSink
    from shared.media.media_link import MediaReceiver


class WindowMedia:
    """One window's stream: the screen track of ``shared.media`` grabbing the window's visible
    part (``WindowArea``) in place of a monitor."""

    def sender(self, area: WindowArea, ice_servers: list[IceServer]) -> _WindowSender:
        return _WindowSender(area, ice_servers)

    def receiver(
        self, ice_servers: list[IceServer], on_frame: Callable[[object], None]
    ) -> MediaReceiver:
        from shared.media.media_link import MediaReceiver

        return MediaReceiver(ice_servers, on_frame)


class _WindowSender:
    def __init__(self, area: WindowArea, ice_servers: list[IceServer]) -> None:
        from shared.media.media_link import MediaSender
        from shared.media.screen_track import ScreenTrack

        first = area.current()
        if first is None:
            raise RuntimeError("the window is not shown")
        self.track = ScreenTrack(first, area=area)
        self.link = MediaSender(self.track, ice_servers)

    async def create_offer(self) -> str:
        return await self.link.create_offer()

    async def accept_answer(self, sdp: str) -> None:
        await self.link.accept_answer(sdp)

    async def close(self) -> None:
        await self.link.close()


def whole_screen_sink() -> ControlSink:
    """Input injection over the whole desktop: the engine has placed and checked each event
    on the window's visible part already."""
    from shared.input.sinks import ControlSink

    windows = window_system()
    try:
        screen = windows.screen()
    finally:
        windows.close()
    area = MonitorInfo(
        index=0, left=screen.left, top=screen.top, width=screen.width, height=screen.height
    )
    return ControlSink(area, lambda paused: None)


def make_cobrowse(session: LiveSession) -> CobrowseFeature:
    """Attach co-browsing to ``session``; an ImportError when this computer lacks its media,
    input or window parts (the session runs without it, and the actions say so)."""
    import shared.media.media_link  # noqa: F401  (fail here, not at the first request)
    from shared.input.pointer import pointer_position

    return CobrowseFeature(
        session,
        WindowMedia(),
        window_system,
        launching_window,
        input_sinks=whole_screen_sink,
        pointer=pointer_position,
    )
