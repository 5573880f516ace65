"""Keys and text arrive exactly in a real Qt window, non-ASCII characters included."""

from __future__ import annotations

import threading

import pytest
import Xlib.display
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from Xlib import XK

from shared.input import RemoteControl
from tests.input.conftest import WAIT_MS, Recorder
from tests.input.messages import key_down, key_up, text

PRESS = QEvent.Type.KeyPress
RELEASE = QEvent.Type.KeyRelease
NON_ASCII = "ça é ß € ü ñ — Zoë, Ελλάδα, 日本"


def _tap(control: RemoteControl, key: str) -> None:
    assert control.apply(key_down(key))
    assert control.apply(key_up(key))


def test_text_with_non_ascii_arrives_exactly(
    qtbot: QtBot, line_edit: QLineEdit, control: RemoteControl
) -> None:
    assert control.apply(text(NON_ASCII))
    qtbot.waitUntil(lambda: line_edit.text() == NON_ASCII, timeout=WAIT_MS)


def test_ascii_text_with_shifted_characters(
    qtbot: QtBot, line_edit: QLineEdit, control: RemoteControl
) -> None:
    value = "Hello, World! ~`|\\{}[]<>?:\"'@#$%^&*()_+-=/ 0123456789"
    assert control.apply(text(value))
    qtbot.waitUntil(lambda: line_edit.text() == value, timeout=WAIT_MS)


def test_single_keys_type_non_ascii_and_capitals(
    qtbot: QtBot, line_edit: QLineEdit, control: RemoteControl
) -> None:
    for char in "éÉßA€b":
        _tap(control, char)
    qtbot.waitUntil(lambda: line_edit.text() == "éÉßA€b", timeout=WAIT_MS)


def test_more_distinct_characters_than_spare_keycodes(
    qtbot: QtBot, line_edit: QLineEdit, control: RemoteControl
) -> None:
    # 19 empty keycodes on the test keyboard hold 38 borrowed characters; these are 55, so
    # slots are recycled along the way. Injected from another thread, as the engine does: a
    # recycled slot is only safe once the receiving program has read the earlier map change.
    value = "αβγδεζηθικλμνξοπρστυφχψω ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ ÀÁÂÃÄ"
    done: list[bool] = []
    worker = threading.Thread(target=lambda: done.append(control.apply(text(value))))
    worker.start()
    qtbot.waitUntil(lambda: bool(done), timeout=3 * WAIT_MS)
    worker.join()
    assert done == [True]
    qtbot.waitUntil(lambda: line_edit.text() == value, timeout=WAIT_MS)


def test_every_press_types_though_the_key_was_not_released(
    qtbot: QtBot, line_edit: QLineEdit, control: RemoteControl
) -> None:
    # The viewer sends a press per auto-repeat, and a fast typist's "$$" may come as two
    # presses and a release: each press is a character, as in a local field.
    for key in ("$", "$", "λ", "λ", "x", "x"):
        assert control.apply(key_down(key))
    for key in ("$", "λ", "x"):
        assert control.apply(key_up(key))
    qtbot.waitUntil(lambda: line_edit.text() == "$$λλxx", timeout=WAIT_MS)


