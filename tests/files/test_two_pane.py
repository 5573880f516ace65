"""The advanced two-pane file transfer in the real console and client, with real X input: the
agent browses the customer's folder (the customer allows), Ctrl-clicks two files and fetches
them, drags a file of theirs onto the customer's pane, renames and deletes a file of the
customer's; each change happens only once the customer allowed it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.files.two_pane import TwoPane
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import asked, console_with_client
from tests.faces.conftest import WAIT_MS
from tests.files.test_views import _open_window, _random_file
from tests.xserver import click, ctrl_click, move_pointer, press, release

# Steps of the pointer between the panes: a drag a person's hand would make.
DRAG_STEPS = 12
# How long the hand waits for the pane under it to show it takes the drop.
HOVER_WAIT_S = 5.0


@pytest.fixture
def pair(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> Iterator[tuple[Console, ClientWindow]]:
    console = make_console()
    with console_with_client(qtbot, console, start_center_with()) as client:
        yield console, client


def _allow(qtbot: QtBot, client: ClientWindow) -> None:
    """The customer is asked and clicks OK."""
    dialog = asked(qtbot, client)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)
    qtbot.waitUntil(lambda: not client.consent.dialogs, timeout=WAIT_MS)


def _row_point(pane: TwoPane, name: str) -> QPoint:
    row = pane.remote.rows_named().index(name)
    return pane.right.visualRect(pane.remote.index(row, 0)).center()


def _local_names(pane: TwoPane) -> list[str]:
    shown = pane.left.rootIndex()
    rows = range(pane.local.rowCount(shown))
    return [pane.local.fileName(pane.local.index(row, 0, shown)) for row in rows]


class _Hovered(QObject):
    """Tells another thread once a drag hovers the watched widget."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = threading.Event()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            self.seen.set()
        return False


def _drag(start: QPoint, end: QPoint, hovered: _Hovered) -> None:
    """A real drag (press, move in steps, release once the target shows it takes it), run
    beside the Qt thread: Qt's drag loop runs until the button goes up."""
    move_pointer(start)
    press()
    try:
        for step in range(1, DRAG_STEPS + 1):
            move_pointer(start + (end - start) * (step / DRAG_STEPS))
        nudge = 0
        while not hovered.seen.wait(HOVER_WAIT_S) and nudge < 3:
            nudge += 1
            move_pointer(end + QPoint(0, 2 * nudge))
        move_pointer(end + QPoint(1, 1))
    finally:
        release()


def test_the_agent_browses_fetches_sends_by_drag_renames_and_deletes(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    theirs = tmp_path / "customer"
    ours = tmp_path / "agent"
    theirs.mkdir()
    ours.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        _random_file(theirs / name, 300_000)
    upload = _random_file(ours / "up.bin", 1_500_000)

    window = _open_window(qtbot, console)
    window.resize(1200, 800)
    pane = window.panel.two_pane
    pane.open_local(ours)

    # Browse the customer's files: they allow it once; their folder is listed.
    click(pane.browse_button)
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: pane.roots.findData("/") >= 0, timeout=WAIT_MS)
    pane.open_folder("/", str(theirs).lstrip("/"))
    qtbot.waitUntil(
        lambda: pane.remote.rows_named() == ["a.txt", "b.txt", "c.txt"], timeout=WAIT_MS
    )

    # Two files picked with a click and a Ctrl-click, fetched: identical on the agent's side.
    viewport = pane.right.viewport()
    qtbot.waitExposed(viewport)
    click(viewport, _row_point(pane, "a.txt"))
    ctrl_click(viewport, _row_point(pane, "c.txt"))
    qtbot.waitUntil(lambda: pane.remote_selected() == ["a.txt", "c.txt"], timeout=WAIT_MS)
    click(pane.fetch_button)
    _allow(qtbot, client)
    for name in ("a.txt", "c.txt"):
        qtbot.waitUntil((ours / name).is_file, timeout=WAIT_MS)
        assert (ours / name).read_bytes() == (theirs / name).read_bytes()
    assert not (ours / "b.txt").exists()

    # up.bin dragged from the agent's pane onto the customer's: it arrives there once allowed.
    # (Once the agent's pane shows the fetched files in order: lines move while it sorts.)
    qtbot.waitUntil(lambda: _local_names(pane) == ["a.txt", "c.txt", "up.bin"], timeout=WAIT_MS)
    index = pane.local.index(str(upload))
    start = pane.left.viewport().mapToGlobal(pane.left.visualRect(index).center())
    end = viewport.mapToGlobal(viewport.rect().center())
    hovered = _Hovered()
    viewport.installEventFilter(hovered)
    hand = threading.Thread(target=_drag, args=(start, end, hovered))
    hand.start()
    qtbot.waitUntil(lambda: not hand.is_alive(), timeout=WAIT_MS)
    hand.join()
    viewport.removeEventFilter(hovered)
    _allow(qtbot, client)
    qtbot.waitUntil((theirs / "up.bin").is_file, timeout=WAIT_MS)
    assert (theirs / "up.bin").read_bytes() == upload.read_bytes()
    qtbot.waitUntil(lambda: "up.bin" in pane.remote.rows_named(), timeout=WAIT_MS)

    # Rename b.txt: nothing changes until the customer allows.
    click(viewport, _row_point(pane, "b.txt"))
    qtbot.waitUntil(lambda: pane.remote_selected() == ["b.txt"], timeout=WAIT_MS)
    click(pane.rename_button)
    qtbot.waitUntil(lambda: isinstance(pane.dialog, QInputDialog), timeout=WAIT_MS)
    dialog = pane.dialog
    assert isinstance(dialog, QInputDialog)
    qtbot.waitExposed(dialog)
    dialog.setTextValue("notes.txt")
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    click(ok)
    question_shown = asked(qtbot, client).question.text()
    assert question_shown.endswith(" wants to rename a file or folder on your computer")
    assert (theirs / "b.txt").is_file()  # not before they allow
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: (theirs / "notes.txt").is_file(), timeout=WAIT_MS)
    assert not (theirs / "b.txt").exists()
    qtbot.waitUntil(lambda: "notes.txt" in pane.remote.rows_named(), timeout=WAIT_MS)
    assert "b.txt renamed to notes.txt." in window.panel.status.currentMessage()

    # Delete c.txt, confirmed on the agent's side, then allowed by the customer.
    click(viewport, _row_point(pane, "c.txt"))
    qtbot.waitUntil(lambda: pane.remote_selected() == ["c.txt"], timeout=WAIT_MS)
    click(pane.delete_button)
    qtbot.waitUntil(lambda: isinstance(pane.dialog, QMessageBox), timeout=WAIT_MS)
    question = pane.dialog
    assert isinstance(question, QMessageBox)
    qtbot.waitExposed(question)
    yes = question.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    click(yes)
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: not (theirs / "c.txt").exists(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "c.txt" not in pane.remote.rows_named(), timeout=WAIT_MS)
    assert "c.txt deleted." in window.panel.status.currentMessage()
    assert sorted(p.name for p in theirs.iterdir()) == ["a.txt", "notes.txt", "up.bin"]
