"""Desktop sharing end to end: the console on one X display, the customer's client and a known
test picture on another, real X input on both.

Steps, as a user does them: the agent requests control; the customer allows it from the
keyboard; the console shows the customer's screen (checked against the test picture); a click
in the viewer lands on the customer's display at the mapped pixel; text typed in the viewer,
accents and all, arrives in the customer's text field; the customer stops sharing; a second
request is refused and no video leaves the customer's machine.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.input.injector import PynputInjector
from shared.input.local_activity import QUIET_S
from shared.qt.frames import PaintableFrame
from shared.qt.screen_geometry import to_view
from shared.session.activities import ActivityState
from tests.e2e.conftest import CenterProcess
from tests.e2e.desktop_target import FIELD, reference_picture
from tests.e2e.test_session_ui import (
    WAIT_MS,
    _screenshot,
    _sign_in_and_start,
    _tool_button,
    click_when_visible,
)
from tests.xserver import click, start_display

CUSTOMER_SCREEN = (1280, 720)
PSNR_MIN_DB = 35.0


@dataclass
class CustomerMachine:
    """The customer's own X display, with the test picture and the Tandem client on it."""

    display: str
    env: dict[str, str]
    reports: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)
    processes: list[subprocess.Popen[str]] = field(default_factory=list)

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=20, check=True
        )
        return done.stdout

    def windows_named(self, window_name: str) -> list[str]:
        done = subprocess.run(
            ["xdotool", "search", "--name", window_name],
            env=self.env,
            capture_output=True,
            text=True,
        )
        return done.stdout.split()

    def focus_and_press(self, qtbot: QtBot, window_name: str, keys: str) -> None:
        """Give the named window the keyboard (as a click on it would) and press ``keys``.
        Waits with Qt's loop running, so the console goes on working meanwhile."""
        found: list[str] = []

        def shown() -> bool:
            found[:] = self.windows_named(window_name)
            return bool(found)

        qtbot.waitUntil(shown, timeout=WAIT_MS)
        self.xdotool("windowfocus", "--sync", found[0])
        self.xdotool("key", "--window", found[0], keys)

    def window_rect(self, window_name: str) -> tuple[int, int, int, int] | None:
        try:
            window = self.xdotool("search", "--name", window_name).split()[0]
        except subprocess.CalledProcessError:
            return None
        shape = dict(
            line.split("=", 1)
            for line in self.xdotool("getwindowgeometry", "--shell", window).split()
        )
        return int(shape["X"]), int(shape["Y"]), int(shape["WIDTH"]), int(shape["HEIGHT"])

    def start(self, *command: str, reports: bool = False) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            list(command),
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.processes.append(process)
        if reports:
            threading.Thread(target=self._read, args=(process,), daemon=True).start()
        return process

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("{"):
                self.reports.put(json.loads(line))

    def next_report(self, event: str, qtbot: QtBot) -> dict[str, Any]:
        """The next report of kind ``event`` from the test picture's program, waiting with Qt's
        loop running (the console has work to do meanwhile)."""
        found: list[dict[str, Any]] = []

        def arrived() -> bool:
            while not found and not self.reports.empty():
                entry = self.reports.get_nowait()
                if entry["event"] == event:
                    found.append(entry)
            return bool(found)

        qtbot.waitUntil(arrived, timeout=WAIT_MS)
        return found[0]


@pytest.fixture
def customer_machine(tmp_path: Path) -> Iterator[CustomerMachine]:
    width, height = CUSTOMER_SCREEN
    xvfb, display = start_display(f"{width}x{height}x24")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "XDG_CONFIG_HOME": str(tmp_path / "customer-config")}  # fmt: skip
    machine = CustomerMachine(display, env)
    yield machine
    for process in machine.processes:
        process.terminate()
    for process in machine.processes:
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    xvfb.terminate()
    xvfb.wait(10)


def _rgb(image: QImage) -> np.ndarray:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(rgb.constBits(), np.uint8, rgb.sizeInBytes())
    rows = data.reshape(rgb.height(), rgb.bytesPerLine())[:, : rgb.width() * 3]
    return rows.reshape(rgb.height(), rgb.width(), 3).copy()  # the QImage dies with this call


