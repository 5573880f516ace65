"""What co-browsing needs of the media, input and window layers, as small interfaces: the
real ones are in ``machine.py``; the engine's tests may plug in others."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from shared.features.cobrowse.area import WindowArea
from shared.protocol.messages import IceServer
from shared.protocol.screen import KeyInput, PointerInput, TextInput
from shared.windows import WindowRef, WindowSystem

InputMessage = PointerInput | KeyInput | TextInput


class WindowSender(Protocol):
    """Sends one window's visible part over its own WebRTC connection."""

    async def create_offer(self) -> str: ...

    async def accept_answer(self, sdp: str) -> None: ...

    async def close(self) -> None: ...


class WindowReceiver(Protocol):
    async def accept_offer(self, sdp: str) -> str: ...

    async def close(self) -> None: ...


class CobrowseMedia(Protocol):
    def sender(self, area: WindowArea, ice_servers: list[IceServer]) -> WindowSender: ...

    # ``on_frame`` is called with each decoded picture (``shared.media.DecodedFrame``).
    def receiver(
        self, ice_servers: list[IceServer], on_frame: Callable[[Any], None]
    ) -> WindowReceiver: ...


class InputSink(Protocol):
    """Injects input on this desktop, coordinates in screen pixels (placed and checked by the
    engine first)."""

    def apply(self, message: InputMessage) -> bool: ...

    def stop(self) -> None: ...


InputSinkFactory = Callable[[], InputSink]
# Opens this desktop's windows (raises when they cannot be read here).
WindowsFactory = Callable[[], WindowSystem]
# The window the client was launched from, if it noted one.
LaunchingWindow = Callable[[], WindowRef | None]
