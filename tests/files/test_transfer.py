"""File transfer between two real sessions (a real center, aiortc on loopback) and over the
in-memory network (drops, in virtual time): files arrive identical and verified, the customer
decides, a damaged chunk or a dropped link costs a re-send from where the receiver stands, not
the whole file, and a console sending data nobody allowed writes nothing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import tracemalloc
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from customer_client.services.customer_session import CustomerSession
from shared.features.files import chunks
from shared.features.files.destination import MAX_FILE_BYTES
from shared.features.files.engine import (
    MAX_KEPT_TRANSFERS,
    Direction,
    FilesFeature,
    FileTooLarge,
    Stage,
    Transfer,
    TransferAborted,
    TransferDone,
    TransferFailed,
    limit_text,
)
from shared.features.files.protocol import FileOffer
from shared.protocol.messages import AgentHello, SessionSettings
from shared.session.audit import AuditEvent
from shared.session.consent import ConsentAnswer, ConsentRequest, PermissionKind
from shared.session.live import LiveSession
from shared.transport.channels import BULK_MAX_BUFFERED, Channel, ChannelName
from shared.transport.clock import VirtualClock
from shared.transport.link import LinkState
from shared.transport.memory_link import MemoryNetwork
from tests.engine.memory_center import NUMBER, TOKEN, MemoryCenter, MemorySignaling
from tests.helpers import CenterFixture, wait_for

# Real time a test gives a transfer on loopback (a few MB at ~10 MiB/s, with margin).
TRANSFER_TIMEOUT_S = 30.0
MIB = 1024 * 1024


@dataclass
class Pair:
    agent: LiveSession
    customer: LiveSession
    agent_files: FilesFeature
    customer_files: FilesFeature
    asked: list[ConsentRequest] = field(default_factory=list)
    events: list[object] = field(default_factory=list)
    clock: VirtualClock | None = None
    network: MemoryNetwork | None = None

    @property
    def agent_id(self) -> str:
        assert self.agent.engine.me is not None
        return self.agent.engine.me.id

    @property
    def customer_id(self) -> str:
        assert self.customer.engine.me is not None
        return self.customer.engine.me.id

    async def until(self, condition: Callable[[], bool], what: str, timeout: float = 0) -> None:
        """Until ``condition`` holds: in real time on loopback; in virtual time on the memory
        network, giving threads (hashing, flushing to disk) the real moments they need."""
        if self.clock is None:
            await wait_for(condition, timeout or TRANSFER_TIMEOUT_S, what)
            return
        deadline = time.monotonic() + (timeout or TRANSFER_TIMEOUT_S)
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            await self.clock.advance(0.05, until=condition)
            if not condition():
                await asyncio.sleep(0.001)

    async def close(self) -> None:
        await self.customer.close()
        await self.agent.close()


def _answering(pair: Pair, answer: ConsentAnswer | None) -> None:
    """The customer's consent: ``answer`` every time, or never answered (None)."""

    async def ask(request: ConsentRequest) -> ConsentAnswer:
        pair.asked.append(request)
        if answer is None:
            await asyncio.Event().wait()
        assert answer is not None
        return answer

    pair.customer.consent.ask = ask


def _wire(pair: Pair, tmp_path: Path) -> Pair:
    pair.customer_files.inbox = tmp_path / "customer-inbox"
    pair.customer_files.inbox.mkdir()
    for session in (pair.agent, pair.customer):
        session.engine.subscribe(pair.events.append)
    _answering(pair, ConsentAnswer(granted=True))
    return pair


@contextlib.asynccontextmanager
async def real_pair(center: CenterFixture, tmp_path: Path) -> AsyncIterator[Pair]:
    """An agent and a customer of ``center``, linked by real aiortc on loopback."""
    agent, _ = await center.agent()
    customer = center.customer()
    pair = _wire(Pair(agent, customer, FilesFeature(agent), FilesFeature(customer)), tmp_path)
    started = await agent.start()
    await customer.join(started.number, "Grace")
    await customer.wait_connected()
    await pair.until(lambda: _linked(pair), "the peer link, both ways")
    try:
        yield pair
    finally:
        await pair.close()


@pytest.fixture
async def real(center: CenterFixture, tmp_path: Path) -> AsyncIterator[Pair]:
    async with real_pair(center, tmp_path) as pair:
        yield pair


