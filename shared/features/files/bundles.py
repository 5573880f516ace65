"""Bundles: the small files of a group (a folder tree, several files) go several at a time as
one transfer, instead of one transfer each with its own round trips, syncs and audit notes.

The sender of a group (trees.py) packs files up to ``BUNDLE_FILE_BYTES`` into bundles and
offers each (``FileBundle``: names, sizes, SHA-256s); the receiver takes it without a question
inside a group it allowed, within what the group announced, and accepts; the entries' bytes
follow one after the other on the bulk channel as one transfer (chunks.py: a damaged chunk is
asked again, a drop resumes from what is held). The receiver holds a bundle in memory (bounded
per peer), writes it in one worker-thread hop (batch.py), and says what became of each file
(``FileBundleDone``). Each file is still a ``Transfer`` (rows, counts, Stop), ended when the
bundle's result comes; each bundle is one audit entry on each side, listing its files.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared.features.files import chunks
from shared.features.files.batch import Item, Stopped, Written, allow_open_files, write_batch
from shared.features.files.destination import Conflict, Corrupted
from shared.features.files.model import (
    FINAL,
    SKIPPED,
    Direction,
    Stage,
    Transfer,
    TransferAborted,
    TransferDone,
    TransferFailed,
    shown_name,
    too_large,
)
from shared.features.files.names import renamed, saved_as
from shared.features.files.protocol import (
    MAX_BUNDLE_ENTRIES,
    MAX_ENTRY_REASON_CHARS,
    BundleEntry,
    EntryOutcome,
    EntryResult,
    FileAbort,
    FileAccept,
    FileBundle,
    FileBundleDone,
    FileProgress,
    FileRefuse,
    FileResume,
)
from shared.protocol.limits import MAX_PEER_MESSAGE_BYTES, MAX_REASON_CHARS
from shared.transport.channels import ChannelName

if TYPE_CHECKING:
    from collections.abc import Callable

    from shared.features.files.engine import FilesFeature
    from shared.features.files.trees import Group
    from shared.protocol.messages import PeerMessage

MIB = 1024 * 1024
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends
# Files up to this size go in bundles: the cost of a file on its own (round trips, syncs) is
# then most of its time; larger ones go as files, each with its progress bar.
BUNDLE_FILE_BYTES = 64 * 1024
# Files in one bundle (the protocol's bound).
MAX_BUNDLE_FILES = MAX_BUNDLE_ENTRIES
# Bytes in one bundle: what the receiver holds in memory for it until written.
MAX_BUNDLE_BYTES = 1 * MIB
# Bundles of one group in flight (offered, not yet written), within BUNDLE_BYTES_AT_ONCE: the
# receiver writes some while the next are on the wire. A bundle's round trip is mostly its write
# on the receiver (a thread hop, a sync); enough in flight keep the channel busy meanwhile: 4
# bundles of 256 small files (the 4 KiB ones of the bench) are 4 MiB.
BUNDLES_AT_ONCE = 16
BUNDLE_BYTES_AT_ONCE = 4 * MIB
# Bytes the receiver holds in memory for one peer's bundles (not yet written): an honest sender
# holds BUNDLE_BYTES_AT_ONCE per group; a hostile one is refused past this.
MAX_HELD_BYTES_PER_PEER = 8 * MIB
# Bundles being written at once on a receiver (each a worker thread, its files held open until
# named, batch.py): three, so that one writes while the others wait for their syncs (on an
# ordinary disk a sync takes about as long as writing the bundle; two writers left the channel
# waiting for them, 45% against 52-58% of the bare channel in bench/files.py). More only
# contend for the same folder's lock and the CPU the event loop needs, and with many cores and
# a deep pipeline would hold thousands of files open (up to 256 a bundle): short of file
# descriptors (batch.allow_open_files makes room for these three).
WRITES_AT_ONCE = 3
# A bundle's offer stays under the peer message limit: room for the message's own fields, and
# per entry its fixed fields plus its name (twice its bytes: JSON may escape a quote).
OFFER_ROOM_BYTES = MAX_PEER_MESSAGE_BYTES - 512
ENTRY_FIXED_BYTES = 160


def _engine() -> Any:
    """The engine's module, for the limits a bundle shares with a file (MAX_RESENDS,
    RESUME_WINDOW_S) as they are now (the tests shorten them); imported late: it imports us."""
    from shared.features.files import engine

    return engine


def entry_bytes(name: str) -> int:
    """What an entry costs in a bundle's offer, at most."""
    return ENTRY_FIXED_BYTES + 2 * len(name.encode("utf-8"))


