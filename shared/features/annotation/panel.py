"""The Annotation panel: the tools, the colour, the eraser and its Clear all annotations, the
screenshot, and Stop annotating (the manual's panel, in both apps)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QMenu, QToolBar, QToolButton, QVBoxLayout, QWidget

from shared.features.annotation.sketch import Choice, Pick
from shared.qt.plain_text import plain

# The colours offered, by their name (translated where shown).
COLOURS: tuple[tuple[str, str], ...] = (
    ("#e53935", "Red"),
    ("#fdd835", "Yellow"),
    ("#43a047", "Green"),
    ("#1e88e5", "Blue"),
    ("#000000", "Black"),
    ("#ffffff", "White"),
)
SWATCH_PX = 14


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(SWATCH_PX, SWATCH_PX)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class AnnotationPanel(QWidget):
    # The person closed the panel (Stop annotating, or the window's close).
    stop = Signal()
    clear_all = Signal()
    screenshot = Signal()
    choose_folder = Signal()

    def __init__(self, choice: Choice, picked: Callable[[], None]) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("annotationPanel")
        self.setWindowTitle(self.tr("Annotation"))
        self.choice = choice
        self._picked = picked
        self.note = plain(QLabel(""))
        self.note.setObjectName("annotationNote")
        self.note.setWordWrap(True)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("annotationTools")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools = QActionGroup(self)
        self.tool_actions: dict[Pick, QAction] = {}
        texts = {
            Pick.PEN: self.tr("Pen"),
            Pick.HIGHLIGHTER: self.tr("Highlighter"),
            Pick.ARROW: self.tr("Arrow"),
            Pick.TEXT: self.tr("Text"),
            Pick.ERASER: self.tr("Eraser"),
        }
        for pick, text in texts.items():
            action = QAction(text, self)
            action.setObjectName(f"annotation_{pick.value}")
            action.setCheckable(True)
            action.setChecked(pick == choice.pick)
            action.triggered.connect(lambda _=False, p=pick: self._pick(p))
            tools.addAction(action)
            self.tool_actions[pick] = action
            if pick != Pick.ERASER:
                self.toolbar.addAction(action)
        # The eraser's button has its menu beside it: Clear all annotations (the manual).
        self.eraser_button = QToolButton(self)
        self.eraser_button.setObjectName("annotationEraser")
        self.eraser_button.setDefaultAction(self.tool_actions[Pick.ERASER])
        self.eraser_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        eraser_menu = QMenu(self.eraser_button)
        self.clear_action = eraser_menu.addAction(self.tr("Clear all annotations"))
        self.clear_action.setObjectName("annotationClearAll")
        self.clear_action.triggered.connect(self.clear_all)
        self.eraser_button.setMenu(eraser_menu)
        self.toolbar.addWidget(self.eraser_button)

        self.colour_button = QToolButton(self)
        self.colour_button.setObjectName("annotationColour")
        self.colour_button.setText(self.tr("Colour"))
        self.colour_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.colour_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        colour_menu = QMenu(self.colour_button)
        names = {
            "Red": self.tr("Red"),
            "Yellow": self.tr("Yellow"),
            "Green": self.tr("Green"),
            "Blue": self.tr("Blue"),
            "Black": self.tr("Black"),
            "White": self.tr("White"),
        }
        self.colour_actions: dict[str, QAction] = {}
        for colour, name in COLOURS:
            action = colour_menu.addAction(swatch(colour), names[name])
            action.triggered.connect(lambda _=False, c=colour: self.set_colour(c))
            self.colour_actions[colour] = action
        self.colour_button.setMenu(colour_menu)
        self.colour_button.setIcon(swatch(choice.colour))
        self.toolbar.addWidget(self.colour_button)
        self.toolbar.addSeparator()

        self.shot_button = QToolButton(self)
        self.shot_button.setObjectName("annotationScreenshot")
        self.shot_action = QAction(self.tr("Screenshot"), self)
        self.shot_action.setToolTip(self.tr("Save a picture of the annotated screen"))
        self.shot_action.triggered.connect(self.screenshot)
        self.shot_button.setDefaultAction(self.shot_action)
        self.shot_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        shot_menu = QMenu(self.shot_button)
        self.folder_action = shot_menu.addAction(self.tr("Save screenshots in…"))
        self.folder_action.triggered.connect(self.choose_folder)
        self.shot_button.setMenu(shot_menu)
        self.toolbar.addWidget(self.shot_button)
        self.toolbar.addSeparator()
        self.stop_action = self.toolbar.addAction(self.tr("Stop annotating"))
        self.stop_action.setObjectName("annotationStop")
        self.stop_action.triggered.connect(self.stop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.note)

    def _pick(self, pick: Pick) -> None:
        self.choice.pick = pick
        self._picked()

    def set_colour(self, colour: str) -> None:
        self.choice.colour = colour
        self.colour_button.setIcon(swatch(colour))
        if self.choice.pick == Pick.ERASER:  # a colour is for drawing: back to the pen
            self.tool_actions[Pick.PEN].trigger()
        self._picked()

    def say(self, text: str) -> None:
        self.note.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop.emit()
        super().closeEvent(event)
