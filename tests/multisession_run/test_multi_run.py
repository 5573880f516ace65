"""Run on several sessions…, in the multisession window with a real support center and two
customers, each in their own session: a chat message and a request to view reach both, each
session's row says how it went; a session whose customer left, a session over before the run,
and a session ending while an action (a stand-in for a script, plugged in with one line) runs on
it each say so in their row while the others go on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QToolButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.multi_run import ACTION, MultiRunDialog
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from csr_console.ui.session_slot import SessionSlot
from customer_client.services.customer_session import CustomerSession
from shared.features.desktop.engine import SharingFeature
from shared.qt.feature_views import ActionSpec, Group, Report, Several
from shared.session.state import SessionState
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import customer_allowing_sharing, stand_in_sharing
from tests.faces.conftest import WAIT_MS, customer_heard, join, sign_in, start_session
from tests.i18n.catalogue import FrenchCheck
from tests.screenshots import save_screen
from tests.xserver import click, type_text


def _two_sessions(
    qtbot: QtBot, console: Console, center: CenterProcess
) -> tuple[MultisessionWindow, list[tuple[SessionSlot, CustomerSession]]]:
    """The multisession window with Grace and Linus, each in a session of their own (their
    desktop sharing stood in for, allowing whatever is asked)."""
    console.preferences.face = FaceName.MULTISESSION
    console.controller.engine_factories["desktop"] = stand_in_sharing
    sign_in(qtbot, console, center)
    window = console.face
    assert isinstance(window, MultisessionWindow)
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    window.move(0, 0)
    sessions = []
    for name in ("Grace", "Linus"):
        number = start_session(qtbot, console)
        customer = join(qtbot, console, center, number, name, customer_allowing_sharing)
        sessions.append((console.controller.current, customer))
    return window, sessions


def _open_dialog(qtbot: QtBot, console: Console, window: MultisessionWindow) -> MultiRunDialog:
    """The agent clicks Run on several sessions…, beside the window's tabs."""
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    button = window.tabs.cornerWidget()
    assert isinstance(button, QToolButton) and button.objectName() == f"button_{ACTION}"
    assert button.isEnabled()
    click(button)
    qtbot.waitUntil(lambda: console.actions.multi_run is not None, timeout=WAIT_MS)
    dialog = console.actions.multi_run
    assert isinstance(dialog, MultiRunDialog)
    qtbot.addWidget(dialog)  # closed after the test, with the console
    qtbot.waitExposed(dialog)
    return dialog


def _choose(dialog: MultiRunDialog, title: str) -> None:
    index = dialog.action_box.findText(title)
    assert index >= 0, f"{title!r} is not offered: {dialog.runnables}"
    dialog.action_box.setCurrentIndex(index)


def _row(dialog: MultiRunDialog, slot: SessionSlot) -> QTreeWidgetItem:
    item = next((i for i in dialog.session_rows() if dialog.slot_of(i) is slot), None)
    assert item is not None
    return item


def _result(dialog: MultiRunDialog, slot: SessionSlot) -> str:
    return _row(dialog, slot).text(1)


def _finished(qtbot: QtBot, dialog: MultiRunDialog) -> None:
    """Once every ticked session has said how the run went."""
    qtbot.waitUntil(lambda: not dialog.pending and bool(dialog.summary.text()), timeout=WAIT_MS)


