"""The short survey at the end of a session that came from a help request: was the problem
solved, a rating from 1 to 5, a comment; sent with the ticket, or skipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shared.protocol.queues import MAX_SURVEY_COMMENT_CHARS, SurveyAnswers
from shared.qt.plain_text import plain

RATINGS = range(1, 6)
Solved = Literal["yes", "partly", "no"]
# Sends ``answers``; calls back with None once the center has them, else the error.
Sender = Callable[[SurveyAnswers, Callable[[BaseException | None], None]], None]


class SurveyDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        ticket: str,
        send: Sender,
        error_text: Callable[[BaseException], str],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("surveyDialog")
        self.setWindowTitle(self.tr("How did it go?"))
        self.ticket = ticket
        self._send = send
        self._error_text = error_text
        self.sent = False

        solved_label = QLabel(self.tr("Was your problem solved?"))
        self.solved = QButtonGroup(self)
        solved_row = QHBoxLayout()
        self.solved_buttons: dict[Solved, QRadioButton] = {}
        answers: tuple[tuple[Solved, str], ...] = (
            ("yes", self.tr("&Yes")),
            ("partly", self.tr("&Partly")),
            ("no", self.tr("&No")),
        )
        for value, text in answers:
            button = QRadioButton(text)
            button.setObjectName(f"solved_{value}")
            button.setAccessibleDescription(solved_label.text())
            self.solved.addButton(button)
            self.solved_buttons[value] = button
            solved_row.addWidget(button)
        solved_row.addStretch(1)

        rating_label = QLabel(self.tr("How would you rate the help you got?"))
        self.rating = QButtonGroup(self)
        rating_row = QHBoxLayout()
        rating_row.addWidget(QLabel(self.tr("Poor")))
        self.rating_buttons: dict[int, QRadioButton] = {}
        for stars in RATINGS:
            button = QRadioButton(str(stars))
            button.setObjectName(f"rating_{stars}")
            button.setAccessibleName(self.tr("{n} out of 5").format(n=stars))
            button.setAccessibleDescription(rating_label.text())
            self.rating.addButton(button, stars)
            self.rating_buttons[stars] = button
            rating_row.addWidget(button)
        rating_row.addWidget(QLabel(self.tr("Excellent")))
        rating_row.addStretch(1)

        comment_label = QLabel(self.tr("&Comment (optional):"))
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("surveyComment")
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setTabChangesFocus(True)
        comment_label.setBuddy(self.comment)
        self.comment.textChanged.connect(self._keep_comment_short)

        self.error = plain(QLabel())
        self.error.setObjectName("surveyError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setObjectName("surveySend")
        self.send_button.setDefault(True)
        self.send_button.setEnabled(False)
        self.skip_button = QPushButton(self.tr("S&kip"))
        self.skip_button.setObjectName("surveySkip")
        self.skip_button.setToolTip(self.tr("Close without answering"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addWidget(solved_label)
        layout.addLayout(solved_row)
        layout.addWidget(rating_label)
        layout.addLayout(rating_row)
        layout.addWidget(comment_label)
        layout.addWidget(self.comment, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(420, 340)

        self.solved.buttonClicked.connect(self._answers_changed)
        self.rating.buttonClicked.connect(self._answers_changed)
        self.send_button.clicked.connect(self.submit)
        self.skip_button.clicked.connect(self.reject)

    @Slot()
    def _answers_changed(self) -> None:
        self.send_button.setEnabled(
            self.solved.checkedButton() is not None and self.rating.checkedId() in RATINGS
        )

    @Slot()
    def _keep_comment_short(self) -> None:
        text = self.comment.toPlainText()
        if len(text) > MAX_SURVEY_COMMENT_CHARS:
            self.comment.setPlainText(text[:MAX_SURVEY_COMMENT_CHARS])
            self.comment.moveCursor(self.comment.textCursor().MoveOperation.End)

    def answers(self) -> SurveyAnswers | None:
        solved = next((v for v, b in self.solved_buttons.items() if b.isChecked()), None)
        rating = self.rating.checkedId()
        if solved is None or rating not in RATINGS:
            return None
        return SurveyAnswers(
            ticket=self.ticket,
            solved=solved,
            rating=rating,
            comment=self.comment.toPlainText().strip(),
        )

    @Slot()
    def submit(self) -> None:
        answers = self.answers()
        if answers is None:
            return
        self.error.clear()
        self.send_button.setEnabled(False)
        self.send_button.setText(self.tr("Sending…"))
        self._send(answers, self._sent)

    def _sent(self, error: BaseException | None) -> None:
        self.send_button.setText(self.tr("&Send"))
        if error is None:
            self.sent = True
            self.accept()
            return
        self.send_button.setEnabled(True)
        self.error.setText(
            self.tr("Your answers could not be sent: {reason}").format(
                reason=self._error_text(error)
            )
        )
