"""The advanced and basic modes' engine over real sessions (a real center, aiortc on
loopback): browsing and changing the customer's folders with their consent and inside the
roots their side lists, folder trees, publishing for download, and a taken name that asks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shared.features.files.conflicts import NameConflict
from shared.features.files.destination import Conflict
from shared.features.files.folders import FolderRefused
from shared.features.files.model import Stage
from shared.features.files.protocol import FolderList, RootKind
from shared.features.files.publish import PublishedChanged
from shared.features.files.roots import PosixRoots
from shared.session.consent import ConsentAnswer, PermissionKind
from tests.files.test_transfer import Pair, _answering, _audited, _over, real

__all__ = ["real"]


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under ``folder``: a file's bytes, None for a folder."""
    return {
        str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def home(real: Pair, tmp_path: Path) -> Path:
    """The customer's home, the one root besides "/" their side lists (and a USB stick)."""
    home = tmp_path / "grace"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "note.txt").write_text("hello")
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "proc /proc proc rw 0 0\n/dev/sdb1 /media/grace/USB\\040KEY vfat rw 0 0\n"
        "srv:/share /net/share nfs4 rw 0 0\n"
    )
    real.customer_files.folders.roots_source = PosixRoots(home=home, mounts=mounts)
    return home


async def test_roots_and_a_paged_listing_after_one_read_consent(real: Pair, home: Path) -> None:
    for n in range(95):
        (home / f"file {n:03}.txt").write_bytes(b"x" * n)
    roots = await real.agent_files.folders.roots(real.customer_id)
    assert [(r.id, r.kind) for r in roots] == [
        (str(home), RootKind.HOME),
        ("/", RootKind.SYSTEM),
        ("/media/grace/USB KEY", RootKind.VOLUME),
        ("/net/share", RootKind.NETWORK),
    ]
    entries = await real.agent_files.folders.list_folder(real.customer_id, str(home))
    assert len(entries) == 96 and entries[0].name == "Documents" and entries[0].folder
    assert entries[5].name == "file 004.txt" and entries[5].size == 4
    page = await real.agent_files.folders.list_page(real.customer_id, str(home), "", 90)
    assert page.total == 96 and page.entries[0].name == "file 089.txt"
    # Browsing asked READ_FILES once, not once per page.
    assert [r.kind for r in real.asked] == [PermissionKind.READ_FILES]


async def test_create_rename_delete_each_ask_and_a_refusal_changes_nothing(
    real: Pair, home: Path
) -> None:
    folders, root = real.agent_files.folders, str(home)
    await folders.create_folder(real.customer_id, root, "Documents/Nouveau dossier")
    assert (home / "Documents" / "Nouveau dossier").is_dir()
    await folders.rename(real.customer_id, root, "Documents/note.txt", "note été.txt")
    assert (home / "Documents" / "note été.txt").read_text() == "hello"
    with pytest.raises(FolderRefused, match="Not done"):  # not empty, not confirmed
        await folders.delete(real.customer_id, root, "Documents")
    await folders.delete(real.customer_id, root, "Documents/Nouveau dossier")
    assert [r.what for r in real.asked if r.kind == PermissionKind.WRITE_FILES] == [
        "create",
        "rename",
        "delete",
        "delete",
    ]
    _answering(real, ConsentAnswer(granted=False))
    before = _tree(home)
    for change in (
        folders.create_folder(real.customer_id, root, "x"),
        folders.rename(real.customer_id, root, "Documents", "Docs"),
        folders.delete(real.customer_id, root, "Documents", recursive=True),
    ):
        with pytest.raises(FolderRefused, match="refused"):
            await change
    assert _tree(home) == before
    assert _audited(real.customer, "files.change_refused")


async def test_sharing_the_screen_with_the_agent_lets_changes_go_unasked(
    real: Pair, home: Path
) -> None:
    _answering(real, ConsentAnswer(granted=False))
    real.customer.consent.screen_shared_with.add(real.agent_id)
    await real.agent_files.folders.create_folder(real.customer_id, str(home), "Shown")
    assert (home / "Shown").is_dir() and real.asked == []
    (granted,) = [
        e
        for e in _audited(real.customer, "consent.granted")
        if e.detail.get("by") == "screen_shared"
    ]
    assert granted.detail["permission"] == "write_files"


