"""One session's notes in the console: the text as the agent types it, journaled within a
second; at the session's end, the review."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from csr_console.notes.center import stored_notes
from csr_console.notes.journal import JournalEntry, NotesJournal
from csr_console.notes.review import NotesReview
from shared.protocol.center_records import MAX_NOTES_CHARS
from shared.qt.feature_views import SessionHost
from shared.session.events import SessionClosed
from shared.session.live import LiveSession

log = logging.getLogger(__name__)

# A change reaches the disk this long after the first keystroke not yet saved (the brief's "a
# crash loses nothing": under a second), without a write per key while the agent types.
SAVE_DELAY_MS = 300
# How a session left open on purpose (the console quits keeping it) closes here: the notes
# wait for its return, not for a review.
KEPT = "kept"


class NotesPart(QObject):
    changed = Signal(str)  # the notes' text
    # Notes can be written (a session runs in this slot).
    active_changed = Signal(bool)
    # The journal could not be written (why, translated); "" once it can again.
    trouble = Signal(str)
    # The review offered at the session's end (a NotesReview): for the console and tests.
    review_opened = Signal(object)

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.journal = NotesJournal()
        self.text = ""
        self.active = False
        self.review: NotesReview | None = None
        # (center, agent, number) of the session the notes are about.
        self._key: tuple[str, str, int] | None = None
        self._fingerprint = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        host.session_started.connect(self._started)
        host.session_closed.connect(self._closed)

    def adopt(self, session: LiveSession) -> None:
        """A new session in this slot: its notes start empty (until it has started)."""
        self._flush()
        self._key = None
        self._set_text("")
        self._set_active(False)

    def close(self) -> None:
        self._flush()

    def set_text(self, text: str) -> None:
        """The agent changed the notes (in any face's panel)."""
        text = text[:MAX_NOTES_CHARS]
        if text == self.text or not self.active:
            return
        self._set_text(text)
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def save(self) -> None:
        self._timer.stop()
        if self._key is None:
            return
        center, username, number = self._key
        try:
            self.journal.write(JournalEntry(center, username, number, self.text))
        except OSError as exc:
            log.exception("notes of session %d not written to the journal", number)
            self.trouble.emit(
                QCoreApplication.translate(
                    "NotesPart", "Your notes could not be saved on this computer: {reason}"
                ).format(reason=exc.strerror or str(exc))
            )
            return
        self.trouble.emit("")

    def _flush(self) -> None:
        if self._timer.isActive():
            self.save()

    def _set_text(self, text: str) -> None:
        self.text = text
        self.changed.emit(text)

    def _set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.active_changed.emit(active)

    @Slot(object)
    def _started(self, started: Any) -> None:
        account = getattr(self.host, "account", None)
        center = getattr(self.host.session, "center", None)
        if account is None or center is None:
            return
        self._key = (center.server_url, account.username, int(started.number))
        self._fingerprint = center.fingerprint
        # A session taken back (resumed after the console quit or crashed): its notes so far.
        kept = self.journal.read(*self._key)
        self._set_text(kept.text if kept is not None else "")
        self._set_active(True)
        if kept is None:
            key = self._key

            def done(text: str | None, error: BaseException | None) -> None:
                # Only into notes still empty: what the agent typed meanwhile is not replaced.
                if text and key == self._key and not self.text:
                    self.set_text(text)

            self.host.bridge.run(stored_notes(center, account.token, key[2]), done)

    @Slot(object)
    def _closed(self, closed: SessionClosed) -> None:
        self._flush()
        self._set_active(False)
        key = self._key
        if key is None or closed.code == KEPT:
            return  # kept for the session's return (and offered at the next sign-in)
        if not self.text.strip():
            self.journal.remove(*key)  # nothing written: nothing to review
            return
        center, username, number = key
        entry = JournalEntry(center, username, number, self.text, ended=True)
        try:
            self.journal.write(entry)
        except OSError:
            log.exception("notes of session %d not marked ended", number)
        account = getattr(self.host, "account", None)
        token = getattr(account, "token", "")
        self.review = NotesReview(
            entry, self.journal, self.host.bridge, self._fingerprint, token, self.host.near()
        )
        self.review.open()
        self.review_opened.emit(self.review)
