"""The agent's window onto a shell running as another user on the customer's computer: its
output, a line to type into, and Log off."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.features.runas.protocol import MAX_SHELL_CHUNK_CHARS
from shared.qt.i18n import fill
from shared.qt.plain_text import plain

translate = QCoreApplication.translate

# The lines the window keeps: a long output scrolls the oldest away instead of growing the
# window's memory without end.
MAX_SHOWN_LINES = 5000


def state_text(account: str, state: str, reason: str) -> str:
    match state:
        case "asked":
            return translate("RunAs", "Waiting for the customer to let you log on as {account}…")
        case "opened":
            return translate("RunAs", "Logged on as {account}.")
        case "refused":
            return translate("RunAs", "Not logged on as {account}: {reason}")
        case _:
            return translate("RunAs", "Logged off from {account} ({reason}).")


def closed_reason_text(code: str) -> str:
    """Why the shell ended (the customer's engine says it in a word)."""
    texts = {
        "logged_off": translate("RunAs", "logged off"),
        "stopped_by_customer": translate("RunAs", "stopped by the customer"),
        "exited": translate("RunAs", "the shell ended"),
        "session_ended": translate("RunAs", "the session ended"),
        "agent_gone": translate("RunAs", "the link was lost"),
        "link_lost": translate("RunAs", "the link was lost"),
        "control_changed": translate("RunAs", "another agent is in charge"),
        "failed": translate("RunAs", "it failed"),
    }
    return texts.get(code, code)


class ShellWindow(QWidget):
    line_entered = Signal(str)
    log_off_asked = Signal()

    def __init__(self, account: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)  # its own window beside the face
        self.account = account
        self.setObjectName("runAsWindow")
        self.status = plain(QLabel())
        self.status.setObjectName("runAsStatus")
        self.output = QPlainTextEdit()
        self.output.setObjectName("runAsOutput")
        self.output.setReadOnly(True)
        self.output.setMaximumBlockCount(MAX_SHOWN_LINES)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.input = QLineEdit()
        self.input.setObjectName("runAsInput")
        self.input.setMaxLength(MAX_SHELL_CHUNK_CHARS - 1)
        self.input.setPlaceholderText(translate("RunAs", "Type a command and press Enter"))
        self.input.setEnabled(False)
        self.input.returnPressed.connect(self._entered)
        self.log_off_button = QPushButton(translate("RunAs", "Log off"))
        self.log_off_button.setObjectName("runAsLogOff")
        self.log_off_button.setEnabled(False)
        self.log_off_button.clicked.connect(self.log_off_asked)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.log_off_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.output, 1)
        layout.addLayout(row)
        self.resize(720, 420)
        self._title()

    def _title(self) -> None:
        self.setWindowTitle(
            fill(translate("RunAs", "Command shell as {account}"), account=self.account or "…")
        )

    def set_account(self, account: str) -> None:
        if account and account != self.account:
            self.account = account
            self._title()

    def show_state(self, state: str, reason: str) -> None:
        if state == "closed":
            reason = closed_reason_text(reason)
        text = state_text(self.account, state, reason)
        self.status.setText(fill(text, account=self.account, reason=reason))
        running = state == "opened"
        self.input.setEnabled(running)
        self.log_off_button.setEnabled(running)
        if running:
            self.input.setFocus()

    def add_output(self, text: str) -> None:
        self.output.moveCursor(self.output.textCursor().MoveOperation.End)
        self.output.insertPlainText(text.replace("\r\n", "\n").replace("\r", ""))
        self.output.ensureCursorVisible()

    @Slot()
    def _entered(self) -> None:
        self.line_entered.emit(self.input.text() + "\n")
        self.input.clear()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.log_off_button.isEnabled():
            self.log_off_asked.emit()  # closing the window logs off: nothing runs unseen
        super().closeEvent(event)
