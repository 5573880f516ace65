"""Steps the desktop-sharing end-to-end tests share: the customer joins with the test picture
as their desktop, the agent asks for control (or a view) and the customer allows it, and the
wait for the customer's machine to be quiet after their consent."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Callable

from pytestqt.exceptions import TimeoutError as WaitTimedOut
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.consent_dialog import ALLOW_DELAY_MS
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.input.local_activity import QUIET_S
from tests.e2e.conftest import CenterProcess
from tests.e2e.machines import CUSTOMER_SCREEN, CustomerMachine
from tests.e2e.test_session_ui import (
    WAIT_MS,
    _sign_in_and_start,
    _tool_button,
    click_when_visible,
)


def customer_joins_with_test_picture(
    qtbot: QtBot, console: Console, center: CenterProcess, machine: CustomerMachine
) -> None:
    """The agent signs in and starts a session; the customer's client joins on the other
    machine, whose desktop then shows the test picture."""
    number = _sign_in_and_start(qtbot, console, center)
    join = ["--join", str(number), "--server", center.url, "--name", "Grace"]
    machine.start(
        sys.executable, "-m", "customer_client.main", *join, "--fingerprint", center.fingerprint
    )
    qtbot.waitUntil(lambda: console.controller.state.customer_linked, timeout=WAIT_MS)
    # The test picture opens last, over the client's own window, as the customer's desktop.
    machine.start(
        sys.executable, "-m", "tests.e2e.desktop_target", *map(str, CUSTOMER_SCREEN), reports=True
    )
    machine.next_report("ready", qtbot)


def customer_allows(
    qtbot: QtBot, console: Console, machine: CustomerMachine, button: str
) -> tuple[RemoteViewer, float]:
    """From the Desktop tab the agent clicks ``button`` (``button_request_control`` or
    ``button_request_view``) and the customer allows it from the keyboard; returns the one
    viewer window that opens and when the customer consented (``time.monotonic``)."""
    window = console.window
    window.tabs.setCurrentIndex(1)
    click_when_visible(qtbot, _tool_button(window, button))
    press_allow(qtbot, machine)
    consented = time.monotonic()
    viewers: dict[str, RemoteViewer] = console.controller.part("desktop").windows.viewers
    qtbot.waitUntil(lambda: len(viewers) == 1, timeout=WAIT_MS)
    return next(iter(viewers.values())), consented


def press_allow(qtbot: QtBot, machine: CustomerMachine) -> None:
    """The customer answers their consent dialog with Alt+A once Allow works (a moment after
    the dialog shows, ``ALLOW_DELAY_MS``); pressed again only if that one came too early."""
    title = "your permission"
    qtbot.waitUntil(lambda: bool(machine.windows_named(title)), timeout=WAIT_MS)
    qtbot.wait(ALLOW_DELAY_MS)  # the product's own delay, counted from the dialog showing
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        for window in machine.windows_named(title):
            # The dialog can go between search and press (a press before took after all).
            with contextlib.suppress(subprocess.CalledProcessError):
                machine.xdotool("windowfocus", "--sync", window)
                machine.xdotool("key", "--window", window, "alt+a")
        with contextlib.suppress(WaitTimedOut):
            qtbot.waitUntil(lambda: not machine.windows_named(title), timeout=ALLOW_DELAY_MS)
            return
    raise AssertionError("the consent dialog did not take Alt+A")


def control_paused(console: Console, viewer: RemoteViewer) -> Callable[[], bool]:
    """Whether the sharer's own input pauses the control ``viewer`` shows, asked afresh each
    call."""

    def paused() -> bool:
        sharing: SharingFeature | None = console.controller.part("desktop").feature
        assert sharing is not None
        return next(a for a in sharing.activities if a.id == viewer.activity.id).control_paused

    return paused


def wait_until_quiet(qtbot: QtBot, consented: float, paused: Callable[[], bool]) -> None:
    """The sharer's own key press (their consent) paused remote input for a moment, as any
    local input does: wait until that is over."""
    qtbot.waitUntil(
        lambda: time.monotonic() - consented > QUIET_S and not paused(), timeout=WAIT_MS
    )
