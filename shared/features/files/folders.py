"""Browsing and changing folders on the customer's machine (the advanced mode's right pane).

The agent asks; the customer's side answers, inside one of the roots it lists itself
(roots.py) and by the destination's rules: every name checked (names.check_path), no symbolic
link followed on the way, nothing outside the root. Reading needs READ_FILES once per agent
(until the customer stops it or the link drops); each create, rename and delete asks WRITE_FILES
unless the customer allowed everything, or shares their screen with that agent (the manual:
then no question). A refused change leaves the disk as it was.

Deleting: a file, a link (itself, never what it points to) or an empty folder; a folder with
something in it only when the agent's side confirmed it (``recursive``), and then without
following links inside (shutil.rmtree's safe form).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared.features.files.destination import (
    DestinationError,
    existing_folder,
    is_link,
)
from shared.features.files.names import (
    SEPARATOR,
    BadName,
    check_name,
    check_path,
    reading_order,
)
from shared.features.files.on_disk import entry_named
from shared.features.files.protocol import (
    MAX_PAGE_ENTRIES,
    NAME,
    FolderAnswer,
    FolderChange,
    FolderEntry,
    FolderList,
    FolderListing,
    FolderOp,
    FolderReadingEnded,
    FolderRootList,
    FolderRoots,
    RootEntry,
)
from shared.features.files.roots import RootsSource, default_roots
from shared.protocol.limits import MAX_PEER_MESSAGE_BYTES, MAX_REASON_CHARS
from shared.protocol.messages import PeerMessage, Role
from shared.session.consent import ConsentRequest, PermissionKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from shared.features.files.engine import FilesFeature

# The agent's side gives up on an answer after this long (a customer's side that never
# answers, a question left open): the view says so rather than waiting for ever.
REQUEST_TIMEOUT_S = 180.0
# A listing page stops before its encoded entries pass this (the rest of a peer message is
# the envelope): names of 255 bytes in scripts JSON escapes cannot overflow a message.
PAGE_BUDGET_BYTES = MAX_PEER_MESSAGE_BYTES - 2048
# A folder with more entries than this is listed up to it: one answer's sort stays bounded.
MAX_LISTED = 20_000
# Requests from the agent waiting at once: a flood is refused, not queued.
MAX_PENDING = 64


class FolderRefused(Exception):
    """The customer's side refused or failed a request; the text says why."""


@dataclass(frozen=True)
class FolderChanged:
    """A change on the customer's machine, done or refused (both sides' views)."""

    id: str
    op: FolderOp
    root: str
    path: str
    new_name: str
    error: str  # "" when done


@dataclass(frozen=True)
class ReadingStopped:
    """The agent's side: ``customer_id`` stopped us seeing their folders (their Stop)."""

    customer_id: str


@dataclass(frozen=True)
class ReadingChanged:
    """The customer's side: the agents who may list this computer's folders now changed
    (allowed, stopped by the customer, or their link went). The customer's window says who."""

    agents: frozenset[str]


