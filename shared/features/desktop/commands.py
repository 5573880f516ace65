"""The sharing feature's commands, called from the Qt thread and run on the asyncio thread.

Views hold a ``ViewerCommands`` (the few calls a remote-screen viewer makes) so they can be
driven by a recorder in tests; the apps pass a ``SharingCommands`` over the real feature.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from shared.features.desktop.activities import Activity
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.protocol import (
    ActivityKind,
    ColourMode,
    KeyInput,
    PointerInput,
    Quality,
    TextInput,
)
from shared.qt.bridge import AsyncBridge

log = logging.getLogger(__name__)

InputMessage = PointerInput | KeyInput | TextInput
Done = Callable[[object, BaseException | None], None]


class ViewerCommands(Protocol):
    def stop(self, activity_id: str) -> None: ...

    def select_monitor(self, activity_id: str, index: int) -> None: ...

    def set_stream(self, activity_id: str, quality: Quality, colour: ColourMode) -> None: ...

    def send_input(self, message: InputMessage) -> None: ...


class SharingCommands:
    """``ViewerCommands`` and the rest, over a real ``SharingFeature`` (or none: unavailable)."""

    def __init__(self, bridge: AsyncBridge, on_error: Done) -> None:
        self.bridge = bridge
        self.feature: SharingFeature | None = None
        self._on_error = on_error

    @property
    def available(self) -> bool:
        return self.feature is not None

    def request(
        self,
        kind: ActivityKind,
        customer_id: str,
        on_done: Callable[[Activity | None, BaseException | None], None] | None = None,
    ) -> None:
        feature = self.feature
        if feature is None:
            return

        async def ask() -> Activity:
            return feature.request(kind, customer_id)

        self.bridge.run(ask(), on_done or self._on_error)

    def stop(self, activity_id: str) -> None:
        if self.feature is not None:
            self.bridge.run(self.feature.stop(activity_id), self._on_error)

    def select_monitor(self, activity_id: str, index: int) -> None:
        if self.feature is not None:
            self._soon(self.feature.select_monitor, activity_id, index)

    def set_stream(self, activity_id: str, quality: Quality, colour: ColourMode) -> None:
        if self.feature is not None:
            self._soon(self.feature.set_stream, activity_id, quality, colour)

    def send_input(self, message: InputMessage) -> None:
        # Many per second: a plain callback on the loop, not a task with a future each.
        if self.feature is not None:
            self._soon(self.feature.send_input, message)

    def send_clipboard(self, activity_id: str, text: str) -> None:
        if self.feature is not None:
            self._soon(self.feature.send_clipboard, activity_id, text)

    def _soon(self, call: Callable[..., None], *args: object) -> None:
        def guarded() -> None:
            try:
                call(*args)
            except Exception as exc:  # a bad click must not take the loop's callback down
                log.warning("sharing command %s failed: %r", call.__name__, exc)

        self.bridge.loop.call_soon_threadsafe(guarded)
