"""Chat in the customer's window: the chat while the session runs (a notification when a line
arrives while the window is not in front), and once it is over, the chat to read or save."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Slot
from PySide6.QtGui import QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shared.features.chat.panel import ChatPanel
from shared.features.chat.part import ChatEntry, ChatPart
from shared.features.chat.protocol import NAME
from shared.qt.chat_notice import message_start
from shared.qt.feature_views import CustomerView, PanelSpec, Place
from shared.qt.notifier import Notifier, SystemNotifier
from shared.qt.plain_text import plain

_DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation
translate = QCoreApplication.translate


class CustomerChat(ChatPanel):
    """The chat while the session runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatPanel")
        self.part: ChatPart | None = None
        # Tells the customer of a line while their window is not in front (tests watch
        # through one of their own).
        self.notifier: Notifier = SystemNotifier(self)
        self.set_live(False)
        self.send_requested.connect(self._send_line)

    def take_focus(self) -> None:
        self.entry.setFocus()

    def bind(self, part: Any) -> None:
        if not isinstance(part, ChatPart) or part is self.part:
            return
        self.part = part
        part.added.connect(self._entry)
        part.cleared.connect(self.transcript.clear)
        part.people_changed.connect(self.set_recipients)
        part.live_changed.connect(self._live)
        part.line_arrived.connect(self._arrived)

    @Slot(bool)
    def _live(self, live: bool) -> None:
        self.set_live(live)
        if live and self.window().isActiveWindow():
            # The agent is there: the keyboard goes where the customer writes to them, unless
            # they are typing somewhere already (it was on the Join button, gone now).
            focus = self.window().focusWidget()
            typing = isinstance(focus, QLineEdit) or (
                isinstance(focus, QTextEdit) and not focus.isReadOnly()
            )
            if not typing or focus is None or not focus.isVisible():
                self.entry.setFocus()

    @Slot(object)
    def _entry(self, entry: ChatEntry) -> None:
        if not entry.is_notice:  # the customer's window says who joins on its own
            self.add_line(entry.sender, entry.text, entry.outgoing, entry.private_to, entry.stamp)

    @Slot(str, str)
    def _arrived(self, name: str, text: str) -> None:
        window = self.window()
        if window.isActiveWindow():
            return
        # Behind the agent's screen, minimised, or another program in front. Taking the
        # keyboard instead would send the customer's typing into this window by surprise.
        self.notifier.notify(
            self.tr("{name} wrote — Tandem").format(name=name),
            message_start(text),
            window,
            self.show_chat,
        )

    @Slot()
    def show_chat(self) -> None:
        """Bring the window and its chat in front (the customer clicked the notification)."""
        window = self.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()
        self.entry.setFocus()

    @Slot(str, str)
    def _send_line(self, to: str, text: str) -> None:
        if self.part is not None:
            self.part.send(to, text)


class ChatHistory(QWidget):
    """The session's chat once it is over: readable, and saved where the customer says."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatHistoryPanel")
        self.part: ChatPart | None = None
        self._stale = True
        self.history = QTextBrowser()
        self.history.setObjectName("chatHistory")
        self.history.setAccessibleName(self.tr("Chat of this session"))
        self.save_chat_button = QPushButton(self.tr("Save chat…"))
        self.save_chat_button.setObjectName("saveChatButton")
        self.save_chat_button.clicked.connect(self.save_chat)
        self.saved = plain(QLabel())
        self.saved.setObjectName("chatSavedLabel")
        self.saved.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_chat_button)
        buttons.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.history, 1)
        layout.addLayout(buttons)

    def bind(self, part: Any) -> None:
        if not isinstance(part, ChatPart) or part is self.part:
            return
        self.part = part
        part.added.connect(self._changed)
        part.cleared.connect(self._changed)
        self._changed()

    @Slot()
    def _changed(self, *_: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Show the transcript as it is now (done when shown: nobody reads it before)."""
        self._stale = False
        panel = ChatPanel()  # the same rendering as the live chat
        lines = [e for e in (self.part.entries if self.part else []) if not e.is_notice]
        for e in lines:
            panel.add_line(e.sender, e.text, e.outgoing, e.private_to, e.stamp)
        self.history.setDocument(panel.transcript.document().clone(self.history))
        panel.deleteLater()
        self.history.setVisible(bool(lines))
        self.save_chat_button.setVisible(bool(lines))
        self.saved.clear()
        self.history.moveCursor(QTextCursor.MoveOperation.End)

    @Slot()
    def save_chat(self) -> None:
        """Ask where to save the chat (window-modal, not blocking), then write it there."""
        name = self.tr("Tandem chat {date}.txt").format(date=time.strftime("%Y-%m-%d"))
        documents = Path(QStandardPaths.writableLocation(_DOCUMENTS) or Path.home())
        folder = documents if documents.is_dir() else Path.home()
        dialog = QFileDialog(
            self, self.tr("Save chat"), str(folder / name), self.tr("Text files (*.txt)")
        )
        dialog.setObjectName("saveChatDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        # Qt's own French catalogue lacks these two labels of its file dialog.
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, self.tr("Look in:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, self.tr("Files of type:"))
        dialog.setDefaultSuffix("txt")
        dialog.fileSelected.connect(self.write_chat)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(str)
    def write_chat(self, path: str) -> None:
        text = self.history.toPlainText()
        try:
            Path(path).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            self.saved.setText(
                self.tr("The chat could not be saved: {reason}").format(reason=exc.strerror or exc)
            )
            return
        self.saved.setText(self.tr("Chat saved in {path}").format(path=path))


def _chat(_buttons: list[QToolButton]) -> CustomerChat:
    return CustomerChat()


def _history(_buttons: list[QToolButton]) -> ChatHistory:
    return ChatHistory()


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=ChatPart,
    panels=(
        PanelSpec(NAME, Place.CONVERSATION, lambda: translate("Actions", "Chat"), _chat),
        PanelSpec("chat_history", Place.ENDED, lambda: translate("Actions", "Chat"), _history),
    ),
)
