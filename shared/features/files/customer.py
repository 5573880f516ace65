"""File transfer in the customer's window: the consent question in the feature's words ("Ada
wants to send you report.pdf (2.4 MB)"), files sent to them going into their Downloads folder,
and a small window while anything is copied, with Stop."""

from __future__ import annotations

import os
import stat
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot

from shared.features.files.browsing_notice import browsing_notice
from shared.features.files.customer_window import TransfersWindow
from shared.features.files.folders import ReadingChanged
from shared.features.files.model import FINAL, Direction, Stage
from shared.features.files.names import SEPARATOR
from shared.features.files.part import FilesPart, TransferRow, downloads_folder
from shared.features.files.protocol import NAME, FolderChange, FolderOp
from shared.features.files.texts import files_text, quoted, size_text, withdrawn_text
from shared.features.files.trees import GroupEnded
from shared.qt.feature_views import CustomerView, PanelSpec, Place, SessionHost
from shared.qt.pins import client_settings
from shared.qt.window_place import WindowPlace
from shared.session.consent import ConsentRequest
from shared.session.live import LiveSession

if TYPE_CHECKING:
    from shared.features.files.trees import Group

translate = QCoreApplication.translate

# Once nothing is copied any more, the window stays this long so that the last line's "Done"
# (or "Stopped") can be read; a new transfer meanwhile keeps it open.
LINGER_MS = 1500

# The client's parts, for the consent question (asked by request, without the session).
_PARTS: weakref.WeakSet[CustomerFilesPart] = weakref.WeakSet()


class CustomerFilesPart(FilesPart):
    # The agents who may list this computer's folders changed (browsing_notice.py).
    browsing_changed = Signal()

    def __init__(self, host: SessionHost) -> None:
        super().__init__(host)
        self.browsing: frozenset[str] = frozenset()  # agents' ids
        host.feature_event.connect(self._reading_changed)
        # Where files sent to the customer go.
        self.downloads = downloads_folder()
        self.window = TransfersWindow(self.abort)
        self._place: WindowPlace | None = None
        self._linger = QTimer(self)
        self._linger.setSingleShot(True)
        self._linger.setInterval(LINGER_MS)
        self._linger.timeout.connect(self._close_if_idle)
        self.changed.connect(self._row_changed)
        host.feature_event.connect(self._group_ended)
        _PARTS.add(self)

    def adopt(self, session: LiveSession) -> None:
        super().adopt(session)
        self.browsing = frozenset()
        self.browsing_changed.emit()
        # Read on the loop when a file is offered (a plain attribute: set from here).
        self.set_downloads(self.downloads)

    def set_downloads(self, folder: Path) -> None:
        """Files sent to the customer go into ``folder`` from now on."""
        self.downloads = folder
        feature = self.feature()
        if feature is not None:
            feature.inbox = folder

    def close(self) -> None:
        super().close()
        self._linger.stop()
        self.window.close()

    def browsing_names(self) -> list[str]:
        """Who may list this computer's folders now, by name."""
        return sorted(self.name_of(agent) or agent for agent in self.browsing)

    @Slot()
    def stop_browsing(self) -> None:
        """Every agent browsing must ask the customer again before the next listing."""
        feature, agents = self.feature(), self.browsing
        if feature is None:
            return
        folders = feature.folders

        async def stop() -> None:
            for agent in agents:
                folders.stop_reading(agent)

        self._run(stop(), None)

    @Slot(object)
    def _reading_changed(self, event: object) -> None:
        if isinstance(event, ReadingChanged):
            self.browsing = event.agents
            self.browsing_changed.emit()

    def change(self, request_id: str) -> FolderChange | None:
        """The change on this computer the agent asks for, while it is asked."""
        feature = self.feature()
        return feature.folders.asking.get(request_id) if feature is not None else None

    def offered_folder(self, change: FolderChange) -> str:
        """The folder of this computer the change is in ("" unless under a root offered)."""
        return self.folder_under(change.root, change.path.split(SEPARATOR)[:-1])

    def folder_under(self, root: str, parts: list[str]) -> str:
        """``parts`` under ``root`` as this computer's path ("" unless ``root`` is one this
        side offers): what a question shows, never what is read or written."""
        feature = self.feature()
        if feature is None:
            return ""
        if root not in {offered.id for offered in feature.folders.roots_source.roots()}:
            return ""
        return str(Path(root, *parts))

    def group(self, group_id: str) -> Group | None:
        """A group of files (several, a folder) the agent sends or asks for, while known."""
        feature = self.feature()
        return feature.trees.groups.get(group_id) if feature is not None else None

    def remote_path(self, transfer_id: str) -> str:
        """The customer's own path of a file the agent asked for (shown as it is)."""
        feature = self.feature()
        transfer = feature.transfers.get(transfer_id) if feature is not None else None
        source = transfer.source if transfer is not None else None
        return str(source) if source is not None else ""

    @Slot(object)
    def _group_ended(self, event: object) -> None:
        """The agent withdrew a folder or files while the customer was asked about them: their
        question closed by itself, so their window says why."""
        if not (
            isinstance(event, GroupEnded)
            and event.stage == Stage.ABORTED
            and event.unanswered
            and event.by == event.peer
        ):
            return
        text = withdrawn_text(
            self.name_of(event.peer), event.name, to_customer=event.direction == Direction.RECEIVE
        )
        self.tell(text)
        self.window.tell(text)
        self._show_window(event.peer)

    @Slot(object)
    def _row_changed(self, row: TransferRow) -> None:
        listed = row.id in self.window.list.ids()
        if row.stage == Stage.RUNNING or (listed and row.stage != Stage.ASKING):
            self.window.show_row(row)
            self._show_window(row.peer)
        if self.window.isVisible() and not self._copying():
            self._linger.start()
        elif self._copying():
            self._linger.stop()

    def _show_window(self, agent: str) -> None:
        if self.window.isVisible():
            return
        self.window.say_who(self.name_of(agent))
        if self._place is None:  # the first time: beside their window, then theirs
            self._place = WindowPlace(self.window, client_settings(), "customer_files")
            self._place.restore(near=self.host.near())
        self.window.show()
        self.window.raise_()

    def _copying(self) -> bool:
        rows = (self.rows.get(i) for i in self.window.list.ids())
        return any(row is not None and row.stage not in FINAL for row in rows)

    @Slot()
    def _close_if_idle(self) -> None:
        # A note is a sentence to read: it stays until the customer closes the window.
        if not self._copying() and not self.window.has_note():
            self.window.close()


