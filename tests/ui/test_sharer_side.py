"""The sharer's side: the always-on-top indicator and its Stop, the client's calm "what is shared"
line, frames reaching the viewer from the decoder's thread, the clipboard going the ways each
activity allows."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from customer_client.ui.controller import ClientController
from customer_client.ui.window import ClientWindow
from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.clipboard_sync import ClipboardSync
from shared.features.desktop.customer import SharedNow
from shared.features.desktop.events import ActivityChanged, ClipboardArrived
from shared.features.desktop.indicator import SharingIndicator
from shared.features.desktop.part import DesktopPart
from shared.features.desktop.protocol import ActivityKind, ClipboardWay, StopReason
from shared.protocol.messages import ParticipantInfo, Role
from shared.qt.bridge import AsyncBridge
from shared.session.participants import Participant
from tests.ui.fakes import synthetic_frame

ADA = Participant(ParticipantInfo(id="p1", role=Role.PRIMARY_AGENT, name="Ada Agent"), True)


def test_indicator_stop_stops_every_shown_activity(qtbot: QtBot) -> None:
    stopped: list[str] = []
    indicator = SharingIndicator(stopped.append)
    qtbot.addWidget(indicator)
    indicator.show_shared([("s1", "Your screen is being viewed by Ada Agent")])
    qtbot.waitExposed(indicator)
    flags = indicator.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint and flags & Qt.WindowType.FramelessWindowHint
    assert indicator.label.text() == "Your screen is being viewed by Ada Agent"
    QTest.mouseClick(indicator.stop_button, Qt.MouseButton.LeftButton)
    assert stopped == ["s1"]
    indicator.show_shared([])
    assert not indicator.isVisible()


@pytest.fixture
def client(qtbot: QtBot) -> Iterator[ClientWindow]:
    window = ClientWindow(ClientController(AsyncBridge()), "https://127.0.0.1:1")
    qtbot.addWidget(window)
    window.controller.participants_changed.emit((ADA,))
    yield window
    window.controller.close_parts()
    window.controller.bridge.stop()


def _desktop(client: ClientWindow) -> DesktopPart:
    part = client.controller.part("desktop")
    assert isinstance(part, DesktopPart)
    return part


def _sharing_label(client: ClientWindow) -> str:
    panel = client.panels["desktop"]
    assert isinstance(panel, SharedNow)
    return panel.label.text()


def _activity(
    kind: ActivityKind,
    state: ActivityState = ActivityState.ACTIVE,
    clipboard: frozenset[ClipboardWay] = frozenset(),
    activity_id: str = "p1-s1",
) -> Activity:
    activity = Activity(activity_id, kind, agent_id="p1", customer_id="p2", state=state)
    return activity.with_clipboard(clipboard)


def test_client_shows_indicator_while_its_screen_is_shared(
    qtbot: QtBot, client: ClientWindow
) -> None:
    controller = client.controller
    windows = _desktop(client).windows
    stops: list[str] = []
    windows.indicator._stop = stops.append  # what SharingCommands.stop would get
    controller.feature_event.emit(
        ActivityChanged(_activity(ActivityKind.CONTROL, ActivityState.REQUESTED))
    )
    assert not windows.indicator.isVisible()  # asked is not shared yet
    controller.feature_event.emit(ActivityChanged(_activity(ActivityKind.CONTROL)))
    qtbot.waitExposed(windows.indicator)
    assert windows.indicator.label.text() == "Your screen is being controlled by Ada Agent"
    assert _sharing_label(client) == "Ada Agent can see and control your screen."
    assert windows.viewers == {}  # the customer shares: nothing to view here
    windows.indicator.stop_button.click()
    assert stops == ["p1-s1"]

    stopped = _activity(ActivityKind.CONTROL).moved(
        ActivityState.STOPPED, StopReason.STOPPED_BY_CUSTOMER
    )
    controller.feature_event.emit(ActivityChanged(stopped))
    assert not windows.indicator.isVisible()
    assert _sharing_label(client) == "Your screen is not shared."


def test_client_views_the_agents_screen_with_frames_from_another_thread(
    qtbot: QtBot, client: ClientWindow
) -> None:
    controller = client.controller
    windows = _desktop(client).windows
    controller.feature_event.emit(ActivityChanged(_activity(ActivityKind.GIVE_CONTROL)))
    viewer = windows.viewers["p1-s1"]
    assert viewer.view.control
    assert not windows.indicator.isVisible()  # the agent's screen is shared, not ours
    assert _sharing_label(client) == "You are controlling Ada Agent's screen."

    frame = synthetic_frame(640, 360)
    thread = threading.Thread(target=_desktop(client).frames.put, args=("p1-s1", frame))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: viewer.view.remote_size.width() == 640)
    assert viewer.view.remote_size.height() == 360


def test_clipboard_goes_the_ways_each_activity_allows(qtbot: QtBot) -> None:
    sent: list[tuple[str, str]] = []
    clipboard = QGuiApplication.clipboard()
    sync = ClipboardSync(lambda activity, text: sent.append((activity, text)))
    clipboard.setText("before sharing")
    assert sent == []  # nothing shared: nothing sent

    # s1 lets text go both ways, s2 only lets it come to us.
    sync.set_activities(sending={"s1"}, receiving={"s1", "s2"})
    clipboard.setText("copied here")
    qtbot.waitUntil(lambda: sent == [("s1", "copied here")])

    sync.arrived("s2", "copied over there")
    qtbot.waitUntil(lambda: clipboard.text() == "copied over there")
    assert sent == [("s1", "copied here")]  # what we just set is not sent back

    sync.arrived("s9", "from an activity we do not share")
    assert clipboard.text() == "copied over there"


def test_clipboard_arrived_event_reaches_the_clipboard(qtbot: QtBot, client: ClientWindow) -> None:
    controller = client.controller
    both = frozenset(ClipboardWay)
    controller.feature_event.emit(ActivityChanged(_activity(ActivityKind.CONTROL, clipboard=both)))
    controller.feature_event.emit(ClipboardArrived("p1-s1", "Ünïcode text"))
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "Ünïcode text")


def test_given_control_the_customers_copies_stay_on_their_computer(
    qtbot: QtBot, client: ClientWindow
) -> None:
    controller = client.controller
    windows = _desktop(client).windows
    sent: list[tuple[str, str]] = []
    windows.clipboard._send = lambda activity, text: sent.append((activity, text))
    given = _activity(ActivityKind.GIVE_CONTROL, clipboard=frozenset({ClipboardWay.TO_CUSTOMER}))
    controlled = _activity(
        ActivityKind.CONTROL, clipboard=frozenset(ClipboardWay), activity_id="p1-s2"
    )
    for activity in (given, controlled):
        controller.feature_event.emit(ActivityChanged(activity))
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("the customer's own text")
    # Goes to the agent controlling this computer (as its question said), not to the one whose
    # computer the customer drives.
    qtbot.waitUntil(lambda: sent == [("p1-s2", "the customer's own text")])
    controller.feature_event.emit(ClipboardArrived(given.id, "copied on the agent's computer"))
    qtbot.waitUntil(lambda: clipboard.text() == "copied on the agent's computer")


def test_client_window_comes_back_where_it_was_left(qtbot: QtBot, client: ClientWindow) -> None:
    client.show()
    qtbot.waitExposed(client)
    place = QRect(640, 250, 500, 560)
    client.setGeometry(place)
    qtbot.waitUntil(lambda: client.geometry() == place)
    again = ClientWindow(ClientController(AsyncBridge()), "https://127.0.0.1:1")
    qtbot.addWidget(again)
    try:
        again.show()
        qtbot.waitExposed(again)
        assert again.geometry() == place
    finally:
        again.controller.bridge.stop()
