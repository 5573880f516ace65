"""Groups: a whole folder tree, or several files at once, as one transfer group of per-file
transfers (each chunked, verified and resumable as on its own).

The side with the files announces the group (``FileTree``), the receiver allows it as a whole
(the customer is asked once, WRITE_FILES; the agent's own fetch needs no question), then the
sender creates every folder (``FileTreeFolder``: empty ones too), offers the larger files with
``group`` set, a few at a time, the small ones in bundles (bundles.py: many files as one
transfer), and says when all are offered (``FileTreeEnd``). The agent's
fetch of a tree (``FileFetchTree``) asks the customer READ_FILES, then their side sends as above.
Links are not followed: a symbolic link in a tree is left out, and so is a name the rules refuse.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared.features.files.bundles import BUNDLE_FILE_BYTES
from shared.features.files.destination import (
    Conflict,
    DestinationError,
    existing_folder,
    make_folder,
)
from shared.features.files.hashing import hash_file
from shared.features.files.model import (
    FINAL,
    Direction,
    FileTooLarge,
    Stage,
    Transfer,
    shown_name,
    too_large,
)
from shared.features.files.names import SEPARATOR, BadName, check_name, reading_order
from shared.features.files.on_disk import entry_named
from shared.features.files.protocol import (
    MAX_NAMED,
    NAME,
    FileAbort,
    FileFetchTree,
    FileTree,
    FileTreeAnswer,
    FileTreeEnd,
    FileTreeFolder,
)
from shared.protocol.limits import MAX_REASON_CHARS
from shared.protocol.messages import PeerMessage, Role
from shared.session.consent import ConsentRequest, PermissionKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from shared.features.files.engine import FilesFeature

# Files of one group on the wire at once: enough to keep the link busy between small files
# (each costs a few round trips), few enough to hold few open files on each side.
FILES_AT_ONCE = 4
# Entries one group may hold (files and folders): a tree bigger than that is refused whole,
# rather than sent in part.
MAX_GROUP_ENTRIES = 20_000
# Ended groups kept for the views (the oldest go first): a flood of trees, each refused, does
# not grow the customer's memory without end.
MAX_KEPT_GROUPS = 1000


@dataclass(frozen=True)
class GroupStarted:
    id: str
    remote_id: str
    direction: Direction
    name: str
    files: int
    size: int


@dataclass(frozen=True)
class GroupAllowed:
    """The asker's side: the other side allowed the group; its files' own lines follow."""

    id: str


@dataclass(frozen=True)
class GroupEnded:
    id: str
    name: str
    stage: Stage  # DONE (every file arrived), FAILED (refused, or some file failed), ABORTED
    done: int
    failed: int
    reason: str = ""
    # Whose words the views use: "copied to Grace's computer", "received in ~/Downloads".
    direction: Direction = Direction.SEND
    peer: str = ""  # the other side's participant id
    folder: str = ""  # receiving: where the files went
    by: str = ""  # ABORTED: who stopped it (a participant id)
    # It ended before anyone allowed it: an ABORTED one was withdrawn while its question was
    # open (the customer's window says so, their question having closed without a word).
    unanswered: bool = False


@dataclass
class Group:
    id: str
    remote_id: str
    direction: Direction
    name: str = ""
    files: int = 0
    size: int = 0
    stage: Stage = Stage.ASKING
    folder: Path | None = None  # receiving: where the tree goes
    asked_by: str = ""
    allowed_by: str = ""
    announced: int | None = None  # receiving: the sender's count, once all are offered
    transfers: list[str] = field(default_factory=list)
    done: int = 0
    failed: int = 0
    answer: asyncio.Future[bool] | None = None  # sending: the receiver's decision
    slot: asyncio.Event = field(default_factory=asyncio.Event)
    on_conflict: Conflict | None = None  # an answer "for all" to a taken name
    # Receiving: what the sender offered so far, held to what it announced (``files``, ``size``)
    # and the customer allowed; entries made (folders and files), held to MAX_GROUP_ENTRIES.
    offered_bytes: int = 0
    entries: int = 0
    # The agent's fetch: the names it asked for; every file and folder must be under one.
    names: frozenset[str] = frozenset()
    # Receiving: what the customer's question names (FileTree's named, picked, one_folder).
    named: tuple[str, ...] = ()
    picked: int = 0
    one_folder: bool = False
    # The customer's side of a fetch: the root and the folder under it the picked entries are
    # in (as the agent's side named them; checked once allowed).
    source_root: str = ""
    source_folder: str = ""


@dataclass(frozen=True)
class _Walked:
    folders: list[str]
    files: list[tuple[str, Path, int]]  # relative name, source, size


class Trees:
    def __init__(self, files: FilesFeature) -> None:
        self.files = files
        self.groups: dict[str, Group] = {}
        files.finished_listeners.append(self._file_finished)

    def handlers(self) -> dict[type[PeerMessage], Callable[[str, Any], None]]:
        return {
            FileTree: self._announced,
            FileTreeAnswer: self._answered,
            FileTreeFolder: self._folder,
            FileTreeEnd: self._ended,
            FileFetchTree: self._fetch_asked,
        }

    # --- the agent's commands -----------------------------------------------------------------

    async def send_paths(
        self, customer_id: str, paths: list[Path], root: str = "", folder: str = ""
    ) -> Group:
        """Send files and whole folders to the customer (into ``root``/``folder`` of theirs,
        or their own folder for received files): one group, allowed once."""
        me = self.files.me()
        walked = await asyncio.to_thread(_walk, paths, self.files.max_file_bytes)
        name = paths[0].name if len(paths) == 1 else ""
        group = Group(self.files.new_id(), customer_id, Direction.SEND, name, asked_by=me)
        group.files, group.size = len(walked.files), sum(f[2] for f in walked.files)
        self._start(group)
        group.answer = asyncio.get_running_loop().create_future()
        tree = FileTree(
            id=group.id,
            name=name,
            files=group.files,
            size=group.size,
            root=root,
            folder=folder,
            named=[check_name(path.name) for path in paths[:MAX_NAMED]],
            picked=len(paths),
            one_folder=len(paths) == 1 and bool(walked.folders),
        )
        self.files.send(customer_id, tree)
        self.files.session.spawn(self._send_when_allowed(group, walked))
        return group

    def fetch_tree(
        self, customer_id: str, root: str, folder: str, names: list[str], local_folder: Path
    ) -> Group:
        """Fetch entries of the customer's ``folder`` (files, whole folders) into
        ``local_folder``: the customer is asked once."""
        me = self.files.me()
        name = names[0] if len(names) == 1 else ""
        group = Group(
            self.files.new_id(), customer_id, Direction.RECEIVE, name, folder=local_folder
        )
        group.asked_by = me
        group.names = frozenset(unicodedata.normalize("NFC", n) for n in names)
        self._start(group)
        self.files.send(
            customer_id,
            FileFetchTree(id=group.id, root=root, folder=folder, names=names),
        )
        return group

    def abort_group(self, group_id: str) -> None:
        group = self.groups.get(group_id)
        if group is None or group.stage in FINAL:
            return
        self.files.send(group.remote_id, FileAbort(id=group.id, reason="stopped"))
        self._end(group, Stage.ABORTED, "stopped")

    # --- sending ------------------------------------------------------------------------------

    async def _send_when_allowed(self, group: Group, walked: _Walked) -> None:
        assert group.answer is not None
        if not await group.answer:
            return
        await self._stream(group, walked)

    async def _stream(self, group: Group, walked: _Walked) -> None:
        group.stage = Stage.RUNNING
        for folder in walked.folders:
            self.files.send(group.remote_id, FileTreeFolder(group=group.id, path=folder))
        # Small files go in bundles (bundles.py), after the larger ones are on their way.
        limit = min(BUNDLE_FILE_BYTES, self.files.max_file_bytes)
        small = [f for f in walked.files if f[2] <= limit]
        for relative, source, size in walked.files:
            if size <= limit:
                continue
            while self._running(group) >= FILES_AT_ONCE and group.stage == Stage.RUNNING:
                group.slot.clear()
                await group.slot.wait()
            if group.stage != Stage.RUNNING:
                return
            try:
                sha256 = await hash_file(source, size)
            except OSError as exc:
                group.failed += 1
                self.files.session.engine.audit.record(
                    "files.unreadable",
                    self.files.me(),
                    group=group.id,
                    name=relative,
                    error=str(exc),
                )
                continue
            if group.stage != Stage.RUNNING:
                return
            transfer = Transfer(
                self.files.new_id(), group.remote_id, Direction.SEND, relative, size, sha256
            )
            transfer.source, transfer.group = source, group.id
            transfer.asked_by, transfer.allowed_by = group.asked_by, group.allowed_by
            group.transfers.append(transfer.id)
            self.files.offer(transfer)
        await self.files.bundles.send_all(group, small)
        if group.stage != Stage.RUNNING:
            return
        self.files.send(group.remote_id, FileTreeEnd(group=group.id, files=len(group.transfers)))
        group.announced = len(group.transfers)
        self._check(group)

    def _running(self, group: Group) -> int:
        """Files of the group on the wire one by one (bundled ones are counted by bundles)."""
        transfers = self.files.transfers
        return sum(1 for t in group.transfers if t in transfers and transfers[t].stage not in FINAL)

    def _answered(self, remote_id: str, answer: FileTreeAnswer) -> None:
        group = self.groups.get(answer.id)
        if group is None or group.remote_id != remote_id or group.stage != Stage.ASKING:
            self.files.stray(remote_id, answer.id, "tree_answer")
            return
        if answer.granted and group.direction == Direction.SEND and group.answer is not None:
            group.allowed_by = remote_id
            group.answer.set_result(True)
            self.files.session.engine.publish(GroupAllowed(group.id))
            return
        if group.answer is not None and not group.answer.done():
            group.answer.set_result(False)
        self._end(group, Stage.FAILED, answer.reason or "Refused.")

    # --- receiving ----------------------------------------------------------------------------

    def _announced(self, remote_id: str, tree: FileTree) -> None:
        known = self.groups.get(tree.id)
        if known is not None:
            # Our own fetch: the customer allowed it and their side sends the tree.
            if (
                known.remote_id == remote_id
                and known.direction == Direction.RECEIVE
                and known.stage == Stage.ASKING
            ):
                known.files, known.size, known.stage = tree.files, tree.size, Stage.RUNNING
                known.allowed_by = remote_id
                self.files.session.engine.publish(GroupAllowed(known.id))
                return
            self.files.stray(remote_id, tree.id, "tree")
            return
        me = self.files.session.engine.me
        asker = self.files.session.engine.participant(remote_id)
        group = Group(tree.id, remote_id, Direction.RECEIVE, tree.name, tree.files, tree.size)
        group.asked_by = remote_id
        group.named, group.picked = tuple(tree.named), tree.picked
        group.one_folder = tree.one_folder
        if me is None or me.role != Role.CUSTOMER or asker is None or not asker.is_agent:
            self._refuse(group, "Files are sent by an agent to a customer only.")
            return
        try:
            if tree.root:
                group.folder = existing_folder(self.files.folders.root(tree.root), tree.folder)
            else:
                group.folder = self.files.inbox
        except (BadName, DestinationError, OSError) as exc:
            self._refuse(group, f"The folder cannot be written: {exc}")
            return
        self._start(group)
        # A folder of theirs is made only once the customer allowed the tree, not before.
        subfolder = "" if tree.root else tree.folder
        self.files.session.spawn(self._ask(group, asker.name, me.id, subfolder))

    async def _ask(self, group: Group, agent_name: str, me: str, subfolder: str = "") -> None:
        if not await self._consent(
            group, "receive_files", PermissionKind.WRITE_FILES, agent_name, me
        ):
            return
        if group.folder == self.files.inbox:
            await asyncio.to_thread(self.files.make_inbox)
        if subfolder:
            assert group.folder is not None
            try:
                group.folder = await asyncio.to_thread(make_folder, group.folder, subfolder)
            except (BadName, DestinationError, OSError) as exc:
                self._refuse(group, f"The folder cannot be written: {exc}")
                return
            if group.stage != Stage.ASKING:
                return
        group.allowed_by, group.stage = me, Stage.RUNNING
        self.files.send(group.remote_id, FileTreeAnswer(id=group.id, granted=True))
        self._audit("files.group_allowed", me, group)

    async def _consent(
        self, group: Group, kind: str, permission: PermissionKind, agent_name: str, me: str
    ) -> bool:
        """Asks the customer about the whole group; False (the group refused or gone) unless
        they allow it while the group still waits for them."""
        answer = await self.files.session.consent.decide(
            ConsentRequest(
                kind,
                agent_name,
                group.id,
                permission,
                agent_id=group.remote_id,
                customer_id=me,
                feature=NAME,
                unasked_while_shared=True,
            )
        )
        if group.stage != Stage.ASKING:
            return False
        if not answer.granted:
            self._refuse(group, "The customer refused.")
            return False
        return True

    def _folder(self, remote_id: str, folder: FileTreeFolder) -> None:
        group = self._receiving(remote_id, folder.group, "tree_folder")
        if group is None:
            return
        assert group.folder is not None
        problem = self._beyond(group, folder.path, None)
        if problem:
            self._audit(
                "files.folder_failed", self.files.me(), group, path=folder.path, error=problem
            )
            return
        group.entries += 1
        try:
            make_folder(group.folder, folder.path)
        except (BadName, DestinationError, OSError) as exc:
            self._audit(
                "files.folder_failed", self.files.me(), group, path=folder.path, error=str(exc)
            )

    def offered(self, transfer: Transfer, group_id: str) -> None:
        """A file of a group (the engine hands it here): taken without a question when its
        group is allowed, refused otherwise."""
        group = self._receiving(transfer.remote_id, group_id, "offer")
        if group is None:
            self.files.refuse(transfer, "Not part of an allowed transfer.")
            return
        if transfer.size > self.files.max_file_bytes:
            self.files.refuse(transfer, too_large(transfer.size, self.files.max_file_bytes))
            group.failed += 1
            return
        problem = self._beyond(group, transfer.name, transfer.size)
        if problem:
            self.files.refuse(transfer, problem)
            group.failed += 1
            return
        group.entries += 1
        group.offered_bytes += transfer.size
        transfer.group, transfer.folder = group.id, group.folder
        transfer.allowed_by, transfer.on_conflict = group.allowed_by, group.on_conflict
        group.transfers.append(transfer.id)
        self.files.start(transfer)
        self.files.open_sink(transfer)

    def _beyond(self, group: Group, path: str, size: int | None) -> str:
        """Why an entry the sender adds to an allowed group goes past what was allowed ("": it
        does not): more files or bytes than announced, or, for the agent's fetch, a name it did
        not ask for. ``size``: None for a folder."""
        if size is not None and (
            len(group.transfers) >= group.files or group.offered_bytes + size > group.size
        ):
            return "More than the files announced."
        if group.entries >= MAX_GROUP_ENTRIES:
            return f"More than {MAX_GROUP_ENTRIES} files and folders."
        if group.names and path.split(SEPARATOR, 1)[0] not in group.names:
            return "Not among the files asked for."
        return ""

    def bundle_problem(self, group: Group, names: list[str], size: int) -> str:
        """Why a bundle of files (``names``, ``size`` bytes in all) goes past what the group
        allowed ("": it does not), by the rules of ``_beyond`` for each file."""
        files, total = len(group.transfers) + len(names), group.offered_bytes + size
        if files > group.files or total > group.size:
            return "More than the files announced."
        if group.entries + len(names) > MAX_GROUP_ENTRIES:
            return f"More than {MAX_GROUP_ENTRIES} files and folders."
        if group.names and any(n.split(SEPARATOR, 1)[0] not in group.names for n in names):
            return "Not among the files asked for."
        return ""

    def receiving_group(self, remote_id: str, group_id: str) -> Group | None:
        """The group ``remote_id`` sends us that we allowed and that still runs."""
        group = self.groups.get(group_id)
        if (
            group is None
            or group.remote_id != remote_id
            or group.direction != Direction.RECEIVE
            or group.stage != Stage.RUNNING
        ):
            return None
        return group

    def check(self, group: Group) -> None:
        self._check(group)

    def _ended(self, remote_id: str, end: FileTreeEnd) -> None:
        group = self._receiving(remote_id, end.group, "tree_end")
        if group is None:
            return
        group.announced = end.files
        self._check(group)

    def _receiving(self, remote_id: str, group_id: str, what: str) -> Group | None:
        group = self.groups.get(group_id)
        if (
            group is None
            or group.remote_id != remote_id
            or group.direction != Direction.RECEIVE
            or group.stage != Stage.RUNNING
        ):
            self.files.stray(remote_id, group_id, what)
            return None
        return group

    # --- the customer's side of a fetch -------------------------------------------------------

    def _fetch_asked(self, remote_id: str, fetch: FileFetchTree) -> None:
        me = self.files.session.engine.me
        asker = self.files.session.engine.participant(remote_id)
        group = Group(
            fetch.id, remote_id, Direction.SEND, fetch.names[0] if len(fetch.names) == 1 else ""
        )
        group.asked_by = remote_id
        # What the customer's question names: what would leave their computer, and from where.
        group.named, group.picked = tuple(fetch.names[:MAX_NAMED]), len(fetch.names)
        group.source_root, group.source_folder = fetch.root, fetch.folder
        if fetch.id in self.groups:
            self.files.stray(remote_id, fetch.id, "fetch_tree")
            return
        if me is None or me.role != Role.CUSTOMER or asker is None or not asker.is_agent:
            self._refuse(group, "Files are fetched by an agent from a customer only.")
            return
        self._start(group)
        self.files.session.spawn(self._send_fetched(group, fetch, asker.name, me.id))

    async def _send_fetched(self, group: Group, fetch: FileFetchTree, agent: str, me: str) -> None:
        # The question counts what would leave the computer (files, size). Where the files
        # cannot be read, it is asked all the same and refused after: a refusal before any
        # question would tell a console which paths exist without the customer knowing.
        with contextlib.suppress(BadName, DestinationError, OSError, FileTooLarge):
            counted = await asyncio.to_thread(self._fetched, fetch)
            group.files, group.size = len(counted.files), sum(f[2] for f in counted.files)
        if not await self._consent(group, "send_files", PermissionKind.READ_FILES, agent, me):
            return
        group.allowed_by = me
        try:  # again: the files may have changed while the customer read the question
            walked = await asyncio.to_thread(self._fetched, fetch)
        except (BadName, DestinationError, OSError, FileTooLarge) as exc:
            self._refuse(group, f"The files cannot be read: {exc}")
            return
        group.files, group.size = len(walked.files), sum(f[2] for f in walked.files)
        tree = FileTree(id=group.id, name=group.name, files=group.files, size=group.size)
        self.files.send(group.remote_id, tree)
        self._audit("files.group_allowed", me, group)
        await self._stream(group, walked)

    def _fetched(self, fetch: FileFetchTree) -> _Walked:
        """On a worker thread: the files and folders a fetch names, walked."""
        folder = self.files.folders.place(fetch.root, fetch.folder)
        return _walk(_entries(folder, fetch.names), self.files.max_file_bytes)

    # --- either side --------------------------------------------------------------------------

    def aborted(self, remote_id: str, abort: FileAbort) -> bool:
        """A FileAbort naming a group (the engine asks first); True when it was one."""
        group = self.groups.get(abort.id)
        if group is None or group.remote_id != remote_id:
            return False
        if group.stage not in FINAL:
            self._end(group, Stage.ABORTED, abort.reason or "stopped", by=remote_id)
        return True

    def _file_finished(self, transfer: Transfer) -> None:
        group = self.groups.get(transfer.group) if transfer.group else None
        if group is None or group.stage in FINAL:
            return
        if transfer.stage == Stage.DONE:
            group.done += 1
        else:
            group.failed += 1
        group.slot.set()
        self._check(group)

    def _check(self, group: Group) -> None:
        if group.stage in FINAL or group.announced is None:
            return
        if group.done + group.failed < group.announced or self.files.session is None:
            return
        if any(
            self.files.transfers[t].stage not in FINAL
            for t in group.transfers
            if t in self.files.transfers
        ):
            return
        stage = Stage.DONE if group.failed == 0 else Stage.FAILED
        self._end(group, stage, "" if stage == Stage.DONE else f"{group.failed} file(s) failed.")

    def _keep(self, group: Group) -> None:
        if len(self.groups) >= MAX_KEPT_GROUPS:
            ended = [g.id for g in self.groups.values() if g.stage in FINAL]
            for old in ended[: len(self.groups) - MAX_KEPT_GROUPS + 1]:
                del self.groups[old]
        self.groups[group.id] = group

    def _start(self, group: Group) -> None:
        self._keep(group)
        self._audit("files.group", group.asked_by, group)
        self.files.session.engine.publish(
            GroupStarted(
                group.id, group.remote_id, group.direction, group.name, group.files, group.size
            )
        )

    def _refuse(self, group: Group, reason: str) -> None:
        reason = reason[:MAX_REASON_CHARS]
        self.files.send(group.remote_id, FileTreeAnswer(id=group.id, granted=False, reason=reason))
        if group.id not in self.groups:
            self._keep(group)
        self._end(group, Stage.FAILED, reason)

    def _end(self, group: Group, stage: Stage, reason: str, by: str = "") -> None:
        group.stage = stage
        if stage == Stage.ABORTED:
            self.files.bundles.end_group(group, stage, reason, by or self.files.me())
            for transfer_id in group.transfers:
                self.files.abort(transfer_id, by)  # by: the other side, when it stopped it
        if group.answer is not None and not group.answer.done():
            group.answer.set_result(False)
        group.slot.set()
        self.files.session.consent.cancel(group.id)
        self._audit(
            "files.group_ended", by or self.files.me(), group, stage=stage.value, reason=reason
        )
        self.files.session.engine.publish(
            GroupEnded(
                group.id,
                self._shown_name(group),
                stage,
                group.done,
                group.failed,
                reason,
                group.direction,
                group.remote_id,
                str(group.folder) if group.folder is not None else "",
                (by or self.files.me()) if stage == Stage.ABORTED else "",
                unanswered=not group.allowed_by,
            )
        )

    def _shown_name(self, group: Group) -> str:
        """The group's name for the views: one file that was kept under another name (Keep
        both) by the name its own line says (model.shown_name)."""
        if len(group.transfers) == 1:
            only = self.files.transfers.get(group.transfers[0])
            if only is not None and only.stage == Stage.DONE and only.name == group.name:
                return shown_name(only, self.files.me())
        return group.name

    def _audit(self, kind: str, actor: str, group: Group, **detail: str) -> None:
        self.files.session.engine.audit.record(
            kind,
            actor,
            group=group.id,
            direction=group.direction.value,
            peer=group.remote_id,
            name=group.name,
            files=str(group.files),
            size=str(group.size),
            asked_by=group.asked_by,
            allowed_by=group.allowed_by,
            **detail,
        )


def _entries(folder: Path, names: list[str]) -> list[Path]:
    """The entries of ``folder`` the agent named, as spelled on disk (a Mac's NFD names too)."""
    return [entry_named(folder, name) for name in names]


def _walk(paths: list[Path], max_file_bytes: int) -> _Walked:
    """Every folder and file under ``paths`` (named relative to their parent), links left out.
    Raises FileTooLarge for a file over the limit, ValueError for a tree over the bound."""
    folders: list[str] = []
    files: list[tuple[str, Path, int]] = []

    def visit(path: Path, relative: str) -> None:
        if len(folders) + len(files) >= MAX_GROUP_ENTRIES:
            raise FileTooLarge(f"more than {MAX_GROUP_ENTRIES} files and folders")
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return
        if stat.S_ISDIR(info.st_mode):
            folders.append(relative)
            # In the order the customer's copying window and the agent's list then show them.
            for child in sorted(os.listdir(path), key=lambda n: (reading_order(n), n)):
                try:
                    name = check_name(child)
                except BadName:
                    continue
                visit(path / child, f"{relative}{SEPARATOR}{name}")
        elif stat.S_ISREG(info.st_mode):
            if info.st_size > max_file_bytes:
                raise FileTooLarge(too_large(info.st_size, max_file_bytes))
            files.append((relative, path, info.st_size))

    for path in paths:
        visit(path, check_name(path.name))
    return _Walked(folders, files)
