"""The customer's small window while files are copied to or from their computer: what, how far,
and Stop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shared.features.files.model import Stage
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
        # The lines still copying or waiting: Stop is for them, and only while there are some.
        self._running: set[str] = set()
        self.label = plain(QLabel(translate("Files", "Your agent is copying these files:")))
        self.label.setObjectName("transfersLabel")
        # A sentence about a request that ended without lines of its own (one withdrawn).
        self.note = plain(QLabel())
        self.note.setObjectName("transfersNote")
        self.note.setWordWrap(True)
        self.note.hide()
        # Its lines are copying or ended, never waiting for permission: Status is sized for
        # those words only, and Name, in a window this narrow, has the rest.
        self.list = TransferList(
            status_text,
            (Column.NAME, Column.SIZE, Column.PROGRESS, Column.STATUS),
            stages=(Stage.RUNNING, Stage.DONE, Stage.ABORTED),
        )
        self.stop_button = QPushButton(translate("Files", "&Stop"))
        self.stop_button.setObjectName("stopTransfersButton")
        self.stop_button.setToolTip(translate("Files", "Stop copying these files now"))
        self.stop_button.clicked.connect(self.stop_all)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)  # takes the room while only a note is shown
        layout.addLayout(row)
        self.resize(520, 200)
        self._update()

    def say_who(self, agent: str) -> None:
        """Name who copies: the same name as everywhere else in their window."""
        if agent:
            text = translate("Files", "{agent} is copying these files:").format(agent=agent)
        else:
            text = translate("Files", "Your agent is copying these files:")
        self.label.setText(text)

    def show_row(self, row: TransferRow) -> None:
        self.list.show_row(row)
        if row.final:
            self._running.discard(row.id)
        else:
            self._running.add(row.id)
        self._update()

    def tell(self, text: str) -> None:
        """Say ``text`` above the lines until the window is closed."""
        self.note.setText(text)
        self.note.show()
        self._update()

    def has_note(self) -> bool:
        return not self.note.isHidden()

    def _update(self) -> None:
        listed = bool(self.list.ids())
        # Only a note: no empty list under "… is copying these files:".
        self.label.setVisible(listed)
        self.list.setVisible(listed)
        # A Stop that can still be clicked once all has ended reads as if something still ran.
        self.stop_button.setEnabled(bool(self._running))

    def stop_all(self) -> None:
        for transfer_id in self.list.ids():
            self._stop(transfer_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing it is no way to stop a transfer by surprise: it comes back with the next
        # progress; Stop stops.
        self.list.clear_rows()
        self._running.clear()
        self.note.clear()
        self.note.hide()
        self._update()
        super().closeEvent(event)
