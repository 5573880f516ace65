"""The viewer of a shared application (or co-browsed window) opens wholly on the screen: seen
in use, the window manager put its 768-pixel height at y=147 of a 900-pixel screen, its bottom
rows below the edge."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from shared.qt.area_viewer import AreaViewer


def test_the_viewer_opens_wholly_on_the_screen(qtbot: QtBot) -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area = screen.availableGeometry()
    viewer = AreaViewer("a1", False, lambda _: None, lambda: None, "Waiting…")
    qtbot.addWidget(viewer)
    viewer.move(area.topLeft() + QPoint(0, area.height() - viewer.height() // 2))
    viewer.show()
    qtbot.waitExposed(viewer)
    qtbot.waitUntil(lambda: area.contains(viewer.frameGeometry()))
