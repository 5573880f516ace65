"""Typing through remote control arrives exactly, in both directions: real X key events on the
viewer's display, a real text field on the other display, compared with what a local field
given the same key events holds. And when the sharer's own user takes control back, nothing
the controller types meanwhile arrives later, and typing resumes clean, the controller told.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import Xlib.display
import Xlib.X
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.input.injector import PynputInjector
from tests.e2e.conftest import CenterProcess
from tests.e2e.machines import WAIT_MS, CustomerMachine
from tests.e2e.sharing_steps import (
    control_paused,
    customer_allows,
    customer_joins_with_test_picture,
    wait_until_quiet,
)
from tests.e2e.test_show_my_desktop import agent_gives_control

PRINTABLE_ASCII = "".join(chr(code) for code in range(0x20, 0x7F))
DOUBLED = 'echo "Pa$$w0rd!! && ok" C:\\Users ((xx))::##__'  # the issue's own examples
FAST = "Fast20:typing!@#$%^&"  # 20 characters, 5 ms apart: 100 ms
NON_LATIN = "Привет, мир! Ελληνικά"
REPEATS = 6  # auto-repeats of a held key to wait for (the first comes after 660 ms on Xvfb)


class LocalField(QObject):
    """What a local text field makes of the key events the viewer gets: each one is given to
    a hidden QLineEdit as well."""

    def __init__(self, viewer: RemoteViewer) -> None:
        super().__init__(viewer)
        self.field = QLineEdit()
        self.released = False  # whether the last key event was a key going up for good
        viewer.view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
        ):
            copy = QKeyEvent(
                event.type(),
                event.key(),
                event.modifiers(),
                event.nativeScanCode(),
                event.nativeVirtualKey(),
                event.nativeModifiers(),
                event.text(),
                event.isAutoRepeat(),
            )
            QApplication.sendEvent(self.field, copy)
            self.released = event.type() == QEvent.Type.KeyRelease and not event.isAutoRepeat()
        return False

    def text(self) -> str:
        return self.field.text()


class RemoteField:
    """The text field on the other display, as its program reports it."""

    def __init__(self, machine: CustomerMachine) -> None:
        self.machine = machine
        self.value = ""

    def read(self) -> str:
        while not self.machine.reports.empty():
            entry = self.machine.reports.get_nowait()
            if entry["event"] == "text":
                self.value = entry["value"]
        return self.value

    def wait_for(self, qtbot: QtBot, expected: str) -> None:
        try:
            qtbot.waitUntil(lambda: self.read() == expected, timeout=WAIT_MS)
        except TimeoutError:
            # Shows both texts, and what the customer's programs said (a pause, a dropped key).
            assert self.read() == expected, self.machine.log_tails()
            raise


def _xdotool(*args: str) -> None:
    """Real X input on the viewer's display (the test's own)."""
    subprocess.run(["xdotool", *args], check=True, timeout=20)


def _once_quiet(
    qtbot: QtBot, viewer: RemoteViewer, consented: float, paused: Callable[[], bool]
) -> None:
    """The sharer's own key press (their consent) paused remote input for a moment, as any
    local input does: wait until that is over on both sides."""
    wait_until_quiet(qtbot, consented, paused)
    qtbot.waitUntil(lambda: viewer.view.input_gate.is_open, timeout=WAIT_MS)


def _type_every_kind(qtbot: QtBot, viewer: RemoteViewer, machine: CustomerMachine) -> RemoteField:
    """Types each kind of text the issue lists into the viewer; after each, the remote field
    holds exactly what the local field holds, and that is what was typed."""
    # The test picture's text field, its only focusable widget, gets the other keyboard.
    machine.xdotool("search", "--name", "Customer desktop", "windowfocus", "--sync")
    view = viewer.view
    viewer.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=WAIT_MS)
    local, remote = LocalField(viewer), RemoteField(machine)

    def arrives(typed: str) -> None:
        expected = remote.value + typed
        qtbot.waitUntil(lambda: local.text() == expected, timeout=WAIT_MS)
        remote.wait_for(qtbot, expected)

    _xdotool("type", "--delay", "8", "--", PRINTABLE_ASCII)
    arrives(PRINTABLE_ASCII)
    _xdotool("type", "--delay", "8", "--", DOUBLED)
    arrives(DOUBLED)
    _xdotool("keydown", "shift", "key", "9", "9", "0", "0", "keyup", "shift")  # shifted pairs
    arrives("(())")
    _xdotool("type", "--delay", "5", "--", FAST)
    arrives(FAST)

    # A held key: its auto-repeats arrive, as many as the local field takes.
    before = local.text()
    _xdotool("keydown", "z")
    try:
        qtbot.waitUntil(lambda: local.text().startswith(before + "z" * REPEATS), timeout=WAIT_MS)
    finally:
        _xdotool("keyup", "z")
    qtbot.waitUntil(lambda: local.released, timeout=WAIT_MS)
    remote.wait_for(qtbot, local.text())
    assert remote.value.startswith(before + "z" * REPEATS)

    # Non-Latin text: the keyboard types Cyrillic and Greek (keysyms mapped on spare keys).
    keyboard = PynputInjector()
    try:
        keyboard.type_text(NON_LATIN)
        arrives(NON_LATIN)
    finally:
        keyboard.close()
    return remote


def _shift_down_on(display: str) -> bool:
    x = Xlib.display.Display(display)
    try:
        keys = x.query_keymap()  # 32 bytes: one bit per keycode
        shift = x.get_modifier_mapping()[Xlib.X.ShiftMapIndex]
        return any(code and keys[code // 8] & (1 << (code % 8)) for code in shift)
    finally:
        x.close()


def test_agent_types_into_the_customers_desktop_and_the_customer_takes_control_back(
    qtbot: QtBot, console: Console, center_process: CenterProcess, customer_machine: CustomerMachine
) -> None:
    machine = customer_machine
    customer_joins_with_test_picture(qtbot, console, center_process, machine)
    viewer, consented = customer_allows(qtbot, console, machine, "button_request_control")
    paused = control_paused(console, viewer)
    _once_quiet(qtbot, viewer, consented, paused)
    remote = _type_every_kind(qtbot, viewer, machine)

    # The agent holds Shift; the customer takes control back with their own mouse. The held
    # key is let go on the customer's machine, and the agent sees the pause.
    before = remote.read()
    _xdotool("keydown", "shift")
    qtbot.waitUntil(lambda: _shift_down_on(machine.display), timeout=WAIT_MS)
    machine.xdotool("mousemove", "900", "600")
    qtbot.waitUntil(viewer.paused_label.isVisible, timeout=WAIT_MS)
    assert not _shift_down_on(machine.display)
    _xdotool("keyup", "shift")

    # The agent types on, slowly, through the customer's pause and past its end: none of it
    # is sent, then or later.
    typing = subprocess.Popen(
        ["xdotool", "type", "--delay", "200", "--", "typed-while-paused-and-after-it-ends"]
    )
    try:
        qtbot.waitUntil(lambda: not paused(), timeout=WAIT_MS)  # the customer's pause ends…
        assert typing.poll() is None  # …while the agent is still typing
        qtbot.waitUntil(lambda: typing.poll() is not None, timeout=WAIT_MS)
    finally:
        typing.kill()

    # Once the agent's keyboard is quiet, they are told that input goes again; what they type
    # from then on arrives whole.
    qtbot.waitUntil(viewer.resumed_label.isVisible, timeout=WAIT_MS)
    assert not viewer.paused_label.isVisible()
    assert viewer.resumed_label.text() == (
        "Your typing was paused while the customer used their computer; "
        "nothing you typed meanwhile was sent."
    )
    _xdotool("type", "--delay", "8", "--", "echo agent-after-takeback")
    remote.wait_for(qtbot, before + "echo agent-after-takeback")


def test_customer_types_into_the_agents_desktop(
    qtbot: QtBot, agent_machine: CustomerMachine, tmp_path: Path
) -> None:
    given = agent_gives_control(qtbot, agent_machine, tmp_path)
    _once_quiet(qtbot, given.viewer, given.accepted, lambda: given.activity().control_paused)
    _type_every_kind(qtbot, given.viewer, agent_machine)
