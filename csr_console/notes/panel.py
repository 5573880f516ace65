"""The Notes panel beside the session (the dashboard's and the icon bar's conversation tabs,
a tab of each multisession session): the agent writes the current session's notes in it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from csr_console.notes.part import NotesPart
from shared.protocol.center_records import MAX_NOTES_CHARS
from shared.qt.plain_text import plain


class NotesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part: NotesPart | None = None
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("notesEditor")
        self.editor.setAccessibleName(self.tr("Session notes"))
        self.editor.setTabChangesFocus(True)
        self.status = plain(QLabel(self))
        self.status.setObjectName("notesStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        self.editor.textChanged.connect(self._typed)
        self._active(False)

    def take_focus(self) -> None:
        self.editor.setFocus()

    def bind(self, part: Any) -> None:
        if part is self.part or not isinstance(part, NotesPart):
            return
        if self.part is not None:
            self.part.changed.disconnect(self._show)
            self.part.active_changed.disconnect(self._active)
            self.part.trouble.disconnect(self._trouble)
        self.part = part
        part.changed.connect(self._show)
        part.active_changed.connect(self._active)
        part.trouble.connect(self._trouble)
        self._show(part.text)
        self._active(part.active)

    @Slot(str)
    def _show(self, text: str) -> None:
        if self.editor.toPlainText() == text:
            return  # this panel's own typing
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.editor.blockSignals(False)

    @Slot()
    def _typed(self) -> None:
        text = self.editor.toPlainText()
        if len(text) > MAX_NOTES_CHARS:
            cursor = self.editor.textCursor()
            position = min(cursor.position(), MAX_NOTES_CHARS)
            self.editor.blockSignals(True)
            self.editor.setPlainText(text[:MAX_NOTES_CHARS])
            cursor = self.editor.textCursor()
            cursor.setPosition(position)
            self.editor.setTextCursor(cursor)
            self.editor.blockSignals(False)
            self.status.setText(
                self.tr("Notes hold at most {count} characters.").format(count=MAX_NOTES_CHARS)
            )
            text = text[:MAX_NOTES_CHARS]
        if self.part is not None:
            self.part.set_text(text)

    @Slot(bool)
    def _active(self, active: bool) -> None:
        self.editor.setReadOnly(not active)
        self.editor.setPlaceholderText(
            self.tr("Notes about this session, for its record: kept as you type.")
            if active
            else self.tr("Start a session to take notes.")
        )
        self.status.setText(
            self.tr(
                "Saved on this computer as you type; stored with the session's record when it ends."
            )
            if active
            else ""
        )

    @Slot(str)
    def _trouble(self, text: str) -> None:
        if text:
            self.status.setText(text)
