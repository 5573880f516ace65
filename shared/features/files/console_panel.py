"""The agent's file transfer for one session: Send files…, Fetch a file…, Abort, every transfer
with its progress, and a status bar saying when each operation finished. The same panel is the
File transfer window and the Files tab of a multisession session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from shared.features.files.fetch_path import RemotePicker, TypedPath
from shared.features.files.part import FilesPart, TransferRow, status_text
from shared.features.files.transfer_list import TransferList
from shared.features.files.two_pane import TwoPane

translate = QCoreApplication.translate

_DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation


class TransfersPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filesPanel")
        self.part: FilesPart | None = None
        # How the agent names a customer's file: the browser replaces the typed path.
        self.picker: RemotePicker = TypedPath()
        self.send_dialog: QFileDialog | None = None  # while open (tests fill it)

        self.send_button = QPushButton(translate("Files", "&Send files…"))
        self.send_button.setObjectName("sendFilesButton")
        self.send_button.setToolTip(translate("Files", "Send files of yours to the customer"))
        self.send_button.clicked.connect(self.choose_files)
        self.fetch_button = QPushButton(translate("Files", "&Fetch a file…"))
        self.fetch_button.setObjectName("fetchFileButton")
        self.fetch_button.setToolTip(translate("Files", "Copy a file of the customer's to you"))
        self.fetch_button.clicked.connect(self.choose_remote)
        self.abort_button = QPushButton(translate("Files", "&Abort transfer"))
        self.abort_button.setObjectName("abortTransferButton")
        self.abort_button.setToolTip(translate("Files", "Stop the selected transfer"))
        self.abort_button.clicked.connect(self.abort_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.fetch_button)
        buttons.addStretch(1)

        self.list = TransferList(status_text)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.status = QStatusBar()
        self.status.setObjectName("filesStatus")
        self.status.setSizeGripEnabled(False)

        # The advanced mode: both computers' files side by side, above the transfers.
        self.two_pane = TwoPane()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.two_pane)
        # Abort acts on the transfer selected in the list: it sits right under it.
        transfers = QWidget()
        transfers_layout = QVBoxLayout(transfers)
        transfers_layout.setContentsMargins(0, 0, 0, 0)
        transfers_layout.addWidget(self.list, 1)
        under_list = QHBoxLayout()
        under_list.addStretch(1)
        under_list.addWidget(self.abort_button)
        transfers_layout.addLayout(under_list)
        split.addWidget(transfers)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self._update_buttons()

    def bind(self, part: Any) -> None:
        if not isinstance(part, FilesPart) or part is self.part:
            return
        if self.part is not None:
            for signal, slot in self._links():
                signal.disconnect(slot)
        self.part = part
        for signal, slot in self._links():
            signal.connect(slot)
        self.two_pane.bind(part)
        self.list.clear_rows()
        for row in part.rows.values():
            self.list.show_row(row)
        self.status.showMessage(part.last_told)
        self._update_buttons()

    def _links(self) -> list[tuple[Any, Any]]:
        assert self.part is not None
        host = self.part.host
        return [
            (self.part.changed, self._changed),
            (self.part.cleared, self._cleared),
            (self.part.removed, self._removed),
            (self.part.told, self.status.showMessage),
            (host.participants_changed, self._update_buttons),
            (host.session_closed, self._update_buttons),
        ]

    @Slot(object)
    def _changed(self, row: TransferRow) -> None:
        self.list.show_row(row)
        self._update_buttons()

    @Slot(str)
    def _removed(self, row_id: str) -> None:
        self.list.remove(row_id)
        self._update_buttons()

    @Slot()
    def _cleared(self) -> None:
        self.list.clear_rows()
        self.status.clearMessage()
        self._update_buttons()

    @Slot()
    def _update_buttons(self, *_: object) -> None:
        selected = self.list.selected_id()
        row = self.part.rows.get(selected) if self.part and selected else None
        self.abort_button.setEnabled(row is not None and not row.final)
        # Sending, fetching and browsing need a customer there to take them.
        there = self.part is not None and self.part.customer_id() is not None
        for button in (self.send_button, self.fetch_button, self.two_pane.browse_button):
            button.setEnabled(there)

    # --- the agent's commands ---------------------------------------------------------------

    @Slot()
    def choose_files(self) -> None:
        """Ask which files to send (several at once), window-modal; they go once chosen."""
        documents = Path(QStandardPaths.writableLocation(_DOCUMENTS) or Path.home())
        folder = documents if documents.is_dir() else Path.home()
        dialog = QFileDialog(self, translate("Files", "Send files to the customer"), str(folder))
        dialog.setObjectName("sendFilesDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        # Qt's own dialog: the same in every desktop, and its labels in our language.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, translate("Files", "Look in:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, translate("Files", "Files of type:"))
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, translate("Files", "Send"))
        dialog.filesSelected.connect(self.send)
        dialog.finished.connect(self._send_dialog_closed)
        dialog.finished.connect(dialog.deleteLater)
        self.send_dialog = dialog
        dialog.open()

    def _send_dialog_closed(self, _: int) -> None:
        self.send_dialog = None

    @Slot(list)
    def send(self, paths: list[str]) -> None:
        if self.part is not None and paths:
            self.part.send_files([Path(p) for p in paths])

    @Slot()
    def choose_remote(self) -> None:
        self.picker.pick(self, self.fetch)

    def fetch(self, remote_path: str) -> None:
        if self.part is not None:
            self.part.fetch_file(remote_path)

    @Slot()
    def abort_selected(self) -> None:
        selected = self.list.selected_id()
        if self.part is not None and selected is not None:
            self.part.abort(selected)


class FilesWindow(QWidget):
    """The File transfer window of one session (the action opens it in every face)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filesWindow")
        self.setWindowTitle(translate("Files", "File transfer — Tandem"))
        self.panel = TransfersPanel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.resize(1100, 680)  # both panes' bars read whole, in French too
