"""File transfer's views of one session, on either side: every transfer as a row the windows
show (from the engine's events), a sentence when each one ends, and the commands (the agent's
send and fetch, either side's stop), run on the session's asyncio thread."""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal, Slot

from shared.features.files.conflict_dialog import ConflictDialog
from shared.features.files.conflicts import ConflictSettled, NameConflict
from shared.features.files.destination import Conflict
from shared.features.files.engine import FilesFeature
from shared.features.files.model import (
    FINAL,
    SKIPPED,
    Direction,
    FileTooLarge,
    Stage,
    TransferAborted,
    TransferDone,
    TransferFailed,
    TransferProgress,
    TransferStarted,
    limit_text,
)
from shared.features.files.names import BadName
from shared.features.files.protocol import NAME
from shared.features.files.texts import copied_text, reason_text, received_text
from shared.qt.feature_views import SessionHost
from shared.qt.i18n import fill
from shared.session.live import LiveSession

translate = QCoreApplication.translate

_DOWNLOADS = QStandardPaths.StandardLocation.DownloadLocation


def downloads_folder() -> Path:
    """Where received files go unless the user says otherwise: their Downloads folder."""
    found = QStandardPaths.writableLocation(_DOWNLOADS)
    return Path(found) if found else Path.home() / "Downloads"


@dataclass(frozen=True)
class TransferRow:
    """One transfer as the windows show it."""

    id: str
    name: str
    direction: Direction  # as this side sees it: SEND is a file leaving this computer
    size: int
    peer: str  # the other side's participant id
    stage: Stage = Stage.ASKING
    bytes: int = 0
    speed_bps: float = 0.0
    eta_s: float | None = None
    reason: str = ""  # why it failed
    path: str = ""  # where it was written, on the receiving side
    by: str = ""  # who stopped it (participant id)

    @property
    def final(self) -> bool:
        return self.stage in FINAL