class Folders:
    def __init__(self, files: FilesFeature, roots: RootsSource | None = None) -> None:
        self.files = files
        self.roots_source = roots or default_roots()
        # The agent's side: requests waiting for their answer, by id.
        self._waiting: dict[str, tuple[str, asyncio.Future[PeerMessage]]] = {}
        # The customer's side: agents allowed to read (READ_FILES granted), until it stops.
        self.reading: set[str] = set()
        # The customer's side: changes waiting for their answer, by id (the question names
        # what is changed).
        self.asking: dict[str, FolderChange] = {}

    def handlers(self) -> dict[type[PeerMessage], Callable[[str, Any], None]]:
        return {
            FolderRoots: self._roots_asked,
            FolderList: self._list_asked,
            FolderChange: self._change_asked,
            FolderRootList: self._answered,
            FolderListing: self._answered,
            FolderAnswer: self._answered,
            FolderReadingEnded: self._reading_ended,
        }

    # --- the agent's side ---------------------------------------------------------------------

    async def roots(self, customer_id: str) -> list[RootEntry]:
        answer = await self._request(customer_id, FolderRoots(id=self.files.new_id()))
        assert isinstance(answer, FolderRootList)
        return list(answer.roots)

    async def list_page(
        self, customer_id: str, root: str, path: str = "", offset: int = 0
    ) -> FolderListing:
        message = FolderList(id=self.files.new_id(), root=root, path=path, offset=offset)
        answer = await self._request(customer_id, message)
        assert isinstance(answer, FolderListing)
        return answer

    async def list_folder(self, customer_id: str, root: str, path: str = "") -> list[FolderEntry]:
        """Every entry, page after page."""
        entries: list[FolderEntry] = []
        while True:
            page = await self.list_page(customer_id, root, path, len(entries))
            entries.extend(page.entries)
            if not page.entries or len(entries) >= page.total:
                return entries

    async def create_folder(self, customer_id: str, root: str, path: str) -> None:
        await self._change(customer_id, FolderOp.CREATE, root, path)

    async def rename(self, customer_id: str, root: str, path: str, new_name: str) -> None:
        await self._change(customer_id, FolderOp.RENAME, root, path, new_name=new_name)

    async def delete(self, customer_id: str, root: str, path: str, recursive: bool = False) -> None:
        await self._change(customer_id, FolderOp.DELETE, root, path, recursive=recursive)

    async def _change(
        self,
        customer_id: str,
        op: FolderOp,
        root: str,
        path: str,
        *,
        new_name: str | None = None,
        recursive: bool = False,
    ) -> None:
        change = FolderChange(
            id=self.files.new_id(),
            op=op,
            root=root,
            path=path,
            new_name=new_name,
            recursive=recursive,
        )
        self.files.session.engine.audit.record(
            "files.change_asked", self.files.me(), op=op.value, root=root, path=path
        )
        try:
            await self._request(customer_id, change)
        except FolderRefused as refused:
            self._changed(change, str(refused))
            raise
        self._changed(change, "")

    async def _request(self, customer_id: str, message: PeerMessage) -> PeerMessage:
        request_id = str(getattr(message, "id", ""))
        future: asyncio.Future[PeerMessage] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = (customer_id, future)
        try:
            if not self.files.send(customer_id, message):
                raise ConnectionError("not linked to the customer")
            timeout = asyncio.ensure_future(self.files.session.clock.sleep(REQUEST_TIMEOUT_S))
            try:
                waiters: list[asyncio.Future[Any]] = [future, timeout]
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                timeout.cancel()
            if not future.done():
                raise FolderRefused("The customer's computer did not answer.")
            answer = future.result()
        finally:
            self._waiting.pop(request_id, None)
        if isinstance(answer, FolderAnswer) and answer.error:
            raise FolderRefused(answer.error)
        return answer

    def _answered(
        self, remote_id: str, answer: FolderRootList | FolderListing | FolderAnswer
    ) -> None:
        waiting = self._waiting.get(answer.id)
        if waiting is None or waiting[0] != remote_id or waiting[1].done():
            self.files.stray(remote_id, answer.id, "folder_answer")
            return
        waiting[1].set_result(answer)

    def on_link_down(self, remote_id: str) -> None:
        """The link went (or "" : the session closed): waits end, reading asks again."""
        for request_id, (peer, future) in list(self._waiting.items()):
            if (not remote_id or peer == remote_id) and not future.done():
                future.set_exception(ConnectionError("The connection was lost."))
                self._waiting.pop(request_id, None)
        self._reading_ends(remote_id)

    def _reading_ended(self, remote_id: str, _: FolderReadingEnded) -> None:
        """Whoever says it (a customer, or anyone: it only clears what our view shows)."""
        self.files.session.engine.publish(ReadingStopped(remote_id))

    # --- the customer's side ------------------------------------------------------------------

    def stop_reading(self, agent_id: str) -> None:
        """The customer stops the agent browsing: the next listing asks again."""
        if agent_id in self.reading:
            self._reading_ends(agent_id)
            self.files.session.engine.audit.record(
                "files.reading_stopped", self.files.me(), agent=agent_id
            )
            self.files.send(agent_id, FolderReadingEnded())  # their pane forgets the folder

    def _reading_ends(self, agent_id: str) -> None:
        """``agent_id`` ("": every agent) must be allowed again before their next listing."""
        before = frozenset(self.reading)
        if agent_id:
            self.reading.discard(agent_id)
        else:
            self.reading.clear()
        if self.reading != before:
            self.files.session.engine.publish(ReadingChanged(frozenset(self.reading)))

    def _agent(self, remote_id: str) -> str | None:
        """The agent's name when we are the customer and they are an agent; else None."""
        me = self.files.session.engine.me
        asker = self.files.session.engine.participant(remote_id)
        if me is None or me.role != Role.CUSTOMER or asker is None or not asker.is_agent:
            return None
        return asker.name

    def _roots_asked(self, remote_id: str, ask: FolderRoots) -> None:
        if self._agent(remote_id) is None:
            self._refuse(remote_id, ask.id, "Folders are browsed by an agent only.")
            return
        self.files.session.spawn(self._answer_roots(remote_id, ask))

    async def _answer_roots(self, remote_id: str, ask: FolderRoots) -> None:
        if not await self._may_read(remote_id, ask.id):
            return
        roots = await asyncio.to_thread(self.roots_source.roots)
        self.files.send(remote_id, FolderRootList(id=ask.id, roots=roots))

    def _list_asked(self, remote_id: str, ask: FolderList) -> None:
        if self._agent(remote_id) is None:
            self._refuse(remote_id, ask.id, "Folders are browsed by an agent only.")
            return
        self.files.session.spawn(self._answer_list(remote_id, ask))

    async def _answer_list(self, remote_id: str, ask: FolderList) -> None:
        if not await self._may_read(remote_id, ask.id):
            return
        try:
            folder = await asyncio.to_thread(self.place, ask.root, ask.path)
            entries = await asyncio.to_thread(_entries, folder)
        except (BadName, DestinationError, OSError) as exc:
            self._refuse(remote_id, ask.id, f"The folder cannot be read: {exc}")
            return
        page = _page(entries, ask.offset)
        self.files.session.engine.audit.record(
            "files.listed", remote_id, root=ask.root, path=ask.path, entries=str(len(entries))
        )
        listing = FolderListing(
            id=ask.id,
            root=ask.root,
            path=ask.path,
            offset=ask.offset,
            total=len(entries),
            entries=page,
        )
        self.files.send(remote_id, listing)

    async def _may_read(self, remote_id: str, request_id: str) -> bool:
        """READ_FILES, asked once per agent while they browse."""
        if remote_id in self.reading:
            return True
        if await self._consent(remote_id, request_id, "browse", PermissionKind.READ_FILES):
            if remote_id not in self.reading:
                self.reading.add(remote_id)
                self.files.session.engine.publish(ReadingChanged(frozenset(self.reading)))
            return True
        self._refuse(remote_id, request_id, "The customer refused.")
        return False

    def _change_asked(self, remote_id: str, change: FolderChange) -> None:
        if self._agent(remote_id) is None:
            self._refuse(remote_id, change.id, "Folders are changed by an agent only.")
            return
        self.files.session.spawn(self._answer_change(remote_id, change))

    async def _answer_change(self, remote_id: str, change: FolderChange) -> None:
        what = f"{change.op.value}_folder_all" if change.recursive else change.op.value
        self.asking[change.id] = change
        try:
            granted = await self._consent(remote_id, change.id, what, PermissionKind.WRITE_FILES)
        finally:
            self.asking.pop(change.id, None)
        if not granted:
            self._done(remote_id, change, "The customer refused.")
            return
        try:
            await asyncio.to_thread(self._apply, change)
        except (BadName, DestinationError, OSError) as exc:
            self._done(remote_id, change, f"Not done: {exc}")
            return
        self._done(remote_id, change, "")

    def _done(self, remote_id: str, change: FolderChange, error: str) -> None:
        self.files.session.engine.audit.record(
            "files.changed" if not error else "files.change_refused",
            self.files.me(),
            op=change.op.value,
            root=change.root,
            path=change.path,
            new_name=change.new_name or "",
            agent=remote_id,
            error=error,
        )
        self._changed(change, error)
        self.files.send(remote_id, FolderAnswer(id=change.id, error=error[:MAX_REASON_CHARS]))

    def _changed(self, change: FolderChange, error: str) -> None:
        self.files.session.engine.publish(
            FolderChanged(
                change.id, change.op, change.root, change.path, change.new_name or "", error
            )
        )

    async def _consent(
        self, remote_id: str, request_id: str, what: str, kind: PermissionKind
    ) -> bool:
        agent_name = self._agent(remote_id) or ""
        answer = await self.files.session.consent.decide(
            ConsentRequest(
                what,
                agent_name,
                request_id,
                kind,
                agent_id=remote_id,
                customer_id=self.files.me(),
                feature=NAME,
                unasked_while_shared=True,
            )
        )
        return answer.granted

    def _refuse(self, remote_id: str, request_id: str, reason: str) -> None:
        self.files.session.engine.audit.record(
            "files.browse_refused", self.files.me(), agent=remote_id, reason=reason
        )
        self.files.send(remote_id, FolderAnswer(id=request_id, error=reason[:MAX_REASON_CHARS]))

    # --- the disk (off the event loop) ----------------------------------------------------------

    def root(self, root: str) -> Path:
        """A root the customer's side lists now; anything else is refused."""
        if root not in {entry.id for entry in self.roots_source.roots()}:
            raise DestinationError(f"{root!r} is not a folder offered for browsing")
        return Path(root)

    def place(self, root: str, path: str) -> Path:
        """The folder ``path`` under ``root``: real folders all the way, no link, inside."""
        return existing_folder(self.root(root), path)

    def locate(self, path: str) -> Path:
        """A file the agent names by its full path (a fetch): under a root listed now (the
        longest that holds it), every folder on the way real and no link, the file itself a
        plain file, not a link. Anything else (a relative path, a share or a folder that is
        not listed, a link) raises DestinationError or BadName."""
        target = Path(path)
        if not target.is_absolute():
            raise DestinationError(f"{path!r} is not a full path")
        roots = sorted((Path(entry.id) for entry in self.roots_source.roots()), key=str)
        for base in reversed(roots):  # the longest root first: /media/USB before /
            if not target.is_relative_to(base) or target == base:
                continue
            parts = target.relative_to(base).parts
            folder = existing_folder(base, SEPARATOR.join(parts[:-1]))
            file = entry_named(folder, check_name(parts[-1]))  # as spelled on disk (NFD too)
            info = os.lstat(file)
            if is_link(info) or not stat.S_ISREG(info.st_mode):
                raise DestinationError(f"{path!r} is not a plain file")
            return file
        raise DestinationError(f"{path!r} is not in a folder offered for browsing")

    def _apply(self, change: FolderChange) -> None:
        parts = check_path(change.path)
        parent = self.place(change.root, SEPARATOR.join(parts[:-1]))
        # The entry as spelled on disk (a Mac's NFD name too); a new folder that reads like one
        # there finds it taken rather than making a look-alike.
        target = entry_named(parent, parts[-1])
        if change.op is FolderOp.CREATE:
            os.mkdir(target)  # FileExistsError when the name is taken: nothing replaced
            return
        info = os.lstat(target)
        if change.op is FolderOp.RENAME:
            if change.new_name is None:
                raise DestinationError("no new name")
            new_name = check_name(change.new_name)
            taken = entry_named(parent, new_name)  # by NFC, as the listing shows it
            if taken != target and _exists(taken):
                raise FileExistsError(f"{change.new_name!r} already exists")
            os.rename(target, parent / new_name)
            return
        if is_link(info) or not stat.S_ISDIR(info.st_mode):
            os.unlink(target)  # a link goes itself, never what it points to
        elif change.recursive:
            shutil.rmtree(target)
        else:
            os.rmdir(target)  # OSError "not empty" unless confirmed


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    return True


