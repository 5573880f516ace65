"""A list of transfers, one line each with its progress bar: the agent's window and panel show
every column, the customer's small window a few.

The bars are painted by the list (``_BarPainter``), not widgets of their own: a folder of a
thousand files made a thousand widgets, and every new line or change then laid them all out
again; the console froze for 15-20 s after such a folder arrived. For the same reason no column
measures the lines: each is as wide as the widest text it usually shows, measured once (a
line out of view, or added below it, fits as well as the lines in view)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTreeWidget,
    QWidget,
)
from PySide6.QtWidgets import QTreeWidgetItem as Item

from shared.features.files.model import Direction, Stage
from shared.features.files.part import TransferRow
from shared.features.files.texts import percent_format, size_text, speed_text, time_left_text
from shared.qt.i18n import fill

translate = QCoreApplication.translate

# Where the transfer's id is kept on its line.
_ID_ROLE = Qt.ItemDataRole.UserRole
# Where a line's progress is kept, in _BAR_STEPS (an int: files go past 2**31 bytes).
_BAR_ROLE = Qt.ItemDataRole.UserRole + 1
_BAR_STEPS = 1000

# The widest sizes and speeds a line usually shows: 999,999 bytes is "1,000.0 KB" (rounded in
# its unit), likewise in MB; sizes of files or folders up to 10 TB ("9,999.9 GB").
_WIDE_SIZES = (999, 999_999, 999_999_999, 9_999_949_999_999)
_WIDE_SPEEDS = (999_999, 999_999_999)
# The widest times left: "59 min 59 s", and up to four days ("99 h 59 min").
_WIDE_TIMES = (3599, 99 * 3600 + 59 * 60)
# The states a line is usually in, a word or two each; the sentences of an interruption or a
# failure may be wider than the column (the line's tooltip says them whole).
_SHORT_STAGES = (Stage.ASKING, Stage.RUNNING, Stage.DONE, Stage.ABORTED)


@dataclass(frozen=True)
class Bar:
    """A line's progress bar as it is painted."""

    value: int
    maximum: int
    text: str


def _bar_text(value: int) -> str:
    return percent_format().replace("%p", str(round(100 * value / _BAR_STEPS)))


class _BarPainter(QStyledItemDelegate):
    """Paints the progress column's bar with the style's own progress bar."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(_BAR_ROLE)
        if not isinstance(value, int):
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 2, -2, -2)
        bar.minimum, bar.maximum, bar.progress = 0, _BAR_STEPS, value
        bar.text, bar.textVisible = _bar_text(value), True
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """As tall as a progress bar with its text (every line is: uniform heights)."""
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), option.fontMetrics.height() + 10))
        return size


class _NamePainter(QStyledItemDelegate):
    """A name too long for its column is cut in its middle: its beginning (the folder) and its
    end (the file's own name and type) stay; the line's tooltip says it whole."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


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
        stages: Sequence[Stage] = _SHORT_STAGES,
    ) -> None:
        """``stages``: the states whose words the Status column is made wide enough for (a
        list that never shows a state leaves its room to Name)."""
        super().__init__(parent)
        self.setObjectName("transferList")
        self._status = status
        self._stages = tuple(stages)
        self._items: dict[str, Item] = {}
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setColumnCount(len(Column))
        self.setHeaderLabels([_title(c) for c in Column])
        self.setAccessibleName(translate("Files", "Transfers"))
        header = self.header()
        header.setStretchLastSection(False)
        self.setItemDelegateForColumn(Column.PROGRESS, _BarPainter(self))
        self.setItemDelegateForColumn(Column.NAME, _NamePainter(self))
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.PROGRESS, 140)
        self._fit_columns()
        for column in Column:
            self.setColumnHidden(column, column not in columns)

    def _fit_columns(self) -> None:
        """Size, Speed, Time left and Status as wide as the widest text each usually shows (in
        the current language and font) and as their titles; Name takes what is left."""
        widest = {
            Column.SIZE: [size_text(n) for n in _WIDE_SIZES],
            Column.SPEED: [speed_text(n) for n in _WIDE_SPEEDS],
            Column.TIME_LEFT: [time_left_text(s) for s in _WIDE_TIMES],
            Column.STATUS: [
                self._status(TransferRow("", "", direction, 0, "", stage))
                for stage in self._stages
                for direction in Direction
            ],
        }
        metrics = QFontMetricsF(self.font())
        # A cell's text margins, as the style's item views place its text.
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        header = self.header()
        for column, texts in widest.items():
            width = math.ceil(max(metrics.horizontalAdvance(t) for t in texts)) + 2 * margin
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.LanguageChange,
        ):
            self._fit_columns()

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
        item.setText(Column.NAME, row.name)
        item.setToolTip(Column.NAME, row.path or row.name)
        item.setText(Column.SIZE, size_text(row.size) if row.size or row.final else "")
        item.setText(Column.SPEED, speed_text(row.speed_bps) if not row.final else "")
        item.setText(Column.TIME_LEFT, time_left_text(row.eta_s) if not row.final else "")
        status = self._status(row)
        item.setText(Column.STATUS, status)
        item.setToolTip(Column.STATUS, status)
        done = row.bytes if row.stage != Stage.DONE else row.size
        value = round(_BAR_STEPS * done / row.size) if row.size else _bar_end(row)
        if item.data(Column.PROGRESS, _BAR_ROLE) != value:
            item.setData(Column.PROGRESS, _BAR_ROLE, value)
            item.setData(
                Column.PROGRESS,
                Qt.ItemDataRole.AccessibleTextRole,
                fill(translate("Files", "Progress of {name}"), name=row.name)
                + f" {_bar_text(value)}",
            )

    def bar(self, transfer_id: str) -> Bar | None:
        """The line's progress bar as painted; None for a transfer not listed."""
        item = self._items.get(transfer_id)
        value = item.data(Column.PROGRESS, _BAR_ROLE) if item is not None else None
        return Bar(value, _BAR_STEPS, _bar_text(value)) if isinstance(value, int) else None

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