# What the agent may ask to change on the customer's disk (folders.py): the question names it.
_CHANGES = frozenset({"create", "rename", "delete", "delete_folder_all"})

# Questions without a file of their own to name: browsing, groups, changes (folders.py, trees.py).
_OTHER_QUESTIONS: dict[str, Callable[[], str]] = {
    "browse": lambda: translate(
        "Files", "{agent} wants to see the folders and files on your computer"
    ),
    "receive_files": lambda: translate("Files", "{agent} wants to send you files"),
    "send_files": lambda: translate("Files", "{agent} wants to copy files from your computer"),
    "create": lambda: translate("Files", "{agent} wants to create a folder on your computer"),
    "rename": lambda: translate(
        "Files", "{agent} wants to rename a file or folder on your computer"
    ),
    "delete": lambda: translate(
        "Files", "{agent} wants to delete a file or folder on your computer"
    ),
    "delete_folder_all": lambda: translate(
        "Files", "{agent} wants to delete a folder and everything in it on your computer"
    ),
}


def _change_question(request: ConsentRequest) -> tuple[str, str] | None:
    """The question for a change the agent asks for, naming what it changes (None: unknown)."""
    for part in list(_PARTS):
        if (change := part.change(request.activity_id)) is not None:
            folder = part.offered_folder(change)
            break
    else:
        return None
    name, agent = change.path.split(SEPARATOR)[-1], request.agent_name
    if change.op is FolderOp.CREATE:
        question = translate("Files", "{agent} wants to create the folder {name} on your computer")
    elif change.op is FolderOp.RENAME:
        question = translate("Files", "{agent} wants to rename {name} to {new} on your computer")
    elif change.recursive:
        question = translate(
            "Files", "{agent} wants to delete the folder {name} and everything in it"
        )
    else:
        question = translate("Files", "{agent} wants to delete {name} on your computer")
    detail = translate("Files", "In {folder}.").format(folder=folder) if folder else ""
    if change.op is FolderOp.DELETE:
        gone = translate("Files", "It does not go to the trash: it cannot be undone.")
        detail = f"{detail} {gone}" if detail else gone
    new = quoted(change.new_name or "")
    return question.format(agent=agent, name=quoted(name), new=new), detail


def _group_of(activity_id: str) -> Group | None:
    """The group a question is about, from the open session's part."""
    for part in list(_PARTS):
        if (group := part.group(activity_id)) is not None:
            return group
    return None


def _named(group: Group) -> str:
    """The names a question lists, each quoted, "…" for those it leaves out."""
    names = [quoted(name) for name in group.named]
    return ", ".join(names + (["…"] if group.picked > len(group.named) else []))


