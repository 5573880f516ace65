"""Annotating on a viewer's picture of someone else's shared screen: a child widget laid over
the viewer's picture area.

Viewers see the strokes in the picture itself: the sharer's overlay is on their screen and is
captured with it, so strokes are never drawn twice over each other, offset by the picture's
delay. This layer paints only the stroke being drawn here, and keeps it a moment after it is
finished, until the picture shows it (``ECHO_MS``).

While its person annotates, the layer is shown and takes the mouse and the keyboard: nothing
reaches the viewer under it, so remote control pauses (the manual: stop annotating to control
again). Otherwise it is hidden and the viewer gets everything as before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from shared.features.annotation.drawing import paint_strokes
from shared.features.annotation.protocol import Stroke
from shared.features.annotation.sketch import Sketch
from shared.qt.shared_pictures import SharedPicture

# How long a finished stroke of ours stays painted here: the picture shows it by then (a
# frame's capture, encoding and trip, with room to spare).
ECHO_MS = 600


class PictureLayer(QWidget):
    def __init__(self, picture: SharedPicture, sketch: Sketch) -> None:
        super().__init__(picture.area)
        self.setObjectName("annotationLayer")
        self.picture = picture
        self.sketch = sketch
        self._echo: list[Stroke] = []
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(False)
        picture.area.installEventFilter(self)
        self.setGeometry(picture.area.rect())
        self.hide()

    def picture_rect(self) -> QRectF:
        return self.picture.picture_rect()

    def set_annotating(self, on: bool) -> None:
        if on:
            self.setGeometry(self.picture.area.rect())
            self.show()
            self.raise_()
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.hide()

    def echo(self, stroke: Stroke) -> None:
        """Our finished stroke: painted until the picture has it."""
        self._echo.append(stroke)
        self.update()
        QTimer.singleShot(ECHO_MS, self, lambda: self._forget(stroke))

    def _forget(self, stroke: Stroke) -> None:
        if stroke in self._echo:
            self._echo.remove(stroke)
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.picture.area and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.picture.area.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        strokes = list(self._echo)
        preview = self.sketch.preview()
        if preview is not None:
            strokes.append(preview)
        paint_strokes(painter, strokes, self.picture_rect())

    # Everything the pointer and the keys do here stays here: the viewer under it (and the
    # remote computer it controls) gets none of it while annotating.

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.sketch.press(event.position(), self.picture_rect())
            self.update()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.sketch.move(event.position(), self.picture_rect()):
            self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.sketch.release(event.position(), self.picture_rect())
            self.update()
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        event.accept()
