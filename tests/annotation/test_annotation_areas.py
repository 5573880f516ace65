"""Annotation over a co-browsed window and a shared application, in the real apps on Xvfb with
a real center, real peers and the real capture: the agent draws in the viewer of the customer's
window (or application); the stroke shows on the customer's screen over that window, at the
same place of it (read back from the screen's pixels), and in the picture every viewer gets
(the overlay is not taken for a window covering the shared one, which would be hatched). When
the window moves, the strokes follow it. While the customer draws on their own screen under a
control share, the agent's input is dropped: it would draw in the customer's name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.annotation.drawing import stroke_colour, to_view
from shared.features.annotation.part import AnnotationPart
from shared.features.annotation.protocol import COORD_SCALE, Stroke, Tool
from shared.features.annotation.sketch import Pick
from shared.features.appshare.console import REQUEST_KEYS as APP_KEYS
from shared.features.appshare.console import ConsoleAppSharePart
from shared.features.appshare.customer import CustomerAppSharePart
from shared.features.appshare.protocol import ShareKind
from shared.features.cobrowse.console import REQUEST_KEYS as COBROWSE_KEYS
from shared.features.cobrowse.console import ConsoleCobrowsePart
from shared.features.cobrowse.engine import CobrowseFeature
from shared.features.cobrowse.machine import WindowMedia
from shared.features.cobrowse.protocol import CobrowseKind
from shared.features.desktop.console import REQUEST_KEYS as DESKTOP_KEYS
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.protocol import ActivityKind
from shared.input.pointer import pointer_position
from shared.input.whole_screen import whole_screen_sink
from shared.protocol.messages import PeerMessage
from shared.protocol.screen import PointerAction, PointerInput
from shared.qt.area_viewer import AreaViewer, InputMessage, drawing_paused_text
from shared.session.live import LiveSession
from shared.windows import WindowRef, window_system
from tests.appshare.programs import Program, launch
from tests.cobrowse.desk import Desk, Made
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import (
    asked,
    client_beside,
    client_joins,
    client_window,
    stand_in_sharing,
)
from tests.faces.conftest import (
    WAIT_MS,
    console_at_center,
    make_console,
    settings_path,
    sign_in,
    start_center_with,
    start_session,
)

pytestmark = pytest.mark.e2e
__all__ = ["console_at_center", "make_console", "settings_path", "start_center_with"]

FRAME_WAIT_MS = 20_000  # the first frame: a WebRTC connection set up on a loaded machine
# The customer's browser (screen pixels), away from the apps' own windows (moved to the left).
BROWSER = (1300, 560, 560, 400)
MOVED = (1200, 500)  # where the customer drags it
DARK_GREEN = (20, 120, 40)
# The customer's application: a main window and a dialog beside it; its picture is the
# rectangle around both, 760 × 300 from (1100, 560).
MAIN, DIALOG = (1100, 560, 500, 300), (1700, 600, 160, 200)
BOUNDS = (1100, 560, 760, 300)
CYAN = (20, 160, 160)
BLUE = "#1e88e5"
# The codec's error on a flat colour is a few levels; far below any two colours here.
CLOSE = 40


def near(colour: QColor, wanted: QColor, tolerance: int) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in (
            (colour.red(), wanted.red()),
            (colour.green(), wanted.green()),
            (colour.blue(), wanted.blue()),
        )
    )


def screen_pixel(x: int, y: int) -> QColor:
    """The customer's screen as X shows it there (the root window: every window on it)."""
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(0, x, y, 1, 1).toImage().pixelColor(0, 0)


def drag(widget: QWidget, points: list[QPoint]) -> None:
    """A drag in ``widget``'s window as the window system delivers it (to whatever child is at
    each point), without moving the X pointer."""
    top = widget.window()
    window = top.windowHandle()
    if top is not widget:
        points = [widget.mapTo(top, point) for point in points]
    QTest.mouseMove(window, points[0])
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(window, point)
    QTest.mouseRelease(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1]
    )


