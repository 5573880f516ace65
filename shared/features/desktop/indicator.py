"""The sharer's always-on-top reminder that their screen is shared, with Stop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from shared.qt.plain_text import plain

STYLE = """
#sharingIndicator { background: #12355b; border: 1px solid #0a2038; border-radius: 6px; }
#sharingIndicator QLabel { color: white; font-weight: bold; }
#sharingIndicator QPushButton {
    background: #d93025; color: white; border: none; border-radius: 4px;
    padding: 5px 14px; font-weight: bold;
}
#sharingIndicator QPushButton:hover { background: #b3261e; }
#sharingIndicator QPushButton:focus { outline: 2px solid white; }
"""
# Distance from the screen's top edge, so the indicator does not hide window title bars' buttons.
TOP_MARGIN = 8


class SharingIndicator(QFrame):
    """Visible while anything of this computer is shared; Stop stops every shown activity."""

    def __init__(self, stop: Callable[[str], None], parent: QWidget | None = None) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        super().__init__(parent, flags)
        self.setObjectName("sharingIndicator")
        self.setWindowTitle(self.tr("Tandem — sharing"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setAccessibleName(self.tr("Screen sharing indicator"))
        self._stop = stop
        self._activity_ids: list[str] = []
        self._drag_from: QPoint | None = None
        self._placed = False

        self.label = plain(QLabel())
        self.label.setObjectName("indicatorLabel")
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.setObjectName("indicatorStopButton")
        self.stop_button.setToolTip(self.tr("Stop sharing your screen now"))
        self.stop_button.setAccessibleName(self.tr("Stop sharing"))
        self.stop_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.stop_button.clicked.connect(self.stop_all)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 8, 8)
        row.setSpacing(14)
        row.addWidget(self.label)
        row.addWidget(self.stop_button)

    def show_shared(self, shared: list[tuple[str, str]]) -> None:
        """``shared``: (activity id, sentence) of each live activity of ours; empty hides it."""
        self._activity_ids = [activity_id for activity_id, _ in shared]
        if not shared:
            self.hide()
            return
        self.label.setText("\n".join(dict.fromkeys(text for _, text in shared)))
        self.adjustSize()
        if not self._placed:
            self._place()
        self.show()
        self.raise_()

    @property
    def activity_ids(self) -> list[str]:
        return list(self._activity_ids)

    def stop_all(self) -> None:
        for activity_id in self._activity_ids:
            self._stop(activity_id)

    def _place(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(area.center().x() - self.width() // 2, area.top() + TOP_MARGIN)
        self._placed = True

    # Dragged anywhere by its body: it has no title bar.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.move(event.globalPosition().toPoint() - self._drag_from)
            self._placed = True
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        super().mouseReleaseEvent(event)
