"""The voice call in the real apps on Xvfb (a real center, real peers, each side on its own
PulseAudio null sinks): the console's actions are in all three faces; Start call asks the
customer in the client's consent dialog; both sides show the members with who may speak;
Pass microphone to a member picked by name, the customer's own Volume, Audio setup (heard
through the microphone she picks), Mute and Leave, then End call, and the session goes on."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QMenu, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from shared.features.voice.console import END, JOIN, LEAVE, MUTE, PASS, SETUP, START, VOLUME
from shared.features.voice.customer import CustomerCall
from shared.features.voice.engine import VoiceFeature
from shared.features.voice.part import MICROPHONE_SETTING, SPEAKERS_SETTING, VoicePart
from shared.features.voice.pyaudio_devices import PyAudioSystem
from shared.features.voice.widgets import AudioSetup, CallPanel, PassMicrophone, VolumeDialog
from shared.qt.pins import client_settings
from shared.session.live import LiveSession
from shared.session.state import SessionState
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import asked, client_beside, client_joins
from tests.faces.conftest import WAIT_MS
from tests.voice.pulse import Side, strength, tone
from tests.xserver import click

ACTIONS = (START, END, PASS, MUTE, VOLUME, SETUP, JOIN, LEAVE)
# A tone played into the microphone the customer picks in her audio setup.
PICKED_TONE_HZ = 1200.0
# Half a second of sound at the agent's speakers.
WINDOW_CHUNKS = 25


@pytest.fixture
def forget_devices() -> Iterator[None]:
    """The devices a test picks are kept in the client's settings: gone after it, so that the
    other tests' calls open their own."""
    yield
    settings = client_settings()
    settings.remove(MICROPHONE_SETTING)
    settings.remove(SPEAKERS_SETTING)


def on(side: Side) -> Callable[[LiveSession], VoiceFeature]:
    def make(session: LiveSession) -> VoiceFeature:
        return VoiceFeature(session, PyAudioSystem(), side.microphone, side.speakers)

    return make