def pack(files: list[tuple[str, Path, int]]) -> list[list[tuple[str, Path, int]]]:
    """Small files (relative name, source, size) into bundles, in order."""
    bundles: list[list[tuple[str, Path, int]]] = []
    current: list[tuple[str, Path, int]] = []
    size = room = 0
    for entry in files:
        cost = entry_bytes(entry[0])
        if current and (
            len(current) >= MAX_BUNDLE_FILES
            or size + entry[2] > MAX_BUNDLE_BYTES
            or room + cost > OFFER_ROOM_BYTES
        ):
            bundles.append(current)
            current, size, room = [], 0, 0
        current.append(entry)
        size += entry[2]
        room += cost
    if current:
        bundles.append(current)
    return bundles


@dataclass(frozen=True)
class _Loaded:
    relative: str
    source: Path
    data: bytes
    sha256: str
    error: str = ""


def _read(source: Path, size: int) -> bytes:
    """The whole file, in as few system calls as it takes (open, a read of the ``size`` listed
    and one that finds the end, close; Path.read_bytes makes nine): each hands the interpreter
    to the busy event loop's thread, which this worker thread then waits to get back. A file
    that changed since it was listed is read as it is now."""
    fd = os.open(source, os.O_RDONLY | _BINARY)
    try:
        parts = [os.read(fd, size + 1)]
        while parts[-1]:
            parts.append(os.read(fd, max(size, MIB)))
        return b"".join(parts)
    finally:
        os.close(fd)


def _load(batch: list[tuple[str, Path, int]]) -> list[_Loaded]:
    """Read and hash a bundle's files (on a worker thread): what is read is what is sent."""
    loaded: list[_Loaded] = []
    for relative, source, size in batch:
        try:
            data = _read(source, size)
        except OSError as exc:
            loaded.append(_Loaded(relative, source, b"", "", str(exc)))
            continue
        loaded.append(_Loaded(relative, source, data, hashlib.sha256(data).hexdigest()))
    return loaded


@dataclass
class Bundle:
    id: str
    remote_id: str
    direction: Direction
    group: Group
    transfers: list[Transfer]
    size: int
    stage: Stage = Stage.ASKING
    # Sending: the entries' bytes, one after the other. Receiving: room for them, filled to
    # ``received`` (held in memory until written, counted against the peer's cap).
    data: bytes | bytearray = b""
    received: int = 0
    resends: int = 0  # damaged chunks in a row
    rehashes: int = 0  # whole bundles sent again for a SHA-256 that did not match
    writing: bool = False
    stream: asyncio.Task[None] | None = None
    expiry: asyncio.Task[None] | None = None
    result: FileBundleDone | None = None  # receiving: to tell again after a drop
    outcomes: dict[str, str] = field(default_factory=dict)  # file id -> outcome, for the audit
    # Receiving: its taken names asked about (or it ended); a later bundle of the group asks
    # only then, so that the questions come in the order the files are listed.
    asked: asyncio.Event = field(default_factory=asyncio.Event)


