"""A feature defined in the tests alone (tests/kit/proof_feature.py) plugs into the real apps
through the kit: registered, it shows in all three faces of the console, its request is put to
the customer in the client's consent dialog, its messages go there and back over the real peer
link, its window opens on the customer's side, every step is audited, and a handler of it that
raises ends only its own activity."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QMenu, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from customer_client.ui.window import ClientWindow
from shared.features.chat.engine import ChatFeature
from shared.kit.registry import register, unregister
from shared.protocol.messages import EVERYONE
from shared.session.state import SessionState
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.kit.proof_feature import (
    ACTION,
    BOOM,
    FEATURE,
    NAME,
    NOTE_TEXT,
    ProofFeature,
    ProofPart,
    ProofState,
)
from tests.xserver import click


@pytest.fixture(autouse=True)  # before ``pair`` starts the apps
def proof() -> Iterator[None]:
    register(FEATURE)
    try:
        yield
    finally:
        unregister(NAME)


def _agent_part(console: Console) -> ProofPart:
    part = console.controller.current.part(NAME)
    assert isinstance(part, ProofPart)
    return part


def test_it_shows_in_every_face_asks_round_trips_and_is_audited(
    qtbot: QtBot, pair: tuple[Console, ClientWindow]
) -> None:
    console, client = pair
    action = console.actions.registry.action(ACTION)

    # Every face shows it, placed by its group and the flags on its spec: a button in the
    # dashboard's Tools tab, one on the icon bar itself and in its Tools menu, one on the
    # multisession toolbar and in its Tools menu.
    dashboard = console.faces.face(FaceName.DASHBOARD)
    assert isinstance(dashboard, Dashboard)
    tools = dashboard.findChild(QWidget, "toolsTab")
    assert tools is not None
    button = tools.findChild(QToolButton, f"button_{ACTION}")
    assert button is not None and button.defaultAction() is action
    bar = console.faces.face(FaceName.ICON_BAR)
    assert isinstance(bar, IconBar)
    assert action in [b.defaultAction() for b in bar.buttons]
    window = console.faces.face(FaceName.MULTISESSION)
    assert isinstance(window, MultisessionWindow)
    assert window.toolbar.findChild(QToolButton, f"button_{ACTION}") is not None
    for face in (bar, window):
        menu = face.findChild(QMenu, "menu_tools")
        assert menu is not None and action in menu.actions(), type(face).__name__
    qtbot.waitUntil(action.isEnabled, timeout=WAIT_MS)  # its enabled rule: a customer linked

    # The agent clicks it (a real click on the dashboard's button); the customer is asked in
    # the feature's own words, and allows.
    console.faces.switch(FaceName.DASHBOARD)
    dashboard.show_tab(dashboard.tab_order()[0])
    qtbot.waitExposed(button)
    click(button)
    dialog = asked(qtbot, client)
    assert dialog.question.text().endswith(" wants to show you a note")  # the feature's words
    assert dialog.detail.text() == "It opens in a window of its own."
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)

    # Its window opens on the customer's side with the note, and the reply comes back.
    customer_part = client.controller.part(NAME)
    assert isinstance(customer_part, ProofPart)
    qtbot.waitUntil(lambda: bool(customer_part.windows), timeout=WAIT_MS)
    shown = next(iter(customer_part.windows.values()))
    qtbot.waitExposed(shown)
    assert shown.objectName() == "proofWindow"
    assert NOTE_TEXT in [label.text() for label in shown.findChildren(QLabel)]
    agent = _agent_part(console)
    qtbot.waitUntil(lambda: [n.outcome for n in agent.notes.values()] == ["shown"], timeout=WAIT_MS)
    assert next(iter(agent.notes.values())).length == len(NOTE_TEXT)
    assert console.controller.state.slice(NAME, ProofState()) == ProofState(sent=1)

    # Audited on both sides, under participant ids.
    customer_session = client.controller.session
    agent_session = console.controller.current.session
    assert customer_session is not None and agent_session is not None
    customer_audit = [(e.kind, e.detail) for e in customer_session.engine.audit.events]
    me = customer_session.engine.me
    assert me is not None
    granted = [d for k, d in customer_audit if k == "consent.granted"]
    assert granted and granted[0]["permission"] == "system_info"
    assert granted[0]["customer"] == me.id
    agent_audit = [e.kind for e in agent_session.engine.audit.events]
    assert "proof.asked" in agent_audit and "proof.replied" in agent_audit


def test_a_handler_that_raises_ends_only_its_activity(
    qtbot: QtBot, pair: tuple[Console, ClientWindow]
) -> None:
    console, client = pair
    agent_session = console.controller.current.session
    customer_session = client.controller.session
    assert agent_session is not None and customer_session is not None
    feature = agent_session.parts[NAME]
    assert isinstance(feature, ProofFeature)
    customer_id = next(p.id for p in agent_session.engine.participants if not p.is_agent)

    async def boom() -> None:
        feature.send_note(customer_id, BOOM)

    console.bridge.submit(boom()).result(5)

    # The note's activity ends with its reason on the agent's side…
    agent = _agent_part(console)
    qtbot.waitUntil(
        lambda: [n.outcome for n in agent.notes.values()] == ["failed"], timeout=WAIT_MS
    )
    # …the customer's side audited the failure and told its user, without a dialog…
    failed = [e.detail for e in customer_session.engine.audit.events if e.kind == "feature.failed"]
    assert failed == [{"feature": NAME, "message": "proof.note", "error": "RuntimeError"}], failed
    qtbot.waitUntil(
        lambda: "one activity stopped" in client.statusBar().currentMessage(), timeout=WAIT_MS
    )
    assert not client.consent.dialogs
    # …and the session goes on: still active, chat still works both ways, and the feature
    # itself takes the next note.
    assert customer_session.engine.state == SessionState.ACTIVE
    chat = agent_session.parts["chat"]
    assert isinstance(chat, ChatFeature)

    async def say() -> None:
        chat.send(EVERYONE, "still here?")

    console.bridge.submit(say()).result(5)
    customer_chat = customer_session.parts["chat"]
    assert isinstance(customer_chat, ChatFeature)
    qtbot.waitUntil(
        lambda: [line.text for line in customer_chat.lines] == ["still here?"], timeout=WAIT_MS
    )
    _agent_part(console).send_note("after the failure")
    dialog = asked(qtbot, client)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)
    qtbot.waitUntil(
        lambda: sorted(n.outcome for n in agent.notes.values()) == ["failed", "shown"],
        timeout=WAIT_MS,
    )
