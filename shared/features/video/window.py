"""The video panel (the other side's picture large, ours small), its Options dialog, and the
blinking indicator shown while the panel is minimised and our video still goes out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from shared.features.video.camera import (
    BRIGHTNESS_RANGE,
    CONTRAST_RANGE,
    RESOLUTIONS,
    VideoOptions,
    VideoQuality,
)
from shared.features.video.engine import VideoStatus

if TYPE_CHECKING:
    from shared.features.video.part import VideoPart

translate = QCoreApplication.translate

# The indicator blinks at this period (ms): seen from the corner of an eye, not frantic.
BLINK_MS = 600
# Our own picture's share of the panel's width (the manual: "le petit écran").
SMALL_SHARE = 0.28


def news_text(news: str) -> str:
    match news:
        case "no_camera":
            return translate("Video", "No camera was found: plug one in and try again.")
        case "camera_gone":
            return translate("Video", "The camera stopped: the video has ended.")
        case "refused":
            return translate("Video", "Your video was not accepted.")
        case "ended":
            return translate("Video", "The video has ended.")
        case "failed":
            return translate("Video", "The video stopped because of an error.")
    return ""


def status_text(status: VideoStatus, side: str) -> str:
    if status.news:
        return news_text(status.news)
    if status.sending and status.receiving:
        return translate("Video", "You see each other.")
    if status.sending:
        return translate("Video", "Your video is being sent.")
    if status.agent_forwarded and status.receiving:
        return translate("Video", "You see the customer's video and the agent's.")
    if status.agent_forwarded:
        return translate("Video", "You see the agent's video.")
    if status.receiving and status.forwarded:
        return translate("Video", "You see the customer's video.")
    if status.receiving and side == "customer":
        return translate("Video", "The agent shares their video. You may start yours.")
    if status.receiving:
        return translate("Video", "You see the customer's video.")
    if side == "customer":
        return translate("Video", "You can send your video once the agent has started theirs.")
    return translate("Video", "Click Start my video to show your camera.")


class Picture(QLabel):
    """One side's picture, scaled to fit, keeping its aspect."""

    def __init__(self, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(empty, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: #202020; color: #d0d0d0;")
        self.image: QImage | None = None
        self._empty = empty

    def show_image(self, image: QImage | None) -> None:
        self.image = image
        if image is None:
            self.setPixmap(QPixmap())
            self.setText(self._empty)
            return
        self.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )


class SendingIndicator(QWidget):
    """A small window that blinks while our video goes out with the panel minimised."""

    def __init__(self, restore: QPushButton) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("video_sending_indicator")
        self.setWindowTitle(translate("Video", "Video"))
        self.dot = QLabel("●")
        self.dot.setStyleSheet("color: #d02020; font-size: 16px;")
        self.label = QLabel(translate("Video", "Your video is still being sent"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.dot)
        layout.addWidget(self.label)
        layout.addWidget(restore)
        self.timer = QTimer(self)
        self.timer.setInterval(BLINK_MS)
        self.timer.timeout.connect(self._blink)
        self.blinks = 0

    def start(self) -> None:
        if not self.isVisible():
            self.show()
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.hide()

    def _blink(self) -> None:
        self.blinks += 1
        self.dot.setVisible(not self.dot.isVisible())


class VideoWindow(QWidget):
    def __init__(self, part: VideoPart) -> None:
        super().__init__(None)
        self.part = part
        self.setObjectName("video_panel")
        self.setWindowTitle(translate("Video", "Video"))
        side = part.host.side
        self.side = side
        self.large = Picture(
            translate("Video", "The customer's video appears here")
            if side == "console"
            else translate("Video", "The agent's video appears here")
        )
        self.large.setMinimumSize(480, 270)
        self.small = Picture(translate("Video", "You"), self.large)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.start_button = QPushButton(translate("Video", "Start my video"))
        self.stop_button = QPushButton(translate("Video", "Stop my video"))
        self.options_button = QPushButton(translate("Video", "Video options…"))
        self.minimise_button = QPushButton(translate("Video", "Minimise"))
        self.minimise_button.setToolTip(
            translate("Video", "Hide the video panel; your video keeps being sent")
        )
        self.start_button.clicked.connect(part.start)
        self.stop_button.clicked.connect(part.stop)
        self.options_button.clicked.connect(self.open_options)
        self.minimise_button.clicked.connect(self.minimise)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.minimise_button)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.stop_button, self.options_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.large, 1)
        layout.addLayout(buttons)
        restore = QPushButton(translate("Video", "Show"))
        restore.clicked.connect(self.show_panel)
        self.indicator = SendingIndicator(restore)
        self.options_dialog: VideoOptionsDialog | None = None
        part.picture.connect(self._picture)
        part.status_changed.connect(self._status)
        self._status(part.status)

    # --- showing -------------------------------------------------------------------------------

    def show_panel(self) -> None:
        self.indicator.stop()
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def minimise(self) -> None:
        """The manual's minimise: the panel goes, our video does not stop (the indicator)."""
        self.hide()
        self._follow()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self._follow()

    def hideEvent(self, event: object) -> None:
        self._follow()

    def _follow(self) -> None:
        hidden = not self.isVisible() or self.isMinimized()
        if self.part.status.sending and hidden:
            self.indicator.start()
        else:
            self.indicator.stop()

    def close_all(self) -> None:
        self.indicator.stop()
        if self.options_dialog is not None:
            self.options_dialog.close()
        self.close()

    def resizeEvent(self, event: object) -> None:
        self._place_small()
        self.large.show_image(self.large.image)

    def _place_small(self) -> None:
        width = int(self.large.width() * SMALL_SHARE)
        height = width * 9 // 16
        self.small.setGeometry(
            self.large.width() - width - 8, self.large.height() - height - 8, width, height
        )
        self.small.show_image(self.small.image)

    # --- from the part -------------------------------------------------------------------------

    def _picture(self, who: str, image: QImage) -> None:
        # An assistant's small picture is the primary agent's (they send none of their own).
        (self.small if who in ("mine", "agent") else self.large).show_image(image)

    def _status(self, status: VideoStatus) -> None:
        self.status.setText(status_text(status, self.side))
        may_start = status.may_start and (
            self.side == "customer" or self.part.host.current_customer() is not None
        )
        self.start_button.setEnabled(self.part.available and may_start and not status.sending)
        self.stop_button.setEnabled(status.sending)
        forwarded_only = status.forwarded or status.agent_forwarded
        self.start_button.setVisible(not forwarded_only)
        self.stop_button.setVisible(not forwarded_only)
        self.options_button.setVisible(not forwarded_only)
        small = status.sending or status.agent_forwarded
        if not small:
            self.small.show_image(None)
        if not status.receiving:
            self.large.show_image(None)
        self.small.setVisible(small)
        self._place_small()
        self._follow()

    def open_options(self) -> None:
        self.part.load_cameras()
        dialog = VideoOptionsDialog(self.part.options, self.part, self)
        self.options_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.part.apply_options(dialog.options())


