"""The bar over a shared application's (or co-browsed window's) picture: it says whose
application or window is shown and whether this user views or controls it, in English and
French; its Stop ends the share as closing the window does; it takes neither the keyboard
(what the agent types goes on to the customer) nor the picture's place (a click lands on the
pixel it is painted over)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from shared.features.appshare.engine import AppShare
from shared.features.appshare.protocol import ShareEnd, ShareKind
from shared.features.appshare.windows import ShareViewer
from shared.features.cobrowse.engine import Cobrowse, CobrowseState
from shared.features.cobrowse.protocol import CobrowseKind
from shared.features.cobrowse.viewer import CobrowseViewer
from shared.protocol.screen import KeyAction, KeyInput, PointerInput
from shared.qt.area_viewer import AreaViewer, InputMessage, drawing_paused_text
from shared.qt.i18n import install_translations, remove_translations
from shared.session.consent import ConsentAnswer
from shared.session.stream_share import ShareState
from tests.appshare.support import Pair, granted, ledger, pair_of, programs
from tests.helpers import wait_for
from tests.xserver import click, key, type_text

__all__ = ["pair_of", "programs"]  # fixtures

SAID = {
    "en": {
        "view": "Viewing Grace's application: Ledger",
        "control": "Controlling Grace's application: Ledger",
        "several": "Controlling Grace's applications: Ledger, Notes",
        "shown": "Controlling Ada's application: Slides",
        "window": "Viewing Grace's window “Billing — Example Bank”",
        "window control": "Controlling Grace's window “Billing — Example Bank”",
    },
    "fr": {
        "view": "Vous voyez l'application partagée par Grace\u00a0: Ledger",
        "control": "Vous contrôlez l'application partagée par Grace\u00a0: Ledger",
        "several": "Vous contrôlez les applications partagées par Grace\u00a0: Ledger, Notes",
        "shown": "Vous contrôlez l'application partagée par Ada\u00a0: Slides",
        "window": "Vous voyez la fenêtre «\u00a0Billing — Example Bank\u00a0» partagée par Grace",
        "window control": (
            "Vous contrôlez la fenêtre «\u00a0Billing — Example Bank\u00a0» partagée par Grace"
        ),
    },
}
STOP = {"en": "Stop sharing", "fr": "Arrêter le partage"}
# The test picture: blocks of plain colours, each its own, BLOCK pixels wide.
BLOCK = 10


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    if request.param == "fr":
        assert install_translations(qapp, "fr") == "fr"
    yield str(request.param)
    remove_translations(qapp)


def share(kind: ShareKind, *apps: str) -> AppShare:
    return AppShare("s1", kind, "ada", "grace", ShareState.ACTIVE, apps)


def shown(qtbot: QtBot, viewer: AreaViewer) -> AreaViewer:
    qtbot.addWidget(viewer)
    viewer.move(40, 40)
    viewer.show()
    qtbot.waitExposed(viewer)
    return viewer


def blocks(width: int, height: int) -> QImage:
    """A picture whose every BLOCK × BLOCK square has a colour of its own."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for bx in range(width // BLOCK):
        for by in range(height // BLOCK):
            colour = QColor(40 + bx * 9, 40 + by * 19, 200 - bx * 4)
            painter.fillRect(bx * BLOCK, by * BLOCK, BLOCK, BLOCK, colour)
    painter.end()
    return image


def test_the_bar_says_whose_application_is_shown_and_view_or_control(
    qtbot: QtBot, language: str
) -> None:
    said = SAID[language]
    viewers = {
        "view": ShareViewer(share(ShareKind.VIEW, "Ledger"), print, print, "Grace"),
        "control": ShareViewer(share(ShareKind.CONTROL, "Ledger"), print, print, "Grace"),
        "several": ShareViewer(share(ShareKind.CONTROL, "Ledger", "Notes"), print, print, "Grace"),
        # The customer given control of the agent's application: it is Ada's.
        "shown": ShareViewer(share(ShareKind.GIVE_CONTROL, "Slides"), print, print, "Ada"),
    }
    for name, viewer in viewers.items():
        shown(qtbot, viewer)
        assert viewer.showing_label.full_text() == said[name], name
        assert viewer.showing_label.text() == said[name], name  # whole: not cut
        assert viewer.stop_button.text() == STOP[language]


def test_the_bar_says_whose_window_is_cobrowsed_and_view_or_control(
    qtbot: QtBot, language: str
) -> None:
    said = SAID[language]
    for kind, name in ((CobrowseKind.VIEW, "window"), (CobrowseKind.CONTROL, "window control")):
        cobrowse = Cobrowse(
            "c1", kind, "ada", "grace", CobrowseState.ACTIVE, "Billing — Example Bank"
        )
        viewer = shown(qtbot, CobrowseViewer(cobrowse, print, print, "Grace"))
        assert viewer.showing_label.text() == said[name]
        assert viewer.stop_button.text() == STOP[language]
        # The window's title is the customer's: shown as written, never read as HTML.
        assert viewer.showing_label.textFormat() == Qt.TextFormat.PlainText


def test_stop_ends_the_share_as_closing_the_window_does(qtbot: QtBot) -> None:
    stopped: list[str] = []
    viewer = shown(
        qtbot, ShareViewer(share(ShareKind.CONTROL, "Ledger"), print, lambda: stopped.append("s1"))
    )
    click(viewer.stop_button)  # a real click
    qtbot.waitUntil(lambda: not viewer.isVisible())
    assert stopped == ["s1"]
    viewer.ended()  # the engine says it ended: nothing is stopped twice
    assert stopped == ["s1"]


@pytest.mark.e2e
async def test_stop_in_the_bar_ends_the_share_on_both_sides(
    qapp: QApplication, programs: Any, pair_of: Any
) -> None:
    chosen = await ledger(programs)
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    share_now = await granted(pair, ShareKind.CONTROL, chosen)
    tasks: list[asyncio.Task[None]] = []
    # As the console's part wires it: Stop runs the engine's stop.
    viewer = ShareViewer(
        share_now,
        lambda e: pair.agent_side.send_input(share_now.id, e),
        lambda: tasks.append(asyncio.ensure_future(pair.agent_side.stop(share_now.id))),
        "Grace",
    )
    viewer.move(1000, 520)
    viewer.show()
    viewer.show_frame(pair.frames[-1])

    def ended() -> bool:
        QApplication.processEvents()  # the real click reaches Qt
        return pair.state(pair.customer_side).state == ShareState.STOPPED

    try:
        await wait_for(viewer.isVisible)
        assert viewer.showing_label.full_text() == "Controlling Grace's application: Ledger"
        click(viewer.stop_button)  # a real click on the bar's Stop
        await wait_for(ended, what="the customer's side told the share ended")
        assert pair.state(pair.customer_side).end == ShareEnd.STOPPED_BY_AGENT
        assert pair.state(pair.agent_side).state == ShareState.STOPPED
        assert not viewer.isVisible() and len(tasks) == 1
    finally:
        viewer.ended()


def test_the_picture_is_painted_where_clicks_are_mapped_under_the_bar(qtbot: QtBot) -> None:
    sent: list[InputMessage] = []
    viewer = shown(qtbot, AreaViewer("a1", True, sent.append, print, "Waiting…"))
    # The picture (200 × 100) fits the room under the bar exactly, three times its size.
    viewer.resize(600, 300 + viewer.bar.sizeHint().height())
    viewer.image = blocks(200, 100)
    viewer.picture.update()
    qtbot.waitUntil(lambda: viewer.picture_rect().width() == 600)
    rect = viewer.picture_rect()
    assert rect.top() == viewer.bar.geometry().bottom() + 1  # right under the bar, not behind

    grabbed = viewer.grab().toImage()
    for bx in range(0, 20, 3):
        for by in range(10):
            # The middle of a block as painted: the picture's pixel sent for a click there
            # is the one painted there.
            at = QPoint(int(rect.left() + (bx + 0.5) * 30), int(rect.top() + (by + 0.5) * 30))
            spot = viewer.picture_point(QPointF(at))
            assert spot is not None
            assert grabbed.pixelColor(at) == viewer.image.pixelColor(*spot), (bx, by)

    # A click on the bar sends nothing (it is not the picture); one on the picture does.
    label = viewer.showing_label
    on_bar = label.mapTo(viewer, label.rect().center())
    QTest.mouseClick(viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, on_bar)
    assert sent == []
    middle = rect.center().toPoint()
    QTest.mouseClick(viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    assert [(e.x, e.y) for e in sent if isinstance(e, PointerInput)] == [(100, 50), (100, 50)]


def test_the_paused_line_shows_over_the_picture_below_the_bar(qtbot: QtBot) -> None:
    viewer = shown(qtbot, AreaViewer("a1", True, print, print, "Waiting…"))
    viewer.set_paused(drawing_paused_text(True))
    label = viewer.paused_label
    assert label.isVisible() and label.text() == drawing_paused_text(True)
    top = label.mapTo(viewer, QPoint(0, 0)).y()
    assert top > viewer.bar.geometry().bottom()  # not hidden behind the bar
    assert label.width() == viewer.width()


def test_keys_typed_go_to_the_customer_though_the_bar_was_clicked(qtbot: QtBot) -> None:
    sent: list[InputMessage] = []
    viewer = shown(qtbot, AreaViewer("a1", True, sent.append, print, "Waiting…"))
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    buttons = viewer.bar.findChildren(QAbstractButton)
    assert buttons and all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons)
    click(viewer.showing_label)  # a real click on the bar
    qtbot.waitUntil(viewer.hasFocus)
    type_text("a")
    key("Tab")  # not taken to move the keyboard into the bar
    typed = [("down", "a"), ("up", "a"), ("down", "tab"), ("up", "tab")]

    def keys() -> list[tuple[str, str]]:
        return [
            ("down" if e.action == KeyAction.DOWN else "up", e.key)
            for e in sent
            if isinstance(e, KeyInput)
        ]

    qtbot.waitUntil(lambda: len(keys()) >= len(typed))
    assert keys() == typed
