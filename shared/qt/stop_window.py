"""The customer's small always-on-top window while something runs on their computer for the
agent (a script run, a shell as another user): what runs, and Stop (ends it at once).

Closing it does not stop anything by surprise, nor hide what runs: it comes back until what
runs ends; Stop stops."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shared.qt.plain_text import plain

translate = QCoreApplication.translate


class StopWindow(QWidget):
    """Shown while something runs; Stop calls ``stop`` once."""

    def __init__(
        self,
        name: str,
        title: str,
        stop_tip: str,
        stop: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self._stop = stop
        self._running = False
        self.label = plain(QLabel())
        self.label.setObjectName(name + "Label")
        self.label.setWordWrap(True)
        self.stop_button = QPushButton(translate("StopWindow", "&Stop"))
        self.stop_button.setObjectName(name + "StopButton")
        self.stop_button.setToolTip(stop_tip)
        self.stop_button.clicked.connect(self._stop_now)
        row = self.buttons_row = QHBoxLayout()  # a window with more buttons adds them here
        row.addStretch(1)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self.resize(440, 120)

    def running(self, text: str) -> None:
        self._running = True
        self.label.setText(text)
        self.stop_button.setEnabled(True)
        self.show()
        self.raise_()

    def ended(self) -> None:
        self._running = False
        self.hide()

    @property
    def is_running(self) -> bool:
        return self._running

    def _stop_now(self) -> None:
        self.stop_button.setEnabled(False)  # once: what runs ends, the window goes with it
        self._stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()  # visible while anything runs: Stop ends it
            return
        super().closeEvent(event)
