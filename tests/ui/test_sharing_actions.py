"""The Desktop tab's actions follow the engine: disabled without a linked customer, enabled once
one is linked, Stop only while something is shared, Cancel request beside it while the customer
is asked; the tab says what is going on."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.console import CANCEL_KEY, REQUEST_KEYS, STOP_KEY
from shared.features.desktop.events import ActivityChanged
from shared.features.desktop.protocol import ActivityKind, StopReason
from shared.features.desktop.remote_viewer import RemoteViewer
from tests.ui.console_harness import GRACE, Console


def _enabled(console: Console) -> dict[str, bool]:
    registry = console.window.registry
    keys = [*REQUEST_KEYS.values(), STOP_KEY, CANCEL_KEY]
    return {key: registry.action(key).isEnabled() for key in keys}


def _tab_button(console: Console, key: str) -> QToolButton:
    button = console.desktop_tab.findChild(QToolButton, f"button_{key}")
    assert button is not None, key
    return button


def _cancel_offered(console: Console) -> bool:
    """Cancel request shows (action and the tab's button), enabled; Stop sharing stays shown."""
    cancel = console.window.registry.action(CANCEL_KEY)
    shown = cancel.isVisible() and cancel.isEnabled()
    stop = console.window.registry.action(STOP_KEY).isVisible()
    buttons = not _tab_button(console, CANCEL_KEY).isHidden()
    return shown and stop and buttons and not _tab_button(console, STOP_KEY).isHidden()


def _cancel_gone(console: Console) -> bool:
    """Cancel request is not shown (nor its button); Stop sharing is."""
    cancel = console.window.registry.action(CANCEL_KEY)
    stop = console.window.registry.action(STOP_KEY).isVisible()
    buttons = _tab_button(console, CANCEL_KEY).isHidden()
    return (
        not cancel.isVisible()
        and stop
        and buttons
        and not _tab_button(console, STOP_KEY).isHidden()
    )


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
        "cancel_sharing_request": False,
    }
    assert _cancel_gone(console)
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
    # Nothing is shared yet: nothing to stop, but the request can be taken back.
    assert not window.registry.action(STOP_KEY).isEnabled()
    assert _cancel_offered(console)
    activity = console.features[0].activities[0]
    assert (activity.kind, activity.customer_id) == (ActivityKind.CONTROL, GRACE.id)

    _publish(console, activity.moved(ActivityState.REFUSED))
    qtbot.waitUntil(lambda: status.text() == "Grace refused.")
    assert not window.registry.action(STOP_KEY).isEnabled()
    assert not window.registry.action(CANCEL_KEY).isEnabled() and _cancel_gone(console)


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


@pytest.mark.parametrize("kind", list(ActivityKind))
def test_while_the_customer_is_asked_the_request_can_be_cancelled_not_stopped(
    qtbot: QtBot, console: Console, kind: ActivityKind
) -> None:
    """Asked, nothing is shared yet: Stop sharing is off, and Cancel request shows beside it,
    which takes the request back (the engine's stop of a requested activity closes the
    customer's question) and says so; then it goes, and the request can be made again."""
    window = console.window
    _grace_linked(qtbot, console)
    window.registry.action(REQUEST_KEYS[kind]).trigger()
    status = console.desktop_tab.status
    qtbot.waitUntil(lambda: status.text().startswith("Waiting for Grace"))
    cancel = window.registry.action(CANCEL_KEY)
    assert _enabled(console)[STOP_KEY] is False
    assert cancel.isEnabled() and _cancel_offered(console)
    assert cancel.text() == "Cancel request"
    assert _tab_button(console, CANCEL_KEY).accessibleName() == "Cancel request"

    cancel.trigger()
    qtbot.waitUntil(lambda: status.text() == "You cancelled your request to Grace.")
    (activity,) = console.features[0].activities
    assert (activity.state, activity.stop_reason) == (
        ActivityState.STOPPED,
        StopReason.STOPPED_BY_AGENT,
    )
    assert not cancel.isEnabled() and not _enabled(console)[STOP_KEY]
    assert _cancel_gone(console)
    assert window.registry.action(REQUEST_KEYS[kind]).isEnabled()  # it can be asked again


def test_cancel_takes_back_only_what_is_asked_and_what_is_shared_goes_on(
    qtbot: QtBot, console: Console
) -> None:
    """A view on, and Show my desktop asked meanwhile: Stop sharing (which would end both)
    and Cancel request (the asked one only) both work."""
    window = console.window
    _grace_linked(qtbot, console)
    view = Activity("p1-s9", ActivityKind.VIEW, "p1", GRACE.id, ActivityState.ACTIVE)
    viewer = _viewer_for(qtbot, console, view)
    qtbot.waitUntil(lambda: _cancel_gone(console) and _enabled(console)[STOP_KEY])

    window.registry.action(REQUEST_KEYS[ActivityKind.SHOW]).trigger()
    qtbot.waitUntil(lambda: _cancel_offered(console))
    assert _enabled(console)[STOP_KEY]
    window.registry.action(CANCEL_KEY).trigger()
    qtbot.waitUntil(lambda: _cancel_gone(console))
    (show,) = console.features[0].activities
    assert (show.kind, show.state) == (ActivityKind.SHOW, ActivityState.STOPPED)
    # The view goes on: its window stays, and Stop sharing still ends it.
    assert console.sharing_windows.viewers == {view.id: viewer}
    assert _enabled(console)[STOP_KEY]


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
    for key in [*REQUEST_KEYS.values(), STOP_KEY, CANCEL_KEY]:
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
