"""The basic mode: the agent publishes files, the customer downloads the ones they want.

The agent's side sends the list (``FilesPublished``: id, name, size); the customer's side shows
it (``PublishedChanged``), the customer picks a file and a folder and asks for it
(``FileDownload``); the agent's side offers it as any file, and the customer's side, which
asked, takes it without a question (the customer acts) and audits it. Publishing an empty list
ends publishing: the window goes away on the customer's side.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared.features.files.hashing import hash_file
from shared.features.files.model import Direction, FileTooLarge, Transfer, too_large
from shared.features.files.names import check_name
from shared.features.files.protocol import (
    MAX_PUBLISHED,
    FileDownload,
    FilesPublished,
    PublishedFile,
)
from shared.protocol.messages import PeerMessage, Role

if TYPE_CHECKING:
    from collections.abc import Callable

    from shared.features.files.engine import FilesFeature


@dataclass(frozen=True)
class PublishedChanged:
    """The customer's side: what ``agent_id`` offers now (empty: nothing, the window closes)."""

    agent_id: str
    files: tuple[PublishedFile, ...]


@dataclass(frozen=True)
class _Source:
    path: Path
    size: int
    sha256: str


class Publishing:
    def __init__(self, files: FilesFeature) -> None:
        self.files = files
        # The agent's side: what we publish, to whom.
        self.published: dict[str, dict[str, _Source]] = {}
        self.listed: dict[str, tuple[PublishedFile, ...]] = {}
        # The customer's side: what each agent offers now.
        self.offered: dict[str, tuple[PublishedFile, ...]] = {}

    def handlers(self) -> dict[type[PeerMessage], Callable[[str, Any], None]]:
        return {FilesPublished: self._published, FileDownload: self._download_asked}

    # --- the agent's side ---------------------------------------------------------------------

    async def publish(self, customer_id: str, paths: list[Path]) -> tuple[PublishedFile, ...]:
        """Offer ``paths`` to the customer (the whole list, replacing the one before).
        FileTooLarge, OSError, BadName for a file that cannot be offered: nothing is sent."""
        if len(paths) > MAX_PUBLISHED:
            raise ValueError(f"at most {MAX_PUBLISHED} files at once")
        sources: dict[str, _Source] = {}
        listed: list[PublishedFile] = []
        for index, path in enumerate(paths):
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise IsADirectoryError(f"{path} is not a file")
            if info.st_size > self.files.max_file_bytes:
                raise FileTooLarge(too_large(info.st_size, self.files.max_file_bytes))
            name = check_name(path.name)
            sha256 = await hash_file(path, info.st_size)
            file_id = f"{index + 1:x}"
            sources[file_id] = _Source(path, info.st_size, sha256)
            listed.append(PublishedFile(id=file_id, name=name, size=info.st_size))
        self.published[customer_id] = sources
        self.listed[customer_id] = tuple(listed)
        self.files.session.engine.audit.record(
            "files.published",
            self.files.me(),
            customer=customer_id,
            names="/".join(f.name for f in listed),
            hashes=",".join(s.sha256 for s in sources.values()),
        )
        self.files.send(customer_id, FilesPublished(files=listed))
        return tuple(listed)

    def stop_publishing(self, customer_id: str) -> None:
        if self.published.pop(customer_id, None) is None:
            return
        self.listed.pop(customer_id, None)
        self.files.session.engine.audit.record(
            "files.unpublished", self.files.me(), customer=customer_id
        )
        self.files.send(customer_id, FilesPublished(files=[]))

    def _download_asked(self, remote_id: str, ask: FileDownload) -> None:
        source = self.published.get(remote_id, {}).get(ask.file)
        if source is None or ask.id in self.files.transfers:
            self.files.stray(remote_id, ask.id, "download")
            return
        listed = {f.id: f for f in self.listed.get(remote_id, ())}
        transfer = Transfer(
            ask.id, remote_id, Direction.SEND, listed[ask.file].name, source.size, source.sha256
        )
        transfer.source = source.path
        transfer.asked_by = transfer.allowed_by = remote_id  # the customer acts
        self.files.offer(transfer)

    def on_link_down(self, remote_id: str) -> None:
        """Nothing to do: the list stands until the agent stops it or the session ends."""

    # --- the customer's side ------------------------------------------------------------------

    def _published(self, remote_id: str, message: FilesPublished) -> None:
        me = self.files.session.engine.me
        agent = self.files.session.engine.participant(remote_id)
        # From the agent in charge only, as every privileged request: an assistant's is refused.
        may = self.files.session.consent.may_request
        if (
            me is None
            or me.role != Role.CUSTOMER
            or agent is None
            or not agent.is_agent
            or (may is not None and not may(remote_id))
        ):
            self.files.stray(remote_id, "", "published")
            return
        files = tuple(message.files)
        if files:
            self.offered[remote_id] = files
        else:
            self.offered.pop(remote_id, None)
        self.files.session.engine.audit.record(
            "files.offered_list", remote_id, names="/".join(f.name for f in files)
        )
        self.files.session.engine.publish(PublishedChanged(remote_id, files))

    def download(self, agent_id: str, file_id: str, folder: Path) -> Transfer:
        """The customer takes a published file into ``folder`` (their choice: no question)."""
        listed = {f.id: f for f in self.offered.get(agent_id, ())}
        if file_id not in listed:
            raise KeyError(f"{file_id} is not published")
        chosen = listed[file_id]
        me = self.files.me()
        transfer = Transfer(
            self.files.new_id(), agent_id, Direction.RECEIVE, chosen.name, chosen.size
        )
        transfer.folder, transfer.asked_by, transfer.allowed_by = folder, me, me
        transfer.wanted_size = chosen.size
        self.files.expect(transfer)
        self.files.audit("files.download", me, transfer, folder=str(folder))
        self.files.send(agent_id, FileDownload(id=transfer.id, file=file_id))
        return transfer
