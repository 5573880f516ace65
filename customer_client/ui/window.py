"""The customer's window: join, then a calm view of the session (who helps, what is shared,
chat, leave), then why it ended."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from customer_client.ui.consent_dialog import DialogAsker
from customer_client.ui.controller import ClientController
from shared.protocol.limits import MAX_NAME_CHARS, MAX_SESSION_PASSWORD_CHARS
from shared.protocol.messages import EVERYONE, Welcome
from shared.qt.chat_panel import ChatPanel
from shared.qt.confirm import ask_to_confirm
from shared.qt.pins import pinned_fingerprint
from shared.qt.sharing_windows import SharingWindows, Side
from shared.qt.texts import nothing_shared_text, session_closed_text
from shared.session.activities import Activity, ActivityState
from shared.session.events import ChatReceived, SessionClosed
from shared.session.join_link import BadJoinLink, parse_session_number
from shared.session.participants import Participant
from shared.session.state import SessionState


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class ClientWindow(QMainWindow):
    def __init__(self, controller: ClientController, server_url: str | None) -> None:
        super().__init__()
        self.controller = controller
        self.server_url = server_url
        self.setObjectName("clientWindow")
        self.setWindowTitle(self.tr("Tandem — Get help"))
        self.resize(460, 520)
        self._names: dict[str, str] = {}
        self._me: str | None = None
        self._confirm: QMessageBox | None = None

        # Desktop sharing: the customer's consent, the viewer of the agent's screen, the
        # indicator while this computer's screen is shared.
        self.consent = DialogAsker(self)
        controller.ask_consent = self.consent.ask
        self.sharing_windows = SharingWindows(controller, Side.CUSTOMER)
        self.sharing_windows.shared_now.connect(self._shared_now)
        controller.activity_changed.connect(self._activity_over)

        self.pages = QStackedWidget()
        self.join_page = self._build_join_page()
        self.session_page = self._build_session_page()
        self.ended_page = self._build_ended_page()
        for page in (self.join_page, self.session_page, self.ended_page):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

        controller.joined.connect(self._joined)
        controller.join_failed.connect(self._join_failed)
        controller.session_state.connect(self._state)
        controller.participants_changed.connect(self._participants)
        controller.chat_received.connect(self._chat)
        controller.session_closed.connect(self._closed)
        controller.problem.connect(self._problem)

    # --- pages --------------------------------------------------------------------------------

    def _build_join_page(self) -> QWidget:
        page = QWidget()
        self.number_field = QLineEdit()
        self.number_field.setObjectName("numberField")
        self.number_field.setPlaceholderText("123 456 789")
        self.number_field.setMaxLength(15)
        self.name_field = QLineEdit()
        self.name_field.setObjectName("nameField")
        self.name_field.setMaxLength(MAX_NAME_CHARS)
        self.password_field = QLineEdit()
        self.password_field.setObjectName("sessionPasswordField")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setMaxLength(MAX_SESSION_PASSWORD_CHARS)
        self.password_field.setPlaceholderText(self.tr("only if your agent gave you one"))
        self.join_button = QPushButton(self.tr("Join"))
        self.join_button.setObjectName("joinButton")
        self.join_button.setDefault(True)
        self.join_error = QLabel()
        self.join_error.setObjectName("joinError")
        self.join_error.setStyleSheet("color: #b00020")
        self.join_error.setWordWrap(True)
        self.center_label = QLabel()
        self.center_label.setObjectName("centerLabel")
        self.center_label.setStyleSheet("color: #666")
        self._show_center()

        form = QFormLayout()
        form.addRow(self.tr("Session number:"), self.number_field)
        form.addRow(self.tr("Your name:"), self.name_field)
        form.addRow(self.tr("Session password:"), self.password_field)
        layout = QVBoxLayout(page)
        layout.addWidget(_title(self.tr("Get help from a support agent")))
        layout.addWidget(QLabel(self.tr("Enter the session number your agent gave you.")))
        layout.addLayout(form)
        layout.addWidget(self.join_error)
        layout.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        layout.addWidget(self.center_label)
        self.join_button.clicked.connect(self.submit_join)
        for field in (self.number_field, self.name_field, self.password_field):
            field.returnPressed.connect(self.submit_join)
        return page

    def _build_session_page(self) -> QWidget:
        page = QWidget()
        self.helper_label = _title(self.tr("Connecting to your agent…"))
        self.helper_label.setObjectName("helperLabel")
        self.sharing_label = QLabel(nothing_shared_text())
        self.sharing_label.setObjectName("sharingLabel")
        self.sharing_label.setWordWrap(True)
        self.chat = ChatPanel()
        self.chat.setObjectName("chatPanel")
        self.chat.set_live(False)
        self.chat.send_requested.connect(self.controller.send_chat)
        self.leave_button = QPushButton(self.tr("Leave session"))
        self.leave_button.setObjectName("leaveButton")
        self.leave_button.clicked.connect(self.confirm_leave)
        layout = QVBoxLayout(page)
        layout.addWidget(self.helper_label)
        layout.addWidget(self.sharing_label)
        layout.addWidget(self.chat, 1)
        layout.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_ended_page(self) -> QWidget:
        page = QWidget()
        self.ended_label = _title("")
        self.ended_label.setObjectName("endedLabel")
        again = QPushButton(self.tr("Join another session"))
        again.setObjectName("joinAgainButton")
        again.clicked.connect(self._join_again)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closeButton")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(again)
        buttons.addWidget(close)
        layout = QVBoxLayout(page)
        layout.addWidget(self.ended_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _show_center(self) -> None:
        if self.server_url:
            self.center_label.setText(self.tr("Support center: {url}").format(url=self.server_url))
        else:
            self.center_label.setText(
                self.tr("No support center is set up: open the join link your agent sent.")
            )

    # --- joining ------------------------------------------------------------------------------

    def prefill(self, number: int | None, name: str | None, password: str | None) -> None:
        if number is not None:
            self.number_field.setText(str(number))
        if name:
            self.name_field.setText(name)
        if password:
            self.password_field.setText(password)

    @Slot()
    def submit_join(self) -> None:
        try:
            number = parse_session_number(self.number_field.text())
        except BadJoinLink:
            self._join_failed(self.tr("A session number has nine digits."))
            return
        name = self.name_field.text().strip()
        if not name:
            self._join_failed(self.tr("Enter your name so your agent knows who you are."))
            return
        fingerprint = pinned_fingerprint(self.server_url) if self.server_url else None
        if not self.server_url or not fingerprint:
            self._join_failed(
                self.tr(
                    "This computer does not know your support center yet: "
                    "open the join link your agent sent."
                )
            )
            return
        self.join_error.clear()
        self.join_button.setEnabled(False)
        self.join_button.setText(self.tr("Joining…"))
        self._me = name
        self.controller.join(self.server_url, fingerprint, number, name, self.password_field.text())

    @Slot(str)
    def _join_failed(self, reason: str) -> None:
        self.join_error.setText(reason)
        self.join_button.setEnabled(True)
        self.join_button.setText(self.tr("Join"))
        self.pages.setCurrentWidget(self.join_page)

    @Slot(object)
    def _joined(self, welcome: Welcome) -> None:
        self._me = welcome.you.name
        self.join_button.setEnabled(True)
        self.join_button.setText(self.tr("Join"))
        self.chat.transcript.clear()
        self.helper_label.setText(self.tr("Connecting to your agent…"))
        self.pages.setCurrentWidget(self.session_page)

    @Slot()
    def _join_again(self) -> None:
        self.number_field.clear()
        self.password_field.clear()
        self.join_error.clear()
        self.pages.setCurrentWidget(self.join_page)

    # --- in the session -----------------------------------------------------------------------

    @Slot(object)
    def _state(self, state: SessionState) -> None:
        self.chat.set_live(state == SessionState.ACTIVE)

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self._names = {p.id: p.name for p in participants}
        agents = [p for p in participants if p.is_agent and p.gone_reason is None]
        linked = [p for p in agents if p.linked]
        if linked:
            names = ", ".join(p.name for p in linked)
            self.helper_label.setText(self.tr("{names} is helping you.").format(names=names))
        elif agents:
            self.helper_label.setText(self.tr("Connecting to your agent…"))
        else:
            self.helper_label.setText(self.tr("Waiting for your agent…"))
        self.chat.set_recipients([(p.id, p.name) for p in agents])

    @Slot(object)
    def _chat(self, event: ChatReceived) -> None:
        line = event.line
        private_to = None
        if line.to != EVERYONE:
            private_to = self._names.get(line.to) if event.outgoing else self.tr("you")
        self.chat.add_line(event.sender_name, line.text, event.outgoing, private_to)
        if not event.outgoing and not self.isActiveWindow():
            QMainWindow.activateWindow(self)

    @Slot(list)
    def _shared_now(self, sentences: list[str]) -> None:
        self.sharing_label.setText("\n".join(sentences) if sentences else nothing_shared_text())

    @Slot(object)
    def _activity_over(self, activity: Activity) -> None:
        if activity.state == ActivityState.STOPPED:
            self.consent.withdraw(activity.id)  # the agent took the question back

    @Slot()
    def confirm_leave(self) -> None:
        self._confirm = ask_to_confirm(
            self,
            "confirmLeave",
            self.tr("Leave session"),
            self.tr("Leave this session? Your agent will no longer be able to help you in it."),
            self.tr("Leave"),
            self.controller.leave,
        )

    @Slot(object)
    def _closed(self, closed: SessionClosed) -> None:
        self.ended_label.setText(session_closed_text(closed.code, closed.by, self._me))
        self.chat.set_live(False)
        self.pages.setCurrentWidget(self.ended_page)

    @Slot(str)
    def _problem(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sharing_windows.close_all()
        self.controller.shutdown()
        super().closeEvent(event)
