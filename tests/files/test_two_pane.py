"""The advanced two-pane file transfer in the real console and client, with real X input: the
agent browses the customer's folder (the customer allows), Ctrl-clicks two files and fetches
them, drags a file of theirs onto the customer's pane, renames and deletes a file of the
customer's; each change happens only once the customer allowed it, asked in words that name the
file. Several files and whole folders go both ways (a real drag from the customer's pane to the
agent's), a folder is created; Abort, and the customer's Stop, end the whole folder on both
sides with no partial file left."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.desktop.customer import SharedNow
from shared.features.files.browsing_notice import BrowsingNotice
from shared.features.files.console_panel import FilesWindow
from shared.features.files.model import Stage
from shared.features.files.part import TransferRow
from shared.features.files.transfer_list import Column, TransferList
from shared.features.files.two_pane import TwoPane
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.files.test_views import _open_window, _parts, _random_file
from tests.xserver import (
    click,
    ctrl_click,
    key,
    move_pointer,
    press,
    release,
    to_front,
    type_text,
)

# Steps of the pointer between the panes: a drag a person's hand would make.
DRAG_STEPS = 12
# How long the hand waits for the pane under it to show it takes the drop.
HOVER_WAIT_S = 5.0


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
    """The names the agent's pane shows, in its order."""
    shown, model = pane.left.rootIndex(), pane.local_shown
    return [str(model.index(row, 0, shown).data()) for row in range(model.rowCount(shown))]


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

    # Browse the customer's files: the agent is told they are asked; they allow it once; their
    # folder is listed, and the status no longer says they are asked.
    click(pane.browse_button)
    browsing = "Asking the customer to let you see their files…"
    qtbot.waitUntil(lambda: browsing in window.panel.status.currentMessage(), timeout=WAIT_MS)
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: pane.roots.findData("/") >= 0, timeout=WAIT_MS)
    assert browsing not in window.panel.status.currentMessage()
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
    index = pane.local_index(upload)
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
    assert question_shown.endswith(" wants to rename “b.txt” to “notes.txt” on your computer")
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
    assert yes is not None and yes.text() == "Delete"
    click(yes)
    asking = asked(qtbot, client)
    assert asking.question.text().endswith(" wants to delete “c.txt” on your computer")
    assert asking.detail.text().startswith(f"In {theirs}.")
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: not (theirs / "c.txt").exists(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "c.txt" not in pane.remote.rows_named(), timeout=WAIT_MS)
    assert "c.txt deleted." in window.panel.status.currentMessage()
    assert sorted(p.name for p in theirs.iterdir()) == ["a.txt", "notes.txt", "up.bin"]


