"""Following the sharer's pointer: the sharer samples where its pointer is and tells the
viewer whenever it moves; the viewer shows it over the remote screen."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.protocol import CursorPosition
from shared.features.desktop.running import Host, Running
from shared.transport.channels import ChannelName

# The pointer is sampled this often while our screen is shared: smooth to the eye, a few
# dozen bytes a second when it moves, nothing when it does not.
CURSOR_INTERVAL_S = 1 / 30


class Pointer:
    def __init__(self, host: Host, pointer: Callable[[], tuple[int, int]] | None) -> None:
        self.session = host.session
        # Where this machine's pointer is, in desktop pixels: sent to viewers of our screen.
        self.pointer = pointer
        # Set by the view that paints remote screens: the remote pointer moved (activity id,
        # x, y, visible).
        self.on_cursor: Callable[[str, int, int, bool], None] | None = None

    def start(self, running: Running) -> None:
        """Sharer side: our screen is being sent; follow our pointer if we know where it is."""
        if self.pointer is not None:
            self.session.spawn(self._follow(running))

    def on_position(self, running: Running, remote_id: str, position: CursorPosition) -> None:
        if remote_id == running.activity.sharer_id and self.on_cursor is not None:
            self.on_cursor(running.activity.id, position.x, position.y, position.visible)

    async def _follow(self, running: Running) -> None:
        """Sharer side: tell the viewer where our pointer is whenever it moves."""
        assert self.pointer is not None
        last: tuple[int, int, bool] | None = None
        settled = True  # the resting position went on control, which loses nothing
        while running.activity.state == ActivityState.ACTIVE and running.sender is not None:
            x, y = self.pointer()
            monitor = running.monitors.get(running.activity.selected_monitor)
            if monitor is not None:
                rx, ry = x - monitor.left, y - monitor.top
                visible = 0 <= rx < monitor.width and 0 <= ry < monitor.height
                now = (
                    max(0, min(rx, monitor.width - 1)),
                    max(0, min(ry, monitor.height - 1)),
                    visible,
                )
                if now != last or not settled:
                    # Motion goes unordered (may be lost); once the pointer rests, its place
                    # is sent once more on control, so a lost last move leaves no stale cursor.
                    channel = ChannelName.CONTROL if now == last else ChannelName.UNORDERED
                    settled, last = now == last, now
                    message = CursorPosition(
                        activity=running.activity.id, x=now[0], y=now[1], visible=visible
                    )
                    with contextlib.suppress(ConnectionError):
                        self.session.send_to(running.activity.viewer_id, message, channel)
            await asyncio.sleep(CURSOR_INTERVAL_S)
