"""The sharing feature's input sink on this machine: pynput injection that pauses while the
local user uses their own mouse or keyboard."""

from __future__ import annotations

from collections.abc import Callable

from shared.features.desktop.protocol import MonitorInfo
from shared.input.injector import PynputInjector
from shared.input.local_activity import LocalActivityMonitor
from shared.input.remote_control import InputMessage, RemoteControl


class ControlSink:
    """Remote input for one control activity, from enabling to stop."""

    def __init__(self, area: MonitorInfo, on_pause: Callable[[bool], None]) -> None:
        self.activity = LocalActivityMonitor()
        self.injector = PynputInjector(observer=self.activity.note_injected)
        self.control = RemoteControl(self.injector, area, self.activity, on_pause=on_pause)
        self.control.enabled = True
        self.activity.start()

    def apply(self, message: InputMessage) -> bool:
        return self.control.apply(message)

    def set_area(self, monitor: MonitorInfo) -> None:
        self.control.set_area(monitor)

    def stop(self) -> None:
        self.control.stop()  # releases anything still held first
        self.activity.stop()
        self.injector.close()


def make_input_sink(area: MonitorInfo, on_pause: Callable[[bool], None]) -> ControlSink:
    return ControlSink(area, on_pause)
