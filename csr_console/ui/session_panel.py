"""The session part of the dashboard: number and join link to hand out, and who is here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.services.agent_session import StartedSession
from csr_console.ui.participant_list import ParticipantList
from shared.protocol.limits import MAX_SESSION_PASSWORD_CHARS
from shared.qt.fixed_space import keep_lines
from shared.qt.plain_text import plain
from shared.session.join_link import format_session_number
from shared.session.participants import Participant


class SessionPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = plain(
            QLabel(self.tr("No session yet. Start one to get a number for your customer."))
        )
        self.status.setObjectName("sessionStatus")
        keep_lines(self.status, 2)  # a message wrapping does not push the number down

        self.number = QLabel("—")
        self.number.setObjectName("sessionNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setAccessibleName(self.tr("Session number"))
        self.copy_number = QToolButton()
        self.copy_number.setObjectName("copyNumberButton")
        self.copy_number.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        self.link = QLineEdit()
        self.link.setObjectName("joinLink")
        self.link.setReadOnly(True)
        self.link.setAccessibleName(self.tr("Join link"))
        self.copy_link = QToolButton()
        self.copy_link.setObjectName("copyLinkButton")
        self.copy_link.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        self.password = QLineEdit()
        self.password.setObjectName("sessionPasswordField")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(MAX_SESSION_PASSWORD_CHARS)
        self.password.setPlaceholderText(self.tr("optional, asked of the customer when they join"))
        self.password.setAccessibleName(self.tr("Session password"))

        number_row = QHBoxLayout()
        number_row.addWidget(self.number, 1)
        number_row.addWidget(self.copy_number)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.copy_link)
        form = QFormLayout()
        form.addRow(self.tr("Session number:"), number_row)
        form.addRow(self.tr("Join link:"), link_row)
        form.addRow(self.tr("Session password:"), self.password)

        self.people = ParticipantList("participantList", self.tr("Participants"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Participants:")))
        layout.addWidget(self.people, 1)

    def set_in_session(self, in_session: bool) -> None:
        # The password is chosen before starting; it cannot change during the session.
        self.password.setEnabled(not in_session)

    def set_ended(self, ended: bool) -> None:
        """An ended session's number and link stay for reference, greyed: not to hand out."""
        self.number.setEnabled(not ended)
        self.link.setEnabled(not ended)

    def show_started(self, started: StartedSession) -> None:
        self.number.setText(format_session_number(started.number))
        self.link.setText(started.join_link)
        self.link.setCursorPosition(0)
        self.show_waiting()

    def clear_session(self) -> None:
        self.number.setText("—")
        self.link.clear()
        self.people.clear()
        self.status.setText(self.tr("No session yet. Start one to get a number for your customer."))

    def show_waiting(self) -> None:
        self.status.setText(
            self.tr("Give your customer the session number (or the join link) and wait for them.")
        )

    def show_participants(self, participants: tuple[Participant, ...]) -> None:
        self.people.show_participants(participants)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
