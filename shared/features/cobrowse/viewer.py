"""The agent's window onto the customer's shared window: the picture, scaled to fit, and (for
control) the agent's mouse and keyboard sent in the picture's own pixels. Where input may land
is decided on the customer's side; this only sends it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from shared.features.cobrowse.engine import Cobrowse
from shared.features.cobrowse.ports import InputMessage
from shared.features.cobrowse.protocol import CobrowseKind
from shared.features.cobrowse.texts import viewer_title, waiting_text
from shared.protocol.screen import (
    KeyAction,
    KeyInput,
    PointerAction,
    PointerInput,
)
from shared.qt.input_mapping import key_name, pointer_button

# Where the viewer first opens, at most (it keeps the picture's proportions inside).
START_WIDTH, START_HEIGHT = 1024, 768
MAX_COORDINATE = 32767  # the wire's limit (shared.protocol.screen.Coordinate)


def frame_to_image(frame: object) -> QImage | None:
    """The media layer's decoded frame (B, G, R, X rows) as a QImage of its own."""
    width, height = getattr(frame, "width", 0), getattr(frame, "height", 0)
    data, stride = getattr(frame, "data", None), getattr(frame, "stride", 0)
    if data is None or not isinstance(width, int) or not isinstance(height, int):
        return None
    if width < 1 or height < 1:
        return None
    view = memoryview(data).cast("B")
    return QImage(view, width, height, stride, QImage.Format.Format_RGB32).copy()


class CobrowseViewer(QWidget):
    def __init__(
        self,
        cobrowse: Cobrowse,
        send: Callable[[InputMessage], None],
        stop: Callable[[], None],
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("cobrowseViewer")
        self.cobrowse = cobrowse
        self._send = send
        self._stop = stop
        self.image: QImage | None = None
        self.control = cobrowse.kind == CobrowseKind.CONTROL
        self.setWindowTitle(viewer_title(cobrowse.title))
        self.setMouseTracking(self.control)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.control else Qt.FocusPolicy.NoFocus)
        self.resize(START_WIDTH, START_HEIGHT)
        self._closing_by_engine = False

    def show_frame(self, frame: object) -> None:
        image = frame_to_image(frame)
        if image is not None:
            self.image = image
            self.update()

    def ended(self) -> None:
        """The co-browse ended: the window goes without stopping anything again."""
        self._closing_by_engine = True
        self.close()

    # --- the picture --------------------------------------------------------------------------

    def _target(self) -> QRectF | None:
        if self.image is None:
            return None
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        width, height = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        target = self._target()
        if target is None or self.image is None:
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, waiting_text())
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.image)
        painter.end()

    def picture_point(self, at: QPointF) -> tuple[int, int] | None:
        """Where ``at`` (in this widget) is in the picture's own pixels, if on it."""
        target = self._target()
        if target is None or self.image is None or not target.contains(at):
            return None
        x = int((at.x() - target.left()) * self.image.width() / target.width())
        y = int((at.y() - target.top()) * self.image.height() / target.height())
        return min(x, MAX_COORDINATE), min(y, MAX_COORDINATE)

    # --- the agent's input --------------------------------------------------------------------

    def _pointer(self, event: QMouseEvent | QWheelEvent, action: PointerAction) -> None:
        if not self.control:
            return
        spot = self.picture_point(event.position())
        if spot is None:
            return
        button = pointer_button(event.button()) if isinstance(event, QMouseEvent) else None
        if action in (PointerAction.DOWN, PointerAction.UP) and button is None:
            return
        dx = dy = 0
        if isinstance(event, QWheelEvent):
            dx, dy = event.angleDelta().x(), event.angleDelta().y()
        self._send(
            PointerInput(
                activity=self.cobrowse.id,
                action=action,
                x=spot[0],
                y=spot[1],
                button=button,
                dx=max(-12000, min(12000, dx)),
                dy=max(-12000, min(12000, dy)),
            )
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pointer(event, PointerAction.DOWN)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pointer(event, PointerAction.UP)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._pointer(event, PointerAction.MOVE)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._pointer(event, PointerAction.WHEEL)

    def _key(self, event: QKeyEvent, action: KeyAction) -> None:
        if not self.control or (event.isAutoRepeat() and action == KeyAction.UP):
            return
        name = key_name(event.key(), event.text())
        if name is not None:
            self._send(KeyInput(activity=self.cobrowse.id, action=action, key=name))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._key(event, KeyAction.DOWN)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._key(event, KeyAction.UP)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_by_engine:
            self._stop()  # the agent closed it: the co-browse ends
        super().closeEvent(event)
