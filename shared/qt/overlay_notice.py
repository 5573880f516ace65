"""What every notice laid over a viewer's screen shares: it starts hidden, is placed again each
time the screen under it changes size, and goes by itself after a while. The notice itself
decides what it shows and where (``place``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class OverlayKeeper(QObject):
    """Keeps ``notice`` over ``over`` (its parent): ``place`` runs on every resize of ``over``
    and before each showing; the notice hides ``ms`` milliseconds after it was last shown."""

    def __init__(self, notice: QWidget, over: QWidget, ms: int, place: Callable[[], None]) -> None:
        super().__init__(notice)
        self._notice = notice
        self._over = over
        self._place = place
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(ms)
        self.timer.timeout.connect(notice.hide)
        over.installEventFilter(self)
        notice.hide()

    def show(self) -> None:
        """Place, show above the screen, and (re)start the countdown."""
        self._place()
        self._notice.show()
        self._notice.raise_()
        self.timer.start()

    def dismiss(self) -> None:
        self.timer.stop()
        self._notice.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._over and event.type() == QEvent.Type.Resize:
            self._place()
        return False