async def test_path_tricks_are_refused_and_nothing_outside_the_root_is_touched(
    real: Pair, home: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (home / "escape").symlink_to(outside)
    folders, root = real.agent_files.folders, str(home)
    for path in ("escape", "escape/"):
        with pytest.raises(FolderRefused):
            await folders.list_folder(real.customer_id, root, path.rstrip("/"))
    with pytest.raises(FolderRefused):
        await folders.delete(real.customer_id, root, "escape/secret.txt")
    with pytest.raises(FolderRefused, match="not a folder offered"):
        await folders.list_folder(real.customer_id, str(tmp_path), "")
    with pytest.raises(FolderRefused, match="not a folder offered"):
        await folders.create_folder(real.customer_id, str(outside), "x")
    # Names the protocol refuses never reach the customer's side (a bad message is dropped):
    # sent raw, they get no answer and change nothing.
    for bad in ("../outside", "/etc", "Documents/../../outside", "CON"):
        with pytest.raises(ValueError):
            FolderList(id="0123456789abcdef", root=root, path=bad)
    # Deleting the link removes the link only.
    await folders.delete(real.customer_id, root, "escape")
    assert not (home / "escape").exists() and (outside / "secret.txt").read_text() == "secret"


async def test_a_tree_with_unicode_names_and_empty_folders_arrives_identical(
    real: Pair, tmp_path: Path
) -> None:
    source = tmp_path / "agent" / "Projet été"
    (source / "vide").mkdir(parents=True)
    (source / "données" / "日本語").mkdir(parents=True)
    (source / "données" / "日本語" / "ファイル.txt").write_bytes(os.urandom(70_000))
    (source / "données" / "empty.bin").write_bytes(b"")
    for n in range(9):
        (source / f"ß-{n}.dat").write_bytes(os.urandom(1000 * n))
    group = await real.agent_files.trees.send_paths(real.customer_id, [source])
    await real.until(lambda: group.stage in (Stage.DONE, Stage.FAILED), "the tree")
    assert group.stage == Stage.DONE and group.done == 11
    arrived = real.customer_files.inbox / "Projet été"
    assert _tree(arrived) == _tree(source)
    # One question for the whole tree.
    assert [r.kind for r in real.asked] == [PermissionKind.WRITE_FILES]


async def test_the_agent_fetches_several_entries_of_a_customer_folder(
    real: Pair, home: Path, tmp_path: Path
) -> None:
    (home / "Documents" / "sub").mkdir()
    (home / "Documents" / "sub" / "é.txt").write_text("deep")
    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    group = real.agent_files.trees.fetch_tree(
        real.customer_id, str(home), "Documents", ["note.txt", "sub"], mine
    )
    await real.until(lambda: group.stage in (Stage.DONE, Stage.FAILED), "the fetch")
    assert group.stage == Stage.DONE, group
    assert _tree(mine) == {"note.txt": b"hello", "sub": None, "sub/é.txt": b"deep"}
    assert [r.kind for r in real.asked] == [PermissionKind.READ_FILES]


async def test_publish_download_and_stop_publishing(real: Pair, tmp_path: Path) -> None:
    agent_dir = tmp_path / "agent"
    agent_dir.mkdir()
    one, two = agent_dir / "guide.pdf", agent_dir / "setup été.exe"
    one.write_bytes(os.urandom(50_000))
    two.write_bytes(os.urandom(80_000))
    listed = await real.agent_files.publishing.publish(real.customer_id, [one, two])
    offered = real.customer_files.publishing.offered
    await real.until(lambda: real.agent_id in offered, "the list on the customer's side")
    assert [f.name for f in offered[real.agent_id]] == ["guide.pdf", "setup été.exe"]
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    transfer = real.customer_files.publishing.download(real.agent_id, listed[1].id, chosen)
    await real.until(_over(transfer), "the download")
    assert transfer.stage == Stage.DONE, transfer.reason
    assert (chosen / "setup été.exe").read_bytes() == two.read_bytes()
    assert real.asked == []  # the customer acted: no question, but audited
    (entry,) = _audited(real.customer, "files.download")
    assert entry.detail["name"] == "setup été.exe" and entry.actor == real.customer_id
    real.agent_files.publishing.stop_publishing(real.customer_id)
    await real.until(lambda: real.agent_id not in offered, "the list gone")
    assert PublishedChanged(real.agent_id, ()) in real.events


async def _conflicting_send(real: Pair, tmp_path: Path, choice: Conflict) -> Path:
    (real.customer_files.inbox / "report.txt").write_text("theirs")
    source = tmp_path / "agent" / "report.txt"
    source.parent.mkdir(exist_ok=True)
    source.write_text("mine")
    sent = await real.agent_files.send_file(real.customer_id, source)
    await real.until(lambda: any(isinstance(e, NameConflict) for e in real.events), "the question")
    (question,) = [e for e in real.events if isinstance(e, NameConflict)]
    assert question.name == "report.txt"
    assert real.customer_files.answer_conflict(question.id, choice)
    await real.until(_over(sent), "the transfer's end")
    return real.customer_files.inbox


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (Conflict.REPLACE, {"report.txt": b"mine"}),
        (Conflict.KEEP_BOTH, {"report.txt": b"theirs", "report (2).txt": b"mine"}),
        (Conflict.SKIP, {"report.txt": b"theirs"}),
    ],
)
async def test_a_taken_name_asks_and_each_answer_does_what_it_says(
    real: Pair, tmp_path: Path, choice: Conflict, expected: dict[str, bytes]
) -> None:
    inbox = await _conflicting_send(real, tmp_path, choice)
    assert _tree(inbox) == expected


async def test_an_unanswered_name_question_skips_after_the_timeout(
    real: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("shared.features.files.conflicts.CONFLICT_TIMEOUT_S", 0.2)
    (real.customer_files.inbox / "a.txt").write_text("theirs")
    source = tmp_path / "a.txt"
    source.write_text("mine")
    sent = await real.agent_files.send_file(real.customer_id, source)
    await real.until(_over(sent), "the refusal")
    assert sent.stage == Stage.FAILED and "skipped" in sent.reason
    assert (real.customer_files.inbox / "a.txt").read_text() == "theirs"
