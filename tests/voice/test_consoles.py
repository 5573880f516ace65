"""The call with an assistant agent in two real consoles (one real center, each side on its
own PulseAudio null sinks; Grace joins headless): Bob, assisting, is offered the call and joins
it with Join call; Pass microphone lists every member by name; once Ada hands control to Bob,
Bob's console holds the call (Pass microphone, End call) and Ada's may leave it."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.services.customer_session import CustomerSession
from shared.features.voice.console import END, JOIN, LEAVE, PASS, START
from shared.features.voice.engine import VoiceFeature
from shared.features.voice.part import VoicePart
from shared.features.voice.widgets import PassMicrophone
from tests.assistants.console_pair import BOB_NAME, BOB_USER, add_bob
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import agent_starts_session, customer_allowing_sharing, stand_in_sharing
from tests.faces.conftest import WAIT_MS, join
from tests.helpers import AGENT_NAME, AGENT_PASSWORD
from tests.voice.pulse import Side
from tests.voice.test_faces import on


def _part(console: Console) -> VoicePart:
    part = console.controller.current.part("voice")
    assert isinstance(part, VoicePart)
    return part


def _shown(console: Console, key: str) -> bool:
    action = console.actions.registry.action(key)
    return action.isVisible() and action.isEnabled()


def _pass_dialog(qtbot: QtBot, console: Console) -> PassMicrophone:
    console.actions.registry.action(PASS).trigger()
    dialog = console.face.findChild(PassMicrophone)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_an_assistant_joins_the_call_and_holds_it_once_in_charge(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    pulse: dict[str, Side],
) -> None:
    center = start_center_with()
    add_bob(center)
    ada = make_console()
    ada.controller.engine_factories["voice"] = on(pulse["agent"])
    number = agent_starts_session(qtbot, ada, center)

    def grace_setup(session: CustomerSession) -> None:
        customer_allowing_sharing(session)
        on(pulse["customer"])(session)

    grace = join(qtbot, ada, center, number, "Grace", setup=grace_setup)
    grace_voice = grace.part("voice", VoiceFeature)
    assert grace_voice is not None
    bob = make_console()
    bob.controller.engine_factories["desktop"] = stand_in_sharing
    bob.controller.engine_factories["voice"] = on(pulse["assistant"])
    bob.controller.sign_in(center.url, center.fingerprint, BOB_USER, AGENT_PASSWORD)
    qtbot.waitUntil(lambda: bob.controller.state.signed_in, timeout=WAIT_MS)
    bob.login.accept()
    assert bob.controller.assist(number)
    slot = bob.controller.current
    qtbot.waitUntil(lambda: slot.state.is_assistant and slot.state.customer_linked, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(ada.controller.current.state.assistants), timeout=WAIT_MS)

    # Ada starts the call: Grace (who agrees) and Bob are offered it; Bob joins by his Join.
    ada.actions.registry.action(START).trigger()
    qtbot.waitUntil(lambda: len(_part(ada).state.members) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _shown(bob, JOIN), timeout=WAIT_MS)
    assert not bob.actions.registry.action(START).isVisible()
    assert "not in it" in _part(bob).status_text()
    bob.actions.registry.action(JOIN).trigger()
    qtbot.waitUntil(lambda: len(_part(ada).state.members) == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _shown(bob, LEAVE), timeout=WAIT_MS)
    assert not bob.actions.registry.action(PASS).isEnabled()  # Ada's to give

    # Pass microphone: every member by name; Ada picks Bob, whose indicator follows.
    dialog = _pass_dialog(qtbot, ada)
    assert dialog.names() == [
        "Only me (take the microphone back)",
        "Grace (listening)",
        f"{BOB_NAME} (listening)",
    ]
    dialog.people.setCurrentRow(2)
    dialog.accept()
    qtbot.waitUntil(lambda: ("You", True) in [r[:2] for r in _part(bob).rows()], timeout=WAIT_MS)

    # Ada hands control to Bob: his console holds the call; nobody left it.
    (bob_id,) = [pid for pid, name in ada.controller.current.state.assistants if name == BOB_NAME]
    ada.controller.current.transfer_control(bob_id)
    qtbot.waitUntil(lambda: slot.state.is_primary, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _shown(bob, END) and _shown(bob, PASS), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(_part(bob).state.members) == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _shown(ada, LEAVE), timeout=WAIT_MS)
    assert not ada.actions.registry.action(PASS).isEnabled()
    assert grace_voice.joined and grace_voice.agent_id == bob_id

    # Bob's list settles once Grace's side has moved the call to him (a moment after the
    # count above, which the old holder's list can meet first), and once his state no longer
    # has the old holder's microphone grant (Ada "may speak" for a moment).
    def settled() -> bool:
        part = _part(bob)
        choices = [pid for pid, _ in part.pass_choices()]
        return len(choices) == 2 and not any(pid in part.state.speakers for pid in choices)

    qtbot.waitUntil(settled, timeout=WAIT_MS)
    dialog = _pass_dialog(qtbot, bob)
    assert sorted(dialog.names()[1:]) == sorted([f"{AGENT_NAME} (listening)", "Grace (listening)"])
    dialog.reject()

    # Bob ends it: over for everyone, the session goes on.
    bob.actions.registry.action(END).trigger()
    qtbot.waitUntil(lambda: not _part(ada).state.call and not grace_voice.call, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _shown(bob, START), timeout=WAIT_MS)
    assert slot.state.customer_linked