def test_a_call_from_the_console_with_the_customer_in_the_client(
    qtbot: QtBot,
    console_at_center: tuple[Console, CenterProcess],
    pulse: dict[str, Side],
    forget_devices: None,
) -> None:
    console, center = console_at_center
    console.controller.engine_factories["voice"] = on(pulse["agent"])
    registry = console.actions.registry

    # Every face has the actions: the dashboard's Tools tab, where the manual puts Audio (the
    # call's own buttons show during a call), the icon bar (Start, Mute on the bar itself) and
    # the faces' menus.
    dashboard = console.faces.face(FaceName.DASHBOARD)
    assert isinstance(dashboard, Dashboard)
    tab = dashboard.findChild(QWidget, "toolsTab")
    assert tab is not None
    for key in ACTIONS:
        button = tab.findChild(QToolButton, f"button_{key}")
        assert button is not None and button.defaultAction() is registry.action(key), key
    bar = console.faces.face(FaceName.ICON_BAR)
    assert isinstance(bar, IconBar)
    on_bar = [b.defaultAction() for b in bar.buttons]
    assert registry.action(START) in on_bar and registry.action(MUTE) in on_bar
    window = console.faces.face(FaceName.MULTISESSION)
    assert isinstance(window, MultisessionWindow)
    for face in (bar, window):
        menu = face.findChild(QMenu, "menu_tools")
        assert menu is not None, type(face).__name__
        assert all(registry.action(key) in menu.actions() for key in ACTIONS)

    with client_beside(qtbot, console, center) as (number, client):
        client.controller.engine_factories["voice"] = on(pulse["customer"])
        client_joins(qtbot, console, client, number)
        agent_part = console.controller.current.part("voice")
        customer_part = client.controller.part("voice")
        assert isinstance(agent_part, VoicePart) and isinstance(customer_part, VoicePart)
        line = client.findChild(CustomerCall)
        assert line is not None

        # Start call: the customer is asked, in the voice feature's words, and agrees.
        qtbot.waitUntil(registry.action(START).isEnabled, timeout=WAIT_MS)
        assert not registry.action(END).isEnabled()
        registry.action(START).trigger()
        dialog = asked(qtbot, client)
        assert "voice call" in dialog.question.text()
        qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: len(agent_part.state.members) == 2, timeout=WAIT_MS)
        qtbot.waitUntil(registry.action(END).isEnabled, timeout=WAIT_MS)
        assert not registry.action(START).isEnabled()
        qtbot.waitUntil(line.leave.isVisible, timeout=WAIT_MS)
        assert customer_part.status_text().startswith("In a voice call.")
        qtbot.waitUntil(lambda: len(customer_part.rows()) == 2, timeout=WAIT_MS)
        names = [row[0] for row in customer_part.rows()]
        assert names[1] == "You" and [row[1] for row in customer_part.rows()] == [True, False]

        # Pass microphone: the call's members by name; picking Grace, both sides say she may
        # speak; "only me" takes it back.
        def pass_to(row: int) -> None:
            registry.action(PASS).trigger()
            dialog = console.face.findChild(PassMicrophone)
            assert dialog is not None and dialog.isVisible()
            # Each with their indicator: listening before, may speak (or speaking) after.
            first, grace = dialog.names()
            assert first == "Only me (take the microphone back)"
            assert grace == "Grace (listening)" if row == 1 else grace.startswith("Grace (")
            dialog.people.setCurrentRow(row)
            click(dialog.pass_button)
            qtbot.waitUntil(lambda: console.face.findChild(PassMicrophone) is None)

        pass_to(1)
        qtbot.waitUntil(
            lambda: [r[1] for r in customer_part.rows()] == [True, True], timeout=WAIT_MS
        )
        assert [r[1] for r in agent_part.rows()] == [True, True]
        assert "🎤 Grace (may speak)" in [
            panel.members.item(i).text()
            for panel in console.face.findChildren(CallPanel)
            for i in range(panel.members.count())
        ]

        # Her own Volume: the speakers' slider sets her side's gain.
        feature = customer_part.feature
        assert feature is not None
        click(line.volume)
        qtbot.waitUntil(lambda: isinstance(line.dialog, VolumeDialog), timeout=WAIT_MS)
        volume = line.dialog
        assert isinstance(volume, VolumeDialog)
        volume.speaker.setValue(50)
        qtbot.waitUntil(lambda: feature.speaker_gain == 0.5, timeout=WAIT_MS)
        volume.reject()

        # Her own Audio setup: she picks another microphone; what it hears reaches the agent.
        other = pulse["assistant"]
        mouth, ear = other.play(tone(PICKED_TONE_HZ)), pulse["agent"].record()
        try:
            click(line.setup)
            qtbot.waitUntil(lambda: isinstance(line.dialog, AudioSetup), timeout=WAIT_MS)
            setup = line.dialog
            assert isinstance(setup, AudioSetup)
            setup.inputs.setCurrentText(other.microphone)
            setup.accept()
            qtbot.waitUntil(lambda: feature.microphone == other.microphone, timeout=WAIT_MS)
            qtbot.waitUntil(
                lambda: (
                    ear.count >= WINDOW_CHUNKS
                    and strength(ear.since(ear.count - WINDOW_CHUNKS), PICKED_TONE_HZ) > 0.5
                ),
                timeout=WAIT_MS,
            )
            # Kept for her next sessions (checked once the call is over, below).
            assert client_settings().value(MICROPHONE_SETTING) == other.microphone
        finally:
            mouth.close()
            ear.close()

        pass_to(0)
        qtbot.waitUntil(
            lambda: [r[1] for r in customer_part.rows()] == [True, False], timeout=WAIT_MS
        )

        # Her own Mute, then Leave: the console's call has the agent alone; she may rejoin.
        click(line.mute)
        qtbot.waitUntil(lambda: customer_part.state.muted, timeout=WAIT_MS)
        assert line.mute.text() == "Un&mute"
        click(line.leave)
        qtbot.waitUntil(lambda: len(agent_part.state.members) == 1, timeout=WAIT_MS)
        qtbot.waitUntil(line.join.isVisible, timeout=WAIT_MS)
        click(line.join)
        qtbot.waitUntil(lambda: len(agent_part.state.members) == 2, timeout=WAIT_MS)

        # End call: the call is over on both sides, the session goes on.
        registry.action(END).trigger()
        qtbot.waitUntil(lambda: not customer_part.state.call, timeout=WAIT_MS)
        qtbot.waitUntil(registry.action(START).isEnabled, timeout=WAIT_MS)
        assert console.controller.state.session == SessionState.ACTIVE

        # Her next session's call opens the microphone she picked; a device this machine no
        # longer has falls back to the default.
        client_settings().setValue(SPEAKERS_SETTING, "Speakers unplugged since")
        feature.microphone = feature.speakers_device = None
        session = customer_part.host.session
        assert session is not None
        VoicePart(customer_part.host).adopt(session)
        qtbot.waitUntil(
            lambda: (feature.microphone, feature.speakers_device) == (other.microphone, None),
            timeout=WAIT_MS,
        )
