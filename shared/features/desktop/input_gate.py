"""Whether the controller's typing may go to the sharer now: not while the sharer's own user has
taken control back, and, once they give it back, not from the middle of a word."""

from __future__ import annotations

import time
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal

# Typing goes again once the sharer resumes and the controller's keyboard has been still this
# long (no key pressed, none held): a word typed across the resume is not sent from its middle.
RESUME_QUIET_MS: Final = 500


class InputGate(QObject):
    """Closed while the sharer says its user is busy (``set_paused(True)``): keys and text are
    dropped, never queued. Reopens when the sharer resumes, at once if the keyboard was quiet,
    else after ``RESUME_QUIET_MS`` of quiet. ``open_changed(is_open)`` tells the window.

    Only typing waits for the quiet spell: the pointer goes again as soon as the sharer says
    so (the session engine drops remote input while the activity is paused)."""

    open_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paused = False
        self._open = True
        self._held: set[int] = set()  # keys pressed while closed and not released yet
        self._last_key = 0.0  # monotonic time of the last key event while closed
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._reopen)

    @property
    def is_open(self) -> bool:
        return self._open

    def set_paused(self, paused: bool) -> None:
        """What the sharer says: its user is (or no longer is) using their own devices."""
        if paused == self._paused:
            return
        self._paused = paused
        if paused:
            self._quiet.stop()
            self._set_open(False)
        elif not self._open:
            self._wait_for_quiet()

    def key(self, physical: int, pressed: bool) -> bool:
        """A key went down or up on the controller's keyboard: may it be sent?"""
        if self._open:
            return True
        if pressed:
            self._held.add(physical)
        else:
            self._held.discard(physical)
        self._last_key = time.monotonic()
        if not self._paused:
            self._wait_for_quiet()
        return False

    def forget_keys(self) -> None:
        """The keyboard left the view (its releases will not come here)."""
        self._held.clear()
        if not self._open and not self._paused:
            self._wait_for_quiet()

    def _wait_for_quiet(self) -> None:
        wait_ms = round(RESUME_QUIET_MS - (time.monotonic() - self._last_key) * 1000)
        if wait_ms > 0:
            self._quiet.start(wait_ms)
        else:
            self._reopen()

    def _reopen(self) -> None:
        if not self._paused and not self._held:
            self._set_open(True)

    def _set_open(self, is_open: bool) -> None:
        if is_open != self._open:
            self._open = is_open
            self._held.clear()
            self._last_key = 0.0
            self.open_changed.emit(is_open)
