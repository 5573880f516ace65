"""The sharer's side of remote control: checks each input message, maps it, injects it.

Whether the sender holds a control grant is the session engine's check, made before ``apply``;
this class adds what only the sharing machine can know: the shared area (the wire's coordinates
are the shared screen's own pixels), whether the local user is busy with their own devices, and
which keys and buttons remote input holds down so none stays stuck, and which key combinations
never reach this desktop (``blocked_keys``).

Text is typed one character at a time, the lock let go between characters: Stop and the local
user's input take effect between two characters, never only at the end of a message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from shared.input.blocked_keys import Combination, blocked_by, blocked_combinations
from shared.input.injector import InjectionError, InputInjector
from shared.input.keys import control_char_key
from shared.input.local_activity import LocalActivityMonitor
from shared.protocol.screen import (
    KeyAction,
    KeyInput,
    MonitorInfo,
    PointerAction,
    PointerButton,
    PointerInput,
    TextInput,
)

log = logging.getLogger(__name__)

InputMessage = PointerInput | KeyInput | TextInput
PauseCallback = Callable[[bool], None]


class RemoteControl:
    """Applies remote input to this desktop while ``enabled`` and not stopped.

    ``on_pause(paused)`` is called when local input pauses remote input and when it resumes,
    so the controller can be told (``ControlState``). It may run on a listener thread.
    ``blocked`` is the set of key combinations never injected (the machine's configuration by
    default); ``halt`` is set on Stop and on the local user's input, so that what the injector
    may be waiting for ends at once (pass the injector's own).
    """

    def __init__(
        self,
        injector: InputInjector,
        area: MonitorInfo,
        activity: LocalActivityMonitor | None = None,
        on_pause: PauseCallback | None = None,
        blocked: Iterable[Combination] | None = None,
        halt: threading.Event | None = None,
    ) -> None:
        self._injector = injector
        self._blocked = frozenset(blocked_combinations() if blocked is None else blocked)
        self._halt = halt or threading.Event()
        self._area = area
        self._activity = activity
        self._on_pause = on_pause
        self._lock = threading.RLock()
        self._enabled = False
        self._stopped = False
        self._paused = False
        self._keys: list[str] = []  # held down by remote input, in the order pressed
        self._buttons: list[PointerButton] = []
        self._unsubscribe = activity.subscribe(self._local_activity) if activity else None
        if activity is not None and activity.active:
            self._paused = True

    # -- state -------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        with self._lock:
            self._enabled = value and not self._stopped
            if not self._enabled:
                self.release_all()

    @property
    def paused(self) -> bool:
        """Whether the local user's own input has paused remote input."""
        return self._paused

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def area(self) -> MonitorInfo:
        return self._area

    def set_area(self, area: MonitorInfo) -> None:
        """The viewer switched monitor: coordinates now refer to ``area``."""
        with self._lock:
            self._area = area

    def stop(self) -> None:
        """Release whatever remote input holds; nothing is injected any more."""
        self._halt.set()  # before the lock: text being typed lets go of it at the next character
        with self._lock:
            if self._stopped:
                return
            self.release_all()
            self._stopped = True
            self._enabled = False
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # -- input -------------------------------------------------------------------------------

    def apply(self, message: InputMessage) -> bool:
        """Inject ``message``; returns whether it was (text: whole). Refused input is logged
        and dropped."""
        if isinstance(message, TextInput):
            return self._text(message)
        with self._lock:
            refusal = self._refusal(message)
            if refusal:
                log.info("remote input dropped (%s): %s", refusal, message.type)
                return False
            try:
                if isinstance(message, PointerInput):
                    return self._pointer(message)
                return self._key(message.key, message.action is KeyAction.DOWN)
            except InjectionError as error:
                log.warning("remote input dropped: %s", error)
                return False

    def release_all(self) -> None:
        """Release every key and button remote input pressed and has not released."""
        with self._lock:
            for key in reversed(self._keys):
                self._safely(self._injector.key, key, False)
            for button in reversed(self._buttons):
                self._safely(self._injector.button, button, False)
            self._keys.clear()
            self._buttons.clear()

    # -- internals ---------------------------------------------------------------------------

    def _refusal(self, message: InputMessage) -> str:
        if self._stopped:
            return "control stopped"
        if not self._enabled:
            return "control not enabled"
        if self._paused or (self._activity is not None and self._activity.active):
            self._set_paused(True)
            return "the local user is using their own mouse or keyboard"
        if isinstance(message, PointerInput) and not (
            message.x < self._area.width and message.y < self._area.height
        ):
            return (
                f"({message.x}, {message.y}) outside the shared "
                f"{self._area.width}×{self._area.height} screen"
            )
        return ""

    def _pointer(self, message: PointerInput) -> bool:
        x, y = self._area.left + message.x, self._area.top + message.y
        action = message.action
        if action is PointerAction.WHEEL:
            self._injector.move(x, y)
            self._injector.wheel(message.dx, message.dy)
            return True
        if action is PointerAction.MOVE:
            self._injector.move(x, y)
            return True
        button = message.button or PointerButton.LEFT
        down = action is PointerAction.DOWN
        self._injector.move(x, y)
        if not down and button not in self._buttons:
            log.info(
                "remote input dropped: release of %s, which remote input does not hold", button
            )
            return False
        self._injector.button(button, down)
        if down and button not in self._buttons:
            self._buttons.append(button)
        elif not down:
            self._buttons.remove(button)
        return True

    def _text(self, message: TextInput) -> bool:
        text = message.text
        untypable = [c for c in text if not c.isprintable() and control_char_key(c) is None]
        if untypable:
            log.warning("remote text dropped: cannot type %r", untypable[0])
            return False
        for typed, char in enumerate(text):
            with self._lock:
                refusal = (
                    "halted" if self._halt.is_set() else self._refusal(message)
                ) or self._blocked_reason(*_keys_of(char))
                if refusal:
                    log.info(
                        "remote text cut after %d of %d characters (%s)", typed, len(text), refusal
                    )
                    return False
                try:
                    self._injector.type_text(char)
                except InjectionError as error:
                    log.warning("remote text cut after %d characters: %s", typed, error)
                    return False
        return True

    def _blocked_reason(self, *pressed: str) -> str:
        # Every key remote input holds, whatever its kind: the blocked set must never be held
        # at once, in whichever order its keys arrive.
        combination = blocked_by(self._blocked, self._keys, *pressed)
        if combination is None:
            return ""
        return "blocked key combination " + "+".join(sorted(combination))

    def _key(self, key: str, down: bool) -> bool:
        if not down and key not in self._keys:
            log.info("remote input dropped: release of %r, which it does not hold", key)
            return False
        blocked = self._blocked_reason(key) if down else ""
        if blocked:
            log.warning("remote input dropped: %s", blocked)
            return False
        self._injector.key(key, down)
        if down and key not in self._keys:
            self._keys.append(key)
        elif not down:
            self._keys.remove(key)
        return True

    def _local_activity(self, active: bool) -> None:
        if active:
            self._halt.set()  # before the lock: text being typed stops at the next character
        with self._lock:
            if self._stopped:
                return
            self._set_paused(active)

    def _set_paused(self, paused: bool) -> None:
        if paused == self._paused and not (paused and (self._keys or self._buttons)):
            return
        if paused:
            self.release_all()  # the local user gets a keyboard with no remote modifier down
        if paused == self._paused:
            return
        self._paused = paused
        if not paused and not self._stopped:
            self._halt.clear()
        if self._on_pause is not None:
            try:
                self._on_pause(paused)
            except Exception:
                log.exception("pause callback failed")

    def _safely(self, release: Callable[..., None], *args: object) -> None:
        try:
            release(*args)
        except InjectionError as error:
            log.warning("could not release %s: %s", args[0], error)


def _keys_of(char: str) -> tuple[str, ...]:
    """The keys typing ``char`` presses: its own, and Shift for a capital letter (so that
    "X" with Ctrl held is Ctrl+Shift+X)."""
    named = control_char_key(char)
    if named is not None:
        return (named,)
    if char != char.lower() and char.lower().upper() == char:
        return ("shift", char.lower())
    return (char,)