def test_the_agent_reads_a_send_is_under_way_while_the_customer_is_asked(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    # Seen in use: after Send, the window still said how the previous transfer ended until
    # the customer answered, as if the click had done nothing.
    console, client = pair
    theirs, ours = tmp_path / "customer", tmp_path / "agent"
    theirs.mkdir()
    ours.mkdir()
    upload = _random_file(ours / "up.bin", 1000)
    _random_file(theirs / "a.txt", 1000)
    window = _open_window(qtbot, console)
    window.resize(1200, 800)
    pane = window.panel.two_pane
    pane.open_local(ours)
    # Nothing to work on yet: no button that would do nothing when clicked.
    buttons = [pane.send_button, pane.fetch_button, pane.new_folder_button]
    buttons += [pane.rename_button, pane.delete_button]
    assert not [b.text() for b in buttons if b.isEnabled()]
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(lambda: _local_names(pane) == ["up.bin"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["a.txt"], timeout=WAIT_MS)
    assert [b.text() for b in buttons if b.isEnabled()] == ["New folder"]
    click(pane.left.viewport(), _local_point(pane, upload))
    qtbot.waitUntil(lambda: pane.local_selected() == [upload], timeout=WAIT_MS)
    qtbot.waitUntil(pane.send_button.isEnabled, timeout=WAIT_MS)

    click(pane.send_button)
    dialog = asked(qtbot, client)
    assert _status(window).endswith("Sending up.bin…")
    click(dialog.refuse_button)
    refused = "up.bin was not transferred: The customer refused."
    qtbot.waitUntil(lambda: refused in _status(window), timeout=WAIT_MS)
    assert not (theirs / "up.bin").exists()

    # The same for a fetch of theirs (once listed again: the refusal refreshed the pane).
    viewport = pane.right.viewport()
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["a.txt"], timeout=WAIT_MS)
    click(viewport, _row_point(pane, "a.txt"))
    qtbot.waitUntil(lambda: pane.remote_selected() == ["a.txt"], timeout=WAIT_MS)
    assert pane.fetch_button.isEnabled() and pane.rename_button.isEnabled()
    click(pane.fetch_button)
    dialog = asked(qtbot, client)
    assert _status(window).endswith("Fetching a.txt…")
    click(dialog.refuse_button)
    qtbot.waitUntil(lambda: "a.txt was not transferred" in _status(window), timeout=WAIT_MS)
    assert not (ours / "a.txt").exists()


# --- folders, several files, both ways; a new folder -------------------------------------------


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every folder (None) and file (its bytes) under ``root``, by relative name."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def _local_point(pane: TwoPane, path: Path) -> QPoint:
    return pane.left.visualRect(pane.local_index(path)).center()


def _status(window: FilesWindow) -> str:
    return window.panel.status.currentMessage()


def _statuses(window: FilesWindow) -> list[str]:
    """The Status column of every transfer line, as the agent reads it."""
    lines = window.panel.list
    return [item.text(Column.STATUS) for item in _items(lines)]


def abort_waiting_line(qtbot: QtBot, window: FilesWindow, name: str) -> None:
    """Click the request's one line (``name``, waiting for the customer's permission), then
    Abort, as the agent would while the customer's question is open."""
    lines = window.panel.list
    qtbot.waitUntil(lambda: _statuses(window) == ["Waiting for permission…"], timeout=WAIT_MS)
    item = lines.topLevelItem(0)
    assert item is not None and item.text(Column.NAME) == name
    to_front(window)
    click(lines.viewport(), lines.visualItemRect(item).center())
    qtbot.waitUntil(window.panel.abort_button.isEnabled, timeout=WAIT_MS)
    click(window.panel.abort_button)


def _items(lines: TransferList) -> list[QTreeWidgetItem]:
    return [item for i in range(lines.topLevelItemCount()) if (item := lines.topLevelItem(i))]


def _bars_full(lines: TransferList) -> bool:
    bars = [lines.bar(i) for i in lines.ids()]
    return all(b is not None and b.value == b.maximum for b in bars)


def _browse(qtbot: QtBot, pane: TwoPane, client: ClientWindow, folder: Path) -> None:
    """Browse the customer's files (they allow it) and open ``folder`` of theirs."""
    to_front(pane)
    click(pane.browse_button)
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: pane.roots.findData("/") >= 0, timeout=WAIT_MS)
    pane.open_folder("/", str(folder).lstrip("/"))


def _real_drag(qtbot: QtBot, start: QPoint, end: QPoint, target: QWidget) -> None:
    """Press at ``start`` (global), move to ``end`` over ``target`` and release there."""
    hovered = _Hovered()
    target.installEventFilter(hovered)
    hand = threading.Thread(target=_drag, args=(start, end, hovered))
    hand.start()
    qtbot.waitUntil(lambda: not hand.is_alive(), timeout=WAIT_MS)
    hand.join()
    target.removeEventFilter(hovered)