def _entries(folder: Path) -> list[FolderEntry]:
    """The folder's entries, folders first then by name; names the rules refuse are left out
    (the agent could not name them back)."""
    found: list[FolderEntry] = []
    with os.scandir(folder) as listing:
        for item in listing:
            if len(found) >= MAX_LISTED:
                break
            try:
                name = check_name(item.name)
                info = item.stat(follow_symlinks=False)
            except (BadName, OSError):
                continue
            link = is_link(info)
            folder_ = stat.S_ISDIR(info.st_mode) and not link
            if link:
                with contextlib.suppress(OSError):
                    folder_ = item.is_dir(follow_symlinks=True)
            size = 0 if folder_ else info.st_size
            found.append(
                FolderEntry(name=name, size=size, modified=info.st_mtime, folder=folder_, link=link)
            )
    found.sort(key=lambda e: (not e.folder, reading_order(e.name), e.name))
    return found


def _page(entries: list[FolderEntry], offset: int) -> list[FolderEntry]:
    page: list[FolderEntry] = []
    used = 0
    for entry in entries[offset : offset + MAX_PAGE_ENTRIES]:
        cost = len(json.dumps(entry.model_dump(), ensure_ascii=True)) + 2
        if page and used + cost > PAGE_BUDGET_BYTES:
            break
        page.append(entry)
        used += cost
    return page
