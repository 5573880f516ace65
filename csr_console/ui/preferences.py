"""The console's preferences (the manual's "console options"), kept with QSettings, and the
dialog to change them: face, dashboard tab order, how viewers open, colour mode, language."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.features.desktop.protocol import ColourMode
from shared.features.desktop.remote_viewer import ViewDefaults
from shared.features.desktop.texts import colour_title
from shared.qt.feature_views import TAB_GROUPS, Group
from shared.qt.screen_geometry import ScaleMode


class FaceName(StrEnum):
    DASHBOARD = "dashboard"
    ICON_BAR = "icon_bar"
    MULTISESSION = "multisession"


def face_title(face: FaceName) -> str:
    titles = {
        FaceName.DASHBOARD: QCoreApplication.translate("Preferences", "Dashboard"),
        FaceName.ICON_BAR: QCoreApplication.translate("Preferences", "Compact icon bar"),
        FaceName.MULTISESSION: QCoreApplication.translate("Preferences", "Multisession window"),
    }
    return titles[face]


def tab_title(group: Group) -> str:
    titles = {
        Group.TOOLS: QCoreApplication.translate("Dashboard", "Tools"),
        Group.DESKTOP: QCoreApplication.translate("Dashboard", "Desktop"),
        Group.APPLICATION: QCoreApplication.translate("Dashboard", "Application"),
        Group.SESSION: QCoreApplication.translate("Dashboard", "Session"),
        Group.CUSTOMER: QCoreApplication.translate("Dashboard", "Customer"),
        Group.CONSOLE: QCoreApplication.translate("Dashboard", "Console"),
        Group.HELP: QCoreApplication.translate("Dashboard", "Help"),
    }
    return titles[group]


def _face(value: object) -> FaceName | None:
    try:
        return FaceName(str(value))
    except ValueError:
        return None


class Preferences:
    """Typed access to the console's settings. Unset values fall back to the manual's defaults
    (or, for the face, to the site default the support center sends at sign-in)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    # Face: the agent's own choice wins over the site's.
    @property
    def face(self) -> FaceName | None:
        return _face(self.settings.value("ui/face", ""))

    @face.setter
    def face(self, face: FaceName | None) -> None:
        self.settings.setValue("ui/face", face.value if face else "")

    def effective_face(self, site_default: str = "") -> FaceName:
        return self.face or _face(site_default) or FaceName.DASHBOARD

    @property
    def tab_order(self) -> list[Group]:
        raw = self.settings.value("dashboard/tab_order", [])
        names = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list) else []
        order = [Group(n) for n in names if n in {g.value for g in TAB_GROUPS}]
        order = list(dict.fromkeys(order))
        return order + [g for g in TAB_GROUPS if g not in order]

    @tab_order.setter
    def tab_order(self, order: list[Group]) -> None:
        self.settings.setValue("dashboard/tab_order", [g.value for g in order])

    @property
    def full_screen(self) -> bool:
        return _bool(self.settings.value("view/full_screen", True))

    @full_screen.setter
    def full_screen(self, on: bool) -> None:
        self.settings.setValue("view/full_screen", on)

    @property
    def scale_mode(self) -> ScaleMode:
        try:
            return ScaleMode(str(self.settings.value("view/scale", ScaleMode.FIT.value)))
        except ValueError:
            return ScaleMode.FIT

    @scale_mode.setter
    def scale_mode(self, mode: ScaleMode) -> None:
        self.settings.setValue("view/scale", mode.value)

    @property
    def colour(self) -> ColourMode:
        try:
            return ColourMode(str(self.settings.value("view/colour", ColourMode.FULL.value)))
        except ValueError:
            return ColourMode.FULL

    @colour.setter
    def colour(self, mode: ColourMode) -> None:
        self.settings.setValue("view/colour", mode.value)

    @property
    def language(self) -> str:
        return str(self.settings.value("ui/language", ""))

    @language.setter
    def language(self, language: str) -> None:
        self.settings.setValue("ui/language", language)

    def view_defaults(self) -> ViewDefaults:
        return ViewDefaults(
            full_screen=self.full_screen,
            mode=self.scale_mode,
            colour=self.colour,
            settings=self.settings,
        )

    def sync(self) -> None:
        self.settings.sync()


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