def test_whole_folders_and_several_files_go_both_ways_and_a_folder_is_created(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    theirs, ours = tmp_path / "customer", tmp_path / "agent"
    (theirs / "docs" / "sub").mkdir(parents=True)
    (theirs / "docs" / "empty").mkdir()
    _random_file(theirs / "docs" / "été.txt", 70_000)
    _random_file(theirs / "docs" / "sub" / "deep.bin", 400_000)
    (ours / "photos" / "nested").mkdir(parents=True)
    (ours / "photos" / "vide").mkdir()
    _random_file(ours / "photos" / "a.jpg", 250_000)
    _random_file(ours / "photos" / "nested" / "b.jpg", 0)
    _random_file(ours / "x.bin", 123_456)
    _random_file(ours / "y.bin", 654_321)
    _random_file(ours / "z.bin", 1000)  # not picked: stays the agent's only

    window = _open_window(qtbot, console)
    window.resize(1200, 800)
    pane = window.panel.two_pane
    pane.open_local(ours)
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["docs"], timeout=WAIT_MS)
    want = ["photos", "x.bin", "y.bin", "z.bin"]
    qtbot.waitUntil(lambda: _local_names(pane) == want, timeout=WAIT_MS)

    # x.bin and y.bin, a click and a Ctrl-click, then Send: one question, both arrive whole.
    left = pane.left.viewport()
    qtbot.waitExposed(left)
    click(left, _local_point(pane, ours / "x.bin"))
    ctrl_click(left, _local_point(pane, ours / "y.bin"))
    qtbot.waitUntil(
        lambda: pane.local_selected() == [ours / "x.bin", ours / "y.bin"], timeout=WAIT_MS
    )
    click(pane.send_button)
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: "— 2 files copied to " in _status(window), timeout=WAIT_MS)
    for name in ("x.bin", "y.bin"):
        assert (theirs / name).read_bytes() == (ours / name).read_bytes()
    assert not (theirs / "z.bin").exists()
    assert _statuses(window) == ["Done", "Done"] and _bars_full(window.panel.list)
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["docs", "x.bin", "y.bin"], timeout=WAIT_MS)

    # The photos folder, picked and sent whole: the same tree there, its empty folder too.
    click(left, _local_point(pane, ours / "photos"))
    qtbot.waitUntil(lambda: pane.local_selected() == [ours / "photos"], timeout=WAIT_MS)
    click(pane.send_button)
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: "photos: 2 files copied to " in _status(window), timeout=WAIT_MS)
    assert _tree(theirs / "photos") == _tree(ours / "photos")
    assert set(_tree(theirs / "photos")) == {"a.jpg", "nested", "nested/b.jpg", "vide"}
    qtbot.waitUntil(lambda: "photos" in pane.remote.rows_named(), timeout=WAIT_MS)

    # Their docs folder dragged onto the agent's pane: fetched whole, Unicode name and all.
    right = pane.right.viewport()
    start = right.mapToGlobal(_row_point(pane, "docs"))
    end = left.mapToGlobal(left.rect().center() + QPoint(0, left.height() // 4))
    _real_drag(qtbot, start, end, left)
    _allow(qtbot, client)
    qtbot.waitUntil(lambda: "docs: 2 files received in " in _status(window), timeout=WAIT_MS)
    assert _tree(ours / "docs") == _tree(theirs / "docs")
    assert set(_tree(ours / "docs")) == {"empty", "sub", "sub/deep.bin", "été.txt"}
    qtbot.waitUntil(lambda: "docs" in _local_names(pane), timeout=WAIT_MS)

    # New folder, its name typed: the customer is asked, naming it; then it is there.
    click(pane.new_folder_button)
    qtbot.waitUntil(lambda: isinstance(pane.dialog, QInputDialog), timeout=WAIT_MS)
    dialog = pane.dialog
    assert isinstance(dialog, QInputDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=WAIT_MS)
    type_text("Reports 2026")
    key("Return")
    question = asked(qtbot, client).question.text()
    assert question.endswith(" wants to create the folder “Reports 2026” on your computer")
    assert not (theirs / "Reports 2026").exists()  # not before they allow
    _allow(qtbot, client)
    qtbot.waitUntil((theirs / "Reports 2026").is_dir, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Reports 2026" in pane.remote.rows_named(), timeout=WAIT_MS)
    assert "Folder Reports 2026 created." in _status(window)


# --- Abort and Stop: the whole group -----------------------------------------------------------

# Files of the folder stopped half way: enough that Abort lands before the last one is copied.
BIG_FILES = 6
BIG_FILE_BYTES = 16 * 1024 * 1024


def _big_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for n in range(BIG_FILES):
        _random_file(folder / f"part{n}.bin", BIG_FILE_BYTES)
    return folder


def _no_partial(folder: Path, source: Path) -> list[str]:
    """What is in ``folder`` (a copy of ``source`` stopped half way): only whole files."""
    names = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    for name in names:
        assert (folder / name).read_bytes() == (source / name).read_bytes(), name
    return names


def _copying(rows: Iterable[TransferRow]) -> bool:
    return any(row.stage == Stage.RUNNING and row.bytes > 0 for row in rows)


def _all_ended(rows: Iterable[TransferRow]) -> bool:
    """Every line has ended (the views hear of it after the engine)."""
    rows = list(rows)
    return bool(rows) and all(row.final for row in rows)


def _send_big_folder(
    qtbot: QtBot, console: Console, client: ClientWindow, tmp_path: Path
) -> tuple[FilesWindow, Path, Path]:
    """The agent picks its folder "big" in the two panes and clicks Send: the file window, the
    customer's folder and the folder sent."""
    theirs, ours = tmp_path / "customer", tmp_path / "agent"
    theirs.mkdir()
    source = _big_folder(ours / "big")
    window = _open_window(qtbot, console)
    window.resize(1200, 800)
    pane = window.panel.two_pane
    pane.open_local(ours)
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(lambda: _local_names(pane) == ["big"], timeout=WAIT_MS)
    click(pane.left.viewport(), _local_point(pane, source))
    qtbot.waitUntil(lambda: pane.local_selected() == [source], timeout=WAIT_MS)
    click(pane.send_button)
    return window, theirs, source


def test_abort_stops_the_whole_folder_on_both_sides(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    agent, customer = _parts(console, client)
    window, theirs, source = _send_big_folder(qtbot, console, client, tmp_path)
    _allow(qtbot, client)

    # While it is copied, the agent picks a line of it and clicks Abort transfer.
    lines = window.panel.list
    qtbot.waitUntil(lambda: _copying(agent.rows.values()), timeout=WAIT_MS)
    item = lines.topLevelItem(0)
    assert item is not None
    click(lines.viewport(), lines.visualItemRect(item).center())
    qtbot.waitUntil(window.panel.abort_button.isEnabled, timeout=WAIT_MS)
    click(window.panel.abort_button)

    # All of it stops: the agent's window says so, every line has ended, none still copying.
    qtbot.waitUntil(lambda: "big: you stopped it (" in _status(window), timeout=WAIT_MS)
    assert agent.rows and all(row.final for row in agent.rows.values())
    assert "Stopped" in _statuses(window)
    assert set(_statuses(window)) <= {"Stopped", "Done"}
    # The customer's side stopped it too: each line they saw ended, the group with it.
    feature = customer.feature()
    assert feature is not None
    qtbot.waitUntil(
        lambda: [g.stage for g in feature.trees.groups.values()] == [Stage.ABORTED],
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: _all_ended(customer.rows.values()), timeout=WAIT_MS)
    assert any(row.stage == Stage.ABORTED for row in customer.rows.values())
    # On their disk: only whole files, under their names; nothing half written anywhere.
    arrived = _no_partial(theirs / "big", source)
    assert len(arrived) < BIG_FILES
    assert [r.name for r in customer.rows.values() if r.stage == Stage.DONE] == [
        f"big/{name}" for name in arrived
    ]


def test_the_customers_stop_ends_the_whole_fetch(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    agent, customer = _parts(console, client)
    theirs, ours = tmp_path / "customer", tmp_path / "agent"
    ours.mkdir()
    source = _big_folder(theirs / "big")

    window = _open_window(qtbot, console)
    window.resize(1200, 800)
    pane = window.panel.two_pane
    pane.open_local(ours)
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["big"], timeout=WAIT_MS)
    right = pane.right.viewport()
    click(right, _row_point(pane, "big"))
    qtbot.waitUntil(lambda: pane.remote_selected() == ["big"], timeout=WAIT_MS)
    click(pane.fetch_button)
    _allow(qtbot, client)

    # The customer sees their files leave, and clicks Stop.
    qtbot.waitUntil(lambda: _copying(customer.rows.values()), timeout=WAIT_MS)
    qtbot.waitUntil(customer.window.isVisible, timeout=WAIT_MS)
    qtbot.waitExposed(customer.window)
    click(customer.window.stop_button)

    # The agent's window says it stopped, and who stopped the files on the way.
    qtbot.waitUntil(lambda: "big: Grace stopped it (" in _status(window), timeout=WAIT_MS)
    assert agent.rows and all(row.final for row in agent.rows.values())
    stopped = [r for r in agent.rows.values() if r.stage == Stage.ABORTED]
    assert stopped
    for row in stopped:
        assert agent.outcome_text(row) == f"{row.name}: Grace stopped the transfer."
    qtbot.waitUntil(lambda: _all_ended(customer.rows.values()), timeout=WAIT_MS)
    arrived = _no_partial(ours / "big", source)
    assert len(arrived) < BIG_FILES


def test_abort_takes_back_a_folder_the_customer_is_still_asked_about(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    """The agent sends a folder by mistake: while the customer's question is open, its line
    waits for permission and Abort is there; it takes the request back, the question closes,
    nothing reaches the customer's disk and both sides end it stopped."""
    console, client = pair
    agent, customer = _parts(console, client)
    window, theirs, _ = _send_big_folder(qtbot, console, client, tmp_path)
    asked(qtbot, client)

    # The request has its line, waiting; picked, Abort transfer can be clicked.
    abort_waiting_line(qtbot, window, "big")

    # The customer's question goes without their answer; both sides end it stopped.
    qtbot.waitUntil(lambda: not client.consent.dialogs, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "big: you stopped it (" in _status(window), timeout=WAIT_MS)
    assert _statuses(window) == ["Stopped"]
    assert [row.stage for row in agent.rows.values()] == [Stage.ABORTED]
    assert not window.panel.abort_button.isEnabled()
    feature = customer.feature()
    assert feature is not None
    qtbot.waitUntil(
        lambda: [g.stage for g in feature.trees.groups.values()] == [Stage.ABORTED],
        timeout=WAIT_MS,
    )
    # Nothing was sent or written: no transfer on either side, nothing in their folder.
    assert not customer.rows and not feature.transfers
    mine = agent.feature()
    assert mine is not None and not mine.transfers
    assert list(theirs.iterdir()) == []


def test_the_customer_sees_who_browses_their_files_and_stops_it(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    """Allowing a listing once lets the agent browse on: the customer's window says so, and
    the customer's Stop makes the next listing ask again (a refusal then lists nothing)."""
    console, client = pair
    theirs = tmp_path / "customer"
    theirs.mkdir()
    _random_file(theirs / "a.txt", 1000)
    notice = client.panels["files_browsing"]
    assert isinstance(notice, BrowsingNotice)
    desktop_line = client.panels["desktop"]
    assert isinstance(desktop_line, SharedNow)
    assert not notice.isVisible()

    window = _open_window(qtbot, console)
    pane = window.panel.two_pane
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["a.txt"], timeout=WAIT_MS)
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert notice.label.text() == "Ada Agent can see the folders and files on this computer."
    assert desktop_line.label.text() == "Your screen is not shared."

    # Fetching one file: the question says where it is, with no word on folders.
    viewport = pane.right.viewport()
    qtbot.waitExposed(viewport)
    click(viewport, _row_point(pane, "a.txt"))
    qtbot.waitUntil(lambda: pane.remote_selected() == ["a.txt"], timeout=WAIT_MS)
    click(pane.fetch_button)
    fetch = asked(qtbot, client)
    # With what would leave the computer, counted before asking.
    assert fetch.question.text().endswith(" wants to copy “a.txt” from your computer (1.0 KB)")
    assert fetch.detail.text() == f"In {theirs}. You can stop it while it is copied."
    click(fetch.refuse_button)
    qtbot.waitUntil(lambda: not client.consent.dialogs, timeout=WAIT_MS)

    # Listing again asks nothing while allowed.
    _random_file(theirs / "b.txt", 1000)
    pane.refresh()
    qtbot.waitUntil(lambda: pane.remote.rows_named() == ["a.txt", "b.txt"], timeout=WAIT_MS)
    assert not client.consent.dialogs

    def stop() -> None:
        to_front(client)  # the console's window may cover it; the customer brings theirs forward
        qtbot.waitUntil(client.isActiveWindow, timeout=WAIT_MS)
        click(notice.stop_button)
        qtbot.waitUntil(lambda: not notice.isVisible(), timeout=WAIT_MS)
        # The agent's pane forgets their folder at once, and says why.
        qtbot.waitUntil(lambda: pane.remote.rowCount() == 0, timeout=WAIT_MS)
        told = "Grace stopped you seeing their files. Browse to ask them again."
        assert told in window.panel.status.currentMessage()
        assert not pane.new_folder_button.isEnabled()

    stop()

    # Browsing again asks again; allowed, their folder is listed as it is now.
    _random_file(theirs / "c.txt", 1000)
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(
        lambda: pane.remote.rows_named() == ["a.txt", "b.txt", "c.txt"], timeout=WAIT_MS
    )
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    # Browse while allowed: the folder shown is listed again, nothing asked.
    _random_file(theirs / "d.txt", 1000)
    to_front(pane)
    click(pane.browse_button)
    qtbot.waitUntil(lambda: "d.txt" in pane.remote.rows_named(), timeout=WAIT_MS)
    assert not client.consent.dialogs

    # Stopped again, then Browse: refused, nothing is listed.
    stop()
    to_front(pane)
    click(pane.browse_button)
    dialog = asked(qtbot, client)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.refuse_button)
    qtbot.waitUntil(lambda: "refused" in window.panel.status.currentMessage(), timeout=WAIT_MS)
    assert pane.remote.rowCount() == 0 and not notice.isVisible()

    # Allowed once more, then the customer leaves: nothing of theirs stays shown or usable.
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(lambda: "d.txt" in pane.remote.rows_named(), timeout=WAIT_MS)
    assert pane.new_folder_button.isEnabled()
    client.controller.leave()
    qtbot.waitUntil(lambda: pane.remote.rowCount() == 0, timeout=WAIT_MS)
    assert not pane.new_folder_button.isEnabled() and pane.roots.count() == 0
    panel = window.panel  # nor can anything be sent or fetched: no one is there to take it
    qtbot.waitUntil(lambda: not panel.send_button.isEnabled(), timeout=WAIT_MS)
    assert not panel.fetch_button.isEnabled() and not pane.browse_button.isEnabled()
