"""The Desktop tab's actions follow the engine: disabled without a linked customer, enabled once
one is linked, Stop only while an activity is live; the tab says what is going on."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.console import REQUEST_KEYS, STOP_KEY
from shared.features.desktop.events import ActivityChanged
from shared.features.desktop.protocol import ActivityKind, StopReason
from shared.features.desktop.remote_viewer import RemoteViewer
from tests.ui.console_harness import GRACE, Console


def _enabled(console: Console) -> dict[str, bool]:
    registry = console.window.registry
    return {key: registry.action(key).isEnabled() for key in [*REQUEST_KEYS.values(), STOP_KEY]}


def _grace_linked(qtbot: QtBot, console: Console) -> None:
    """A session, Grace linked to it: the Desktop actions can ask her."""
    console.enter_session()
    console.customer_links()
    qtbot.waitUntil(lambda: console.window.registry.action("request_view").isEnabled())


def _publish(console: Console, activity: Activity) -> None:
    """The engine says ``activity`` changed, on its asyncio thread as it would."""
    engine = console.session.engine
    console.on_loop(lambda: engine.publish(ActivityChanged(activity)))


def _viewer_for(qtbot: QtBot, console: Console, activity: Activity) -> RemoteViewer:
    """The engine says the agent views a screen (``activity``): the viewer window it opens."""
    _publish(console, activity)
    qtbot.waitUntil(lambda: activity.id in console.sharing_windows.viewers)
    return console.sharing_windows.viewers[activity.id]


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
    tab = console.desktop_tab
    assert tab.customer_box.currentText() == "Grace"  # the first linked customer by default
    assert console.desktop_sharing.customer_id == GRACE.id

    # The customer's link drops: nothing can be asked of them any more.
    console.on_loop(lambda: console.session.engine.link_changed(GRACE.id, False))
    qtbot.waitUntil(lambda: not window.registry.action("request_view").isEnabled())
    assert not any(_enabled(console).values())


def test_asking_shows_progress_then_the_answer(qtbot: QtBot, console: Console) -> None:
    window = console.window
    _grace_linked(qtbot, console)
    status = console.desktop_tab.status

    window.registry.action("request_control").trigger()
    qtbot.waitUntil(lambda: status.text() == "Waiting for Grace to let you control their screen…")
    assert window.registry.action(STOP_KEY).isEnabled()
    activity = console.features[0].activities[0]
    assert (activity.kind, activity.customer_id) == (ActivityKind.CONTROL, GRACE.id)

    _publish(console, activity.moved(ActivityState.REFUSED))
    qtbot.waitUntil(lambda: status.text() == "Grace refused.")
    assert not window.registry.action(STOP_KEY).isEnabled()


@pytest.mark.parametrize(
    ("kind", "waiting"),
    [
        (ActivityKind.VIEW, "Waiting for Grace to let you see their screen…"),
        (ActivityKind.CONTROL, "Waiting for Grace to let you control their screen…"),
        (ActivityKind.SHOW, "Waiting for Grace to accept seeing your screen…"),
        (ActivityKind.GIVE_CONTROL, "Waiting for Grace to accept control of your screen…"),
    ],
)
def test_waiting_text_names_what_was_asked(
    qtbot: QtBot, console: Console, kind: ActivityKind, waiting: str
) -> None:
    """While the customer is asked, the tab says what: a view, control, or the reverse ways."""
    _grace_linked(qtbot, console)
    console.window.registry.action(REQUEST_KEYS[kind]).trigger()
    status = console.desktop_tab.status
    qtbot.waitUntil(lambda: status.text() == waiting)
    activity = console.features[0].activities[0]
    assert (activity.kind, activity.state) == (kind, ActivityState.REQUESTED)


def test_customer_stopping_is_told_and_closes_the_viewer(qtbot: QtBot, console: Console) -> None:
    window = console.window
    _grace_linked(qtbot, console)
    active = Activity("p1-s9", ActivityKind.VIEW, "p1", GRACE.id, ActivityState.ACTIVE)
    viewer = _viewer_for(qtbot, console, active)
    qtbot.waitUntil(viewer.isFullScreen)
    assert viewer.windowTitle() == "Grace's screen — Tandem"
    assert console.desktop_tab.status.text() == "You are viewing Grace's screen."
    assert window.registry.action(STOP_KEY).isEnabled()

    _publish(console, active.moved(ActivityState.STOPPED, StopReason.STOPPED_BY_CUSTOMER))
    qtbot.waitUntil(lambda: console.desktop_tab.status.text() == "Grace stopped sharing.")
    assert console.sharing_windows.viewers == {}
    # The window is closed, then deleted (nothing of an ended view stays in memory).
    qtbot.waitUntil(lambda: not shiboken6.isValid(viewer))
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
        button = console.desktop_tab.findChild(QToolButton, f"button_{key}")
        assert button is not None and button.accessibleName() == action.text(), key


def test_control_after_view_keeps_the_one_viewer(qtbot: QtBot, console: Console) -> None:
    _grace_linked(qtbot, console)
    view = Activity("p1-s9", ActivityKind.VIEW, "p1", GRACE.id, ActivityState.ACTIVE)
    viewer = _viewer_for(qtbot, console, view)
    assert not viewer.view.control

    asking = view.control_asked(True)
    _publish(console, asking)
    status = console.desktop_tab.status
    qtbot.waitUntil(lambda: status.text() == "Waiting for Grace to accept control…")
    _publish(console, asking.control_asked(False))
    qtbot.waitUntil(
        lambda: status.text() == "Grace refused control; you are still viewing their screen."
    )
    assert console.sharing_windows.viewers == {"p1-s9": viewer} and viewer.isVisible()

    _publish(console, view.upgraded())
    qtbot.waitUntil(lambda: viewer.view.control)
    assert console.sharing_windows.viewers == {"p1-s9": viewer} and viewer.isVisible()
    assert status.text() == "You are controlling Grace's screen."


def test_a_viewer_leaving_full_screen_lands_inside_its_screen_beside_the_console(
    qtbot: QtBot, console: Console
) -> None:
    window = console.window
    settings = window.console_actions.preferences.settings
    settings.remove("windows/viewer")  # no place kept from an earlier viewer
    window.move(0, 0)
    window.show()
    qtbot.waitExposed(window)
    _grace_linked(qtbot, console)

    def open_viewer(activity_id: str) -> RemoteViewer:
        active = Activity(activity_id, ActivityKind.VIEW, "p1", GRACE.id, ActivityState.ACTIVE)
        viewer = _viewer_for(qtbot, console, active)
        qtbot.waitUntil(viewer.isFullScreen)
        QTest.keyClick(viewer.view, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not viewer.isFullScreen())
        return viewer

    viewer = open_viewer("p1-s1")
    area = viewer.screen().availableGeometry()
    qtbot.waitUntil(lambda: area.contains(viewer.frameGeometry()))
    assert not viewer.frameGeometry().intersects(window.frameGeometry())  # beside it

    # Moved by the agent, then over: the next viewer comes back there out of full screen.
    viewer.setGeometry(QRect(700, 300, 900, 600))
    qtbot.waitUntil(lambda: viewer.geometry() == QRect(700, 300, 900, 600))
    _publish(console, Activity("p1-s1", ActivityKind.VIEW, "p1", GRACE.id, ActivityState.STOPPED))
    qtbot.waitUntil(lambda: not console.sharing_windows.viewers)
    again = open_viewer("p1-s2")
    qtbot.waitUntil(lambda: again.geometry() == QRect(700, 300, 900, 600))
