"""Co-browsing from the real console to the real client, over a real support center: the
agent's one action asks the customer naming their window, the viewer shows that window, the
agent's click in the viewer lands at the same pixel of the customer's window, and the
customer's Stop closes the agent's viewer."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
import Xlib.X
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.features.cobrowse.console import ConsoleCobrowsePart
from shared.features.cobrowse.customer import CustomerCobrowsePart
from shared.features.cobrowse.engine import CobrowseFeature, CobrowseState
from shared.features.cobrowse.machine import WindowMedia
from shared.input.local_activity import QUIET_S
from shared.input.pointer import pointer_position
from shared.input.sinks import ControlSink
from shared.input.whole_screen import whole_screen_sink
from shared.session.live import LiveSession
from shared.windows.x11 import X11Windows
from tests.cobrowse.desk import Desk, Made
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import asked, client_beside, client_joins, stand_in_sharing
from tests.faces.conftest import WAIT_MS
from tests.xserver import click

pytestmark = pytest.mark.e2e

TITLE = "Billing — Example Bank"
# Out of the way of the apps' own windows, which share the test's display.
BROWSER = (1460, 700, 400, 300)
FRAME_WAIT_MS = 20000  # the first frame: a WebRTC connection set up on a loaded machine


@pytest.fixture
def desk() -> Iterator[Desk]:
    made = Desk()
    yield made
    made.close()


def customer_cobrowse(browser: Made) -> Callable[[LiveSession], CobrowseFeature]:
    """The client's co-browsing with this display's real windows, capture and input, its
    launching window ``browser``."""

    def make(session: LiveSession) -> CobrowseFeature:
        return CobrowseFeature(
            session,
            WindowMedia(),
            X11Windows,
            lambda: browser.ref,
            input_sinks=whole_screen_sink,
            pointer=pointer_position,
        )

    return make


def test_one_action_asks_naming_the_window_and_the_agents_click_lands_in_it(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    desk: Desk,
) -> None:
    browser = desk.window(*BROWSER, (20, 200, 40), title=TITLE)
    console = make_console()
    with client_beside(qtbot, console, start_center_with()) as (number, client):
        client.controller.engine_factories["desktop"] = stand_in_sharing
        client.controller.engine_factories["cobrowse"] = customer_cobrowse(browser)
        client_joins(qtbot, console, client, number)

        console.actions.registry.action("cobrowse_control").trigger()
        dialog = asked(qtbot, client)
        assert TITLE in dialog.question.text()
        qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
        click(dialog.ok_button)
        allowed = time.monotonic()

        part = console.controller.part("cobrowse")
        assert isinstance(part, ConsoleCobrowsePart)
        qtbot.waitUntil(
            lambda: any(v.image is not None for v in part.viewers.values()),
            timeout=FRAME_WAIT_MS,
        )
        (viewer,) = part.viewers.values()
        assert TITLE in viewer.windowTitle()
        assert viewer.image is not None and viewer.image.size().toTuple() == (400, 300)
        customer_part = client.controller.part("cobrowse")
        assert isinstance(customer_part, CustomerCobrowsePart)
        qtbot.waitUntil(customer_part.window.isVisible, timeout=WAIT_MS)
        assert TITLE in customer_part.window.label.text()  # what the customer is told

        # On the customer's own computer nothing of the agent's is over their browser.
        browser.window.configure(stack_mode=Xlib.X.Above)
        desk.display.sync()
        # The customer's click on OK was their own input: remote input waits until it is over.
        customer_side = customer_part.feature
        assert customer_side is not None
        (running,) = [r for r in customer_side._running.values() if r.cobrowse.live]

        def quiet() -> bool:
            sink = running.sink
            return (
                time.monotonic() - allowed > QUIET_S
                and isinstance(sink, ControlSink)
                and not sink.control.paused
                and not sink.activity.active
            )

        qtbot.waitUntil(quiet, timeout=WAIT_MS)
        # The agent clicks the browser's pixel (120, 90) in the viewer (Qt events, not moving
        # the pointer: on this shared display that would be the customer's own input).
        target = viewer.picture_rect()  # in the viewer's coordinates, under its bar
        assert not target.isEmpty()
        at = QPoint(
            int(target.left() + 120.5 * target.width() / 400),
            int(target.top() + 90.5 * target.height() / 300),
        )
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            left = Qt.MouseButton.LeftButton
            event = QMouseEvent(
                kind, QPointF(at), QPointF(viewer.mapToGlobal(at)), left, left,
                Qt.KeyboardModifier.NoModifier,
            )  # fmt: skip
            QApplication.sendEvent(viewer, event)

        def pressed() -> bool:
            desk.read_presses()
            return bool(browser.presses)

        qtbot.waitUntil(pressed, timeout=WAIT_MS)
        assert browser.presses == [(120, 90)]

        # The customer's Stop ends it: the agent's viewer goes. (The viewer shares this display
        # and may lie over the Stop window; on the customer's computer it does not.)
        customer_part.window.raise_()
        click(customer_part.window.stop_button)
        qtbot.waitUntil(lambda: not part.viewers, timeout=WAIT_MS)
        feature = part.feature
        assert feature is not None
        assert feature.cobrowses[-1].state == CobrowseState.STOPPED
