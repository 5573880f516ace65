"""Real windows on the test Xvfb that record the input they receive, and the injection stack."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from shared.features.desktop.protocol import MonitorInfo
from shared.input import LocalActivityMonitor, PynputInjector, RemoteControl

WAIT_MS = 5000
# A monitor that is a sub-rectangle of the 1920×1080 test screen, so its offset is not zero.
AREA = MonitorInfo(index=1, left=100, top=50, width=800, height=600)


@dataclass(frozen=True)
class Seen:
    kind: QEvent.Type
    at: QPoint
    button: Qt.MouseButton
    buttons: Qt.MouseButton
    when: float


@dataclass(frozen=True)
class SeenKey:
    kind: QEvent.Type
    key: int
    text: str
    modifiers: Qt.KeyboardModifier
    when: float


class Recorder(QWidget):
    """A frameless window at the screen's top-left that records mouse, wheel and key events."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pointer: list[Seen] = []
        self.wheel: list[QPoint] = []
        self.keys: list[SeenKey] = []
        self.setGeometry(0, 0, 1000, 800)

    def _mouse(self, event: QMouseEvent) -> None:
        self.pointer.append(
            Seen(
                event.type(),
                event.globalPosition().toPoint(),
                event.button(),
                event.buttons(),
                time.perf_counter(),
            )
        )

    mousePressEvent = _mouse
    mouseReleaseEvent = _mouse
    mouseDoubleClickEvent = _mouse
    mouseMoveEvent = _mouse

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.wheel.append(event.angleDelta())

    def event(self, event: QEvent) -> bool:
        # Before QWidget.event, which takes Tab for focus moves.
        if isinstance(event, QKeyEvent) and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
        ):
            self.keys.append(
                SeenKey(
                    event.type(), event.key(), event.text(), event.modifiers(), time.perf_counter()
                )
            )
            return True
        return super().event(event)

    def of(self, *kinds: QEvent.Type) -> list[Seen]:
        return [seen for seen in self.pointer if seen.kind in kinds]


def focus(qtbot: QtBot, widget: QWidget) -> None:
    window = widget.window()
    window.show()
    qtbot.waitExposed(window)
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=WAIT_MS)


@pytest.fixture
def recorder(qtbot: QtBot) -> Recorder:
    widget = Recorder()
    qtbot.addWidget(widget)
    focus(qtbot, widget)
    return widget


@pytest.fixture
def line_edit(qtbot: QtBot) -> QLineEdit:
    field = QLineEdit()
    field.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    field.setGeometry(0, 0, 600, 40)
    qtbot.addWidget(field)
    focus(qtbot, field)
    return field


@pytest.fixture
def monitor() -> Iterator[LocalActivityMonitor]:
    activity = LocalActivityMonitor(quiet_s=0.5)
    yield activity
    activity.stop()


@pytest.fixture
def injector(monitor: LocalActivityMonitor) -> Iterator[PynputInjector]:
    real = PynputInjector(observer=monitor.note_injected)
    yield real
    real.close()


@pytest.fixture
def control(injector: PynputInjector) -> Iterator[RemoteControl]:
    remote = RemoteControl(injector, AREA)
    remote.enabled = True
    yield remote
    remote.stop()
