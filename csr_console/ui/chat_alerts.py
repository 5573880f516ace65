"""A chat line from a customer while the agent works in another program: the desktop's
notification (or the console's window asking for attention), in every session of the console.

While a console window is in front the agent sees the line already: the unread count on the
Chat action and on the session's tab, the chat itself, or the notice over a viewer's screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QWidget

from csr_console.ui.controller import ConsoleController
from csr_console.ui.session_slot import SessionSlot
from shared.qt.chat_notice import message_start
from shared.qt.notifier import Notifier, SystemNotifier
from shared.session.events import ChatReceived


def console_in_front() -> bool:
    """One of this program's windows (a face, a viewer, a dialog) is the active one."""
    return QApplication.activeWindow() is not None


class ChatAlerts(QObject):
    def __init__(
        self,
        controller: ConsoleController,
        window: Callable[[], QWidget | None],
        open_chat: Callable[[SessionSlot], None],
        notifier: Notifier | None = None,
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = window
        self.open_chat = open_chat
        # Replaceable: the tests watch what would be shown through a notifier of their own.
        self.notifier: Notifier = notifier or SystemNotifier(self)
        self.in_front: Callable[[], bool] = console_in_front
        for slot in controller.slots:
            self._watch(slot)
        controller.slot_added.connect(self._watch)

    @Slot(object)
    def _watch(self, slot: SessionSlot) -> None:
        slot.chat_received.connect(lambda event: self._chat(slot, event))

    def _chat(self, slot: SessionSlot, event: ChatReceived) -> None:
        if event.outgoing or self.in_front():
            return
        self.notifier.notify(
            self.tr("{name} wrote — Tandem").format(name=event.sender_name),
            message_start(event.line.text),
            self.window(),
            lambda: self.open_chat(slot),
        )
