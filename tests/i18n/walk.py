"""Every text a user can see or hear in a window: titles, labels, buttons, tooltips, status
tips, accessible names, placeholders, combo items, tabs, headers, list items, menus and their
actions, message boxes, the status bar and the chat transcript (hidden parts included: another
tab or page shows them)."""

from __future__ import annotations

import re
from collections.abc import Iterator

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

from tests.i18n.catalogue import FrenchCheck

# A chat line as the transcript shows it: "14:02 Ada Agent: …" (a person's words are data).
CHAT_LINE = re.compile(r"\d\d:\d\d .+")


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def _action_texts(action: QAction, where: str, seen: set[int]) -> Iterator[tuple[str, str]]:
    if id(action) in seen:
        return
    seen.add(id(action))
    name = f"{where}/action:{action.objectName() or action.text()}"
    for kind, text in (
        ("text", action.text()),
        ("iconText", action.iconText()),
        ("toolTip", action.toolTip()),
        ("statusTip", action.statusTip()),
        ("whatsThis", action.whatsThis()),
    ):
        yield f"{name}.{kind}", text
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield from _widget_texts(menu, name, seen)


def _tree_item(item: QTreeWidgetItem, columns: int, where: str) -> Iterator[tuple[str, str]]:
    for column in range(columns):
        yield f"{where}[{column}]", item.text(column)
        yield f"{where}[{column}].toolTip", item.toolTip(column)
    for i in range(item.childCount()):
        child = item.child(i)
        if child is not None:
            yield from _tree_item(child, columns, f"{where}/{i}")


def _widget_texts(widget: QWidget, where: str, seen: set[int]) -> Iterator[tuple[str, str]]:
    if id(widget) in seen:
        return
    seen.add(id(widget))
    name = f"{where}/{type(widget).__name__}:{widget.objectName()}"
    if widget.isWindow():
        yield f"{name}.windowTitle", widget.windowTitle()
    for kind, text in (
        ("toolTip", widget.toolTip()),
        ("statusTip", widget.statusTip()),
        ("whatsThis", widget.whatsThis()),
        ("accessibleName", widget.accessibleName()),
        ("accessibleDescription", widget.accessibleDescription()),
    ):
        yield f"{name}.{kind}", text
    if isinstance(widget, QLabel):
        yield f"{name}.text", _plain(widget.text())
    if isinstance(widget, QAbstractButton):
        yield f"{name}.text", widget.text()
    if isinstance(widget, QLineEdit):
        yield f"{name}.placeholder", widget.placeholderText()  # its text is the user's
    if isinstance(widget, QComboBox):
        yield f"{name}.placeholder", widget.placeholderText()
        for i in range(widget.count()):
            yield f"{name}.item{i}", widget.itemText(i)
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{name}.tab{i}", widget.tabText(i)
            yield f"{name}.tab{i}.toolTip", widget.tabToolTip(i)
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
        yield f"{name}.title", widget.title()
    if isinstance(widget, QMenu):
        yield f"{name}.title", widget.title()
    if isinstance(widget, QMessageBox):
        yield f"{name}.informativeText", widget.informativeText()
    if isinstance(widget, QMainWindow) and widget.statusBar().currentMessage():
        yield f"{name}.statusMessage", widget.statusBar().currentMessage()
    if isinstance(widget, QTextBrowser):
        for i, line in enumerate(widget.toPlainText().splitlines()):
            if not CHAT_LINE.fullmatch(line):
                yield f"{name}.line{i}", line
    for action in widget.actions():
        yield from _action_texts(action, name, seen)
    for child in widget.findChildren(QWidget):
        if child.parentWidget() is widget:
            yield from _widget_texts(child, name, seen)


def shown_texts(*windows: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every non-empty text in ``windows`` and everything inside them."""
    seen: set[int] = set()
    found = []
    for window in windows:
        for where, text in _widget_texts(window, "", seen):
            if text.strip():
                found.append((where, text))
    return found


def assert_french(check: FrenchCheck, *windows: QWidget) -> None:
    """No text in ``windows`` is English (or anything else the catalogue does not know)."""
    english = [
        f"{where}: {text!r}" for where, text in shown_texts(*windows) if not check.is_french(text)
    ]
    assert not english, "not French:\n" + "\n".join(english)
