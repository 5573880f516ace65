"""Annotation in the real apps on Xvfb, with a real center and real peers: the agent controls
the customer's screen from the console, turns Annotation on and draws with the real X pointer
in the viewer. The stroke shows on the customer's screen in the overlay (read back from the
screen's pixels), a click beside it reaches the window under the overlay, the screenshot holds
it, the eraser and Clear all take it away again, and no input reaches the customer's computer
while the agent annotates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QMouseEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.features.annotation.drawing import to_view
from shared.features.annotation.part import AnnotationPart
from shared.features.annotation.protocol import COORD_SCALE, Tool
from shared.features.annotation.sketch import Pick
from shared.features.desktop.console import REQUEST_KEYS
from shared.features.desktop.protocol import ActivityKind, KeyInput, PointerInput
from shared.protocol.messages import PeerMessage
from shared.qt.i18n import install_translations, remove_translations
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import asked, client_joins, client_window
from tests.faces.conftest import WAIT_MS, sign_in, start_session
from tests.screenshots import SCREENSHOTS, save_screen
from tests.xserver import click

BLUE = "#1e88e5"


class Target(QWidget):
    """Another program's window on the customer's screen, under the overlay: counts clicks."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Under the overlay")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
        self.setPalette(palette)
        self.clicks: list[QPoint] = []

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicks.append(event.position().toPoint())


def screen_pixel(at: QPoint) -> QColor:
    """The customer's screen as X shows it there (the root window: every window on it)."""
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(0, at.x(), at.y(), 1, 1).toImage().pixelColor(0, 0)


def near(colour: QColor, wanted: str, tolerance: int = 40) -> bool:
    other = QColor(wanted)
    return all(
        abs(a - b) <= tolerance
        for a, b in (
            (colour.red(), other.red()),
            (colour.green(), other.green()),
            (colour.blue(), other.blue()),
        )
    )


def drag(area: QWidget, points: list[QPoint]) -> None:
    """A drag in ``area``'s window as the window system delivers it (to whatever widget is
    at each point), without moving the X pointer: the customer's computer, on this same
    display, must not take it for its own user's hand (that pauses control by itself)."""
    window = area.window().windowHandle()
    at = [area.mapTo(area.window(), p) for p in points]
    QTest.mouseMove(window, at[0])
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at[0])
    for point in at[1:]:
        QTest.mouseMove(window, point)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at[-1])


