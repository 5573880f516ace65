"""A three-peer session end to end, each program on its own computer: Ada's console (the agent in
charge) runs as its own process on the agent's display, Grace's client with the test picture as
her desktop on the customer's display, and Bob's console (an assistant agent) on the test's own
display. Everything goes through real windows and real X input.

Bob joins by the session's number; his primary-only actions are off, saying why, and a modified
console (his, calling the center directly) is refused. Ada views Grace's desktop: Bob's console
opens a read-only window whose picture matches Grace's screen (the frames Ada's console forwards,
so Ada's view has them too). Ada hands control to Bob from the keyboard (the sharing ends on
every side), Bob hands it back with his Transfer control dialog. Then Ada's console is killed
(SIGKILL): Bob is told he can take over until the reconnect window closes, takes over, and Grace
is still in the session, now helped by Bob."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import mss
import mss.tools
import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QToolButton
from pytestqt.exceptions import TimeoutError as WaitTimedOut
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.actions import Group
from csr_console.ui.role_dialogs import JoinAssistDialog, TransferDialog
from shared.features.desktop.forwarded_viewer import ForwardedViewer
from shared.protocol.messages import EndSession
from shared.session.join_link import format_session_number
from shared.session.state import SessionState
from tests.e2e.conftest import CenterProcess
from tests.e2e.desktop_target import reference_picture
from tests.e2e.machines import CUSTOMER_SCREEN, PSNR_MIN_DB, WAIT_MS, CustomerMachine, psnr
from tests.e2e.sharing_steps import press_allow
from tests.e2e.test_session_ui import _tool_button, click_when_visible
from tests.e2e.test_show_my_desktop import _open_session
from tests.helpers import AGENT_NAME, AGENT_PASSWORD
from tests.xserver import click, key, type_text

BOB_USER, BOB_NAME = "bob", "Bob Assistant"
SHOTS = Path(os.environ.get("TANDEM_SHOTS", "/tmp/tandem-assistant-shots"))


def _screenshot(display: str, name: str) -> None:
    """The whole of ``display``, as a person at that computer sees it."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    opening = getattr(mss, "MSS", None) or mss.mss  # (mss 10.2 deprecates the factory)
    with opening(display=display) as screen:
        shot = screen.grab(screen.monitors[0])
        mss.tools.to_png(shot.rgb, shot.size, output=str(SHOTS / f"{name}.png"))


def _add_bob(center: CenterProcess) -> None:
    subprocess.run(
        [sys.executable, "-m", "support_center.cli", "--data-dir", str(center.data_dir),
         "add-agent", BOB_USER, "--name", BOB_NAME, "--password-stdin"],
        input=AGENT_PASSWORD + "\n", text=True, check=True, capture_output=True, timeout=60,
    )  # fmt: skip


def _ada_starts(
    qtbot: QtBot, center: CenterProcess, agent: CustomerMachine, tmp_path: Path
) -> tuple[subprocess.Popen[str], int]:
    """Ada's console, its own process on the agent's computer, signed in; she starts a
    session from the keyboard. Her console process and the session's number."""
    agent.env["TANDEM_CONSOLE_DATA"] = str(tmp_path / "ada-data")
    process = agent.start(
        sys.executable, "-m", "tests.notes.console_process",
        center.url, center.fingerprint, str(tmp_path / "ada.ini"),
    )  # fmt: skip
    agent.focus_and_press(qtbot, "Tandem Console", "ctrl+n")
    return process, _open_session(qtbot, center.data_dir)


def _grace_joins(
    qtbot: QtBot, center: CenterProcess, customer: CustomerMachine, number: int
) -> None:
    """Grace's client joins from the customer's computer (seated at the center)."""
    join = ["--join", str(number), "--server", center.url, "--name", "Grace"]
    customer.start(
        sys.executable, "-m", "customer_client.main", *join, "--fingerprint", center.fingerprint
    )

    def seated() -> bool:
        with sqlite3.connect(center.data_dir / "center.sqlite3") as db:
            query = "SELECT 1 FROM participants WHERE session_number = ? AND role = 'customer'"
            return bool(db.execute(query, (number,)).fetchall())

    qtbot.waitUntil(seated, timeout=WAIT_MS)


