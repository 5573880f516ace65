"""The customer's own keyboard always wins over remote input (issue 9, finding 3), on a real
X display: a controller cannot blind the pause with key events X drops, Stop and the customer's
input cut a long text short at once, and console-switching keys never reach the display."""

from __future__ import annotations

import itertools
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import Xlib.display
import Xlib.X
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from Xlib import XK

from shared.features.desktop.input import INPUT_BURST
from shared.input import LocalActivityMonitor, RemoteControl
from shared.input import injector as injector_module
from shared.input.blocked_keys import (
    DEFAULT_BLOCKED_KEYS,
    blocked_combinations,
    machine_config_files,
    parse_combinations,
)
from shared.input.injector import PynputInjector
from shared.input.sinks import MAX_INPUT_LAG_S, ControlSink
from tests.input.conftest import AREA, WAIT_MS, Recorder
from tests.input.messages import key_down, key_up, text

# The figure: Stop ends remote typing within this, even in the middle of a message.
STOP_WITHIN_S = 0.1
LONG_TEXT = ("remote typing, " * 20)[:256]  # the longest TextInput
ISO_LEVEL3_SHIFT = 0xFE03  # AltGr's keysym (python-xlib's XK lacks it)


def _user(*args: str) -> None:
    """The customer, on their own keyboard (another X client, XTEST as ours)."""
    subprocess.run(["xdotool", *args], check=True, timeout=20)


@pytest.fixture
def no_alt_gr_nor_super() -> Iterator[None]:
    """A keyboard layout without AltGr and Super keys: remote input borrows one spare keycode
    for both (each on a level of it)."""
    display = Xlib.display.Display()
    info = display.display.info
    first, count = info.min_keycode, info.max_keycode - info.min_keycode + 1
    gone = {ISO_LEVEL3_SHIFT, XK.XK_Super_L}
    saved: dict[int, list[int]] = {}
    for index, row in enumerate(display.get_keyboard_mapping(first, count)):
        if gone & set(row[:2]):
            saved[first + index] = list(row)
            display.change_keyboard_mapping(first + index, [[Xlib.X.NoSymbol] * len(row)])
    display.sync()
    yield
    for keycode, row in saved.items():
        display.change_keyboard_mapping(keycode, [row])
    display.sync()
    display.close()


def test_alternating_names_of_one_keycode_do_not_hide_the_customers_typing(
    qtbot: QtBot,
    no_alt_gr_nor_super: None,
    recorder: Recorder,
    monitor: LocalActivityMonitor,
    injector: PynputInjector,
) -> None:
    monitor.start()
    changes: list[bool] = []
    control = RemoteControl(injector, AREA, activity=monitor, on_pause=changes.append)
    control.enabled = True
    # The attack: AltGr and Super down and up in turn, on one keycode. Each second press and
    # each release of a key already up would be dropped by X, and if noted as ours, leave an
    # expectation that swallows one of the customer's keystrokes.
    done = threading.Event()

    def attack() -> None:
        while not done.is_set() and not control.paused:
            for message in (key_down("alt_gr"), key_down("cmd"), key_up("alt_gr"), key_up("cmd")):
                control.apply(message)

    attacker = threading.Thread(target=attack)
    attacker.start()
    try:
        qtbot.waitUntil(lambda: monitor.noted >= 400, timeout=WAIT_MS)  # well under way
        assert changes == []  # the attack's own events are not taken for the customer's
        _user("type", "--delay", "20", "hello")
        qtbot.waitUntil(lambda: changes[:1] == [True], timeout=WAIT_MS)
    finally:
        done.set()
        attacker.join()
    assert control.paused
    assert monitor.local_events >= 1
    control.stop()


def _sentinel(qtbot: QtBot, field: QLineEdit) -> str:
    """What remote input typed into ``field``: the customer types "#" after it, and X delivers
    events in the order the server took them, so once "#" is there, everything before it is."""
    _user("type", "#")
    qtbot.waitUntil(lambda: field.text().endswith("#"), timeout=WAIT_MS)
    return field.text()[:-1]


