"""The customer's small window while files are copied to or from their computer: what, how far,
and Stop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shared.features.files.part import TransferRow, status_text
from shared.features.files.transfer_list import Column, TransferList
from shared.qt.plain_text import plain

translate = QCoreApplication.translate


class TransfersWindow(QWidget):
    """Shown while anything is copied; Stop stops every transfer it lists."""

    def __init__(self, stop: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("customerTransfers")
        self.setWindowTitle(translate("Files", "Files being copied — Tandem"))
        self._stop = stop
        self.label = plain(QLabel(translate("Files", "Your agent is copying these files:")))
        self.label.setObjectName("transfersLabel")
        self.list = TransferList(
            status_text, (Column.NAME, Column.SIZE, Column.PROGRESS, Column.STATUS)
        )
        self.stop_button = QPushButton(translate("Files", "&Stop"))
        self.stop_button.setObjectName("stopTransfersButton")
        self.stop_button.setToolTip(translate("Files", "Stop copying these files now"))
        self.stop_button.clicked.connect(self.stop_all)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.resize(520, 200)

    def say_who(self, agent: str) -> None:
        """Name who copies: the same name as everywhere else in their window."""
        if agent:
            text = translate("Files", "{agent} is copying these files:").format(agent=agent)
        else:
            text = translate("Files", "Your agent is copying these files:")
        self.label.setText(text)

    def show_row(self, row: TransferRow) -> None:
        self.list.show_row(row)

    def stop_all(self) -> None:
        for transfer_id in self.list.ids():
            self._stop(transfer_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing it is no way to stop a transfer by surprise: it comes back with the next
        # progress; Stop stops.
        self.list.clear_rows()
        super().closeEvent(event)
