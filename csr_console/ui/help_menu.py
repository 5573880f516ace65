"""The Help menu's actions: the console's user guide, shipped with the app (a window that needs
neither a browser nor a network), and About (the product and its version)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csr_console.ui.actions import ActionRegistry, ActionSpec, ConsoleState, Group
from shared.qt.i18n import fill
from shared.qt.window_place import WindowPlace

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate

PRODUCT = "Tandem Console"
# The distribution whose metadata holds the version (pyproject.toml's name).
DISTRIBUTION = "tandem"
# The package holding the guides, guide_<language>.md (installed as package data).
GUIDES = "csr_console.help"
FALLBACK_LANGUAGE = "en"


def product_version() -> str:
    """The installed version, from the package metadata ("unknown" when run unpackaged)."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return translate("Help", "unknown")


def about_text() -> str:
    return translate(
        "Help",
        "The support agent's console of Tandem: open-source remote support, under the "
        "Apache-2.0 licence.",
    )


def show_about(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(fill(translate("Help", "About {product}"), product=PRODUCT))
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.RichText)
    # The product's name and version are the same in every language.
    box.setText(f"<b>{PRODUCT}</b> {escape(product_version())}")
    box.setInformativeText(about_text())
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def guide_language() -> str:
    """The language of the interface the app loaded: each translation names its own (the
    source, English, names "en"), so the guide always matches the menus around it."""
    return translate(
        "Help", "en", "The code of this language: the help shows the guide_<code>.md file"
    )


def guide_markdown(language: str | None = None) -> str:
    """The user guide in ``language`` (the interface's by default), else in English."""
    folder = resources.files(GUIDES)
    for name in (language or guide_language(), FALLBACK_LANGUAGE):
        guide = folder.joinpath(f"guide_{name}.md")
        if name.isalpha() and guide.is_file():
            return guide.read_text(encoding="utf-8")
    return ""


class HelpWindow(QWidget):
    """The user guide in a small window of its own, beside the console."""

    def __init__(self, settings: QSettings | None, near: QWidget | None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(translate("Help", "Tandem help"))
        self.text = QTextBrowser(self)
        self.text.setObjectName("helpText")
        # The guide's own links only: nothing opens a browser or leaves the guide.
        self.text.setOpenExternalLinks(False)
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(lambda url: self.text.scrollToAnchor(url.fragment()))
        self.text.document().setDocumentMargin(12)
        self.text.setMarkdown(guide_markdown())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        self.resize(560, 640)
        WindowPlace(self, settings, "help").restore(near)


class HelpOpener:
    """Opens the one help window of a console, or brings it to the front if already open."""

    def __init__(self, settings: QSettings | None, parent: Callable[[], QWidget | None]) -> None:
        self.settings = settings
        self.parent = parent
        self.window: HelpWindow | None = None

    def open(self) -> HelpWindow:
        if self.window is None:
            self.window = HelpWindow(self.settings, self.parent())
            self.window.destroyed.connect(self._gone)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

    def _gone(self) -> None:
        self.window = None


def void(_: object) -> None:
    """An action's handler returns nothing; what the call gave back is not needed."""


def register_help_actions(
    registry: ActionRegistry,
    parent: Callable[[], QWidget | None],
    settings: QSettings | None = None,
) -> HelpOpener:
    style = QApplication.style()
    opener = HelpOpener(settings, parent)

    def always(_: ConsoleState) -> bool:
        return True

    registry.register(
        ActionSpec(
            "help",
            translate("Help", "Tandem help"),
            translate("Help", "Open the console's user guide"),
            Group.HELP,
            always,
            style.standardIcon(QStyle.StandardPixmap.SP_DialogHelpButton),
            "F1",
        ),
        lambda: void(opener.open()),
    )
    registry.register(
        ActionSpec(
            "about",
            translate("Help", "About Tandem Console"),
            translate("Help", "The console's version and licence"),
            Group.HELP,
            always,
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        ),
        lambda: void(show_about(parent())),
    )
    return opener
