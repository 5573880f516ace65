"""A modified console (or a modified client, against the agent's machine) attacks file transfer
over real sessions (a real center, aiortc on loopback): each test performs the attack with the
messages and chunks such a peer can send, and checks that nothing lands where nobody asked."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from shared.features.files import chunks, trees
from shared.features.files.engine import (
    MAX_RECEIVING_PER_PEER,
    Direction,
    FilesFeature,
    Stage,
    Transfer,
)
from shared.features.files.protocol import (
    FileDownload,
    FileFetch,
    FileFetchTree,
    FileOffer,
    FileTree,
    FileTreeEnd,
    FileTreeFolder,
    RootEntry,
    RootKind,
)
from shared.features.files.trees import GroupEnded
from shared.session.consent import ConsentAnswer
from shared.transport.channels import ChannelName
from tests.files.test_transfer import Pair, _answering, _over, real

__all__ = ["real"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _offer_from(
    files: FilesFeature, remote_id: str, transfer_id: str, name: str, source: Path, group: str = ""
) -> Transfer:
    """A hostile side offers ``source`` under ``name``; its real engine streams it once accepted."""
    data = source.read_bytes()
    transfer = Transfer(transfer_id, remote_id, Direction.SEND, name, len(data), _sha(data))
    transfer.source, transfer.group = source, group
    files.offer(transfer)
    return transfer


def _file(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def _everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --- the customer's download (basic mode): the console answers with something else ------------


async def _download_answered_with(
    real: Pair, tmp_path: Path, name: str, data: bytes
) -> tuple[Transfer, Path]:
    published = _file(tmp_path / "agent", "report.pdf", b"%PDF-1.7 tiny")
    listed = await real.agent_files.publishing.publish(real.customer_id, [published])
    payload = _file(tmp_path / "agent", "payload", data)

    def hostile(remote_id: str, ask: FileDownload) -> None:
        _offer_from(real.agent_files, remote_id, ask.id, name, payload)

    real.agent_files._handlers[FileDownload] = hostile
    await real.until(lambda: real.agent_id in real.customer_files.publishing.offered, "the list")
    chosen = tmp_path / "grace"
    chosen.mkdir()
    transfer = real.customer_files.publishing.download(real.agent_id, listed[0].id, chosen)
    await real.until(_over(transfer), "the download's end")
    return transfer, chosen


async def test_a_download_answered_with_another_path_writes_nothing(
    real: Pair, tmp_path: Path
) -> None:
    # The customer picked "report.pdf" into their home; the console offers an autostart entry.
    transfer, chosen = await _download_answered_with(
        real, tmp_path, ".config/autostart/evil.desktop", b"[Desktop Entry]\nExec=sh -c evil\n"
    )
    assert transfer.stage == Stage.FAILED
    assert _everything(chosen) == []


async def test_a_download_answered_with_more_than_the_published_size_writes_nothing(
    real: Pair, tmp_path: Path
) -> None:
    transfer, chosen = await _download_answered_with(
        real, tmp_path, "report.pdf", os.urandom(300_000)
    )
    assert transfer.stage == Stage.FAILED
    assert _everything(chosen) == []


# --- the agent's fetch: a modified client answers with something else --------------------------


async def test_a_fetch_answered_with_another_name_writes_nothing_on_the_agents_side(
    real: Pair, tmp_path: Path
) -> None:
    payload = _file(tmp_path / "grace", "payload", b"#!/bin/sh\nevil\n")

    def hostile(remote_id: str, fetch: FileFetch) -> None:
        _offer_from(real.customer_files, remote_id, fetch.id, "autostart/evil.sh", payload)

    real.customer_files._handlers[FileFetch] = hostile
    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    transfer = real.agent_files.fetch_file(real.customer_id, "/home/grace/report.txt", mine)
    await real.until(_over(transfer), "the fetch's end")
    assert transfer.stage == Stage.FAILED
    assert _everything(mine) == []


# --- the agent's fetch: files the customer's side does not offer for browsing ------------------


@pytest.fixture
def only_home(real: Pair, tmp_path: Path) -> Path:
    """A customer whose side lists only their home (as a Windows machine lists its drives)."""
    home = tmp_path / "grace"
    home.mkdir()
    _file(home, "note.txt", b"hello")
    real.customer_files.folders.roots_source = _OnlyHome(home)
    return home


class _OnlyHome:
    def __init__(self, home: Path) -> None:
        self.home = home

    def roots(self) -> list[RootEntry]:
        return [RootEntry(id=str(self.home), label="grace", kind=RootKind.HOME)]


@pytest.mark.parametrize("how", ["outside", "link", "relative"])
async def test_a_fetch_outside_the_listed_roots_or_through_a_link_is_refused(
    real: Pair, only_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    secret = _file(tmp_path / "outside", "id_rsa", b"-----BEGIN OPENSSH PRIVATE KEY-----")
    if how == "outside":
        path = str(secret)
    elif how == "link":
        (only_home / "note-link.txt").symlink_to(secret)
        path = str(only_home / "note-link.txt")
    else:
        monkeypatch.chdir(secret.parent)  # the client's working folder is no root
        path = "id_rsa"
    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    transfer = real.agent_files.fetch_file(real.customer_id, path, mine)
    await real.until(_over(transfer), "the fetch's end")
    assert transfer.stage == Stage.FAILED
    assert _everything(mine) == []
    # A file inside the listed root still comes.
    allowed = real.agent_files.fetch_file(real.customer_id, str(only_home / "note.txt"), mine)
    await real.until(_over(allowed), "the allowed fetch")
    assert allowed.stage == Stage.DONE and (mine / "note.txt").read_bytes() == b"hello"


# --- groups: more than the customer allowed -----------------------------------------------------


async def _allowed_tree(real: Pair, group_id: str, files: int, size: int) -> None:
    """The console announces a tree of ``files`` files, ``size`` bytes; the customer allows it."""
    real.agent.send_to(real.customer_id, FileTree(id=group_id, name="t", files=files, size=size))
    await real.until(
        lambda: (
            (g := real.customer_files.trees.groups.get(group_id)) is not None
            and g.stage == Stage.RUNNING
        ),
        "the tree allowed",
    )


async def test_a_tree_brings_no_more_files_than_the_customer_allowed(
    real: Pair, tmp_path: Path
) -> None:
    group_id = "a1a1a1a1a1a1a1a1"
    await _allowed_tree(real, group_id, files=1, size=5)
    sent = [
        _offer_from(
            real.agent_files,
            real.customer_id,
            f"b{n:015x}",
            f"f{n}.txt",
            _file(tmp_path / "agent", f"f{n}", b"12345"),
            group_id,
        )
        for n in range(3)
    ]
    real.agent.send_to(real.customer_id, FileTreeEnd(group=group_id, files=3))
    await real.until(lambda: all(_over(t)() for t in sent), "the offers answered")
    assert _everything(real.customer_files.inbox) == ["f0.txt"]


async def test_a_tree_brings_no_more_bytes_than_the_customer_allowed(
    real: Pair, tmp_path: Path
) -> None:
    group_id = "a2a2a2a2a2a2a2a2"
    await _allowed_tree(real, group_id, files=1, size=5)
    big = _file(tmp_path / "agent", "big", os.urandom(200_000))
    sent = _offer_from(real.agent_files, real.customer_id, "c" * 16, "big.bin", big, group_id)
    await real.until(_over(sent), "the offer answered")
    assert sent.stage == Stage.FAILED
    assert _everything(real.customer_files.inbox) == []


async def test_a_fetched_tree_brings_only_the_names_the_agent_asked_for(
    real: Pair, tmp_path: Path
) -> None:
    note = _file(tmp_path / "grace", "note.txt", b"hello")
    evil = _file(tmp_path / "grace", "evil", b"#!/bin/sh\nevil\n")
    offered: list[Transfer] = []

    def hostile(remote_id: str, fetch: FileFetchTree) -> None:
        send = real.customer_files.send
        send(remote_id, FileTree(id=fetch.id, name="note.txt", files=2, size=100))
        send(remote_id, FileTreeFolder(group=fetch.id, path="autostart"))
        for n, (name, source) in enumerate((("note.txt", note), ("evil.sh", evil))):
            offered.append(
                _offer_from(real.customer_files, remote_id, f"d{n:015x}", name, source, fetch.id)
            )
        send(remote_id, FileTreeEnd(group=fetch.id, files=2))

    real.customer_files._handlers[FileFetchTree] = hostile
    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    group = real.agent_files.trees.fetch_tree(real.customer_id, "/", "", ["note.txt"], mine)
    await real.until(lambda: len(offered) == 2 and all(_over(t)() for t in offered), "offers")
    await real.until(lambda: group.stage in (Stage.DONE, Stage.FAILED), "the group's end")
    assert _everything(mine) == ["note.txt"]


async def test_a_tree_the_customer_refuses_leaves_no_folder_behind(real: Pair) -> None:
    _answering(real, ConsentAnswer(granted=False))
    tree = FileTree(id="a3a3a3a3a3a3a3a3", name="t", files=1, size=1, folder="planted/deeper")
    real.agent.send_to(real.customer_id, tree)
    await real.until(lambda: bool(real.asked), "the customer asked")
    await real.until(
        lambda: real.customer_files.trees.groups[tree.id].stage == Stage.FAILED, "refused"
    )
    assert _everything(real.customer_files.inbox) == []


# --- floods -------------------------------------------------------------------------------------


async def test_a_flood_of_offers_under_allow_all_opens_a_bounded_number_of_files(
    real: Pair,
) -> None:
    _answering(real, ConsentAnswer(granted=True, allow_all=True))
    flood = MAX_RECEIVING_PER_PEER + 40
    transfers = real.customer_files.transfers
    for n in range(flood):  # offers never followed by data: each would hold a file open
        offer = FileOffer(id=f"e{n:015x}", name=f"x{n}.bin", size=1000, sha256="0" * 64)
        real.agent.send_to(real.customer_id, offer)
        if n == 0:  # the customer allows everything at the first question
            await real.until(lambda: real.customer.consent.allow_all, "everything allowed")
    await real.until(
        lambda: (
            sum(1 for t in transfers.values() if t.id.startswith("e")) == flood
            and all(t.stage != Stage.ASKING for t in transfers.values())
        ),
        "every offer answered",
    )
    open_files = [t for t in transfers.values() if t.sink is not None]
    assert len(open_files) == MAX_RECEIVING_PER_PEER
    assert len(list(real.customer_files.inbox.iterdir())) == MAX_RECEIVING_PER_PEER


async def test_a_flood_of_refused_trees_keeps_the_customers_memory_bounded(
    real: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cap made small, so the flood that goes past it is a few hundred messages, not more.
    monkeypatch.setattr(trees, "MAX_KEPT_GROUPS", 40)
    _answering(real, None)  # the first question stays open: every other tree is refused
    flood = trees.MAX_KEPT_GROUPS + 200
    for n in range(flood):
        real.agent.send_to(real.customer_id, FileTree(id=f"f{n:015x}", files=1, size=1))
    await real.until(
        lambda: sum(1 for e in real.events if isinstance(e, GroupEnded)) == flood - 1,
        "every tree refused",
    )
    assert len(real.customer_files.trees.groups) <= trees.MAX_KEPT_GROUPS


# --- data past what was allowed ---------------------------------------------------------------


async def test_data_past_the_announced_size_or_a_false_hash_keeps_nothing(real: Pair) -> None:
    bulk = real.agent.channel(real.customer_id, ChannelName.BULK)
    small = FileOffer(id="1" * 16, name="small.txt", size=10, sha256=_sha(b"0123456789"))
    liar = FileOffer(id="2" * 16, name="liar.txt", size=10, sha256=_sha(b"0123456789"))
    for offer in (small, liar):
        real.agent.send_to(real.customer_id, offer)
    transfers = real.customer_files.transfers
    await real.until(
        lambda: all(
            o.id in transfers and transfers[o.id].stage == Stage.RUNNING for o in (small, liar)
        ),
        "both accepted",
    )
    await bulk.write(chunks.encode(small.id, 0, b"0123456789 and much more"))
    await bulk.write(chunks.encode(liar.id, 0, b"9876543210"))
    await real.until(lambda: all(_over(transfers[o.id])() for o in (small, liar)), "both over")
    assert [transfers[o.id].stage for o in (small, liar)] == [Stage.FAILED, Stage.FAILED]
    assert list(real.customer_files.inbox.iterdir()) == []