def test_a_chat_message_and_a_view_request_reach_both_sessions(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    console = make_console()
    window, sessions = _two_sessions(qtbot, console, start_center_with("--max-sessions", "3"))
    (slot_a, grace), (slot_b, linus) = sessions
    assert console.actions.registry.action(ACTION).isEnabled()

    dialog = _open_dialog(qtbot, console, window)
    titles = [dialog.action_box.itemText(i) for i in range(dialog.action_box.count())]
    assert {"Send a chat message", "Ask to view the desktop", "End the session"} <= set(titles)
    _choose(dialog, "Send a chat message")
    assert [dialog.slot_of(i) for i in dialog.session_rows()] == [slot_a, slot_b]
    click(dialog.input)
    type_text("Maintenance tonight at 8")
    qtbot.waitUntil(dialog.run_button.isEnabled, timeout=WAIT_MS)
    click(dialog.run_button)
    qtbot.waitUntil(lambda: customer_heard(grace, "Maintenance tonight at 8"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: customer_heard(linus, "Maintenance tonight at 8"), timeout=WAIT_MS)
    _finished(qtbot, dialog)
    assert _result(dialog, slot_a) == "Done: Message sent."
    assert _result(dialog, slot_b) == "Done: Message sent."
    assert dialog.summary.text() == "Done in 2 of 2 sessions."
    save_screen("multi-run-chat")

    _choose(dialog, "Ask to view the desktop")
    assert not dialog.input.isVisible()
    click(dialog.run_button)
    _finished(qtbot, dialog)
    assert _result(dialog, slot_a) == "Done: Asked Grace to let you see their screen."
    assert _result(dialog, slot_b) == "Done: Asked Linus to let you see their screen."
    sharings = [c.part("desktop", SharingFeature) for c in (grace, linus)]
    qtbot.waitUntil(
        lambda: all(s is not None and any(a.live for a in s.activities) for s in sharings),
        timeout=WAIT_MS,
    )


def test_a_customer_gone_and_a_session_over_say_so_and_the_others_go_on(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    console = make_console()
    center = start_center_with("--max-sessions", "3")
    window, sessions = _two_sessions(qtbot, console, center)
    (slot_a, grace), (slot_b, linus) = sessions
    third = start_session(qtbot, console)
    slot_c = console.controller.current
    ada = join(qtbot, console, center, third, "Ada")

    dialog = _open_dialog(qtbot, console, window)
    _choose(dialog, "Ask to view the desktop")
    assert len(dialog.session_rows()) == 3
    # Linus leaves; the agent ends Ada's session from its tab while the dialog is open.
    console.bridge.submit(linus.leave()).result(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: not slot_b.state.customer_linked, timeout=WAIT_MS)
    slot_c.end()
    qtbot.waitUntil(lambda: slot_c.state.session == SessionState.ENDED, timeout=WAIT_MS)
    del ada
    click(dialog.run_button)
    _finished(qtbot, dialog)
    assert _result(dialog, slot_a) == "Done: Asked Grace to let you see their screen."
    assert _result(dialog, slot_b) == "Not done: No customer is connected."
    assert _result(dialog, slot_c) == "Not done: This session is over; nothing was done."
    assert dialog.summary.text() == "Done in 1 of 3 sessions."
    save_screen("multi-run-bad")
    assert grace is not None


def test_a_session_ending_while_an_action_runs_on_it(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    console = make_console()
    # A script (a later issue) plugs in with one line: an action declaring ``several``. This
    # one holds each session's report until the test lets it go.
    held: dict[SessionSlot, Report] = {}

    def hold(slot: SessionSlot, _text: str, report: Report) -> None:
        held[slot] = report

    console.actions.register(
        ActionSpec(
            "slow_script",
            "Slow script",
            "A script that takes its time",
            Group.SESSION,
            lambda state: state.in_session,
            several=Several("Run a slow script", hold),
        )
    )
    window, sessions = _two_sessions(qtbot, console, start_center_with("--max-sessions", "3"))
    (slot_a, _grace), (slot_b, _linus) = sessions
    dialog = _open_dialog(qtbot, console, window)
    _choose(dialog, "Run a slow script")
    click(dialog.run_button)
    qtbot.waitUntil(lambda: len(held) == 2, timeout=WAIT_MS)
    assert _result(dialog, slot_b) == "Running…" and not dialog.run_button.isEnabled()

    slot_b.end()  # the session ends in the middle of the run
    qtbot.waitUntil(
        lambda: _result(dialog, slot_b) == "Not done: The session ended before this was done.",
        timeout=WAIT_MS,
    )
    assert _result(dialog, slot_a) == "Running…"
    held[slot_b](True, "too late")  # its own report, after: changes nothing
    held[slot_a](True, "script ran")
    assert _result(dialog, slot_a) == "Done: script ran"
    assert _result(dialog, slot_b) == "Not done: The session ended before this was done."
    assert dialog.summary.text() == "Done in 1 of 2 sessions."
    # The ended session's tab closes: the dialog forgets it, the other stays.
    assert console.controller.close_slot(slot_b)
    assert [dialog.slot_of(i) for i in dialog.session_rows()] == [slot_a]


def test_ending_several_sessions_asks_first(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    console = make_console()
    window, sessions = _two_sessions(qtbot, console, start_center_with("--max-sessions", "3"))
    dialog = _open_dialog(qtbot, console, window)
    _choose(dialog, "End the session")
    click(dialog.run_button)

    def question() -> QMessageBox | None:
        box = dialog.findChild(QMessageBox, "confirmMultiRun")
        return box if box is not None and box.isVisible() else None

    qtbot.waitUntil(lambda: question() is not None, timeout=WAIT_MS)
    box = question()
    assert box is not None and "End the 2 ticked sessions" in box.text()
    qtbot.waitExposed(box)
    ok = box.button(QMessageBox.StandardButton.Ok)
    assert ok is not None
    click(ok)
    slots = [slot for slot, _customer in sessions]
    qtbot.waitUntil(
        lambda: all(s.state.session == SessionState.ENDED for s in slots), timeout=WAIT_MS
    )
    _finished(qtbot, dialog)
    assert all(_result(dialog, s) == "Done: Session ended." for s, _ in sessions)


def test_the_dialog_in_french(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    french: FrenchCheck,
) -> None:
    console = make_console()
    window, sessions = _two_sessions(qtbot, console, start_center_with("--max-sessions", "3"))
    dialog = _open_dialog(qtbot, console, window)
    _choose(dialog, "Envoyer un message de discussion")
    dialog.input.setText("Bonsoir")
    click(dialog.run_button)
    _finished(qtbot, dialog)
    assert all(_result(dialog, s).startswith("Fait") for s, _ in sessions)
    save_screen("multi-run-fr")
    assert dialog.windowTitle() == "Exécuter dans plusieurs sessions"
