"""A chat line from a customer while the agent works in another program: the desktop's
notification (or the console's window asking for attention), in every session of the console.

While a console window is in front the agent sees the line already: the unread count on the
Chat action and on the session's tab, the chat itself, or the notice over a viewer's screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from shared.features.chat.part import ChatPart
from shared.features.chat.protocol import NAME
from shared.qt.chat_notice import message_start
from shared.qt.feature_views import ConsoleHost
from shared.qt.notifier import Notifier, SystemNotifier


def console_in_front() -> bool:
    """One of this program's windows (a face, a viewer, a dialog) is the active one."""
    return QApplication.activeWindow() is not None


class ChatAlerts(QObject):
    def __init__(self, console: ConsoleHost, notifier: Notifier | None = None) -> None:
        super().__init__()
        self.console = console
        # Replaceable: the tests watch what would be shown through a notifier of their own.
        self.notifier: Notifier = notifier or SystemNotifier(self)
        self.in_front: Callable[[], bool] = console_in_front
        console.each_part(NAME, self._watch)

    def _watch(self, part: object) -> None:
        if isinstance(part, ChatPart):
            part.line_arrived.connect(lambda name, text: self._line(part, name, text))

    def _line(self, part: ChatPart, name: str, text: str) -> None:
        if self.in_front():
            return
        self.notifier.notify(
            self.tr("{name} wrote — Tandem").format(name=name),
            message_start(text),
            self.console.window(),
            lambda: self._open(part),
        )

    def _open(self, part: ChatPart) -> None:
        """The agent clicked the notification: that session's chat in front, read (as the Chat
        action does; the window in front may be another program's until the face takes over)."""
        self.console.show_part(NAME, part, NAME)
        part.mark_read()