async def _memory_pair(tmp_path: Path, delay_s: float = 0.0) -> Pair:
    clock = VirtualClock()
    network = MemoryNetwork(clock, delay_s=delay_s)
    agent = LiveSession(MemorySignaling(MemoryCenter()), clock=clock, link_factory=network)  # type: ignore[arg-type]
    center = agent.center.center  # type: ignore[attr-defined]
    customer = CustomerSession(MemorySignaling(center), clock=clock, link_factory=network)  # type: ignore[arg-type]
    pair = _wire(Pair(agent, customer, FilesFeature(agent), FilesFeature(customer)), tmp_path)
    pair.clock, pair.network = clock, network
    await agent._enter(AgentHello(token=TOKEN, session=NUMBER))
    await customer.join(NUMBER, "Grace")
    await pair.until(lambda: _linked(pair), "the memory link, both ways")
    return pair


@pytest.fixture
async def memory(tmp_path: Path) -> AsyncIterator[Pair]:
    pair = await _memory_pair(tmp_path, delay_s=0.002)
    try:
        yield pair
    finally:
        await pair.close()


def _linked(pair: Pair) -> bool:
    if pair.agent.engine.me is None or pair.customer.engine.me is None:
        return False
    to_customer = pair.agent.links.get(pair.customer_id)
    to_agent = pair.customer.links.get(pair.agent_id)
    return all(
        link is not None and link.state == LinkState.OPEN for link in (to_customer, to_agent)
    )


def _random_file(folder: Path, name: str, size: int) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    with path.open("wb") as file:
        left = size
        while left:  # in blocks: the 20 MB file is never in memory whole either
            block = min(left, MIB)
            file.write(os.urandom(block))
            left -= block
    return path


def _same(a: Path, b: Path) -> bool:
    with a.open("rb") as one, b.open("rb") as other:
        while True:
            x, y = one.read(MIB), other.read(MIB)
            if x != y:
                return False
            if not x:
                return True


def _audited(session: LiveSession, kind: str) -> list[AuditEvent]:
    return [e for e in session.engine.audit.events if e.kind == kind]


def _over(transfer: Transfer) -> Callable[[], bool]:
    return lambda: transfer.stage in (Stage.DONE, Stage.FAILED, Stage.ABORTED)


async def _send(pair: Pair, path: Path) -> tuple[Transfer, Transfer]:
    """Send ``path`` to the customer and wait for both sides to finish."""
    sent = await pair.agent_files.send_file(pair.customer_id, path, "Downloads")
    await pair.until(lambda: sent.id in pair.customer_files.transfers, "the offer")
    received = pair.customer_files.transfers[sent.id]
    await pair.until(lambda: _over(sent)() and _over(received)(), "the transfer's end")
    return sent, received


# --- real sessions, aiortc on loopback ------------------------------------------------------


async def test_random_bytes_arrive_identical_with_consent_and_an_audit_on_both_sides(
    real: Pair, tmp_path: Path
) -> None:
    source = _random_file(tmp_path / "agent", "report été.bin", 3 * MIB + 12_345)
    sent, received = await _send(real, source)

    assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE), received.reason
    assert received.path == real.customer_files.inbox / "report été.bin"
    assert _same(source, received.path)
    (request,) = real.asked
    assert request.kind == PermissionKind.WRITE_FILES and request.feature == "files"
    assert request.activity_id == sent.id and request.agent_id == real.agent_id
    for session, kind in ((real.agent, "files.sent"), (real.customer, "files.received")):
        (entry,) = _audited(session, kind)
        assert entry.detail["name"] == "report été.bin"
        assert entry.detail["size"] == str(source.stat().st_size)
        assert entry.detail["hash"] == sent.sha256 == received.sha256
        assert entry.detail["asked_by"] == real.agent_id
        assert entry.detail["allowed_by"] == real.customer_id
    done = [e for e in real.events if isinstance(e, TransferDone)]
    assert {e.path for e in done} == {"", str(received.path)}
    # Nothing else left in the folder: no temporary file beside the real one.
    assert [p.name for p in real.customer_files.inbox.iterdir()] == ["report été.bin"]


async def test_an_empty_file_arrives_empty(real: Pair, tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    sent, received = await _send(real, source)
    assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE), received.reason
    assert received.path is not None and received.path.read_bytes() == b""


