"""Python's cycle collector runs on whichever thread happens to allocate. When it frees a Qt
object there (the asyncio thread, a worker), Qt deletes it off its own thread: a timer stopped
from the wrong thread, a widget freed in the middle of the GUI thread's painting, and in the end
a crash. The apps therefore turn automatic collection off and collect from a timer on the GUI
thread, between events, where freeing a Qt object is safe."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

# Young objects (most garbage) are collected every second: a cheap pass.
COLLECT_EVERY_MS = 1000
# The whole heap every this many passes: its cost grows with the app, so rarely.
FULL_EVERY_PASSES = 60


class GuiThreadCollector(QObject):
    """Collects cycles on the thread it lives on (create it on the GUI thread)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._passes = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(COLLECT_EVERY_MS)

    def collect(self) -> None:
        self._passes += 1
        gc.collect(2 if self._passes % FULL_EVERY_PASSES == 0 else 1)