def test_stop_ends_a_long_text_within_100_ms(qtbot: QtBot, line_edit: QLineEdit) -> None:
    sink = ControlSink(AREA, lambda paused: None)
    try:
        assert sink.apply(text(LONG_TEXT))  # queued: the caller (the event loop) goes on
        qtbot.waitUntil(lambda: len(line_edit.text()) >= 16, timeout=WAIT_MS)
        asked = time.perf_counter()
        sink.stop()
        stopped = time.perf_counter()
    finally:
        sink.stop()
    typed = _sentinel(qtbot, line_edit)
    # Nothing came after stop() returned, and it returned within the figure.
    assert LONG_TEXT.startswith(typed)
    assert 16 <= len(typed) < len(LONG_TEXT)
    assert stopped - asked < STOP_WITHIN_S, f"Stop took {(stopped - asked) * 1000:.0f} ms"
    assert not sink.apply(text("after stop"))


def test_a_burst_the_rate_limit_allows_is_typed_whole(qtbot: QtBot, line_edit: QLineEdit) -> None:
    """As many inputs as the engine's burst, queued at once (fast typing on a busy desktop):
    every one is typed, in order; none is dropped for want of room."""
    letters = "".join(itertools.islice(itertools.cycle("abcdefghijklmnopqrstuvwxyz"), INPUT_BURST))
    sink = ControlSink(AREA, lambda paused: None)
    try:
        queued = [sink.apply(text(letter)) for letter in letters]
        assert all(queued)
        qtbot.waitUntil(lambda: len(line_edit.text()) >= len(letters), timeout=4 * WAIT_MS)
        typed = _sentinel(qtbot, line_edit)  # and nothing more comes after
    finally:
        sink.stop()
    assert typed == letters


def test_an_input_that_waited_too_long_is_dropped(qtbot: QtBot, line_edit: QLineEdit) -> None:
    """An input queued behind a long text, that has waited over the lag limit by the time its
    turn comes, is not typed; the long text and what follows in time are."""
    now = [0.0]
    sink = ControlSink(AREA, lambda paused: None, clock=lambda: now[0])
    try:
        assert sink.apply(text(LONG_TEXT))
        qtbot.waitUntil(lambda: len(line_edit.text()) >= 1, timeout=WAIT_MS)
        assert sink.apply(text("late"))  # queued while the long text is being typed
        now[0] += MAX_INPUT_LAG_S + 1  # …and still waiting past the limit when its turn comes
        assert sink.apply(text("fresh"))
        qtbot.waitUntil(lambda: line_edit.text().endswith("fresh"), timeout=WAIT_MS)
    finally:
        sink.stop()
    assert line_edit.text() == LONG_TEXT + "fresh"
    assert sink.late_dropped == 1


def test_the_customers_keyboard_cuts_a_long_text_short(qtbot: QtBot, line_edit: QLineEdit) -> None:
    changes: list[bool] = []
    sink = ControlSink(AREA, changes.append)
    try:
        assert sink.apply(text(LONG_TEXT))
        qtbot.waitUntil(lambda: len(line_edit.text()) >= 16, timeout=WAIT_MS)
        _user("key", "Escape")  # the customer touches their keyboard (the field ignores it)
        qtbot.waitUntil(lambda: changes[:1] == [True], timeout=WAIT_MS)
        typed = _sentinel(qtbot, line_edit)
    finally:
        sink.stop()
    assert LONG_TEXT.startswith(typed)
    assert len(typed) < len(LONG_TEXT)


