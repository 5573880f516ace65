"""A list of transfers, one line each with its progress bar: the agent's window and panel show
every column, the customer's small window a few."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QProgressBar, QTreeWidget, QWidget
from PySide6.QtWidgets import QTreeWidgetItem as Item

from shared.features.files.model import Stage
from shared.features.files.part import TransferRow
from shared.features.files.texts import percent_format, size_text, speed_text, time_left_text

translate = QCoreApplication.translate

# Where the transfer's id is kept on its line.
_ID_ROLE = Qt.ItemDataRole.UserRole
# The progress bar's scale: a bar's range is an int, and files go past 2**31 bytes.
_BAR_STEPS = 1000


class Column(IntEnum):
    NAME = 0
    SIZE = 1
    PROGRESS = 2
    SPEED = 3
    TIME_LEFT = 4
    STATUS = 5


def _title(column: Column) -> str:
    return {
        Column.NAME: translate("Files", "Name"),
        Column.SIZE: translate("Files", "Size"),
        Column.PROGRESS: translate("Files", "Progress"),
        Column.SPEED: translate("Files", "Speed"),
        Column.TIME_LEFT: translate("Files", "Time left"),
        Column.STATUS: translate("Files", "Status"),
    }[column]


class TransferList(QTreeWidget):
    def __init__(
        self,
        status: Callable[[TransferRow], str],
        columns: Sequence[Column] = tuple(Column),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transferList")
        self._status = status
        self._items: dict[str, Item] = {}
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setColumnCount(len(Column))
        self.setHeaderLabels([_title(c) for c in Column])
        self.setAccessibleName(translate("Files", "Transfers"))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.PROGRESS, 140)
        for column in Column:
            self.setColumnHidden(column, column not in columns)

    def show_row(self, row: TransferRow) -> None:
        item = self._items.get(row.id)
        if item is None:
            # A new transfer comes into view as a log's new line does: followed while the
            # list shows its end, left below while the user reads further up.
            scroll = self.verticalScrollBar()
            following = scroll.value() == scroll.maximum()
            item = Item()
            item.setData(Column.NAME, _ID_ROLE, row.id)
            self.addTopLevelItem(item)
            if following:
                self.scrollToItem(item)
            self._items[row.id] = item
            bar = QProgressBar()
            bar.setObjectName("transferProgress")
            bar.setRange(0, _BAR_STEPS)
            bar.setFormat(percent_format())
            bar.setAccessibleName(translate("Files", "Progress of {name}").format(name=row.name))
            self.setItemWidget(item, Column.PROGRESS, bar)
        item.setText(Column.NAME, row.name)
        item.setToolTip(Column.NAME, row.path or row.name)
        item.setText(Column.SIZE, size_text(row.size) if row.size or row.final else "")
        item.setText(Column.SPEED, speed_text(row.speed_bps) if not row.final else "")
        item.setText(Column.TIME_LEFT, time_left_text(row.eta_s) if not row.final else "")
        status = self._status(row)
        item.setText(Column.STATUS, status)
        item.setToolTip(Column.STATUS, status)
        shown = self.bar(row.id)
        if shown is not None:
            done = row.bytes if row.stage != Stage.DONE else row.size
            shown.setValue(round(_BAR_STEPS * done / row.size) if row.size else _bar_end(row))

    def bar(self, transfer_id: str) -> QProgressBar | None:
        item = self._items.get(transfer_id)
        if item is None:
            return None
        bar = self.itemWidget(item, Column.PROGRESS)
        return bar if isinstance(bar, QProgressBar) else None

    def remove(self, transfer_id: str) -> None:
        item = self._items.pop(transfer_id, None)
        if item is not None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(item))

    def clear_rows(self) -> None:
        self._items.clear()
        self.clear()

    def ids(self) -> list[str]:
        return list(self._items)

    def selected_id(self) -> str | None:
        items = self.selectedItems()
        if not items:
            return None
        found = items[0].data(Column.NAME, _ID_ROLE)
        return found if isinstance(found, str) else None

    def select(self, transfer_id: str) -> None:
        item = self._items.get(transfer_id)
        if item is not None:
            self.setCurrentItem(item)


def _bar_end(row: TransferRow) -> int:
    """An empty file's bar: full once it is done, empty before."""
    return _BAR_STEPS if row.stage == Stage.DONE else 0
