"""The scripted desktop workload of ``bench/desktop.py``: one PySide6 process, several windows.

What it shows on the display it is started on (1920×1080 assumed), all driven by one timer so
every run sees the same work:

* a wallpaper with a few static "icons" (the screen is never plain black);
* an editor whose code text scrolls by one line per tick (scrolling text);
* a notes window where a paragraph is typed, one character every third tick (typing);
* a small dialog that glides along a loop over the editor (a window dragged: the windows under
  it are exposed and repainted, as with a real drag);
* a 640×360 region of moving, video-like pictures (a smooth plasma, new picture every tick);
* a click target: each mouse press paints a 24×24 square around the pointer, in the colour of
  ``CLICK_COLOURS`` its column of ``CLICK_COLUMN`` pixels gives (``click_colour``), so the bench
  knows what to look for without counting (for the input-to-pixel figure).

Commands on stdin, one per line: ``run`` (animate), ``pause`` (freeze: an idle screen),
``hz N`` (ticks per second), ``reset`` (the click target back to grey), ``ticks`` (prints one
JSON line: the ticks so far and when), ``quit``. Once every
window is on screen it prints one JSON line ``{"ready": ..., geometry}``.

Run: ``python -m bench.workload --hz 60`` with DISPLAY set.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import math
import sys
import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

# Where each window sits (x, y, width, height): fixed, so the bench knows where to click.
EDITOR = (40, 40, 860, 640)
NOTES = (940, 40, 940, 300)
VIDEO = (940, 380, 640, 360)
DIALOG_SIZE = (360, 220)
DIALOG_LOOP = QRect(60, 560, 700, 400)  # the dialog's top-left corner travels this rectangle
TARGET = (1620, 780, 260, 260)
CLICK_SQUARE = 24
# Distinct, saturated colours that survive 256-colour (3-3-2 bit) and 16-bit quantising and
# 4:2:0 chroma subsampling recognisably; consecutive ones always differ.
CLICK_COLOURS: list[tuple[int, int, int]] = [
    (255, 0, 0),
    (0, 255, 0),
    (0, 0, 255),
    (255, 255, 0),
    (0, 255, 255),
    (255, 0, 255),
]
TARGET_GREY = (128, 128, 128)
CLICK_COLUMN = 40


def click_colour(x: int) -> tuple[int, int, int]:
    """The colour a press at ``x`` (pixels from the target's left edge) paints."""
    return CLICK_COLOURS[(x // CLICK_COLUMN) % len(CLICK_COLOURS)]


VIDEO_FRAMES = 60

CODE_LINES = [
    "def handle(request: Request) -> Response:",
    "    session = sessions.get(request.session_id)",
    "    if session is None:",
    "        raise NotFound(f'no session {request.session_id}')",
    "    for participant in session.participants:",
    "        participant.notify(Event.JOINED, who=request.user)",
    "    await session.audit.write('joined', user=request.user.name)",
    "    return Response(status=200, body=session.summary())",
    "",
    "class Throttle:",
    "    '''At most `rate` calls per second, burst of `burst`.'''",
    "    def __init__(self, rate: float, burst: int) -> None:",
    "        self.rate, self.tokens, self.burst = rate, float(burst), burst",
]
NOTES_TEXT = (
    "Customer reports that the printer queue stalls after the nightly update. Checked the "
    "spooler service: running. Cleared two stuck jobs, restarted the service, printed a test "
    "page from Word and from the browser. Both fine. Asked the customer to call back if it "
    "happens again after tonight's update; left the ticket open for 48 hours. "
)


def plasma_frames(width: int, height: int, count: int) -> list[QImage]:
    """Smooth, always-moving colour pictures, like a video region (made once, then cycled)."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    frames = []
    for i in range(count):
        t = 2 * math.pi * i / count
        v = (
            np.sin(x / 37.0 + t)
            + np.sin(y / 23.0 - 2 * t)
            + np.sin((x + y) / 51.0 + 3 * t)
            + np.sin(np.hypot(x - width / 2, y - height / 2) / 29.0 - t)
        )
        r = (127 + 127 * np.sin(v * math.pi / 2)).astype(np.uint8)
        g = (127 + 127 * np.sin(v * math.pi / 2 + 2.1)).astype(np.uint8)
        b = (127 + 127 * np.sin(v * math.pi / 2 + 4.2)).astype(np.uint8)
        bgra = np.dstack([b, g, r, np.full_like(r, 255)])
        image = QImage(bgra.tobytes(), width, height, width * 4, QImage.Format.Format_RGB32)
        frames.append(image.copy())  # own the pixels
    return frames


class Wallpaper(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(32, 72, 112))
        painter.setPen(QColor(230, 230, 230))
        for i, name in enumerate(["Documents", "Printer", "Mail", "Browser", "Trash"]):
            top = 720 + (i % 3) * 110
            left = 1000 + (i // 3) * 120
            painter.fillRect(QRect(left + 20, top, 56, 56), QColor(200, 170, 60 + 30 * i))
            painter.drawText(QRect(left, top + 60, 100, 20), Qt.AlignmentFlag.AlignCenter, name)
        painter.end()


class VideoRegion(QWidget):
    def __init__(self, frames: list[QImage]) -> None:
        super().__init__()
        self.frames = frames
        self.index = 0

    def advance(self) -> None:
        self.index = (self.index + 1) % len(self.frames)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.frames[self.index])
        painter.end()


class ClickTarget(QWidget):
    """Paints a square of the next colour where it is pressed."""

    def __init__(self) -> None:
        super().__init__()
        width, height = TARGET[2], TARGET[3]
        self.image = QImage(width, height, QImage.Format.Format_RGB32)
        self.reset()

    def reset(self) -> None:
        self.image.fill(QColor(*TARGET_GREY))
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        colour = click_colour(point.x())
        half = CLICK_SQUARE // 2
        painter = QPainter(self.image)
        painter.fillRect(
            QRect(point.x() - half, point.y() - half, CLICK_SQUARE, CLICK_SQUARE), QColor(*colour)
        )
        painter.end()
        self.repaint(QRect(point.x() - half, point.y() - half, CLICK_SQUARE, CLICK_SQUARE))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        painter.end()


class StdinCommands(QObject):
    command = Signal(str)

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in sys.stdin:
            self.command.emit(line.strip())
        self.command.emit("quit")


class Workload:
    def __init__(self, hz: float) -> None:
        self.tick_count = 0
        self.wallpaper = Wallpaper()
        self.wallpaper.setGeometry(0, 0, 1920, 1080)
        mono = QFont("DejaVu Sans Mono", 11)

        self.editor = QPlainTextEdit()
        self.editor.setFont(mono)
        self.editor.setPlainText("\n".join(CODE_LINES * 40))
        self.editor.setGeometry(*EDITOR)

        self.notes = QPlainTextEdit()
        self.notes.setFont(QFont("DejaVu Sans", 12))
        self.notes.setGeometry(*NOTES)
        self.typed = 0

        self.video = VideoRegion(plasma_frames(VIDEO[2], VIDEO[3], VIDEO_FRAMES))
        self.video.setGeometry(*VIDEO)

        self.target = ClickTarget()
        self.target.setGeometry(*TARGET)

        self.dialog = QWidget()
        layout = QVBoxLayout(self.dialog)
        for text in ("Connection details", "Session 412-778", "Agent: Dana", "Status: connected"):
            layout.addWidget(QLabel(text))
        self.dialog.setStyleSheet("background: #f4f1e8; color: #202020; font-size: 15px;")
        self.dialog.resize(*DIALOG_SIZE)
        self.dialog_step = 0
        self._place_dialog()

        self.windows: list[QWidget] = [
            self.wallpaper,
            self.editor,
            self.notes,
            self.video,
            self.target,
            self.dialog,
        ]
        for window in self.windows:
            window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
            window.show()

        # Ticks keep to a schedule of ``hz`` a second: a timer's interval is whole
        # milliseconds, and a fixed 17 ms would tick 58.8 times a second, not 60. Each tick
        # sets the next one's wait from its deadline instead.
        self.hz = hz
        self.schedule_start = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)

    def _place_dialog(self) -> None:
        # The dialog's corner walks the loop's perimeter, 4 pixels a tick.
        loop = DIALOG_LOOP
        perimeter = 2 * (loop.width() + loop.height())
        d = (self.dialog_step * 4) % perimeter
        if d < loop.width():
            point = QPoint(loop.left() + d, loop.top())
        elif d < loop.width() + loop.height():
            point = QPoint(loop.right(), loop.top() + d - loop.width())
        elif d < 2 * loop.width() + loop.height():
            point = QPoint(loop.right() - (d - loop.width() - loop.height()), loop.bottom())
        else:
            point = QPoint(loop.left(), loop.bottom() - (d - 2 * loop.width() - loop.height()))
        self.dialog.move(point)

    def start(self) -> None:
        self.schedule_start = time.monotonic() - self.tick_count / self.hz
        self._wait_for_next_tick()

    def _wait_for_next_tick(self) -> None:
        deadline = self.schedule_start + (self.tick_count + 1) / self.hz
        if deadline < time.monotonic() - 1 / self.hz:  # stalled: start afresh, no catch-up burst
            self.schedule_start = time.monotonic() - self.tick_count / self.hz
            deadline = time.monotonic()
        self.timer.start(max(0, round((deadline - time.monotonic()) * 1000)))

    def tick(self) -> None:
        self._wait_for_next_tick()
        self.tick_count += 1
        bar = self.editor.verticalScrollBar()
        bar.setValue(bar.value() + 1 if bar.value() < bar.maximum() else 0)
        if self.tick_count % 3 == 0:
            if self.typed >= len(NOTES_TEXT) * 3:
                self.notes.clear()
                self.typed = 0
            self.notes.insertPlainText(NOTES_TEXT[self.typed % len(NOTES_TEXT)])
            self.typed += 1
        self.video.advance()
        self.dialog_step += 1
        self._place_dialog()

    def on_command(self, command: str) -> None:
        if command == "run":
            self.start()
        elif command == "pause":
            self.timer.stop()
        elif command == "reset":
            self.target.reset()
        elif command == "ticks":
            print(json.dumps({"ticks": self.tick_count, "at": time.monotonic()}), flush=True)
        elif command.startswith("hz "):
            self.hz = float(command.split()[1])
            if self.timer.isActive():
                self.start()
        elif command == "quit":
            QApplication.quit()


def shield_none_refcount() -> None:
    """PySide6 6.12 on CPython 3.11 drops one reference to ``None`` on every call of a method
    that returns nothing (``move``, ``update``, ``setValue``…: measured with
    ``sys.getrefcount(None)``), so an animation aborts the interpreter ("none_dealloc") within
    a minute. From CPython 3.12 on, ``None`` is immortal and this does not matter; here, give it
    references enough for any run."""
    if sys.version_info < (3, 12):
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def main() -> None:
    shield_none_refcount()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hz", type=float, default=60.0, help="ticks per second")
    args = parser.parse_args()
    app = QApplication([sys.argv[0]])
    workload = Workload(args.hz)
    commands = StdinCommands()
    commands.command.connect(workload.on_command)
    commands.start()

    def announce() -> None:
        print(
            json.dumps({"ready": True, "target": TARGET, "video": VIDEO, "editor": EDITOR}),
            flush=True,
        )

    QTimer.singleShot(300, announce)  # after the first paint of every window
    app.exec()


if __name__ == "__main__":
    main()
