"""Shows a raw BGRA picture in a frameless window at the screen's top-left corner.

Run as ``python -m tests.media.picture_window FILE WIDTH HEIGHT`` on a DISPLAY; prints
``shown`` once the picture is painted and stays until its stdin closes. A separate process, so
the test's asyncio loop never runs Qt and the window repaints by itself whenever needed.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


class Picture(QWidget):
    def __init__(self, image: QImage) -> None:
        super().__init__()
        self.image = image
        self.painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        painter.end()
        if not self.painted:
            self.painted = True
            QTimer.singleShot(50, lambda: print("shown", flush=True))


def main() -> None:
    if sys.version_info < (3, 12):
        # PySide6 6.12 drops a reference to None per void call on CPython 3.11 (see
        # bench/workload.py); keep None alive whatever the test does.
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, "rb") as file:
        data = file.read()
    app = QApplication([sys.argv[0]])
    image = QImage(data, width, height, width * 4, QImage.Format.Format_RGB32).copy()
    window = Picture(image)
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
    window.setGeometry(0, 0, width, height)
    window.show()

    def wait_stdin() -> None:
        sys.stdin.read()
        os._exit(0)  # the test is done with the picture; nothing to save

    threading.Thread(target=wait_stdin, daemon=True).start()
    app.exec()


if __name__ == "__main__":
    main()
