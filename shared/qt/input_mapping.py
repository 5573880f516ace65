"""Qt mouse buttons and keys as the protocol names them (``shared.protocol.screen``), for every
viewer that sends remote input: desktop sharing's and co-browsing's. Pure lookups, no widgets."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from shared.protocol.screen import NAMED_KEYS, PointerButton

Key = Qt.Key
_MAC_KEYS = 1 << 32  # keeps macOS virtual key codes (0 is the A key) apart from key codes

_BUTTONS: dict[Qt.MouseButton, PointerButton] = {
    Qt.MouseButton.LeftButton: PointerButton.LEFT,
    Qt.MouseButton.RightButton: PointerButton.RIGHT,
    Qt.MouseButton.MiddleButton: PointerButton.MIDDLE,
    Qt.MouseButton.BackButton: PointerButton.BACK,
    Qt.MouseButton.ForwardButton: PointerButton.FORWARD,
}

_NAMED: dict[int, str] = {
    Key.Key_Alt.value: "alt",
    Key.Key_AltGr.value: "alt_gr",
    Key.Key_Backspace.value: "backspace",
    Key.Key_CapsLock.value: "caps_lock",
    Key.Key_Meta.value: "cmd",
    Key.Key_Super_L.value: "cmd",
    Key.Key_Super_R.value: "cmd",
    Key.Key_Control.value: "ctrl",
    Key.Key_Delete.value: "delete",
    Key.Key_Down.value: "down",
    Key.Key_End.value: "end",
    Key.Key_Return.value: "enter",
    Key.Key_Enter.value: "enter",
    Key.Key_Escape.value: "esc",
    Key.Key_Home.value: "home",
    Key.Key_Insert.value: "insert",
    Key.Key_Left.value: "left",
    Key.Key_Menu.value: "menu",
    Key.Key_NumLock.value: "num_lock",
    Key.Key_PageDown.value: "page_down",
    Key.Key_PageUp.value: "page_up",
    Key.Key_Pause.value: "pause",
    Key.Key_Print.value: "print_screen",
    Key.Key_Right.value: "right",
    Key.Key_ScrollLock.value: "scroll_lock",
    Key.Key_Shift.value: "shift",
    Key.Key_Space.value: "space",
    Key.Key_Tab.value: "tab",
    Key.Key_Backtab.value: "tab",  # Shift+Tab: shift is sent on its own
    Key.Key_Up.value: "up",
    **{Key.Key_F1.value + n: f"f{n + 1}" for n in range(24)},
}
assert set(_NAMED.values()) <= NAMED_KEYS


def pointer_button(button: Qt.MouseButton) -> PointerButton | None:
    return _BUTTONS.get(button)


def key_name(key: int, text: str) -> str | None:
    """The protocol's name for a key: a named key, else the one character it types.

    ``text`` is what Qt says the key typed (with shift and AltGr applied); when it is empty or a
    control character (Ctrl+C gives "\\x03") the key code stands in for it."""
    named = _NAMED.get(key)
    if named is not None:
        return named
    if len(text) == 1 and text.isprintable():
        return text
    if 0x20 < key < 0x110000 and chr(key).isprintable():
        return chr(key).lower()  # Qt codes letters as capitals; shift is its own key
    return None


def physical_key(event: QKeyEvent) -> int:
    """Which physical key: its release must match its press though Qt's key code differs when
    Shift goes up first (Shift+4 is pressed as "$", released as "4"). That is the scan code on
    X11 and Windows, the virtual key code on macOS (where Qt has no scan code); a synthesised
    event has neither, and its key code stands in."""
    if sys.platform == "darwin":
        return _MAC_KEYS | event.nativeVirtualKey()
    scan_code = event.nativeScanCode()
    return scan_code if scan_code else -int(event.key())