class VideoOptionsDialog(QDialog):
    """Camera, size, quality, brightness and contrast (the manual's "Options")."""

    def __init__(self, current: VideoOptions, part: VideoPart, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("video_options")
        self.setWindowTitle(translate("Video", "Video options"))
        self.camera = QComboBox()
        cameras = part.cameras or []
        for info in cameras:
            self.camera.addItem(info.name, info.index)
        if not cameras:
            self.camera.addItem(translate("Video", "Default camera"), current.camera)
        self.camera.setCurrentIndex(max(0, self.camera.findData(current.camera)))
        self.size_box = QComboBox()
        for width, height in RESOLUTIONS:
            self.size_box.addItem(f"{width} × {height}", (width, height))
        self.size_box.setCurrentIndex(
            max(0, self.size_box.findData((current.width, current.height)))
        )
        self.quality = QComboBox()
        names = {
            VideoQuality.LOW: translate("Video", "Low (less bandwidth)"),
            VideoQuality.MEDIUM: translate("Video", "Medium"),
            VideoQuality.HIGH: translate("Video", "High (sharper picture)"),
        }
        for quality, name in names.items():
            self.quality.addItem(name, quality.value)
        self.quality.setCurrentIndex(max(0, self.quality.findData(current.quality.value)))
        self.brightness = QSlider(Qt.Orientation.Horizontal)
        self.brightness.setRange(*BRIGHTNESS_RANGE)
        self.brightness.setValue(current.brightness)
        self.contrast = QSlider(Qt.Orientation.Horizontal)
        self.contrast.setRange(int(CONTRAST_RANGE[0] * 100), int(CONTRAST_RANGE[1] * 100))
        self.contrast.setValue(int(current.contrast * 100))
        form = QFormLayout()
        form.addRow(translate("Video", "Video capture device:"), self.camera)
        form.addRow(translate("Video", "Resolution:"), self.size_box)
        form.addRow(translate("Video", "Quality:"), self.quality)
        form.addRow(translate("Video", "Brightness:"), self.brightness)
        form.addRow(translate("Video", "Contrast:"), self.contrast)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> VideoOptions:
        width, height = self.size_box.currentData()
        return VideoOptions(
            camera=int(self.camera.currentData()),
            width=int(width),
            height=int(height),
            quality=VideoQuality(self.quality.currentData()),
            brightness=self.brightness.value(),
            contrast=self.contrast.value() / 100,
        ).checked()