class Bundles:
    def __init__(self, files: FilesFeature) -> None:
        self.files = files
        self.bundles: dict[str, Bundle] = {}
        self._writing = asyncio.Semaphore(WRITES_AT_ONCE)
        allow_open_files(WRITES_AT_ONCE * MAX_BUNDLE_FILES)
        # Sending: one bundle's bytes on a peer's bulk channel at a time, in the order accepted.
        # Streams side by side would share the channel frame by frame and all end together at
        # the end of the window: the receiver, who can write a bundle only once it is whole,
        # would wait idle, then have them all to write at once. One after the other, the first
        # is written while the next travel.
        self._streaming: dict[str, asyncio.Lock] = {}

    def handlers(self) -> dict[type[PeerMessage], Callable[[str, Any], None]]:
        return {FileBundle: self._offered, FileBundleDone: self._done}

    def claims(self, remote_id: str, message: PeerMessage) -> bool:
        """A transfer message naming a bundle (the engine asks first); True when it was one."""
        if not isinstance(message, FileAccept | FileResume | FileProgress | FileRefuse | FileAbort):
            return False
        bundle = self.bundles.get(message.id)
        if bundle is None:
            return False
        if bundle.remote_id != remote_id:
            self.files.stray(remote_id, message.id, "bundle")
            return True
        sending = bundle.direction == Direction.SEND
        match message:
            case FileAccept() if sending:
                self._accepted(bundle, message.offset)
            case FileResume() if sending:
                self._resume_asked(bundle, message.offset)
            case FileRefuse() if sending and bundle.stage == Stage.ASKING:
                self._end(bundle, Stage.FAILED, message.reason or "Refused.", by=remote_id)
            case FileAbort():
                self._end(bundle, Stage.ABORTED, message.reason or "stopped", by=remote_id)
            case FileProgress():
                pass
            case _:
                self.files.stray(remote_id, message.id, "bundle")
        return True

    # --- sending --------------------------------------------------------------------------

    async def send_all(self, group: Group, files: list[tuple[str, Path, int]]) -> None:
        """Every small file of ``group`` in bundles, ``BUNDLES_AT_ONCE`` in flight; returns
        once the last is offered. The next bundle is read while the others travel."""
        for batch in pack(files):
            loaded = await asyncio.to_thread(_load, batch)
            size = sum(len(item.data) for item in loaded)
            while not self._room(group, size) and group.stage == Stage.RUNNING:
                group.slot.clear()
                await group.slot.wait()
            if group.stage != Stage.RUNNING:
                return
            self._offer(group, loaded)

    def _room(self, group: Group, size: int) -> bool:
        """Whether a bundle of ``size`` bytes may go now: within ``BUNDLES_AT_ONCE`` and
        ``BUNDLE_BYTES_AT_ONCE`` in flight (one always may, alone)."""
        mine = [
            b for b in self.bundles.values() if b.group is group and b.direction == Direction.SEND
        ]
        held = sum(b.size for b in mine)
        return not mine or (len(mine) < BUNDLES_AT_ONCE and held + size <= BUNDLE_BYTES_AT_ONCE)

    def _offer(self, group: Group, loaded: list[_Loaded]) -> None:
        files = self.files
        transfers: list[Transfer] = []
        for item in loaded:
            if item.error:
                group.failed += 1
                record = files.session.engine.audit.record
                record(
                    "files.unreadable",
                    files.me(),
                    group=group.id,
                    name=item.relative,
                    error=item.error,
                )
                continue
            transfer = Transfer(
                files.new_id(),
                group.remote_id,
                Direction.SEND,
                item.relative,
                len(item.data),
                item.sha256,
                source=item.source,
                group=group.id,
                asked_by=group.asked_by,
                allowed_by=group.allowed_by,
            )
            transfers.append(transfer)
            group.transfers.append(transfer.id)
            files.start(transfer)
        if not transfers:
            return
        payload = b"".join(item.data for item in loaded if not item.error)
        bundle = Bundle(
            files.new_id(), group.remote_id, Direction.SEND, group, transfers, len(payload)
        )
        bundle.data = payload
        self.bundles[bundle.id] = bundle
        entries = [
            BundleEntry(id=t.id, name=t.name, size=t.size, sha256=t.sha256) for t in transfers
        ]
        offer = FileBundle(id=bundle.id, group=group.id, size=bundle.size, entries=entries)
        files.watch(group.remote_id)
        if not files.send(group.remote_id, offer):
            self._end(bundle, Stage.FAILED, "The connection was lost.", by=files.me())

    def _accepted(self, bundle: Bundle, offset: int) -> None:
        if bundle.stage != Stage.ASKING or offset > bundle.size:
            return
        bundle.stage = Stage.RUNNING
        for transfer in bundle.transfers:
            if transfer.stage == Stage.ASKING:
                transfer.stage = Stage.RUNNING
                # Its line says it is on its way, not still waiting for permission.
                self.files.publish_progress(transfer)
        self._stream_from(bundle, offset)

    def _resume_asked(self, bundle: Bundle, offset: int) -> None:
        if bundle.stage not in (Stage.RUNNING, Stage.INTERRUPTED) or offset > bundle.size:
            return
        self._audit("files.resumed", bundle.remote_id, bundle, offset=str(offset))
        bundle.stage = Stage.RUNNING
        self._back(bundle)
        self._stream_from(bundle, offset)

    def _stream_from(self, bundle: Bundle, offset: int) -> None:
        if bundle.stream is not None:
            bundle.stream.cancel()
        bundle.stream = asyncio.ensure_future(self._stream(bundle, offset))

    async def _stream(self, bundle: Bundle, offset: int) -> None:
        turn = self._streaming.setdefault(bundle.remote_id, asyncio.Lock())
        async with turn:  # fair: in the order the bundles were accepted
            view = memoryview(bundle.data)
            try:
                channel = self.files.session.channel(bundle.remote_id, ChannelName.BULK)
                position = offset
                while position < bundle.size:
                    end = min(position + chunks.MAX_PAYLOAD_BYTES, bundle.size)
                    await channel.write(chunks.encode(bundle.id, position, view[position:end]))
                    position = end
            except ConnectionError:
                pass  # the link went: the receiver asks to resume on the next one

    def _done(self, remote_id: str, done: FileBundleDone) -> None:
        bundle = self.bundles.get(done.id)
        if (
            bundle is None
            or bundle.remote_id != remote_id
            or bundle.direction != Direction.SEND
            or bundle.stage not in (Stage.RUNNING, Stage.INTERRUPTED)
            or len(done.results) != len(bundle.transfers)
        ):
            self.files.stray(remote_id, done.id, "bundle_done")
            return
        self._forget(bundle, Stage.DONE)
        for transfer, result in zip(bundle.transfers, done.results, strict=True):
            if result.outcome == EntryOutcome.DONE:
                transfer.bytes = transfer.size
                if result.saved_as:
                    transfer.kept_as = renamed(transfer.name, result.saved_as)
                self._settle(bundle, transfer, Stage.DONE, "", remote_id)
            elif result.outcome == EntryOutcome.SKIPPED:
                self._settle(bundle, transfer, Stage.FAILED, SKIPPED, remote_id)
            else:
                self._settle(bundle, transfer, Stage.FAILED, result.reason or "Failed.", remote_id)
        self._audit("files.bundle_sent", remote_id, bundle)

    # --- receiving ------------------------------------------------------------------------

    def _offered(self, remote_id: str, offer: FileBundle) -> None:
        files = self.files
        if offer.id in self.bundles or offer.id in files.transfers:
            files.stray(remote_id, offer.id, "bundle")
            return
        group = files.trees.receiving_group(remote_id, offer.group)
        problem = self._problem(remote_id, group, offer)
        if problem or group is None:
            self._refuse(remote_id, offer, problem or "Not part of an allowed transfer.", group)
            return
        transfers: list[Transfer] = []
        for entry in offer.entries:
            transfer = Transfer(
                entry.id,
                remote_id,
                Direction.RECEIVE,
                entry.name,
                entry.size,
                entry.sha256,
                asked_by=remote_id,
                allowed_by=group.allowed_by,
                stage=Stage.RUNNING,
                folder=group.folder,
                group=group.id,
                on_conflict=group.on_conflict,
            )
            transfers.append(transfer)
            group.transfers.append(transfer.id)
            files.start(transfer)
            # On its way: the customer's window lists it while it is copied, with Stop.
            files.publish_progress(transfer)
        group.entries += len(transfers)
        group.offered_bytes += offer.size
        bundle = Bundle(offer.id, remote_id, Direction.RECEIVE, group, transfers, offer.size)
        bundle.data, bundle.stage = bytearray(offer.size), Stage.RUNNING
        self.bundles[bundle.id] = bundle
        files.watch(remote_id)
        files.send(remote_id, FileAccept(id=bundle.id, offset=0))
        if bundle.size == 0:
            files.session.spawn(self._complete(bundle))

    def _problem(self, remote_id: str, group: Group | None, offer: FileBundle) -> str:
        """Why a bundle is refused whole ("": it is not)."""
        if group is None:
            return "Not part of an allowed transfer."
        ids = {entry.id for entry in offer.entries}
        if (
            len(ids) != len(offer.entries)
            or offer.id in ids
            or any(i in self.files.transfers or i in self.bundles for i in ids)
        ):
            return "A file's id in the bundle is not new."
        if len({entry.name for entry in offer.entries}) != len(offer.entries):
            return "The same name comes twice in the bundle."
        if sum(entry.size for entry in offer.entries) != offer.size:
            return "The sizes of the files do not add up to the bundle's."
        limit = self.files.max_file_bytes
        for entry in offer.entries:
            if entry.size > limit:
                return f"{entry.name}: {too_large(entry.size, limit)}"
        names = [entry.name for entry in offer.entries]
        problem = self.files.trees.bundle_problem(group, names, offer.size)
        if problem:
            return problem
        if held_bytes(self, remote_id) + offer.size > MAX_HELD_BYTES_PER_PEER:
            return f"More than {MAX_HELD_BYTES_PER_PEER // MIB} MiB would wait to be written."
        return ""

    def _refuse(self, remote_id: str, offer: FileBundle, reason: str, group: Group | None) -> None:
        files = self.files
        reason = reason[:MAX_REASON_CHARS]
        files.send(remote_id, FileRefuse(id=offer.id, reason=reason))
        files.session.engine.audit.record(
            "files.bundle_refused",
            files.me(),
            bundle=offer.id,
            group=offer.group,
            peer=remote_id,
            files=str(len(offer.entries)),
            size=str(offer.size),
            reason=reason,
            lines=[f"{e.sha256} {e.size} {e.name}" for e in offer.entries],
        )
        if group is not None:  # its files will not come: the group counts them as failed
            group.failed += len(offer.entries)
            files.trees.check(group)

    def frame(self, remote_id: str, frame: chunks.Frame) -> bool:
        """A chunk of a bundle (the engine asks first); True when it was one."""
        bundle = self.bundles.get(frame.transfer)
        if bundle is None:
            return False
        if (
            bundle.remote_id != remote_id
            or bundle.direction != Direction.RECEIVE
            or bundle.stage != Stage.RUNNING
            or bundle.writing
        ):
            self.files.stray(remote_id, frame.transfer, "chunk")
            return True
        if frame.offset != bundle.received:
            return True  # sent before our last "resume from": the sender is on its way back
        if not frame.intact:
            bundle.resends += 1
            self._audit("files.damaged", remote_id, bundle, offset=str(frame.offset))
            if bundle.resends > _engine().MAX_RESENDS:
                self._end(bundle, Stage.FAILED, "Too many chunks arrived damaged.", tell=True)
            else:
                self.files.send(remote_id, FileResume(id=bundle.id, offset=frame.offset))
            return True
        end = frame.offset + len(frame.payload)
        if end > bundle.size:
            self._end(bundle, Stage.FAILED, "More data came than the bundle's size.", tell=True)
            return True
        assert isinstance(bundle.data, bytearray)
        bundle.data[frame.offset : end] = frame.payload
        bundle.received, bundle.resends = end, 0
        if end == bundle.size:
            self.files.session.spawn(self._complete(bundle))
        return True

    async def _complete(self, bundle: Bundle) -> None:
        """Write the bundle's files (one thread hop), ask about taken names, tell the sender."""
        if bundle.stage in FINAL or bundle.writing or bundle.received != bundle.size:
            return
        # Whole: written whatever the link does now (a drop after the last chunk included).
        bundle.writing, bundle.stage = True, Stage.RUNNING
        if bundle.expiry is not None:
            bundle.expiry.cancel()
            bundle.expiry = None
        written = await self._write(bundle, bundle.transfers)
        if written is None:
            return
        taken = [t for t in bundle.transfers if written[t.id].taken]
        if taken:
            # Bundles are written side by side, a later one may be written first: its
            # questions wait for the earlier ones', lest the first question name a later file.
            await self._earlier_asked(bundle)
            for transfer in taken:  # one question at a time; an answer "for all" settles the rest
                if transfer.stage in FINAL or bundle.stage in FINAL:
                    continue
                if transfer.on_conflict is None or transfer.on_conflict is Conflict.ASK:
                    transfer.on_conflict = bundle.group.on_conflict or (
                        await self.files.conflicts.choose(transfer)
                    )
        bundle.asked.set()
        if taken:
            if bundle.stage in FINAL:
                return
            again = [t for t in taken if t.on_conflict is not Conflict.SKIP]
            rewritten = await self._write(bundle, again) if again else {}
            if rewritten is None:
                return
            written.update(rewritten)
            for transfer in taken:
                if transfer.on_conflict is Conflict.SKIP:
                    written[transfer.id] = Written(skipped=True)
        self._finished(bundle, written)

    async def _earlier_asked(self, bundle: Bundle) -> None:
        """Until every bundle of the group offered before ``bundle`` has asked about its taken
        names, or ended (``bundles`` keeps the order they were offered in)."""
        for other in list(self.bundles.values()):
            if other is bundle:
                return
            if other.group is bundle.group and other.direction == Direction.RECEIVE:
                await other.asked.wait()

    async def _write(self, bundle: Bundle, transfers: list[Transfer]) -> dict[str, Written] | None:
        """One worker-thread hop for ``transfers`` of the bundle; None when the bundle ended
        (stopped, or its data was asked again)."""
        group = bundle.group
        assert group.folder is not None and isinstance(bundle.data, bytearray)
        view = memoryview(bundle.data)
        offsets: dict[str, int] = {}
        at = 0
        for transfer in bundle.transfers:
            offsets[transfer.id] = at
            at += transfer.size
        live = [t for t in transfers if t.stage not in FINAL]
        items = [
            Item(
                t.name,
                view[offsets[t.id] : offsets[t.id] + t.size],
                t.sha256,
                t.on_conflict or group.on_conflict or self.files.on_conflict,
            )
            for t in live
        ]
        try:
            async with self._writing:
                if bundle.stage in FINAL:
                    return None
                results = await asyncio.to_thread(
                    write_batch,
                    group.folder,
                    items,
                    self.files.max_file_bytes,
                    lambda: bundle.stage in FINAL,
                )
        except Stopped:
            return None
        except Corrupted:
            bundle.writing = False
            if bundle.stage in FINAL:
                return None
            bundle.rehashes += 1
            self._audit("files.damaged", bundle.remote_id, bundle, offset="0")
            if bundle.rehashes > _engine().MAX_RESENDS:
                self._end(bundle, Stage.FAILED, "The files arrived damaged.", tell=True)
                return None
            bundle.received, bundle.stage = 0, Stage.RUNNING
            self.files.send(bundle.remote_id, FileResume(id=bundle.id, offset=0))
            return None
        if bundle.stage in FINAL:
            return None  # ended while written: what was renamed is whole and verified
        return {t.id: written for t, written in zip(live, results, strict=True)}

    def _finished(self, bundle: Bundle, written: dict[str, Written]) -> None:
        me = self.files.me()
        results: list[EntryResult] = []
        outcomes: list[tuple[Transfer, Stage, str, Path | None]] = []
        for transfer in bundle.transfers:
            found = written.get(transfer.id)
            if transfer.stage in FINAL or found is None:
                results.append(EntryResult(outcome=EntryOutcome.FAILED, reason="stopped"))
            elif found.path is not None:
                saved = saved_as(transfer.name, found.path)
                results.append(EntryResult(outcome=EntryOutcome.DONE, saved_as=saved))
                outcomes.append((transfer, Stage.DONE, "", found.path))
            elif found.skipped:
                results.append(EntryResult(outcome=EntryOutcome.SKIPPED))
                outcomes.append((transfer, Stage.FAILED, SKIPPED, None))
            else:
                reason = f"The file cannot be written: {found.error or 'the name is taken'}"
                short = reason[:MAX_ENTRY_REASON_CHARS]
                results.append(EntryResult(outcome=EntryOutcome.FAILED, reason=short))
                outcomes.append((transfer, Stage.FAILED, reason, None))
        bundle.result = FileBundleDone(id=bundle.id, results=results)
        if self.files.send(bundle.remote_id, bundle.result):
            self._forget(bundle, Stage.DONE)
        else:  # told again when the link comes back
            bundle.stage, bundle.data = Stage.DONE, bytearray()
        for transfer, stage, reason, path in outcomes:
            transfer.path = path
            if stage == Stage.DONE:
                transfer.bytes = transfer.size
            self._settle(bundle, transfer, stage, reason, me)
        self._audit("files.bundle_received", me, bundle)

    # --- either side ------------------------------------------------------------------------

    def end_group(self, group: Group, stage: Stage, reason: str, by: str) -> None:
        """The group ended (stopped, the session gone): its bundles with it, quietly."""
        for bundle in [b for b in self.bundles.values() if b.group is group]:
            self._end(bundle, stage, reason, by=by)

    def on_link_up(self, remote_id: str) -> None:
        for bundle in [b for b in self.bundles.values() if b.remote_id == remote_id]:
            if bundle.result is not None and bundle.stage == Stage.DONE:
                if self.files.send(remote_id, bundle.result):
                    self._forget(bundle, Stage.DONE)
                continue
            if (
                bundle.direction != Direction.RECEIVE
                or bundle.stage not in (Stage.RUNNING, Stage.INTERRUPTED)
                or bundle.writing
            ):
                continue
            bundle.stage = Stage.RUNNING
            self._back(bundle)
            self._audit("files.resumed", self.files.me(), bundle, offset=str(bundle.received))
            self.files.send(remote_id, FileResume(id=bundle.id, offset=bundle.received))

    def on_link_down(self, remote_id: str) -> None:
        for bundle in [b for b in self.bundles.values() if b.remote_id == remote_id]:
            if bundle.stage == Stage.ASKING:
                self._end(bundle, Stage.FAILED, "The connection was lost.", by=self.files.me())
            elif bundle.stage == Stage.RUNNING and not bundle.writing:
                bundle.stage = Stage.INTERRUPTED
                if bundle.stream is not None:
                    bundle.stream.cancel()
                    bundle.stream = None
                if bundle.expiry is not None:
                    bundle.expiry.cancel()
                bundle.expiry = asyncio.ensure_future(self._expire(bundle))

    async def _expire(self, bundle: Bundle) -> None:
        await self.files.session.clock.sleep(_engine().RESUME_WINDOW_S)
        if bundle.stage == Stage.INTERRUPTED:
            bundle.expiry = None
            self._end(bundle, Stage.FAILED, "The connection did not come back.", by=self.files.me())

    def on_close(self, why: str = "The session ended.", tell: bool = False) -> None:
        for bundle in list(self.bundles.values()):
            self._end(bundle, Stage.FAILED, why, by=self.files.me(), tell=tell)

    def _back(self, bundle: Bundle) -> None:
        """After a drop: the bundle's files go on (not failed by the engine's own wait)."""
        if bundle.expiry is not None:
            bundle.expiry.cancel()
            bundle.expiry = None
        for transfer in bundle.transfers:
            if transfer.stage == Stage.INTERRUPTED:
                transfer.stage = Stage.RUNNING
            if transfer.expiry is not None:
                transfer.expiry.cancel()
                transfer.expiry = None

    def _end(
        self, bundle: Bundle, stage: Stage, reason: str, *, by: str = "", tell: bool = False
    ) -> None:
        """End a bundle before its result: its files end with it; nothing of it is kept."""
        if bundle.id not in self.bundles:
            return
        if bundle.stage == Stage.DONE:  # written; only its result was still to tell
            self._forget(bundle, Stage.DONE)
            return
        by = by or self.files.me()
        self._forget(bundle, stage)
        if tell:
            self.files.send(bundle.remote_id, FileAbort(id=bundle.id, reason=reason[:300]))
        for transfer in bundle.transfers:
            self._settle(bundle, transfer, stage, reason, by)
        kind = {Stage.ABORTED: "files.bundle_aborted"}.get(stage, "files.bundle_failed")
        self._audit(kind, by, bundle, reason=reason)

    def _forget(self, bundle: Bundle, stage: Stage) -> None:
        bundle.stage = stage
        bundle.asked.set()  # a later bundle of its group waits on it no longer
        if bundle.stream is not None:
            bundle.stream.cancel()
            bundle.stream = None
        if bundle.expiry is not None:
            bundle.expiry.cancel()
            bundle.expiry = None
        bundle.data = b""
        self.bundles.pop(bundle.id, None)

    def _settle(
        self, bundle: Bundle, transfer: Transfer, stage: Stage, reason: str, by: str
    ) -> None:
        """End one file of a bundle as the engine ends a file, but without an audit entry of
        its own (the bundle's lists it): the views and the group hear the same."""
        if transfer.stage in FINAL:
            bundle.outcomes[transfer.id] = transfer.stage.value
            return
        transfer.stage, transfer.reason = stage, reason
        bundle.outcomes[transfer.id] = stage.value
        if transfer.expiry is not None:
            transfer.expiry.cancel()
            transfer.expiry = None
        self.files.conflicts.cancel(transfer.id)
        publish = self.files.session.engine.publish
        if stage == Stage.DONE:
            path = str(transfer.path) if transfer.path else ""
            shown = shown_name(transfer, self.files.me())
            publish(TransferDone(transfer.id, shown, transfer.size, transfer.sha256, path))
        elif stage == Stage.ABORTED:
            publish(TransferAborted(transfer.id, transfer.name, by))
        else:
            publish(TransferFailed(transfer.id, transfer.name, reason))
        for listener in list(self.files.finished_listeners):
            listener(transfer)

    def _audit(self, kind: str, actor: str, bundle: Bundle, **detail: str) -> None:
        """One entry for the whole bundle: a line per file, its SHA-256, size, name and outcome
        (all of them reach the center's record too, in as many notes as they take)."""
        group = bundle.group
        self.files.session.engine.audit.record(
            kind,
            actor,
            lines=[
                f"{t.sha256} {t.size} {t.name} {bundle.outcomes.get(t.id, t.stage.value)}"
                for t in bundle.transfers
            ],
            bundle=bundle.id,
            group=group.id,
            direction=bundle.direction.value,
            peer=bundle.remote_id,
            files=str(len(bundle.transfers)),
            size=str(bundle.size),
            asked_by=group.asked_by,
            allowed_by=group.allowed_by,
            **detail,
        )


def held_bytes(bundles: Bundles, remote_id: str) -> int:
    """Bytes held in memory for ``remote_id``'s bundles now (for the tests and the bench)."""
    return sum(
        len(b.data)
        for b in bundles.bundles.values()
        if b.remote_id == remote_id and b.direction == Direction.RECEIVE
    )
