"""File transfer in one session: the agent sends files to the customer's machine and fetches
files from it; each write or read on the customer's machine is asked on the customer's side.

Control messages go on the control channel (protocol.py), the data on the bulk channel in
frames with a CRC32 each (chunks.py), read from disk one chunk at a time and written with
``channel.write`` so that a sender holds at most the channel's bound. The receiver writes each
intact chunk at its offset into a temporary file (destination.py), asks again from where it
stands when a chunk arrives damaged or a dropped link comes back, and keeps the file only once
its SHA-256 matches the sender's. Both sides audit every transfer.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import secrets
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from shared.features.files import chunks
from shared.features.files.bundles import Bundles
from shared.features.files.conflicts import ConflictQuestions
from shared.features.files.destination import (
    MAX_FILE_BYTES,
    Conflict,
    Corrupted,
    DestinationError,
    NameTaken,
    Skipped,
    Stopped,
    open_destination,
)
from shared.features.files.folders import Folders
from shared.features.files.hashing import hash_file
from shared.features.files.model import (
    FINAL,
    SKIPPED,
    Direction,
    FileTooLarge,
    Stage,
    Transfer,
    TransferAborted,
    TransferDone,
    TransferFailed,
    TransferProgress,
    TransferStarted,
    limit_text,
    shown_name,
    too_large,
)
from shared.features.files.names import BadName, check_name, renamed, saved_as
from shared.features.files.protocol import (
    FILE_MESSAGES,
    NAME,
    FileAbort,
    FileAccept,
    FileDone,
    FileFetch,
    FileOffer,
    FileProgress,
    FileRefuse,
    FileResume,
)
from shared.features.files.publish import Publishing
from shared.features.files.trees import Trees
from shared.protocol.limits import MAX_REASON_CHARS
from shared.protocol.messages import PeerMessage, Role
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.links import RELINK_WINDOW_S
from shared.session.live import LiveSession
from shared.transport.channels import ChannelName

__all__ = [
    "FINAL",
    "Direction",
    "FileTooLarge",
    "FilesFeature",
    "Stage",
    "Transfer",
    "TransferAborted",
    "TransferDone",
    "TransferFailed",
    "TransferProgress",
    "TransferStarted",
    "limit_text",
    "too_large",
]

log = logging.getLogger(__name__)

# The receiver tells the sender (and both tell their views) every this many bytes and at the
# end: a smooth progress bar, at a cost of one small message per MiB.
PROGRESS_EVERY_BYTES = 1024 * 1024
# The same chunk damaged this many times in a row: the link is not fit to carry the file.
MAX_RESENDS = 8
# After a drop, a transfer waits as long as the session offers a new link, then gives up
# (the receiver removes its partial file).
RESUME_WINDOW_S = RELINK_WINDOW_S
# Frames nobody asked for are audited once per transfer id, for this many ids per session:
# a hostile peer learns nothing and cannot fill the audit trail.
MAX_AUDITED_STRAYS = 32
# Finished transfers kept for the views (the oldest go first): a flood of offers from a
# hostile peer, each refused, does not grow the session's memory without end.
MAX_KEPT_TRANSFERS = 1000
# Files received from one peer at once, each an open temporary file: a peer offering file after
# file (under "allow everything", or in an allowed tree) cannot exhaust the customer's file
# handles. An honest sender has a few at once (trees.FILES_AT_ONCE per group).
MAX_RECEIVING_PER_PEER = 32
# A sender's Stop waits for the receiver's word (stopped, or done when the file was already
# kept); a receiver answers at once, so one that does not within this is not answering.
STOP_ANSWER_S = 30.0


def _base_name(path: str) -> str:
    """The last part of a path of either system's shape ("C:\\a\\b.txt" or "/a/b.txt")."""
    return PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name


class FilesFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = FILE_MESSAGES

    def __init__(self, session: LiveSession) -> None:
        self.session = session
        self.transfers: dict[str, Transfer] = {}
        self._trim_at = MAX_KEPT_TRANSFERS  # the table's size that makes _start drop old ones
        # The customer's side: where files sent to them go, and what a taken name means
        # (the views set both from the customer's choices).
        self.inbox = Path.home() / "Downloads"
        # A taken name asks the user (conflicts.py); the views may set a standing answer.
        self.on_conflict = Conflict.ASK
        self._strays: set[str] = set()
        # Told of every transfer that ends (groups count their files with it).
        self.finished_listeners: list[Callable[[Transfer], None]] = []
        self.conflicts = ConflictQuestions(self)
        self.folders = Folders(self)
        self.trees = Trees(self)
        self.bundles = Bundles(self)  # the small files of a group, several as one transfer
        self.publishing = Publishing(self)
        # One handler per message type: the transfers' own here, the parts' beside them.
        self._handlers: dict[type[PeerMessage], Callable[[str, Any], None]] = {
            FileOffer: self._offered,
            FileFetch: self._fetch_asked,
            FileAccept: self._accepted,
            FileResume: self._resume_asked,
            FileProgress: self._acknowledged,
            FileDone: self._delivered,
            FileRefuse: self._refused,
            FileAbort: self._aborted,
        }
        for part in (self.folders, self.trees, self.bundles, self.publishing):
            self._handlers.update(part.handlers())
        session.add_feature(self)

    @property
    def max_file_bytes(self) -> int:
        """The limit per file: what our own connection to the support center said (checked
        when it was welcomed), else the manual's 150 MB. Never a peer's word: a console
        claiming a larger limit cannot make the customer's side take a larger file."""
        limit = self.session.settings.max_file_bytes
        return MAX_FILE_BYTES if limit is None else limit

    # --- the agent's commands ---------------------------------------------------------------

    async def send_file(self, customer_id: str, path: Path, dest_folder_hint: str = "") -> Transfer:
        """Offer ``path`` to the customer; it goes once they allow it. FileTooLarge over the
        limit, OSError or BadName for a file that cannot be sent, ConnectionError unlinked."""
        me = self._me()
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise IsADirectoryError(f"{path} is not a file")
        if info.st_size > self.max_file_bytes:
            raise FileTooLarge(too_large(info.st_size, self.max_file_bytes))
        name = check_name(path.name)
        transfer = Transfer(
            self._new_id(), customer_id, Direction.SEND, name, info.st_size, source=path
        )
        transfer.asked_by = me
        transfer.sha256 = await hash_file(path, info.st_size)
        self._watch(customer_id)
        self._start(transfer)
        self._audit("files.offered", me, transfer)
        self._send(
            transfer,
            FileOffer(
                id=transfer.id,
                name=name,
                size=transfer.size,
                sha256=transfer.sha256,
                folder_hint=dest_folder_hint[:4096],
            ),
        )
        return transfer

    def fetch_file(self, customer_id: str, remote_path: str, local_folder: Path) -> Transfer:
        """Ask the customer for their file ``remote_path``; it is written into
        ``local_folder`` once they allow it."""
        me = self._me()
        transfer = Transfer(
            self._new_id(),
            customer_id,
            Direction.RECEIVE,
            _base_name(remote_path) or remote_path,
            folder=local_folder,
            asked_by=me,
            fetched=True,
        )
        self._watch(customer_id)
        self._start(transfer)
        self._audit("files.fetch", me, transfer, path=remote_path)
        self._send(transfer, FileFetch(id=transfer.id, path=remote_path))
        return transfer

    # --- either side's commands -------------------------------------------------------------

    def answer_conflict(self, transfer_id: str, choice: Conflict, for_all: bool = False) -> bool:
        """The user's answer to a NameConflict; ``for_all``: the rest of its group too."""
        transfer = self.transfers.get(transfer_id)
        if transfer is not None and for_all and transfer.group:
            for other in self.transfers.values():
                if other.group == transfer.group and other.on_conflict is None:
                    other.on_conflict = choice
            group = self.trees.groups.get(transfer.group)
            if group is not None:
                group.on_conflict = choice
        return self.conflicts.answer(transfer_id, choice)

    def abort(self, transfer_id: str, by: str = "") -> None:
        """Stop a transfer (the agent's Abort, the customer's Stop); the other side is told.
        ``by``: who stopped it when not us (the other side stopped its whole group)."""
        transfer = self.transfers.get(transfer_id)
        if transfer is None or transfer.stage in FINAL:
            return
        if self._too_late_to_stop(transfer, by or self._me()):
            return
        if transfer.direction == Direction.SEND and transfer.all_sent:
            # Every byte is on its way: the receiver may be keeping the file as we speak.
            self._stop_sending(transfer, by or self._me())
            return
        self._finish(transfer, Stage.ABORTED, "stopped", by=by or self._me())
        with contextlib.suppress(ConnectionError):
            self.session.send_to(transfer.remote_id, FileAbort(id=transfer.id, reason="stopped"))

    def _too_late_to_stop(self, transfer: Transfer, by: str) -> bool:
        """The receiving side's commit point is the move to the final name (destination.py):
        a Stop before it keeps nothing; after it, the file is kept and "done" follows."""
        if transfer.finishing is None or transfer.finishing.stop():
            return False
        self._audit("files.stop_too_late", by, transfer)
        return True

    def _stop_sending(self, transfer: Transfer, by: str) -> None:
        """The receiver may hold every byte already and be keeping the file: ask it to stop
        and say what it answers, stopped (its FileAbort) or done (its FileDone: too late)."""
        if transfer.stream is not None:
            transfer.stream.cancel()
            transfer.stream = None
        transfer.stopping = by
        self._cancel_expiry(transfer)
        transfer.expiry = asyncio.ensure_future(self._stop_unanswered(transfer))
        self._send(transfer, FileAbort(id=transfer.id, reason="stopped"))

    async def _stop_unanswered(self, transfer: Transfer) -> None:
        await self.session.clock.sleep(STOP_ANSWER_S)
        if transfer.stage not in FINAL:
            transfer.expiry = None
            self._fail(transfer, "The other side did not answer the Stop.", tell=True)

    # --- messages ---------------------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if self.bundles.claims(remote_id, message):
            return
        handler = self._handlers.get(type(message))
        if handler is not None:
            handler(remote_id, message)

    def _offered(self, remote_id: str, offer: FileOffer) -> None:
        known = self.transfers.get(offer.id)
        if known is not None:
            if known.fetched and known.remote_id == remote_id and known.stage == Stage.ASKING:
                self._fetch_offered(known, offer)
            else:
                self._stray(remote_id, offer.id, "offer")
            return
        asker = self.session.engine.participant(remote_id)
        me = self.session.engine.me
        transfer = Transfer(
            offer.id, remote_id, Direction.RECEIVE, offer.name, offer.size, offer.sha256
        )
        transfer.asked_by = remote_id
        if offer.group:
            self.trees.offered(transfer, offer.group)
            return
        if me is None or me.role != Role.CUSTOMER or asker is None or not asker.is_agent:
            # Only an agent sends files, only to a customer (who is asked).
            self._refuse(transfer, "Files are sent by an agent to a customer only.")
            return
        if offer.size > self.max_file_bytes:
            self._refuse(transfer, too_large(offer.size, self.max_file_bytes))
            return
        transfer.folder = self.inbox
        self._start(transfer)
        self.session.spawn(self._ask_to_receive(transfer, asker.name, me.id))

    async def _ask_to_receive(self, transfer: Transfer, agent_name: str, me: str) -> None:
        """The customer's side: they decide, whatever the console says."""
        answer = await self._consent(transfer, "receive_file", agent_name, me)
        if transfer.stage != Stage.ASKING:
            return  # stopped while they were asked
        if not answer:
            self._refuse(transfer, "The customer refused.")
            return
        transfer.allowed_by = me
        if transfer.folder == self.inbox:
            await asyncio.to_thread(self.make_inbox)
            if transfer.stage != Stage.ASKING:
                return  # stopped meanwhile
        self.open_sink(transfer)

    def make_inbox(self) -> None:
        """Make the folder files sent to the customer go into, if missing: a new account may
        have no Downloads folder yet. Only its last level (as a browser does), and only once
        the customer allowed a file into it."""
        with contextlib.suppress(OSError):  # the write that follows says why, if it fails
            self.inbox.mkdir(exist_ok=True)

    def _fetch_offered(self, transfer: Transfer, offer: FileOffer) -> None:
        """The agent's side: the customer allowed our fetch and offers the file."""
        # The file asked for and nothing else: a peer that answers with a path ("autostart/x")
        # or a bigger file than the one the customer picked is refused, nothing is written.
        wanted = unicodedata.normalize("NFC", transfer.name)
        if offer.name != wanted or transfer.wanted_size not in (None, offer.size):
            self._refuse(transfer, "The file offered is not the one asked for.")
            return
        transfer.name, transfer.size, transfer.sha256 = offer.name, offer.size, offer.sha256
        transfer.allowed_by = transfer.allowed_by or transfer.remote_id
        if offer.size > self.max_file_bytes:
            self._refuse(transfer, too_large(offer.size, self.max_file_bytes))
            return
        self.open_sink(transfer)

    def open_sink(self, transfer: Transfer) -> None:
        """Open the temporary file and accept; a taken name asks first (conflicts.py)."""
        assert transfer.folder is not None
        receiving = sum(
            1
            for other in self.transfers.values()
            if other.sink is not None and other.remote_id == transfer.remote_id
        )
        if receiving >= MAX_RECEIVING_PER_PEER:
            self._refuse(transfer, "Too many files are being received at once.")
            return
        try:
            transfer.sink = open_destination(
                transfer.folder,
                transfer.name,
                transfer.size,
                transfer.on_conflict or self.on_conflict,
                max_bytes=self.max_file_bytes,
            )
        except NameTaken:
            self.session.spawn(self.conflicts.settle(transfer))
            return
        except Skipped:
            self._refuse(transfer, SKIPPED)
            return
        except (BadName, DestinationError, ValueError, OSError) as exc:
            self._refuse(transfer, f"The file cannot be written: {exc}")
            return
        transfer.stage = Stage.RUNNING
        self._watch(transfer.remote_id)
        self._restart_clock(transfer)
        self._send(transfer, FileAccept(id=transfer.id, offset=transfer.sink.received))
        if transfer.size == 0:
            self.session.spawn(self._complete(transfer))

    def _fetch_asked(self, remote_id: str, fetch: FileFetch) -> None:
        me = self.session.engine.me
        asker = self.session.engine.participant(remote_id)
        transfer = Transfer(
            fetch.id, remote_id, Direction.SEND, _base_name(fetch.path) or fetch.path
        )
        transfer.asked_by, transfer.source = remote_id, Path(fetch.path)
        if fetch.id in self.transfers:
            self._stray(remote_id, fetch.id, "fetch")
            return
        if me is None or me.role != Role.CUSTOMER or asker is None or not asker.is_agent:
            self._refuse(transfer, "Files are fetched by an agent from a customer only.")
            return
        self._start(transfer)
        self.session.spawn(self._ask_to_send(transfer, asker.name, me.id))

    async def _ask_to_send(self, transfer: Transfer, agent_name: str, me: str) -> None:
        """The customer's side of a fetch: asked first, then the file is offered."""
        answer = await self._consent(transfer, "send_file", agent_name, me)
        if transfer.stage != Stage.ASKING:
            return
        if not answer:
            self._refuse(transfer, "The customer refused.")
            return
        transfer.allowed_by = me
        assert transfer.source is not None
        try:
            # Only a file under a root the customer's side lists, no link on the way nor the
            # file itself, whatever path the agent typed (a UNC share, a relative path…).
            transfer.source = await asyncio.to_thread(self.folders.locate, str(transfer.source))
            name = check_name(transfer.source.name)
            info = transfer.source.stat()
            if not stat.S_ISREG(info.st_mode):
                raise IsADirectoryError("not a file")
            if info.st_size > self.max_file_bytes:
                self._refuse(transfer, too_large(info.st_size, self.max_file_bytes))
                return
            sha256 = await hash_file(transfer.source, info.st_size)
        except (BadName, DestinationError, OSError) as exc:
            self._refuse(transfer, f"The file cannot be read: {exc}")
            return
        if transfer.stage != Stage.ASKING:
            return
        transfer.name, transfer.size, transfer.sha256 = name, info.st_size, sha256
        self._watch(transfer.remote_id)
        self._send(transfer, FileOffer(id=transfer.id, name=name, size=info.st_size, sha256=sha256))

    async def _consent(self, transfer: Transfer, what: str, agent_name: str, me: str) -> bool:
        kind = PermissionKind.WRITE_FILES if what == "receive_file" else PermissionKind.READ_FILES
        answer = await self.session.consent.decide(
            ConsentRequest(
                what,
                agent_name,
                transfer.id,
                kind,
                agent_id=transfer.remote_id,
                customer_id=me,
                feature=NAME,
            )
        )
        return answer.granted

    # --- the sending side -------------------------------------------------------------------

    def _accepted(self, remote_id: str, accept: FileAccept) -> None:
        transfer = self._ours(remote_id, accept.id, Direction.SEND, "accept")
        if transfer is None or transfer.stage != Stage.ASKING or not transfer.sha256:
            return
        if accept.offset > transfer.size:
            return
        transfer.allowed_by = remote_id if not transfer.allowed_by else transfer.allowed_by
        transfer.stage = Stage.RUNNING
        self._restart_clock(transfer, accept.offset)
        self._stream_from(transfer, accept.offset)

    def _resume_asked(self, remote_id: str, resume: FileResume) -> None:
        transfer = self._ours(remote_id, resume.id, Direction.SEND, "resume")
        if transfer is None or transfer.stage not in (Stage.RUNNING, Stage.INTERRUPTED):
            return
        if resume.offset > transfer.size:
            return
        if transfer.stopping:
            transfer.stage = Stage.RUNNING
            self._stop_sending(transfer, transfer.stopping)  # the Stop again, on the new link
            return
        self._audit("files.resumed", remote_id, transfer, offset=str(resume.offset))
        transfer.stage = Stage.RUNNING
        self._cancel_expiry(transfer)
        self._restart_clock(transfer, resume.offset)
        self._stream_from(transfer, resume.offset)

    def _stream_from(self, transfer: Transfer, offset: int) -> None:
        if transfer.stream is not None:
            transfer.stream.cancel()
        transfer.all_sent = False
        transfer.stream = asyncio.ensure_future(self._stream(transfer, offset))

    async def _stream(self, transfer: Transfer, offset: int) -> None:
        """Chunks from ``offset`` to the end, one read at a time, each waiting for room."""
        assert transfer.source is not None
        try:
            channel = self.session.channel(transfer.remote_id, ChannelName.BULK)
            with transfer.source.open("rb") as file:
                file.seek(offset)
                position = offset
                while position < transfer.size:
                    # A 64 KiB read from disk is short beside the wait for room on the wire.
                    data = file.read(min(chunks.MAX_PAYLOAD_BYTES, transfer.size - position))
                    if not data:
                        raise OSError("the file got shorter while it was sent")
                    await channel.write(chunks.encode(transfer.id, position, data))
                    position += len(data)
                    transfer.sent_bytes += len(data)
            transfer.all_sent = True
        except ConnectionError:
            pass  # the link went: the receiver asks to resume on the next one
        except OSError as exc:
            self._fail(transfer, f"The file cannot be read: {exc}", tell=True)

    def _acknowledged(self, remote_id: str, progress: FileProgress) -> None:
        transfer = self._ours(remote_id, progress.id, Direction.SEND, "progress")
        if transfer is None or transfer.stage != Stage.RUNNING:
            return
        transfer.bytes = min(progress.received, transfer.size)
        self._publish_progress(transfer)

    def _delivered(self, remote_id: str, done: FileDone) -> None:
        transfer = self._ours(remote_id, done.id, Direction.SEND, "done")
        if transfer is None or transfer.stage in FINAL or transfer.stage == Stage.ASKING:
            return
        if done.sha256 != transfer.sha256:
            self._fail(transfer, "The file arrived different from what was sent.", tell=True)
            return
        transfer.bytes = transfer.size
        if done.saved_as:
            transfer.kept_as = renamed(transfer.name, done.saved_as)
        self._finish(transfer, Stage.DONE, "", by=remote_id)

    # --- the receiving side -----------------------------------------------------------------

    def _watch(self, remote_id: str) -> None:
        """File data from ``remote_id`` comes to us: set on every new link (and whenever a
        transfer starts, for a link that opened before this part was on the session)."""
        with contextlib.suppress(ConnectionError):
            channel = self.session.channel(remote_id, ChannelName.BULK)
            channel.on_message(lambda data: self._frame(remote_id, data))

    def _frame(self, remote_id: str, data: bytes | str) -> None:
        try:
            frame = chunks.decode(data)
        except chunks.FrameError:
            self._stray(remote_id, "", "bad_frame")
            return
        if self.bundles.frame(remote_id, frame):
            return
        transfer = self.transfers.get(frame.transfer)
        if (
            transfer is None
            or transfer.remote_id != remote_id
            or transfer.direction != Direction.RECEIVE
            or transfer.stage != Stage.RUNNING
            or transfer.sink is None
        ):
            # Never accepted here (nor asked, or refused, or over): nothing is written.
            self._stray(remote_id, frame.transfer, "chunk")
            return
        sink = transfer.sink
        if frame.offset != sink.received:
            return  # sent before our last "resume from": the sender is on its way back
        if not frame.intact:
            self._damaged(transfer, frame.offset)
            return
        if frame.offset + len(frame.payload) > transfer.size:
            self._fail(transfer, "More data came than the file's size.", tell=True)
            return
        transfer.resends = 0
        try:
            sink.write(frame.offset, frame.payload)
        except (DestinationError, ValueError, OSError) as exc:
            self._fail(transfer, f"The file cannot be written: {exc}", tell=True)
            return
        transfer.bytes = sink.received
        if transfer.bytes == transfer.size:
            # No progress message for the last chunk: "done" follows once the file is
            # verified (one control message fewer per file, which counts for small files).
            self._publish_progress(transfer)
            self.session.spawn(self._complete(transfer))
        elif transfer.bytes >= transfer.next_progress:
            transfer.next_progress = transfer.bytes + PROGRESS_EVERY_BYTES
            self._send(transfer, FileProgress(id=transfer.id, received=transfer.bytes))
            self._publish_progress(transfer)

    def _damaged(self, transfer: Transfer, offset: int) -> None:
        transfer.resends += 1
        self._audit("files.damaged", transfer.remote_id, transfer, offset=str(offset))
        if transfer.resends > MAX_RESENDS:
            self._fail(transfer, "Too many chunks arrived damaged.", tell=True)
            return
        self._send(transfer, FileResume(id=transfer.id, offset=offset))

    async def _complete(self, transfer: Transfer) -> None:
        """Verify and keep the file (flushing to disk takes a while: off the loop)."""
        sink = transfer.sink
        if sink is None or transfer.stage != Stage.RUNNING:
            return
        transfer.sink = None  # no more chunks for it; a Stop meanwhile goes to `finishing`
        transfer.finishing = sink
        try:
            transfer.path = await asyncio.to_thread(sink.complete, transfer.sha256)
        except Stopped:
            return  # a Stop came before the move: said as stopped, and nothing was kept
        except Corrupted:
            self._fail(transfer, "The file arrived damaged (its SHA-256 differs).", tell=True)
            return
        except (DestinationError, ValueError, OSError) as exc:
            sink.abort()
            self._fail(transfer, f"The file cannot be written: {exc}", tell=True)
            return
        finally:
            transfer.finishing = None
        if transfer.stage in FINAL:
            return  # the session ended while it was moved (a Stop that late waits for this)
        saved = saved_as(transfer.name, transfer.path)
        self._send(transfer, FileDone(id=transfer.id, sha256=transfer.sha256, saved_as=saved))
        self._finish(transfer, Stage.DONE, "", by=self._me())

    # --- refusals, failures, stops ------------------------------------------------------------

    def _refused(self, remote_id: str, refuse: FileRefuse) -> None:
        transfer = self.transfers.get(refuse.id)
        if transfer is None or transfer.remote_id != remote_id or transfer.stage != Stage.ASKING:
            self._stray(remote_id, refuse.id, "refuse")
            return
        self._finish(transfer, Stage.FAILED, refuse.reason or "Refused.", by=remote_id)

    def _aborted(self, remote_id: str, abort: FileAbort) -> None:
        if self.trees.aborted(remote_id, abort):
            return
        transfer = self.transfers.get(abort.id)
        if transfer is None or transfer.remote_id != remote_id:
            self._stray(remote_id, abort.id, "abort")
            return
        if transfer.stage in FINAL or self._too_late_to_stop(transfer, remote_id):
            return  # too late: our FileDone tells the sender the file was kept
        self._finish(
            transfer, Stage.ABORTED, abort.reason or "stopped", by=transfer.stopping or remote_id
        )
        if transfer.direction == Direction.RECEIVE:
            # The sender says "stopped" on this word: nothing was kept.
            self._send(transfer, FileAbort(id=transfer.id, reason="stopped"))

    def _refuse(self, transfer: Transfer, reason: str) -> None:
        """Say no to an offer or a fetch, with the reason the other side shows."""
        reason = reason[:MAX_REASON_CHARS]
        with contextlib.suppress(ConnectionError):
            self.session.send_to(transfer.remote_id, FileRefuse(id=transfer.id, reason=reason))
        if transfer.id in self.transfers:
            self._finish(transfer, Stage.FAILED, reason, by=self._me())
        else:
            self._audit("files.refused", self._me(), transfer, reason=reason)

    def _fail(self, transfer: Transfer, reason: str, *, tell: bool) -> None:
        if transfer.stage in FINAL:
            return
        self._finish(transfer, Stage.FAILED, reason, by=self._me())
        if tell:
            with contextlib.suppress(ConnectionError):
                abort = FileAbort(id=transfer.id, reason=reason[:MAX_REASON_CHARS])
                self.session.send_to(transfer.remote_id, abort)

    def _finish(self, transfer: Transfer, stage: Stage, reason: str, *, by: str) -> None:
        """End a transfer: its data stops, a partial file goes, the audit and views hear."""
        was_asking = transfer.stage == Stage.ASKING
        transfer.stage, transfer.reason = stage, reason
        if transfer.stream is not None:
            transfer.stream.cancel()
            transfer.stream = None
        self._cancel_expiry(transfer)
        if transfer.sink is not None:
            transfer.sink.abort()
            transfer.sink = None
        if was_asking:
            self.session.consent.cancel(transfer.id)
            self.conflicts.cancel(transfer.id)
        publish = self.session.engine.publish
        if stage == Stage.DONE:
            sent = transfer.direction == Direction.SEND
            kept = {"kept_as": transfer.kept_as} if transfer.kept_as else {}
            self._audit("files.sent" if sent else "files.received", by, transfer, **kept)
            path = str(transfer.path) if transfer.path else ""
            shown = shown_name(transfer, self._me())
            publish(TransferDone(transfer.id, shown, transfer.size, transfer.sha256, path))
        elif stage == Stage.ABORTED:
            self._audit("files.aborted", by, transfer, reason=reason)
            publish(TransferAborted(transfer.id, transfer.name, by))
        else:
            kind = "files.refused" if was_asking else "files.failed"
            self._audit(kind, by, transfer, reason=reason)
            publish(TransferFailed(transfer.id, transfer.name, reason))
        for listener in list(self.finished_listeners):
            listener(transfer)

    # --- links ------------------------------------------------------------------------------

    def on_link_up(self, remote_id: str) -> None:
        """A new link to ``remote_id``: our receiver on its bulk channel, and every file we
        were receiving from them asks to go on from what is written."""
        self._watch(remote_id)
        for transfer in list(self.transfers.values()):
            if (
                transfer.remote_id != remote_id
                or transfer.direction != Direction.RECEIVE
                or transfer.stage not in (Stage.RUNNING, Stage.INTERRUPTED)
                or transfer.sink is None
            ):
                continue
            transfer.stage = Stage.RUNNING
            self._cancel_expiry(transfer)
            self._restart_clock(transfer)
            self._audit("files.resumed", self._me(), transfer, offset=str(transfer.sink.received))
            self._send(transfer, FileResume(id=transfer.id, offset=transfer.sink.received))
        self.bundles.on_link_up(remote_id)

    def on_link_down(self, remote_id: str) -> None:
        self.bundles.on_link_down(remote_id)
        self.folders.on_link_down(remote_id)
        self.publishing.on_link_down(remote_id)
        for transfer in list(self.transfers.values()):
            if transfer.remote_id != remote_id or transfer.stage in FINAL:
                continue
            if transfer.stage == Stage.ASKING:
                self._finish(transfer, Stage.FAILED, "The connection was lost.", by=self._me())
                continue
            transfer.stage = Stage.INTERRUPTED
            if transfer.stream is not None:
                transfer.stream.cancel()
                transfer.stream = None
            self._cancel_expiry(transfer)
            transfer.expiry = asyncio.ensure_future(self._expire(transfer))
            self._publish_progress(transfer)

    async def _expire(self, transfer: Transfer) -> None:
        await self.session.clock.sleep(RESUME_WINDOW_S)
        if transfer.stage == Stage.INTERRUPTED:
            transfer.expiry = None
            self._fail(transfer, "The connection did not come back.", tell=False)

    async def on_close(self) -> None:
        self.bundles.on_close()
        self.folders.on_link_down("")
        for transfer in list(self.transfers.values()):
            if transfer.stage not in FINAL:
                self._finish(transfer, Stage.FAILED, "The session ended.", by=self._me())

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None:
        """Control changed hands: every transfer ends, the other side told (the manual: on a
        transfer of control, running activities end)."""
        why = "Another agent is in charge now; the transfer stopped."
        self.bundles.on_close(why, tell=True)
        self.folders.on_link_down("")
        for transfer in list(self.transfers.values()):
            self._fail(transfer, why, tell=True)

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        transfer = self.transfers.get(getattr(message, "id", ""))
        if transfer is not None and transfer.remote_id == remote_id:
            self._fail(transfer, f"{type(error).__name__}: {error}", tell=True)

    # --- for the package's parts (folders, trees, publishing, conflicts) ---------------------

    def me(self) -> str:
        return self._me()

    def new_id(self) -> str:
        return self._new_id()

    def start(self, transfer: Transfer) -> None:
        self._start(transfer)

    def publish_progress(self, transfer: Transfer) -> None:
        self._publish_progress(transfer)

    def refuse(self, transfer: Transfer, reason: str) -> None:
        self._refuse(transfer, reason)

    def audit(self, kind: str, actor: str, transfer: Transfer, **detail: str) -> None:
        self._audit(kind, actor, transfer, **detail)

    def send(self, remote_id: str, message: PeerMessage) -> bool:
        """Send on the control channel; False when there is no link now."""
        try:
            self.session.send_to(remote_id, message)
        except ConnectionError:
            return False
        return True

    def offer(self, transfer: Transfer) -> None:
        """Offer a file we send whose source, size and hash are known (groups, publishing)."""
        self._watch(transfer.remote_id)
        self._start(transfer)
        self._audit("files.offered", transfer.asked_by, transfer)
        self._send(
            transfer,
            FileOffer(
                id=transfer.id,
                name=transfer.name,
                size=transfer.size,
                sha256=transfer.sha256,
                group=transfer.group,
            ),
        )

    def expect(self, transfer: Transfer) -> None:
        """A file we receive on our own request (a download, a fetched tree): its offer is
        wanted and needs no question."""
        transfer.fetched = True
        self._watch(transfer.remote_id)
        self._start(transfer)

    def watch(self, remote_id: str) -> None:
        self._watch(remote_id)

    def stray(self, remote_id: str, activity_id: str, what: str) -> None:
        self._stray(remote_id, activity_id, what)

    # --- helpers ----------------------------------------------------------------------------

    def _me(self) -> str:
        me = self.session.engine.me
        if me is None:
            raise RuntimeError("not in a session")
        return me.id

    def _new_id(self) -> str:
        return secrets.token_hex(chunks.ID_BYTES)

    def _start(self, transfer: Transfer) -> None:
        if len(self.transfers) >= self._trim_at:
            # A tenth of the cap at once, the oldest finished first, the scan stopping once they
            # are found. Transfers under way are kept: when too few had finished (a group of
            # thousands of files in flight), the next scan waits for a tenth more to start
            # instead of scanning the whole table again at every file.
            over = len(self.transfers) - MAX_KEPT_TRANSFERS + 1 + MAX_KEPT_TRANSFERS // 10
            finished = (t.id for t in self.transfers.values() if t.stage in FINAL)
            for old in list(itertools.islice(finished, over)):
                del self.transfers[old]
            step = MAX_KEPT_TRANSFERS // 10
            self._trim_at = max(MAX_KEPT_TRANSFERS, len(self.transfers) + step)
        self.transfers[transfer.id] = transfer
        self.session.engine.publish(
            TransferStarted(
                transfer.id,
                transfer.remote_id,
                transfer.direction,
                transfer.name,
                transfer.size,
                transfer.group,
            )
        )

    def _ours(
        self, remote_id: str, transfer_id: str, direction: Direction, what: str
    ) -> Transfer | None:
        transfer = self.transfers.get(transfer_id)
        if transfer is None or transfer.remote_id != remote_id or transfer.direction != direction:
            self._stray(remote_id, transfer_id, what)
            return None
        return transfer

    def _stray(self, remote_id: str, transfer_id: str, what: str) -> None:
        """Something for a transfer that is not theirs (or not in that state): dropped."""
        key = f"{remote_id}/{transfer_id}"
        # Chunks still on the way when a transfer ended (a Stop) are expected: not a warning,
        # nor is the same one again.
        known = self.transfers.get(transfer_id)
        ended = known is not None and known.remote_id == remote_id and known.stage in FINAL
        say = log.debug if ended or key in self._strays else log.warning
        say("dropped a files %s from %s for %r", what, remote_id, transfer_id)
        if key in self._strays or len(self._strays) >= MAX_AUDITED_STRAYS:
            return
        self._strays.add(key)
        self.session.engine.audit.record(
            "files.dropped", remote_id, transfer=transfer_id, what=what
        )

    def _send(self, transfer: Transfer, message: PeerMessage) -> None:
        with contextlib.suppress(ConnectionError):
            self.session.send_to(transfer.remote_id, message)

    def _cancel_expiry(self, transfer: Transfer) -> None:
        if transfer.expiry is not None:
            transfer.expiry.cancel()
            transfer.expiry = None

    def _restart_clock(self, transfer: Transfer, at: int | None = None) -> None:
        transfer.started_at = self.session.clock.now()
        transfer.start_bytes = transfer.bytes if at is None else at
        if at is not None and transfer.direction == Direction.SEND:
            transfer.bytes = at

    def _publish_progress(self, transfer: Transfer) -> None:
        elapsed = self.session.clock.now() - transfer.started_at
        moved = transfer.bytes - transfer.start_bytes
        running = transfer.stage == Stage.RUNNING
        speed = moved / elapsed if running and elapsed > 0 and moved > 0 else 0.0
        eta = (transfer.size - transfer.bytes) / speed if speed > 0 else None
        self.session.engine.publish(
            TransferProgress(transfer.id, transfer.bytes, transfer.size, speed, eta)
        )

    def _audit(self, kind: str, actor: str, transfer: Transfer, **detail: str) -> None:
        """Every entry names the file, its size and SHA-256, who asked and who allowed."""
        self.session.engine.audit.record(
            kind,
            actor,
            transfer=transfer.id,
            direction=transfer.direction.value,
            peer=transfer.remote_id,
            name=transfer.name,
            size=str(transfer.size),
            hash=transfer.sha256,
            asked_by=transfer.asked_by,
            allowed_by=transfer.allowed_by,
            **detail,
        )