async def test_the_agent_fetches_a_customer_file_once_they_allow_reading(
    real: Pair, tmp_path: Path
) -> None:
    theirs = _random_file(tmp_path / "customer-docs", "log.txt", 200_000)
    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    fetch = real.agent_files.fetch_file(real.customer_id, str(theirs), mine)
    await real.until(_over(fetch), "the fetch")
    assert fetch.stage == Stage.DONE, fetch.reason
    assert fetch.path == mine / "log.txt" and _same(theirs, fetch.path)
    (request,) = real.asked
    assert request.kind == PermissionKind.READ_FILES and request.feature == "files"


async def test_a_refusal_of_consent_writes_nothing(real: Pair, tmp_path: Path) -> None:
    _answering(real, ConsentAnswer(granted=False))
    source = _random_file(tmp_path / "agent", "setup.exe", 100_000)
    sent, received = await _send(real, source)
    assert (sent.stage, received.stage) == (Stage.FAILED, Stage.FAILED)
    assert sent.sent_bytes == 0
    assert list(real.customer_files.inbox.iterdir()) == []
    assert [e.reason for e in real.events if isinstance(e, TransferFailed)] == [
        "The customer refused."
    ] * 2
    assert _audited(real.customer, "files.refused")


async def test_a_missing_downloads_folder_is_made_once_the_customer_allows(
    memory: Pair, tmp_path: Path
) -> None:
    # A new account, a minimal system: no Downloads folder yet. Seen in use: the customer
    # allowed "It is saved in /root/Downloads", and the file failed ("gone").
    memory.customer_files.inbox = tmp_path / "home" / "Downloads"
    memory.customer_files.inbox.parent.mkdir()
    source = _random_file(tmp_path / "agent", "notes.txt", 56)
    sent, received = await _send(memory, source)
    assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE), received.reason
    assert received.path == memory.customer_files.inbox / "notes.txt"
    assert _same(source, received.path)


async def test_a_refused_file_makes_no_downloads_folder(memory: Pair, tmp_path: Path) -> None:
    _answering(memory, ConsentAnswer(granted=False))
    memory.customer_files.inbox = tmp_path / "home" / "Downloads"
    memory.customer_files.inbox.parent.mkdir()
    _, received = await _send(memory, _random_file(tmp_path / "agent", "setup.exe", 100))
    assert received.reason == "The customer refused."
    assert not memory.customer_files.inbox.exists()


async def test_a_damaged_chunk_is_detected_and_sent_again(
    real: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged: list[int] = []

    class Damaging:
        """The agent's bulk channel, flipping one payload byte of the third chunk it sends."""

        written = 0

        def __init__(self, inner: Channel) -> None:
            self.inner = inner

        async def write(self, data: bytes | str) -> None:
            Damaging.written += 1
            if Damaging.written == 3 and isinstance(data, bytes):
                spoiled = bytearray(data)
                spoiled[chunks.HEADER_BYTES + 7] ^= 0xFF
                damaged.append(Damaging.written)
                data = bytes(spoiled)
            await self.inner.write(data)

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

    channel = real.agent.channel

    def wrapped(remote_id: str, name: ChannelName) -> object:
        found = channel(remote_id, name)
        return Damaging(found) if name == ChannelName.BULK else found

    monkeypatch.setattr(real.agent, "channel", wrapped)
    source = _random_file(tmp_path / "agent", "data.bin", 1 * MIB)
    sent, received = await _send(real, source)

    assert damaged == [3]
    assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE), received.reason
    assert received.path is not None and _same(source, received.path)
    (noted,) = _audited(real.customer, "files.damaged")
    assert noted.detail["offset"] == str(2 * chunks.MAX_PAYLOAD_BYTES)
    # Sent again from the damaged chunk on, not from zero.
    assert source.stat().st_size < sent.sent_bytes < 2 * source.stat().st_size


async def test_a_file_over_the_limit_is_refused_with_the_limit_named(
    real: Pair, tmp_path: Path
) -> None:
    # On the agent's side, before anything is sent (a sparse file: only its size is read).
    huge = tmp_path / "huge.iso"
    with huge.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(FileTooLarge, match="150 MiB"):
        await real.agent_files.send_file(real.customer_id, huge)
    # On the customer's side, whatever the agent's side allows: refused, not asked.
    real.customer.settings = SessionSettings(max_file_bytes=1 * MIB)
    source = _random_file(tmp_path / "agent", "big.bin", 2 * MIB)
    sent = await real.agent_files.send_file(real.customer_id, source)
    await real.until(_over(sent), "the refusal")
    assert sent.stage == Stage.FAILED and sent.sent_bytes == 0
    assert limit_text(MIB) == "1 MiB" and "over the limit of 1 MiB" in sent.reason
    (refused,) = _audited(real.customer, "files.refused")
    assert "1 MiB" in refused.detail["reason"] and refused.detail["size"] == str(2 * MIB)
    assert real.asked == [] and list(real.customer_files.inbox.iterdir()) == []


