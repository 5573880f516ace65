"""Annotation in the customer's window: while something is shared, a line with Annotate (the
manual: the customer can annotate too, with no question to the agent; the agent sees and may
erase what they draw)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from shared.features.annotation.part import AnnotationPart
from shared.features.annotation.protocol import NAME
from shared.qt.feature_views import CustomerView, PanelSpec, Place

translate = QCoreApplication.translate


class AnnotateLine(QWidget):
    """Shown while something is shared: Annotate, or Stop annotating while the customer does."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("annotation_line")
        self.label = QLabel(translate("Annotation", "You can draw over the shared screen."))
        self.button = QPushButton(translate("Annotation", "Annotate"))
        self.button.setObjectName("annotation_toggle")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def bind(self, part: object) -> None:
        if isinstance(part, AnnotationPart):
            part.state_changed.connect(self._state)
            self.button.clicked.connect(part.toggle)
            self._state(bool(part.shares), part.annotating)

    def _state(self, shared: bool, annotating: bool) -> None:
        self.button.setText(
            translate("Annotation", "Stop annotating")
            if annotating
            else translate("Annotation", "Annotate")
        )
        self.setVisible(shared)


def _line(_buttons: list[QToolButton]) -> QWidget:
    return AnnotateLine()


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=AnnotationPart,
    panels=(
        PanelSpec(
            "annotation_line",
            Place.STATUS,
            lambda: translate("Annotation", "Annotation"),
            _line,
        ),
    ),
)
