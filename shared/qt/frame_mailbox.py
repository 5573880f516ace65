"""The newest decoded frame of each shared picture, handed from the media thread to the Qt
thread: only the newest is kept (a slow painter skips frames, never queues them), and one
signal per frame waiting, emitted off the Qt thread and delivered on it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal


class FrameMailbox(QObject):
    ready = Signal(str)  # the activity whose newest frame waits in ``take``

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._frames: dict[str, object] = {}

    def put(self, activity: str, frame: object) -> None:
        with self._lock:
            waiting = activity in self._frames
            self._frames[activity] = frame
        if not waiting:
            self.ready.emit(activity)

    def take(self, activity: str) -> object | None:
        """The newest frame of ``activity``, once (None if none came since)."""
        with self._lock:
            return self._frames.pop(activity, None)

    def forget(self, activity: str) -> None:
        with self._lock:
            self._frames.pop(activity, None)

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()
