"""A folder of the customer's fetched twice into the same folder of the agent's, the name
conflict answered Keep both for the whole folder: the second copy lands beside the first under
numbered names. The agent's lines name the files as they landed ("photos/f9 (2)"), so that the
second fetch reads as new lines that end done, not as the first fetch's lines again; the
customer's side names its own files ("photos/f9"): the renaming was the agent's copy's, not
theirs. Over real sessions (a real center, aiortc on loopback), and in the real console and
client with real clicks."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.files.bundles import BUNDLE_FILE_BYTES
from shared.features.files.conflicts import NameConflict
from shared.features.files.destination import Conflict
from shared.features.files.model import Stage, TransferDone
from shared.features.files.part import TransferRow
from shared.features.files.roots import PosixRoots
from shared.features.files.trees import GroupEnded
from tests.faces.conftest import WAIT_MS
from tests.files.test_transfer import Pair, real
from tests.files.test_two_pane import _allow, _browse, _row_point
from tests.files.test_views import _open_window, _parts
from tests.xserver import click

__all__ = ["real"]

# Small files (sent in bundles) and one larger than a bundle's file (sent on its own).
SMALL = [f"f{n}" for n in range(10)]
LARGE = "big.jpg"


def _photos(folder: Path) -> dict[str, bytes]:
    """The customer's photos folder: its files' relative names and bytes."""
    (folder / "photos").mkdir(parents=True)
    files = {f"photos/{name}": os.urandom(1000 + n) for n, name in enumerate(SMALL)}
    files[f"photos/{LARGE}"] = os.urandom(3 * BUNDLE_FILE_BYTES)
    for relative, data in files.items():
        (folder / relative).write_bytes(data)
    return files


def _kept(relative: str) -> str:
    """Where Keep both puts the second copy: "photos/f9 (2)", "photos/big (2).jpg"."""
    stem, dot, suffix = relative.partition(".")
    return f"{stem} (2){dot}{suffix}"


def _same_twice(ours: Path, files: dict[str, bytes]) -> None:
    """Both copies on the agent's disk, byte for byte the customer's, and nothing else."""
    expected = {**files, **{_kept(relative): data for relative, data in files.items()}}
    found = {
        str(p.relative_to(ours)): p.read_bytes() for p in (ours / "photos").iterdir() if p.is_file()
    }
    assert found == expected


async def test_a_folder_fetched_twice_with_keep_both_names_each_side_its_own_files(
    real: Pair, tmp_path: Path
) -> None:
    home = tmp_path / "grace"
    files = _photos(home)
    real.customer_files.folders.roots_source = PosixRoots(home=home, mounts=tmp_path / "none")
    ours = tmp_path / "agent-downloads"
    ours.mkdir()
    agent_events: list[object] = []
    customer_events: list[object] = []
    real.agent.engine.subscribe(agent_events.append)
    real.customer.engine.subscribe(customer_events.append)
    trees = real.agent_files.trees

    first = trees.fetch_tree(real.customer_id, str(home), "", ["photos"], ours)
    await real.until(lambda: first.stage in (Stage.DONE, Stage.FAILED), "the first fetch")
    assert first.stage == Stage.DONE
    # The customer's side ends its group once the agent's side says so: wait for it, so that
    # what follows hears of the second fetch only.
    await real.until(
        lambda: any(isinstance(e, GroupEnded) for e in customer_events), "the customer's end"
    )
    agent_events.clear()
    customer_events.clear()

    second = trees.fetch_tree(real.customer_id, str(home), "", ["photos"], ours)

    def asked() -> list[NameConflict]:
        return [e for e in agent_events if isinstance(e, NameConflict)]

    await real.until(lambda: bool(asked()), "the agent's question about a taken name")
    question = asked()[0]
    assert question.group == second.id
    assert real.agent_files.answer_conflict(question.id, Conflict.KEEP_BOTH, for_all=True)
    await real.until(lambda: second.stage in (Stage.DONE, Stage.FAILED), "the second fetch")
    assert second.stage == Stage.DONE and second.done == len(files)
    assert len(asked()) == 1  # answered for the whole folder

    # The agent's side: each file by the name it landed under, where it landed.
    landed = {e.name: e.path for e in agent_events if isinstance(e, TransferDone)}
    assert landed == {_kept(relative): str(ours / _kept(relative)) for relative in files}
    # The customer's side: their own files, by their own names.
    sent = {e.name for e in customer_events if isinstance(e, TransferDone)}
    assert sent == set(files)
    ended = [e for e in customer_events if isinstance(e, GroupEnded)]
    assert [(e.name, e.stage) for e in ended] == [("photos", Stage.DONE)]
    _same_twice(ours, files)


def test_the_second_fetch_shows_its_own_lines_and_the_customer_reads_their_names(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    agent, customer = _parts(console, client)
    theirs, ours = tmp_path / "customer", tmp_path / "agent"
    ours.mkdir()
    files = _photos(theirs)
    # What the customer's copying window lists, line by line, as it lists it.
    listed: list[TransferRow] = []
    show_row = customer.window.list.show_row

    def listing(row: TransferRow) -> None:
        listed.append(row)
        show_row(row)

    customer.window.list.show_row = listing  # type: ignore[method-assign]

    window = _open_window(qtbot, console)
    window.resize(1200, 800)
    pane = window.panel.two_pane
    pane.open_local(ours)
    _browse(qtbot, pane, client, theirs)

    def fetch_photos() -> None:
        # The pane lists the folder again once a fetch ended: the line is clicked once there.
        qtbot.waitUntil(lambda: pane.remote.rows_named() == ["photos"], timeout=WAIT_MS)
        click(pane.right.viewport(), _row_point(pane, "photos"))
        qtbot.waitUntil(lambda: pane.remote_selected() == ["photos"], timeout=WAIT_MS)
        click(pane.fetch_button)
        _allow(qtbot, client)

    fetch_photos()
    qtbot.waitUntil(
        lambda: len(agent.rows) == len(files) and all(r.final for r in agent.rows.values()),
        timeout=WAIT_MS,
    )
    first = set(agent.rows)
    assert {r.name for r in agent.rows.values()} == set(files)
    listed.clear()

    # Again: the names are taken in the agent's folder; Keep both, for the whole folder.
    fetch_photos()
    qtbot.waitUntil(lambda: len(agent.conflicts) == 1, timeout=WAIT_MS)
    (dialog,) = agent.conflicts.values()
    qtbot.waitExposed(dialog)
    click(dialog.for_all)
    qtbot.waitUntil(dialog.for_all.isChecked, timeout=WAIT_MS)
    click(dialog.both_button)

    def second() -> list[TransferRow]:
        return [row for i, row in agent.rows.items() if i not in first]

    qtbot.waitUntil(
        lambda: len(second()) == len(files) and all(r.final for r in second()), timeout=WAIT_MS
    )
    # New lines in the agent's list, each done, named as the file landed: the second copy
    # reads apart from the first.
    assert {(r.name, r.stage) for r in second()} == {
        (_kept(relative), Stage.DONE) for relative in files
    }
    lines = window.panel.list
    for row in second():
        assert row.id in lines.ids()
        item = lines.topLevelItem(lines.ids().index(row.id))
        assert item is not None and item.text(0) == row.name
        assert row.path == str(ours / row.name)
    assert sorted(r.name for r in agent.rows.values() if r.id in first) == sorted(files)
    # The customer's window listed their own files, by their own names, to the end.
    qtbot.waitUntil(
        lambda: {r.name for r in listed if r.stage == Stage.DONE} == set(files), timeout=WAIT_MS
    )
    assert {r.name for r in listed} == set(files)
    assert {r.name for r in customer.rows.values()} == set(files)
    _same_twice(ours, files)
