"""Clipboard text follows the ways each live activity allows (the rule: ``clipboard.py``); the
engine refuses the rest anyway."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QClipboard, QGuiApplication

from shared.protocol.limits import MAX_CLIPBOARD_CHARS


class ClipboardSync(QObject):
    """Sends our clipboard's text to the other side of the activities that let it go our way,
    and puts on ours the text of those that let it come. The text we just set is not sent back
    (no ping-pong)."""

    def __init__(
        self,
        send: Callable[[str, str], None],
        clipboard: QClipboard | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._send = send
        self._clipboard = clipboard or QGuiApplication.clipboard()
        self._sending: set[str] = set()  # activities our clipboard goes to
        self._receiving: set[str] = set()  # activities whose text comes to our clipboard
        self._last_set: str | None = None
        self._clipboard.dataChanged.connect(self._changed)

    def set_activities(self, sending: set[str], receiving: set[str]) -> None:
        self._sending = set(sending)
        self._receiving = set(receiving)
        if not sending and not receiving:
            self._last_set = None

    def arrived(self, activity_id: str, text: str) -> None:
        if activity_id not in self._receiving:
            return
        self._last_set = text
        self._clipboard.setText(text)

    @Slot()
    def _changed(self) -> None:
        if not self._sending:
            return
        text = self._clipboard.text()
        if not text or text == self._last_set or len(text) > MAX_CLIPBOARD_CHARS:
            return
        self._last_set = text
        for activity_id in sorted(self._sending):
            self._send(activity_id, text)
