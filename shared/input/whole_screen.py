"""Input injection over the whole desktop, for the features that place and check each event
themselves first (co-browsing's window, application sharing's applications)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.protocol.screen import MonitorInfo
from shared.windows import window_system

if TYPE_CHECKING:  # pynput loads X11 bindings: loaded when control starts
    from shared.input.sinks import ControlSink


def whole_screen_sink() -> ControlSink:
    from shared.input.sinks import ControlSink

    windows = window_system()
    try:
        screen = windows.screen()
    finally:
        windows.close()
    area = MonitorInfo(
        index=0, left=screen.left, top=screen.top, width=screen.width, height=screen.height
    )
    return ControlSink(area, lambda paused: None)
