"""What the controller's viewer says while the sharer draws over their own screen (their side
drops remote input meanwhile: ``shared.session.shared_screens``): desktop sharing's viewer,
the co-browsing and application sharing viewers, in English and French. While the notice shows,
the area viewers send nothing but a button let go (none stays held)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from shared.features.appshare.engine import AppShare
from shared.features.appshare.protocol import ShareKind
from shared.features.appshare.windows import ShareViewer
from shared.features.cobrowse.engine import Cobrowse, CobrowseState
from shared.features.cobrowse.protocol import CobrowseKind
from shared.features.cobrowse.viewer import CobrowseViewer
from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.protocol import ActivityKind
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.protocol.screen import PointerAction, PointerInput
from shared.qt.area_viewer import AreaViewer, InputMessage
from shared.qt.i18n import install_translations, remove_translations
from shared.session.shared_screens import DRAWING
from shared.session.stream_share import ShareState
from tests.ui.fakes import MONITORS, RecordedCommands

SAID = {
    ("en", True): "The customer is drawing on their screen — your input is paused",
    ("en", False): "The agent is drawing on their screen — your input is paused",
    ("fr", True): "Le client dessine sur son écran — vos commandes sont en pause",
    ("fr", False): "L'agent dessine sur son écran — vos commandes sont en pause",
}


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    if request.param == "fr":
        assert install_translations(qapp, "fr") == "fr"
    yield str(request.param)
    remove_translations(qapp)


def click_middle(viewer: AreaViewer) -> None:
    QTest.mouseClick(
        viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, viewer.rect().center()
    )


def actions(sent: list[InputMessage]) -> list[PointerAction]:
    return [e.action for e in sent if isinstance(e, PointerInput)]


def shown(qtbot: QtBot, viewer: AreaViewer) -> None:
    qtbot.addWidget(viewer)
    viewer.image = QImage(400, 300, QImage.Format.Format_RGB32)  # a picture to click in
    viewer.show()
    qtbot.waitExposed(viewer)


def test_the_application_viewer_says_the_customer_draws_and_sends_no_click(
    qtbot: QtBot, language: str
) -> None:
    share = AppShare(
        "s1", ShareKind.CONTROL, "agent", "grace", ShareState.ACTIVE, ("Ledger",), None, DRAWING
    )
    sent: list[InputMessage] = []
    viewer = ShareViewer(share, sent.append, lambda: None)
    shown(qtbot, viewer)
    assert viewer.paused_label.isVisible()
    assert viewer.paused_label.text() == SAID[(language, True)]
    click_middle(viewer)
    assert actions(sent) == [PointerAction.UP]  # only the let-go: no button stays held

    viewer.retitle(replace(share, paused_for=""))  # the customer stopped drawing
    assert not viewer.paused_label.isVisible()
    click_middle(viewer)
    assert actions(sent)[1:] == [PointerAction.DOWN, PointerAction.UP]


def test_the_customers_viewer_says_the_agent_draws(qtbot: QtBot, language: str) -> None:
    share = AppShare(
        "s2", ShareKind.GIVE_CONTROL, "agent", "grace", ShareState.ACTIVE, ("Ledger",), None, ""
    )
    viewer = ShareViewer(share, lambda _e: None, lambda: None)
    shown(qtbot, viewer)
    assert not viewer.paused_label.isVisible()
    viewer.retitle(replace(share, paused_for=DRAWING))
    assert viewer.paused_label.isVisible()
    assert viewer.paused_label.text() == SAID[(language, False)]


def test_the_cobrowse_viewer_says_the_customer_draws(qtbot: QtBot, language: str) -> None:
    cobrowse = Cobrowse("c1", CobrowseKind.CONTROL, "agent", "grace", CobrowseState.ACTIVE)
    sent: list[InputMessage] = []
    viewer = CobrowseViewer(cobrowse, sent.append, lambda: None)
    shown(qtbot, viewer)
    assert not viewer.paused_label.isVisible()
    viewer.follow(replace(cobrowse, paused_for=DRAWING))  # as the console's part does
    assert viewer.paused_label.isVisible()
    assert viewer.paused_label.text() == SAID[(language, True)]
    click_middle(viewer)
    viewer.follow(cobrowse)
    assert not viewer.paused_label.isVisible()
    click_middle(viewer)
    assert actions(sent) == [PointerAction.UP, PointerAction.DOWN, PointerAction.UP]


def test_the_desktop_viewer_says_the_customer_draws(qtbot: QtBot, language: str) -> None:
    activity = Activity(
        id="a1",
        kind=ActivityKind.CONTROL,
        agent_id="agent",
        customer_id="grace",
        state=ActivityState.ACTIVE,
        monitors=tuple(MONITORS),
    )
    viewer = RemoteViewer(activity, RecordedCommands(), "Grace", sharer_is_customer=True)
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.update_activity(activity.paused(True, DRAWING))
    assert viewer.paused_label.isVisible()
    assert viewer.paused_label.text() == SAID[(language, True)]
    viewer.update_activity(activity.paused(False))
    assert not viewer.paused_label.isVisible()
    viewer.update_activity(activity.paused(True))  # their own mouse: the usual notice
    assert "drawing" not in viewer.paused_label.text()
