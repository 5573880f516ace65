"""The System information window: categories on the left, the chosen one's details on the
right, Refresh, Save (every category into one text file) and Print (every category), and a
status line."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Slot
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shared.features.sysinfo.part import SysinfoPart
from shared.features.sysinfo.protocol import Category, Column
from shared.features.sysinfo.report_text import as_html, as_text
from shared.features.sysinfo.texts import (
    category_name,
    cells_shown,
    column_name,
    failed_text,
    nothing_text,
)
from shared.qt.plain_text import plain

translate = QCoreApplication.translate


_NUMBER = re.compile(r"^(-?\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|TiB|%|Mb/s)?$")
_UNITS = {"KiB": 1024, "MiB": 1024**2, "GiB": 1024**3, "TiB": 1024**4}


def sort_key(text: str) -> tuple[int, float, str]:
    """Numbers (PIDs, sizes with their unit, percentages) by value, before any text."""
    found = _NUMBER.match(text)
    if found is None:
        return (1, 0.0, text.casefold())
    return (0, float(found[1]) * _UNITS.get(found[2] or "", 1), "")


class _Row(QTreeWidgetItem):
    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        return sort_key(self.text(column)) < sort_key(other.text(column))


def _save_path_dialog(parent: QWidget, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        translate("Sysinfo", "Save system information"),
        suggested,
        translate("Sysinfo", "Text files (*.txt)"),
    )
    return path


def _print_dialog(parent: QWidget, printer: QPrinter) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("Sysinfo", "Print system information"))
    return dialog.exec() == QDialog.DialogCode.Accepted


class SysinfoWindow(QWidget):
    def __init__(self, part: SysinfoPart, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sysinfoWindow")
        self.part = part
        # Replaceable (tests): where Save writes ("" = cancelled), and whether to print.
        self.choose_save_path: Callable[[str], str] = lambda s: _save_path_dialog(self, s)
        self.choose_printer: Callable[[QPrinter], bool] = lambda p: _print_dialog(self, p)

        self.categories = QListWidget()
        self.categories.setObjectName("sysinfoCategories")
        for category in Category:
            item = QListWidgetItem(category_name(category))
            item.setData(Qt.ItemDataRole.UserRole, category.value)
            self.categories.addItem(item)
        self.categories.currentRowChanged.connect(self._show_category)
        self.details = QTreeWidget()
        self.details.setObjectName("sysinfoDetails")
        self.details.setRootIsDecorated(False)
        self.details.setAlternatingRowColors(True)
        self.details.setUniformRowHeights(True)
        splitter = QSplitter()
        splitter.addWidget(self.categories)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 700])

        self.refresh_button = QPushButton(translate("Sysinfo", "&Refresh"))
        self.refresh_button.setObjectName("sysinfoRefresh")
        self.refresh_button.clicked.connect(part.refresh)
        self.save_button = QPushButton(translate("Sysinfo", "&Save…"))
        self.save_button.setObjectName("sysinfoSave")
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(translate("Sysinfo", "&Print…"))
        self.print_button.setObjectName("sysinfoPrint")
        self.print_button.clicked.connect(self.print_report)
        close = QPushButton(translate("Sysinfo", "Close"))
        close.clicked.connect(self.close)
        self.status = plain(QLabel())
        self.status.setObjectName("sysinfoStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(960, 600)
        self._note = ""  # what Save or Print last said
        part.changed.connect(self._changed)
        self.categories.setCurrentRow(0)
        self._changed()

    # --- showing ----------------------------------------------------------------------------

    @Slot()
    def _changed(self) -> None:
        report = self.part.report
        name = report.customer_name if report is not None else ""
        self.setWindowTitle(
            translate("Sysinfo", "System information: {name}").format(name=name)
            if name
            else translate("Sysinfo", "System information")
        )
        self.refresh_button.setEnabled(not self.part.busy)
        self.save_button.setEnabled(report is not None)
        self.print_button.setEnabled(report is not None)
        self._note = ""
        self.status.setText(self.part.status)
        self._show_category(self.categories.currentRow())

    def current_category(self) -> Category:
        item = self.categories.currentItem()
        return Category(item.data(Qt.ItemDataRole.UserRole)) if item else Category.OVERVIEW

    @Slot(int)
    def _show_category(self, _row: int) -> None:
        self.details.setSortingEnabled(False)  # key/value tables keep the provider's order
        self.details.clear()
        report = self.part.report
        table = dict(report.tables).get(self.current_category()) if report else None
        if table is None or table.failed or not table.rows:
            self.details.setColumnCount(1)
            self.details.setHeaderLabels([""])
            if table is not None:
                why = table.rows[0][0] if table.failed and table.rows else ""
                text = failed_text(why) if table.failed else nothing_text()
                self.details.addTopLevelItem(QTreeWidgetItem([text]))
            return
        self.details.setColumnCount(len(table.columns))
        self.details.setHeaderLabels([column_name(c) for c in table.columns])
        items: list[QTreeWidgetItem] = [
            _Row(list(cells_shown(table.columns, row))) for row in table.rows
        ]
        self.details.addTopLevelItems(items)
        if table.columns != (Column.PROPERTY, Column.VALUE):  # a list: sorted as the agent clicks
            self.details.setSortingEnabled(True)
            self.details.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        for column in range(len(table.columns) - 1):
            self.details.resizeColumnToContents(column)

    # --- Save and Print ---------------------------------------------------------------------

    def suggested_name(self) -> str:
        report = self.part.report
        who = re.sub(r"[^\w.-]+", "-", report.customer_name).strip("-") if report else ""
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
        name = translate("Sysinfo", "system-information")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return str(Path(folder or Path.home()) / f"{name}-{who or 'customer'}-{stamp}.txt")

    @Slot()
    def save(self) -> None:
        """Every category into one UTF-8 text file the agent picks."""
        report = self.part.report
        if report is None:
            return
        path = self.choose_save_path(self.suggested_name())
        if not path:
            return
        try:
            Path(path).write_text(as_text(report) + "\n", encoding="utf-8")
        except OSError as exc:
            self._tell(translate("Sysinfo", "Could not save: {why}").format(why=exc.strerror))
            return
        self._tell(translate("Sysinfo", "Saved to {path}.").format(path=path))

    @Slot()
    def print_report(self) -> None:
        """Every category, on a printer the agent picks in Qt's print dialog."""
        report = self.part.report
        if report is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(translate("Sysinfo", "System information"))
        if not self.choose_printer(printer):
            return
        document = QTextDocument()
        document.setHtml(as_html(report))
        document.print_(printer)
        where = printer.outputFileName() or printer.printerName()
        self._tell(translate("Sysinfo", "Sent to {printer}.").format(printer=where))

    def _tell(self, text: str) -> None:
        self._note = text
        self.status.setText(text)
