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
import time

from PySide6.QtCore import QPoint, QPointF
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.features.desktop.activities import ActivityState
from shared.features.desktop.console_tab import DesktopTab
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.frames import PaintableFrame
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.input.injector import PynputInjector
from shared.qt.screen_geometry import to_view
from tests.e2e.conftest import CenterProcess
from tests.e2e.desktop_target import reference_picture
from tests.e2e.machines import CUSTOMER_SCREEN, PSNR_MIN_DB, CustomerMachine, psnr
from tests.e2e.sharing_steps import (
    control_paused,
    customer_allows,
    customer_joins_with_test_picture,
    press_allow,
    wait_until_quiet,
)
from tests.e2e.test_session_ui import (
    WAIT_MS,
    _screenshot,
    _tool_button,
    click_when_visible,
)
from tests.xserver import click


def _click_lands(
    qtbot: QtBot,
    console: Console,
    machine: CustomerMachine,
    viewer: RemoteViewer,
    consented: float,
) -> None:
    """Once the customer's machine is quiet after their consent (their own key press paused
    remote input for a moment, as any local input does), a real click in the viewer lands at
    the mapped pixel of the customer's display."""
    wait_until_quiet(qtbot, consented, control_paused(console, viewer))
    view = viewer.view
    target = (400, 170)  # inside the customer's text field
    at = to_view(*target, view.image_rect(), view.remote_size)
    point = QPoint(round(at.x()), round(at.y()))
    # Scaled down, not every pixel of the customer's screen has one of its own in the viewer:
    # the click lands on the pixel the viewer maps the clicked one to, next to the one aimed at.
    mapped = view.remote_point(QPointF(point))
    assert abs(mapped[0] - target[0]) <= 1 and abs(mapped[1] - target[1]) <= 1
    click(view.viewport(), point)
    landed = machine.next_report("click", qtbot)
    assert (landed["x"], landed["y"]) == mapped


def test_control_the_customers_desktop(
    qtbot: QtBot, console: Console, center_process: CenterProcess, customer_machine: CustomerMachine
) -> None:
    machine = customer_machine
    customer_joins_with_test_picture(qtbot, console, center_process, machine)
    window = console.window

    # The agent asks for control; the customer allows it.
    viewer, consented = customer_allows(qtbot, console, machine, "button_request_control")
    viewers: dict[str, RemoteViewer] = console.controller.part("desktop").windows.viewers
    (activity_id,) = viewers
    expected = reference_picture(*CUSTOMER_SCREEN)

    def matches() -> bool:
        frame: PaintableFrame | None = viewer.view._frame
        if frame is None or frame.image.size() != expected.size():
            return False
        return psnr(frame.image, expected, machine.window_rect("Tandem — sharing")) >= PSNR_MIN_DB

    qtbot.waitUntil(matches, timeout=2000)  # the figure: within 2 s of consent
    print(f"consent to matching frame: {time.monotonic() - consented:.3f} s")
    _screenshot("sharing-control-console")

    _click_lands(qtbot, console, machine, viewer, consented)
    sharing: SharingFeature | None = console.controller.part("desktop").feature
    assert sharing is not None

    # Typed text, accents and all, arrives exactly (real X keyboard input into the viewer).
    view = viewer.view
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


def test_control_after_view_keeps_the_one_viewer_window(
    qtbot: QtBot, console: Console, center_process: CenterProcess, customer_machine: CustomerMachine
) -> None:
    machine = customer_machine
    customer_joins_with_test_picture(qtbot, console, center_process, machine)
    window = console.window
    viewer, _ = customer_allows(qtbot, console, machine, "button_request_view")
    viewers: dict[str, RemoteViewer] = console.controller.part("desktop").windows.viewers
    ((activity_id, only),) = viewers.items()
    assert only is viewer
    qtbot.waitUntil(lambda: viewer.view._frame is not None, timeout=WAIT_MS)
    assert not viewer.view.control

    desktop_tab = window.panels.built["desktop"].widget
    assert isinstance(desktop_tab, DesktopTab)

    # Request control from the same console (as its Desktop button or Ctrl+Shift+K does);
    # the customer is asked again and allows it.
    window.registry.action("request_control").trigger()
    qtbot.waitUntil(
        lambda: desktop_tab.status.text() == "Waiting for Grace to accept control…",
        timeout=WAIT_MS,
    )
    press_allow(qtbot, machine)
    consented = time.monotonic()
    qtbot.waitUntil(lambda: viewer.view.control, timeout=WAIT_MS)
    assert viewers == {activity_id: viewer}  # the same window, not a second one
    assert viewer.isVisible() and viewer.activity.with_control
    _screenshot("sharing-view-then-control")
    _click_lands(qtbot, console, machine, viewer, consented)
