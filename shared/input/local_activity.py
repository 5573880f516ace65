"""Is the local user using their own mouse or keyboard right now?

Remote input pauses while they are: the customer takes control back simply by using their own
devices. The listeners (pynput) see every device event, ours included — on X11 both our XTEST
events and, say, another program's XTEST events look alike — so the injector tells this monitor
what it is about to emit (``note_injected``), and a listener event that matches one of those
within ``MATCH_WINDOW_S`` is ours; any other event is the local user's.

Matching: a move by its exact target pixel; a button by which button and press/release; a wheel
notch by kind; a key by its keycode and press/release where the platform tells keycodes (X11; the
listener's idea of which *keysym* it was is unreliable for keys whose keysym was just mapped),
else by press/release alone. By keycode, an expectation left over (an event noted but never
emitted) cannot stand for the local user's keystrokes on other keys. Events a platform itself
flags as injected (``XSendEvent``, Windows' LLMHF_INJECTED) are never the local user's.

Callbacks (``on_change`` and subscribers) run on a listener or timer thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from shared.input.injector import InjectedEvent, InjectedKind, on_x11
from shared.protocol.screen import PointerButton

log = logging.getLogger(__name__)

# Local input keeps remote input paused until the local devices have been still this long.
QUIET_S: Final = 1.0
# How long after note_injected() the listener may report the event: the listener runs on its
# own connection and thread, behind whatever the X server and this process are busy with.
MATCH_WINDOW_S: Final = 1.0

ChangeCallback = Callable[[bool], None]

# pynput's button names (X11: button8/9; Windows: x1/x2) for the protocol's buttons.
_BUTTON_NAMES: Final[dict[str, PointerButton]] = {
    "left": PointerButton.LEFT,
    "right": PointerButton.RIGHT,
    "middle": PointerButton.MIDDLE,
    "button8": PointerButton.BACK,
    "x1": PointerButton.BACK,
    "button9": PointerButton.FORWARD,
    "x2": PointerButton.FORWARD,
}


@dataclass
class _Expected:
    event: InjectedEvent
    deadline: float
    left: int  # how many listener events it still accounts for


class LocalActivityMonitor:
    def __init__(
        self,
        quiet_s: float = QUIET_S,
        on_change: ChangeCallback | None = None,
        match_window_s: float = MATCH_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.on_change = on_change
        self._quiet_s = quiet_s
        self._window_s = match_window_s
        self._clock = clock
        self._lock = threading.Condition()
        self._expected: deque[_Expected] = deque()
        self._subscribers: list[ChangeCallback] = []
        self._active = False
        self._last_local = 0.0
        self._running = False
        self._listeners: list[Any] = []
        self._timer: threading.Thread | None = None
        # Callbacks run one at a time, each with the state current when it runs, so the last one
        # called always tells the truth even when a flip and its reverse race.
        self._emit_lock = threading.Lock()
        self._reported = False
        # Counts, for diagnostics and tests: events noted as ours, listener events recognised
        # as ours, listener events that were the local user's.
        self.noted = 0
        self.matched = 0
        self.local_events = 0

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start listening to the local devices (and the thread that ends the active spell)."""
        from pynput import mouse

        with self._lock:
            if self._running:
                return
            self._running = True
        self._timer = threading.Thread(target=self._quiet_loop, name="local-activity", daemon=True)
        self._timer.start()
        self._listeners = [
            mouse.Listener(
                on_move=self._on_move, on_click=self._on_click, on_scroll=self._on_scroll
            ),
            self._keyboard_listener(),
        ]
        for listener in self._listeners:
            listener.start()
        for listener in self._listeners:
            listener.wait()  # recording from here on

    def stop(self) -> None:
        with self._lock:
            if not self._running:
                return
            self._running = False
            self._lock.notify_all()
        for listener in self._listeners:
            listener.stop()
            _wake_x11_listener(listener)
        for listener in self._listeners:
            listener.join(5)
        self._listeners = []
        if self._timer is not None:
            self._timer.join(5)
            self._timer = None

    # -- state -------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """Whether the local user has used their mouse or keyboard in the last ``quiet_s``."""
        with self._lock:
            return self._active

    def subscribe(self, callback: ChangeCallback) -> Callable[[], None]:
        """Call ``callback(active)`` whenever ``active`` flips; returns the unsubscriber."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    # -- what the injector emits --------------------------------------------------------------

    def note_injected(self, event: InjectedEvent) -> None:
        """Our injector is about to emit ``event``: its echo from the listeners is not the
        local user's. Call before emitting, so the echo cannot come first."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            self._expected.append(_Expected(event, now + self._window_s, max(1, event.count)))
            self.noted += max(1, event.count)

    # -- what the listeners see (public so the logic is testable without a display) -----------

    def observe(self, event: InjectedEvent, injected: bool = False) -> bool:
        """A device event seen by a listener; returns whether it counted as the local user's."""
        if injected:
            return False
        with self._lock:
            now = self._clock()
            self._expire(now)
            for expected in self._expected:
                if _matches(expected.event, event):
                    expected.left -= 1
                    if expected.left <= 0:
                        self._expected.remove(expected)
                    self.matched += 1
                    return False
            self.local_events += 1
            self._last_local = now
            flipped = not self._active
            self._active = True
            self._lock.notify_all()
        if flipped:
            log.info("local input: remote input pauses")
            self._report()
        return True

    def _on_move(self, x: int, y: int, injected: bool = False) -> None:
        self.observe(InjectedEvent(InjectedKind.MOVE, x=int(x), y=int(y)), injected)

    def _on_click(self, x: int, y: int, button: Any, pressed: bool, injected: bool = False) -> None:
        name = getattr(button, "name", str(button))
        event = InjectedEvent(InjectedKind.BUTTON, pressed=pressed, button=_BUTTON_NAMES.get(name))
        self.observe(event, injected)

    def _on_scroll(self, x: int, y: int, dx: int, dy: int, injected: bool = False) -> None:
        self.observe(InjectedEvent(InjectedKind.WHEEL), injected)

    def _on_press(self, key: Any, injected: bool = False) -> None:
        self.observe(InjectedEvent(InjectedKind.KEY, pressed=True), injected)

    def _on_release(self, key: Any, injected: bool = False) -> None:
        self.observe(InjectedEvent(InjectedKind.KEY, pressed=False), injected)

    def _on_x11_key(self, keycode: int, pressed: bool, injected: bool) -> None:
        self.observe(InjectedEvent(InjectedKind.KEY, pressed=pressed, keycode=keycode), injected)

    def _keyboard_listener(self) -> Any:
        """pynput's keyboard listener; on X11 one that reports each event's keycode."""
        from pynput import keyboard

        if not on_x11():
            return keyboard.Listener(on_press=self._on_press, on_release=self._on_release)
        import Xlib.X

        monitor = self

        class KeycodeListener(keyboard.Listener):  # type: ignore[misc]
            # pynput's X11 listener hands each recorded event here (pynput 1.8).
            def _handle_message(self, display: Any, event: Any, injected: bool) -> None:
                pressed = event.type == Xlib.X.KeyPress
                monitor._on_x11_key(int(event.detail), pressed, bool(injected))

        return KeycodeListener()

    # -- internals ---------------------------------------------------------------------------

    def _expire(self, now: float) -> None:
        while self._expected and self._expected[0].deadline < now:
            self._expected.popleft()

    def _quiet_loop(self) -> None:
        """Turns ``active`` off once the local devices have been still for ``quiet_s``."""
        with self._lock:
            while self._running:
                if not self._active:
                    self._lock.wait()
                    continue
                remaining = self._last_local + self._quiet_s - self._clock()
                if remaining > 0:
                    self._lock.wait(remaining)
                    continue
                self._active = False
                self._lock.release()
                try:
                    log.info("local input quiet: remote input resumes")
                    self._report()
                finally:
                    self._lock.acquire()

    def _report(self) -> None:
        with self._emit_lock:
            with self._lock:
                active = self._active
                if active == self._reported:
                    return
                self._reported = active
                callbacks = [self.on_change, *self._subscribers]
            for callback in callbacks:
                if callback is None:
                    continue
                try:
                    callback(active)
                except Exception:
                    log.exception("local activity callback failed")


def _wake_x11_listener(listener: Any) -> None:
    """pynput's X11 listener only ends at the next device event after ``stop()`` (its record
    context is disabled on the wrong connection; pynput pull request #583): disable it on the
    listener's other connection, as that fix does."""
    display = getattr(listener, "_display_stop", None)
    context = getattr(listener, "_context", None)
    if display is None or context is None:
        return
    try:
        display.record_disable_context(context)
        display.flush()
    except Exception:  # already closed: the listener has ended anyway
        log.debug("X11 listener already stopped", exc_info=True)


def _matches(expected: InjectedEvent, seen: InjectedEvent) -> bool:
    if expected.kind is not seen.kind:
        return False
    if expected.kind is InjectedKind.MOVE:
        return (expected.x, expected.y) == (seen.x, seen.y)
    if expected.kind is InjectedKind.BUTTON:
        return expected.pressed == seen.pressed and expected.button == seen.button
    if expected.kind is InjectedKind.KEY:
        keycodes = (expected.keycode, seen.keycode)
        same_key = None in keycodes or keycodes[0] == keycodes[1]
        return expected.pressed == seen.pressed and same_key
    return True  # a wheel notch
