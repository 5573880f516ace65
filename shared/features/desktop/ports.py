"""What the sharing feature needs from the media and input layers, as small interfaces.

The real implementations are ``shared.media`` (capture, encode, decode over WebRTC) and
``shared.input`` (pynput injection); tests of the engine logic may plug in others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from shared.features.desktop.protocol import (
    ColourMode,
    KeyInput,
    MonitorInfo,
    PointerInput,
    Quality,
    TextInput,
)
from shared.protocol.messages import IceServer


class FrameSender(Protocol):
    """Sends one screen over its own WebRTC connection."""

    async def create_offer(self) -> str: ...

    async def accept_answer(self, sdp: str) -> None: ...

    def select_monitor(self, monitor: MonitorInfo) -> None: ...

    def apply_settings(self, quality: Quality, colour: ColourMode) -> None: ...

    async def close(self) -> None: ...


@runtime_checkable
class InputAwareSender(Protocol):
    """A sender that wants to know when remote input was injected: its effect is on screen
    in a moment, and the capture looks for it at once rather than at its next poll."""

    def input_applied(self) -> None: ...


class FrameReceiver(Protocol):
    async def accept_offer(self, sdp: str) -> str: ...

    async def close(self) -> None: ...


# Called off the Qt thread with each decoded frame (an object the view knows how to paint).
FrameCallback = Callable[[Any], None]


class ScreenBackend(Protocol):
    def monitors(self) -> list[MonitorInfo]:
        """Index 0 is every monitor as one; 1..n each monitor."""
        ...

    def sender(self, monitor: MonitorInfo, ice_servers: list[IceServer]) -> FrameSender: ...

    def receiver(self, ice_servers: list[IceServer], on_frame: FrameCallback) -> FrameReceiver: ...


class InputSink(Protocol):
    """Applies remote input on this machine (the sharer's side) within the shared area."""

    def apply(self, message: PointerInput | KeyInput | TextInput) -> bool: ...

    def set_area(self, monitor: MonitorInfo) -> None: ...

    def stop(self) -> None: ...


# Makes an input sink for a control activity; ``on_pause(paused)`` reports local activity.
InputSinkFactory = Callable[[MonitorInfo, Callable[[bool], None]], InputSink]
