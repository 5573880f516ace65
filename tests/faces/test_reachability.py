"""Every registered action is reachable in every face, and its enabled state follows the engine:
no session → session actions disabled; a linked customer → sharing enabled; a feature not built
yet → always disabled, its tooltip saying so. The faces' buttons follow their actions."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.services.agent_session import AgentAccount, AgentSession
from csr_console.ui.actions import Group
from csr_console.ui.preferences import FaceName
from shared.features.desktop.engine import SharingFeature
from shared.protocol.messages import ParticipantInfo, Role
from shared.session.live import LiveSession
from shared.transport.center_link import CenterLink
from tests.ui.fakes import FakeBackend

ACCOUNT = AgentAccount("ada", "Ada Agent", "token", 4)
AGENT = ParticipantInfo(id="p1", role=Role.PRIMARY_AGENT, name="Ada Agent")
GRACE = ParticipantInfo(id="p2", role=Role.CUSTOMER, name="Grace", os="Linux", machine="pc-7")

NOT_BUILT: set[str] = set()
# Enabled once a customer is linked (sharing, and system information).
SHARING = {
    "request_view", "request_control", "show_desktop", "give_control", "system_info",
    "run_as", "restart", "cobrowse_view", "cobrowse_control", "video", "video_start", "record",
    "app_view", "app_control", "app_show", "app_give_control",
}  # fmt: skip
SESSION_ONLY = {
    "copy_number", "copy_link", "chat", "session_options", "end_session", "invite", "notes",
    "video_options",
}  # fmt: skip
ALWAYS = {
    "preferences", "face_dashboard", "face_icon_bar", "face_multisession", "quit", "help", "about",
}  # fmt: skip
# Where the manual puts them (item 1 of the issue).
TABS = {
    Group.TOOLS: ["invite", "chat", "video", "file_transfer", "voice_start", "notes"],
    Group.DESKTOP: ["request_view", "request_control", "show_desktop", "give_control"],
    Group.APPLICATION: [
        "app_view", "app_control", "app_show", "app_give_control", "cobrowse_view",
        "cobrowse_control",
    ],
    Group.SESSION: [
        "session_options", "record", "transfer_control", "transfer_session", "end_session",
        "annotate",  # Session > Panneau d'annotation (chapter 6)
    ],
    Group.CUSTOMER: ["system_info", "run_as", "restart"],
}  # fmt: skip


@pytest.fixture
def console(qtbot: QtBot, make_console: Callable[[], Console]) -> Iterator[Console]:
    console = make_console()
    console.controller.account = ACCOUNT
    console.controller.center = CenterLink("https://127.0.0.1:1", "ab" * 32)

    def make(session: LiveSession) -> SharingFeature:
        return SharingFeature(session, FakeBackend())

    console.controller.engine_factories["desktop"] = make
    yield console


def reachable(face: QWidget) -> dict[str, list[QWidget]]:
    """Registry key -> the buttons (by default action) and menus in ``face`` that reach it."""
    found: dict[str, list[QWidget]] = {}

    def add(action: QAction | None, where: QWidget) -> None:
        if action is not None and action.objectName().startswith("action_"):
            found.setdefault(action.objectName().removeprefix("action_"), []).append(where)

    for button in face.findChildren(QToolButton):
        add(button.defaultAction(), button)
    for menu in face.findChildren(QMenu):
        for action in menu.actions():
            add(action, menu)
    return found


def on_loop(console: Console, call: Callable[[], None]) -> None:
    async def run() -> None:
        call()

    console.bridge.submit(run()).result(5)


def seat_session(console: Console) -> AgentSession:
    """A session as the center would seat it, without a center."""
    controller = console.controller
    assert controller.center is not None
    session = AgentSession(controller.center, ACCOUNT)
    controller._adopt(session)
    controller._set_state(signed_in=True)
    on_loop(console, session.engine.connecting)
    on_loop(console, lambda: session.engine.welcomed(123456789, AGENT, []))
    return session


@pytest.mark.parametrize("name", list(FaceName))
def test_every_action_is_reachable_in_every_face(console: Console, name: FaceName) -> None:
    face = console.faces.face(name)
    found = reachable(face)
    registry = console.actions.registry
    missing = [key for key in registry.all_keys() if key not in found]
    assert not missing, f"{name}: {missing}"
    for key in registry.all_keys():
        action = registry.action(key)
        assert action.toolTip() and action.text(), key
        for button in (w for w in found[key] if isinstance(w, QToolButton)):
            assert button.accessibleName() == action.text(), (name, key)
            assert button.toolTip() == action.toolTip(), (name, key)


def test_dashboard_tabs_hold_the_manuals_actions(console: Console) -> None:
    dashboard = console.window
    for group, keys in TABS.items():
        page = dashboard.customer_panel if group == Group.CUSTOMER else dashboard._pages[group]
        names = [b.objectName() for b in page.findChildren(QToolButton)]
        for key in keys:
            assert f"button_{key}" in names, (group, key)
    titles = [dashboard.tabs.tabText(i) for i in range(dashboard.tabs.count())]
    assert titles == ["Tools", "Desktop", "Application", "Session"]


def test_enabled_state_follows_the_engine_in_every_face(qtbot: QtBot, console: Console) -> None:
    registry = console.actions.registry
    faces = [console.faces.face(name) for name in FaceName]

    def enabled() -> dict[str, bool]:
        return {key: registry.action(key).isEnabled() for key in registry.all_keys()}

    def buttons_follow() -> None:
        for face in faces:
            for key, places in reachable(face).items():
                for button in (w for w in places if isinstance(w, QToolButton)):
                    assert button.isEnabled() == registry.action(key).isEnabled(), key

    # Not signed in, no session: only the console's own actions.
    assert {k for k, on in enabled().items() if on} == ALWAYS
    buttons_follow()

    console.controller._set_state(signed_in=True)
    assert registry.action("start_session").isEnabled()
    assert not any(enabled()[k] for k in SESSION_ONLY | SHARING | {"stop_sharing"})

    # In a session, waiting: the session's actions, not sharing (no customer yet).
    session = seat_session(console)
    qtbot.waitUntil(lambda: console.controller.state.in_session)
    state = enabled()
    assert all(state[k] for k in SESSION_ONLY), state
    assert not any(state[k] for k in SHARING | {"stop_sharing"})
    buttons_follow()

    # A linked customer: sharing can work.
    on_loop(console, lambda: session.engine.joined(GRACE))
    on_loop(console, lambda: session.engine.link_changed(GRACE.id, True))
    qtbot.waitUntil(lambda: registry.action("request_view").isEnabled())
    state = enabled()
    assert all(state[k] for k in SHARING)
    assert not state["stop_sharing"]  # nothing shared yet
    buttons_follow()

    # Whatever the state, what is not built stays disabled and says so.
    for key in NOT_BUILT:
        action = registry.action(key)
        assert not action.isEnabled(), key
        assert action.toolTip().endswith("not available yet."), key

    # Transfer control works once an assistant has joined: until then it says why not.
    transfer = registry.action("transfer_control")
    assert not transfer.isEnabled() and "no other agent has joined" in transfer.toolTip()

    # The link drops: sharing is off again.
    on_loop(console, lambda: session.engine.link_changed(GRACE.id, False))
    qtbot.waitUntil(lambda: not registry.action("request_view").isEnabled())
    buttons_follow()


def test_common_actions_have_shortcuts(console: Console) -> None:
    registry = console.actions.registry
    for key in [
        "start_session", "chat", "copy_number", "copy_link", "end_session", "request_view",
        "request_control", "stop_sharing", "preferences", "quit",
    ]:  # fmt: skip
        assert not registry.action(key).shortcut().isEmpty(), key
    shortcuts = [
        registry.action(k).shortcut().toString()
        for k in registry.all_keys()
        if not registry.action(k).shortcut().isEmpty()
    ]
    assert len(shortcuts) == len(set(shortcuts))  # no two actions on one key
