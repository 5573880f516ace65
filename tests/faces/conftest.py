"""The console built whole (controller, actions, the three faces), and a real support center
process whose cap on sessions per agent (and site default face) a test may choose."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.services.customer_session import CustomerSession
from shared.features.chat.engine import ChatFeature
from shared.protocol.messages import EVERYONE
from shared.qt.bridge import AsyncBridge
from shared.session.state import SessionState
from shared.transport.center_link import CenterLink
from tests.e2e.conftest import CenterProcess, start_center_process
from tests.helpers import AGENT_PASSWORD, AGENT_USER

WAIT_MS = 15_000
# Customers joined per console (by id), closed before the console's loop stops.
_customers: dict[int, list[CustomerSession]] = {}


def start_center(data_dir: Path, *serve_args: str) -> CenterProcess:
    return start_center_process(data_dir, *serve_args)


@pytest.fixture
def start_center_with(tmp_path: Path) -> Iterator[Callable[..., CenterProcess]]:
    """Start a center with extra ``serve`` arguments (``--max-sessions 2``…)."""
    started: list[CenterProcess] = []

    def start(*serve_args: str) -> CenterProcess:
        center = start_center(tmp_path / f"center{len(started)}", *serve_args)
        started.append(center)
        return center

    yield start
    for center in started:
        center.process.terminate()
        center.process.wait(10)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "console.ini"


@pytest.fixture
def make_console(qtbot: QtBot, settings_path: Path) -> Iterator[Callable[[], Console]]:
    """Build consoles over one settings file (a second one sees what the first kept)."""
    consoles: list[Console] = []

    def make() -> Console:
        console = Console(QSettings(str(settings_path), QSettings.Format.IniFormat))
        qtbot.addWidget(console.login)
        consoles.append(console)
        return console

    yield make
    for console in consoles:
        for customer in _customers.pop(id(console), []):
            console.bridge.submit(customer.close()).result(10)
        console.faces.quit()


@pytest.fixture
def console_at_center(
    make_console: Callable[[], Console], start_center_with: Callable[..., CenterProcess]
) -> tuple[Console, CenterProcess]:
    """A center of default settings, and a console whose agent is not signed in yet."""
    center = start_center_with()
    return make_console(), center


def sign_in(qtbot: QtBot, console: Console, center: CenterProcess) -> None:
    console.controller.sign_in(center.url, center.fingerprint, AGENT_USER, AGENT_PASSWORD)
    qtbot.waitUntil(lambda: console.controller.state.signed_in, timeout=WAIT_MS)
    console.login.accept()


def start_session(qtbot: QtBot, console: Console) -> int:
    """Start a session with the registry's action, as any face's button does; its number."""
    before = {id(s) for s in console.controller.slots if s.started is not None}
    console.actions.registry.action("start_session").trigger()
    qtbot.waitUntil(
        lambda: (
            console.controller.current.started is not None
            and id(console.controller.current) not in before
            and console.controller.current.state.session == SessionState.WAITING
        ),
        timeout=WAIT_MS,
    )
    started = console.controller.current.started
    assert started is not None
    return started.number


def join(
    qtbot: QtBot,
    console: Console,
    center: CenterProcess,
    number: int,
    name: str,
    setup: Callable[[CustomerSession], object] | None = None,
) -> CustomerSession:
    """A customer joins headless (their engine runs on the console's asyncio thread), with
    chat on their session as the client puts it; ``setup`` adds more features first (desktop
    sharing…)."""
    customer = CustomerSession(CenterLink(center.url, center.fingerprint))
    ChatFeature(customer)
    if setup is not None:
        setup(customer)
    _customers.setdefault(id(console), []).append(customer)
    return join_on(console.bridge, qtbot, console, customer, number, name)


def join_on(
    bridge: AsyncBridge,
    qtbot: QtBot,
    console: Console,
    customer: CustomerSession,
    number: int,
    name: str,
) -> CustomerSession:
    """``customer`` joins session ``number`` as ``name``, their engine on ``bridge``'s asyncio
    thread; returns once the console sees them linked."""
    bridge.submit(customer.join(number, name)).result(WAIT_MS / 1000)
    bridge.submit(customer.wait_connected()).result(WAIT_MS / 1000)
    qtbot.waitUntil(
        lambda: any(
            s.started is not None and s.started.number == number and s.state.customer_linked
            for s in console.controller.slots
        ),
        timeout=WAIT_MS,
    )
    return customer


def customer_chat(customer: CustomerSession) -> ChatFeature:
    chat = customer.part("chat", ChatFeature)
    assert chat is not None, "this customer joined without chat"
    return chat


def customer_heard(customer: CustomerSession, text: str) -> bool:
    return any(line.text == text for line in customer_chat(customer).lines)


def customer_says(customer: CustomerSession, text: str) -> None:
    """The customer writes ``text`` to everyone, from their engine's own thread."""

    def say() -> None:
        customer_chat(customer).send(EVERYONE, text)

    customer.call_soon_threadsafe(say)
