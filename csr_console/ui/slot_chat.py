"""A chat panel showing one session's chat: its transcript so far, its people, sending to it.
The multisession window has one per tab; the icon bar's chat window follows the current one.
While it is on screen in the window in front, what its session's people write is read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from csr_console.ui.actions import ConsoleState
from csr_console.ui.session_slot import ChatEntry, SessionSlot
from shared.qt.chat_panel import ChatPanel
from shared.session.participants import Participant


class SlotChat(ChatPanel):
    def __init__(self, slot: SessionSlot | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot: SessionSlot | None = None
        self.set_live(False)
        self.send_requested.connect(self._send_to_slot)
        if slot is not None:
            self.bind(slot)

    def bind(self, slot: SessionSlot) -> None:
        if slot is self.slot:
            return
        old = self.slot
        if old is not None:
            old.log.added.disconnect(self._entry)
            old.log.cleared.disconnect(self.transcript.clear)
            old.participants_changed.disconnect(self._participants)
            old.state_changed.disconnect(self._state)
        self.slot = slot
        slot.log.added.connect(self._entry)
        slot.log.cleared.connect(self.transcript.clear)
        slot.participants_changed.connect(self._participants)
        slot.state_changed.connect(self._state)
        self.transcript.clear()
        for entry in slot.log.entries:
            self._entry(entry)
        self._participants(slot.participants)
        self._state(slot.state)
        self._read_if_seen()

    def _read_if_seen(self) -> None:
        if self.slot is not None and self.isVisible() and self.window().isActiveWindow():
            self.slot.mark_read()

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

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self.set_recipients([(p.id, p.name) for p in participants if p.gone_reason is None])

    @Slot(object)
    def _state(self, state: ConsoleState) -> None:
        self.set_live(state.customer_linked)

    @Slot(str, str)
    def _send_to_slot(self, to: str, text: str) -> None:
        if self.slot is not None:
            self.slot.send_chat(to, text)
