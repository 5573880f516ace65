"""The client's waiting view: which queue, the customer's place in line, an estimated wait, and
Leave the queue; and the words for a customer whose session was transferred to a queue."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from shared.protocol.messages import QueueAccepted, QueueStatus
from shared.qt.plain_text import plain

# lupdate collects the strings of translate("Context", "text") calls.
translate = QCoreApplication.translate

# Below a minute an estimate in minutes says nothing; up to ten minutes it is given to the
# minute, then to five (an estimate is no better than that); from an hour, only that.
MINUTE_S = 60.0
FINE_UNTIL_MIN = 10
COARSE_STEP_MIN = 5
HOUR_MIN = 60


def wait_text(seconds: float) -> str:
    """An estimated wait as a person says it: "less than a minute", "about 5 minutes"."""
    if seconds < MINUTE_S:
        return translate("QueueTexts", "less than a minute")
    minutes = round(seconds / MINUTE_S)
    if minutes >= FINE_UNTIL_MIN:
        minutes = COARSE_STEP_MIN * round(minutes / COARSE_STEP_MIN)
    if minutes >= HOUR_MIN:
        return translate("QueueTexts", "an hour or more")
    if minutes <= 1:
        return translate("QueueTexts", "about a minute")
    return translate("QueueTexts", "about {n} minutes").format(n=minutes)


def position_text(position: int) -> str:
    if position == 1:
        return translate("QueueTexts", "You are next in line.")
    return translate("QueueTexts", "You are number {n} in line.").format(n=position)


def transfer_text(status: QueueStatus) -> str:
    """A customer's session was transferred to a queue: by whom, to which, where they stand."""
    where = translate(
        "QueueTexts", "{agent} transferred you to {queue}; you are number {n} in line."
    )
    if status.position == 1:
        where = translate("QueueTexts", "{agent} transferred you to {queue}; you are next in line.")
    estimate = translate("QueueTexts", "Estimated wait: {wait}.").format(
        wait=wait_text(status.estimated_wait_s)
    )
    by = status.transferred_by or ""
    return where.format(agent=by, queue=status.queue_title, n=status.position) + " " + estimate


def _heading(text: str) -> QLabel:
    label = plain(QLabel(text))
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class QueuePage(QWidget):
    """Shown from the start of the wait until the session view (or why it ended)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("queuePage")
        self.queue_label = _heading(self.tr("Waiting for an agent"))
        self.queue_label.setObjectName("queueTitle")
        self.position_label = _heading("")
        self.position_label.setObjectName("queuePosition")
        self.wait_label = plain(QLabel())
        self.wait_label.setObjectName("queueWait")
        self.wait_label.setWordWrap(True)
        # Connecting, connection lost, or an agent ready: what is happening now.
        self.notice = plain(QLabel())
        self.notice.setObjectName("queueNotice")
        self.notice.setWordWrap(True)
        hint = QLabel(
            self.tr("Keep this window open: your session starts by itself when an agent is free.")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555")
        self.leave_button = QPushButton(self.tr("&Leave the queue"))
        self.leave_button.setObjectName("leaveQueueButton")
        self.leave_button.setAccessibleName(self.tr("Leave the queue"))
        self.leave_button.setToolTip(self.tr("Stop waiting: you lose your place in line"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.queue_label)
        layout.addWidget(self.position_label)
        layout.addWidget(self.wait_label)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addWidget(hint)
        layout.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignRight)
        self.connecting()

    def connecting(self) -> None:
        self.position_label.clear()
        self.wait_label.clear()
        self.notice.setText(self.tr("Connecting to the support center…"))
        self.leave_button.setEnabled(True)

    def show_status(self, status: QueueStatus) -> None:
        self.queue_label.setText(status.queue_title)
        self.position_label.setText(position_text(status.position))
        self.wait_label.setText(
            self.tr("Estimated wait: {wait}.").format(wait=wait_text(status.estimated_wait_s))
        )
        self.notice.clear()
        # Screen readers hear the place in line whenever it changes.
        self.setAccessibleDescription(f"{self.position_label.text()} {self.wait_label.text()}")

    def show_lost(self) -> None:
        self.notice.setText(
            self.tr(
                "The connection to the support center was lost; trying again. You keep your "
                "place in line."
            )
        )

    def show_accepted(self, accepted: QueueAccepted) -> None:
        self.notice.setText(
            self.tr("{agent} is ready to help you: connecting…").format(agent=accepted.agent)
        )
        self.leave_button.setEnabled(False)
