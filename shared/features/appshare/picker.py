"""The picker: which application to share. On the sharing side only (the customer's for a
view or control, the agent's for a show): the open applications by name, with their windows'
titles, and "New application…", which lists the installed ones to start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shared.features.appshare.engine import Choice
from shared.features.appshare.texts import (
    installed_heading,
    new_application,
    nothing_open,
    open_heading,
    picker_title,
    share_button,
    windows_count,
)
from shared.qt.plain_text import plain
from shared.windows.apps import Application
from shared.windows.installed import Installed

NEW = "new"  # the "New application…" row's data
# Window titles shown under an application's name, at most (the rest are counted).
TITLES_SHOWN = 2


def _list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setAlternatingRowColors(True)
    widget.setSpacing(3)  # two-line rows apart
    widget.setMinimumHeight(220)
    return widget


class AppPicker(QDialog):
    def __init__(
        self,
        question: str,
        apps: list[Application],
        installed: list[Installed],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("appPicker")
        self.setWindowTitle(picker_title())
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.chosen: Choice | None = None
        label = plain(QLabel(question))
        label.setWordWrap(True)
        self.open_list = _list("appPickerOpen")
        for app in apps:
            titles = [w.title for w in app.windows if w.title][:TITLES_SHOWN]
            lines = [app.name, windows_count(len(app.windows))]
            if titles:
                lines[1] += " — " + " · ".join(titles)
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, app)
            self.open_list.addItem(item)
        if not apps:
            empty = QListWidgetItem(nothing_open())
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.open_list.addItem(empty)
        new = QListWidgetItem(new_application())
        font = QFont(new.font())
        font.setItalic(True)
        new.setFont(font)
        new.setData(Qt.ItemDataRole.UserRole, NEW)
        new.setFlags(new.flags() if installed else Qt.ItemFlag.NoItemFlags)
        self.open_list.addItem(new)
        self.installed_list = _list("appPickerInstalled")
        for entry in installed:
            item = QListWidgetItem(entry.name)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.installed_list.addItem(item)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._page(open_heading(), self.open_list))
        self.back = QPushButton(self.tr("← &Back"))
        self.back.setObjectName("appPickerBack")
        self.back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        installed_page = self._page(installed_heading(), self.installed_list)
        installed_page.layout().addWidget(self.back)  # type: ignore[union-attr]
        self.pages.addWidget(installed_page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.share = buttons.addButton(share_button(), QDialogButtonBox.ButtonRole.AcceptRole)
        self.share.setObjectName("appPickerShare")
        buttons.accepted.connect(self._share)
        buttons.rejected.connect(self.reject)
        for widget in (self.open_list, self.installed_list):
            widget.itemDoubleClicked.connect(lambda _item: self._share())
            widget.currentItemChanged.connect(lambda *_: self._enable())
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.pages)
        layout.addWidget(buttons)
        self.resize(460, 420)
        if apps:
            self.open_list.setCurrentRow(0)
        self._enable()

    @staticmethod
    def _page(heading: str, widget: QListWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        title = plain(QLabel(heading))
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(widget)
        return page

    def _current(self) -> object:
        widget = self.open_list if self.pages.currentIndex() == 0 else self.installed_list
        item = widget.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _enable(self) -> None:
        self.share.setEnabled(self._current() is not None)

    def _share(self) -> None:
        current = self._current()
        if current == NEW:
            self.pages.setCurrentIndex(1)
            self.installed_list.setCurrentRow(0)
            self._enable()
            return
        if isinstance(current, Application):
            self.chosen = Choice(app=current)
        elif isinstance(current, Installed):
            self.chosen = Choice(start=current)
        else:
            return
        self.accept()
