"""Putting input into the local desktop: the interface, and its implementation with pynput.

Coordinates here are absolute desktop pixels; mapping from a shared screen's own pixels is
``RemoteControl``'s job. Wheel amounts are in 1/120 of a notch (the wire's unit), positive up and
right. Keys use the protocol's vocabulary: a name from ``NAMED_KEYS`` or one printable character.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, Protocol

from shared.protocol.screen import PointerButton

log = logging.getLogger(__name__)

WHEEL_NOTCH: Final = 120  # wire wheel units per notch, as Qt and Windows count


class InjectionError(Exception):
    """Input that cannot be put into this desktop (an unknown key, no free keycode…)."""


class InjectedKind(StrEnum):
    MOVE = "move"
    BUTTON = "button"
    WHEEL = "wheel"
    KEY = "key"


@dataclass(frozen=True)
class InjectedEvent:
    """One event the injector is about to emit, told to whoever must tell it apart from the
    local user's own input (``LocalActivityMonitor.note_injected``)."""

    kind: InjectedKind
    pressed: bool = False  # buttons and keys
    x: int = 0  # moves: the absolute target
    y: int = 0
    button: PointerButton | None = None
    count: int = 1  # wheel: notches, each of which the listener reports on its own
    keycode: int | None = None  # keys, where the platform tells (X11)


InjectionObserver = Callable[[InjectedEvent], None]


class InputInjector(Protocol):
    def move(self, x: int, y: int) -> None: ...

    def button(self, button: PointerButton, down: bool) -> None: ...

    def wheel(self, dx: int, dy: int) -> None: ...

    def key(self, key: str, down: bool) -> None: ...

    def type_text(self, text: str) -> None: ...


@contextmanager
def _platform_errors() -> Iterator[None]:
    """pynput raises what each platform raises (X11Error, OSError, ValueError…): one type out."""
    try:
        yield
    except InjectionError:
        raise
    except Exception as error:
        raise InjectionError(f"input not injected: {error!r}") from error


def on_x11() -> bool:
    return sys.platform.startswith("linux") and bool(os.environ.get("DISPLAY"))


class PynputInjector:
    """``InputInjector`` through pynput (Windows, macOS, X11).

    On X11 the keyboard goes through ``XTestKeyboard`` (XTEST, as pynput's own pointer does),
    which types characters missing from the keyboard map exactly; elsewhere pynput's keyboard
    controller types them natively (Unicode key events). ``observer`` hears of every event just
    before it is emitted. Calls may come from several threads; they are serialised. ``halt``, once
    set, ends any wait inside a call (see ``XTestKeyboard``).
    """

    def __init__(
        self, observer: InjectionObserver | None = None, halt: threading.Event | None = None
    ) -> None:
        from pynput import keyboard, mouse

        self._observer = observer
        self._lock = threading.RLock()
        self._mouse: Any = mouse.Controller()
        self._buttons: dict[PointerButton, Any] = {
            PointerButton.LEFT: mouse.Button.left,
            PointerButton.RIGHT: mouse.Button.right,
            PointerButton.MIDDLE: mouse.Button.middle,
            # X11 numbers the side buttons 8 and 9; Windows calls them x1 and x2.
            PointerButton.BACK: getattr(mouse.Button, "x1", None)
            or getattr(mouse.Button, "button8", None),
            PointerButton.FORWARD: getattr(mouse.Button, "x2", None)
            or getattr(mouse.Button, "button9", None),
        }
        self._wheel_rest = [0, 0]  # sub-notch remainders, x and y
        self._x11: Any = None
        self._keyboard: Any = None
        self._key_names: Any = keyboard.Key
        if on_x11():
            from shared.input.x11_keyboard import XTestKeyboard

            self._x11 = XTestKeyboard(on_key=self._key_observed, halt=halt)
        else:
            self._keyboard = keyboard.Controller()

    # -- pointer ------------------------------------------------------------------------------

    def move(self, x: int, y: int) -> None:
        with self._lock, _platform_errors():
            if tuple(self._mouse.position) == (x, y):
                return  # no event would come of it, so none to expect
            self._notify(InjectedEvent(InjectedKind.MOVE, x=x, y=y))
            self._mouse.position = (x, y)

    def button(self, button: PointerButton, down: bool) -> None:
        target = self._buttons.get(button)
        if target is None:
            raise InjectionError(f"no {button} button on this system")
        with self._lock:
            self._notify(InjectedEvent(InjectedKind.BUTTON, pressed=down, button=button))
            with _platform_errors():
                if down:
                    self._mouse.press(target)
                else:
                    self._mouse.release(target)

    def wheel(self, dx: int, dy: int) -> None:
        with self._lock:
            notches = []
            for axis, amount in enumerate((dx, dy)):
                total = self._wheel_rest[axis] + amount
                whole = int(total / WHEEL_NOTCH)  # towards zero; the rest waits for more
                self._wheel_rest[axis] = total - whole * WHEEL_NOTCH
                notches.append(whole)
            count = abs(notches[0]) + abs(notches[1])
            if count:
                self._notify(InjectedEvent(InjectedKind.WHEEL, count=count))
                with _platform_errors():
                    self._mouse.scroll(notches[0], notches[1])

    # -- keyboard -----------------------------------------------------------------------------

    def key(self, key: str, down: bool) -> None:
        with self._lock:
            if self._x11 is not None:
                self._x11_call(self._x11.key, key, down)
                return
            target = self._pynput_key(key)
            self._notify(InjectedEvent(InjectedKind.KEY, pressed=down))
            with _platform_errors():
                if down:
                    self._keyboard.press(target)
                else:
                    self._keyboard.release(target)

    def type_text(self, text: str) -> None:
        with self._lock:
            if self._x11 is not None:
                self._x11_call(self._x11.type_text, text)
                return
            for char in text:
                self._notify(InjectedEvent(InjectedKind.KEY, pressed=True))
                self._notify(InjectedEvent(InjectedKind.KEY, pressed=False))
                with _platform_errors():
                    self._keyboard.type(char)

    def close(self) -> None:
        with self._lock:
            if self._x11 is not None:
                self._x11.close()
                self._x11 = None

    # -- helpers ------------------------------------------------------------------------------

    def _pynput_key(self, key: str) -> Any:
        if len(key) == 1:
            return key
        try:
            return self._key_names[key]
        except KeyError:
            raise InjectionError(f"no key {key!r} on this system") from None

    def _x11_call(self, call: Callable[..., None], *args: Any) -> None:
        from Xlib.error import XError

        from shared.input.x11_keyboard import KeyInjectionError

        try:
            call(*args)
        except (KeyInjectionError, XError, OSError) as error:
            raise InjectionError(str(error)) from error

    def _key_observed(self, keycode: int, pressed: bool) -> None:
        self._notify(InjectedEvent(InjectedKind.KEY, pressed=pressed, keycode=keycode))

    def _notify(self, event: InjectedEvent) -> None:
        if self._observer is not None:
            self._observer(event)