def on_grid(point: tuple[int, int], area: tuple[int, int, int, int]) -> tuple[int, int]:
    """A point of the shared picture's grid, on the sharer's screen (``area``: where it is)."""
    left, top, width, height = area
    return left + point[0] * width // COORD_SCALE, top + point[1] * height // COORD_SCALE


def line_in(viewer: AreaViewer, y: int, x0: int, x1: int) -> list[QPoint]:
    """A horizontal line across the viewer's picture, in its widget's pixels (grid points)."""
    rect = viewer.picture_rect()
    return [to_view((x0 + (x1 - x0) * i // 8, y), rect).toPoint() for i in range(9)]


def picture_pixel(viewer: AreaViewer, point: tuple[int, int]) -> QColor | None:
    """The viewer's picture (the video it got) at a grid point."""
    image = viewer.image
    if image is None:
        return None
    x, y = point[0] * image.width() // COORD_SCALE, point[1] * image.height() // COORD_SCALE
    return image.convertToFormat(QImage.Format.Format_RGB32).pixelColor(x, y)


def out_of_the_way(console: Console, client: ClientWindow) -> None:
    """The apps' own windows on the left half of the display, off the shared windows."""
    for window in (console.window, client):
        window.move(0, 0)
    QApplication.processEvents()


@pytest.fixture
def desk() -> Iterator[Desk]:
    made = Desk()
    yield made
    made.close()


def cobrowsing(window: WindowRef) -> Callable[[LiveSession], CobrowseFeature]:
    """The client's co-browsing, with ``window`` as the one it was launched from."""

    def make(session: LiveSession) -> CobrowseFeature:
        return CobrowseFeature(
            session,
            WindowMedia(),
            window_system,
            lambda: window,
            input_sinks=whole_screen_sink,
            pointer=pointer_position,
        )

    return make


def cobrowse_viewer(
    qtbot: QtBot, console: Console, client: ClientWindow, kind: CobrowseKind
) -> AreaViewer:
    """The agent asks to co-browse, the customer allows it: the viewer, with a picture."""
    console.actions.registry.action(COBROWSE_KEYS[kind]).trigger()
    dialog = asked(qtbot, client)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    dialog.ok_button.click()
    part = console.controller.part("cobrowse")
    assert isinstance(part, ConsoleCobrowsePart)
    qtbot.waitUntil(
        lambda: any(v.image is not None for v in part.viewers.values()), timeout=FRAME_WAIT_MS
    )
    (viewer,) = part.viewers.values()
    viewer.setGeometry(20, 60, 700, 500)  # beside the shared window, not over it
    qtbot.waitExposed(viewer)
    return viewer


def annotation_parts(
    console: Console, client: ClientWindow
) -> tuple[AnnotationPart, AnnotationPart]:
    agent, customer = console.controller.part("annotation"), client.controller.part("annotation")
    assert isinstance(agent, AnnotationPart) and isinstance(customer, AnnotationPart)
    return agent, customer


def agent_draws(
    qtbot: QtBot, console: Console, agent: AnnotationPart, viewer: AreaViewer, line: list[QPoint]
) -> None:
    """The agent turns Annotation on (on the viewer's picture) and draws ``line`` in it with
    the highlighter."""
    qtbot.waitUntil(
        lambda: console.actions.registry.action("annotate").isEnabled(), timeout=WAIT_MS
    )
    console.actions.registry.action("annotate").trigger()
    assert agent.annotating and agent.picture is not None and agent.picture.area is viewer.picture
    assert agent.panel is not None
    agent.panel.move(20, 600)
    agent.panel.tool_actions[Pick.HIGHLIGHTER].trigger()
    agent.panel.set_colour(BLUE)
    drag(viewer, line)


def highlighted(strokes: tuple[Stroke, ...]) -> QColor:
    """The colour the highlighter's stroke has on the screen (X11: an opaque pale tint)."""
    (stroke,) = [s for s in strokes if s.tool == Tool.HIGHLIGHTER]
    return stroke_colour(stroke, blended=False)


def test_a_stroke_in_the_cobrowse_viewer_lands_on_the_customers_window_and_follows_it(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    desk: Desk,
) -> None:
    browser = desk.window(*BROWSER, DARK_GREEN, title="Billing — Example Bank")
    console = make_console()
    with client_beside(qtbot, console, start_center_with()) as (number, client):
        client.controller.engine_factories["desktop"] = stand_in_sharing
        client.controller.engine_factories["cobrowse"] = cobrowsing(browser.ref)
        client_joins(qtbot, console, client, number)
        out_of_the_way(console, client)
        viewer = cobrowse_viewer(qtbot, console, client, CobrowseKind.VIEW)
        assert viewer.showing_label.full_text() == "Viewing Grace's window “Billing — Example Bank”"
        agent, customer = annotation_parts(console, client)

        # Across the middle of the window's picture, from a quarter to three quarters.
        agent_draws(qtbot, console, agent, viewer, line_in(viewer, 5000, 2500, 7500))
        qtbot.waitUntil(
            lambda: customer.overlay is not None and bool(customer.overlay.strokes),
            timeout=WAIT_MS,
        )
        overlay = customer.overlay
        assert overlay is not None
        # Over the shared window only, not the customer's whole screen.
        assert overlay.geometry() == QRect(*BROWSER)
        tint = highlighted(overlay.strokes)
        middle = on_grid((5000, 5000), BROWSER)
        qtbot.waitUntil(lambda: near(screen_pixel(*middle), tint, 8), timeout=WAIT_MS)
        below = on_grid((5000, 8000), BROWSER)
        assert near(screen_pixel(*below), QColor(*DARK_GREEN), 8)  # the window beside it
        # Every viewer sees it in the picture, at the same place (not hatched over).
        qtbot.waitUntil(
            lambda: near(picture_pixel(viewer, (5000, 5000)) or QColor(), tint, CLOSE),
            timeout=WAIT_MS,
        )

        # The customer moves the window: the stroke goes with it, on the same pixels of it.
        browser.window.configure(x=MOVED[0], y=MOVED[1])
        desk.display.sync()
        moved = (*MOVED, *BROWSER[2:])
        qtbot.waitUntil(lambda: overlay.geometry() == QRect(*moved), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: near(screen_pixel(*on_grid((5000, 5000), moved)), tint, 8),
                        timeout=WAIT_MS)  # fmt: skip
        assert near(screen_pixel(*on_grid((5000, 8000), moved)), QColor(*DARK_GREEN), 8)
        agent.stop()


def test_a_stroke_in_the_application_viewer_lands_on_the_customers_application(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    program: Program = launch("Ledger", (DARK_GREEN, MAIN), (CYAN, DIALOG))
    try:
        qtbot.waitUntil(lambda: program.ready, timeout=WAIT_MS)
        console = make_console()
        with client_beside(qtbot, console, start_center_with()) as (number, client):
            client.controller.engine_factories["desktop"] = stand_in_sharing
            client_joins(qtbot, console, client, number)
            out_of_the_way(console, client)
            console.actions.registry.action(APP_KEYS[ShareKind.VIEW]).trigger()
            dialog = asked(qtbot, client)
            qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
            dialog.ok_button.click()
            customer_apps = client.controller.part("appshare")
            assert isinstance(customer_apps, CustomerAppSharePart)
            qtbot.waitUntil(lambda: customer_apps.picker is not None, timeout=WAIT_MS)
            picker = customer_apps.picker
            assert picker is not None
            rows = [picker.open_list.item(r) for r in range(picker.open_list.count())]
            (row,) = [
                r
                for r, item in enumerate(rows)
                if getattr(item.data(Qt.ItemDataRole.UserRole), "key", "") == program.key()
            ]
            picker.open_list.setCurrentRow(row)
            picker.share.click()
            part = console.controller.part("appshare")
            assert isinstance(part, ConsoleAppSharePart)
            qtbot.waitUntil(
                lambda: any(v.image is not None for v in part.viewers.values()),
                timeout=FRAME_WAIT_MS,
            )
            (viewer,) = part.viewers.values()
            viewer.setGeometry(20, 60, 760, 400)
            qtbot.waitExposed(viewer)
            agent, customer = annotation_parts(console, client)

            # Over the main window, a quarter of the way down the picture's middle row.
            agent_draws(qtbot, console, agent, viewer, line_in(viewer, 5000, 1000, 4000))
            qtbot.waitUntil(
                lambda: customer.overlay is not None and bool(customer.overlay.strokes),
                timeout=WAIT_MS,
            )
            overlay = customer.overlay
            assert overlay is not None
            assert overlay.geometry() == QRect(*BOUNDS)  # the picture's rectangle, no more
            tint = highlighted(overlay.strokes)
            spot = on_grid((2500, 5000), BOUNDS)
            assert QRect(*MAIN).contains(QPoint(*spot))
            qtbot.waitUntil(lambda: near(screen_pixel(*spot), tint, 8), timeout=WAIT_MS)
            assert near(screen_pixel(*on_grid((2500, 8500), BOUNDS)), QColor(*DARK_GREEN), 8)
            qtbot.waitUntil(
                lambda: near(picture_pixel(viewer, (2500, 5000)) or QColor(), tint, CLOSE),
                timeout=WAIT_MS,
            )
            agent.stop()
    finally:
        program.quit()


def test_the_agents_click_while_the_customer_draws_neither_draws_nor_lands(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    browser: Made = desk.window(*BROWSER, DARK_GREEN, title="Billing — Example Bank")
    console = make_console()
    with client_beside(qtbot, console, start_center_with()) as (number, client):
        client.controller.engine_factories["desktop"] = stand_in_sharing
        client.controller.engine_factories["cobrowse"] = cobrowsing(browser.ref)
        client_joins(qtbot, console, client, number)
        out_of_the_way(console, client)
        viewer = cobrowse_viewer(qtbot, console, client, CobrowseKind.CONTROL)
        agent, customer = annotation_parts(console, client)
        qtbot.waitUntil(lambda: bool(customer.shares), timeout=WAIT_MS)

        # The customer draws on their own screen: the overlay takes the mouse over the window.
        assert customer.start()
        overlay = customer.overlay
        assert overlay is not None and overlay.drawing and customer.panel is not None
        customer.panel.move(20, 600)
        qtbot.waitUntil(lambda: overlay.geometry() == QRect(*BROWSER), timeout=WAIT_MS)
        # What reaches the customer's engine, once it has dealt with it.
        session = client.controller.session
        assert session is not None
        feature = session.part("cobrowse", CobrowseFeature)
        assert feature is not None
        handled: list[InputMessage] = []
        handle = feature._input

        def spy(running: Any, remote_id: str, event: InputMessage) -> None:
            handle(running, remote_id, event)
            handled.append(event)

        monkeypatch.setattr(feature, "_input", spy)

        # The agent's viewer says why their input goes nowhere (the customer's side told it),
        # and holds it back.
        qtbot.waitUntil(lambda: viewer.paused_label.isVisible(), timeout=WAIT_MS)
        assert viewer.paused_label.text() == drawing_paused_text(True)
        viewer.set_paused("")  # a console ignoring the notice: the customer's side drops it
        # The agent drags across the window in their viewer (control): it would be a stroke.
        drag(viewer, line_in(viewer, 5000, 2000, 8000))

        def let_go() -> bool:  # the drag's last event (after its press: the same channel)
            return any(
                isinstance(e, PointerInput) and e.action == PointerAction.UP for e in handled
            )

        qtbot.waitUntil(let_go, timeout=WAIT_MS)
        customer.stop()

        def dropped() -> int:
            return sum(
                e.kind == "cobrowse.input_while_drawing" for e in session.engine.audit.events
            )

        # Then a fair click, once the customer stopped: it lands in the window, after the drag
        # (same channel, same order) had its chance to.
        drag(viewer, [to_view((5000, 7500), viewer.picture_rect()).toPoint()])

        def pressed() -> bool:
            desk.read_presses()
            return bool(browser.presses)

        qtbot.waitUntil(pressed, timeout=WAIT_MS)
        assert customer.boards == {}, "the agent's drag drew in the customer's name"
        assert agent.boards == {}
        ((x, y),) = browser.presses  # the fair click only, where it was aimed
        assert abs(x - BROWSER[2] // 2) <= 2 and abs(y - BROWSER[3] * 3 // 4) <= 2
        assert dropped() == 1  # audited once, not per event


def test_the_agents_drag_on_the_desktop_while_the_customer_draws_is_dropped(
    qtbot: QtBot,
    console_at_center: tuple[Console, CenterProcess],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    console, center = console_at_center
    sign_in(qtbot, console, center)  # real desktop sharing on both sides
    number = start_session(qtbot, console)
    client = client_window(qtbot, center)
    try:
        client_joins(qtbot, console, client, number)
        _, customer = annotation_parts(console, client)
        session = console.controller.current.session
        assert session is not None
        sent: list[PeerMessage] = []
        send_to: Callable[..., None] = session.send_to

        def spy(remote_id: str, message: PeerMessage, *args: object) -> None:
            sent.append(message)
            send_to(remote_id, message, *args)

        monkeypatch.setattr(session, "send_to", spy)
        console.actions.registry.action(DESKTOP_KEYS[ActivityKind.CONTROL]).trigger()
        dialog = asked(qtbot, client)
        qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
        dialog.ok_button.click()
        viewers = console.controller.current.part("desktop").windows.viewers
        qtbot.waitUntil(
            lambda: any(v.view._frame is not None for v in viewers.values()), timeout=WAIT_MS
        )
        viewer = next(iter(viewers.values()))
        qtbot.waitUntil(lambda: bool(customer.shares), timeout=WAIT_MS)

        # The customer draws on their own screen: the agent's viewer says control is paused
        # meanwhile, and why (the customer's side told it), and sends nothing.
        assert customer.start()
        assert customer.overlay is not None and customer.overlay.drawing
        qtbot.waitUntil(lambda: viewer.paused_label.isVisible(), timeout=WAIT_MS)
        assert viewer.paused_label.text() == drawing_paused_text(True)
        sent.clear()
        area = viewer.view.viewport()
        drag(area, [QPoint(200 + 40 * i, 300) for i in range(8)])
        assert not [m for m in sent if isinstance(m, PointerInput)]
        # A console ignoring the notice drags anyway: the customer's side drops it all.
        customer_id = viewer.activity.customer_id
        inputs = [
            PointerInput(activity=viewer.activity.id, action=action, x=x, y=300, button=button)
            for action, x, button in (
                (PointerAction.DOWN, 200, "left"),
                *((PointerAction.MOVE, 200 + 40 * i, None) for i in range(1, 7)),
                (PointerAction.UP, 480, "left"),
            )
        ]
        # Sent on the console session's loop, as its features send (aiortc's channels are not
        # for other threads).
        for message in inputs:
            session.call_soon_threadsafe(partial(send_to, customer_id, message))
        customer_session = client.controller.session
        assert customer_session is not None
        desktop = customer_session.part("desktop", SharingFeature)
        assert desktop is not None
        dropped = desktop._input

        qtbot.waitUntil(
            lambda: dropped.drawing_inputs >= len(inputs) or bool(customer.boards),
            timeout=WAIT_MS,
        )
        assert customer.boards == {}, "the agent's drag drew in the customer's name"
        events = customer_session.engine.audit.events
        assert sum(e.kind == "input.while_drawing" for e in events) == 1
        customer.stop()
        qtbot.waitUntil(lambda: not viewer.paused_label.isVisible(), timeout=WAIT_MS)
    finally:
        client.controller.close_parts()
        client.controller.shutdown()
