"""The dialogs about roles: Join as assistant… (another agent's session, by its number) and
Transfer control (to one of the agents who joined as assistants)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csr_console.ui.controller import ConsoleController
from csr_console.ui.session_slot import SessionSlot
from shared.qt.feature_views import ConsoleState
from shared.qt.plain_text import plain
from shared.session.join_link import (
    SESSION_NUMBER_DIGITS,
    format_session_number,
    parse_session_number,
)

ERROR_STYLE = "color: #a50e0e;"


class JoinAssistDialog(QDialog):
    """Asks for a session number, joins it as an assistant, and stays open saying why if the
    center refuses (a wrong or ended number, our own session)."""

    def __init__(self, controller: ConsoleController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("joinAssistDialog")
        self.setWindowTitle(self.tr("Join as assistant"))
        self._waiting: SessionSlot | None = None
        self._finished = False
        intro = plain(
            QLabel(
                self.tr(
                    "Type the number of the session the agent in charge gave you. You will see "
                    "what is shared and chat; you act once they hand control to you."
                )
            )
        )
        intro.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setObjectName("assistNumber")
        self.number.setPlaceholderText("123 456 789")
        self.number.setMaxLength(SESSION_NUMBER_DIGITS + 4)  # room for spaces between groups
        self.number.setAccessibleName(self.tr("Session number"))
        self.error = plain(QLabel())
        self.error.setObjectName("assistError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Session number:"), self.number)
        # Ok (renamed): the button box makes it the default, so Enter joins.
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.join_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.join_button.setText(self.tr("Join"))
        self.join_button.setObjectName("assistJoinButton")
        self.buttons.accepted.connect(self.join)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        controller.session_started.connect(self._started)
        controller.start_failed.connect(self._failed)
        self.resize(460, self.sizeHint().height())

    @Slot()
    def join(self) -> None:
        try:
            number = parse_session_number(self.number.text())
        except ValueError:
            self._show_error(
                self.tr("A session number has {n} digits, like 123 456 789.").format(
                    n=SESSION_NUMBER_DIGITS
                )
            )
            return
        mine = self._own_slot(number)
        if mine is not None:
            self._show_error(
                self.tr("You are already in charge of session {number}.").format(
                    number=format_session_number(number)
                )
                if mine.state.is_primary
                else self.tr("You are already in session {number}.").format(
                    number=format_session_number(number)
                )
            )
            return
        self.error.clear()
        if not self.controller.assist(number):
            self.reject()  # the cap: the console says so
            return
        self._waiting = self.controller.current
        self.join_button.setEnabled(False)
        self.number.setEnabled(False)

    def _own_slot(self, number: int) -> SessionSlot | None:
        return next(
            (
                s
                for s in self.controller.slots
                if s.state.busy and s.started is not None and s.started.number == number
            ),
            None,
        )

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.number.setFocus()
        self.number.selectAll()

    @Slot(object)
    def _started(self, _: object) -> None:
        if self._waiting is self.controller.current:
            self._waiting = None
            self.accept()

    @Slot(str)
    def _failed(self, reason: str) -> None:
        if self._waiting is None:
            return
        self._waiting = None
        self.join_button.setEnabled(True)
        self.number.setEnabled(True)
        self._show_error(self.tr("Could not join: {reason}").format(reason=reason))

    def done(self, result: int) -> None:
        if not self._finished:
            self._finished = True
            self.controller.session_started.disconnect(self._started)
            self.controller.start_failed.disconnect(self._failed)
        super().done(result)


class TransferDialog(QDialog):
    """The agents who joined the session as assistants; the one picked takes control."""

    def __init__(self, slot: SessionSlot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot = slot
        self.setObjectName("transferDialog")
        self.setWindowTitle(self.tr("Transfer control"))
        self._finished = False
        self.intro = plain(QLabel())
        self.intro.setWordWrap(True)
        self.people = QListWidget()
        self.people.setObjectName("assistantList")
        self.people.setAccessibleName(self.tr("Assistants in this session"))
        note = plain(
            QLabel(
                self.tr(
                    "You stay in the session as an assistant. Any sharing and file transfer "
                    "running ends; the agent you pick can hand control back to you."
                )
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.transfer_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.transfer_button.setText(self.tr("Transfer control"))
        self.transfer_button.setObjectName("transferButton")
        self.buttons.accepted.connect(self.transfer)
        self.buttons.rejected.connect(self.reject)
        self.people.itemDoubleClicked.connect(lambda _item: self.transfer())
        self.people.currentRowChanged.connect(lambda _row: self._enable())
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.people, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        slot.state_changed.connect(self._state)
        self._state(slot.state)
        self.people.setFocus()  # the arrows pick an assistant, Enter hands control over
        self.resize(440, 320)

    @Slot(object)
    def _state(self, state: ConsoleState) -> None:
        if not (state.in_session and state.is_primary):
            self.reject()  # control moved (or the session ended) meanwhile
            return
        self.intro.setText(
            self.tr("Hand control of session {number} to:").format(number=self.slot.number_text)
            if state.assistants
            else self.tr("No other agent has joined this session as assistant yet.")
        )
        chosen = self.chosen()
        self.people.clear()
        for pid, name in state.assistants:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.people.addItem(item)
            if pid == chosen or self.people.count() == 1:
                self.people.setCurrentItem(item)
        self._enable()

    def chosen(self) -> str | None:
        item = self.people.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, str) else None

    def _enable(self) -> None:
        self.transfer_button.setEnabled(self.chosen() is not None)

    @Slot()
    def transfer(self) -> None:
        to = self.chosen()
        if to is None:
            return
        self.slot.transfer_control(to)
        self.accept()

    def done(self, result: int) -> None:
        if not self._finished:
            self._finished = True
            self.slot.state_changed.disconnect(self._state)
        super().done(result)
