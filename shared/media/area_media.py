"""A stream of one moving part of the screen (a window for co-browsing, an application's
windows for application sharing): the screen track of desktop sharing grabbing the area in
place of a monitor, x264 over its own WebRTC connection; and the receiving end."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from shared.media.capture import CaptureArea
from shared.protocol.messages import IceServer

if TYPE_CHECKING:  # aiortc is heavy: loaded when a stream starts
    from shared.media.media_link import MediaReceiver


class AreaSender:
    def __init__(self, area: CaptureArea, ice_servers: list[IceServer]) -> None:
        from shared.media.media_link import MediaSender
        from shared.media.screen_track import ScreenTrack

        first = area.current()
        if first is None:
            raise RuntimeError("the area is not shown")
        self.track = ScreenTrack(first, area=area)
        self.link = MediaSender(self.track, ice_servers)

    async def create_offer(self) -> str:
        return await self.link.create_offer()

    async def accept_answer(self, sdp: str) -> None:
        await self.link.accept_answer(sdp)

    async def close(self) -> None:
        await self.link.close()

    def input_applied(self) -> None:
        """Remote input was injected into what is shared: the capture looks for its effect now
        (as desktop sharing's ``ScreenSender``)."""
        self.track.input_applied()

    def refresh(self) -> None:
        """The area changed without the screen changing (a window joined or left what is
        shared): send a picture of it now. (The track's monitor is unused while it follows an
        area; setting it is the track's way to ask for a fresh frame.)"""
        self.track.set_monitor(self.track.monitor)


class AreaMedia:
    """The streams of moving areas: one sender per share, one receiver per share viewed."""

    def sender(self, area: CaptureArea, ice_servers: list[IceServer]) -> AreaSender:
        return AreaSender(area, ice_servers)

    def receiver(
        self, ice_servers: list[IceServer], on_frame: Callable[[object], None]
    ) -> MediaReceiver:
        from shared.media.media_link import MediaReceiver

        return MediaReceiver(ice_servers, on_frame)
