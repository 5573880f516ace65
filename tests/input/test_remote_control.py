"""What RemoteControl refuses is dropped, logged, never raised, and never reaches the desktop."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QEvent, QPoint
from pytestqt.qtbot import QtBot

from shared.input import RemoteControl
from shared.input.injector import PynputInjector
from tests.input.conftest import AREA, WAIT_MS, Recorder
from tests.input.messages import down, key_up, move, text, up

PRESS = QEvent.Type.MouseButtonPress
RELEASE = QEvent.Type.MouseButtonRelease


def _sentinel_click(qtbot: QtBot, recorder: Recorder, control: RemoteControl) -> None:
    """A valid click after the refused input: once it has arrived, the refused would have."""
    assert control.apply(down(1, 1))
    assert control.apply(up(1, 1))
    qtbot.waitUntil(lambda: bool(recorder.of(RELEASE)), timeout=WAIT_MS)


def test_out_of_range_coordinates_are_dropped(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "shared.input")
    assert not control.apply(down(AREA.width, 10))  # one past the right edge
    assert not control.apply(down(10, AREA.height))
    assert not control.apply(move(5000, 5000))
    _sentinel_click(qtbot, recorder, control)
    assert [seen.at for seen in recorder.of(PRESS)] == [QPoint(101, 51)]
    assert "outside the shared 800×600 screen" in caplog.text


def test_nothing_is_injected_unless_enabled_or_after_stop(
    qtbot: QtBot, recorder: Recorder, injector: PynputInjector
) -> None:
    control = RemoteControl(injector, AREA)
    assert not control.apply(down(10, 10))  # never enabled
    control.enabled = True
    assert control.apply(down(20, 20))
    assert control.apply(up(20, 20))
    control.stop()
    assert not control.apply(down(30, 30))
    assert not control.apply(text("x"))
    control.enabled = True  # a stopped control stays stopped
    assert not control.enabled
    live = RemoteControl(injector, AREA)
    live.enabled = True
    _sentinel_click(qtbot, recorder, live)
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 2, timeout=WAIT_MS)
    assert [seen.at for seen in recorder.of(PRESS)] == [QPoint(120, 70), QPoint(101, 51)]
    live.stop()


def test_untypable_input_and_unheld_releases_are_dropped(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    assert not control.apply(text("a\x07b"))  # a control character: nothing typed at all
    assert not control.apply(key_up("shift"))  # never pressed by remote input
    assert not control.apply(up(5, 5))
    _sentinel_click(qtbot, recorder, control)
    assert recorder.keys == []


def test_the_input_package_does_not_load_qt() -> None:
    import subprocess
    import sys

    code = "import sys, shared.input; print(any(m.startswith('PySide6') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
