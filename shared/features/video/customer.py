"""Video in the customer's window: the Video panel opens when the agent's video arrives, with
the customer's own Start my video (their click alone opens their camera), Stop my video and
Options; a line under who helps them says while their video is sent."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from shared.features.video.engine import VideoStatus
from shared.features.video.part import VideoPart
from shared.features.video.protocol import NAME
from shared.qt.feature_views import CustomerView, PanelSpec, Place

translate = QCoreApplication.translate


class VideoStatusLine(QWidget):
    """The window's status line for video, shown while the agent's or our video runs, with
    Show to bring the Video panel back after it was minimised."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("video_status_line")
        self.label = QLabel()
        self.show_button = QPushButton(translate("Video", "Show"))
        self.show_button.setObjectName("video_show_panel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        self.hide()

    def bind(self, part: object) -> None:
        if isinstance(part, VideoPart):
            part.status_changed.connect(self._status)
            self.show_button.clicked.connect(part.show_window)
            self._status(part.status)

    def _status(self, status: VideoStatus) -> None:
        if status.sending:
            self.label.setText(translate("Video", "Your video is being sent to the agent."))
        elif status.receiving:
            self.label.setText(translate("Video", "The agent shares their video with you."))
        self.setVisible(status.sending or status.receiving)


def _line(_buttons: list[QToolButton]) -> QWidget:
    return VideoStatusLine()


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=VideoPart,
    panels=(PanelSpec("video_status", Place.STATUS, lambda: translate("Video", "Video"), _line),),
)