def _group_question(request: ConsentRequest) -> tuple[str, str] | None:
    """The question for several files or a folder the agent sends, naming them with their
    count and size (None: the group is unknown, or the agent's side did not name it)."""
    group = _group_of(request.activity_id)
    if group is None or not group.named:
        return None
    agent, size, first = request.agent_name, size_text(group.size), group.named[0]
    if group.one_folder:
        question = translate(
            "Files", "{agent} wants to send you the folder {name} ({files}, {size})"
        ).format(agent=agent, name=quoted(first), files=files_text(group.files), size=size)
    elif group.picked == 1:
        question = translate("Files", "{agent} wants to send you {name} ({size})").format(
            agent=agent, name=quoted(first), size=size
        )
    else:
        question = translate("Files", "{agent} wants to send you {files} ({size}): {names}")
        question = question.format(
            agent=agent, files=files_text(group.files), size=size, names=_named(group)
        )
    if group.folder is None:
        return question, ""
    if group.picked == 1:
        detail = translate("Files", "It is saved in {folder}. You can stop it while it is copied.")
    else:
        detail = translate(
            "Files", "They are saved in {folder}. You can stop them while they are copied."
        )
    return question, detail.format(folder=group.folder)


def _fetch_question(request: ConsentRequest) -> tuple[str, str] | None:
    """The question for files and folders of theirs the agent asks for, naming them (None: the
    fetch is unknown)."""
    group = _group_of(request.activity_id)
    if group is None or not group.named:
        return None
    agent = request.agent_name
    folder = ""
    for part in list(_PARTS):
        parts = group.source_folder.split(SEPARATOR) if group.source_folder else []
        if folder := part.folder_under(group.source_root, parts):
            break
    one_file = group.picked == 1 and bool(folder) and _plain_file(Path(folder, group.named[0]))
    # What would leave the computer, counted before asking (none where it could not be read).
    files, size = files_text(group.files), size_text(group.size)
    if group.picked == 1 and not group.files:
        question = translate("Files", "{agent} wants to copy {name} from your computer").format(
            agent=agent, name=quoted(group.named[0])
        )
    elif group.picked == 1 and one_file:
        question = translate(
            "Files", "{agent} wants to copy {name} from your computer ({size})"
        ).format(agent=agent, name=quoted(group.named[0]), size=size)
    elif group.picked == 1:
        question = translate(
            "Files", "{agent} wants to copy {name} from your computer ({files}, {size})"
        ).format(agent=agent, name=quoted(group.named[0]), files=files, size=size)
    elif not group.files:
        question = translate(
            "Files", "{agent} wants to copy {count} items from your computer: {names}"
        ).format(agent=agent, count=group.picked, names=_named(group))
    else:
        question = translate(
            "Files",
            "{agent} wants to copy {count} items from your computer ({files}, {size}): {names}",
        ).format(agent=agent, count=group.picked, files=files, size=size, names=_named(group))
    if not folder:
        return question, translate(
            "Files",
            "Folders are copied with everything in them. You can stop it while it is copied.",
        )
    if one_file:
        detail = translate("Files", "In {folder}. You can stop it while it is copied.")
    else:
        detail = translate(
            "Files",
            "In {folder}. Folders are copied with everything in them."
            " You can stop it while it is copied.",
        )
    return question, detail.format(folder=folder)


def _plain_file(path: Path) -> bool:
    """Whether ``path`` on this computer is a file (not a folder, nor a link): its question
    then has no word on folders. Only the customer's own window reads it."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _question(request: ConsentRequest) -> tuple[str, str]:
    """The question for a file the agent sends ("receive_file") or asks for ("send_file")."""
    if request.what in _CHANGES and (asked := _change_question(request)) is not None:
        return asked
    if request.what == "receive_files" and (asked := _group_question(request)) is not None:
        return asked
    if request.what == "send_files" and (asked := _fetch_question(request)) is not None:
        return asked
    row, path, folder = None, "", ""
    for part in list(_PARTS):
        if (row := part.rows.get(request.activity_id)) is not None:
            path = part.remote_path(request.activity_id)
            folder = str(part.downloads)
            break
    agent = request.agent_name
    other = _OTHER_QUESTIONS.get(request.what)
    if other is not None:
        return other().format(agent=agent), ""
    if request.what == "receive_file":
        if row is None:
            return translate("Files", "{agent} wants to send you a file").format(agent=agent), ""
        return (
            translate("Files", "{agent} wants to send you {name} ({size})").format(
                agent=agent, name=quoted(row.name), size=size_text(row.size)
            ),
            translate(
                "Files", "It is saved in {folder}. You can stop it while it is copied."
            ).format(folder=folder),
        )
    if row is None:
        return translate("Files", "{agent} wants to copy a file from your computer").format(
            agent=agent
        ), ""
    return (
        translate("Files", "{agent} wants to copy {name} from your computer").format(
            agent=agent, name=quoted(row.name)
        ),
        translate(
            "Files", "{path} is copied to their computer. You can stop it while it is copied."
        ).format(path=path or row.name),
    )


def _part(host: SessionHost) -> CustomerFilesPart:
    return CustomerFilesPart(host)


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=_part,
    panels=(
        PanelSpec(
            "files_browsing", Place.STATUS, lambda: translate("Files", "Files"), browsing_notice
        ),
    ),
    question=_question,
)
