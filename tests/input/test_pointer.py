"""Pointer input lands at the mapped pixel of a real window: clicks, buttons, drag, wheel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from pytestqt.qtbot import QtBot

from shared.features.desktop.protocol import MonitorInfo, PointerButton
from shared.input import RemoteControl
from tests.input.conftest import AREA, WAIT_MS, Recorder
from tests.input.messages import down, move, up, wheel

PRESS = QEvent.Type.MouseButtonPress
RELEASE = QEvent.Type.MouseButtonRelease
DOUBLE = QEvent.Type.MouseButtonDblClick
MOTION = QEvent.Type.MouseMove


def _mapped(x: int, y: int, area: MonitorInfo = AREA) -> QPoint:
    return QPoint(area.left + x, area.top + y)


def test_click_lands_at_the_mapped_pixel(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    assert control.apply(move(37, 21))
    assert control.apply(down(37, 21))
    assert control.apply(up(37, 21))
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 1, timeout=WAIT_MS)
    [press] = recorder.of(PRESS)
    [release] = recorder.of(RELEASE)
    assert press.at == QPoint(137, 71) == _mapped(37, 21)
    assert press.button == Qt.MouseButton.LeftButton
    assert release.at == QPoint(137, 71)


def test_the_far_corner_of_the_area_maps_exactly(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    x, y = AREA.width - 1, AREA.height - 1
    assert control.apply(down(x, y))
    assert control.apply(up(x, y))
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 1, timeout=WAIT_MS)
    assert recorder.of(PRESS)[0].at == _mapped(x, y) == QPoint(899, 649)


def test_double_click(qtbot: QtBot, recorder: Recorder, control: RemoteControl) -> None:
    # As a person double-clicks: the second click after the first has been handled.
    assert control.apply(down(300, 200))
    assert control.apply(up(300, 200))
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 1, timeout=WAIT_MS)
    assert control.apply(down(300, 200))
    assert control.apply(up(300, 200))
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 2, timeout=WAIT_MS)
    [double] = recorder.of(DOUBLE)
    assert double.at == _mapped(300, 200)
    assert double.button == Qt.MouseButton.LeftButton


def test_drag_moves_with_the_button_held(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    assert control.apply(down(10, 10))
    for step in range(1, 6):
        assert control.apply(move(10 + 40 * step, 10 + 30 * step))
    assert control.apply(up(210, 160))
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 1, timeout=WAIT_MS)
    assert recorder.of(PRESS)[0].at == _mapped(10, 10)
    drags = [seen for seen in recorder.of(MOTION) if seen.buttons & Qt.MouseButton.LeftButton]
    # Qt compresses motion it has not handled yet: each one it reports is a step of ours.
    steps = [_mapped(10 + 40 * s, 10 + 30 * s) for s in range(1, 6)]
    assert drags
    assert all(seen.at in steps for seen in drags)
    assert drags[-1].at == steps[-1]
    assert recorder.of(RELEASE)[0].at == _mapped(210, 160)


@pytest.mark.parametrize(
    ("button", "qt_button"),
    [
        (PointerButton.RIGHT, Qt.MouseButton.RightButton),
        (PointerButton.MIDDLE, Qt.MouseButton.MiddleButton),
        (PointerButton.BACK, Qt.MouseButton.BackButton),
        (PointerButton.FORWARD, Qt.MouseButton.ForwardButton),
    ],
)
def test_other_buttons(
    qtbot: QtBot,
    recorder: Recorder,
    control: RemoteControl,
    button: PointerButton,
    qt_button: Qt.MouseButton,
) -> None:
    assert control.apply(down(500, 400, button))
    assert control.apply(up(500, 400, button))
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 1, timeout=WAIT_MS)
    [press] = recorder.of(PRESS)
    assert (press.button, press.at) == (qt_button, _mapped(500, 400))
    assert recorder.of(RELEASE)[0].button == qt_button


def test_wheel_in_notches_with_sub_notch_amounts_kept(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    assert control.apply(wheel(400, 300, dy=120))  # one notch up
    qtbot.waitUntil(lambda: len(recorder.wheel) == 1, timeout=WAIT_MS)
    assert recorder.wheel[0] == QPoint(0, 120)
    assert control.apply(wheel(400, 300, dy=-240))  # two notches down
    qtbot.waitUntil(lambda: len(recorder.wheel) == 3, timeout=WAIT_MS)
    assert sum(delta.y() for delta in recorder.wheel[1:]) == -240
    # Half notches add up: two halves are one notch.
    assert control.apply(wheel(400, 300, dy=60))
    assert control.apply(wheel(400, 300, dy=60))
    qtbot.waitUntil(lambda: len(recorder.wheel) == 4, timeout=WAIT_MS)
    assert recorder.wheel[3] == QPoint(0, 120)
    # Horizontal: X11 button 7 (scroll right); Qt reports "right" as a negative x delta.
    assert control.apply(wheel(400, 300, dx=120))
    qtbot.waitUntil(lambda: len(recorder.wheel) == 5, timeout=WAIT_MS)
    assert recorder.wheel[4].y() == 0
    assert recorder.wheel[4].x() == -120


def test_switching_the_shared_monitor_changes_the_mapping(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    other = MonitorInfo(index=2, left=400, top=300, width=500, height=400)
    control.set_area(other)
    assert control.apply(down(5, 6))
    assert control.apply(up(5, 6))
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 1, timeout=WAIT_MS)
    assert recorder.of(PRESS)[0].at == QPoint(405, 306)
    assert not control.apply(move(600, 10))  # inside the old area, outside the new one
