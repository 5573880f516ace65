"""A window onto a shared part of another computer's screen (co-browsing's window, application
sharing's applications): the picture, scaled to fit, and (for control) this user's mouse and
keyboard sent in the picture's own pixels. Where input may land is decided on the sharing side;
this only sends it. The picture is announced (``shared.qt.shared_pictures``): annotation draws
on it. While the sharer draws over their own screen, a line over the picture says the input
is paused (and none is sent)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QWidget

from shared.protocol.screen import (
    KeyAction,
    KeyInput,
    PointerAction,
    PointerInput,
    TextInput,
)
from shared.qt.input_mapping import key_name, pointer_button
from shared.qt.plain_text import plain
from shared.qt.shared_pictures import show_picture

# Where the viewer first opens, at most (it keeps the picture's proportions inside).
START_WIDTH, START_HEIGHT = 1024, 768
MAX_COORDINATE = 32767  # the wire's limit (shared.protocol.screen.Coordinate)
PAUSED_STYLE = "background: #fff3cd; color: #5c4400; padding: 6px; font-weight: bold;"

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def drawing_paused_text(sharer_is_customer: bool) -> str:
    """Shown to whoever controls a shared screen while its sharer draws over it (annotation):
    their input is dropped meanwhile (desktop sharing's viewer says it too)."""
    if sharer_is_customer:
        return translate(
            "SessionTexts", "The customer is drawing on their screen — your input is paused"
        )
    return translate("SessionTexts", "The agent is drawing on their screen — your input is paused")


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


InputMessage = PointerInput | KeyInput | TextInput


class AreaViewer(QWidget):
    def __init__(
        self,
        activity: str,
        control: bool,
        send: Callable[[InputMessage], None],
        stop: Callable[[], None],
        waiting: str,
        sharer_id: str = "",
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.activity = activity
        self._send = send
        self._stop = stop
        self._waiting = waiting
        self.image: QImage | None = None
        self.control = control
        self.setMouseTracking(self.control)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.control else Qt.FocusPolicy.NoFocus)
        self.resize(START_WIDTH, START_HEIGHT)
        self._closing_by_engine = False
        self.paused_label = plain(QLabel(self))
        self.paused_label.setObjectName("pausedLabel")
        self.paused_label.setStyleSheet(PAUSED_STYLE)
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.hide()
        if sharer_id:
            # Features that work over a shared picture (annotation) find it here: the whole
            # shared area, as it is painted in this widget.
            show_picture(self, sharer_id, self.picture_rect)

    def show_frame(self, frame: object) -> None:
        image = frame_to_image(frame)
        if image is not None:
            self.image = image
            self.update()

    @property
    def paused(self) -> bool:
        return bool(self.paused_label.text())

    def set_paused(self, text: str) -> None:
        """Say why input is paused, over the picture, and send none ("": it goes again)."""
        self.paused_label.setText(text)
        self.paused_label.setVisible(bool(text))
        self._place_label()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_label()
        super().resizeEvent(event)

    def _place_label(self) -> None:
        self.paused_label.setGeometry(0, 0, self.width(), self.paused_label.sizeHint().height())
        self.paused_label.raise_()

    def ended(self) -> None:
        """The share ended: the window goes without stopping anything again."""
        self._closing_by_engine = True
        self.close()

    # --- the picture --------------------------------------------------------------------------

    def _target(self) -> QRectF | None:
        if self.image is None:
            return None
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        width, height = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def picture_rect(self) -> QRectF:
        """Where the picture is painted in this widget (empty before the first frame)."""
        return self._target() or QRectF()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        target = self._target()
        if target is None or self.image is None:
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._waiting)
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
        if not self.control or (self.paused and action != PointerAction.UP):
            return  # paused: dropped, not kept (a button let go still goes: none stays held)
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
                activity=self.activity,
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
        if self.paused and action != KeyAction.UP:
            return  # paused: dropped, not kept (a key let go still goes: none stays held)
        name = key_name(event.key(), event.text())
        if name is not None:
            self._send(KeyInput(activity=self.activity, action=action, key=name))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._key(event, KeyAction.DOWN)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._key(event, KeyAction.UP)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_by_engine:
            self._stop()  # the user closed it: the share ends
        super().closeEvent(event)
