"""Clipboard text follows both ways while control is shared (either direction)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QClipboard, QGuiApplication

from shared.protocol.limits import MAX_CLIPBOARD_CHARS


class ClipboardSync(QObject):
    """Sends our clipboard's text to the other side of every active control activity, and puts
    theirs on ours. The text we just set is not sent back (no ping-pong)."""

    def __init__(
        self,
        send: Callable[[str, str], None],
        clipboard: QClipboard | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._send = send
        self._clipboard = clipboard or QGuiApplication.clipboard()
        self._activity_ids: set[str] = set()
        self._last_set: str | None = None
        self._clipboard.dataChanged.connect(self._changed)

    def set_activities(self, activity_ids: set[str]) -> None:
        self._activity_ids = set(activity_ids)
        if not activity_ids:
            self._last_set = None

    def arrived(self, activity_id: str, text: str) -> None:
        if activity_id not in self._activity_ids:
            return
        self._last_set = text
        self._clipboard.setText(text)

    @Slot()
    def _changed(self) -> None:
        if not self._activity_ids:
            return
        text = self._clipboard.text()
        if not text or text == self._last_set or len(text) > MAX_CLIPBOARD_CHARS:
            return
        self._last_set = text
        for activity_id in sorted(self._activity_ids):
            self._send(activity_id, text)
