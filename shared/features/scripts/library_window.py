"""The Script library window of the agent's console: the scripts the agent may use (sorted by
any column, filtered by category), Add / Edit / Delete, and, in a session, the run: scripts
picked in order (Up / Down) and Run scripts, or Run on several sessions… (those scripts, in
that order, on the customers of the sessions the agent ticks)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shared.features.scripts.library import (
    FileProblem,
    delete_script,
    load_library,
    read_file,
    save_script,
)
from shared.protocol.scripts import (
    MAX_SCRIPT_DESCRIPTION_CHARS,
    MAX_SCRIPT_NAME_CHARS,
    MAX_SCRIPTS_PER_RUN,
    ScriptFile,
    ScriptLibrary,
    ScriptSummary,
    ScriptUpload,
)
from shared.qt.bridge import AsyncBridge
from shared.qt.session_controller import error_text
from shared.transport.center_link import CenterError, CenterLink

translate = QCoreApplication.translate
T = TypeVar("T")

# The table's columns, in order.
COLUMNS = ("name", "category", "description", "owner", "published", "file", "input", "size")
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class CenterAccess:
    """How the window reaches the center: the console's bridge, link and sign-in."""

    bridge: AsyncBridge
    center: CenterLink
    token: str

    def run(
        self,
        coro: Coroutine[Any, Any, T],
        done: Callable[[T | None, BaseException | None], None],
    ) -> None:
        self.bridge.run(coro, done)


def column_titles() -> list[str]:
    return [
        translate("Scripts", "Name"),
        translate("Scripts", "Category"),
        translate("Scripts", "Description"),
        translate("Scripts", "Added by"),
        translate("Scripts", "Published"),
        translate("Scripts", "Executable file"),
        translate("Scripts", "Input file"),
        translate("Scripts", "Size"),
    ]


def size_text(size: int) -> str:
    if size < 1024:
        return translate("Scripts", "{n} bytes").format(n=size)
    return translate("Scripts", "{n} KB").format(n=round(size / 1024))


def center_problem(error: BaseException | None) -> str:
    """The center's refusal in the agent's words (the known ones translated)."""
    if isinstance(error, CenterError):
        known = {
            "duplicate": translate(
                "Scripts", "There is already a script with this name: choose another name."
            ),
            "too_large": translate("Scripts", "Each file of a script holds at most 1 MB."),
            "not_yours": translate("Scripts", "You can change only the scripts you added."),
            "unknown_category": translate(
                "Scripts", "This category no longer exists: choose another."
            ),
        }
        if error.code in known:
            return known[error.code]
    return error_text(error)


def file_problem(problem: FileProblem) -> str:
    name = problem.path.name
    match problem.code:
        case "missing":
            return translate("Scripts", "The file {name} does not exist.").format(name=name)
        case "too_large":
            return translate(
                "Scripts", "The file {name} is over 1 MB: a script's files hold at most 1 MB each."
            ).format(name=name)
    return translate("Scripts", "The file {name} cannot be read.").format(name=name)


