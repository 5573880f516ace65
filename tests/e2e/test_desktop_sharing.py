"""Desktop sharing end to end: the console on one X display, the customer's client and a known
test picture on another, real X input on both.

Steps, as a user does them: the agent requests control; the customer allows it from the
keyboard; the console shows the customer's screen (checked against the test picture); a click
in the viewer lands on the customer's display at the mapped pixel; text typed in the viewer,
accents and all, arrives in the customer's text field; the customer stops sharing; a second
request is refused and no video leaves the customer's machine.
"""

from __future__ import annotations

import sqlite3
import sys
import time

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.input.injector import PynputInjector
from shared.input.local_activity import QUIET_S
from shared.qt.frames import PaintableFrame
from shared.qt.screen_geometry import to_view
from shared.session.activities import ActivityState
from tests.e2e.conftest import CenterProcess
from tests.e2e.desktop_target import reference_picture
from tests.e2e.machines import CUSTOMER_SCREEN, PSNR_MIN_DB, CustomerMachine, psnr
from tests.e2e.test_session_ui import (
    WAIT_MS,
    _screenshot,
    _sign_in_and_start,
    _tool_button,
    click_when_visible,
)
from tests.xserver import click


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
