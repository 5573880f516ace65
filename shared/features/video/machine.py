"""Video with this machine's real parts: OpenCV's or PyAV's cameras, aiortc connections."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from shared.features.video.camera import Camera, Cameras, VideoOptions, default_cameras
from shared.features.video.engine import VideoFeature
from shared.features.video.own_stream import OwnForwarding
from shared.features.video.ports import FrameCallback, Incoming
from shared.features.video.track import CameraSender, CameraTrack
from shared.media.media_link import MediaReceiver
from shared.media.relay import RelayLinks, StreamRelay
from shared.protocol.messages import IceServer
from shared.session.live import LiveSession


class CameraStream:
    """``track.CameraSender`` as the engine sees it (``ports.Outgoing``)."""

    def __init__(
        self,
        camera: Camera,
        options: VideoOptions,
        on_gone: Callable[[], None],
        ice_servers: list[IceServer],
    ) -> None:
        self.track = CameraTrack(camera, options, on_gone)
        self.sender = CameraSender(self.track, ice_servers)

    @property
    def on_picture(self) -> Callable[[int, np.ndarray], None] | None:
        return self.track.on_picture

    @on_picture.setter
    def on_picture(self, callback: Callable[[int, np.ndarray], None] | None) -> None:
        self.track.on_picture = callback

    async def create_offer(self) -> str:
        return await self.sender.create_offer()

    def forwarding(self) -> OwnForwarding:
        """The frames sent, sent on to assistants too (``ports.Forwardable``)."""
        return self.sender.forwarding()

    async def accept_answer(self, sdp: str) -> None:
        await self.sender.accept_answer(sdp)

    def set_options(self, options: VideoOptions) -> None:
        self.track.set_options(options)

    async def close(self) -> None:
        await self.sender.close()


class MachineVideo:
    def __init__(self, cameras: Cameras | None = None) -> None:
        self.cameras: Cameras = cameras if cameras is not None else default_cameras()

    def sender(
        self,
        camera: Camera,
        options: VideoOptions,
        on_gone: Callable[[], None],
        ice_servers: list[IceServer],
    ) -> CameraStream:
        return CameraStream(camera, options, on_gone, ice_servers)

    def receiver(self, ice_servers: list[IceServer], on_frame: FrameCallback) -> MediaReceiver:
        return MediaReceiver(ice_servers, on_frame)

    def relay(self, receiver: Incoming) -> RelayLinks:
        if not isinstance(receiver, MediaReceiver):
            raise TypeError(f"cannot relay a {type(receiver).__name__}")
        return RelayLinks(StreamRelay(receiver))


def make_video(session: LiveSession, cameras: Cameras | None = None) -> VideoFeature:
    """Attach video to ``session`` with this machine's cameras (or ``cameras``: a test's)."""
    return VideoFeature(session, MachineVideo(cameras))
