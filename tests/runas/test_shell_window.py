"""The agent's shell window and the customer's question, as people see them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from shared.features.runas.customer import CUSTOMER_VIEW
from shared.features.runas.window import MAX_SHOWN_LINES, ShellWindow
from shared.session.consent import ConsentRequest, PermissionKind


def test_the_window_types_lines_keeps_a_bounded_output_and_logs_off_on_close(
    qtbot: QtBot,
) -> None:
    window = ShellWindow("admin")
    qtbot.addWidget(window)
    window.show_state("asked", "")
    assert not window.input.isEnabled(), "nothing to type into before the logon"
    window.show_state("opened", "")
    assert "admin" in window.status.text() and "admin" in window.windowTitle()

    lines: list[str] = []
    window.line_entered.connect(lines.append)
    QTest.keyClicks(window.input, "id -un")
    QTest.keyClick(window.input, Qt.Key.Key_Return)
    assert lines == ["id -un\n"] and window.input.text() == ""

    window.add_output("line\r\n" * (MAX_SHOWN_LINES * 2))
    assert window.output.blockCount() <= MAX_SHOWN_LINES, "a long output scrolls away"

    logged_off: list[bool] = []
    window.log_off_asked.connect(lambda: logged_off.append(True))
    window.close()
    assert logged_off == [True], "closing the window logs off: nothing runs unseen"


def test_a_refusal_says_why_and_leaves_nothing_to_type_into(qtbot: QtBot) -> None:
    window = ShellWindow("admin")
    qtbot.addWidget(window)
    window.show_state("refused", "su: Authentication failure")
    assert "su: Authentication failure" in window.status.text()
    assert not window.input.isEnabled() and not window.log_off_button.isEnabled()


def test_the_customer_is_asked_naming_the_account() -> None:
    assert CUSTOMER_VIEW.question is not None
    question, detail = CUSTOMER_VIEW.question(
        ConsentRequest("root", "Ada Agent", "r1", PermissionKind.RUN_AS, feature="runas")
    )
    assert "Ada Agent" in question and "root" in question
    assert "password is not kept" in detail
