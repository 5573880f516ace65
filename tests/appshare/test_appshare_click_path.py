"""Viewing a customer's application through the real click path: the real console and the
real client on a real support center, every step a real click on the test Xvfb (XTEST): the
dashboard's Application tab, its "View application" button, the customer's Allow, the
customer's picker (the application's row, then Share). The agent's viewer opens with that
application's pixels, and only those."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.actions import Group
from shared.features.appshare.console import REQUEST_KEYS, ConsoleAppSharePart
from shared.features.appshare.customer import CustomerAppSharePart
from shared.features.appshare.picker import AppPicker
from shared.features.appshare.protocol import ShareKind
from shared.features.desktop.customer import SharedNow
from shared.features.desktop.texts import other_share_text
from shared.qt.area_viewer import AreaViewer
from shared.windows.apps import Application
from tests.appshare.programs import Program, launch
from tests.appshare.support import BLUE, GREEN, has
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import asked, client_beside, client_joins, stand_in_sharing
from tests.faces.conftest import WAIT_MS, make_console, settings_path, start_center_with
from tests.faces.test_faces_live import panel
from tests.xserver import click

pytestmark = pytest.mark.e2e
__all__ = ["make_console", "settings_path", "start_center_with"]  # fixtures

# The customer's two applications, out of the way of the apps' own windows (which share the
# test's display): the one picked, and another that must not arrive (listed first, so the
# picker's first row, selected as it opens, is not the one to share).
CHOSEN = (1460, 700, 400, 300)
OTHER = (1460, 300, 300, 200)
FRAME_WAIT_MS = 20_000  # the first frame: a WebRTC connection set up on a loaded machine


@pytest.fixture
def customer_programs() -> Iterator[tuple[Program, Program]]:
    chosen, other = launch("Ledger", (GREEN, CHOSEN)), launch("Calendar", (BLUE, OTHER))
    try:
        yield chosen, other
    finally:
        chosen.quit()
        other.quit()


def picture(viewer: AreaViewer) -> np.ndarray:
    """The viewer's picture as RGB pixels (height × width × 3)."""
    assert viewer.image is not None
    image = viewer.image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def row_of(picker: AppPicker, program: Program) -> int:
    """The picker's row listing ``program``."""
    for row in range(picker.open_list.count()):
        data = picker.open_list.item(row).data(Qt.ItemDataRole.UserRole)
        if isinstance(data, Application) and data.key == program.key():
            return row
    raise AssertionError(f"{program.name} is not in the picker")


def test_view_application_from_the_dashboard_shows_the_picked_application(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    customer_programs: tuple[Program, Program],
) -> None:
    chosen, other = customer_programs
    qtbot.waitUntil(lambda: chosen.ready and other.ready, timeout=WAIT_MS)
    console = make_console()
    with client_beside(qtbot, console, start_center_with()) as (number, client):
        client.controller.engine_factories["desktop"] = stand_in_sharing
        client_joins(qtbot, console, client, number)
        dashboard = console.window
        qtbot.waitUntil(dashboard.isVisible, timeout=WAIT_MS)
        dashboard.raise_()

        # The Application tab, by its tab, then its first button.
        tabs = dashboard.tabs
        bar = tabs.tabBar()
        index = next(i for i in range(bar.count()) if bar.tabData(i) == Group.APPLICATION.value)
        click(bar, bar.tabRect(index).center())
        qtbot.waitUntil(lambda: tabs.currentIndex() == index, timeout=WAIT_MS)
        button = tabs.currentWidget().findChild(
            QToolButton, f"button_{REQUEST_KEYS[ShareKind.VIEW]}"
        )
        assert button is not None and button.text().split() == ["View", "application"]
        qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=WAIT_MS)
        click(button)

        # Until the customer answers, the agent's transcript says what they are asked.
        chat = panel(dashboard.panels, "chat")
        qtbot.waitUntil(
            lambda: (
                "Waiting for Grace to choose an application you may see…"
                in chat.transcript.toPlainText()
            ),
            timeout=WAIT_MS,
        )

        # The customer allows it.
        dialog = asked(qtbot, client)
        assert "application" in dialog.question.text()
        qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
        click(dialog.ok_button)

        # Then picks which one: the application's row, then Share.
        customer_part = client.controller.part("appshare")
        assert isinstance(customer_part, CustomerAppSharePart)
        qtbot.waitUntil(lambda: customer_part.picker is not None, timeout=WAIT_MS)
        picker = customer_part.picker
        assert picker is not None
        qtbot.waitExposed(picker)
        picker.raise_()
        row = row_of(picker, chosen)
        assert row_of(picker, other) < row  # both offered; the other selected as it opens
        assert picker.open_list.currentRow() != row
        item = picker.open_list.item(row)
        viewport = picker.open_list.viewport()
        click(viewport, picker.open_list.visualItemRect(item).center())
        qtbot.waitUntil(lambda: picker.open_list.currentRow() == row, timeout=WAIT_MS)
        click(picker.share)

        # The agent's viewer opens with that application's pixels, and nothing of the other's.
        part = console.controller.part("appshare")
        assert isinstance(part, ConsoleAppSharePart)
        qtbot.waitUntil(
            lambda: any(v.image is not None for v in part.viewers.values()),
            timeout=FRAME_WAIT_MS,
        )
        (viewer,) = part.viewers.values()
        assert viewer.isVisible() and "Ledger" in viewer.windowTitle()
        # Its bar says whose application it is, and that the agent views it.
        assert viewer.showing_label.full_text() == "Viewing Grace's application: Ledger"
        assert viewer.image is not None
        assert viewer.image.size().toTuple() == CHOSEN[2:]
        QApplication.processEvents()
        pixels = picture(viewer)
        assert has(pixels, GREEN) and not has(pixels, BLUE)
        # The customer's window no longer says that nothing of theirs is shared.
        shared_now = client.panels["desktop"]
        assert isinstance(shared_now, SharedNow)
        qtbot.waitUntil(lambda: shared_now.label.text() == other_share_text(), timeout=WAIT_MS)
