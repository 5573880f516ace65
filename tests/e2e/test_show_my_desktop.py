"""The other direction, end to end: the agent's console runs on its own X display and gives
the customer control of the agent's desktop; the customer's client (here, on the test's own
display) views it and clicks in it; the agent takes control back by using their own mouse.

The same sharing code runs as in tests/e2e/test_desktop_sharing.py, roles swapped.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from customer_client.main import create_client
from customer_client.ui.window import ClientWindow
from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.input.local_activity import QUIET_S
from shared.qt.pins import remember_pin
from shared.qt.screen_geometry import to_view
from tests.e2e.desktop_target import reference_picture
from tests.e2e.machines import CUSTOMER_SCREEN, PSNR_MIN_DB, WAIT_MS, CustomerMachine, psnr
from tests.xserver import click


def _open_session(qtbot: QtBot, data_dir: Path) -> int:
    found: list[int] = []

    def opened() -> bool:
        database = data_dir / "center.sqlite3"
        if database.exists():
            with sqlite3.connect(database) as db:
                found[:] = [
                    n for (n,) in db.execute("SELECT number FROM sessions WHERE status='open'")
                ]
        return bool(found)

    qtbot.waitUntil(opened, timeout=WAIT_MS)
    return found[0]


@dataclass
class GivenControl:
    """The customer's client viewing, with control, the agent's desktop on ``machine``."""

    client: ClientWindow
    viewer: RemoteViewer
    accepted: float  # when the customer allowed it (monotonic clock)

    def activity(self) -> Activity:
        sharing: SharingFeature | None = self.client.controller.part("desktop").feature
        assert sharing is not None
        return next(a for a in sharing.activities if a.id == self.viewer.activity.id)


def agent_gives_control(qtbot: QtBot, machine: CustomerMachine, tmp_path: Path) -> GivenControl:
    """The agent's console (on ``machine``) opens a session, the customer's client (on the
    test's display) joins, and the agent gives control of their desktop, which shows the test
    picture; returns once the customer's viewer shows it."""
    data_dir = tmp_path / "demo-center"
    machine.env.update({"HOME": str(tmp_path / "agent-home"), "TANDEM_DEMO_DATA": str(data_dir)})
    console = machine.start(sys.executable, "-m", "csr_console.main", "--demo", "--demo-port", "0")
    assert console.stdout is not None
    line = console.stdout.readline()  # "Demo support center on URL (certificate FP)"
    url, fingerprint = line.split(" on ", 1)[1].split(" (certificate ")
    fingerprint = fingerprint.rstrip(")\n")

    # The agent starts a session from the keyboard.
    machine.focus_and_press(qtbot, "Tandem Console", "ctrl+n")
    number = _open_session(qtbot, data_dir)

    # The customer joins from their own client (on the test's display).
    remember_pin(url, fingerprint)
    client = create_client(url)
    qtbot.addWidget(client)
    client.move(0, 0)
    client.show()
    client.prefill(number, "Grace", None)
    client.submit_join()
    qtbot.waitUntil(
        lambda: client.helper_label.text() == "Demo Agent is helping you.", timeout=WAIT_MS
    )

    # The agent's desktop shows the test picture, over the console's own window.
    machine.start(
        sys.executable, "-m", "tests.e2e.desktop_target", *map(str, CUSTOMER_SCREEN), reports=True
    )
    machine.next_report("ready", qtbot)

    # The agent gives control of their desktop; the customer accepts (a real click on Allow).
    machine.focus_and_press(qtbot, "Tandem Console", "ctrl+shift+g")
    dialogs: list[QWidget] = []

    def asked() -> bool:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        dialogs[:] = [w for w in shown if w.objectName() == "consentDialog"]
        return bool(dialogs)

    qtbot.waitUntil(asked, timeout=WAIT_MS)
    allow = dialogs[0].findChild(QPushButton, "consentOk")
    assert allow is not None
    qtbot.waitUntil(allow.isEnabled, timeout=WAIT_MS)  # Allow works a moment after it shows
    click(allow)
    accepted = time.monotonic()

    viewers: dict[str, RemoteViewer] = client.controller.part("desktop").windows.viewers
    qtbot.waitUntil(lambda: len(viewers) == 1, timeout=WAIT_MS)
    viewer = next(iter(viewers.values()))
    expected = reference_picture(*CUSTOMER_SCREEN)

    def matches() -> bool:
        frame = viewer.view._frame
        if frame is None or frame.image.size() != expected.size():
            return False
        return psnr(frame.image, expected, machine.window_rect("Tandem — sharing")) >= PSNR_MIN_DB

    qtbot.waitUntil(matches, timeout=WAIT_MS)
    return GivenControl(client, viewer, accepted)


def test_give_control_of_the_agents_desktop(
    qtbot: QtBot, agent_machine: CustomerMachine, tmp_path: Path
) -> None:
    machine = agent_machine
    given = agent_gives_control(qtbot, machine, tmp_path)
    viewer, activity = given.viewer, given.activity

    # The customer clicks in the agent's desktop, once the agent's own keys are quiet.
    qtbot.waitUntil(
        lambda: time.monotonic() - given.accepted > QUIET_S and not activity().control_paused,
        timeout=WAIT_MS,
    )
    view = viewer.view
    target = (400, 170)
    at = to_view(*target, view.image_rect(), view.remote_size)
    click(view.viewport(), QPoint(round(at.x()), round(at.y())))
    landed = machine.next_report("click", qtbot)
    assert (landed["x"], landed["y"]) == target

    # The agent takes control back simply by moving their own mouse: the customer is told.
    machine.xdotool("mousemove", "900", "500")
    qtbot.waitUntil(lambda: activity().control_paused, timeout=WAIT_MS)
    assert activity().state == ActivityState.ACTIVE