async def test_a_console_sending_chunks_the_customer_never_allowed_writes_nothing(
    real: Pair,
) -> None:
    _answering(real, None)  # the question stays open
    offer = FileOffer(id="0123456789abcdef", name="payload.exe", size=1000, sha256="0" * 64)
    real.agent.send_to(real.customer_id, offer)
    await real.until(lambda: bool(real.asked), "the customer asked")
    bulk = real.agent.channel(real.customer_id, ChannelName.BULK)
    # Chunks for the offer still asked, and for a transfer nobody ever offered.
    await bulk.write(chunks.encode(offer.id, 0, b"MZ" * 500))
    await bulk.write(chunks.encode("fedcba9876543210", 0, b"x" * 100))
    await real.until(
        lambda: len(_audited(real.customer, "files.dropped")) == 2, "the chunks dropped"
    )
    dropped = {e.detail["transfer"] for e in _audited(real.customer, "files.dropped")}
    assert dropped == {offer.id, "fedcba9876543210"}
    assert all(e.actor == real.agent_id for e in _audited(real.customer, "files.dropped"))
    assert list(real.customer_files.inbox.iterdir()) == []
    assert real.customer_files.transfers[offer.id].stage == Stage.ASKING


# --- the in-memory network: size, drops, stops ------------------------------------------------


async def test_a_20_mb_file_goes_with_memory_staying_flat(memory: Pair, tmp_path: Path) -> None:
    source = _random_file(tmp_path / "agent", "big.bin", 20 * MIB)
    tracemalloc.start()
    try:
        sent, received = await _send(memory, source)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE), received.reason
    assert received.path is not None and _same(source, received.path)
    # Both sides together hold the bulk bound and a few chunks, not the file.
    assert peak < 4 * BULK_MAX_BUFFERED + 2 * MIB, f"peak {peak / MIB:.1f} MiB"


async def test_a_drop_in_the_middle_resumes_from_where_the_receiver_stands(
    tmp_path: Path,
) -> None:
    pair = await _memory_pair(tmp_path, delay_s=0.01)
    try:
        assert pair.network is not None
        source = _random_file(tmp_path / "agent", "image.bin", 8 * MIB)
        sent = await pair.agent_files.send_file(pair.customer_id, source)
        await pair.until(lambda: sent.id in pair.customer_files.transfers, "the offer")
        received = pair.customer_files.transfers[sent.id]
        await pair.until(lambda: received.bytes > 3 * MIB, "half way")
        first_link = pair.agent.links[pair.customer_id]

        pair.network.partition(True)
        await pair.until(
            lambda: received.stage == Stage.INTERRUPTED and sent.stage == Stage.INTERRUPTED,
            "both sides see the drop",
        )
        stood_at = received.bytes
        pair.network.partition(False)
        await pair.until(lambda: _over(sent)() and _over(received)(), "the transfer's end")

        assert pair.agent.links[pair.customer_id] is not first_link
        assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE), received.reason
        assert received.path is not None and _same(source, received.path)
        (resumed,) = _audited(pair.customer, "files.resumed")
        assert resumed.detail["offset"] == str(stood_at) and stood_at > 3 * MIB
        resent = sent.sent_bytes - source.stat().st_size
        assert 0 <= resent < source.stat().st_size - stood_at
    finally:
        await pair.close()


async def test_the_customer_stops_a_transfer_and_no_partial_file_is_left(
    memory: Pair, tmp_path: Path
) -> None:
    source = _random_file(tmp_path / "agent", "movie.bin", 8 * MIB)
    sent = await memory.agent_files.send_file(memory.customer_id, source)
    await memory.until(lambda: sent.id in memory.customer_files.transfers, "the offer")
    received = memory.customer_files.transfers[sent.id]
    await memory.until(lambda: received.bytes > MIB, "under way")
    memory.customer_files.abort(sent.id)
    await memory.until(_over(sent), "the agent told")
    assert (sent.stage, received.stage) == (Stage.ABORTED, Stage.ABORTED)
    assert list(memory.customer_files.inbox.iterdir()) == []
    stopped = [e.by for e in memory.events if isinstance(e, TransferAborted)]
    assert stopped == [memory.customer_id] * 2  # both sides: stopped by the customer
    assert _audited(memory.customer, "files.aborted")[0].actor == memory.customer_id


