"""Assistant agents in the console, with a real support center and real peers: Bob joins Ada's
session by its number (a wrong number, an ended one, and Ada's own are told plainly), his
console says he assists and disables what only the agent in charge may do (saying why), his
chat reaches everyone; Ada hands control to Bob with the Transfer control dialog and both
consoles change at once, then Bob hands it back; the agent in charge's view forwarded to Bob
opens a read-only window titled for it, closed when the view ends; Bob leaves, the session
goes on; a modified console acting as the agent in charge is refused by the center."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QToolButton, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from csr_console.main import Console
from csr_console.ui.role_dialogs import JoinAssistDialog, TransferDialog
from shared.features.chat.part import ChatPart
from shared.features.desktop.forwarded_viewer import ForwardedViewer
from shared.features.desktop.forwarding import ForwardedView
from shared.features.desktop.frames import RgbFrame
from shared.features.desktop.part import DesktopPart
from shared.protocol.messages import EVERYONE, EndSession
from shared.session.join_link import format_session_number
from shared.session.state import SessionState
from tests.assistants.console_pair import BOB_NAME, Pair
from tests.faces.conftest import WAIT_MS, customer_heard
from tests.helpers import AGENT_NAME

PRIMARY_ONLY = ("request_view", "request_control", "show_desktop", "invite", "file_transfer")


def _join_dialog(qtbot: QtBot, console: Console) -> JoinAssistDialog:
    console.actions.registry.action("join_assist").trigger()
    dialog = console.actions.assist_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _try(qtbot: QtBot, dialog: JoinAssistDialog, text: str) -> None:
    dialog.number.clear()
    QTest.keyClicks(dialog.number, text)
    QTest.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)


def _error_after(qtbot: QtBot, dialog: JoinAssistDialog, text: str, expected: str) -> None:
    dialog.error.clear()
    _try(qtbot, dialog, text)
    qtbot.waitUntil(lambda: expected in dialog.error.text(), timeout=WAIT_MS)
    assert dialog.isVisible()


def _bob_joins(qtbot: QtBot, pair: Pair, mistakes: bool = True) -> None:
    """Bob joins by the number in Join as assistant… (after two wrong ones: ``mistakes``)."""
    dialog = _join_dialog(qtbot, pair.bob)
    if mistakes:
        _error_after(qtbot, dialog, "12", "9 digits")
        unused = 100_000_000 if pair.number != 100_000_000 else 100_000_001
        _error_after(qtbot, dialog, str(unused), "There is no open session with this number.")
    _try(qtbot, dialog, format_session_number(pair.number))
    try:
        qtbot.waitUntil(lambda: _closed(dialog), timeout=WAIT_MS)
    except TimeoutError:
        # What the dialog and Bob's session say, then the dialog goes (it would stand in front
        # of the next tests' windows).
        state = pair.slot(pair.bob).state
        seen = f"error {dialog.error.text()!r}, busy {state.busy}, assistant {state.is_assistant}"
        dialog.reject()
        raise AssertionError(f"Join as assistant did not finish: {seen}") from None
    slot = pair.slot(pair.bob)
    qtbot.waitUntil(lambda: slot.state.is_assistant and slot.state.customer_linked, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(pair.slot(pair.ada).state.assistants), timeout=WAIT_MS)


def _wait_for_status(qtbot: QtBot, console: Console, text: str) -> None:
    status = console.window.session_panel.status
    qtbot.waitUntil(lambda: text in status.text(), timeout=WAIT_MS)


def _closed(widget: QWidget) -> bool:
    return not isValid(widget) or not widget.isVisible()


def _enabled(console: Console, key: str) -> bool:
    return console.actions.registry.action(key).isEnabled()


def test_an_assistant_joins_is_shown_as_assisting_and_hands_control_back_and_forth(
    qtbot: QtBot, pair: Pair
) -> None:
    ada, bob = pair.ada, pair.bob

    # Ada cannot assist in her own session.
    own = _join_dialog(qtbot, ada)
    _error_after(qtbot, own, str(pair.number), "You are already in charge of session")
    own.reject()

    _bob_joins(qtbot, pair)
    # Bob's console says he assists Ada: the title, the status line, the Role column.
    window = bob.window
    qtbot.waitUntil(lambda: "assisting " + AGENT_NAME in window.windowTitle(), timeout=WAIT_MS)
    assert AGENT_NAME in window.session_panel.status.text()
    assert "assist" in window.session_panel.status.text()
    for key in PRIMARY_ONLY:
        action = bob.actions.registry.action(key)
        assert not action.isEnabled(), key
        assert "you are assisting" in action.toolTip(), (key, action.toolTip())
        assert _enabled(ada, key) or key == "show_desktop" or key == "file_transfer", key
    assert not bob.actions.registry.action("end_session").isVisible()
    assert bob.actions.registry.action("leave_session").isVisible()
    assert _enabled(bob, "leave_session")
    end_button = window.findChild(QToolButton, "button_end_session")
    leave_button = window.findChild(QToolButton, "button_leave_session")
    assert end_button is not None and end_button.isHidden()
    assert leave_button is not None and not leave_button.isHidden()
    assert _enabled(ada, "transfer_control") and not _enabled(bob, "transfer_control")

    # Bob's chat reaches Grace and Ada.
    chat = pair.slot(bob).part("chat")
    assert isinstance(chat, ChatPart)
    chat.send(EVERYONE, "Bob here, I am looking too.")
    qtbot.waitUntil(lambda: customer_heard(pair.customer, "Bob here, I am looking too."),
                    timeout=WAIT_MS)  # fmt: skip
    ada_chat = pair.slot(ada).part("chat")
    qtbot.waitUntil(
        lambda: any(e.text == "Bob here, I am looking too." for e in ada_chat.entries),
        timeout=WAIT_MS,
    )

    # Ada transfers control to Bob with the dialog: both consoles change at once.
    ada.actions.registry.action("transfer_control").trigger()
    dialog = ada.actions.transfer_dialog
    assert isinstance(dialog, TransferDialog)
    qtbot.waitExposed(dialog)
    assert [dialog.people.item(i).text() for i in range(dialog.people.count())] == [BOB_NAME]
    QTest.mouseClick(dialog.transfer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pair.slot(bob).state.is_primary, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pair.slot(ada).state.is_assistant, timeout=WAIT_MS)
    assert _enabled(bob, "request_view") and not _enabled(ada, "request_view")
    assert "you are assisting" in ada.actions.registry.action("request_view").toolTip()
    assert ada.actions.registry.action("leave_session").isVisible()
    assert not ada.actions.registry.action("end_session").isVisible()
    for console, said in ((ada, "You handed control to " + BOB_NAME), (bob, "to you")):
        _wait_for_status(qtbot, console, said)
        assert "sharing running has ended" in console.window.session_panel.status.text()

    # Bob takes control back to Ada the same way ("Take control back" is a transfer).
    bob.actions.registry.action("transfer_control").trigger()
    back = bob.actions.transfer_dialog
    assert isinstance(back, TransferDialog)
    qtbot.waitUntil(lambda: back.people.count() == 1, timeout=WAIT_MS)
    back.transfer()
    qtbot.waitUntil(lambda: pair.slot(ada).state.is_primary, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pair.slot(bob).state.is_assistant, timeout=WAIT_MS)
    assert _enabled(ada, "request_view") and not _enabled(bob, "request_view")
    assert pair.customer.engine.state == SessionState.ACTIVE


def test_the_forwarded_view_opens_read_only_and_closes_with_the_view(
    qtbot: QtBot, pair: Pair
) -> None:
    _bob_joins(qtbot, pair)
    slot = pair.slot(pair.bob)
    session = slot.agent_session
    assert session is not None
    engine = session.engine
    grace = pair.customer.engine.me
    assert grace is not None and engine.primary_id is not None
    view = ForwardedView("view-1", grace.id, engine.primary_id, live=True)
    # What the forwarding publishes on an assistant's engine, and the frames it delivers.
    session.call_soon_threadsafe(lambda: engine.publish(view))
    desktop = slot.part("desktop")
    assert isinstance(desktop, DesktopPart)
    qtbot.waitUntil(lambda: "view-1" in desktop.windows.forwarded, timeout=WAIT_MS)
    window = desktop.windows.forwarded["view-1"]
    assert isinstance(window, ForwardedViewer)
    qtbot.waitExposed(window)
    assert window.windowTitle() == f"Grace's desktop — viewed by {AGENT_NAME}"
    assert not window.view.control
    assert window.findChild(QToolButton, "viewerStopButton") is None  # no control buttons
    desktop.frames.put("view-1", RgbFrame(4, 2, bytes([200, 10, 10] * 8)))
    qtbot.waitUntil(lambda: window.view._frame is not None, timeout=WAIT_MS)
    session.call_soon_threadsafe(lambda: engine.publish(ForwardedView(
        "view-1", grace.id, engine.primary_id or "", live=False)))  # fmt: skip
    qtbot.waitUntil(lambda: "view-1" not in desktop.windows.forwarded, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: not [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, ForwardedViewer) and w.isVisible()
        ],
        timeout=WAIT_MS,
    )  # fmt: skip


def test_an_assistant_leaves_and_a_modified_console_is_refused(qtbot: QtBot, pair: Pair) -> None:
    _bob_joins(qtbot, pair)
    slot = pair.slot(pair.bob)
    session = slot.agent_session
    assert session is not None

    # A modified console ends the session past its own checks: the center refuses it.
    pair.bob.bridge.submit(session.center.send(EndSession())).result(WAIT_MS / 1000)
    qtbot.waitUntil(
        lambda: "agent in charge" in pair.bob.window.statusBar().currentMessage(),
        timeout=WAIT_MS,
    )
    assert pair.slot(pair.ada).state.session == SessionState.ACTIVE
    # Nor does the service let it try.
    try:
        pair.bob.bridge.submit(session.end()).result(WAIT_MS / 1000)
    except PermissionError:
        pass
    else:
        raise AssertionError("an assistant's console ended the session")

    # Leave session asks first, then only Bob goes.
    pair.bob.actions.registry.action("leave_session").trigger()
    box = pair.bob.window.findChild(QMessageBox, "confirmLeave")
    assert box is not None
    qtbot.waitExposed(box)
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: slot.state.session == SessionState.ENDED, timeout=WAIT_MS)
    status = pair.bob.window.session_panel.status  # told by the same news, a moment later
    qtbot.waitUntil(lambda: "You left the session." in status.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not pair.slot(pair.ada).state.assistants, timeout=WAIT_MS)
    assert pair.slot(pair.ada).state.session == SessionState.ACTIVE
    assert pair.customer.engine.state == SessionState.ACTIVE
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)
                and w.isVisible()]  # fmt: skip


def test_quitting_the_console_as_an_assistant_asks_nothing_and_leaves(
    qtbot: QtBot, pair: Pair
) -> None:
    _bob_joins(qtbot, pair)
    ada = pair.slot(pair.ada)
    bob_id = pair.slot(pair.bob).agent_session.engine.me.id  # type: ignore[union-attr]
    pair.bob.faces.request_quit()  # a customer is connected, yet nothing is asked of Bob
    assert pair.bob.faces.question is None
    qtbot.waitUntil(
        lambda: any(p.id == bob_id and p.gone_reason == "left" for p in ada.participants),
        timeout=WAIT_MS,
    )
    assert ada.state.session == SessionState.ACTIVE and ada.state.is_primary
    assert pair.customer.engine.state == SessionState.ACTIVE
