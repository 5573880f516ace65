"""The local user's own input pauses remote input; ours does not; it resumes when they stop."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from shared.features.desktop.protocol import PointerButton
from shared.input import InjectedEvent, InjectedKind, LocalActivityMonitor, RemoteControl
from shared.input.injector import PynputInjector
from tests.input.conftest import AREA, WAIT_MS, Recorder
from tests.input.messages import down, key_down, key_up, move, text, up, wheel

RELEASE = QEvent.Type.MouseButtonRelease


def _user(*args: str) -> None:
    """The local user, through a separate X client (XTEST, as our injector is)."""
    subprocess.run(["xdotool", *args], check=True, timeout=10)


def _watched_control(
    monitor: LocalActivityMonitor, injector: PynputInjector
) -> tuple[RemoteControl, list[bool]]:
    """Remote control enabled, with the local-activity monitor running; the list collects the
    pauses it reports (True) and their ends (False)."""
    monitor.start()
    changes: list[bool] = []
    control = RemoteControl(injector, AREA, activity=monitor, on_pause=changes.append)
    control.enabled = True
    return control, changes


def test_matching_logic_without_a_display() -> None:
    now = [100.0]
    activity = LocalActivityMonitor(match_window_s=1.0, clock=lambda: now[0])
    activity.note_injected(InjectedEvent(InjectedKind.MOVE, x=10, y=20))
    activity.note_injected(InjectedEvent(InjectedKind.WHEEL, count=2))
    left = PointerButton.LEFT
    activity.note_injected(InjectedEvent(InjectedKind.BUTTON, pressed=True, button=left))
    assert not activity.observe(InjectedEvent(InjectedKind.MOVE, x=10, y=20))
    assert not activity.observe(InjectedEvent(InjectedKind.WHEEL))
    assert not activity.observe(InjectedEvent(InjectedKind.WHEEL))
    assert not activity.observe(InjectedEvent(InjectedKind.BUTTON, pressed=True, button=left))
    assert not activity.active
    # Flagged as injected by the platform: never the user.
    assert not activity.observe(InjectedEvent(InjectedKind.KEY, pressed=True), injected=True)
    # Ours only once each; a move elsewhere is the user's.
    assert activity.observe(InjectedEvent(InjectedKind.MOVE, x=10, y=21))
    assert activity.active
    # An expectation expires after the window.
    activity.note_injected(InjectedEvent(InjectedKind.KEY, pressed=True))
    now[0] += 1.5
    assert activity.observe(InjectedEvent(InjectedKind.KEY, pressed=True))


def test_our_own_injection_is_not_local_activity(
    qtbot: QtBot, line_edit: QLineEdit, monitor: LocalActivityMonitor, injector: PynputInjector
) -> None:
    monitor.start()
    control = RemoteControl(injector, AREA, activity=monitor)
    control.enabled = True
    for message in (move(5, 5), move(300, 20), wheel(300, 20, dy=240)):
        assert control.apply(message)
    assert control.apply(text("Éé ß€ Ab"))  # borrowed keycodes and Shift around capitals
    assert control.apply(key_down("ctrl"))
    assert control.apply(key_up("ctrl"))

    qtbot.waitUntil(lambda: line_edit.text() == "Éé ß€ Ab", timeout=WAIT_MS)
    # Every event we emitted has come back through the listeners, and each was recognised.
    qtbot.waitUntil(lambda: monitor.matched >= monitor.noted, timeout=WAIT_MS)
    assert monitor.local_events == 0
    assert not monitor.active
    assert not control.paused
    control.stop()


def test_local_input_pauses_remote_input_until_quiet(
    qtbot: QtBot, recorder: Recorder, monitor: LocalActivityMonitor, injector: PynputInjector
) -> None:
    control, changes = _watched_control(monitor, injector)
    assert control.apply(down(50, 50))  # a remote drag is under way…
    assert control.apply(key_down("shift"))

    _user("mousemove", "--sync", "700", "500")  # …when the customer moves their mouse
    qtbot.waitUntil(lambda: changes == [True], timeout=WAIT_MS)
    assert control.paused
    # What remote input held was let go of, so the user's mouse and keyboard are their own.
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 1, timeout=WAIT_MS)
    assert not control.apply(down(60, 60))
    assert not control.apply(key_down("a"))

    qtbot.waitUntil(lambda: changes == [True, False], timeout=WAIT_MS)  # quiet for 0.5 s
    assert not control.paused
    assert control.apply(down(60, 60))
    assert control.apply(up(60, 60))
    qtbot.waitUntil(lambda: len(recorder.of(RELEASE)) == 2, timeout=WAIT_MS)
    presses = recorder.of(QEvent.Type.MouseButtonPress)
    assert [(p.at.x(), p.at.y()) for p in presses] == [(150, 100), (160, 110)]
    control.stop()


def test_local_keyboard_pauses_too(
    qtbot: QtBot, recorder: Recorder, monitor: LocalActivityMonitor, injector: PynputInjector
) -> None:
    control, changes = _watched_control(monitor, injector)
    _user("key", "x")
    qtbot.waitUntil(lambda: changes[:1] == [True], timeout=WAIT_MS)
    assert not control.apply(move(10, 10))
    control.stop()
