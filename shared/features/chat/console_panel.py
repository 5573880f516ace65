"""A chat panel showing one session's chat: its transcript so far, its people, sending to it.
The dashboard's follows the current session; the multisession window has one per tab; the
icon bar's chat window follows the current one. While it is on screen in the window in front,
what its session's people write is read."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from shared.features.chat.panel import ChatPanel
from shared.features.chat.part import ChatEntry, ChatPart


class SessionChat(ChatPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part: ChatPart | None = None
        self.set_live(False)
        self.send_requested.connect(self._send_line)

    def take_focus(self) -> None:
        self.entry.setFocus()

    def bind(self, part: Any) -> None:
        if part is self.part or not isinstance(part, ChatPart):
            return
        old = self.part
        if old is not None:
            old.added.disconnect(self._entry)
            old.cleared.disconnect(self.transcript.clear)
            old.people_changed.disconnect(self.set_recipients)
            old.live_changed.disconnect(self.set_live)
        self.part = part
        part.added.connect(self._entry)
        part.cleared.connect(self.transcript.clear)
        part.people_changed.connect(self.set_recipients)
        part.live_changed.connect(self.set_live)
        self.transcript.clear()
        for entry in part.entries:
            self._entry(entry)
        self.set_recipients(part.people)
        self.set_live(part.live)
        self._read_if_seen()

    def _read_if_seen(self) -> None:
        if self.part is not None and self.isVisible() and self.window().isActiveWindow():
            self.part.mark_read()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._read_if_seen()

    def event(self, event: QEvent) -> bool:
        # Qt hands the window's activation on to its visible children: we are seen now.
        if event.type() == QEvent.Type.WindowActivate:
            self._read_if_seen()
        return super().event(event)

    @Slot(object)
    def _entry(self, entry: ChatEntry) -> None:
        if entry.is_notice:
            self.add_notice(entry.text)
        else:
            self.add_line(entry.sender, entry.text, entry.outgoing, entry.private_to, entry.stamp)
            self._read_if_seen()

    @Slot(str, str)
    def _send_line(self, to: str, text: str) -> None:
        if self.part is not None:
            self.part.send(to, text)
