"""Keyboard injection on X11 through XTEST, with the keysyms a character needs mapped first.

Why not ``pynput.keyboard.Controller`` here: for a character missing from the keyboard map it
remaps a keycode and sends the key with ``XSendEvent`` (a synthetic event some programs ignore,
outside the server's modifier state), and it reuses free levels of borrowed keycodes that need
Mode_switch, which Qt 6 reads differently (we saw "ü" typed as "€"). ``xdotool type`` remaps a
spare keycode, types, and restores it at once; a Qt 6 client re-reads the keyboard map from the
server only when it handles the XKB map notification, by which time the map is restored, so the
character is lost.

What makes it exact: a character's keysym goes on a spare keycode (one with no keysyms) and
**stays there**; the key events follow through XTEST as real device events. Every client gets
the map-change notification before the key event in its queue, and when it re-reads the map
(whenever that is), the borrowed keysym is still there. Borrowed keycodes are recycled least
recently used first, and never sooner than ``REUSE_AFTER_S`` after their last use. Each spare
keycode carries two keysyms (a letter's two cases, or two caseless characters), so the test
keyboard's 19 empty keycodes hold up to 38 characters before any is recycled. The map is
read again on every call, so a layout change by the user is followed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import Xlib.display
import Xlib.error
import Xlib.ext.xtest
import Xlib.X

from shared.input.keys import (
    MODIFIER_KEYS,
    SHIFT_KEYSYM,
    char_keysyms,
    control_char_key,
    named_keysym,
)

log = logging.getLogger(__name__)

# A borrowed keycode is re-used for another keysym only after this long: a client that has not
# yet handled the map change for the old keysym would read the new one (a busy client is slow to
# read its queue). Only text with more distinct unmapped characters than spare keycodes waits.
REUSE_AFTER_S: Final = 0.5
# A keyboard map row carries this many keysyms for the first group: (plain, shifted).
_LEVELS: Final = 2

KeyObserver = Callable[[int, bool], None]


class KeyInjectionError(Exception):
    """A key that cannot be typed on this keyboard (no keysym for it, no keycode free)."""


@dataclass(frozen=True)
class _Held:
    keycode: int


def _keysym_char(keysym: int) -> str:
    if keysym & 0xFF000000 == 0x01000000:
        return chr(keysym & 0x00FFFFFF)
    return chr(keysym) if keysym < 0x100 else ""


def _case_keysyms(keysym: int) -> tuple[int, int] | None:
    """(lower, upper) keysyms of a letter with two cases, else ``None``."""
    char = _keysym_char(keysym)
    lower, upper = char.lower(), char.upper()
    if len(lower) != 1 or len(upper) != 1 or lower == upper:
        return None
    return char_keysyms(lower)[0], char_keysyms(upper)[0]


class XTestKeyboard:
    """Presses keys and types text on an X display, as real device events.

    ``on_key(keycode, pressed)`` is told of every key event just before it is sent.
    """

    def __init__(
        self,
        display_name: str | None = None,
        on_key: KeyObserver | None = None,
        halt: threading.Event | None = None,
    ):
        self._display: Any = Xlib.display.Display(display_name)
        self._on_key = on_key
        # Set when remote input must stop at once (Stop, the local user's input): a wait for a
        # keycode to recycle ends, and the key is not typed.
        self._halt = halt or threading.Event()
        self._lock = threading.RLock()
        info = self._display.display.info
        self._min_keycode: int = info.min_keycode
        self._count: int = info.max_keycode - info.min_keycode + 1
        self._map: list[list[int]] = []
        self._refresh()
        # Keycodes free when we started: ours to borrow.
        self._spare: list[int] = [
            self._min_keycode + i for i, row in enumerate(self._map) if not any(row)
        ]
        self._borrowed: dict[tuple[int, int], int] = {}  # (keycode, level) -> our keysym
        self._last_used: dict[tuple[int, int], float] = {}
        self._held: dict[str, _Held] = {}

    # -- public ------------------------------------------------------------------------------

    def key(self, key: str, down: bool) -> None:
        """Press or release one protocol key (a named key or one printable character).

        Modifiers are held until released. Any other key is typed whole on each press (its
        release is then nothing to do): the X server drops a press of a key already down, and
        would repeat a held key by itself on top of the viewer's own repeats."""
        with self._lock:
            if not down:
                held = self._held.pop(key, None)
                if held is None:
                    log.debug("release of %r, which is not held: nothing to do", key)
                    return
                self._send(held.keycode, False)
                self._display.sync()
                return
            if key in self._held:
                return  # a modifier's auto-repeat: it is down already
            self._refresh()
            keysym = named_keysym(key)
            keysyms = (keysym,) if keysym is not None else char_keysyms(key)
            keycode, level = self._resolve(keysyms)
            if key in MODIFIER_KEYS:
                # Held only if this press went down: another name on the same keycode, or the
                # local user, may hold it already (and its release is then not ours to send).
                if self._send(keycode, True):
                    self._held[key] = _Held(keycode)
            else:
                shift = self._shift_for(keycode, level, key) if keysym is None else None
                self._tap(keycode, shift)
            self._display.sync()

    def type_text(self, text: str) -> None:
        """Type ``text`` exactly: each character is pressed and released on its own."""
        unusable = [c for c in text if not c.isprintable() and control_char_key(c) is None]
        if unusable:
            raise KeyInjectionError(f"cannot type {unusable[0]!r}")
        with self._lock:
            self._refresh()
            for char in text:
                name = control_char_key(char)
                if name is not None:
                    code, _ = self._resolve((named_keysym(name) or 0,))
                    shift: bool | None = None
                else:
                    code, level = self._resolve(char_keysyms(char))
                    shift = self._shift_for(code, level, char)
                self._tap(code, shift)
            self._display.sync()

    def held_keys(self) -> list[str]:
        with self._lock:
            return list(self._held)

    def close(self) -> None:
        with self._lock:
            for key in list(self._held):
                self.key(key, False)
            self._restore_borrowed()
            self._display.close()

    # -- keyboard map ------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._map = [list(row) for row in self._display.get_keyboard_mapping(
            self._min_keycode, self._count
        )]  # fmt: skip

    def _row(self, keycode: int) -> list[int]:
        return self._map[keycode - self._min_keycode]

    def _find(self, keysyms: Sequence[int]) -> tuple[int, int] | None:
        for keysym in keysyms:
            for level in range(_LEVELS):
                for index, row in enumerate(self._map):
                    if len(row) > level and row[level] == keysym:
                        return self._min_keycode + index, level
        return None

    def _resolve(self, keysyms: Sequence[int]) -> tuple[int, int]:
        """A keycode and level (0 plain, 1 shifted) that type the first available keysym,
        borrowing a slot on a spare keycode when none does."""
        found = self._find(keysyms)
        if found is None:
            found = self._borrow(keysyms[0])
        if found in self._borrowed:
            self._last_used[found] = time.monotonic()
        return found

    def _borrow(self, keysym: int) -> tuple[int, int]:
        """Put ``keysym`` on a spare keycode. A letter goes there with its other case, as the
        server would make of a lone letter anyway (plain: lower, shifted: upper); a caseless
        character may share a keycode with another caseless one (plain and shifted)."""
        pair = _case_keysyms(keysym)
        if pair is None:
            shared = self._shared_slot()
            if shared is not None:
                self._write(shared[0], {1: keysym})
                return shared
        keycode = self._free_keycode()
        if pair is None:
            self._write(keycode, {0: keysym})
            return keycode, 0
        self._write(keycode, {0: pair[0], 1: pair[1]})
        return keycode, 0 if keysym == pair[0] else 1

    def _free_keycode(self) -> int:
        """An empty spare keycode, else the least recently used of ours (never a held one, and
        never sooner than ``REUSE_AFTER_S`` after its last use)."""
        keycodes = {keycode for keycode, _ in self._borrowed}
        for keycode in self._spare:
            if keycode not in keycodes and not any(self._row(keycode)):
                return keycode
        held = {h.keycode for h in self._held.values()}
        last_used: dict[int, float] = {}
        for (keycode, level), when in self._last_used.items():
            if keycode not in held and self._is_ours((keycode, level)):
                last_used[keycode] = max(when, last_used.get(keycode, 0.0))
        if not last_used:
            raise KeyInjectionError("no spare keycode left")
        keycode = min(last_used, key=last_used.__getitem__)
        wait = last_used[keycode] + REUSE_AFTER_S - time.monotonic()
        if wait > 0 and self._halt.wait(wait):  # see REUSE_AFTER_S
            raise KeyInjectionError("remote input halted")
        for slot in [s for s in self._borrowed if s[0] == keycode]:
            del self._borrowed[slot]
            self._last_used.pop(slot, None)
        return keycode

    def _shared_slot(self) -> tuple[int, int] | None:
        """The shifted level of one of our keycodes holding a single caseless keysym."""
        for keycode, level in self._borrowed:
            row = self._row(keycode)
            if level == 0 and len(row) > 1 and not row[1] and (keycode, 1) not in self._borrowed:
                return keycode, 1
        return None

    def _write(self, keycode: int, levels: dict[int, int]) -> None:
        row = (
            self._row(keycode)[:]
            if (keycode, 0) in self._borrowed
            else [0] * len(self._row(keycode))
        )
        for level, keysym in levels.items():
            row[level] = keysym
            self._borrowed[keycode, level] = keysym
            self._last_used[keycode, level] = time.monotonic()
        self._display.change_keyboard_mapping(keycode, [row])
        self._display.sync()
        self._map[keycode - self._min_keycode] = row
        log.debug("keysyms %s mapped on spare keycode %d", levels, keycode)

    def _is_ours(self, slot: tuple[int, int]) -> bool:
        keycode, level = slot
        return self._row(keycode)[level] == self._borrowed.get(slot)

    def _restore_borrowed(self) -> None:
        for keycode in {keycode for keycode, _ in self._borrowed}:
            if all(self._is_ours(s) for s in self._borrowed if s[0] == keycode):
                empty = [Xlib.X.NoSymbol] * len(self._row(keycode))
                self._display.change_keyboard_mapping(keycode, [empty])
        self._borrowed.clear()
        self._display.sync()

    # -- events ------------------------------------------------------------------------------

    def _shift_for(self, keycode: int, level: int, char: str) -> bool:
        """Whether Shift must be down to type ``char`` at ``level`` (Caps Lock inverts letters,
        which sit on keys with both their cases, ours included)."""
        shifted = level == 1
        if char.lower() != char.upper() and self._caps_lock_on():
            shifted = not shifted
        return shifted

    def _caps_lock_on(self) -> bool:
        mask: int = self._display.screen().root.query_pointer().mask
        return bool(mask & Xlib.X.LockMask)

    def _shift_keycodes(self) -> set[int]:
        return {k for k in self._display.get_modifier_mapping()[Xlib.X.ShiftMapIndex] if k}

    def _tap(self, keycode: int, shift: bool | None) -> None:
        """Press and release ``keycode`` with Shift as ``shift`` says (``None``: as it is),
        then put Shift back as it was."""
        to_press: list[int] = []
        to_release: list[int] = []
        if shift is not None:
            shift_keys = self._shift_keycodes()
            held_shift = [h.keycode for h in self._held.values() if h.keycode in shift_keys]
            if shift and not held_shift:
                to_press = [self._resolve((SHIFT_KEYSYM,))[0]]
            elif not shift and held_shift:
                to_release = held_shift
        pressed = [code for code in to_press if self._send(code, True)]
        released = [code for code in to_release if self._send(code, False)]
        if self._send(keycode, True):
            self._send(keycode, False)
        for code in released:
            self._send(code, True)
        for code in pressed:
            self._send(code, False)

    def _is_down(self, keycode: int) -> bool:
        """Whether ``keycode`` is down on the server (by us, the local user or anyone)."""
        keys = self._display.query_keymap()  # a round trip: our earlier events are in it
        return bool(keys[keycode // 8] & (1 << (keycode % 8)))

    def _send(self, keycode: int, pressed: bool) -> bool:
        """Send one key event, unless the server would drop it (a press of a key already down,
        a release of a key that is up): an event told to ``on_key`` that never happens would
        leave the local-activity monitor expecting an echo, which a real keystroke then
        fills. Returns whether it was sent."""
        if self._is_down(keycode) == pressed:
            log.debug("key %d is %s already: no event", keycode, "down" if pressed else "up")
            return False
        if self._on_key is not None:
            self._on_key(keycode, pressed)
        kind = Xlib.X.KeyPress if pressed else Xlib.X.KeyRelease
        Xlib.ext.xtest.fake_input(self._display, kind, keycode)
        return True
