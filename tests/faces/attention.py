"""What the chat-attention tests share: a notifier that records what the desktop would show
(a Linux test display has no system tray), desktop sharing with a stand-in screen backend on
both sides of a real session, and another program taking the keyboard."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from shared.qt.notifier import Notification, Notifier
from shared.session.consent import Asker, ConsentAnswer, ConsentGate, ConsentRequest
from shared.session.live import LiveSession
from shared.session.sharing import SharingFeature
from tests.faces.conftest import WAIT_MS
from tests.ui.fakes import FakeBackend


@dataclass
class RecordingNotifier(Notifier):
    """The apps' ``Notifier``, keeping what it is asked to show."""

    shown: list[Notification] = field(default_factory=list)

    def tell(self, note: Notification) -> None:
        self.shown.append(note)


def stand_in_sharing(session: LiveSession, ask: Asker | None) -> SharingFeature:
    """Desktop sharing over the real session, its screen capture and video stood in for: the
    viewer windows are real, no pixels flow."""
    return SharingFeature(session, FakeBackend(), consent=ConsentGate(ask))


async def allow(_: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=True)


def customer_allowing_sharing(customer: LiveSession) -> None:
    stand_in_sharing(customer, allow)


# Another program: a small window that takes the keyboard as soon as it shows.
_OTHER_PROGRAM = """
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
field = QLineEdit()
field.setWindowTitle("Another program")
field.show()
field.activateWindow()
print("ready", flush=True)
app.exec()
"""


@contextmanager
def another_program_in_front(qtbot: QtBot) -> Iterator[None]:
    """While inside, a window of another process is the active one (no window of ours is)."""
    process = subprocess.Popen(
        [sys.executable, "-c", _OTHER_PROGRAM], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        qtbot.waitUntil(lambda: QApplication.activeWindow() is None, timeout=WAIT_MS)
        yield
    finally:
        process.terminate()
        process.wait(10)
