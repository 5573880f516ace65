"""A chat panel showing one session's chat: its transcript so far, its people, sending to it.
The dashboard's follows the current session; the multisession window has one per tab; the
icon bar's chat window follows the current one. While it is on screen in the window in front,
what its session's people write is read."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from shared.features.chat.panel import ChatPanel
from shared.features.chat.part import ChatEntry, ChatPart
from shared.protocol.center_records import QuickPhrase
from shared.qt.plain_text import plain_tooltip

# How wide a phrase shows in the menu (its whole text is its tooltip, and goes in the field).
PHRASE_MENU_PX = 420


class SessionChat(ChatPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part: ChatPart | None = None
        self.set_live(False)
        self.send_requested.connect(self._send_line)
        # The site's quick phrases: picking one puts it in the message field, to edit or send
        # as it is (the agent sees what goes to the customer before it goes).
        self.phrases_button = QToolButton(self)
        self.phrases_button.setObjectName("quickPhrasesButton")
        self.phrases_button.setText(self.tr("Quick phrases"))
        self.phrases_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.phrases_menu = QMenu(self.phrases_button)
        self.phrases_menu.setObjectName("quickPhrasesMenu")
        self.phrases_button.setMenu(self.phrases_menu)
        self.entry_row.insertWidget(1, self.phrases_button)
        self._phrases: list[QuickPhrase] = []
        self._show_phrases([])

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
            old.phrases_changed.disconnect(self._show_phrases)
        self.part = part
        part.added.connect(self._entry)
        part.cleared.connect(self.transcript.clear)
        part.people_changed.connect(self.set_recipients)
        part.live_changed.connect(self.set_live)
        part.phrases_changed.connect(self._show_phrases)
        self.transcript.clear()
        for entry in part.entries:
            self._entry(entry)
        self.set_recipients(part.people)
        self.set_live(part.live)
        self._show_phrases(part.phrases)
        self._read_if_seen()

    def set_live(self, live: bool) -> None:
        super().set_live(live)
        if hasattr(self, "phrases_button"):
            self._update_phrases_button()

    @Slot(list)
    def _show_phrases(self, phrases: list[QuickPhrase]) -> None:
        self._phrases = list(phrases)
        self.phrases_menu.clear()
        metrics = QFontMetrics(self.phrases_menu.font())
        for phrase in self._phrases:
            shown = metrics.elidedText(phrase.text, Qt.TextElideMode.ElideRight, PHRASE_MENU_PX)
            action = self.phrases_menu.addAction(shown.replace("&", "&&"))
            action.setToolTip(plain_tooltip(phrase.text))  # Qt would render markup in it
            action.triggered.connect(lambda _=False, text=phrase.text: self.use_phrase(text))
        self._update_phrases_button()

    def _update_phrases_button(self) -> None:
        has = bool(self._phrases)
        self.phrases_button.setEnabled(has and self.entry.isEnabled())
        self.phrases_button.setToolTip(
            self.tr("Put one of your site's prepared messages in the message field")
            if has
            else self.tr("No quick phrases are set at the support center")
        )

    def use_phrase(self, text: str) -> None:
        """Put ``text`` in the message field where the cursor is, to edit, then send."""
        self.entry.insert(text)
        self.entry.setFocus()

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