class FilePicker(QWidget):
    """A path and its Browse… button."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit()
        self.browse = QPushButton(translate("Scripts", "Browse…"))
        self.browse.clicked.connect(lambda: self._browse(title))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path, 1)
        layout.addWidget(self.browse)

    def _browse(self, title: str) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, title, self.path.text())
        if chosen:
            self.path.setText(chosen)


class ScriptDialog(QDialog):
    """Add a new script, or edit one of the agent's own (its files left empty stay)."""

    def __init__(
        self,
        categories: list[str],
        script: ScriptSummary | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scriptDialog")
        self.script = script
        self.setWindowTitle(
            translate("Scripts", "Add a new script")
            if script is None
            else translate("Scripts", "Edit script {name}").format(name=script.name)
        )
        self.name = QLineEdit(script.name if script else "")
        self.name.setMaxLength(MAX_SCRIPT_NAME_CHARS)
        self.category = QComboBox()
        self.category.addItems(categories)
        if script is not None:
            self.category.setCurrentText(script.category)
        self.description = QPlainTextEdit(script.description if script else "")
        self.description.setFixedHeight(70)
        self.published = QCheckBox(translate("Scripts", "Publish in the script library"))
        self.published.setToolTip(
            translate("Scripts", "All the site's agents may then use it; otherwise only you.")
        )
        self.published.setChecked(script.published if script else False)
        self.executable = FilePicker(translate("Scripts", "Executable file"))
        self.input = FilePicker(translate("Scripts", "Input file"))
        self.remove_input = QCheckBox(translate("Scripts", "Remove the input file"))
        self.remove_input.setVisible(script is not None and script.input_name is not None)
        form = QFormLayout()
        form.addRow(translate("Scripts", "&Name:"), self.name)
        form.addRow(translate("Scripts", "&Category:"), self.category)
        form.addRow(translate("Scripts", "&Description:"), self.description)
        form.addRow("", self.published)
        form.addRow(translate("Scripts", "&Executable file:"), self.executable)
        if script is not None:
            form.addRow(
                "",
                QLabel(
                    translate("Scripts", "Now: {name} (leave empty to keep it)").format(
                        name=script.executable_name
                    )
                ),
            )
        form.addRow(translate("Scripts", "&Input file (optional):"), self.input)
        if script is not None and script.input_name is not None:
            form.addRow(
                "",
                QLabel(
                    translate("Scripts", "Now: {name} (leave empty to keep it)").format(
                        name=script.input_name
                    )
                ),
            )
        form.addRow("", self.remove_input)
        self.problem = QLabel()
        self.problem.setObjectName("scriptProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.upload: ScriptUpload | None = None
        self.resize(560, self.sizeHint().height())

    def say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def accept(self) -> None:
        """Checked here first (a name, a category, files that exist and fit); the center checks
        again, and its refusal comes back into this dialog."""
        name = self.name.text().strip()
        description = self.description.toPlainText().strip()
        if not name:
            self.say(translate("Scripts", "Give the script a name."))
            return
        if not self.category.currentText():
            self.say(
                translate(
                    "Scripts", "There is no category yet: the site's administrator makes them."
                )
            )
            return
        if len(description) > MAX_SCRIPT_DESCRIPTION_CHARS:
            self.say(
                translate("Scripts", "The description holds at most {n} characters.").format(
                    n=MAX_SCRIPT_DESCRIPTION_CHARS
                )
            )
            return
        try:
            executable = self._file(self.executable)
            given_input = self._file(self.input)
        except FileProblem as problem:
            self.say(file_problem(problem))
            return
        if executable is None and self.script is None:
            self.say(translate("Scripts", "Choose the script's executable file."))
            return
        self.upload = ScriptUpload(
            name=name,
            category=self.category.currentText(),
            description=description,
            published=self.published.isChecked(),
            executable=executable,
            input=given_input,
            remove_input=self.remove_input.isChecked() and given_input is None,
        )
        self.say("")
        super().accept()

    @staticmethod
    def _file(picker: FilePicker) -> ScriptFile | None:
        path = picker.path.text().strip()
        return read_file(Path(path)) if path else None


class _Proxy(QSortFilterProxyModel):
    """Sorts by each column's own key (sizes as numbers), filters by category."""

    def __init__(self) -> None:
        super().__init__()
        self.category = ""
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_category(self, category: str) -> None:
        self.beginFilterChange()
        self.category = category
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Any) -> bool:
        if not self.category:
            return True
        index = self.sourceModel().index(row, COLUMNS.index("category"), parent)
        return bool(index.data() == self.category)


class LibraryWindow(QWidget):
    """The library; ``run`` set: the run pane too (this session's customer runs them);
    ``several`` set: the run may go to several sessions too, while ``can_several()``."""

    # The library as last loaded (for tests and the run pane).
    loaded = Signal()

    def __init__(
        self,
        access: CenterAccess,
        run: Callable[[list[ScriptSummary]], None] | None = None,
        parent: QWidget | None = None,
        several: Callable[[list[ScriptSummary]], None] | None = None,
        can_several: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("scriptLibrary")
        self.access = access
        self.run_scripts = run
        self.run_several = several
        self.can_several = can_several
        self.setWindowTitle(translate("Scripts", "Script library"))
        self.library = ScriptLibrary()
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(column_titles())
        self.proxy = _Proxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("scriptTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.table.doubleClicked.connect(lambda _i: self._double_clicked())
        self.category = QComboBox()
        self.category.setObjectName("scriptCategory")
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.currentIndexChanged.connect(self._category_chosen)
        self.add_button = QPushButton(translate("Scripts", "&Add a new script…"))
        self.edit_button = QPushButton(translate("Scripts", "&Edit…"))
        self.delete_button = QPushButton(translate("Scripts", "&Delete…"))
        self.refresh_button = QPushButton(translate("Scripts", "&Refresh"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("scriptStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("Scripts", "Category:")))
        top.addWidget(self.category)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.order = QListWidget()
        self.order.setObjectName("scriptRunOrder")
        self.run_box = self._run_pane()
        layout.addWidget(self.run_box)
        layout.addWidget(self.status)
        self.run_box.setVisible(run is not None)
        self.resize(900, 560 if run is not None else 420)
        self._selection()

    # --- the run pane -------------------------------------------------------------------------

    def _run_pane(self) -> QGroupBox:
        box = QGroupBox(translate("Scripts", "Scripts to run, in this order"))
        self.pick_button = QPushButton(translate("Scripts", "Add to the &run"))
        self.up_button = QPushButton(translate("Scripts", "&Up"))
        self.down_button = QPushButton(translate("Scripts", "Do&wn"))
        self.remove_button = QPushButton(translate("Scripts", "Re&move"))
        self.run_button = QPushButton(translate("Scripts", "Run the &scripts"))
        self.run_button.setObjectName("runScripts")
        self.several_button = QPushButton(translate("Scripts", "Run on se&veral sessions…"))
        self.several_button.setObjectName("runScriptsOnSeveral")
        self.several_button.setToolTip(
            translate(
                "Scripts",
                "Run these scripts, in this order, on the customers of several of your sessions",
            )
        )
        self.several_button.clicked.connect(self._run_on_several)
        self.pick_button.clicked.connect(self.pick)
        self.up_button.clicked.connect(lambda: self.move_in_run(-1))
        self.down_button.clicked.connect(lambda: self.move_in_run(1))
        self.remove_button.clicked.connect(self._remove_from_run)
        self.run_button.clicked.connect(self._run)
        self.order.currentRowChanged.connect(lambda _r: self._run_buttons())
        side = QVBoxLayout()
        for button in (self.pick_button, self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.run_button)
        side.addWidget(self.several_button)
        row = QHBoxLayout(box)
        row.addWidget(self.order, 1)
        row.addLayout(side)
        return box

    def pick(self) -> None:
        """The selected scripts join the run, after those already in it."""
        for script in self.selected():
            if self.order.count() >= MAX_SCRIPTS_PER_RUN:
                self.say(
                    translate("Scripts", "A run holds at most {n} scripts.").format(
                        n=MAX_SCRIPTS_PER_RUN
                    )
                )
                break
            item = QListWidgetItem(f"{script.name} — {script.category}")
            item.setData(SUMMARY_ROLE, script)
            self.order.addItem(item)
        self._run_buttons()

    def move_in_run(self, step: int) -> None:
        row = self.order.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order.count():
            return
        item = self.order.takeItem(row)
        self.order.insertItem(target, item)
        self.order.setCurrentRow(target)

    def _remove_from_run(self) -> None:
        row = self.order.currentRow()
        if row >= 0:
            self.order.takeItem(row)
        self._run_buttons()

    def run_order(self) -> list[ScriptSummary]:
        return [self.order.item(i).data(SUMMARY_ROLE) for i in range(self.order.count())]

    def _run(self) -> None:
        scripts = self.run_order()
        if self.run_scripts is None or not scripts:
            return
        self.run_scripts(scripts)
        self.say(
            translate("Scripts", "Asked the customer to run {n} script(s).").format(n=len(scripts))
        )

    def _run_on_several(self) -> None:
        scripts = self.run_order()
        if self.run_several is not None and scripts and self.can_several():
            self.run_several(scripts)

    def sessions_moved(self, *_: object) -> None:
        """A session started, ended or its customers changed: Run on several sessions… may
        be offered now, or no more."""
        self._run_buttons()

    def _run_buttons(self) -> None:
        row, count = self.order.currentRow(), self.order.count()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(row >= 0)
        self.run_button.setEnabled(count > 0 and self.run_scripts is not None)
        self.several_button.setVisible(self.run_several is not None)
        self.several_button.setEnabled(
            count > 0 and self.run_several is not None and self.can_several()
        )
        self.pick_button.setEnabled(bool(self.selected()))

    # --- the library --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.say(translate("Scripts", "Loading the library…"))
        self.access.run(load_library(self.access.center, self.access.token), self._loaded)

    def _loaded(self, library: ScriptLibrary | None, error: BaseException | None) -> None:
        if error is not None or library is None:
            self.say(center_problem(error))
            return
        self.library = library
        self._fill()
        self.say("")
        self.loaded.emit()

    def _fill(self) -> None:
        chosen = self.category.currentData() or ""
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(translate("Scripts", "All categories"), "")
        for name in self.library.categories:
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(self.category.findData(chosen), 0))
        self.category.blockSignals(False)
        self.proxy.set_category(self.category.currentData() or "")
        self.model.removeRows(0, self.model.rowCount())
        for script in self.library.scripts:
            self.model.appendRow(self._row(script))
        self.table.resizeColumnsToContents()
        self._selection()

    def _row(self, script: ScriptSummary) -> list[QStandardItem]:
        yes, no = translate("Scripts", "Yes"), translate("Scripts", "No")
        size = script.executable_size + script.input_size
        cells: list[tuple[str, object]] = [
            (script.name, script.name.casefold()),
            (script.category, script.category.casefold()),
            (script.description.replace("\n", " "), script.description.casefold()),
            (script.owner, script.owner.casefold()),
            (yes if script.published else no, int(script.published)),
            (script.executable_name, script.executable_name.casefold()),
            (script.input_name or "", (script.input_name or "").casefold()),
            (size_text(size), size),
        ]
        items = []
        for text, key in cells:
            item = QStandardItem(text)
            item.setData(key, SORT_ROLE)
            item.setData(script, SUMMARY_ROLE)
            item.setToolTip(
                translate("Scripts", "SHA-256: {sha256}").format(sha256=script.executable_sha256)
            )
            items.append(item)
        return items

    def _category_chosen(self, _index: int) -> None:
        self.proxy.set_category(self.category.currentData() or "")
        self._selection()

    def selected(self) -> list[ScriptSummary]:
        rows = self.table.selectionModel().selectedRows()
        rows.sort(key=lambda index: index.row())
        return [index.data(SUMMARY_ROLE) for index in rows]

    def _selection(self, *_: object) -> None:
        chosen = self.selected()
        mine = len(chosen) == 1 and chosen[0].mine
        self.edit_button.setEnabled(mine)
        self.delete_button.setEnabled(mine)
        tip = "" if mine or not chosen else translate("Scripts", "Only its author may change it.")
        self.edit_button.setToolTip(tip)
        self.delete_button.setToolTip(tip)
        self._run_buttons()

    def _double_clicked(self) -> None:
        if self.run_scripts is not None:
            self.pick()
        elif self.edit_button.isEnabled():
            self.edit()

    def say(self, text: str) -> None:
        self.status.setText(text)

    # --- add, edit, delete ----------------------------------------------------------------------

    def add(self) -> None:
        self._open(ScriptDialog(self.library.categories, None, self))

    def edit(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and chosen[0].mine:
            self._open(ScriptDialog(self.library.categories, chosen[0], self))

    def _open(self, dialog: ScriptDialog) -> None:
        """The dialog stays open until the center took the script, or the agent cancels."""
        self.dialog = dialog

        def accepted() -> None:
            upload = dialog.upload
            if upload is None:
                return
            script_id = dialog.script.id if dialog.script is not None else None

            def done(_: object, error: BaseException | None) -> None:
                if error is not None:
                    dialog.say(center_problem(error))
                    dialog.show()  # back, to correct it
                    return
                dialog.deleteLater()
                self.refresh()

            self.access.run(
                save_script(self.access.center, self.access.token, upload, script_id), done
            )

        dialog.accepted.connect(accepted)
        dialog.open()

    def delete(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1 or not chosen[0].mine:
            return
        script = chosen[0]
        answer = QMessageBox.question(
            self,
            translate("Scripts", "Delete script"),
            translate("Scripts", "Delete the script {name} from the library?").format(
                name=script.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.delete_now(script)

    def delete_now(self, script: ScriptSummary) -> None:
        def done(_: object, error: BaseException | None) -> None:
            if error is not None:
                self.say(center_problem(error))
                return
            self.refresh()

        self.access.run(delete_script(self.access.center, self.access.token, script.id), done)
