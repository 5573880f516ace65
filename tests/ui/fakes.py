"""Fakes for the UI tests: a screen backend that records instead of capturing, a recorder of the
viewer's commands, and a synthetic frame."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from shared.features.desktop.commands import InputMessage
from shared.features.desktop.frames import RgbFrame
from shared.features.desktop.protocol import ColourMode, MonitorInfo, Quality
from shared.protocol.messages import IceServer

MONITORS = [
    MonitorInfo(index=0, left=0, top=0, width=3840, height=1080),
    MonitorInfo(index=1, left=0, top=0, width=1920, height=1080),
    MonitorInfo(index=2, left=1920, top=0, width=1920, height=1080),
]


class FakeSender:
    async def create_offer(self) -> str:
        return "v=0 offer"

    async def accept_answer(self, sdp: str) -> None:
        pass

    def select_monitor(self, monitor: MonitorInfo) -> None:
        pass

    def apply_settings(self, quality: Quality, colour: ColourMode) -> None:
        pass

    async def close(self) -> None:
        pass


class FakeReceiver:
    async def accept_offer(self, sdp: str) -> str:
        return "v=0 answer"

    async def close(self) -> None:
        pass


class FakeBackend:
    def monitors(self) -> list[MonitorInfo]:
        return MONITORS

    def sender(self, monitor: MonitorInfo, ice_servers: list[IceServer]) -> FakeSender:
        return FakeSender()

    def receiver(
        self, ice_servers: list[IceServer], on_frame: Callable[[Any], None]
    ) -> FakeReceiver:
        return FakeReceiver()


@dataclass
class RecordedCommands:
    """Stands in for SharingCommands behind a viewer: records every call."""

    inputs: list[InputMessage] = field(default_factory=list)
    stopped: list[str] = field(default_factory=list)
    monitors: list[tuple[str, int]] = field(default_factory=list)
    streams: list[tuple[str, Quality, ColourMode]] = field(default_factory=list)

    def stop(self, activity_id: str) -> None:
        self.stopped.append(activity_id)

    def select_monitor(self, activity_id: str, index: int) -> None:
        self.monitors.append((activity_id, index))

    def set_stream(self, activity_id: str, quality: Quality, colour: ColourMode) -> None:
        self.streams.append((activity_id, quality, colour))

    def send_input(self, message: InputMessage) -> None:
        self.inputs.append(message)


def synthetic_frame(width: int, height: int) -> RgbFrame:
    """Four coloured quarters and a white grid every 100 pixels: easy to check by eye."""
    white = b"\xff\xff\xff"
    colours = ((b"\x2a\x6f\xdb", b"\xf4\xa2\x3c"), (b"\x3c\xb3\x71", b"\xd9\x4f\x70"))
    rows: list[bytes] = []
    for half in colours:
        pixels = [white if x % 100 == 0 else half[0 if x < width // 2 else 1] for x in range(width)]
        rows.append(b"".join(pixels))
    grid = white * width
    picture = b"".join(
        grid if y % 100 == 0 else rows[0 if y < height // 2 else 1] for y in range(height)
    )
    return RgbFrame(width, height, picture)