def _test_picture(qtbot: QtBot, customer: CustomerMachine) -> None:
    """The test picture opens last, over the client's window, as the customer's desktop."""
    customer.start(
        sys.executable, "-m", "tests.e2e.desktop_target", *map(str, CUSTOMER_SCREEN), reports=True
    )
    customer.next_report("ready", qtbot)


@pytest.fixture
def bob(qtbot: QtBot, tmp_path: Path) -> Iterator[Console]:
    """Bob's console, on the test's own display; its windows all close after the test."""
    console = Console(QSettings(str(tmp_path / "bob.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(console.login)
    yield console
    console.faces.quit()


def _bob_signs_in(qtbot: QtBot, bob: Console, center: CenterProcess) -> Console:
    bob.controller.sign_in(center.url, center.fingerprint, BOB_USER, AGENT_PASSWORD)
    qtbot.waitUntil(lambda: bob.controller.state.signed_in, timeout=WAIT_MS)
    window = bob.window
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    window.move(0, 0)
    qtbot.waitExposed(window)
    return bob


def _bob_joins(qtbot: QtBot, bob: Console, number: int) -> None:
    """Join as assistant…, from the Session tab, the number typed in."""
    window = bob.window
    window.show_tab(Group.SESSION)
    _click_in_view(qtbot, _tool_button(window, "button_join_assist"))
    qtbot.waitUntil(lambda: bob.actions.assist_dialog is not None, timeout=WAIT_MS)
    dialog = bob.actions.assist_dialog
    assert isinstance(dialog, JoinAssistDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    click(dialog.number)
    qtbot.waitUntil(dialog.number.hasFocus, timeout=WAIT_MS)
    type_text(format_session_number(number))
    qtbot.waitUntil(lambda: dialog.number.text() == format_session_number(number), timeout=WAIT_MS)
    key("Return")
    slot = bob.controller.current
    qtbot.waitUntil(lambda: slot.state.is_assistant and slot.state.customer_linked, timeout=WAIT_MS)


def _click_in_view(qtbot: QtBot, button: QToolButton) -> None:
    """Click ``button`` once it is enabled and scrolled into its row's view, where it stays (a
    button that just showed may widen the window and move)."""
    area = button.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    places: list[QPoint] = []

    def settled() -> bool:
        if area is not None:
            area.ensureWidgetVisible(button)
        places.append(button.mapToGlobal(button.rect().center()))
        return button.isEnabled() and len(places) > 1 and places[-1] == places[-2]

    qtbot.waitUntil(settled, timeout=WAIT_MS)
    click(button)


def _forwarded() -> list[ForwardedViewer]:
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, ForwardedViewer) and w.isVisible()
    ]  # fmt: skip


def test_three_peers_with_transfers_both_ways_sharing_seen_by_both_and_a_take_over(
    qtbot: QtBot,
    center_process: CenterProcess,
    agent_machine: CustomerMachine,
    customer_machine: CustomerMachine,
    tmp_path: Path,
    bob: Console,
) -> None:
    center = center_process
    _add_bob(center)
    ada, number = _ada_starts(qtbot, center, agent_machine, tmp_path)
    _grace_joins(qtbot, center, customer_machine, number)
    _bob_signs_in(qtbot, bob, center)
    _bob_joins(qtbot, bob, number)
    _test_picture(qtbot, customer_machine)
    slot = bob.controller.current
    window = bob.window

    # Bob assists: said in the title and the status line; Ada's actions are not his.
    assert f"assisting {AGENT_NAME}" in window.windowTitle()
    assert AGENT_NAME in window.session_panel.status.text()
    window.show_tab(Group.DESKTOP)
    view_button = _tool_button(window, "button_request_view")
    assert not view_button.isEnabled()
    assert "you are assisting" in view_button.toolTip()
    assert _tool_button(window, "button_end_session").isHidden()
    assert _tool_button(window, "button_leave_session").isEnabled()
    # A modified console ending the session past its own checks: the center says no.
    session = slot.agent_session
    assert session is not None
    bob.bridge.submit(session.center.send(EndSession())).result(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: "agent in charge" in window.statusBar().currentMessage(),
                    timeout=WAIT_MS)  # fmt: skip
    assert slot.state.session == SessionState.ACTIVE

    # Ada views Grace's desktop; Grace allows. Bob's console shows it, read-only.
    agent_machine.focus_and_press(qtbot, "Tandem Console", "ctrl+shift+v")
    press_allow(qtbot, customer_machine)
    qtbot.waitUntil(lambda: len(_forwarded()) == 1, timeout=WAIT_MS)
    viewer = _forwarded()[0]
    assert viewer.windowTitle() == f"Grace's desktop — viewed by {AGENT_NAME}"
    assert not viewer.view.control
    expected = reference_picture(*CUSTOMER_SCREEN)
    indicator = customer_machine.window_rect("Tandem — sharing")

    def matches() -> bool:
        frame = viewer.view._frame
        if frame is None or frame.image.size() != expected.size():
            return False
        return psnr(frame.image, expected, indicator) >= PSNR_MIN_DB

    qtbot.waitUntil(matches, timeout=WAIT_MS)
    assert agent_machine.windows_named("Grace's screen")  # Ada's own viewer
    _screenshot(os.environ["DISPLAY"], "bob-forwarded-viewer")
    _screenshot(agent_machine.display, "ada-viewing")

    # Ada opens Transfer control from the keyboard; the dialog lists Bob; she transfers.
    agent_machine.focus_and_press(qtbot, "Tandem Console", "ctrl+shift+t")
    rect = None

    def dialog_shown() -> bool:
        nonlocal rect
        rect = agent_machine.window_rect("Transfer control")
        return rect is not None

    qtbot.waitUntil(dialog_shown, timeout=WAIT_MS)
    assert rect is not None
    _screenshot(agent_machine.display, "ada-transfer-dialog")
    # Bob is picked already (the only assistant): a click on Transfer control, bottom right.
    x, y, width, height = rect
    agent_machine.xdotool("mousemove", "--sync", str(x + width - 162), str(y + height - 24))
    agent_machine.xdotool("click", "1")
    qtbot.waitUntil(lambda: slot.state.is_primary, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not _forwarded(), timeout=WAIT_MS)  # the sharing ended
    qtbot.waitUntil(lambda: not agent_machine.windows_named("Grace's screen"), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: "handed control to you" in window.session_panel.status.text(), timeout=WAIT_MS
    )
    window.show_tab(Group.DESKTOP)
    qtbot.waitUntil(view_button.isEnabled, timeout=WAIT_MS)
    assert not _tool_button(window, "button_end_session").isHidden()

    # Bob hands it back with his Transfer control dialog.
    window.show_tab(Group.SESSION)
    _click_in_view(qtbot, _tool_button(window, "button_transfer_control"))
    qtbot.waitUntil(lambda: bob.actions.transfer_dialog is not None, timeout=WAIT_MS)
    dialog = bob.actions.transfer_dialog
    assert isinstance(dialog, TransferDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.people.count() == 1, timeout=WAIT_MS)
    assert dialog.people.item(0).text() == AGENT_NAME
    transfer = dialog.findChild(QPushButton, "transferButton")
    assert transfer is not None
    click_when_visible(qtbot, transfer)
    qtbot.waitUntil(lambda: slot.state.is_assistant, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "you assist now" in window.session_panel.status.text(),
                    timeout=WAIT_MS)  # fmt: skip

    # Ada's console dies. Bob may take over within the reconnect window, and does.
    ada.send_signal(signal.SIGKILL)
    ada.wait(10)
    take_over = _tool_button(window, "button_take_over")
    window.show_tab(Group.SESSION)
    qtbot.waitUntil(lambda: slot.state.can_take_over, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "until" in window.session_panel.status.text(), timeout=WAIT_MS)
    assert f"{AGENT_NAME}'s console lost its connection" in window.session_panel.status.text()
    _screenshot(os.environ["DISPLAY"], "bob-may-take-over")
    _click_in_view(qtbot, take_over)
    try:
        qtbot.waitUntil(lambda: slot.state.is_primary, timeout=WAIT_MS)
    except WaitTimedOut:
        raise AssertionError(
            f"no take-over: {window.statusBar().currentMessage()!r}, {slot.state}"
        ) from None
    qtbot.waitUntil(
        lambda: "You took over the session" in window.session_panel.status.text(),
        timeout=WAIT_MS,
    )
    # Grace is still there, linked to Bob, who may now ask to see her desktop.
    assert slot.state.customer_linked and slot.state.session == SessionState.ACTIVE
    window.show_tab(Group.DESKTOP)
    qtbot.waitUntil(view_button.isEnabled, timeout=WAIT_MS)
    assert all(p.poll() is None for p in customer_machine.processes)
