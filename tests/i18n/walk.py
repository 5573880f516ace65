"""Every text a user can see or hear in a window: titles, labels, buttons, tooltips, status
tips, accessible names, placeholders, combo items, tabs, headers, list items, menus and their
actions, message boxes, the status bar and the chat transcript (hidden parts included: another
tab or page shows them).

``shown_texts`` gives them as written, for the language checks; ``displayed_texts`` gives them
as Qt puts them on screen (a label or tooltip Qt takes for HTML shows its rendering, a tab's
``&`` is a shortcut key), for the checks that other people's text is shown as they wrote it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from tests.i18n.catalogue import FrenchCheck, without_mnemonic

# A chat line as the transcript shows it: "14:02 Ada Agent: …" (a person's words are data).
CHAT_LINE = re.compile(r"\d\d:\d\d .+")


# Qt's own guess whether a text is HTML (in QtGui's Qt namespace, not QtCore's).
might_be_rich: Callable[[str], bool] = QtGui.Qt.mightBeRichText


def _html_text(text: str) -> str:
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        return _html_text(text)
    return text


def rich_shown(text: str) -> str:
    """What Qt shows of a text it renders as HTML when it looks like HTML (tooltips…)."""
    return _html_text(text) if might_be_rich(text) else text


def label_shown(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.PlainText:
        return text
    if label.textFormat() == Qt.TextFormat.RichText:
        return _html_text(text)
    return rich_shown(text)


class _Walk:
    """How texts are read: as written (``shown`` False) or as displayed."""

    def __init__(self, shown: bool) -> None:
        self.shown = shown
        self.seen: set[int] = set()

    def tip(self, text: str) -> str:
        return rich_shown(text) if self.shown else _plain(text)

    def key_text(self, text: str) -> str:
        return without_mnemonic(text) if self.shown else text


def _action_texts(action: QAction, where: str, walk: _Walk) -> Iterator[tuple[str, str]]:
    if id(action) in walk.seen:
        return
    walk.seen.add(id(action))
    name = f"{where}/action:{action.objectName() or action.text()}"
    for kind, text in (
        ("text", walk.key_text(action.text())),
        ("iconText", action.iconText()),
        ("toolTip", walk.tip(action.toolTip())),
        ("statusTip", action.statusTip()),
        ("whatsThis", walk.tip(action.whatsThis())),
    ):
        yield f"{name}.{kind}", text
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield from _widget_texts(menu, name, walk)


def _tree_item(item: QTreeWidgetItem, columns: int, where: str) -> Iterator[tuple[str, str]]:
    for column in range(columns):
        yield f"{where}[{column}]", item.text(column)
        yield f"{where}[{column}].toolTip", item.toolTip(column)
    for i in range(item.childCount()):
        child = item.child(i)
        if child is not None:
            yield from _tree_item(child, columns, f"{where}/{i}")


def _widget_texts(widget: QWidget, where: str, walk: _Walk) -> Iterator[tuple[str, str]]:
    if id(widget) in walk.seen:
        return
    walk.seen.add(id(widget))
    name = f"{where}/{type(widget).__name__}:{widget.objectName()}"
    if widget.isWindow():
        yield f"{name}.windowTitle", widget.windowTitle()
    for kind, text in (
        ("toolTip", walk.tip(widget.toolTip())),
        ("statusTip", widget.statusTip()),
        ("whatsThis", walk.tip(widget.whatsThis())),
        ("accessibleName", widget.accessibleName()),
        ("accessibleDescription", widget.accessibleDescription()),
    ):
        yield f"{name}.{kind}", text
    if isinstance(widget, QLabel):
        yield f"{name}.text", label_shown(widget) if walk.shown else _plain(widget.text())
    if isinstance(widget, QAbstractButton):
        yield f"{name}.text", walk.key_text(widget.text())
    if isinstance(widget, QLineEdit):
        yield f"{name}.placeholder", widget.placeholderText()  # its text is the user's
    if isinstance(widget, QComboBox):
        yield f"{name}.placeholder", widget.placeholderText()
        for i in range(widget.count()):
            yield f"{name}.item{i}", widget.itemText(i)
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{name}.tab{i}", walk.key_text(widget.tabText(i))
            yield f"{name}.tab{i}.toolTip", walk.tip(widget.tabToolTip(i))
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for column in range(widget.columnCount()):
            yield f"{name}.header{column}", header.text(column)
        for i in range(widget.topLevelItemCount()):
            row = widget.topLevelItem(i)
            if row is not None:
                yield from _tree_item(row, widget.columnCount(), f"{name}.row{i}")
    if isinstance(widget, QListWidget):
        for i in range(widget.count()):
            yield f"{name}.item{i}", widget.item(i).text()
    if isinstance(widget, QGroupBox):
        yield f"{name}.title", walk.key_text(widget.title())
    if isinstance(widget, QMenu):
        yield f"{name}.title", walk.key_text(widget.title())
    if isinstance(widget, QMessageBox):
        yield f"{name}.informativeText", walk.tip(widget.informativeText())
    if isinstance(widget, QMainWindow) and widget.statusBar().currentMessage():
        yield f"{name}.statusMessage", widget.statusBar().currentMessage()
    if isinstance(widget, QTextBrowser):
        for i, line in enumerate(widget.toPlainText().splitlines()):
            if walk.shown or not CHAT_LINE.fullmatch(line):
                yield f"{name}.line{i}", line
    for action in widget.actions():
        yield from _action_texts(action, name, walk)
    for child in widget.findChildren(QWidget):
        if child.parentWidget() is widget:
            yield from _widget_texts(child, name, walk)


def _texts(walk: _Walk, windows: tuple[QWidget, ...]) -> list[tuple[str, str]]:
    found = []
    for window in windows:
        for where, text in _widget_texts(window, "", walk):
            if text.strip():
                found.append((where, text))
    return found


def shown_texts(*windows: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every non-empty text in ``windows`` and everything inside them, as
    written (the chat's lines left out: what people say is data)."""
    return _texts(_Walk(shown=False), windows)


def displayed_texts(*windows: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every non-empty text in ``windows`` and everything inside them, as the
    screen shows it (the chat's lines too)."""
    return _texts(_Walk(shown=True), windows)


def assert_french(check: FrenchCheck, *windows: QWidget) -> None:
    """No text in ``windows`` is English (or anything else the catalogue does not know)."""
    english = [
        f"{where}: {text!r}" for where, text in shown_texts(*windows) if not check.is_french(text)
    ]
    assert not english, "not French:\n" + "\n".join(english)
