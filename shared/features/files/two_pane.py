"""The advanced file transfer: the agent's files on the left (their own disk), the customer's on
the right (listed by the engine, page after page, under the roots the customer's side offers).
Send and fetch single files, several at once, whole folders, or drag them between the panes;
create, rename and delete on the customer's side, each asked there (folders.py). Progress and
Abort are the transfer list's, beside it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Coroutine
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QDir,
    QIdentityProxyModel,
    QLocale,
    QMimeData,
    QModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileSystemModel,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from shared.features.files.engine import FilesFeature
from shared.features.files.folders import FolderChanged, ReadingStopped
from shared.features.files.model import Direction, Stage
from shared.features.files.names import SEPARATOR
from shared.features.files.part import FilesPart
from shared.features.files.protocol import FolderEntry, FolderListing, RootEntry
from shared.features.files.texts import (
    copied_count_text,
    copied_text,
    files_text,
    not_copied_count_text,
    reason_text,
    received_text,
    size_text,
)
from shared.features.files.trees import GroupEnded
from shared.qt.i18n import display_locale, fill

translate = QCoreApplication.translate

# What a drag out of the customer's pane carries: the names picked in its folder (JSON).
REMOTE_MIME = "application/x-tandem-remote-names"
# The name column's first width in both panes: most file names read whole.
NAME_COLUMN_PX = 240
# A pane's first width (the splitter scales both alike to the window's).
PANE_START_PX = 1000
# The folder fields' least width: a path's last folders read whole.
PATH_MIN_PX = 160
# The name field's least width: the dialog's title and a long file name read whole.
NAME_DIALOG_PX = 380
# Where an entry's name and kind are kept on its line.
_NAME_ROLE = Qt.ItemDataRole.UserRole
_FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1


class _Pane(QTreeView):
    """A pane that takes drops of one kind only (the other pane's), never its own."""

    def __init__(self, accepts: str, dropped: Callable[[QMimeData], None]) -> None:
        super().__init__()
        self._accepts, self._dropped = accepts, dropped
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def _takes(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        if event.source() is self or not mime.hasFormat(self._accepts):
            event.ignore()
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._takes(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._takes(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self._takes(event):
            self._dropped(event.mimeData())


class RemoteModel(QStandardItemModel):
    """One folder of the customer's, as listed; dragged entries carry their names."""

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels(
            [translate("Files", "Name"), translate("Files", "Size"), translate("Files", "Modified")]
        )

    def add(self, entries: list[FolderEntry]) -> None:
        for entry in entries:
            name = QStandardItem(entry.name)
            name.setData(entry.name, _NAME_ROLE)
            name.setData(entry.folder, _FOLDER_ROLE)
            size = QStandardItem("" if entry.folder else size_text(entry.size))
            # Right-aligned, as the agent's own pane shows sizes: figures compare down a column.
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            when = QDateTime.fromSecsSinceEpoch(int(entry.modified))
            modified = QStandardItem(
                display_locale().toString(when, QLocale.FormatType.ShortFormat)
            )
            name.setIcon(_entry_icon(entry.folder))
            for item in (name, size, modified):
                item.setEditable(False)
                item.setDropEnabled(False)
            self.appendRow([name, size, modified])

    def name(self, row: int) -> str:
        found = self.item(row, 0)
        value = found.data(_NAME_ROLE) if found is not None else None
        return value if isinstance(value, str) else ""

    def is_folder(self, row: int) -> bool:
        found = self.item(row, 0)
        return bool(found.data(_FOLDER_ROLE)) if found is not None else False

    def rows_named(self) -> list[str]:
        return [self.name(row) for row in range(self.rowCount())]

    def mimeTypes(self) -> list[str]:
        return [REMOTE_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        rows = sorted({index.row() for index in indexes})
        mime = QMimeData()
        mime.setData(REMOTE_MIME, json.dumps([self.name(r) for r in rows]).encode())
        return mime


def _entry_icon(folder: bool) -> QIcon:
    pixmap = QStyle.StandardPixmap.SP_DirIcon if folder else QStyle.StandardPixmap.SP_FileIcon
    return QApplication.style().standardIcon(pixmap)


class LocalColumns(QIdentityProxyModel):
    """The agent's files in the customer's pane's words: sizes as the transfers show them
    ("2.4 MB"), dates in the user's locale, our own headers. (Qt's file model writes sizes and
    dates in the system's locale and "Folder", "Python File"… in Qt's language: the Type column
    is hidden, the customer's pane has none.)"""

    SIZE, TYPE, MODIFIED = 1, 2, 3

    def __init__(self, files: QFileSystemModel) -> None:
        super().__init__(files)
        self.files = files
        self.setSourceModel(files)

    def data(self, index: QModelIndex | Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            # The customer's pane's icons (Qt's file icons need a desktop icon theme).
            folder = self.files.isDir(self.mapToSource(index))
            return _entry_icon(folder)
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (self.SIZE, self.MODIFIED):
            source = self.mapToSource(index)
            if index.column() == self.MODIFIED:
                when = self.files.lastModified(source)
                return display_locale().toString(when, QLocale.FormatType.ShortFormat)
            return "" if self.files.isDir(source) else size_text(self.files.size(source))
        return super().data(index, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return translate("Files", "Name")
            if section == self.SIZE:
                return translate("Files", "Size")
            if section == self.MODIFIED:
                return translate("Files", "Modified")
        return super().headerData(section, orientation, role)


class TwoPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("twoPane")
        self.part: FilesPart | None = None
        self.root = ""  # the customer's root shown (its id), "" before any
        self.browsed: str | None = None  # whose folder is shown (the customer's id)
        self.path = ""  # the folder under it, "/"-separated
        self.dialog: QInputDialog | QMessageBox | None = None  # while open (tests fill it)
        self._listing = 0  # bumps on every new listing: pages of an older one are dropped
        self._listing_error = ""  # what a listing that failed said, while it may be shown

        # The agent's side.
        self.local = QFileSystemModel(self)
        self.local.setReadOnly(True)
        self.local.setFilter(QDir.Filter.AllEntries | QDir.Filter.NoDotAndDotDot)
        self.left = _Pane(REMOTE_MIME, self._dropped_left)
        self.left.setObjectName("localFiles")
        self.left.setAccessibleName(translate("Files", "Your files"))
        self.local_shown = LocalColumns(self.local)
        self.left.setModel(self.local_shown)
        self.left.setColumnHidden(LocalColumns.TYPE, True)
        self.left.setSortingEnabled(True)
        self.left.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.left.header().resizeSection(0, NAME_COLUMN_PX)
        self.left.doubleClicked.connect(self._enter_local)
        self.local_path = QLineEdit()
        self.local_path.setObjectName("localPath")
        self.local_path.returnPressed.connect(lambda: self.open_local(Path(self.local_path.text())))
        local_up = _up_button("localUp")
        local_up.clicked.connect(lambda: self.open_local(self.local_folder().parent))

        # The customer's side.
        self.remote = RemoteModel()
        self.right = _Pane("text/uri-list", self._dropped_right)
        self.right.setObjectName("customerFiles")
        self.right.setAccessibleName(translate("Files", "The customer's files"))
        self.right.setModel(self.remote)
        self.right.header().resizeSection(0, NAME_COLUMN_PX)
        self.right.doubleClicked.connect(self._enter_remote)
        self.roots = QComboBox()
        self.roots.setObjectName("customerRoots")
        self.roots.setAccessibleName(translate("Files", "Drives and folders of the customer"))
        self.roots.activated.connect(self._root_chosen)
        self.roots.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.remote_path = QLineEdit()
        self.remote_path.setObjectName("customerPath")
        self.remote_path.setAccessibleName(translate("Files", "Folder on the customer's computer"))
        self.remote_path.setMinimumWidth(PATH_MIN_PX)
        self.local_path.setMinimumWidth(PATH_MIN_PX)
        self.remote_path.returnPressed.connect(self._path_typed)
        remote_up = _up_button("customerUp")
        remote_up.clicked.connect(self._remote_up)
        self.browse_button = QPushButton(translate("Files", "&Browse the customer's files"))
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self.load_roots)

        self.send_button = QPushButton(translate("Files", "Send →"))
        self.send_button.setObjectName("sendSelectedButton")
        self.send_button.clicked.connect(self.send_selected)
        self.fetch_button = QPushButton(translate("Files", "← Fetch"))
        self.fetch_button.setObjectName("fetchSelectedButton")
        self.fetch_button.clicked.connect(self.fetch_selected)
        self.new_folder_button = QPushButton(translate("Files", "New folder"))
        self.new_folder_button.setObjectName("newFolderButton")
        self.new_folder_button.clicked.connect(self.ask_new_folder)
        self.rename_button = QPushButton(translate("Files", "Rename"))
        self.rename_button.setObjectName("renameButton")
        self.rename_button.clicked.connect(self.ask_rename)
        self.delete_button = QPushButton(translate("Files", "Delete"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.ask_delete)

        left_box = QWidget()
        left_layout = QVBoxLayout(left_box)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_bar = QHBoxLayout()
        left_bar.addWidget(QLabel(translate("Files", "Your computer")))
        left_bar.addWidget(self.local_path, 1)
        left_bar.addWidget(local_up)
        left_layout.addLayout(left_bar)
        left_layout.addWidget(self.left, 1)
        left_layout.addWidget(self.send_button)

        right_box = QWidget()
        right_layout = QVBoxLayout(right_box)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_bar = QHBoxLayout()
        right_bar.addWidget(self.browse_button)
        right_bar.addWidget(self.roots)
        right_bar.addWidget(self.remote_path, 1)
        right_bar.addWidget(remote_up)
        right_layout.addLayout(right_bar)
        right_layout.addWidget(self.right, 1)
        changes = QHBoxLayout()
        changes.addWidget(self.fetch_button)
        changes.addStretch(1)
        for button in (self.new_folder_button, self.rename_button, self.delete_button):
            changes.addWidget(button)
        right_layout.addLayout(changes)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left_box)
        splitter.addWidget(right_box)
        # Both computers alike: half each, whatever the buttons' widths.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([PANE_START_PX, PANE_START_PX])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.open_local(Path.home())
        # Each button works only on something: a click that did nothing read as broken.
        for view in (self.left, self.right):
            view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.remote.rowsRemoved.connect(lambda *_: self._update_buttons())
        self.remote.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def bind(self, part: FilesPart) -> None:
        if part is self.part:
            return
        if self.part is not None:
            for signal, slot in self._links(self.part):
                signal.disconnect(slot)
        self.part = part
        for signal, slot in self._links(part):
            signal.connect(slot)
        self.forget_customer()
        self.open_local(part.local_folder)

    def _links(self, part: FilesPart) -> list[tuple[Any, Any]]:
        host = part.host
        return [
            (host.feature_event, self._event),
            (host.session_closed, self.forget_customer),
            (host.participants_changed, self._customer_changed),
            (host.customer_chosen, self._customer_changed),
        ]

    @Slot()
    def _customer_changed(self, *_: object) -> None:
        """The folder shown is of a customer no longer linked, or no longer the one the
        session's actions address: it goes, lest a send or a delete go to another computer
        than the one shown."""
        customer = self.part.customer_id() if self.part is not None else None
        if self.root and customer != self.browsed:
            self.forget_customer()

    def _reading_stopped(self, customer_id: str) -> None:
        if customer_id != self.browsed:
            return
        self.forget_customer()
        name = self.part.name_of(customer_id) if self.part is not None else ""
        self._tell(
            translate(
                "Files",
                "{customer} stopped you seeing their files. Browse to ask them again.",
            ).format(customer=name or translate("Files", "The customer"))
        )

    @Slot()
    def forget_customer(self, *_: object) -> None:
        """Nothing of a customer's shown (the session ended, or they left): Browse asks anew."""
        self._listing += 1  # a page on its way is for a folder no longer shown
        self.root, self.path, self.browsed = "", "", None
        self.remote.removeRows(0, self.remote.rowCount())
        self.remote_path.clear()
        self.roots.clear()
        self._update_buttons()

    # --- the agent's side ---------------------------------------------------------------------

    def local_folder(self) -> Path:
        return Path(self.local.rootPath())

    def open_local(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        self.left.setRootIndex(self.local_shown.mapFromSource(self.local.setRootPath(str(folder))))
        self.local_path.setText(str(folder))
        if self.part is not None:
            self.part.local_folder = folder  # fetched files go where the agent looks

    def local_index(self, path: Path) -> QModelIndex:
        """Where ``path`` is in the agent's pane (invalid while not listed)."""
        return self.local_shown.mapFromSource(self.local.index(str(path)))

    def _enter_local(self, index: QModelIndex) -> None:
        source = self.local_shown.mapToSource(index)
        if self.local.isDir(source):
            self.open_local(Path(self.local.filePath(source)))

    def local_selected(self) -> list[Path]:
        rows = self.left.selectionModel().selectedRows()
        return [Path(self.local.filePath(self.local_shown.mapToSource(i))) for i in rows]

    # --- the customer's side ------------------------------------------------------------------

    @Slot()
    def load_roots(self) -> None:
        """Ask for the customer's roots (their drives, mapped drives, home); the folder shown
        is listed again (browsing again after the customer stopped it, or refused a listing,
        shows their files again), else the first root opens."""

        async def roots(customer: str) -> list[RootEntry]:
            feature = self._feature()
            assert feature is not None
            return await feature.folders.roots(customer)

        def shown(found: list[RootEntry]) -> None:
            if self.part is not None:
                self.part.tell("")  # the question is answered
            self.roots.clear()
            for root in found:
                self.roots.addItem(root.label, root.id)
            if self.root and self.root in {root.id for root in found}:
                self.open_folder(self.root, self.path)
            elif found:
                self.open_folder(found[0].id, "")

        if self.part is not None:  # until they answer, the pane would say nothing at all
            self.part.tell(
                _stamped(translate("Files", "Asking the customer to let you see their files…"))
            )
        self._run(roots, shown)

    def _root_chosen(self, index: int) -> None:
        root = self.roots.itemData(index)
        if isinstance(root, str):
            self.open_folder(root, "")

    def open_folder(self, root: str, path: str) -> None:
        """List ``path`` under the customer's ``root``, page after page."""
        self.root, self.path = root, path
        self.browsed = self.part.customer_id() if self.part is not None else None
        self._update_buttons()
        self._listing += 1
        listing = self._listing
        self.remote.removeRows(0, self.remote.rowCount())
        self.remote_path.setText(_full_path(root, path))
        at = self.roots.findData(root)
        if at >= 0:
            self.roots.setCurrentIndex(at)
        self._page(listing, 0)

    @Slot()
    def _path_typed(self) -> None:
        roots = [self.roots.itemData(i) for i in range(self.roots.count())]
        root, path = _typed_place(
            self.remote_path.text(), [r for r in roots if isinstance(r, str)], self.root
        )
        if root:
            self.open_folder(root, path)

    def _page(self, listing: int, offset: int) -> None:
        root, path = self.root, self.path

        async def page(customer: str) -> FolderListing:
            feature = self._feature()
            assert feature is not None
            return await feature.folders.list_page(customer, root, path, offset)

        def shown(answer: FolderListing) -> None:
            if listing != self._listing:
                return
            # A folder listed: why an earlier one (a path mistyped) was not is stale now.
            if self._listing_error and self.part is not None:
                if self.part.last_told == self._listing_error:
                    self.part.tell("")
                self._listing_error = ""
            self.remote.add(answer.entries)
            if answer.entries and self.remote.rowCount() < answer.total:
                self._page(listing, self.remote.rowCount())

        def failed(told: str) -> None:
            self._listing_error = told

        self._run(page, shown, failed)

    def refresh(self) -> None:
        if self.root:
            self.open_folder(self.root, self.path)

    def _enter_remote(self, index: QModelIndex) -> None:
        if self.remote.is_folder(index.row()):
            self.open_folder(self.root, self._under(self.remote.name(index.row())))

    def _remote_up(self) -> None:
        if self.root and self.path:
            self.open_folder(self.root, SEPARATOR.join(self.path.split(SEPARATOR)[:-1]))

    def _under(self, name: str) -> str:
        return f"{self.path}{SEPARATOR}{name}" if self.path else name

    def remote_selected(self) -> list[str]:
        rows = sorted(i.row() for i in self.right.selectionModel().selectedRows())
        return [self.remote.name(row) for row in rows]

    # --- transfers ----------------------------------------------------------------------------

    @Slot()
    def send_selected(self) -> None:
        self.send(self.local_selected())

    def send(self, paths: list[Path]) -> None:
        """Files and whole folders of the agent's into the customer's folder shown."""
        if not paths or not self.root:
            return
        root, path = self.root, self.path

        async def send(customer: str) -> None:
            feature = self._feature()
            assert feature is not None
            await feature.trees.send_paths(customer, paths, root, path)

        # Until the customer answers, nothing else moves: say the click was taken.
        if len(paths) == 1:
            what = paths[0].name
        elif any(p.is_dir() for p in paths):  # a folder holds more files than it counts for
            what = translate("Files", "{n} items").format(n=len(paths))
        else:
            what = files_text(len(paths))
        self._tell(fill(translate("Files", "Sending {what}…"), what=what))
        self._run(send, None)

    @Slot()
    def fetch_selected(self) -> None:
        self.fetch(self.remote_selected())

    def fetch(self, names: list[str]) -> None:
        """Entries of the customer's folder shown (files, whole folders) into the agent's."""
        if not names or not self.root:
            return
        root, path, into = self.root, self.path, self.local_folder()

        async def fetch(customer: str) -> None:
            feature = self._feature()
            assert feature is not None
            feature.trees.fetch_tree(customer, root, path, names, into)

        what = names[0] if len(names) == 1 else files_text(len(names))
        self._tell(fill(translate("Files", "Fetching {what}…"), what=what))
        self._run(fetch, None)

    def _dropped_left(self, mime: QMimeData) -> None:
        try:
            names = json.loads(bytes(mime.data(REMOTE_MIME).data()).decode())
        except (ValueError, UnicodeDecodeError):
            return
        if isinstance(names, list):
            self.fetch([n for n in names if isinstance(n, str)])

    def _dropped_right(self, mime: QMimeData) -> None:
        self.send([Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()])

    # --- changes on the customer's side (each asked there) ------------------------------------

    @Slot()
    def ask_new_folder(self) -> None:
        if self.root:
            self._ask_text(
                translate("Files", "New folder"),
                translate("Files", "Name of the new folder:"),
                "",
                translate("Files", "Create"),
                self.create_folder,
            )

    def create_folder(self, name: str) -> None:
        root, path = self.root, self._under(name)
        self._change(lambda f, c: f.folders.create_folder(c, root, path))

    @Slot()
    def ask_rename(self) -> None:
        names = self.remote_selected()
        if len(names) == 1:
            self._ask_text(
                translate("Files", "Rename"),
                translate("Files", "New name:"),
                names[0],
                translate("Files", "Rename"),
                lambda new: self.rename(names[0], new) if new != names[0] else None,
            )

    def rename(self, name: str, new_name: str) -> None:
        root, path = self.root, self._under(name)
        self._change(lambda f, c: f.folders.rename(c, root, path, new_name))

    @Slot()
    def ask_delete(self) -> None:
        names = self.remote_selected()
        if not names:
            return
        rows = self.remote.rows_named()
        folders = {name: self.remote.is_folder(rows.index(name)) for name in names}
        # One name a line: a name may hold commas. A folder goes with all in it: said first.
        asked = translate("Files", "Delete from the customer's computer?")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("Files", "Delete"),
            "\n".join([asked, "", *names]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            translate(
                "Files",
                "Folders are deleted with everything in them. Nothing goes to the trash: "
                "it cannot be undone.",
            )
            if any(folders.values())
            else translate("Files", "Nothing goes to the trash: it cannot be undone.")
        )
        box.setObjectName("deleteQuestion")
        # The buttons say what they do (a bare Yes/No makes one read the question again).
        box.button(QMessageBox.StandardButton.Yes).setText(translate("Files", "Delete"))
        box.button(QMessageBox.StandardButton.No).setText(translate("Files", "Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(button: int) -> None:
            if button == QMessageBox.StandardButton.Yes:
                for name in names:
                    self.delete(name, recursive=folders[name])

        self._open(box, answered)

    def _ask_text(
        self, title: str, label: str, text: str, verb: str, chosen: Callable[[str], None]
    ) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("nameDialog")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        dialog.setOkButtonText(verb)
        dialog.setCancelButtonText(translate("Files", "Cancel"))
        # Its layout fixes its size to its parts': the field is what makes it wide enough.
        field = dialog.findChild(QLineEdit)
        if field is not None:
            field.setMinimumWidth(NAME_DIALOG_PX)

        def accepted(value: str) -> None:
            if value.strip():
                chosen(value.strip())

        dialog.textValueSelected.connect(accepted)
        self._open(dialog, None)

    def _open(
        self, dialog: QInputDialog | QMessageBox, finished: Callable[[int], None] | None
    ) -> None:
        """Window-modal, without blocking (the session goes on meanwhile)."""
        if finished is not None:
            dialog.finished.connect(finished)
        dialog.finished.connect(self._dialog_closed)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _: int) -> None:
        self.dialog = None

    def delete(self, name: str, recursive: bool = False) -> None:
        """``recursive``: a folder and all in it (the agent confirmed; the customer is asked)."""
        root, path = self.root, self._under(name)
        self._change(lambda f, c: f.folders.delete(c, root, path, recursive=recursive))

    def _change(self, call: Callable[[FilesFeature, str], Coroutine[Any, Any, None]]) -> None:
        async def change(customer: str) -> None:
            feature = self._feature()
            assert feature is not None
            await call(feature, customer)

        self._run(change, None)  # the engine's FolderChanged refreshes and tells

    # --- what the engine says -----------------------------------------------------------------

    @Slot(object)
    def _event(self, event: object) -> None:
        if self.part is None:
            return
        if isinstance(event, FolderChanged):
            name = event.path.split(SEPARATOR)[-1]
            if event.error:
                why = reason_text(event.error)
                text = translate("Files", "{name}: {why}").format(name=name, why=why)
            else:
                text = {
                    "create": translate("Files", "Folder {name} created."),
                    "rename": translate("Files", "{name} renamed to {new}."),
                    "delete": translate("Files", "{name} deleted."),
                }[event.op.value].format(name=name, new=event.new_name)
            self.part.tell(_stamped(text))
            if event.root == self.root:
                self.refresh()
        elif isinstance(event, GroupEnded):
            self.part.tell(_stamped(_group_text(event, self.part.name_of(event.peer))))
            self.refresh()  # files sent are listed; fetched ones show in the agent's pane
        elif isinstance(event, ReadingStopped):
            self._reading_stopped(event.customer_id)

    def _feature(self) -> FilesFeature | None:
        return self.part.feature() if self.part is not None else None

    def _update_buttons(self) -> None:
        """Send and New folder once a folder of the customer's is shown (and Send with a pick
        of the agent's); Fetch, Rename (one) and Delete with a pick of the customer's."""
        local = len(self.left.selectionModel().selectedRows())
        remote = len(self.right.selectionModel().selectedRows())
        browsing = bool(self.root)
        self.send_button.setEnabled(browsing and local > 0)
        self.fetch_button.setEnabled(browsing and remote > 0)
        self.new_folder_button.setEnabled(browsing)
        self.rename_button.setEnabled(browsing and remote == 1)
        self.delete_button.setEnabled(browsing and remote > 0)

    def _tell(self, text: str) -> None:
        if self.part is not None:
            self.part.tell(_stamped(text))

    def _run(
        self,
        work: Callable[[str], Coroutine[Any, Any, Any]],
        shown: Callable[[Any], None] | None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """``failed``: told what the user was told of an error."""
        part = self.part
        customer = part.customer_id() if part is not None else None
        if part is None or customer is None or part.feature() is None:
            if part is not None:
                part.tell(_stamped(translate("Files", "No customer is connected.")))
            return

        def done(result: object, error: BaseException | None) -> None:
            if error is not None:
                told = _stamped(error_text(error))
                part.tell(told)
                if failed is not None:
                    failed(told)
            elif shown is not None:
                shown(result)

        part.host.bridge.run(work(customer), done)


def _pure(root: str) -> type[PurePath]:
    """How the customer's system writes paths, by one of its roots ("C:\\", "\\\\server\\share"
    on Windows; "/…" elsewhere): the agent's own system may write them otherwise."""
    windows = not root.startswith("/") and bool(PureWindowsPath(root).drive)
    return PureWindowsPath if windows else PurePosixPath


def _full_path(root: str, path: str) -> str:
    """``path`` under the customer's ``root`` as their system writes it, from its start
    ("/home/grace/Documents", "C:\\Users\\grace"): a path from "/" read without its "/" looked
    like one under their home."""
    if not root:
        return path
    return str(_pure(root)(root, *(part for part in path.split(SEPARATOR) if part)))


def _typed_place(text: str, roots: list[str], shown: str) -> tuple[str, str]:
    """The root and the path under it of a folder the agent typed: a full path under the
    longest of ``roots`` that holds it, else a path under the root ``shown``."""
    text = text.strip()
    found: tuple[int, str, str] | None = None
    for root in roots:
        kind = _pure(root)
        typed, base = kind(text), kind(root)
        if typed.is_absolute() and typed.is_relative_to(base):
            depth = len(base.parts)
            if found is None or depth > found[0]:
                found = (depth, root, SEPARATOR.join(typed.relative_to(base).parts))
    if found is not None:
        return found[1], found[2]
    typed = _pure(shown)(text) if shown else PurePosixPath(text)
    parts = typed.parts[1:] if typed.anchor else typed.parts
    return shown, SEPARATOR.join(parts)


def _up_button(name: str) -> QToolButton:
    """The parent folder, as an arrow (a word there squeezes the folder's path in French)."""
    button = QToolButton()
    button.setObjectName(name)
    button.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogToParent))
    button.setToolTip(translate("Files", "Up"))
    button.setAccessibleName(translate("Files", "Up"))
    return button


def _group_text(ended: GroupEnded, who: str) -> str:
    """How a folder, or several files sent or fetched at once, ended: all of it, in the words
    Send files… uses for one file (``who``: the customer's name)."""
    what = ended.name or translate("Files", "Several files")
    copied = copied_count_text(ended.done)
    if ended.stage == Stage.DONE:
        if ended.direction == Direction.SEND:
            return copied_text(ended.name, who, ended.done)
        return received_text(ended.name, ended.folder, ended.done)
    if ended.stage == Stage.ABORTED and ended.by and ended.by == ended.peer:
        return translate("Files", "{what}: {who} stopped it ({copied}).").format(
            what=what, who=who, copied=copied
        )
    if ended.stage == Stage.ABORTED:
        return translate("Files", "{what}: you stopped it ({copied}).").format(
            what=what, copied=copied
        )
    why = reason_text(ended.reason)
    if ended.failed == 1 and not ended.done:  # one file (its own line says why)
        return translate("Files", "{what} was not copied.").format(what=what)
    if ended.failed:
        return translate("Files", "{what}: {copied}, {not_copied}.").format(
            what=what, copied=copied, not_copied=not_copied_count_text(ended.failed)
        )
    if ended.done:
        return translate("Files", "{what}: {copied}, not the rest: {why}").format(
            what=what, copied=copied, why=why
        )
    return translate("Files", "{what} was not transferred: {why}").format(what=what, why=why)


def error_text(error: BaseException) -> str:
    """A request the customer's side refused or failed, in the user's language (the reason
    comes in the wire's English)."""
    return reason_text(str(error)) or type(error).__name__


def _stamped(text: str) -> str:
    return translate("Files", "{time} — {what}").format(time=time.strftime("%H:%M"), what=text)
