"""Telling someone working in another program that a chat message came in.

``Notifier`` is the small interface the apps use (a notifier only says how it tells a
``Notification``); ``SystemNotifier`` is the real one. It shows
the desktop's own notification through the system tray when there is one (Windows, macOS, and
Linux desktops with a tray or a notification service). Where there is none (a bare X server,
some Wayland desktops) it falls back on the window asking for attention: the taskbar entry
flashes, or the window is marked urgent, until the person comes back to it. It asks for
attention in any case, so the sign stays after the notification has gone.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon, QWidget

# How long the desktop shows the notification (the desktop may choose otherwise).
NOTIFICATION_MS = 8000
# Notification services on Linux may read the body as markup: a customer could style it. These
# stand-ins keep what was written readable without any of it being taken as a tag.
_STAND_INS = {"<": "‹", ">": "›", "&": "＆"}


@dataclass(frozen=True)
class Notification:
    """``title`` (who), ``text`` (what); ``window`` is the one to come back to, ``on_click``
    what clicking the notification does."""

    title: str
    text: str
    window: QWidget | None
    on_click: Callable[[], None] | None = None


class Notifier:
    def notify(
        self,
        title: str,
        text: str,
        window: QWidget | None,
        on_click: Callable[[], None] | None = None,
    ) -> None:
        """Tell the person that a message came in (see ``Notification``)."""
        self.tell(Notification(title, text, window, on_click))

    def tell(self, note: Notification) -> None:
        raise NotImplementedError


def defuse_markup(text: str) -> str:
    if not sys.platform.startswith("linux"):
        return text
    return "".join(_STAND_INS.get(char, char) for char in text)


class SystemNotifier(QObject, Notifier):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        self._on_click: Callable[[], None] | None = None

    def tell(self, note: Notification) -> None:
        if note.window is not None:
            QApplication.alert(note.window)  # until the window is active again
        if not (QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()):
            return
        self._on_click = note.on_click
        tray = self._tray()
        tray.showMessage(
            note.title,
            defuse_markup(note.text),
            QSystemTrayIcon.MessageIcon.Information,
            NOTIFICATION_MS,
        )

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            icon = QApplication.windowIcon()
            if icon.isNull():
                icon = QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxInformation
                )
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("Tandem")
            self.tray.messageClicked.connect(self._clicked)
            self.tray.show()
        return self.tray

    @Slot()
    def _clicked(self) -> None:
        if self._on_click is not None:
            self._on_click()
