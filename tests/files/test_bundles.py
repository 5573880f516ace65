"""The small files of a folder go in bundles (several files as one transfer): a folder of many
small files, a few large and empty ones arrives identical; a damaged chunk or entry is sent
again; a drop resumes from what the receiver holds; a taken name asks; a peer that vanishes
leaves nothing; and a modified console's bundles are refused whole with a reason, over real
sessions (a real center, aiortc on loopback) and the in-memory network."""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.features.files import bundles, chunks, engine
from shared.features.files.bundles import (
    BUNDLE_FILE_BYTES,
    MAX_BUNDLE_BYTES,
    MAX_BUNDLE_FILES,
    held_bytes,
)
from shared.features.files.conflicts import NameConflict
from shared.features.files.destination import Conflict
from shared.features.files.model import Direction, Stage, TransferDone, TransferProgress
from shared.features.files.protocol import (
    MAX_ENTRY_REASON_CHARS,
    BundleEntry,
    EntryOutcome,
    EntryResult,
    FileBundle,
    FileBundleDone,
    FileFetchTree,
    FileTree,
    FileTreeEnd,
)
from shared.features.files.trees import Group, GroupEnded
from shared.protocol import PEER
from shared.protocol.limits import MAX_PEER_MESSAGE_BYTES
from shared.protocol.messages import SessionSettings
from shared.session.consent import PermissionKind
from shared.transport.channels import Channel, ChannelName
from tests.files.test_hostile import _allowed_tree, _everything
from tests.files.test_transfer import Pair, _audited, _memory_pair, real

__all__ = ["real"]


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under ``folder``: a file's bytes, None for a folder."""
    return {
        str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
    }


def _ended(group: Group) -> bool:
    return group.stage in (Stage.DONE, Stage.FAILED, Stage.ABORTED)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _small_files(folder: Path, count: int, size: int = 4096) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"f{n:04d}.bin").write_bytes(os.urandom(size))
    return folder


def _no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".part")]


# --- a folder arrives whole ---------------------------------------------------------------------


async def test_several_files_sent_at_once_make_a_missing_downloads_folder(
    tmp_path: Path,
) -> None:
    # "Send files…" with several files, to a customer with no Downloads folder yet.
    pair = await _memory_pair(tmp_path)
    try:
        pair.customer_files.inbox = tmp_path / "home" / "Downloads"
        pair.customer_files.inbox.parent.mkdir()
        source = _small_files(tmp_path / "agent", 3, 100)
        group = await pair.agent_files.trees.send_paths(pair.customer_id, sorted(source.iterdir()))
        await pair.until(lambda: _ended(group), "the files")
        assert group.stage == Stage.DONE, group
        assert _tree(pair.customer_files.inbox) == _tree(source)
    finally:
        await pair.close()


async def test_a_folder_of_small_large_empty_files_and_empty_folders_arrives_identical(
    real: Pair, tmp_path: Path
) -> None:
    source = tmp_path / "agent" / "Dossier été"
    (source / "vide" / "plus vide").mkdir(parents=True)
    _small_files(source / "petits", 300, 3000)
    (source / "日本語").mkdir()
    for n in range(5):
        (source / "日本語" / f"ファイル {n}.txt").write_bytes(os.urandom(100 + n))
    (source / "empty.txt").write_bytes(b"")
    (source / "日本語" / "empty too").write_bytes(b"")
    (source / "big.bin").write_bytes(os.urandom(BUNDLE_FILE_BYTES + 1))  # one by one
    (source / "bigger.bin").write_bytes(os.urandom(700_000))

    group = await real.agent_files.trees.send_paths(real.customer_id, [source])
    await real.until(lambda: _ended(group), "the folder")

    assert group.stage == Stage.DONE, group
    assert group.done == 309
    arrived = real.customer_files.inbox / "Dossier été"
    assert _tree(arrived) == _tree(source)
    assert _no_temporary_files(real.customer_files.inbox)
    assert [r.kind for r in real.asked] == [PermissionKind.WRITE_FILES]  # one question
    # One audit entry per bundle on each side, naming each file with its size and SHA-256.
    received = _audited(real.customer, "files.bundle_received")
    sent = _audited(real.agent, "files.bundle_sent")
    assert len(received) == len(sent) == 2  # 307 small files: 256 + 51
    listed = [line for e in received for line in e.lines]
    data = (source / "petits" / "f0007.bin").read_bytes()
    assert f"{_sha(data)} 3000 Dossier été/petits/f0007.bin done" in listed
    for entry in received:
        assert entry.detail["asked_by"] == real.agent_id
        assert entry.detail["allowed_by"] == real.customer_id
    # Not an entry per bundled file: only the two large ones have their own.
    assert len(_audited(real.customer, "files.received")) == 2