class PreferencesDialog(QDialog):
    """Edits a ``Preferences``; ``applied`` fires after OK has saved them."""

    applied = Signal()

    def __init__(
        self, preferences: Preferences, site_face: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Console preferences"))
        self.preferences = preferences
        self.language_at_open = preferences.language

        self.face_box = self._combo("faceBox", self.tr("Console layout"))
        site = _face(site_face)
        self.face_box.addItem(
            self.tr("Site default ({face})").format(face=face_title(site or FaceName.DASHBOARD)),
            "",
        )
        for face in FaceName:
            self.face_box.addItem(face_title(face), face.value)
        self.face_box.setCurrentIndex(max(0, self.face_box.findData(preferences.face or "")))

        self.tab_list = QListWidget()
        self.tab_list.setObjectName("tabOrderList")
        self.tab_list.setAccessibleName(self.tr("Order of the dashboard's tabs"))
        self.tab_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for group in preferences.tab_order:
            item = QListWidgetItem(tab_title(group))
            item.setData(Qt.ItemDataRole.UserRole, group.value)
            self.tab_list.addItem(item)
        self.tab_list.setMaximumHeight(self.tab_list.sizeHintForRow(0) * 4 + 8)
        up = QPushButton(self.tr("Move &up"))
        up.setObjectName("tabUp")
        up.clicked.connect(lambda: self._move(-1))
        down = QPushButton(self.tr("Move &down"))
        down.setObjectName("tabDown")
        down.clicked.connect(lambda: self._move(1))
        move = QVBoxLayout()
        move.addWidget(up)
        move.addWidget(down)
        move.addStretch(1)
        tabs_row = QHBoxLayout()
        tabs_row.addWidget(self.tab_list, 1)
        tabs_row.addLayout(move)

        self.window_box = self._combo("viewWindowBox", self.tr("How a viewer opens"))
        self.window_box.addItem(self.tr("Full screen"), True)
        self.window_box.addItem(self.tr("In a window"), False)
        self.window_box.setCurrentIndex(0 if preferences.full_screen else 1)
        self.scale_box = self._combo("viewScaleBox", self.tr("How the screen is scaled"))
        self.scale_box.addItem(self.tr("Fit to window"), ScaleMode.FIT.value)
        self.scale_box.addItem(self.tr("Actual size"), ScaleMode.ACTUAL.value)
        self.scale_box.setCurrentIndex(self.scale_box.findData(preferences.scale_mode.value))
        self.colour_box = self._combo("colourBox", self.tr("Colour mode"))
        for mode in ColourMode:
            self.colour_box.addItem(colour_title(mode), mode.value)
        self.colour_box.setCurrentIndex(self.colour_box.findData(preferences.colour.value))

        self.language_box = self._combo("languageBox", self.tr("Language"))
        self.language_box.addItem(self.tr("The system's language"), "")
        # Each language under its own name, as language pickers do.
        self.language_box.addItem(self.tr("English"), "en")
        self.language_box.addItem("Français", "fr")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(preferences.language)))
        self.language_note = QLabel(
            self.tr("A new language shows the next time the console starts.")
        )
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.language_box.currentIndexChanged.connect(
            lambda _: self.language_note.setVisible(
                self.language_box.currentData() != self.language_at_open
            )
        )

        form = QFormLayout()
        form.addRow(self.tr("&Layout:"), self.face_box)
        tabs_label = QLabel(self.tr("Dashboard &tabs:"))
        tabs_label.setBuddy(self.tab_list)  # a row of several widgets gets no buddy by itself
        form.addRow(tabs_label, tabs_row)
        form.addRow(self.tr("&Viewer opens:"), self.window_box)
        form.addRow(self.tr("&Scaling:"), self.scale_box)
        form.addRow(self.tr("&Colours:"), self.colour_box)
        form.addRow(self.tr("L&anguage:"), self.language_box)
        form.addRow("", self.language_note)
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            caption = label.widget() if label is not None else None
            target = field.widget() if field is not None else None
            if isinstance(caption, QLabel) and target is not None:
                caption.setBuddy(target)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        return box

    def _move(self, step: int) -> None:
        row = self.tab_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.tab_list.count():
            return
        item = self.tab_list.takeItem(row)
        self.tab_list.insertItem(target, item)
        self.tab_list.setCurrentRow(target)

    def chosen_tab_order(self) -> list[Group]:
        order = []
        for row in range(self.tab_list.count()):
            item = self.tab_list.item(row)
            order.append(Group(str(item.data(Qt.ItemDataRole.UserRole))))
        return order

    @Slot()
    def accept(self) -> None:
        prefs = self.preferences
        prefs.face = _face(self.face_box.currentData())
        prefs.tab_order = self.chosen_tab_order()
        prefs.full_screen = bool(self.window_box.currentData())
        prefs.scale_mode = ScaleMode(str(self.scale_box.currentData()))
        prefs.colour = ColourMode(str(self.colour_box.currentData()))
        prefs.language = str(self.language_box.currentData())
        prefs.sync()
        super().accept()
        self.applied.emit()
