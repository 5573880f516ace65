"""The Session tab's Session options: picture quality and colours for this session's viewers
(the preferences give the defaults; these apply to the session at hand)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from shared.features.desktop.part import DesktopPart
from shared.features.desktop.protocol import ColourMode, Quality
from shared.features.desktop.texts import colour_title


class SessionOptionsDialog(QDialog):
    def __init__(self, part: DesktopPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionOptionsDialog")
        self.setWindowTitle(self.tr("Session options"))
        self.part = part
        view = part.view_defaults()
        self.quality_box = QComboBox()
        self.quality_box.setObjectName("sessionQualityBox")
        self.quality_box.setAccessibleName(self.tr("Picture quality"))
        self.quality_box.addItem(self.tr("Standard"), Quality.STANDARD.value)
        self.quality_box.addItem(self.tr("Screen sampling"), Quality.SAMPLING.value)
        quality = view.quality or Quality.STANDARD
        self.quality_box.setCurrentIndex(self.quality_box.findData(quality.value))
        self.colour_box = QComboBox()
        self.colour_box.setObjectName("sessionColourBox")
        self.colour_box.setAccessibleName(self.tr("Colour mode"))
        for mode in ColourMode:
            self.colour_box.addItem(colour_title(mode), mode.value)
        colour = view.colour or ColourMode.FULL
        self.colour_box.setCurrentIndex(self.colour_box.findData(colour.value))
        note = QLabel(self.tr("Screens you view from now on in this session open this way."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Quality:"), self.quality_box)
        form.addRow(self.tr("&Colours:"), self.colour_box)
        form.addRow(note)
        form.addRow(buttons)

    @Slot()
    def accept(self) -> None:
        self.part.set_stream_defaults(
            Quality(str(self.quality_box.currentData())),
            ColourMode(str(self.colour_box.currentData())),
        )
        super().accept()
