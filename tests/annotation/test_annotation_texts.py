"""The annotation panel, the customer's line and the strokes over the screen, in English and
in French, on the test run's Xvfb (screenshots/annotation_en.png, annotation_fr.png)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from shared.features.annotation.customer import AnnotateLine
from shared.features.annotation.overlay import ScreenOverlay
from shared.features.annotation.panel import AnnotationPanel
from shared.features.annotation.protocol import Stroke, Tool
from shared.features.annotation.sketch import Choice, Pick, Sketch
from shared.qt.i18n import install_translations, remove_translations
from tests.screenshots import save_screen

TEXTS = {
    "en": ("Highlighter", "Eraser", "Clear all annotations", "Screenshot", "Annotate"),
    "fr": ("Surligneur", "Gomme", "Effacer toutes les annotations", "Capture d'écran", "Annoter"),
}


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    assert install_translations(qapp, request.param) == request.param
    yield request.param
    remove_translations(qapp)


def _strokes() -> list[Stroke]:
    common = {"surface": "customer-1", "author": "agent-1"}
    return [
        Stroke(id="pen", tool=Tool.PEN, colour="#e53935", width=3,
               points=[(1000, 3000), (2000, 3400), (3000, 3000), (4000, 3600)], **common),
        Stroke(id="high", tool=Tool.HIGHLIGHTER, colour="#fdd835", width=14,
               points=[(1000, 4500), (5000, 4500)], **common),
        Stroke(id="arrow", tool=Tool.ARROW, colour="#1e88e5", width=3,
               points=[(6000, 6000), (5200, 4700)], **common),
        Stroke(id="text", tool=Tool.TEXT, colour="#43a047", width=14,
               points=[(6000, 6500)], text="Click here / Cliquez ici", **common),
    ]  # fmt: skip


def test_panel_line_and_overlay(qtbot: QtBot, language: str) -> None:
    choice = Choice()
    overlay = ScreenOverlay(Sketch(choice, lambda *_: None, lambda *_: None, lambda: ""))
    qtbot.addWidget(overlay)
    overlay.place_on(QGuiApplication.primaryScreen())
    overlay.set_strokes(_strokes())
    panel = AnnotationPanel(choice, lambda: None)
    qtbot.addWidget(panel)
    panel.say(panel.tr("Annotation"))
    panel.move(40, 40)
    panel.show()
    line = AnnotateLine()
    qtbot.addWidget(line)
    line._state(True, False)
    line.move(40, 900)
    line.resize(520, 40)
    line.show()
    qtbot.waitExposed(panel)
    qtbot.waitExposed(line)
    panel.raise_()
    highlighter, eraser, clear, shot, annotate = TEXTS[language]
    assert panel.tool_actions[Pick.HIGHLIGHTER].text() == highlighter
    assert panel.tool_actions[Pick.ERASER].text() == eraser
    assert panel.clear_action.text() == clear
    assert panel.shot_action.text() == shot
    assert line.button.text() == annotate
    # Every label fits: nothing of the toolbar is cut off at the panel's size.
    assert panel.toolbar.sizeHint().width() <= panel.width()
    qtbot.waitUntil(overlay.isVisible)
    size = QGuiApplication.primaryScreen().geometry()
    at = QPoint(size.width() * 3 // 10, size.height() * 45 // 100)

    def pixel() -> str:
        screen = QGuiApplication.primaryScreen()  # asked each time: X may replace it
        return screen.grabWindow(0, at.x(), at.y(), 1, 1).toImage().pixelColor(0, 0).name()

    # The highlighter, painted on the screen (a pale opaque tint of its yellow on X11).
    qtbot.waitUntil(lambda: pixel() == "#feeda4")
    save_screen(f"annotation_{language}")