async def test_a_bundles_files_show_as_on_their_way_on_both_sides_until_written(
    real: Pair, tmp_path: Path
) -> None:
    # Before, a bundled file went from "waiting for permission" to done with nothing between:
    # the agent's lines said it still waited, the customer's window never listed it.
    source = _small_files(tmp_path / "agent" / "d", 10, 100)
    seen: dict[str, list[tuple[str, str]]] = {"agent": [], "customer": []}

    def recorder(side: str) -> Callable[[object], None]:
        def record(event: object) -> None:
            if isinstance(event, TransferProgress | TransferDone):
                seen[side].append((type(event).__name__, event.id))

        return record

    real.agent.engine.subscribe(recorder("agent"))
    real.customer.engine.subscribe(recorder("customer"))
    group = await real.agent_files.trees.send_paths(real.customer_id, [source])
    await real.until(lambda: _ended(group), "the folder")
    assert group.stage == Stage.DONE and group.done == 10
    for side, events in seen.items():
        done = [i for kind, i in events if kind == "TransferDone"]
        assert len(done) == 10, side
        for transfer_id in done:
            kinds = [kind for kind, i in events if i == transfer_id]
            assert kinds[0] == "TransferProgress" and kinds[-1] == "TransferDone", (side, kinds)


async def test_a_folders_files_are_listed_in_the_order_a_person_reads_them(
    real: Pair, tmp_path: Path
) -> None:
    """Numbers by their value, case aside: the customer's copying window listed "f449" between
    "f44" and "f45", as text sorts them."""
    source = tmp_path / "agent" / "scans"
    source.mkdir(parents=True)
    names = ["f9", "f10", "f44", "f45", "F46", "f449", "f450"]
    for name in reversed(names):
        (source / name).write_bytes(name.encode())
    first_seen: list[str] = []
    named: dict[str, str] = {}

    def record(event: object) -> None:
        if isinstance(event, TransferProgress | TransferDone) and event.id not in first_seen:
            first_seen.append(event.id)
        if isinstance(event, TransferDone):
            named[event.id] = event.name

    real.customer.engine.subscribe(record)
    group = await real.agent_files.trees.send_paths(real.customer_id, [source])
    await real.until(lambda: _ended(group), "the folder")
    assert [named[i] for i in first_seen] == [f"scans/{name}" for name in names]


# --- damage, drops, a vanished peer -----------------------------------------------------------


