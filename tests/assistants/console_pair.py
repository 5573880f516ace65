"""Two consoles of one real support center in one test: Ada's, who starts a session that
Grace joins (headless, with sharing stood in for and chat), and Bob's, another agent of the
site, signed in and on screen, not yet in her session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.session_slot import SessionSlot
from customer_client.services.customer_session import CustomerSession
from tests.e2e.conftest import CenterProcess, _center_cli
from tests.faces.attention import agent_starts_session, customer_allowing_sharing, stand_in_sharing
from tests.faces.conftest import WAIT_MS, join
from tests.helpers import AGENT_PASSWORD

BOB_USER, BOB_NAME = "bob", "Bob Assistant"


def add_bob(center: CenterProcess) -> None:
    _center_cli(
        center.data_dir,
        "add-agent",
        BOB_USER,
        "--name",
        BOB_NAME,
        "--password-stdin",
        stdin=AGENT_PASSWORD + "\n",
    )


@dataclass
class Pair:
    ada: Console
    bob: Console
    customer: CustomerSession
    number: int

    def slot(self, console: Console) -> SessionSlot:
        return console.controller.current


def consoles_and_customer(
    qtbot: QtBot, make_console: Callable[[], Console], center: CenterProcess
) -> Pair:
    add_bob(center)
    ada = make_console()
    number = agent_starts_session(qtbot, ada, center)
    customer = join(qtbot, ada, center, number, "Grace", setup=customer_allowing_sharing)
    bob = make_console()
    bob.controller.engine_factories["desktop"] = stand_in_sharing
    bob.controller.sign_in(center.url, center.fingerprint, BOB_USER, AGENT_PASSWORD)
    qtbot.waitUntil(lambda: bob.controller.state.signed_in, timeout=WAIT_MS)
    bob.login.accept()
    qtbot.waitExposed(bob.face)
    return Pair(ada, bob, customer, number)
