"""The sharing feature's input sink on this machine: pynput injection that pauses while the
local user uses their own mouse or keyboard.

Input is injected on a worker thread of its own, in the order it came: the session's event loop
only queues it, so a long text being typed never holds up Stop, nor anything else the loop does.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from typing import Final

from shared.input.blocked_keys import Combination
from shared.input.injector import PynputInjector
from shared.input.local_activity import LocalActivityMonitor
from shared.input.remote_control import InputMessage, RemoteControl
from shared.protocol.screen import MonitorInfo

log = logging.getLogger(__name__)

# Messages waiting to be injected, at most; more are dropped. Above the engine's burst (600
# events, shared/features/desktop/input.py) with room for a few seconds of fast typing on a
# busy desktop, so a burst the rate limit lets through is never cut short here (at 256, a
# printable-ASCII line typed at 8 ms a key lost its last characters on a loaded machine).
MAX_QUEUED_INPUTS: Final = 2048
# An input still waiting this long after it arrived is dropped, not injected: typing that lands
# seconds after it was sent surprises the customer and may act on a window that changed since.
MAX_INPUT_LAG_S: Final = 5.0
# How long Stop waits for the worker to finish the character it is typing (a few ms; more only
# if the X server hangs, and then the worker is left behind, halted).
WORKER_JOIN_S: Final = 2.0


class ControlSink:
    """Remote input for one control activity, from enabling to stop."""

    def __init__(
        self,
        area: MonitorInfo,
        on_pause: Callable[[bool], None],
        blocked: Iterable[Combination] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._halt = threading.Event()
        self._clock = clock
        self.activity = LocalActivityMonitor()
        self.injector = PynputInjector(observer=self.activity.note_injected, halt=self._halt)
        self.control = RemoteControl(
            self.injector, area, self.activity, on_pause=on_pause, blocked=blocked, halt=self._halt
        )
        self.control.enabled = True
        self.activity.start()
        # Each input with when it arrived (the clock's time).
        self._queue: queue.Queue[tuple[float, InputMessage] | None] = queue.Queue(MAX_QUEUED_INPUTS)
        self._dropped = 0
        self.late_dropped = 0  # inputs dropped for waiting longer than MAX_INPUT_LAG_S
        self._worker = threading.Thread(target=self._run, name="remote-input", daemon=True)
        self._worker.start()

    def apply(self, message: InputMessage) -> bool:
        """Queue ``message`` for injection; False if control is over or the queue full."""
        if self.control.stopped:
            return False
        try:
            self._queue.put_nowait((self._clock(), message))
        except queue.Full:
            self._dropped += 1
            if self._dropped in (1, 100, 10000):  # logged, without flooding the log
                log.warning("remote input dropped: %d messages queued already", MAX_QUEUED_INPUTS)
            return False
        return True

    def set_area(self, monitor: MonitorInfo) -> None:
        self.control.set_area(monitor)

    def stop(self) -> None:
        self.control.stop()  # halts typing at the next character, releases anything held
        while True:  # what is still queued is dropped
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        self._worker.join(WORKER_JOIN_S)
        self.activity.stop()
        if not self._worker.is_alive():
            self.injector.close()

    def _run(self) -> None:
        while True:
            entry = self._queue.get()
            if entry is None or self.control.stopped:
                return
            arrived, message = entry
            if self._clock() - arrived > MAX_INPUT_LAG_S:
                self.late_dropped += 1
                if self.late_dropped in (1, 100, 10000):
                    log.warning("remote input dropped: waited over %s s", MAX_INPUT_LAG_S)
                continue
            try:
                self.control.apply(message)
            except Exception:  # one bad message must not end remote input for the rest
                log.exception("remote input failed")


def make_input_sink(area: MonitorInfo, on_pause: Callable[[bool], None]) -> ControlSink:
    return ControlSink(area, on_pause)
