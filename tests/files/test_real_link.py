"""File transfer end to end over real aiortc on loopback, with real files on disk and a real
support center carrying the signaling: random bytes of an odd size, an empty file and a file of
exactly the limit (150 MiB) sent to the customer and a file fetched back from them, a folder
tree with Unicode names and empty folders sent and fetched, and a network drop in the middle of
a large file that the session survives by linking again, the file resuming where the
customer's side stood.

The customer allows through the engine's own consent path: their first answer is "allow all"
for the session, as the customer's window offers, so nothing after it asks again."""

from __future__ import annotations

import asyncio
import hashlib
import os
import unicodedata
from pathlib import Path

import pytest

from shared.features.files import chunks
from shared.features.files.destination import MAX_FILE_BYTES
from shared.features.files.engine import Stage, Transfer, TransferDone, TransferProgress
from shared.features.files.roots import PosixRoots
from shared.session.consent import ConsentAnswer, PermissionKind
from shared.transport.channels import Channel, ChannelName
from tests.files.test_transfer import MIB, Pair, _answering, _audited, _over, _random_file, real
from tests.sharing.test_network_drop import Blackout, blackout

__all__ = ["blackout", "real"]

# One 150 MiB file with both peers on this process's one loop: ~19 s of CPU here (~30-50 s
# of wall time with the machine loaded 3-4 times over). The test's own limit is above the waits'.
LARGE_TIMEOUT_S = 120.0
LARGE_TEST_TIMEOUT_S = 200
# A drop is seen after the links' heartbeat timeout (4 s), the agent offers a new link every
# 2 s: the whole drop and the rest of the file take ~10 s here.
DROP_TIMEOUT_S = 60.0
# Big enough that the drop lands well inside it, small enough for CI: ~2 s of data here.
DROPPED_FILE_BYTES = 32 * MIB


@pytest.fixture
def allowed(real: Pair, tmp_path: Path) -> Pair:
    """The customer's first answer is "allow all"; their home is a temporary folder (the one
    root besides "/" their side lists)."""
    _answering(real, ConsentAnswer(granted=True, allow_all=True))
    home = tmp_path / "customer-home"
    (home / "Documents").mkdir(parents=True)
    real.customer_files.folders.roots_source = PosixRoots(home=home, mounts=tmp_path / "no-mounts")
    return real


def _home(pair: Pair) -> Path:
    roots = pair.customer_files.folders.roots_source
    assert isinstance(roots, PosixRoots)
    return roots.home


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


async def _same_bytes(source: Path, copy: Path) -> None:
    """The copy on disk holds the source's bytes (SHA-256 of each, read from disk)."""
    assert copy.stat().st_size == source.stat().st_size
    ours, theirs = await asyncio.gather(
        asyncio.to_thread(_sha256, source), asyncio.to_thread(_sha256, copy)
    )
    assert ours == theirs, f"{copy} differs from {source}"


def _tree(folder: Path) -> dict[str, str | None]:
    """Every entry under ``folder`` by its NFC name: a file's SHA-256, None for a folder."""
    return {
        unicodedata.normalize("NFC", str(p.relative_to(folder))): (
            None if p.is_dir() else _sha256(p)
        )
        for p in sorted(folder.rglob("*"))
    }


def _unicode_tree(top: Path) -> Path:
    """Accents composed and decomposed (as a Mac writes them), CJK, emoji, nested empty folders,
    an empty file, and files of several chunks."""
    decomposed = unicodedata.normalize("NFD", "Résumé café")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    (top / "vide" / "encore vide" / "toujours vide").mkdir(parents=True)
    (top / "資料" / "空のフォルダ").mkdir(parents=True)
    (top / "資料" / "報告書 2026.txt").write_bytes(os.urandom(200_003))
    (top / decomposed).mkdir()
    (top / decomposed / "notes ü ñ ø.md").write_bytes(os.urandom(1234))
    (top / decomposed / unicodedata.normalize("NFD", "élève.bin")).write_bytes(b"")
    (top / "🎉 fête 🚀").mkdir()
    (top / "🎉 fête 🚀" / "📷 photo.jpg").write_bytes(os.urandom(3 * chunks.MAX_PAYLOAD_BYTES + 7))
    (top / "rien.txt").write_bytes(b"")
    (top / "Ωmega—ß.dat").write_bytes(os.urandom(70_000))
    return top