def test_only_modifiers_stay_down_on_this_desktop(
    qtbot: QtBot, line_edit: QLineEdit, control: RemoteControl
) -> None:
    # A key left down here would repeat on its own, on top of the viewer's repeats.
    display = Xlib.display.Display()
    try:

        def down(keysym: int) -> bool:
            keys = display.query_keymap()
            code = display.keysym_to_keycode(keysym)
            return bool(keys[code // 8] & (1 << (code % 8)))

        assert control.apply(key_down("shift"))
        assert control.apply(key_down("A"))
        qtbot.waitUntil(lambda: line_edit.text() == "A", timeout=WAIT_MS)
        assert down(XK.XK_Shift_L)
        assert not down(XK.XK_a)
        assert control.apply(key_up("A"))
        assert control.apply(key_up("shift"))
        assert not down(XK.XK_Shift_L)
    finally:
        display.close()


def test_ctrl_a_then_typing_replaces(
    qtbot: QtBot, line_edit: QLineEdit, control: RemoteControl
) -> None:
    line_edit.setText("old text")
    assert control.apply(key_down("ctrl"))
    _tap(control, "a")
    assert control.apply(key_up("ctrl"))
    assert control.apply(text("nouveau"))
    qtbot.waitUntil(lambda: line_edit.text() == "nouveau", timeout=WAIT_MS)


def test_backspace_and_arrows_edit_text(
    qtbot: QtBot, line_edit: QLineEdit, control: RemoteControl
) -> None:
    assert control.apply(text("abcd"))
    _tap(control, "backspace")  # abc
    _tap(control, "left")
    _tap(control, "left")  # a|bc
    _tap(control, "home")  # |abc
    assert control.apply(text("X"))
    _tap(control, "end")
    assert control.apply(text("Y"))
    qtbot.waitUntil(lambda: line_edit.text() == "XabcY", timeout=WAIT_MS)


NAMED = {
    **{f"f{n}": getattr(Qt.Key, f"Key_F{n}") for n in range(1, 13)},
    "home": Qt.Key.Key_Home,
    "end": Qt.Key.Key_End,
    "page_up": Qt.Key.Key_PageUp,
    "page_down": Qt.Key.Key_PageDown,
    "left": Qt.Key.Key_Left,
    "right": Qt.Key.Key_Right,
    "up": Qt.Key.Key_Up,
    "down": Qt.Key.Key_Down,
    "enter": Qt.Key.Key_Return,
    "backspace": Qt.Key.Key_Backspace,
    "tab": Qt.Key.Key_Tab,
    "esc": Qt.Key.Key_Escape,
    "insert": Qt.Key.Key_Insert,
    "delete": Qt.Key.Key_Delete,
    "space": Qt.Key.Key_Space,
}


def test_function_and_navigation_keys(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    for name in NAMED:
        _tap(control, name)
    expected = [int(key) for key in NAMED.values()]
    qtbot.waitUntil(
        lambda: sum(seen.kind == RELEASE for seen in recorder.keys) == len(NAMED),
        timeout=WAIT_MS,
    )
    assert [seen.key for seen in recorder.keys if seen.kind == PRESS] == expected
    assert [seen.key for seen in recorder.keys if seen.kind == RELEASE] == expected


@pytest.mark.parametrize(
    ("modifiers", "qt_modifiers"),
    [
        (["ctrl"], Qt.KeyboardModifier.ControlModifier),
        (["shift"], Qt.KeyboardModifier.ShiftModifier),
        (["alt"], Qt.KeyboardModifier.AltModifier),
        (
            ["ctrl", "alt", "shift"],
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.ShiftModifier,
        ),
    ],
)
def test_modifiers_apply_to_the_next_key(
    qtbot: QtBot,
    recorder: Recorder,
    control: RemoteControl,
    modifiers: list[str],
    qt_modifiers: Qt.KeyboardModifier,
) -> None:
    for name in modifiers:
        assert control.apply(key_down(name))
    _tap(control, "home")  # not F5: Ctrl+Alt+F5 switches to a text console, never injected
    for name in reversed(modifiers):
        assert control.apply(key_up(name))
    home = int(Qt.Key.Key_Home)
    qtbot.waitUntil(
        lambda: any(s.kind == RELEASE and s.key == home for s in recorder.keys), timeout=WAIT_MS
    )
    [press] = [seen for seen in recorder.keys if seen.kind == PRESS and seen.key == home]
    assert press.modifiers == qt_modifiers
    qtbot.waitUntil(
        lambda: QGuiApplication.queryKeyboardModifiers() == Qt.KeyboardModifier.NoModifier,
        timeout=WAIT_MS,
    )


def test_release_all_lets_go_of_held_keys_and_buttons(
    qtbot: QtBot, recorder: Recorder, control: RemoteControl
) -> None:
    from tests.input.messages import down

    assert control.apply(key_down("ctrl"))
    assert control.apply(key_down("shift"))
    assert control.apply(key_down("é"))  # a borrowed keycode, held
    assert control.apply(down(100, 100))
    held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.waitUntil(lambda: QGuiApplication.queryKeyboardModifiers() == held, timeout=WAIT_MS)
    control.release_all()
    qtbot.waitUntil(
        lambda: QGuiApplication.queryKeyboardModifiers() == Qt.KeyboardModifier.NoModifier,
        timeout=WAIT_MS,
    )
    released = {seen.key for seen in recorder.keys if seen.kind == RELEASE}
    qtbot.waitUntil(
        lambda: (
            {int(Qt.Key.Key_Control), int(Qt.Key.Key_Shift)}
            <= {seen.key for seen in recorder.keys if seen.kind == RELEASE}
        ),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(
        lambda: any(s.kind == QEvent.Type.MouseButtonRelease for s in recorder.pointer),
        timeout=WAIT_MS,
    )
    assert QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton
    del released
    # Nothing is held any more: a release from the viewer now is refused, not sent twice.
    assert not control.apply(key_up("ctrl"))


def test_stop_releases_held_keys(qtbot: QtBot, recorder: Recorder, control: RemoteControl) -> None:
    assert control.apply(key_down("ctrl"))
    qtbot.waitUntil(
        lambda: QGuiApplication.queryKeyboardModifiers() == Qt.KeyboardModifier.ControlModifier,
        timeout=WAIT_MS,
    )
    control.stop()
    qtbot.waitUntil(
        lambda: QGuiApplication.queryKeyboardModifiers() == Qt.KeyboardModifier.NoModifier,
        timeout=WAIT_MS,
    )
    assert not control.apply(key_down("a"))
