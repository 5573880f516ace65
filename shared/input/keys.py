"""The protocol's key vocabulary, as X keysyms and as pynput key names.

Named keys (``NAMED_KEYS`` of shared.protocol.screen) are spelled as pynput spells its
``Key`` members, so the generic path looks them up by name; X11 needs keysyms.
"""

from __future__ import annotations

from typing import Final

# X keysym values (X11/keysymdef.h) of the protocol's named keys.
_NAMED_KEYSYMS: Final[dict[str, int]] = {
    "alt": 0xFFE9,  # Alt_L
    "alt_gr": 0xFE03,  # ISO_Level3_Shift
    "backspace": 0xFF08,
    "caps_lock": 0xFFE5,
    "cmd": 0xFFEB,  # Super_L
    "ctrl": 0xFFE3,  # Control_L
    "delete": 0xFFFF,
    "down": 0xFF54,
    "end": 0xFF57,
    "enter": 0xFF0D,  # Return
    "esc": 0xFF1B,
    "home": 0xFF50,
    "insert": 0xFF63,
    "left": 0xFF51,
    "menu": 0xFF67,
    "num_lock": 0xFF7F,
    "page_down": 0xFF56,  # Next
    "page_up": 0xFF55,  # Prior
    "pause": 0xFF13,
    "print_screen": 0xFF61,  # Print
    "right": 0xFF53,
    "scroll_lock": 0xFF14,
    "shift": 0xFFE1,  # Shift_L
    "space": 0x0020,
    "tab": 0xFF09,
    "up": 0xFF52,
    **{f"f{n}": 0xFFBE + n - 1 for n in range(1, 25)},  # F1 = 0xFFBE … F24
}

SHIFT_KEYSYM: Final = 0xFFE1
# Keys that are held down from their press to their release. Every other key is typed (pressed
# and released) on each press the viewer sends, its auto-repeats included: a key left down on an
# X server repeats there on its own, at the sharer's rate, on top of the viewer's repeats.
MODIFIER_KEYS: Final = frozenset({"alt", "alt_gr", "caps_lock", "cmd", "ctrl", "num_lock", "shift"})
# Control characters that text may contain, typed as the key that produces them.
_CONTROL_CHARS: Final[dict[str, str]] = {
    "\n": "enter",
    "\r": "enter",
    "\t": "tab",
    "\b": "backspace",
}

# Keysyms whose legacy (pre-Unicode) value differs from the Unicode keysym rule: X clients look
# both up, but a keyboard map usually carries the legacy one.
_LEGACY_KEYSYMS: Final[dict[str, int]] = {"€": 0x20AC}  # EuroSign


def named_keysym(name: str) -> int | None:
    """The keysym of a protocol key name (``"enter"``, ``"f5"``…), or ``None``."""
    return _NAMED_KEYSYMS.get(name)


def control_char_key(char: str) -> str | None:
    """The named key that types a control character found in text (newline, tab…)."""
    return _CONTROL_CHARS.get(char)


def char_keysyms(char: str) -> tuple[int, ...]:
    """Keysyms that type ``char``, preferred first: Latin-1 keysyms equal the code point; every
    other character has the Unicode keysym ``0x01000000 + code point`` (and maybe a legacy one)."""
    code = ord(char)
    if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF:
        return (code,)
    unicode_keysym = 0x01000000 | code
    legacy = _LEGACY_KEYSYMS.get(char)
    return (legacy, unicode_keysym) if legacy is not None else (unicode_keysym,)