class _Spoiling:
    """The agent's bulk channel, spoiling the second frame it sends: its CRC then fails
    ("crc"), or the CRC is made to match the spoiled bytes, so that only the entries' SHA-256
    tells ("sha")."""

    def __init__(self, inner: Channel, how: str, spoiled: list[int]) -> None:
        self.inner, self.how, self.spoiled = inner, how, spoiled

    async def write(self, data: bytes | str) -> None:
        self.spoiled.append(0)
        if len(self.spoiled) == 2 and isinstance(data, bytes):
            frame = chunks.decode(data)
            payload = bytearray(frame.payload)
            payload[100] ^= 0xFF
            if self.how == "sha":
                data = chunks.encode(frame.transfer, frame.offset, bytes(payload))
            else:
                data = data[: chunks.HEADER_BYTES] + bytes(payload)
        await self.inner.write(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


@pytest.mark.parametrize("how", ["crc", "sha"])
async def test_a_damaged_chunk_inside_a_bundle_is_sent_again_and_the_files_arrive_right(
    real: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    spoiled: list[int] = []
    channel = real.agent.channel

    def wrapped(remote_id: str, name: ChannelName) -> object:
        found = channel(remote_id, name)
        return _Spoiling(found, how, spoiled) if name == ChannelName.BULK else found

    monkeypatch.setattr(real.agent, "channel", wrapped)
    source = _small_files(tmp_path / "agent" / "many", 40)  # 160 KiB: three frames

    group = await real.agent_files.trees.send_paths(real.customer_id, [source])
    await real.until(lambda: _ended(group), "the folder")

    assert group.stage == Stage.DONE, group
    assert _tree(real.customer_files.inbox / "many") == _tree(source)
    (noted,) = _audited(real.customer, "files.damaged")
    # A damaged chunk: again from that chunk. A damaged entry: the bundle again from zero.
    expected = str(chunks.MAX_PAYLOAD_BYTES) if how == "crc" else "0"
    assert noted.detail["offset"] == expected
    assert _no_temporary_files(real.customer_files.inbox)


class _Recording:
    """The agent's bulk channel, noting which bundle each frame it sends belongs to."""

    def __init__(self, inner: Channel, sent: list[str]) -> None:
        self.inner, self.sent = inner, sent

    async def write(self, data: bytes | str) -> None:
        if isinstance(data, bytes):
            self.sent.append(chunks.decode(data).transfer)
        await self.inner.write(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


async def test_a_folders_bundles_travel_one_after_another_so_the_first_files_land_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Side by side, the bundles in flight would share the channel frame by frame and all
    # arrive at the end together: no file of the folder would appear until then.
    pair = await _memory_pair(tmp_path, delay_s=0.01)
    try:
        sent: list[str] = []
        channel = pair.agent.channel

        def wrapped(remote_id: str, name: ChannelName) -> object:
            found = channel(remote_id, name)
            return _Recording(found, sent) if name == ChannelName.BULK else found

        monkeypatch.setattr(pair.agent, "channel", wrapped)
        source = _small_files(tmp_path / "agent" / "three", 48, BUNDLE_FILE_BYTES)

        group = await pair.agent_files.trees.send_paths(pair.customer_id, [source])
        await pair.until(lambda: _ended(group), "the folder")

        assert group.stage == Stage.DONE, group
        assert _tree(pair.customer_files.inbox / "three") == _tree(source)
        runs = [bundle for bundle, _ in itertools.groupby(sent)]
        assert len(set(sent)) == 3  # 48 files of 64 KiB: three bundles of 1 MiB
        assert runs == list(dict.fromkeys(sent)), "a bundle's frames were interleaved"
    finally:
        await pair.close()


def _one_bundle(tmp_path: Path) -> Path:
    """A folder of 16 files of 64 KiB: one bundle of 1 MiB."""
    source = _small_files(tmp_path / "agent" / "one", MAX_BUNDLE_BYTES // BUNDLE_FILE_BYTES)
    for path in source.iterdir():
        path.write_bytes(os.urandom(BUNDLE_FILE_BYTES))
    return source


def _receiving(pair: Pair) -> list[bundles.Bundle]:
    return list(pair.customer_files.bundles.bundles.values())


async def test_a_drop_in_the_middle_of_a_bundle_resumes_from_what_the_receiver_holds(
    tmp_path: Path,
) -> None:
    pair = await _memory_pair(tmp_path, delay_s=0.01)
    try:
        assert pair.network is not None
        source = _one_bundle(tmp_path)
        group = await pair.agent_files.trees.send_paths(pair.customer_id, [source])
        await pair.until(
            lambda: any(b.received > MAX_BUNDLE_BYTES // 4 for b in _receiving(pair)), "a part"
        )
        pair.network.partition(True)
        await pair.until(
            lambda: all(b.stage == Stage.INTERRUPTED for b in _receiving(pair)), "the drop seen"
        )
        (bundle,) = _receiving(pair)
        stood_at = bundle.received
        pair.network.partition(False)
        await pair.until(lambda: _ended(group), "the folder")

        assert group.stage == Stage.DONE, group
        assert _tree(pair.customer_files.inbox / "one") == _tree(source)
        (resumed,) = _audited(pair.customer, "files.resumed")
        assert resumed.detail["bundle"] == bundle.id
        assert 0 < stood_at < MAX_BUNDLE_BYTES and resumed.detail["offset"] == str(stood_at)
        (asked,) = _audited(pair.agent, "files.resumed")
        assert asked.detail["offset"] == str(stood_at)  # not from zero
    finally:
        await pair.close()


async def test_a_peer_vanishing_mid_bundle_leaves_no_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "RESUME_WINDOW_S", 5.0)
    pair = await _memory_pair(tmp_path, delay_s=0.01)
    try:
        assert pair.network is not None
        source = _one_bundle(tmp_path)
        group = await pair.agent_files.trees.send_paths(pair.customer_id, [source])
        await pair.until(
            lambda: any(b.received > MAX_BUNDLE_BYTES // 4 for b in _receiving(pair)), "a part"
        )
        pair.network.partition(True)  # and it never comes back
        await pair.until(lambda: _ended(group), "the agent gives up")
        await pair.until(lambda: not _receiving(pair), "the customer gives up")

        assert group.stage == Stage.FAILED
        assert _everything(pair.customer_files.inbox) == ["one"]  # its folder, empty
        assert held_bytes(pair.customer_files.bundles, pair.agent_id) == 0
        received = pair.customer_files.transfers.values()
        assert {t.stage for t in received if t.group == group.id} == {Stage.FAILED}
        (failed,) = _audited(pair.customer, "files.bundle_failed")
        assert failed.detail["reason"] == "The connection did not come back."
    finally:
        await pair.close()


async def test_the_agent_stopping_a_folder_mid_bundle_leaves_nothing_on_the_customers_side(
    tmp_path: Path,
) -> None:
    pair = await _memory_pair(tmp_path, delay_s=0.01)
    try:
        source = _one_bundle(tmp_path)
        group = await pair.agent_files.trees.send_paths(pair.customer_id, [source])
        await pair.until(
            lambda: any(b.received > MAX_BUNDLE_BYTES // 4 for b in _receiving(pair)), "a part"
        )
        pair.agent_files.trees.abort_group(group.id)
        theirs = pair.customer_files.trees.groups[group.id]
        await pair.until(lambda: _ended(theirs), "the customer's side told")

        assert (group.stage, theirs.stage) == (Stage.ABORTED, Stage.ABORTED)
        assert _everything(pair.customer_files.inbox) == ["one"]
        assert not _receiving(pair)
        received = [t for t in pair.customer_files.transfers.values() if t.group == group.id]
        assert len(received) == 16 and {t.stage for t in received} == {Stage.ABORTED}
        (stopped,) = _audited(pair.customer, "files.bundle_aborted")
        assert stopped.actor == pair.agent_id
    finally:
        await pair.close()


# --- a taken name -------------------------------------------------------------------------


async def _send_over_a_taken_name(
    real: Pair, tmp_path: Path, others: dict[str, bytes]
) -> tuple[Group, NameConflict]:
    """The customer has d/a.txt; the agent sends its folder d (a.txt and ``others``): the
    group and the customer's question about a.txt."""
    (real.customer_files.inbox / "d").mkdir()
    (real.customer_files.inbox / "d" / "a.txt").write_bytes(b"theirs")
    source = tmp_path / "agent" / "d"
    source.mkdir(parents=True)
    for name, data in {"a.txt": b"mine", **others}.items():
        (source / name).write_bytes(data)
    group = await real.agent_files.trees.send_paths(real.customer_id, [source])
    await real.until(lambda: any(isinstance(e, NameConflict) for e in real.events), "asked")
    (question,) = [e for e in real.events if isinstance(e, NameConflict)]
    assert question.name == "d/a.txt"
    return group, question


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (Conflict.REPLACE, {"a.txt": b"mine", "b.txt": b"b"}),
        (Conflict.KEEP_BOTH, {"a.txt": b"theirs", "a (2).txt": b"mine", "b.txt": b"b"}),
        (Conflict.SKIP, {"a.txt": b"theirs", "b.txt": b"b"}),
    ],
)
async def test_a_taken_name_in_a_bundle_asks_and_the_answer_is_obeyed(
    real: Pair, tmp_path: Path, choice: Conflict, expected: dict[str, bytes]
) -> None:
    group, question = await _send_over_a_taken_name(real, tmp_path, {"b.txt": b"b"})
    assert question.group == group.id
    assert real.customer_files.answer_conflict(question.id, choice)
    await real.until(lambda: _ended(group), "the folder")

    assert _tree(real.customer_files.inbox / "d") == expected
    assert group.done == (1 if choice is Conflict.SKIP else 2)
    assert _no_temporary_files(real.customer_files.inbox)
    # The agent's side names each file as it was kept.
    done = [t for t in real.agent_files.transfers.values() if t.stage == Stage.DONE]
    sent_as = {"d/b.txt"} | (set() if choice is Conflict.SKIP else {"d/a.txt"})
    assert {t.name for t in done} == sent_as  # the audit's names: as sent
    sent = {t.kept_as or t.name for t in done}
    kept_as = {Conflict.REPLACE: {"d/a.txt"}, Conflict.KEEP_BOTH: {"d/a (2).txt"}}
    assert sent == {"d/b.txt", *kept_as.get(choice, set())}


async def test_taken_names_in_bundles_written_side_by_side_ask_once_for_the_whole_folder(
    real: Pair, tmp_path: Path
) -> None:
    # Three bundles of 1 MiB, written side by side, every name taken on the customer's side.
    source = _small_files(tmp_path / "agent" / "three", 48, BUNDLE_FILE_BYTES)
    theirs = real.customer_files.inbox / "three"
    theirs.mkdir()
    for path in source.iterdir():
        (theirs / path.name).write_bytes(b"theirs")
    group = await real.agent_files.trees.send_paths(real.customer_id, [source])

    def questions() -> list[NameConflict]:
        return [e for e in real.events if isinstance(e, NameConflict)]

    receiving = real.customer_files.bundles.bundles
    await real.until(
        lambda: len([b for b in receiving.values() if b.writing]) == 3 and bool(questions()),
        "all three bundles whole, a question asked",
    )
    # One window at a time: the other bundles wait for its answer instead of asking too.
    (question,) = questions()
    assert real.customer_files.answer_conflict(question.id, Conflict.REPLACE, for_all=True)
    await real.until(lambda: _ended(group), "the folder")

    assert len(questions()) == 1  # the answer "for all" settled the other bundles' files
    assert group.done == 48
    assert _tree(theirs) == _tree(source)


async def test_a_taken_name_alone_in_its_folder_offers_no_answer_for_the_others(
    real: Pair, tmp_path: Path
) -> None:
    group, question = await _send_over_a_taken_name(real, tmp_path, {})
    assert question.group == ""  # no others to apply it to
    assert real.customer_files.answer_conflict(question.id, Conflict.SKIP)
    await real.until(lambda: _ended(group), "the folder")
    assert _tree(real.customer_files.inbox / "d") == {"a.txt": b"theirs"}


async def test_one_file_kept_under_another_name_ends_its_group_by_that_name(
    real: Pair, tmp_path: Path
) -> None:
    """Sent alone (the two-pane window sends one file as a group): Keep both, and the line
    that says the group ended names the file as it was kept, as its own line does."""
    (real.customer_files.inbox / "a.txt").write_bytes(b"theirs")
    source = tmp_path / "agent" / "a.txt"
    source.parent.mkdir(parents=True)
    source.write_bytes(b"mine")
    group = await real.agent_files.trees.send_paths(real.customer_id, [source])
    await real.until(lambda: any(isinstance(e, NameConflict) for e in real.events), "asked")
    (question,) = [e for e in real.events if isinstance(e, NameConflict)]
    assert real.customer_files.answer_conflict(question.id, Conflict.KEEP_BOTH)
    await real.until(lambda: _ended(group), "the file")
    ended = [e for e in real.events if isinstance(e, GroupEnded) and e.direction == Direction.SEND]
    assert [e.name for e in ended] == ["a (2).txt"]
    assert (real.customer_files.inbox / "a (2).txt").read_bytes() == b"mine"


# --- a modified console -------------------------------------------------------------------


def _bundle(
    bundle_id: str, group: str, files: dict[str, bytes], size: int | None = None
) -> FileBundle:
    entries = [
        BundleEntry(id=f"{bundle_id[:14]}{n:02x}", name=name, size=len(data), sha256=_sha(data))
        for n, (name, data) in enumerate(files.items())
    ]
    total = sum(len(data) for data in files.values()) if size is None else size
    return FileBundle(id=bundle_id, group=group, size=total, entries=entries)


async def _bundle_goes_through(real: Pair, group_id: str) -> None:
    """The session goes on: an honest bundle in the same group arrives."""
    offer = _bundle("9" * 16, group_id, {"ok.txt": b"hello"})
    real.agent.send_to(real.customer_id, offer)
    await real.until(lambda: offer.id in real.customer_files.bundles.bundles, "accepted")
    bulk = real.agent.channel(real.customer_id, ChannelName.BULK)
    await bulk.write(chunks.encode(offer.id, 0, b"hello"))
    ok = real.customer_files.inbox / "ok.txt"
    await real.until(lambda: ok.exists(), "the honest bundle written")
    assert ok.read_bytes() == b"hello"


async def _refused(real: Pair, offer: FileBundle) -> str:
    real.agent.send_to(real.customer_id, offer)
    await real.until(lambda: bool(_audited(real.customer, "files.bundle_refused")), "refused")
    (refusal,) = _audited(real.customer, "files.bundle_refused")
    assert refusal.detail["bundle"] == offer.id and refusal.actor == real.customer_id
    return refusal.detail["reason"]


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("duplicate", "The same name comes twice"),
        ("sizes", "do not add up"),
        ("more_files", "More than the files announced"),
        ("more_bytes", "More than the files announced"),
        ("memory", "would wait to be written"),
        ("per_file", "over the limit of"),
        ("reused_id", "id in the bundle is not new"),
    ],
)
async def test_a_hostile_bundle_is_refused_whole_with_its_reason_and_the_session_goes_on(
    real: Pair, monkeypatch: pytest.MonkeyPatch, case: str, reason: str
) -> None:
    group_id = "b1b1b1b1b1b1b1b1"
    await _allowed_tree(real, group_id, files=3, size=1000)
    bad = "a" * 16
    offers = {
        "duplicate": _bundle(bad, group_id, {"x.txt": b"1"}),
        "sizes": _bundle(bad, group_id, {"x.txt": b"12345"}, size=11),
        "more_files": _bundle(bad, group_id, {f"x{n}": b"1" for n in range(4)}),
        "more_bytes": _bundle(bad, group_id, {"x.bin": os.urandom(1001)}),
        "memory": _bundle(bad, group_id, {"x.bin": os.urandom(500)}),
        "per_file": _bundle(bad, group_id, {"x.bin": os.urandom(500)}),
        "reused_id": _bundle(bad, group_id, {"x.txt": b"1"}),
    }
    offer = offers[case]
    if case == "duplicate":
        twice = [offer.entries[0], offer.entries[0].model_copy(update={"id": "c" * 16})]
        offer = offer.model_copy(update={"entries": twice, "size": 2})
    elif case == "memory":
        monkeypatch.setattr(bundles, "MAX_HELD_BYTES_PER_PEER", 100)
    elif case == "per_file":
        real.customer.settings = SessionSettings(max_file_bytes=100)
    elif case == "reused_id":
        offer = offer.model_copy(
            update={"entries": [offer.entries[0].model_copy(update={"id": bad})]}
        )

    assert reason in await _refused(real, offer)
    await _bundle_goes_through(real, group_id)
    assert _everything(real.customer_files.inbox) == ["ok.txt"]


async def test_a_bundle_outside_any_allowed_group_is_refused(real: Pair) -> None:
    offer = _bundle("a" * 16, "f" * 16, {"payload.exe": b"MZ"})
    assert await _refused(real, offer) == "Not part of an allowed transfer."
    await real.agent.channel(real.customer_id, ChannelName.BULK).write(
        chunks.encode(offer.id, 0, b"MZ")
    )
    await real.until(
        lambda: any(
            e.detail["transfer"] == offer.id for e in _audited(real.customer, "files.dropped")
        ),
        "the chunk dropped",
    )
    assert _everything(real.customer_files.inbox) == []


@pytest.mark.parametrize("name", ["../evil.sh", "/etc/cron.d/evil", "d/CON", "a/../../b"])
async def test_a_bundle_with_a_bad_name_is_dropped_and_the_session_goes_on(
    real: Pair, name: str
) -> None:
    group_id = "b2b2b2b2b2b2b2b2"
    await _allowed_tree(real, group_id, files=3, size=1000)
    entry = BundleEntry.model_construct(id="c" * 16, name=name, size=2, sha256=_sha(b"MZ"))
    offer = FileBundle.model_construct(id="a" * 16, group=group_id, size=2, entries=[entry])
    real.agent.send_to(real.customer_id, offer)  # the customer's side cannot read it: dropped
    await _bundle_goes_through(real, group_id)
    assert "a" * 16 not in real.customer_files.bundles.bundles
    assert _everything(real.customer_files.inbox) == ["ok.txt"]


async def test_a_fetched_tree_refuses_a_bundle_with_names_the_agent_did_not_ask_for(
    real: Pair, tmp_path: Path
) -> None:
    def hostile(remote_id: str, fetch: FileFetchTree) -> None:
        send = real.customer_files.send
        send(remote_id, FileTree(id=fetch.id, name="note.txt", files=2, size=20))
        files = {"note.txt": b"hello", "evil.sh": b"#!/bin/sh\n"}
        send(remote_id, _bundle("a" * 16, fetch.id, files))
        send(remote_id, FileTreeEnd(group=fetch.id, files=2))

    real.customer_files._handlers[FileFetchTree] = hostile
    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    group = real.agent_files.trees.fetch_tree(real.customer_id, "/", "", ["note.txt"], mine)
    await real.until(lambda: _ended(group), "the group's end")
    assert group.stage == Stage.FAILED
    (refusal,) = _audited(real.agent, "files.bundle_refused")
    assert refusal.detail["reason"] == "Not among the files asked for."
    assert _everything(mine) == []


# --- sizes on the wire ------------------------------------------------------------------------


@pytest.mark.parametrize("name_bytes", [8, 120, 255])
def test_the_fullest_bundles_and_their_results_fit_a_peer_message(name_bytes: int) -> None:
    # Names up to the limit per name (255 bytes), under a long folder name.
    tail = "é" * ((name_bytes - 3) // 2)
    files = [(f"{'d' * 200}/{n:03d}{tail}", Path("x"), 10) for n in range(600)]
    packed = bundles.pack(files)
    assert sum(len(b) for b in packed) == 600
    for batch in packed:
        offer = FileBundle(
            id="a" * 16,
            group="b" * 16,
            size=sum(f[2] for f in batch),
            entries=[
                BundleEntry(id=f"{n:016x}", name=name, size=size, sha256="c" * 64)
                for n, (name, _, size) in enumerate(batch)
            ],
        )
        assert len(PEER.encode(offer).encode()) <= MAX_PEER_MESSAGE_BYTES
    # Short names: full bundles.
    count = 2 * MAX_BUNDLE_FILES + 44
    short = bundles.pack([(f"f{n}.txt", Path("x"), 10) for n in range(count)])
    assert [len(b) for b in short] == [MAX_BUNDLE_FILES, MAX_BUNDLE_FILES, 44]
    reason = "r" * MAX_ENTRY_REASON_CHARS
    done = FileBundleDone(
        id="a" * 16,
        results=[EntryResult(outcome=EntryOutcome.FAILED, reason=reason)] * MAX_BUNDLE_FILES,
    )
    assert len(PEER.encode(done).encode()) <= MAX_PEER_MESSAGE_BYTES
