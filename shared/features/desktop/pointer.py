"""Following the sharer's pointer: the sharer samples where its pointer is and tells the
viewer whenever it moves; the viewer shows it over the remote screen."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.protocol import CursorPosition
from shared.features.desktop.running import Host, Running
from shared.input.pointer_motion import PointerMotion
from shared.transport.channels import ChannelName

# The pointer is sampled this often while it moves on our shared screen: smooth to the eye, a
# few dozen bytes a second when it moves, nothing when it does not.
CURSOR_INTERVAL_S = 1 / 30
# Once it rests, the follower waits for the system's notice of a move (shared/input/
# pointer_motion.py) instead of sampling; it still looks this often, for a move no notice
# tells of (a program warping the pointer on X11).
RESTING_LOOK_S = 1.0


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
        # The system's pointer tells of its moves (shared/input/pointer.py ``motion``); a
        # pointer without that notice (a test's scripted one) is sampled all along.
        notice = getattr(self.pointer, "motion", None)
        motion: PointerMotion | None = notice() if callable(notice) else None
        try:
            await self._follow_with(running, motion)
        finally:
            if motion is not None:
                motion.close()

    async def _follow_with(self, running: Running, motion: PointerMotion | None) -> None:
        assert self.pointer is not None
        last: tuple[int, int, bool] | None = None
        settled = True  # the resting position went on control, which loses nothing
        while running.activity.state == ActivityState.ACTIVE and running.sender is not None:
            if motion is not None:
                motion.arm()  # before sampling: a move from here on ends the resting wait
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
            if motion is not None and settled and last is not None:
                await motion.wait(RESTING_LOOK_S)
            else:
                await asyncio.sleep(CURSOR_INTERVAL_S)