async def _ended(pair: Pair, transfers: list[Transfer], timeout: float) -> None:
    await pair.until(lambda: all(_over(t)() for t in transfers), "the transfers' end", timeout)
    for transfer in transfers:
        assert transfer.stage == Stage.DONE, f"{transfer.name}: {transfer.reason}"


# --- single files ---------------------------------------------------------------------------


@pytest.mark.timeout(LARGE_TEST_TIMEOUT_S)
async def test_odd_sized_random_bytes_an_empty_file_and_150_mib_arrive_identical(
    allowed: Pair, tmp_path: Path
) -> None:
    odd_size = 5 * MIB + 4321
    assert odd_size % chunks.MAX_PAYLOAD_BYTES  # the last chunk is a short one
    agent_dir = tmp_path / "agent"
    odd = _random_file(agent_dir, "odd été.bin", odd_size)
    empty = agent_dir / "empty.txt"
    empty.write_bytes(b"")
    # Exactly the default limit per file, random bytes streamed to disk 1 MiB at a time.
    limit = _random_file(agent_dir, "limit.iso", MAX_FILE_BYTES)
    assert limit.stat().st_blocks * 512 >= MAX_FILE_BYTES  # real data, not a sparse file

    sent = [
        await allowed.agent_files.send_file(allowed.customer_id, path)
        for path in (odd, empty, limit)
    ]
    await allowed.until(
        lambda: all(t.id in allowed.customer_files.transfers for t in sent), "the offers"
    )
    received = [allowed.customer_files.transfers[t.id] for t in sent]
    await _ended(allowed, sent + received, LARGE_TIMEOUT_S)

    inbox = allowed.customer_files.inbox
    assert sorted(p.name for p in inbox.iterdir()) == ["empty.txt", "limit.iso", "odd été.bin"]
    for source in (odd, empty, limit):
        await _same_bytes(source, inbox / source.name)
    assert (inbox / "limit.iso").stat().st_size == MAX_FILE_BYTES
    done = {e.name: e.sha256 for e in allowed.events if isinstance(e, TransferDone)}
    assert done["limit.iso"] == _sha256(limit)

    # The other way: the agent fetches a customer's file, under the same "allow all".
    theirs = _random_file(_home(allowed) / "Documents", "journal 日本.log", 3 * MIB + 99)
    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    fetch = allowed.agent_files.fetch_file(allowed.customer_id, str(theirs), mine)
    await _ended(allowed, [fetch], LARGE_TIMEOUT_S)
    assert fetch.path == mine / "journal 日本.log"
    await _same_bytes(theirs, fetch.path)
    assert [p.name for p in mine.iterdir()] == ["journal 日本.log"]

    # Asked once; the fetch (another kind) went unasked under "allow all", and was audited.
    assert [r.kind for r in allowed.asked] == [PermissionKind.WRITE_FILES]
    granted = _audited(allowed.customer, "consent.granted")
    assert [e.detail.get("by") for e in granted][-1] == "allow_all"
    assert len(_audited(allowed.customer, "files.received")) == 3
    assert len(_audited(allowed.customer, "files.sent")) == 1


# --- folder trees ---------------------------------------------------------------------------


async def test_a_unicode_tree_with_empty_folders_is_sent_and_fetched_identical(
    allowed: Pair, tmp_path: Path
) -> None:
    source = _unicode_tree(tmp_path / "agent" / "Projet 日本 été")
    group = await allowed.agent_files.trees.send_paths(allowed.customer_id, [source])
    await allowed.until(lambda: group.stage in (Stage.DONE, Stage.FAILED), "the tree sent")
    assert group.stage == Stage.DONE, group
    arrived = allowed.customer_files.inbox / "Projet 日本 été"
    assert _tree(arrived) == _tree(source)
    # Names arrive composed (NFC), whatever form the sender's disk had them in.
    assert all(unicodedata.is_normalized("NFC", p.name) for p in arrived.rglob("*"))
    assert (arrived / unicodedata.normalize("NFC", "Résumé café") / "élève.bin").is_file()
    assert (arrived / "vide" / "encore vide" / "toujours vide").is_dir()

    # The same tree from the customer's Documents back to the agent.
    theirs = _unicode_tree(_home(allowed) / "Documents" / "Dossier 🎉 ü")
    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    fetch = allowed.agent_files.trees.fetch_tree(
        allowed.customer_id, str(_home(allowed)), "Documents", ["Dossier 🎉 ü"], mine
    )
    await allowed.until(lambda: fetch.stage in (Stage.DONE, Stage.FAILED), "the tree fetched")
    assert fetch.stage == Stage.DONE, fetch
    assert _tree(mine / "Dossier 🎉 ü") == _tree(theirs)
    assert [p.name for p in mine.iterdir()] == ["Dossier 🎉 ü"]
    assert [r.kind for r in allowed.asked] == [PermissionKind.WRITE_FILES]