def psnr(shown: QImage, expected: QImage, indicator: tuple[int, int, int, int] | None) -> float:
    """PSNR over the test picture, leaving out what stands on it: the text field, and the
    customer's always-on-top sharing indicator."""
    a, b = _rgb(shown).astype(np.float64), _rgb(expected).astype(np.float64)
    mask = np.ones(a.shape[:2], bool)
    field = (FIELD.x(), FIELD.y(), FIELD.width(), FIELD.height())
    for x, y, w, h in [field] + ([indicator] if indicator else []):
        mask[max(0, y) : y + h, max(0, x) : x + w] = False
    mse = float(np.mean((a[mask] - b[mask]) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255.0**2 / mse)


def test_control_the_customers_desktop(
    qtbot: QtBot, console: Console, center_process: CenterProcess, customer_machine: CustomerMachine
) -> None:
    number = _sign_in_and_start(qtbot, console, center_process)
    machine = customer_machine
    join = ["--join", str(number), "--server", center_process.url, "--name", "Grace"]
    machine.start(
        sys.executable,
        "-m",
        "customer_client.main",
        *join,
        "--fingerprint",
        center_process.fingerprint,
    )
    window = console.window
    qtbot.waitUntil(lambda: console.controller.state.customer_linked, timeout=WAIT_MS)
    # The test picture opens last, over the client's own window, as the customer's desktop.
    machine.start(
        sys.executable, "-m", "tests.e2e.desktop_target", *map(str, CUSTOMER_SCREEN), reports=True
    )
    machine.next_report("ready", qtbot)

    # The agent asks for control; the customer allows it.
    window.tabs.setCurrentIndex(1)
    click_when_visible(qtbot, _tool_button(window, "button_request_control"))
    machine.focus_and_press(qtbot, "your permission", "alt+a")
    consented = time.monotonic()
    viewers = window.sharing_windows.viewers
    qtbot.waitUntil(lambda: len(viewers) == 1, timeout=WAIT_MS)
    activity_id, viewer = next(iter(viewers.items()))
    expected = reference_picture(*CUSTOMER_SCREEN)

    def matches() -> bool:
        frame: PaintableFrame | None = viewer.view._frame
        if frame is None or frame.image.size() != expected.size():
            return False
        return psnr(frame.image, expected, machine.window_rect("Tandem — sharing")) >= PSNR_MIN_DB

    qtbot.waitUntil(matches, timeout=2000)  # the figure: within 2 s of consent
    print(f"consent to matching frame: {time.monotonic() - consented:.3f} s")
    _screenshot("sharing-control-console")

    # The customer's own key press (Alt+A) paused remote input for a moment, as any local input
    # does; the click goes once the customer's machine is quiet again.
    sharing = console.controller.sharing
    assert sharing is not None

    def quiet() -> bool:
        current = next(a for a in sharing.activities if a.id == activity_id)
        return time.monotonic() - consented > QUIET_S and not current.control_paused

    qtbot.waitUntil(quiet, timeout=WAIT_MS)

    # A click in the viewer lands at the mapped pixel of the customer's display.
    view = viewer.view
    target = (400, 170)  # inside the customer's text field
    at = to_view(*target, view.image_rect(), view.remote_size)
    click(view.viewport(), QPoint(round(at.x()), round(at.y())))
    landed = machine.next_report("click", qtbot)
    assert (landed["x"], landed["y"]) == target

    # Typed text, accents and all, arrives exactly (real X keyboard input into the viewer).
    machine.xdotool("search", "--name", "Customer desktop", "windowfocus", "--sync")
    viewer.activateWindow()
    qtbot.waitUntil(view.hasFocus, timeout=WAIT_MS)
    typed = "Grüße é ß € ok"
    keyboard = PynputInjector()
    try:
        keyboard.type_text(typed)
        texts: list[str] = [""]

        def typed_in() -> bool:
            while not machine.reports.empty():
                entry = machine.reports.get_nowait()
                if entry["event"] == "text":
                    texts.append(entry["value"])
            return texts[-1] == typed

        qtbot.waitUntil(typed_in, timeout=WAIT_MS)
    finally:
        keyboard.close()

    # The customer stops sharing from the indicator; the stream ends within 1 s.
    machine.focus_and_press(qtbot, "Tandem — sharing", "alt+s")
    pressed = time.monotonic()

    def stopped() -> bool:
        return any(
            a.id == activity_id and a.state == ActivityState.STOPPED for a in sharing.activities
        )

    qtbot.waitUntil(stopped, timeout=1000)
    print(f"customer's Stop to stream ended: {time.monotonic() - pressed:.3f} s")
    qtbot.waitUntil(lambda: not viewers, timeout=WAIT_MS)

    # Asked again, the customer refuses: nothing is streamed.
    click_when_visible(qtbot, _tool_button(window, "button_request_view"))
    machine.focus_and_press(qtbot, "your permission", "alt+r")
    qtbot.waitUntil(
        lambda: any(a.state == ActivityState.REFUSED for a in sharing.activities), timeout=WAIT_MS
    )
    assert not viewers
    with sqlite3.connect(center_process.data_dir / "center.sqlite3") as db:
        report = [
            f"{actor}|{kind}" for actor, kind in db.execute("SELECT actor, kind FROM audit_events")
        ]
    streamed = [line for line in report if line == "Grace|peer.sharing.streaming"]
    assert len(streamed) == 1  # the control activity only; the refused one sent no video
    assert "Grace|peer.sharing.answered" in report
