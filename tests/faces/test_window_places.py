"""The console's windows open wholly on a screen that is there and come back where the agent
left them: each face on a small screen (a second X display), after a restart, and when the
place kept was on a monitor since unplugged or no longer fits."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.preferences import FaceName
from tests.e2e.machines import CustomerMachine, second_machine

WAIT_MS = 15_000
SMALL_SCREEN = (1024, 600)  # a small laptop's screen


@pytest.fixture
def small_machine(tmp_path: Path) -> Iterator[CustomerMachine]:
    yield from second_machine(tmp_path / "small", SMALL_SCREEN)


def _inside(area: QRect, window: QWidget) -> Callable[[], bool]:
    return lambda: area.contains(window.frameGeometry())


def _placed(window: QWidget, place: QRect) -> Callable[[], bool]:
    return lambda: window.geometry() == place


def test_every_face_opens_inside_a_small_screen(
    qtbot: QtBot, small_machine: CustomerMachine, tmp_path: Path
) -> None:
    machine = small_machine
    machine.env["TANDEM_DEMO_DATA"] = str(tmp_path / "demo")
    log = tmp_path / "console.log"
    machine.start(sys.executable, "-m", "csr_console.main", "--demo", "--demo-port", "0", log=log)
    screen = QRect(0, 0, *SMALL_SCREEN)

    def rect_of(name: str) -> QRect | None:
        for window in machine.windows_named(name):
            try:
                shape = machine.xdotool("getwindowgeometry", "--shell", window).split()
            except subprocess.CalledProcessError:
                continue  # gone meanwhile
            geometry = dict(line.split("=", 1) for line in shape)
            return QRect(*(int(geometry[k]) for k in ("X", "Y", "WIDTH", "HEIGHT")))
        return None

    def face_at(name: str, keys: str = "", source: str = "") -> QRect:
        """Where face ``name`` shows, once shown (chosen with ``keys`` in face ``source``)."""
        found: list[QRect] = []

        def shown() -> bool:
            rect = rect_of(name)
            if rect is not None:
                found.append(rect)
            elif keys:  # pressed again while the face does not show: the first may be early
                for window in machine.windows_named(source):
                    machine.xdotool("windowfocus", "--sync", window)
                    machine.xdotool("key", "--window", window, keys)
            return bool(found)

        try:
            qtbot.waitUntil(shown, timeout=60_000)
        except Exception as exc:  # what the console said, to tell why it did not show
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
            raise AssertionError(f"{name!r} did not show; the console's log ends:\n{tail}") from exc
        return found[0]

    # Each face as the agent picks it (Ctrl+3, Ctrl+2), from the face on screen.
    dashboard = face_at("Tandem Console — Demo Agent")
    assert screen.contains(dashboard), f"the dashboard at {dashboard}"
    sessions = face_at("Tandem Console — sessions", "ctrl+3", "Tandem Console — Demo Agent")
    assert screen.contains(sessions), f"the multisession window at {sessions}"
    bar = face_at("^Tandem Console$", "ctrl+2", "Tandem Console — sessions")
    assert screen.contains(bar), f"the icon bar at {bar}"


def test_faces_come_back_where_they_were_left(
    qtbot: QtBot, make_console: Callable[[], Console]
) -> None:
    places = {
        FaceName.MULTISESSION: QRect(310, 220, 900, 520),
        FaceName.DASHBOARD: QRect(60, 90, 980, 600),
    }
    console = make_console()
    for name, place in places.items():
        console.faces.switch(name)
        qtbot.waitExposed(console.face)
        face = console.face
        face.setGeometry(place)
        qtbot.waitUntil(_placed(face, place), timeout=WAIT_MS)
    console.faces.quit()

    again = make_console()
    for name, place in places.items():
        again.faces.switch(name)
        qtbot.waitExposed(again.face)
        assert again.face.geometry() == place, name


def test_a_place_kept_off_screen_comes_back_inside(
    qtbot: QtBot, make_console: Callable[[], Console], settings_path: Path
) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    # Partly past the right edge; and on a monitor to the right that is no longer plugged in.
    settings.setValue("windows/multisession", QRect(1500, 300, 800, 500))
    settings.setValue("windows/dashboard", QRect(2500, 140, 900, 2000))
    settings.sync()
    console = make_console()
    for name, top in ((FaceName.MULTISESSION, 300), (FaceName.DASHBOARD, None)):
        console.faces.switch(name)
        window = console.face
        qtbot.waitExposed(window)
        area = window.screen().availableGeometry()
        qtbot.waitUntil(_inside(area, window), timeout=WAIT_MS)
        if top is not None:  # as near the place kept as fits: same height on the screen
            assert window.geometry().top() == top and window.width() == 800
        else:  # taller than the screen: shrunk to it
            assert window.height() < area.height()
