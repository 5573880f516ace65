"""The notes review: at a session's end (or at sign-in, for notes never sent) the agent reads
and edits them, then stores them with the session's record at the center, or keeps them for
later. Nothing is lost: the journal keeps the notes until the center has them."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.notes.center import send_notes
from csr_console.notes.journal import JournalEntry, NotesJournal
from shared.protocol.center_records import MAX_NOTES_CHARS
from shared.qt.bridge import AsyncBridge
from shared.qt.plain_text import plain
from shared.qt.session_controller import error_text
from shared.session.join_link import format_session_number

log = logging.getLogger(__name__)


class NotesReview(QDialog):
    # The session's number, once the center has its notes.
    saved = Signal(int)

    def __init__(
        self,
        entry: JournalEntry,
        journal: NotesJournal,
        bridge: AsyncBridge,
        fingerprint: str,
        token: str,
        parent: QWidget | None = None,
        crashed: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notesReview")
        self.entry = entry
        self.journal = journal
        self.bridge = bridge
        self.fingerprint = fingerprint
        self.token = token
        number = format_session_number(entry.number)
        self.setWindowTitle(self.tr("Notes of session {number}").format(number=number))
        intro = (
            self.tr(
                "These notes of session {number} were never saved at the support center. "
                "Check them, then save them with the session's record."
            )
            if crashed
            else self.tr(
                "Session {number} has ended. Check your notes, then save them with the "
                "session's record at the support center."
            )
        )
        self.intro = plain(QLabel(intro.format(number=number)))
        self.intro.setWordWrap(True)
        self.editor = QPlainTextEdit(entry.text)
        self.editor.setObjectName("notesReviewText")
        self.editor.setAccessibleName(self.tr("Session notes"))
        self.status = plain(QLabel(""))
        self.status.setObjectName("notesReviewStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("&Save with the session's record"))
        self.save_button.setObjectName("notesSaveButton")
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.later_button = QPushButton(self.tr("&Later"))
        self.later_button.setObjectName("notesLaterButton")
        self.later_button.setAutoDefault(False)
        self.later_button.setToolTip(
            self.tr("Keep the notes on this computer; they are offered again at your next sign-in")
        )
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(520, 380)
        self.editor.setFocus()

    def _text(self) -> str:
        return self.editor.toPlainText()[:MAX_NOTES_CHARS]

    def _keep(self) -> None:
        """The notes as edited here, in the journal: what the next offer shows."""
        try:
            self.journal.write(
                JournalEntry(
                    self.entry.center,
                    self.entry.username,
                    self.entry.number,
                    self._text(),
                    ended=True,
                )
            )
        except OSError:
            log.exception("notes of session %d not kept on this computer", self.entry.number)

    @Slot()
    def save(self) -> None:
        self._keep()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        text = self._text()
        center, number = self.entry.center, self.entry.number
        self.bridge.run(send_notes(center, self.fingerprint, self.token, number, text), self._sent)

    def _sent(self, _: object, error: BaseException | None) -> None:
        self.save_button.setEnabled(True)
        if error is not None:
            self.status.setText(
                self.tr(
                    "Not saved at the support center: {reason} Your notes stay on this "
                    "computer and are offered again at your next sign-in."
                ).format(reason=error_text(error))
            )
            return
        self.journal.remove(self.entry.center, self.entry.username, self.entry.number)
        self.saved.emit(self.entry.number)
        self.accept()

    def reject(self) -> None:
        self._keep()
        super().reject()
