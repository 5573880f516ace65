"""Preferences persist (QSettings) and apply without a restart: the face, the dashboard's tab
order (the agent drags tabs), how viewers open, the colour mode; the icon bar remembers where it
was dragged; a language change says it shows at the next start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.actions import Group
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName, PreferencesDialog
from shared.features.desktop.protocol import ColourMode
from shared.qt.screen_geometry import ScaleMode

WAIT_MS = 5000


def test_icon_bar_is_dragged_and_remembers_where(
    qtbot: QtBot, make_console: Callable[[], Console]
) -> None:
    console = make_console()
    console.faces.switch(FaceName.ICON_BAR)
    bar = console.face
    assert isinstance(bar, IconBar)
    qtbot.waitExposed(bar)
    flags = bar.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    start = bar.pos()

    # Dragged by its grip, with the mouse.
    grip = bar.findChild(QLabel, "iconBarGrip")
    assert grip is not None
    at = grip.geometry().center()
    none = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(bar, Qt.MouseButton.LeftButton, none, at)
    QTest.mouseMove(bar, at + QPoint(40, 30))
    QTest.mouseMove(bar, at + QPoint(140, 230))
    QTest.mouseRelease(bar, Qt.MouseButton.LeftButton, none, at + QPoint(140, 230))
    qtbot.waitUntil(lambda: bar.pos() != start, timeout=WAIT_MS)
    moved = bar.pos()
    saved = console.faces.places[FaceName.ICON_BAR].saved
    assert saved is not None and saved.topLeft() == moved

    # The next console puts it back there.
    console.faces.quit()
    again = make_console()
    again.faces.switch(FaceName.ICON_BAR)
    qtbot.waitExposed(again.face)
    assert again.face.pos() == moved


def test_dashboard_tab_order_persists(qtbot: QtBot, make_console: Callable[[], Console]) -> None:
    console = make_console()
    dashboard = console.window
    bar = dashboard.tabs.tabBar()
    assert bar.isMovable()
    bar.moveTab(3, 0)  # the agent drags Session first
    assert dashboard.tab_order()[0] == Group.SESSION
    assert console.preferences.tab_order == [
        Group.SESSION, Group.TOOLS, Group.DESKTOP, Group.APPLICATION,
    ]  # fmt: skip
    console.preferences.sync()

    again = make_console()
    tabs = again.window.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["Session", "Tools", "Desktop", "Application"]
    # Each tab still holds its own actions.
    session_page = tabs.widget(0)
    assert session_page is not None and session_page.findChild(QToolButton, "button_end_session")


def test_preferences_dialog_applies_without_restart(
    qtbot: QtBot, make_console: Callable[[], Console]
) -> None:
    console = make_console()
    console.faces.switch(FaceName.DASHBOARD)
    qtbot.waitExposed(console.window)
    console.actions.registry.action("preferences").trigger()
    dialog = console.actions.preferences_dialog
    assert isinstance(dialog, PreferencesDialog)
    qtbot.waitExposed(dialog)

    dialog.face_box.setCurrentIndex(dialog.face_box.findData(FaceName.MULTISESSION.value))
    dialog.tab_list.setCurrentRow(1)  # Desktop…
    up = dialog.findChild(QPushButton, "tabUp")
    assert up is not None
    up.click()  # …first
    dialog.window_box.setCurrentIndex(dialog.window_box.findData(False))
    dialog.scale_box.setCurrentIndex(dialog.scale_box.findData(ScaleMode.ACTUAL.value))
    dialog.colour_box.setCurrentIndex(dialog.colour_box.findData(ColourMode.HIGH16.value))
    assert not dialog.language_note.isVisible()
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
    assert dialog.language_note.isVisibleTo(dialog)  # language alone waits for a restart
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    # Applied at once: the face switched, the tabs reordered.
    window = console.face
    assert isinstance(window, MultisessionWindow)
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    assert not console.window.isVisible()
    assert console.window.tab_order()[0] == Group.DESKTOP
    # And kept.
    prefs = make_console().preferences
    assert prefs.face == FaceName.MULTISESSION
    assert prefs.tab_order[0] == Group.DESKTOP
    defaults = prefs.view_defaults()
    assert (defaults.full_screen, defaults.mode, defaults.colour) == (
        False,
        ScaleMode.ACTUAL,
        ColourMode.HIGH16,
    )
    assert prefs.language == "fr"
    # A new session's viewers open that way.
    viewers = console.controller.current.part("desktop").view_defaults()
    assert viewers == console.preferences.view_defaults()
