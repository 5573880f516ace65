"""What the chat-attention tests share: a notifier that records what the desktop would show
(a Linux test display has no system tray), desktop sharing with a stand-in screen backend on
both sides of a real session, and another program taking the keyboard."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.main import create_client
from customer_client.ui.consent_dialog import ConsentDialog
from customer_client.ui.window import ClientWindow
from shared.features.chat.alerts import ChatAlerts
from shared.features.chat.customer import CustomerChat
from shared.features.desktop.engine import SharingFeature
from shared.qt.notifier import Notification, Notifier
from shared.qt.pins import remember_pin
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from tests.e2e.conftest import CenterProcess
from tests.faces.conftest import WAIT_MS, sign_in, start_session
from tests.ui.fakes import FakeBackend


@dataclass
class RecordingNotifier(Notifier):
    """The apps' ``Notifier``, keeping what it is asked to show."""

    shown: list[Notification] = field(default_factory=list)

    def tell(self, note: Notification) -> None:
        self.shown.append(note)


def stand_in_sharing(session: LiveSession) -> SharingFeature:
    """Desktop sharing over the real session, its screen capture and video stood in for: the
    viewer windows are real, no pixels flow."""
    return SharingFeature(session, FakeBackend())


async def allow(_: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=True)


def customer_allowing_sharing(customer: LiveSession) -> None:
    stand_in_sharing(customer)
    customer.consent.ask = allow


def chat_alerts(console: Console) -> ChatAlerts:
    """The console's chat notifications (their ``notifier`` replaceable)."""
    alerts = console.actions.helpers["chat"]
    assert isinstance(alerts, ChatAlerts)
    return alerts


def client_chat(client: ClientWindow) -> CustomerChat:
    """The chat panel of the customer's window."""
    chat = client.panels["chat"]
    assert isinstance(chat, CustomerChat)
    return chat


def agent_starts_session(qtbot: QtBot, console: Console, center: CenterProcess) -> int:
    """``console`` (sharing stood in for) signs in to ``center`` and starts a session: its
    number."""
    console.controller.engine_factories["desktop"] = stand_in_sharing
    sign_in(qtbot, console, center)
    return start_session(qtbot, console)


def client_window(qtbot: QtBot, center: CenterProcess) -> ClientWindow:
    """The customer's real client window, trusting ``center``; not shown yet."""
    remember_pin(center.url, center.fingerprint)
    client = create_client(center.url)
    qtbot.addWidget(client)
    return client


def client_joins(qtbot: QtBot, console: Console, client: ClientWindow, number: int) -> None:
    """Grace joins session ``number`` from the client's window; the console sees her linked."""
    client.show()
    client.prefill(number, "Grace", None)
    client.submit_join()
    qtbot.waitUntil(lambda: console.controller.state.customer_linked, timeout=WAIT_MS)


@contextmanager
def client_beside(
    qtbot: QtBot, console: Console, center: CenterProcess
) -> Iterator[tuple[int, ClientWindow]]:
    """The agent starts a session (``agent_starts_session``): its number, and the customer's
    real client window trusting ``center``, not joined nor shown yet; its windows close after."""
    number = agent_starts_session(qtbot, console, center)
    client = client_window(qtbot, center)
    try:
        yield number, client
    finally:
        client.controller.close_parts()
        client.controller.shutdown()


@contextmanager
def console_with_client(
    qtbot: QtBot,
    console: Console,
    center: CenterProcess,
    client_sharing: Callable[[LiveSession], SharingFeature] = stand_in_sharing,
) -> Iterator[ClientWindow]:
    """The agent starts a session and the customer joins it from the real client window
    (desktop sharing stood in for on both sides); the client's windows close after."""
    with client_beside(qtbot, console, center) as (number, client):
        client.controller.engine_factories["desktop"] = client_sharing
        client_joins(qtbot, console, client, number)
        yield client


def asked(qtbot: QtBot, client: ClientWindow) -> ConsentDialog:
    """The one consent question open in the client, once it shows."""
    qtbot.waitUntil(lambda: len(client.consent.dialogs) == 1, timeout=WAIT_MS)
    dialog = next(iter(client.consent.dialogs.values()))
    qtbot.waitExposed(dialog)
    return dialog


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
