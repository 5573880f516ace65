"""The sharing windows in French: the viewer, the indicator, every consent question, the
client's line about what is shared. No text in them may be English."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pytestqt.qtbot import QtBot

from customer_client.ui.consent_dialog import ConsentDialog
from customer_client.ui.controller import ClientController
from customer_client.ui.window import ClientWindow
from shared.features.appshare.protocol import ShareKind
from shared.features.appshare.texts import asked_text
from shared.features.desktop.activities import PERMISSION, Activity, ActivityState
from shared.features.desktop.console import CANCEL_KEY, REQUEST_KEYS, STOP_KEY
from shared.features.desktop.customer import SharedNow
from shared.features.desktop.events import ActivityChanged
from shared.features.desktop.indicator import SharingIndicator
from shared.features.desktop.part import DesktopPart
from shared.features.desktop.protocol import NAME as DESKTOP
from shared.features.desktop.protocol import ActivityKind
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.features.desktop.texts import indicator_text
from shared.protocol.messages import ParticipantInfo, Role
from shared.qt.bridge import AsyncBridge
from shared.session.consent import ConsentRequest
from shared.session.participants import Participant
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.walk import assert_french
from tests.ui.console_harness import Console
from tests.ui.fakes import MONITORS, RecordedCommands

AGENT = "Ada Agent"


@pytest.mark.parametrize("sharer_is_customer", [True, False])
def test_viewer_is_french(qtbot: QtBot, french: FrenchCheck, sharer_is_customer: bool) -> None:
    check = french
    check.data |= {"Grace"}
    activity = Activity(
        id="a1",
        kind=ActivityKind.CONTROL,
        agent_id="agent",
        customer_id="grace",
        state=ActivityState.ACTIVE,
        monitors=tuple(MONITORS),
        control_paused=True,
    )
    viewer = RemoteViewer(activity, RecordedCommands(), "Grace", sharer_is_customer)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    assert viewer.paused_label.isVisible()
    assert viewer.windowTitle() == "Écran de Grace — Tandem"
    assert_french(check, viewer)


@pytest.mark.parametrize("kind", ["view", "control"])
def test_indicator_is_french(qtbot: QtBot, french: FrenchCheck, kind: str) -> None:
    french.data |= {AGENT}
    indicator = SharingIndicator(lambda _: None)
    qtbot.addWidget(indicator)
    indicator.show_shared([("s1", indicator_text(kind, AGENT))])
    qtbot.waitExposed(indicator)
    assert indicator.stop_button.text() == "&Arrêter"
    assert_french(french, indicator)


@pytest.mark.parametrize("kind", ["view", "control", "show", "give_control"])
def test_consent_dialog_is_french(qtbot: QtBot, french: FrenchCheck, kind: str) -> None:
    french.data |= {AGENT}
    # Asked as desktop sharing asks: its views word the question.
    request = ConsentRequest(kind, AGENT, "s1", PERMISSION[ActivityKind(kind)], feature=DESKTOP)
    dialog = ConsentDialog(request)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.refuse_button.text() == "&Refuser"
    assert_french(french, dialog)


ADA = Participant(ParticipantInfo(id="p1", role=Role.PRIMARY_AGENT, name=AGENT), True)


@pytest.fixture
def client(qtbot: QtBot, french: FrenchCheck) -> Iterator[ClientWindow]:
    window = ClientWindow(ClientController(AsyncBridge()), "https://127.0.0.1:1")
    qtbot.addWidget(window)
    yield window
    window.controller.close_parts()
    window.controller.bridge.stop()


@pytest.mark.parametrize("kind", list(ActivityKind))
def test_client_sharing_line_and_windows_are_french(
    qtbot: QtBot, french: FrenchCheck, client: ClientWindow, kind: ActivityKind
) -> None:
    french.data |= {AGENT, "https://127.0.0.1:1"}
    client.controller.participants_changed.emit((ADA,))
    client.pages.setCurrentWidget(client.session_page)
    client.show()
    desktop = client.controller.part("desktop")
    assert isinstance(desktop, DesktopPart)
    for state in (ActivityState.REQUESTED, ActivityState.ACTIVE):
        activity = Activity("p1-s1", kind, agent_id="p1", customer_id="p2", state=state)
        client.controller.feature_event.emit(ActivityChanged(activity))
        windows = [client, desktop.windows.indicator, *desktop.windows.viewers.values()]
        assert_french(french, *windows)
    shared_now = client.panels["desktop"]
    assert isinstance(shared_now, SharedNow)
    assert shared_now.label.text() != "Your screen is not shared."


AMELIE = ParticipantInfo(id="p3", role=Role.CUSTOMER, name="Amélie")


@contextmanager
def console_helping_amelie(qtbot: QtBot) -> Iterator[Console]:
    """A console in a session Amélie has joined, her link up: the Desktop actions address her."""
    console = Console(sharing=True)
    qtbot.addWidget(console.window)
    try:
        console.enter_session()
        engine = console.session.engine
        console.on_loop(lambda: engine.joined(AMELIE))
        console.on_loop(lambda: engine.link_changed(AMELIE.id, True))
        yield console
    finally:
        console.close_windows()
        console.bridge.stop()


@pytest.mark.parametrize(
    ("kind", "waiting"),
    [
        (ActivityKind.VIEW, "En attente de l'accord d'Amélie pour voir son écran…"),
        (ActivityKind.CONTROL, "En attente de l'accord d'Amélie pour contrôler son écran…"),
    ],
)
def test_console_waiting_text_is_french_and_names_what_was_asked(
    qtbot: QtBot, french: FrenchCheck, kind: ActivityKind, waiting: str
) -> None:
    """The agent asks to see, or to control: the Desktop tab says which while the customer is
    asked, "de" elided before her name."""
    with console_helping_amelie(qtbot) as console:
        action = console.window.registry.action(REQUEST_KEYS[kind])
        qtbot.waitUntil(action.isEnabled)
        action.trigger()
        qtbot.waitUntil(lambda: console.desktop_tab.status.text() == waiting)


def test_console_cancel_request_is_french(qtbot: QtBot, french: FrenchCheck) -> None:
    """While Amélie is asked, Cancel request shows beside Stop sharing (off) in French, and
    the tab says in French that the request was taken back."""
    with console_helping_amelie(qtbot) as console:
        registry = console.window.registry
        action = registry.action(REQUEST_KEYS[ActivityKind.VIEW])
        qtbot.waitUntil(action.isEnabled)
        action.trigger()
        cancel = registry.action(CANCEL_KEY)
        qtbot.waitUntil(lambda: cancel.isVisible() and cancel.isEnabled())
        assert not registry.action(STOP_KEY).isEnabled()
        assert cancel.text() == "Annuler la demande"
        french.data |= {"Amélie"}
        assert_french(french, console.desktop_tab)
        cancel.trigger()
        status = console.desktop_tab.status
        qtbot.waitUntil(lambda: status.text() == "Vous avez annulé votre demande à Amélie.")
        assert not cancel.isVisible()


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        (
            ShareKind.VIEW,
            "En attente du choix d'Amélie\u00a0: l'application que vous pourrez voir…",
        ),
        (
            ShareKind.CONTROL,
            "En attente du choix d'Amélie\u00a0: l'application que vous pourrez contrôler…",
        ),
        (ShareKind.SHOW, "En attente de l'accord d'Amélie pour voir votre application…"),
        (
            ShareKind.GIVE_CONTROL,
            "En attente de l'accord d'Amélie pour prendre le contrôle de votre application…",
        ),
    ],
)
def test_application_request_waiting_line_is_french(
    french: FrenchCheck, kind: ShareKind, line: str
) -> None:
    """The agent's transcript line while Amélie is asked about an application, "de" elided."""
    assert asked_text(kind, "Amélie") == line