async def test_chunks_after_a_stop_are_dropped_quietly_a_strangers_are_warned_of(
    memory: Pair, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Chunks still on the way when the customer stops a transfer are expected: dropped and
    audited once, without a warning per chunk; a chunk for no transfer at all is warned of."""
    source = _random_file(tmp_path / "agent", "movie.bin", 8 * MIB)
    sent = await memory.agent_files.send_file(memory.customer_id, source)
    await memory.until(lambda: sent.id in memory.customer_files.transfers, "the offer")
    received = memory.customer_files.transfers[sent.id]
    await memory.until(lambda: received.bytes > MIB, "under way")
    with caplog.at_level(logging.DEBUG, logger="shared.features.files.engine"):
        memory.customer_files.abort(sent.id)
        for _ in range(3):  # as late chunks would be
            memory.customer_files.stray(memory.agent_id, sent.id, "chunk")
        memory.customer_files.stray(memory.agent_id, "f" * 16, "chunk")
    warned = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warned == [f"dropped a files chunk from {memory.agent_id} for '{'f' * 16}'"]
    assert len(_audited(memory.customer, "files.dropped")) == 2  # once per transfer


async def test_the_transfers_kept_stay_bounded_and_none_under_way_is_forgotten(
    memory: Pair,
) -> None:
    files = memory.agent_files

    def begin(n: int, stage: Stage) -> Transfer:
        transfer = Transfer(f"t{n:05d}", memory.customer_id, Direction.SEND, f"f{n}.txt")
        files.start(transfer)
        transfer.stage = stage
        return transfer

    finished = [begin(n, Stage.DONE) for n in range(MAX_KEPT_TRANSFERS // 2)]
    # A folder of thousands of files under way: more than the cap, none of them forgotten.
    running = [begin(n, Stage.RUNNING) for n in range(10_000, 10_000 + 2 * MAX_KEPT_TRANSFERS)]
    assert all(t.id in files.transfers for t in running)
    assert not any(t.id in files.transfers for t in finished)  # the oldest finished go first
    for transfer in running:
        transfer.stage = Stage.DONE
    later = [begin(n, Stage.RUNNING) for n in range(20_000, 20_000 + MAX_KEPT_TRANSFERS // 5)]
    assert all(t.id in files.transfers for t in later)
    assert len(files.transfers) <= MAX_KEPT_TRANSFERS  # the finished folder's rows gave way


async def test_an_allow_after_the_agent_took_the_folder_back_starts_nothing(
    memory: Pair, tmp_path: Path
) -> None:
    """The agent aborts a folder while the customer is asked; the customer's Allow, arriving
    after the withdrawal, is ignored on their side: nothing is made, offered or written."""
    allow = asyncio.Event()

    async def ask(request: ConsentRequest) -> ConsentAnswer:
        memory.asked.append(request)
        await allow.wait()
        return ConsentAnswer(granted=True)

    memory.customer.consent.ask = ask
    folder = tmp_path / "agent" / "photos"
    folder.mkdir(parents=True)
    _random_file(folder, "a.jpg", 300_000)
    group = await memory.agent_files.trees.send_paths(memory.customer_id, [folder])
    await memory.until(lambda: bool(memory.asked), "the customer asked")
    theirs = memory.customer_files.trees.groups
    assert theirs[group.id].stage == Stage.ASKING

    memory.agent_files.trees.abort_group(group.id)
    await memory.until(lambda: theirs[group.id].stage == Stage.ABORTED, "the withdrawal")
    allow.set()  # the customer clicks Allow on the question taken back
    await memory.until(lambda: not memory.customer.consent.asking, "the answer")
    await asyncio.sleep(0.2)

    assert (group.stage, theirs[group.id].stage) == (Stage.ABORTED, Stage.ABORTED)
    assert not memory.agent_files.transfers and not memory.customer_files.transfers
    assert list(memory.customer_files.inbox.iterdir()) == []
    assert not _audited(memory.customer, "files.group_allowed")