class FilesPart(QObject):
    changed = Signal(object)  # TransferRow, added or changed
    cleared = Signal()  # a new session: no rows
    removed = Signal(str)  # a row's id: its line goes (a group's waiting line, once allowed)
    # A sentence for the status bar: an operation finished, or a command could not run.
    told = Signal(str)

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.rows: dict[str, TransferRow] = {}
        self.last_told = ""
        # Where files fetched from the customer go, on the agent's side.
        self.local_folder = downloads_folder()
        # Open questions about a taken name, by transfer.
        self.conflicts: dict[str, ConflictDialog] = {}
        host.feature_event.connect(self._event)

    # --- the session ------------------------------------------------------------------------

    def adopt(self, session: LiveSession) -> None:
        self.rows.clear()
        self.last_told = ""
        self.cleared.emit()

    def close(self) -> None:
        for dialog in list(self.conflicts.values()):
            dialog.settled()
        self.conflicts.clear()

    def feature(self) -> FilesFeature | None:
        session = self.host.session
        return session.part(NAME, FilesFeature) if session is not None else None

    @property
    def running(self) -> list[TransferRow]:
        return [row for row in self.rows.values() if not row.final]

    def name_of(self, participant_id: str) -> str:
        for person in self.host.participants:
            if person.id == participant_id:
                return person.name
        return ""

    # --- commands ---------------------------------------------------------------------------

    def customer_id(self) -> str | None:
        """The customer the agent's files go to: the session's chosen one (the console's
        Participants panel), else the first one linked."""
        chosen = self.host.current_customer()
        if chosen is not None:
            return chosen
        for person in self.host.participants:
            if not person.is_agent and person.linked and person.gone_reason is None:
                return person.id
        return None

    def send_files(self, paths: list[Path]) -> None:
        """The agent's: offer each file to the customer (each is asked on their side)."""
        feature, customer = self.feature(), self.customer_id()
        if feature is None or customer is None:
            self.tell(translate("Files", "No customer is connected to send files to."))
            return
        for path in paths:
            self._run(feature.send_file(customer, path), self._could_not(path.name, feature))

    def fetch_file(self, remote_path: str) -> None:
        """The agent's: ask the customer for their file at ``remote_path`` (a full path: the
        customer's side takes nothing else, and would refuse it only once they allowed it)."""
        if not full_path(remote_path):
            self.tell(
                self._stamped(
                    translate(
                        "Files",
                        "{path}: type the file's full path on the customer's computer, "
                        "from / or from a drive such as C:\\.",
                    ).format(path=remote_path)
                )
            )
            return
        feature, customer = self.feature(), self.customer_id()
        if feature is None or customer is None:
            self.tell(translate("Files", "No customer is connected to fetch files from."))
            return
        folder = self.local_folder

        async def fetch() -> None:
            feature.fetch_file(customer, remote_path, folder)

        self._run(fetch(), self._could_not(remote_path, feature))

    def abort(self, transfer_id: str) -> None:
        """Either side's: stop this transfer now (the other side is told)."""
        feature = self.feature()
        if feature is None:
            return

        async def abort() -> None:
            if transfer_id in feature.trees.groups:
                # A folder or several files still asked for: the whole group is taken back.
                feature.trees.abort_group(transfer_id)
                return
            transfer = feature.transfers.get(transfer_id)
            if transfer is not None and transfer.group:
                # A file of a folder or of several sent at once: all of them stop, not one.
                feature.trees.abort_group(transfer.group)
            feature.abort(transfer_id)

        self._run(abort(), None)

    def tell(self, text: str) -> None:
        self.last_told = text
        self.told.emit(text)

    def _run(
        self,
        coro: Coroutine[Any, Any, object],
        failed: Callable[[BaseException], None] | None,
    ) -> None:
        def done(_: object, error: BaseException | None) -> None:
            if error is not None:
                if failed is not None:
                    failed(error)
                else:
                    self.host.report_error(None, error)

        self.host.bridge.run(coro, done)

    def _could_not(self, name: str, feature: FilesFeature) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if isinstance(error, FileTooLarge):
                why = fill(
                    translate("Files", "it is over the limit of {limit} per file"),
                    limit=limit_text(feature.max_file_bytes),
                )
            elif isinstance(error, IsADirectoryError):
                why = translate("Files", "it is not a file")
            elif isinstance(error, BadName):
                why = translate("Files", "its name cannot be used on another computer")
            elif isinstance(error, OSError):
                why = error.strerror or str(error)
            else:
                why = str(error)
            self.tell(
                self._stamped(translate("Files", "{name}: {why}.").format(name=name, why=why))
            )

        return failed

    # --- what the engine says ---------------------------------------------------------------

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, NameConflict):
            self._ask_about_name(event)
            return
        if isinstance(event, ConflictSettled):
            dialog = self.conflicts.pop(event.id, None)
            if dialog is not None:
                dialog.settled()
            return
        if isinstance(event, TransferStarted):
            started = TransferRow(
                event.id, event.name, event.direction, event.size, event.remote_id
            )
            self._put(started)
            return
        if not isinstance(
            event, TransferProgress | TransferDone | TransferFailed | TransferAborted
        ):
            return
        row = self.rows.get(event.id)
        if row is None or row.final:
            return
        match event:
            case TransferProgress():
                self._put(
                    replace(
                        row,
                        stage=Stage.RUNNING,
                        bytes=event.bytes,
                        size=event.size,
                        speed_bps=event.speed_bps,
                        eta_s=event.eta_s,
                    )
                )
            case TransferDone():
                size = event.size
                done = replace(row, stage=Stage.DONE, bytes=size, size=size, path=event.path)
                self._end(replace(done, name=event.name, speed_bps=0.0, eta_s=None))
            case TransferFailed():
                self._end(replace(row, stage=Stage.FAILED, reason=event.reason, eta_s=None))
            case TransferAborted():
                self._end(replace(row, stage=Stage.ABORTED, by=event.by, eta_s=None))

    def _ask_about_name(self, question: NameConflict) -> None:
        """A file arrives under a name taken where it goes: the user chooses."""
        if question.id in self.conflicts:
            return
        dialog = ConflictDialog(question)
        self.conflicts[question.id] = dialog

        def answered(choice: Conflict, for_all: bool) -> None:
            self.conflicts.pop(question.id, None)
            feature = self.feature()
            if feature is None:
                return

            async def answer() -> None:
                feature.answer_conflict(question.id, choice, for_all)

            self._run(answer(), None)

        dialog.answered.connect(answered)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _put(self, row: TransferRow) -> None:
        self.rows[row.id] = row
        self.changed.emit(row)

    def _remove(self, row_id: str) -> None:
        if self.rows.pop(row_id, None) is not None:
            self.removed.emit(row_id)

    def _end(self, row: TransferRow) -> None:
        self._put(row)
        self.tell(self._stamped(self.outcome_text(row)))

    @staticmethod
    def _stamped(text: str) -> str:
        return translate("Files", "{time} — {what}").format(time=time.strftime("%H:%M"), what=text)

    def outcome_text(self, row: TransferRow) -> str:
        """How a transfer ended, as this side's user reads it."""
        sent = row.direction == Direction.SEND
        other = self.name_of(row.peer)
        if row.stage == Stage.DONE:
            if sent:
                return copied_text(row.name, other)
            return received_text(row.name, str(Path(row.path).parent) if row.path else "")
        if row.stage == Stage.ABORTED:
            me = self.host.session.engine.me if self.host.session else None
            if me is not None and row.by == me.id:
                return translate("Files", "{name}: you stopped the transfer.").format(name=row.name)
            return translate("Files", "{name}: {who} stopped the transfer.").format(
                name=row.name, who=self.name_of(row.by) or other
            )
        if row.reason == SKIPPED:
            return translate("Files", "{name} was skipped: a file of that name is there.").format(
                name=row.name
            )
        return translate("Files", "{name} was not transferred: {why}").format(
            name=row.name, why=reason_text(row.reason)
        )


def full_path(path: str) -> bool:
    """Whether ``path`` is a full path on either system: /… (Linux, macOS), C:\\… or C:/…,
    or a network share \\\\server\\share (Windows); the agent does not know which it is."""
    return PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute()


def status_text(row: TransferRow) -> str:
    """A transfer's state in a word or two (its line's Status column)."""
    sending = row.direction == Direction.SEND
    match row.stage:
        case Stage.ASKING:
            return translate("Files", "Waiting for permission…")
        case Stage.RUNNING:
            return translate("Files", "Sending") if sending else translate("Files", "Receiving")
        case Stage.INTERRUPTED:
            return translate("Files", "Interrupted: waiting for the connection")
        case Stage.DONE:
            return translate("Files", "Done")
        case Stage.ABORTED:
            return translate("Files", "Stopped")
    if row.reason == SKIPPED:
        return translate("Files", "Skipped: a file of that name is there")
    return translate("Files", "Failed: {why}").format(why=reason_text(row.reason))
