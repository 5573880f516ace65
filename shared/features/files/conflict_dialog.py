"""The question put to whoever receives a file whose name is taken where it goes: replace the
file there, keep both (the new one under a numbered name), or skip it. The engine asks
(conflicts.py: ``NameConflict``) and waits for the answer; this window is how a person gives it,
on the customer's computer for files the agent sends, on the agent's for files fetched.

Nothing is overwritten unless Replace is clicked: Skip is the default button and what Escape or
closing the window answers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.features.files.conflicts import NameConflict
from shared.features.files.destination import Conflict
from shared.features.files.texts import quoted

# Wide enough for a long name and folder on two or three lines, not a whole screen.
DIALOG_WIDTH_PX = 460


class ConflictDialog(QDialog):
    """One name conflict; ``answered`` once, with the choice and whether it is for the rest of
    the transfer's files too."""

    answered = Signal(object, bool)  # Conflict, for_all

    def __init__(self, question: NameConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent or QApplication.activeWindow())
        self.question = question
        self._done = False
        self.setWindowTitle(self.tr("A file with that name exists"))
        self.setMinimumWidth(DIALOG_WIDTH_PX)
        self.text = QLabel(
            self.tr("{name} already exists in {folder}.").format(
                name=quoted(question.name), folder=question.folder
            )
        )
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # names are shown, never interpreted
        self.text.setWordWrap(True)
        what = QLabel(self.tr("What should be done with the file that arrives?"))
        what.setWordWrap(True)
        self.for_all = QCheckBox(self.tr("Do the same for the other files of this transfer"))
        self.for_all.setVisible(bool(question.group))
        self.replace_button = QPushButton(self.tr("Replace"))
        self.both_button = QPushButton(self.tr("Keep both"))
        self.skip_button = QPushButton(self.tr("Skip"))
        # Enter skips, whichever button the focus is on first: nothing is overwritten unless
        # Replace is clicked (a push button in a dialog takes Enter when it has the focus).
        for button in (self.replace_button, self.both_button):
            button.setAutoDefault(False)
        self.skip_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button, choice in (
            (self.replace_button, Conflict.REPLACE),
            (self.both_button, Conflict.KEEP_BOTH),
            (self.skip_button, Conflict.SKIP),
        ):
            button.clicked.connect(lambda _=False, c=choice: self._answer(c))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(what)
        layout.addWidget(self.for_all)
        layout.addLayout(buttons)
        self.skip_button.setFocus()

    def _answer(self, choice: Conflict) -> None:
        """Say ``choice``, once, then close."""
        if not self._done:
            self._done = True
            self.answered.emit(choice, self.for_all.isVisible() and self.for_all.isChecked())
        super().reject()

    def settled(self) -> None:
        """Answered some other way (the time to answer ran out, the transfer stopped): close
        without answering."""
        self._done = True
        super().reject()

    def reject(self) -> None:  # Escape, or the window closed (QDialog's close calls it)
        self._answer(Conflict.SKIP)
