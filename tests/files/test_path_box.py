"""The box with the folder shown on the customer's computer, in the agent's two panes, typed in
with real keys: it shows and takes the folder's full path, its leading "/" included, and an
error about a path mistyped goes once the corrected path is listed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.files.two_pane import TwoPane, _full_path, _typed_place
from tests.faces.conftest import WAIT_MS
from tests.files.test_two_pane import _browse, _status
from tests.files.test_views import _open_window, _random_file
from tests.xserver import click, key, to_front, type_text


def _type_path(qtbot: QtBot, pane: TwoPane, text: str) -> None:
    """The agent clicks into the path box, replaces what it says with ``text`` and presses
    Enter."""
    box = pane.remote_path
    to_front(box)
    click(box)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=WAIT_MS)
    key("ctrl+a")
    type_text(text)
    qtbot.waitUntil(lambda: box.text() == text, timeout=WAIT_MS)
    key("Return")


def test_the_path_box_keeps_the_leading_slash_and_drops_a_stale_error(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    theirs = tmp_path / "customer"
    (theirs / "docs").mkdir(parents=True)
    _random_file(theirs / "docs" / "a.txt", 1000)
    window = _open_window(qtbot, console)
    window.resize(1200, 800)
    pane = window.panel.two_pane
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["docs"], timeout=WAIT_MS)
    # The folder shown, as its path is written on the customer's computer.
    assert pane.remote_path.text() == str(theirs)

    # A path mistyped: the agent reads why nothing is listed.
    _type_path(qtbot, pane, str(theirs / "dcos"))
    qtbot.waitUntil(lambda: "dcos" in _status(window), timeout=WAIT_MS)
    assert pane.remote.rowCount() == 0
    assert pane.remote_path.text() == str(theirs / "dcos")  # as typed, "/" and all

    # Corrected: listed, the box says where, and the error about the mistyped one is gone.
    _type_path(qtbot, pane, str(theirs / "docs"))
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["a.txt"], timeout=WAIT_MS)
    assert pane.remote_path.text() == str(theirs / "docs")
    qtbot.waitUntil(lambda: "dcos" not in _status(window), timeout=WAIT_MS)


def test_a_windows_customers_paths_are_shown_and_typed_as_theirs() -> None:
    """An agent on Linux browsing a Windows computer: its drive's paths, in its own words."""
    assert _full_path("C:\\", "Users/grace") == "C:\\Users\\grace"
    roots = ["C:\\", "C:\\Users\\grace", "D:\\"]
    assert _typed_place("c:\\users\\grace\\Documents", roots, "D:\\") == (
        "C:\\Users\\grace",
        "Documents",
    )
    assert _typed_place("Photos\\2024", roots, "D:\\") == ("D:\\", "Photos/2024")
    assert _typed_place("/tmp/x", ["/", "/home/grace"], "/home/grace") == ("/", "tmp/x")
    assert _typed_place("Documents", ["/", "/home/grace"], "/home/grace") == (
        "/home/grace",
        "Documents",
    )
