"""A stand-in for what is on the customer's screen: a known test picture filling the display,
a text field, and a report (JSON lines on stdout) of every click and of the field's text.

Run as a separate program on the customer's own X display:
    python -m tests.e2e.desktop_target WIDTH HEIGHT
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

FIELD = QRect(200, 150, 600, 40)


def reference_picture(width: int, height: int) -> QImage:
    """Colour bars, a grey ramp and a grid: smooth and sharp areas, as a desktop has."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    bars = [
        QColor(c)
        for c in (
            "#ffffff",
            "#ffff00",
            "#00ffff",
            "#00ff00",
            "#ff00ff",
            "#ff0000",
            "#0000ff",
            "#202020",
        )
    ]
    bar_width = width // len(bars)
    for i, colour in enumerate(bars):
        painter.fillRect(i * bar_width, 0, bar_width + 1, height // 2, colour)
    for x in range(0, width, 4):
        level = int(255 * x / max(1, width - 1))
        painter.fillRect(x, height // 2, 4, height // 4, QColor(level, level, level))
    painter.fillRect(0, 3 * height // 4, width, height // 4, QColor("#f4f4f4"))
    painter.setPen(QColor("#3060a0"))
    for x in range(0, width, 40):
        painter.drawLine(x, 3 * height // 4, x, height)
    for y in range(3 * height // 4, height, 40):
        painter.drawLine(0, y, width, y)
    painter.end()
    return image


class Desktop(QWidget):
    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.picture = reference_picture(width, height)
        self.setFixedSize(width, height)
        self.field = QLineEdit(self)
        self.field.setObjectName("target")
        self.field.setGeometry(FIELD)
        self.field.textChanged.connect(lambda text: report({"event": "text", "value": text}))

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).drawImage(QPoint(0, 0), self.picture)


class ClickReporter(QObject):
    """Reports every mouse press in the program, whichever widget it lands on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            assert isinstance(event, QMouseEvent)
            point = event.globalPosition().toPoint()
            report(
                {"event": "click", "x": point.x(), "y": point.y(), "button": event.button().name}
            )
        return False


def report(entry: dict[str, object]) -> None:
    print(json.dumps(entry), flush=True)


def main() -> int:
    width, height = int(sys.argv[1]), int(sys.argv[2])
    app = QApplication(sys.argv[:1])
    reporter = ClickReporter()
    app.installEventFilter(reporter)
    desktop = Desktop(width, height)
    desktop.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    desktop.setWindowTitle("Customer desktop")
    desktop.move(0, 0)
    desktop.show()
    report({"event": "ready"})
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