def hover(area: QWidget, point: QPoint) -> None:
    QTest.mouseMove(area.window().windowHandle(), area.mapTo(area.window(), point))


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The apps in English, then in French (built after the translators are in)."""
    assert install_translations(qapp, request.param) == request.param
    yield request.param
    remove_translations(qapp)


def test_the_agents_stroke_shows_on_the_customers_screen_and_goes(
    language: str,
    qtbot: QtBot,
    console_at_center: tuple[Console, CenterProcess],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    console, center = console_at_center
    registry = console.actions.registry
    sign_in(qtbot, console, center)  # real desktop sharing on both sides
    number = start_session(qtbot, console)
    client = client_window(qtbot, center)
    try:
        client_joins(qtbot, console, client, number)
        agent: AnnotationPart = console.controller.current.part("annotation")
        customer: AnnotationPart = client.controller.part("annotation")
        assert isinstance(agent, AnnotationPart) and isinstance(customer, AnnotationPart)
        assert not registry.action("annotate").isEnabled()  # nothing shared yet

        # What the console sends the customer: no input may leave while annotating.
        session = console.controller.current.session
        assert session is not None
        sent: list[PeerMessage] = []
        send_to: Callable[..., None] = session.send_to

        def spy(remote_id: str, message: PeerMessage, *args: object) -> None:
            sent.append(message)
            send_to(remote_id, message, *args)

        monkeypatch.setattr(session, "send_to", spy)

        registry.action(REQUEST_KEYS[ActivityKind.CONTROL]).trigger()
        dialog = asked(qtbot, client)
        qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
        dialog.ok_button.click()
        viewers = console.controller.current.part("desktop").windows.viewers
        qtbot.waitUntil(
            lambda: any(v.view._frame is not None for v in viewers.values()), timeout=WAIT_MS
        )
        viewer = next(iter(viewers.values()))
        qtbot.waitUntil(lambda: registry.action("annotate").isEnabled(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: bool(customer.shares), timeout=WAIT_MS)

        # Control works before annotating: the pointer over the viewer goes to the customer.
        area = viewer.view.viewport()
        hover(area, QPoint(300, 300))
        hover(area, QPoint(320, 310))
        qtbot.waitUntil(lambda: any(isinstance(m, PointerInput) for m in sent), timeout=WAIT_MS)

        dashboard = console.faces.dashboard
        dashboard.tabs.setCurrentIndex(
            next(i for i in range(dashboard.tabs.count()) if "Session" in dashboard.tabs.tabText(i))
        )
        SCREENSHOTS.mkdir(exist_ok=True)
        dashboard.grab().save(str(SCREENSHOTS / f"annotation_session_tab_{language}.png"))
        registry.action("annotate").trigger()
        assert agent.annotating and agent.panel is not None and agent.panel.isVisible()
        agent.panel.tool_actions[Pick.PEN].trigger()
        agent.panel.set_colour(BLUE)
        sent.clear()
        rect = viewer.view.image_rect()
        # A line across the middle of the screen, drawn in the viewer with the real pointer.
        left, right, y = (
            to_view((3000, 4000), rect),
            to_view((7000, 4000), rect),
            to_view((5000, 4000), rect).y(),
        )
        steps = [QPointF(left.x() + (right.x() - left.x()) * i / 8, y) for i in range(9)]
        drag(area, [p.toPoint() for p in steps])
        drag(area, [QPoint(50, 50)])  # a click while annotating: a dot, and no input either
        qtbot.waitUntil(lambda: customer.overlay is not None and bool(customer.overlay.strokes),
                        timeout=WAIT_MS)  # fmt: skip
        assert not [m for m in sent if isinstance(m, PointerInput | KeyInput)], sent

        # The customer's screen, without the console's viewer over it: the overlay's stroke.
        screen = QGuiApplication.primaryScreen().geometry()
        on_screen = QPoint(screen.width() // 2, screen.height() * 4000 // COORD_SCALE)
        target = Target()
        qtbot.addWidget(target)
        target.setGeometry(screen.width() // 2 - 200, on_screen.y() + 30, 400, 200)
        viewer.hide()
        target.show()
        qtbot.waitExposed(target)
        target.raise_()
        overlay = customer.overlay
        assert overlay is not None
        qtbot.waitUntil(lambda: near(screen_pixel(on_screen), BLUE, 8), timeout=WAIT_MS)
        assert overlay.isVisible()
        below = on_screen + QPoint(0, 60)  # beside the stroke, on the window under the overlay
        qtbot.waitUntil(lambda: near(screen_pixel(below), "#ffffff", 8), timeout=WAIT_MS)
        assert near(screen_pixel(on_screen), BLUE, 8)  # the stroke stays over the window
        click(target, target.mapFromGlobal(below))
        qtbot.waitUntil(lambda: bool(target.clicks), timeout=WAIT_MS)
        save_screen(f"annotation_customer_screen_{language}")

        # The customer's screenshot (the sharer's: the screen with the overlay) holds it.
        # The customer annotates too: on their own screen, the overlay takes their pointer.
        customer.folder = tmp_path / "customer shots"
        assert customer.start()
        assert overlay.drawing and customer.panel is not None
        customer.panel.tool_actions[Pick.ARROW].trigger()
        tail, tip = QPoint(200, 800), QPoint(400, 700)
        drag(overlay, [tail, QPoint(300, 750), tip])
        customer_id = customer._my_id()
        qtbot.waitUntil(
            lambda: any(
                s.author == customer_id and s.tool == Tool.ARROW
                for s in agent.boards.get(customer_id, ())
            ),
            timeout=WAIT_MS,
        )
        shot = customer.screenshot()
        customer.stop()
        assert not overlay.drawing
        assert shot is not None and shot.suffix == ".png"
        assert near(QImage(str(shot)).pixelColor(on_screen), BLUE, 8)

        # The agent's screenshot: the viewer's picture, whose video carries the stroke.
        viewer.show()
        qtbot.waitExposed(viewer)
        agent.folder = tmp_path / "agent shots"
        path: list[Path] = []

        def saved_with_stroke() -> bool:
            found = agent.screenshot()
            if found is None:
                return False
            path.append(found)
            image = QImage(str(found))
            x = image.width() // 2
            return near(image.pixelColor(x, image.height() * 4000 // COORD_SCALE), BLUE)

        qtbot.waitUntil(saved_with_stroke, timeout=WAIT_MS)
        save_screen(f"annotation_agent_viewer_{language}")
        assert path[-1].parent == tmp_path / "agent shots"

        # The eraser, clicked on the stroke in the viewer: gone from the customer's screen.
        agent.panel.tool_actions[Pick.ERASER].trigger()
        drag(area, [to_view((5000, 4000), viewer.view.image_rect()).toPoint()])
        # The dot and the customer's arrow stay.
        qtbot.waitUntil(lambda: len(overlay.strokes) == 2, timeout=WAIT_MS)
        assert {s.tool for s in overlay.strokes} == {Tool.PEN, Tool.ARROW}
        viewer.hide()
        qtbot.waitUntil(lambda: not near(screen_pixel(on_screen), BLUE, 60), timeout=WAIT_MS)

        # Draw again, then Clear all annotations: the pixels come back.
        viewer.show()
        qtbot.waitExposed(viewer)
        agent.panel.tool_actions[Pick.HIGHLIGHTER].trigger()
        drag(area, [p.toPoint() for p in steps])
        qtbot.waitUntil(lambda: len(overlay.strokes) == 3, timeout=WAIT_MS)
        viewer.hide()
        qtbot.waitUntil(lambda: not near(screen_pixel(on_screen), "#000000", 30), timeout=WAIT_MS)
        agent.panel.clear_action.trigger()
        qtbot.waitUntil(lambda: not overlay.isVisible(), timeout=WAIT_MS)
        assert not near(screen_pixel(on_screen), BLUE, 60)
        assert not [m for m in sent if isinstance(m, PointerInput | KeyInput)], sent

        # Annotation stopped: the viewer's pointer controls the customer's computer again.
        viewer.show()
        qtbot.waitExposed(viewer)
        agent.panel.stop_action.trigger()
        assert not agent.annotating
        # (The real click on the customer's screen paused control, as their own hand does:
        # it resumes once they stop.)
        qtbot.waitUntil(lambda: not viewer.activity.control_paused, timeout=WAIT_MS)
        hover(area, QPoint(400, 400))
        hover(area, QPoint(420, 410))
        qtbot.waitUntil(lambda: any(isinstance(m, PointerInput) for m in sent), timeout=WAIT_MS)
    finally:
        client.controller.close_parts()
        client.controller.shutdown()
