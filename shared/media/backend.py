"""The sharing feature's screen backend on this machine: mss capture, x264 over WebRTC."""

from __future__ import annotations

from collections.abc import Callable

from shared.media.capture import Monitor, list_monitors
from shared.media.decoded_frame import DecodedFrame
from shared.media.media_link import MediaReceiver, MediaSender
from shared.media.relay import RelayLinks, StreamRelay
from shared.media.screen_track import ScreenTrack
from shared.protocol.messages import IceServer
from shared.protocol.screen import ColourMode, MonitorInfo, Quality


def _monitor(info: MonitorInfo) -> Monitor:
    return Monitor(
        index=info.index, left=info.left, top=info.top, width=info.width, height=info.height
    )


class ScreenSender:
    """One screen on its own WebRTC connection, following the viewer's choices."""

    def __init__(self, monitor: MonitorInfo, ice_servers: list[IceServer]) -> None:
        self.track = ScreenTrack(_monitor(monitor))
        self.link = MediaSender(self.track, ice_servers)

    async def create_offer(self) -> str:
        return await self.link.create_offer()

    async def accept_answer(self, sdp: str) -> None:
        await self.link.accept_answer(sdp)

    def select_monitor(self, monitor: MonitorInfo) -> None:
        self.track.set_monitor(_monitor(monitor))

    def apply_settings(self, quality: Quality, colour: ColourMode) -> None:
        self.track.set_quality(quality)
        self.track.set_colour_mode(colour)

    def input_applied(self) -> None:
        """Remote input was injected: the capture looks for its effect now."""
        self.track.input_applied()

    async def close(self) -> None:
        await self.link.close()


class ScreenMediaBackend:
    def monitors(self) -> list[MonitorInfo]:
        return [
            MonitorInfo(index=m.index, left=m.left, top=m.top, width=m.width, height=m.height)
            for m in list_monitors()
        ]

    def sender(self, monitor: MonitorInfo, ice_servers: list[IceServer]) -> ScreenSender:
        return ScreenSender(monitor, ice_servers)

    def relay(self, receiver: object) -> RelayLinks:
        """Forward a view we receive to assistants (``forwarding.py``, ``relay.py``)."""
        if not isinstance(receiver, MediaReceiver):
            raise TypeError(f"cannot relay a {type(receiver).__name__}")
        return RelayLinks(StreamRelay(receiver))

    # Implements shared.features.desktop.ports.ScreenBackend structurally: media sits below the
    # engine and does not import it (pyproject.toml, [tool.importlinter]).
    def receiver(
        self, ice_servers: list[IceServer], on_frame: Callable[[DecodedFrame], None]
    ) -> MediaReceiver:
        return MediaReceiver(ice_servers, on_frame)