def test_console_switching_keys_never_reach_the_display(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    assert control.apply(key_down("ctrl"))
    assert control.apply(key_down("alt"))
    for name in ("f1", "f7", "f12", "backspace"):
        assert not control.apply(key_down(name))
    assert not control.apply(text("\b"))  # Backspace through text, Ctrl+Alt held
    assert control.apply(key_down("cmd"))  # another modifier on top does not unlock them
    assert not control.apply(key_down("f2"))
    assert control.apply(key_up("cmd"))
    assert control.apply(key_up("alt"))
    assert control.apply(key_down("f1"))  # Ctrl+F1 is no console switch: it goes
    assert control.apply(key_up("f1"))
    assert control.apply(key_up("ctrl"))
    f1 = int(Qt.Key.Key_F1)
    qtbot.waitUntil(
        lambda: any(s.kind == QEvent.Type.KeyRelease and s.key == f1 for s in recorder.keys),
        timeout=WAIT_MS,
    )
    pressed = [s for s in recorder.keys if s.kind == QEvent.Type.KeyPress]
    blocked = {int(getattr(Qt.Key, f"Key_F{n}")) for n in (2, 7, 12)} | {int(Qt.Key.Key_Backspace)}
    assert not [s for s in pressed if s.key in blocked]
    [press] = [s for s in pressed if s.key == f1]  # only the allowed one
    assert press.modifiers == Qt.KeyboardModifier.ControlModifier


def _keycodes(display: Xlib.display.Display, *keysyms: int) -> set[int]:
    return {display.keysym_to_keycode(keysym) for keysym in keysyms}


def _keys_down(display: Xlib.display.Display) -> set[int]:
    """The keycodes the X server holds down right now, whoever pressed them."""
    keymap = display.query_keymap()
    return {code for code in range(256) if keymap[code // 8] & (1 << (code % 8))}


@pytest.fixture(params=["xtest", "held"])
def any_injector(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[PynputInjector]:
    """Ours on X11 (other keys than modifiers typed whole), and pynput's own keyboard, which
    holds every key from press to release as the injector does on Windows and macOS."""
    if request.param == "held":
        monkeypatch.setattr(injector_module, "on_x11", lambda: False)
    real = PynputInjector()
    yield real
    real.close()


@pytest.mark.parametrize("last_key", ["f1", "backspace"])
def test_blocked_keys_pressed_in_any_order_are_never_held_together(
    qtbot: QtBot, recorder: Recorder, any_injector: PynputInjector, last_key: str
) -> None:
    display = Xlib.display.Display()
    keysym = XK.XK_F1 if last_key == "f1" else XK.XK_BackSpace
    blocked = _keycodes(display, XK.XK_Control_L, XK.XK_Alt_L, keysym)
    control = RemoteControl(any_injector, AREA)
    control.enabled = True
    try:
        # The attack: the combination's keys in every order, none released, so that the last
        # one completes it (a held F1 then repeats into Ctrl+Alt+F1: a console switch).
        for order in itertools.permutations(("ctrl", "alt", last_key)):
            answers = []
            for name in order:
                answers.append(control.apply(key_down(name)))
                assert not blocked <= _keys_down(display), f"{'+'.join(order)} held"
            assert answers == [True, True, False], order  # only the completing press refused
            control.release_all()
            assert not blocked & _keys_down(display)
    finally:
        control.stop()
        display.close()
    assert control.apply(key_down("f5")) is False  # stopped; the window has seen everything
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    key = int(Qt.Key.Key_F1 if last_key == "f1" else Qt.Key.Key_Backspace)
    _user("key", "Escape")
    qtbot.waitUntil(
        lambda: any(s.key == int(Qt.Key.Key_Escape) for s in recorder.keys), timeout=WAIT_MS
    )
    assert not [s for s in recorder.keys if s.key == key and both in s.modifiers]


def test_text_typed_with_blocked_modifiers_held_is_refused(
    recorder: Recorder, injector: PynputInjector
) -> None:
    control = RemoteControl(injector, AREA, blocked=[frozenset({"ctrl", "shift", "x"})])
    control.enabled = True
    try:
        assert control.apply(key_down("ctrl"))
        assert not control.apply(text("X"))  # Shift+X under Ctrl: the blocked set
        assert control.apply(key_up("ctrl"))
        assert control.apply(key_down("x"))  # held (its release is to come) …
        assert control.apply(key_down("shift"))
        assert not control.apply(key_down("ctrl"))  # … so Ctrl would complete the set
    finally:
        control.stop()


def test_the_blocked_set_comes_from_the_machines_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path))
    # Qt reads XDG_CONFIG_DIRS once per process; another test may have moved its path since.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(tmp_path))
    # Where Qt reads the machine's settings (the file IT deploys) is where we read them.
    qt_file = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.SystemScope, "Tandem", "Tandem Client"
    ).fileName()
    assert str(machine_config_files()[0]) == qt_file
    assert blocked_combinations() == parse_combinations(DEFAULT_BLOCKED_KEYS)
    assert frozenset({"ctrl", "alt", "f1"}) in blocked_combinations()
    settings = QSettings(qt_file, QSettings.Format.IniFormat)
    settings.setValue("input/blocked_keys", "Ctrl+Alt+Delete, ctrl+shift+x, ctrl+nokey")
    settings.sync()
    assert blocked_combinations() == {
        frozenset({"ctrl", "alt", "delete"}),
        frozenset({"ctrl", "shift", "x"}),
    }
