"""What the video engine needs from the media layer, as small interfaces. The real parts
(``machine.py``): OpenCV cameras, aiortc connections (``track.py``, ``shared/media``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import numpy as np

from shared.features.video.camera import Camera, Cameras, VideoOptions
from shared.protocol.messages import IceServer


class Outgoing(Protocol):
    """Our camera on its own connection to one receiver."""

    on_picture: Callable[[int, np.ndarray], None] | None

    async def create_offer(self) -> str: ...

    async def accept_answer(self, sdp: str) -> None: ...

    def set_options(self, options: VideoOptions) -> None: ...

    async def close(self) -> None: ...


class Incoming(Protocol):
    async def accept_offer(self, sdp: str) -> str: ...

    async def close(self) -> None: ...


class ForwardLink(Protocol):
    async def create_offer(self) -> str: ...

    async def accept_answer(self, sdp: str) -> None: ...

    async def close(self) -> None: ...


class Relay(Protocol):
    """The primary's tap on the customer's stream, for assistants (``shared/media/relay.py``)."""

    def link(self, ice_servers: list[IceServer]) -> ForwardLink: ...

    async def close(self) -> None: ...


@runtime_checkable
class Forwardable(Protocol):
    """An outgoing stream whose encoded frames may be sent on to assistants as they are."""

    def forwarding(self) -> Relay: ...


# Called on the loop with each decoded picture of a stream we receive.
FrameCallback = Callable[[Any], None]


class VideoBackend(Protocol):
    cameras: Cameras

    def sender(
        self,
        camera: Camera,
        options: VideoOptions,
        on_gone: Callable[[], None],
        ice_servers: list[IceServer],
    ) -> Outgoing: ...

    def receiver(self, ice_servers: list[IceServer], on_frame: FrameCallback) -> Incoming: ...

    def relay(self, receiver: Incoming) -> Relay: ...
