"""The chat panel both apps show: transcript, recipient, a line to type, Send."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shared.protocol.limits import MAX_CHAT_CHARS
from shared.protocol.messages import EVERYONE


class ChatPanel(QWidget):
    # (recipient id or EVERYONE, text)
    send_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.transcript = QTextBrowser(self)
        self.transcript.setObjectName("chatTranscript")
        self.transcript.setAccessibleName(self.tr("Chat messages"))
        self.transcript.setOpenExternalLinks(False)
        self.recipient = QComboBox(self)
        self.recipient.setObjectName("chatRecipient")
        self.recipient.setAccessibleName(self.tr("Send to"))
        self.entry = QLineEdit(self)
        self.entry.setObjectName("chatEntry")
        self.entry.setMaxLength(MAX_CHAT_CHARS)
        self.entry.setPlaceholderText(self.tr("Type a message"))
        self.entry.setAccessibleName(self.tr("Message"))
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("chatSend")
        self.send_button.setDefault(False)

        to_row = QHBoxLayout()
        to_row.addWidget(QLabel(self.tr("Send to:"), self))
        to_row.addWidget(self.recipient, 1)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.send_button)
        # The row a side adds its own buttons to (the console's quick phrases).
        self.entry_row = entry_row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.transcript, 1)
        layout.addLayout(to_row)
        layout.addLayout(entry_row)

        self.entry.returnPressed.connect(self._send)
        self.send_button.clicked.connect(self._send)
        self.entry.textChanged.connect(self._update_send)
        self.set_recipients([])

    def set_recipients(self, people: list[tuple[str, str]]) -> None:
        """``people`` is [(participant id, name)]; 'All participants' always comes first."""
        current = self.recipient.currentData()
        self.recipient.blockSignals(True)
        self.recipient.clear()
        self.recipient.addItem(self.tr("All participants"), EVERYONE)
        for pid, name in people:
            self.recipient.addItem(name, pid)
        index = self.recipient.findData(current)
        self.recipient.setCurrentIndex(max(0, index))
        self.recipient.blockSignals(False)
        self._update_send()

    def set_live(self, live: bool) -> None:
        self.entry.setEnabled(live)
        self.recipient.setEnabled(live)
        self._update_send()

    @Slot()
    def _update_send(self) -> None:
        self.send_button.setEnabled(self.entry.isEnabled() and bool(self.entry.text().strip()))

    @Slot()
    def _send(self) -> None:
        text = self.entry.text().strip()
        if not text or not self.entry.isEnabled():
            return
        self.send_requested.emit(str(self.recipient.currentData() or EVERYONE), text)
        self.entry.clear()

    def add_line(
        self,
        sender: str,
        text: str,
        outgoing: bool,
        private_to: str | None = None,
        stamp: str | None = None,
    ) -> None:
        """``stamp`` (HH:MM) is when the line was said; now if not given."""
        stamp = stamp or time.strftime("%H:%M")
        who = html.escape(sender)
        if private_to:
            who += " → " + html.escape(private_to)
        colour = "#1f5fa8" if outgoing else "#2b7a3d"
        body = html.escape(text).replace("\n", "<br>")
        # The colon after the name is the language's: French puts a no-break space before it.
        label = self.tr("{who}:").format(who=who)
        self.transcript.append(
            f'<p style="margin:2px 0"><span style="color:#666">{stamp}</span> '
            f'<b style="color:{colour}">{label}</b> {body}</p>'
        )
        self.transcript.moveCursor(QTextCursor.MoveOperation.End)

    def add_notice(self, text: str) -> None:
        self.transcript.append(f'<p style="margin:2px 0;color:#777"><i>{html.escape(text)}</i></p>')
