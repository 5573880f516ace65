"""The Desktop tab's actions follow the engine: disabled without a linked customer, enabled once
one is linked, Stop only while an activity is live; the tab says what is going on."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from csr_console.services.agent_session import AgentAccount, AgentSession
from csr_console.ui.controller import ConsoleController
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.sharing_actions import REQUEST_KEYS, STOP_KEY
from shared.protocol.messages import ParticipantInfo, Role
from shared.protocol.sharing import ActivityKind, StopReason
from shared.qt.bridge import AsyncBridge
from shared.session.activities import Activity, ActivityState
from shared.session.consent import Asker
from shared.session.events import ActivityChanged
from shared.session.live import LiveSession
from shared.session.sharing import SharingFeature
from shared.transport.center_link import CenterLink
from tests.ui.fakes import FakeBackend

ACCOUNT = AgentAccount("ada", "Ada Agent", "token", 4)
AGENT = ParticipantInfo(id="p1", role=Role.PRIMARY_AGENT, name="Ada Agent")
GRACE = ParticipantInfo(id="p2", role=Role.CUSTOMER, name="Grace")


class Console:
    def __init__(self, sharing: bool) -> None:
        self.bridge = AsyncBridge()
        self.controller = ConsoleController(self.bridge)
        self.controller.account = ACCOUNT
        self.controller.center = CenterLink("https://127.0.0.1:1", "ab" * 32)
        self.features: list[SharingFeature] = []

        def make(session: LiveSession, _: Asker | None) -> SharingFeature | None:
            if not sharing:
                return None
            self.features.append(SharingFeature(session, FakeBackend()))
            return self.features[-1]

        self.controller.make_sharing = make
        self.window = Dashboard(self.controller)

    @property
    def session(self) -> AgentSession:
        assert self.controller.agent_session is not None
        return self.controller.agent_session

    def on_loop(self, call: Callable[[], None]) -> None:
        """Drive the engine where it lives: on the asyncio thread."""

        async def run() -> None:
            call()

        self.bridge.submit(run()).result(5)

    def enter_session(self) -> None:
        # The session as the center would seat it, without a center: no start() call.
        self.controller.account = ACCOUNT
        assert self.controller.center is not None
        session = AgentSession(self.controller.center, ACCOUNT)
        self.controller.agent_session = session
        self.controller._adopt(session)
        self.controller._set_state(
            sharing_unavailable=not self.controller.sharing_available, signed_in=True
        )
        self.on_loop(session.engine.connecting)
        self.on_loop(lambda: session.engine.welcomed(123456789, AGENT, []))

    def customer_links(self) -> None:
        engine = self.session.engine
        self.on_loop(lambda: engine.joined(GRACE))
        self.on_loop(lambda: engine.link_changed(GRACE.id, True))


@pytest.fixture
def console(qtbot: QtBot) -> Iterator[Console]:
    console = Console(sharing=True)
    qtbot.addWidget(console.window)
    yield console
    console.window.sharing_windows.close_all()
    console.bridge.stop()


def _enabled(console: Console) -> dict[str, bool]:
    registry = console.window.registry
    return {key: registry.action(key).isEnabled() for key in [*REQUEST_KEYS.values(), STOP_KEY]}


def test_actions_follow_the_engine(qtbot: QtBot, console: Console) -> None:
    window = console.window
    window.show()
    assert not any(_enabled(console).values())  # no session yet
    console.enter_session()
    qtbot.waitUntil(lambda: window.controller.state.in_session)
    assert not any(_enabled(console).values())  # waiting: no customer linked

    console.customer_links()
    qtbot.waitUntil(lambda: window.registry.action("request_view").isEnabled())
    assert _enabled(console) == {
        "request_view": True,
        "request_control": True,
        "show_desktop": True,
        "give_control": True,
        "stop_sharing": False,
    }
    tab = window.desktop_tab
    assert tab.customer_box.currentText() == "Grace"  # the first linked customer by default
    assert window.desktop_sharing.customer_id == GRACE.id

    # The customer's link drops: nothing can be asked of them any more.
    console.on_loop(lambda: console.session.engine.link_changed(GRACE.id, False))
    qtbot.waitUntil(lambda: not window.registry.action("request_view").isEnabled())
    assert not any(_enabled(console).values())


def test_asking_shows_progress_then_the_answer(qtbot: QtBot, console: Console) -> None:
    window = console.window
    console.enter_session()
    console.customer_links()
    qtbot.waitUntil(lambda: window.registry.action("request_control").isEnabled())
    status = window.desktop_tab.status

    window.registry.action("request_control").trigger()
    qtbot.waitUntil(lambda: status.text() == "Waiting for Grace to accept…")
    assert window.registry.action(STOP_KEY).isEnabled()
    activity = console.features[0].activities[0]
    assert (activity.kind, activity.customer_id) == (ActivityKind.CONTROL, GRACE.id)

    refused = activity.moved(ActivityState.REFUSED)
    console.on_loop(lambda: console.session.engine.publish(ActivityChanged(refused)))
    qtbot.waitUntil(lambda: status.text() == "Grace refused.")
    assert not window.registry.action(STOP_KEY).isEnabled()


def test_customer_stopping_is_told_and_closes_the_viewer(qtbot: QtBot, console: Console) -> None:
    window = console.window
    console.enter_session()
    console.customer_links()
    qtbot.waitUntil(lambda: window.registry.action("request_view").isEnabled())
    engine = console.session.engine
    active = Activity("p1-s9", ActivityKind.VIEW, "p1", GRACE.id, ActivityState.ACTIVE)
    console.on_loop(lambda: engine.publish(ActivityChanged(active)))
    qtbot.waitUntil(lambda: "p1-s9" in window.sharing_windows.viewers)
    viewer = window.sharing_windows.viewers["p1-s9"]
    qtbot.waitUntil(viewer.isFullScreen)
    assert viewer.windowTitle() == "Grace's screen — Tandem"
    assert window.desktop_tab.status.text() == "You are viewing Grace's screen."
    assert window.registry.action(STOP_KEY).isEnabled()

    stopped = active.moved(ActivityState.STOPPED, StopReason.STOPPED_BY_CUSTOMER)
    console.on_loop(lambda: engine.publish(ActivityChanged(stopped)))
    qtbot.waitUntil(lambda: window.desktop_tab.status.text() == "Grace stopped sharing.")
    assert window.sharing_windows.viewers == {}
    assert not viewer.isVisible()
    assert not window.registry.action(STOP_KEY).isEnabled()


def test_without_sharing_parts_the_actions_say_so(qtbot: QtBot) -> None:
    console = Console(sharing=False)
    qtbot.addWidget(console.window)
    try:
        console.enter_session()
        console.customer_links()
        qtbot.waitUntil(lambda: console.window.controller.state.customer_linked)
        assert not any(_enabled(console).values())
        tip = console.window.registry.action("request_view").toolTip()
        assert tip.endswith("not available on this computer.")
    finally:
        console.bridge.stop()


def test_desktop_actions_have_shortcuts_and_accessible_buttons(console: Console) -> None:
    window = console.window
    for key in [*REQUEST_KEYS.values(), STOP_KEY]:
        action = window.registry.action(key)
        assert not action.shortcut().isEmpty(), key
        assert action.toolTip(), key
        button = window.desktop_tab.findChild(QToolButton, f"button_{key}")
        assert button is not None and button.accessibleName() == action.text(), key