# --- a drop in the middle -------------------------------------------------------------------


class CountingBulk:
    """The agent's bulk channel, counting the file bytes written into each channel in turn
    (a link that comes back is a new one, with a new channel)."""

    def __init__(self, inner: Channel, counts: dict[int, int]) -> None:
        self.inner = inner
        self.counts = counts

    async def write(self, data: bytes | str) -> None:
        await self.inner.write(data)
        key = id(self.inner)
        self.counts[key] = self.counts.get(key, 0) + len(data) - chunks.HEADER_BYTES

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


async def test_a_network_drop_mid_file_relinks_and_resumes_where_the_customer_stood(
    allowed: Pair, tmp_path: Path, blackout: Blackout, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: dict[int, int] = {}  # file bytes per bulk channel, in the order first written
    channel = allowed.agent.channel

    def counting(remote_id: str, name: ChannelName) -> object:
        found = channel(remote_id, name)
        return CountingBulk(found, counts) if name == ChannelName.BULK else found

    monkeypatch.setattr(allowed.agent, "channel", counting)
    source = _random_file(tmp_path / "agent", "disk image.img", DROPPED_FILE_BYTES)
    size = source.stat().st_size
    final = allowed.customer_files.inbox / source.name
    early: list[str] = []  # what was seen under the final name before the file was done
    cut: list[int] = []  # where the customer's side stood when the network went

    def watch(event: object) -> None:
        """On every event of the customer's side: nothing under the final name until done;
        the network goes once a third of the file is written."""
        if not isinstance(event, TransferDone) and final.exists():
            early.append(type(event).__name__)
        if isinstance(event, TransferProgress) and event.bytes >= size // 3 and not cut:
            cut.append(event.bytes)
            blackout.on = True

    allowed.customer.engine.subscribe(watch)
    first_link = allowed.agent.links[allowed.customer_id]
    customers_first = allowed.customer.links[allowed.agent_id]
    sent = await allowed.agent_files.send_file(allowed.customer_id, source)
    await allowed.until(lambda: sent.id in allowed.customer_files.transfers, "the offer")
    received = allowed.customer_files.transfers[sent.id]

    def dropped() -> bool:
        """The agent's side saw the link go (by its heartbeat) and so did the customer's, or
        the agent's new offer reached them first."""
        customer_link = allowed.customer.links.get(allowed.agent_id)
        replaced = customer_link is not None and customer_link is not customers_first
        return sent.stage == Stage.INTERRUPTED and (received.stage == Stage.INTERRUPTED or replaced)

    await allowed.until(dropped, "both sides to see the drop", DROP_TIMEOUT_S)
    stood_at = received.bytes
    assert cut and cut[0] <= stood_at < size and not final.exists()
    # Meanwhile the part written so far waits under a temporary name, in the same folder.
    (partial,) = allowed.customer_files.inbox.iterdir()
    assert partial.name != source.name
    blackout.on = False  # the network comes back: the agent's next offer links again

    await _ended(allowed, [sent, received], DROP_TIMEOUT_S)
    assert allowed.agent.links[allowed.customer_id] is not first_link
    await _same_bytes(source, final)
    assert [p.name for p in allowed.customer_files.inbox.iterdir()] == [source.name]
    assert early == []
    # Resumed, not restarted: the new link carried the rest of the file from where the
    # customer's side stood, and only that.
    (resumed,) = _audited(allowed.customer, "files.resumed")
    offset = int(resumed.detail["offset"])
    assert stood_at <= offset < size
    before, after = counts.values()
    assert after == size - offset < size
    assert before >= offset
    assert [r.kind for r in allowed.asked] == [PermissionKind.WRITE_FILES]
