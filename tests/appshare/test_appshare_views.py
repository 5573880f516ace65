"""Application sharing's windows: the picker the sharer chooses in (open applications by name,
"New application…" listing the installed ones), and the agent's viewer over a real share,
whose clicks land in the customer's application at the right pixel. With APPSHARE_SHOTS set
to a folder, the screen is saved there (``import -window root``) in English and French."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QListWidget
from pytestqt.qtbot import QtBot

from shared.features.appshare.engine import Choice
from shared.features.appshare.picker import AppPicker
from shared.features.appshare.protocol import ShareKind
from shared.features.appshare.texts import new_application, picker_question, running_text
from shared.features.appshare.windows import SharerWindow, ShareViewer
from shared.qt.i18n import install_translations, remove_translations
from shared.session.consent import ConsentAnswer
from shared.windows import WindowRef
from shared.windows.apps import Application
from shared.windows.installed import Installed
from tests.appshare.support import (
    GREEN,
    OVER,
    PICTURE,
    RED,
    Pair,
    granted,
    hatched,
    ledger,
    near,
    pair_of,
    programs,
)
from tests.helpers import wait_for

__all__ = ["pair_of", "programs"]  # fixtures

LEDGER = Application("pid:1", "Ledger", (WindowRef(1, "Ledger 1"), WindowRef(2, "Ledger 2")))
NOTES = Application("pid:2", "Notes", (WindowRef(3, "Groceries"),))
SKETCH = Installed("sketch.desktop", "Sketch pad", ("sketch",))


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    if request.param == "fr":
        assert install_translations(qapp, "fr") == "fr"
    yield str(request.param)
    remove_translations(qapp)


def shot(name: str, language: str) -> None:
    """Save the whole screen when asked (to look at the windows as a user does)."""
    folder = os.environ.get("APPSHARE_SHOTS")
    if not folder or shutil.which("import") is None:
        return
    for _ in range(20):
        QApplication.processEvents()
    path = Path(folder) / f"{name}-{language}.png"
    subprocess.run(["import", "-window", "root", str(path)], check=True, timeout=30)


def rows(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def choose_row(qtbot: QtBot, widget: QListWidget, row: int) -> None:
    widget.setCurrentRow(row)
    qtbot.wait(0)


def test_the_picker_lists_open_applications_by_name_and_picks_one(
    qtbot: QtBot, language: str
) -> None:
    question = picker_question(ShareKind.VIEW, "Ada", adding=False)
    # Asked for control, the question says so (the customer allows more than a view).
    controlled = picker_question(ShareKind.CONTROL, "Ada", adding=False)
    assert controlled != question and "Ada" in controlled
    picker = AppPicker(question, [LEDGER, NOTES], [SKETCH])
    qtbot.addWidget(picker)
    picker.move(40, 40)
    picker.show()
    qtbot.waitExposed(picker)
    shown = rows(picker.open_list)
    assert shown[0].startswith("Ledger\n") and "Ledger 1" in shown[0]
    assert shown[1].startswith("Notes\n") and "Groceries" in shown[1]
    assert shown[-1] == new_application()
    shot("picker", language)

    choose_row(qtbot, picker.open_list, 1)
    picker.share.click()
    assert picker.chosen == Choice(app=NOTES)


def test_new_application_lists_the_installed_ones_to_start(qtbot: QtBot, language: str) -> None:
    picker = AppPicker(picker_question(ShareKind.VIEW, "Ada", False), [LEDGER], [SKETCH])
    qtbot.addWidget(picker)
    picker.move(40, 40)
    picker.show()
    choose_row(qtbot, picker.open_list, picker.open_list.count() - 1)
    picker.share.click()  # "New application…": the installed ones
    assert picker.pages.currentIndex() == 1 and picker.isVisible()
    assert rows(picker.installed_list) == ["Sketch pad"]
    shot("picker-new", language)
    picker.share.click()
    assert picker.chosen == Choice(start=SKETCH)


def test_cancel_picks_nothing(qtbot: QtBot) -> None:
    picker = AppPicker("?", [LEDGER], [])
    qtbot.addWidget(picker)
    picker.show()
    buttons = picker.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert picker.chosen is None and not picker.isVisible()


@pytest.mark.e2e
async def test_the_agents_clicks_in_the_viewer_land_in_the_customers_application(
    qapp: QApplication, programs: Any, pair_of: Any, language: str
) -> None:
    chosen = await ledger(programs)
    other = await programs("Notes", (RED, OVER))  # another application over part of it
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    share = await granted(pair, ShareKind.CONTROL, chosen)
    await wait_for(lambda: hatched(pair.frames[-1].rgb()[155:295, 255:395]), what="hatching")
    viewer = ShareViewer(share, lambda e: pair.agent_side.send_input(share.id, e), lambda: None)
    # Beside the shared windows, not over them, and the picture at its own size under the bar.
    viewer.setGeometry(1000, 520, PICTURE[0], PICTURE[1] + viewer.bar.sizeHint().height())
    viewer.show()
    viewer.show_frame(pair.frames[-1])  # as the console's part does with each frame
    indicator = SharerWindow(lambda: None, lambda: None, lambda _key: None, list, None)
    indicator.running(running_text(ShareKind.CONTROL.value, "Ada", "Ledger"))
    indicator.move(100, 700)
    await wait_for(lambda: viewer.isVisible() and viewer.image is not None)
    QApplication.processEvents()
    assert viewer.windowTitle().endswith("Ledger")
    shot("viewer", language)

    # The picture fits the window under its bar, centred.
    target = viewer.rect().adjusted(0, viewer.bar.geometry().bottom() + 1, 0, 0)
    scale = min(target.width() / PICTURE[0], target.height() / PICTURE[1])
    left = target.left() + (target.width() - PICTURE[0] * scale) / 2
    top = target.top() + (target.height() - PICTURE[1] * scale) / 2
    spot = QPoint(int(left + 237.5 * scale), int(top + 183.5 * scale))
    # There the window shows the application's pixel (237, 183): its main window's green.
    painted = viewer.grab().toImage().pixelColor(spot)
    assert near(np.array([painted.red(), painted.green(), painted.blue()]), GREEN)

    # A click on the bar (its sentence, not Stop) sends nothing; then the agent clicks the
    # picture's pixel (237, 183): the main window's same pixel, and that click only.
    label = viewer.showing_label
    bar_spot = label.mapTo(viewer, label.rect().center())
    QTest.mouseClick(viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar_spot)
    QTest.mouseClick(viewer, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    await wait_for(lambda: bool(chosen.presses), what="the click in the application")
    assert chosen.presses == [(0, 237, 183)]
    assert other.presses == []
    assert viewer.isVisible()  # the bar's click stopped nothing
    viewer.ended()
    indicator.ended()
