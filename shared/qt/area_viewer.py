"""A window onto a shared part of another computer's screen (co-browsing's window, application
sharing's applications): the picture, scaled to fit, and (for control) this user's mouse and
keyboard sent in the picture's own pixels. Where input may land is decided on the sharing side;
this only sends it. The picture is announced (``shared.qt.shared_pictures``): annotation draws
on it. While the sharer draws over their own screen, a line over the picture says the input
is paused (and none is sent).

Above the picture, a bar says what is shown and whether this user views or controls it, with
Stop (as closing the window: the share ends for both sides). The picture is a widget of its
own under the bar: annotation's layer covers it and not the bar, and the viewer maps pointer
positions through ``picture_rect``, which is where that widget paints."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QFocusEvent,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from shared.protocol.screen import (
    KeyAction,
    KeyInput,
    PointerAction,
    PointerInput,
    TextInput,
)
from shared.qt.input_mapping import key_name, physical_key, pointer_button
from shared.qt.plain_text import plain, plain_tooltip
from shared.qt.shared_pictures import show_picture
from shared.qt.window_place import fit_on_screen, shown_normally

# Where the viewer first opens, at most (it keeps the picture's proportions inside).
START_WIDTH, START_HEIGHT = 1024, 768
MAX_COORDINATE = 32767  # the wire's limit (shared.protocol.screen.Coordinate)
PAUSED_STYLE = "background: #fff3cd; color: #5c4400; padding: 6px; font-weight: bold;"
# Stop as desktop sharing's viewer shows it (shared.features.desktop.remote_viewer).
STOP_STYLE = (
    "QToolButton { background: #d93025; color: white; border: none; border-radius: 4px;"
    " padding: 4px 12px; margin: 2px 4px; font-weight: bold; }"
    " QToolButton:hover { background: #b3261e; }"
)

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


class _ElidedLabel(QLabel):
    """The bar's sentence, cut with "…" when the window is narrow (whole in its tooltip): the
    bar keeps Stop in view however long the applications' names are."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        plain(self)  # names and titles from the other side: never read as HTML
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        self.setText(
            QFontMetrics(self.font()).elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        )


class _Picture(QWidget):
    """Where the picture is painted, under the bar. Its mouse events are left to the viewer
    (ignored here, Qt hands them on in the viewer's coordinates); it never takes the keyboard."""

    def __init__(self, viewer: AreaViewer) -> None:
        super().__init__(viewer)
        self.setObjectName("areaPicture")
        self._viewer = viewer
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Moves with no button go to the widget under the pointer only if it tracks them.
        self.setMouseTracking(viewer.control)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def picture_rect(self) -> QRectF:
        """Where the picture is painted in this widget (empty before the first frame)."""
        image = self._viewer.image
        if image is None or image.isNull():
            return QRectF()
        scale = min(self.width() / image.width(), self.height() / image.height())
        width, height = image.width() * scale, image.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        image, target = self._viewer.image, self.picture_rect()
        if image is None or target.isEmpty():
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._viewer.waiting)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._viewer.place_paused_label()


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
        self.waiting = waiting
        self.image: QImage | None = None
        self.control = control
        self.setMouseTracking(self.control)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.control else Qt.FocusPolicy.NoFocus)
        self._closing_by_engine = False
        # The name each key held down was sent with, by physical key: it goes up as it went
        # down though Shift went up first ("A" is not released as "a").
        self._keys_down: dict[int, str] = {}

        # The bar: what is shown (each feature words it: ``describe``), and Stop. Its buttons
        # never take the keyboard: what the user types goes on to the shared area.
        self.bar = QWidget(self)
        self.bar.setObjectName("areaViewerBar")
        self.bar.setAutoFillBackground(True)
        self.showing_label = _ElidedLabel()
        self.showing_label.setObjectName("showingLabel")
        self.showing_label.setContentsMargins(8, 0, 8, 0)
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("areaViewerStop")
        self.stop_button.setText(translate("AreaViewer", "Stop sharing"))
        self.stop_button.setToolTip(translate("AreaViewer", "Stop this sharing for both sides"))
        self.stop_button.setAccessibleName(self.stop_button.text())
        self.stop_button.setStyleSheet(STOP_STYLE)
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The user's own way to end it, as closing the window (closeEvent) does.
        self.stop_button.clicked.connect(self.close)
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(2, 2, 2, 2)
        row.addWidget(self.showing_label, 1)
        row.addWidget(self.stop_button)

        self.picture = _Picture(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.picture, 1)
        self.resize(START_WIDTH, START_HEIGHT)

        # Over the picture's top, not in the layout: the picture does not move when it shows.
        self.paused_label = plain(QLabel(self.picture))
        self.paused_label.setObjectName("pausedLabel")
        self.paused_label.setStyleSheet(PAUSED_STYLE)
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.setWordWrap(True)  # whole in a narrow window
        self.paused_label.hide()
        if sharer_id:
            # Features that work over a shared picture (annotation) find it here: the whole
            # shared area, as it is painted in the picture's widget.
            show_picture(self.picture, sharer_id, self.picture.picture_rect)

    def describe(self, text: str) -> None:
        """What the bar says is shown ("Viewing Grace's application: Ledger")."""
        self.showing_label.set_full_text(text)

    def show_frame(self, frame: object) -> None:
        image = frame_to_image(frame)
        if image is not None:
            self.image = image
            self.picture.update()

    @property
    def paused(self) -> bool:
        return bool(self.paused_label.text())

    def set_paused(self, text: str) -> None:
        """Say why input is paused, over the picture, and send none ("": it goes again)."""
        self.paused_label.setText(text)
        self.paused_label.setVisible(bool(text))
        self.place_paused_label()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Wholly on the screen: a window manager may put it partly below the bottom edge.
        # Once shown, when its frame is known.
        QTimer.singleShot(0, self, self._fit_on_screen)

    def _fit_on_screen(self) -> None:
        if self.isVisible() and shown_normally(self):
            fit_on_screen(self)

    def place_paused_label(self) -> None:
        width = self.picture.width()
        self.paused_label.setGeometry(0, 0, width, self.paused_label.heightForWidth(width))
        self.paused_label.raise_()

    def ended(self) -> None:
        """The share ended: the window goes without stopping anything again."""
        self._closing_by_engine = True
        self.close()

    # --- the picture --------------------------------------------------------------------------

    def picture_rect(self) -> QRectF:
        """Where the picture is painted in this widget, under the bar (empty before the first
        frame)."""
        rect = self.picture.picture_rect()
        return rect.translated(QPointF(self.picture.pos())) if not rect.isEmpty() else rect

    def picture_point(self, at: QPointF) -> tuple[int, int] | None:
        """Where ``at`` (in this widget) is in the picture's own pixels, if on it."""
        target = self.picture_rect()
        if self.image is None or target.isEmpty() or not target.contains(at):
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
        physical = physical_key(event)
        if action == KeyAction.UP:
            # A key let go still goes while paused: none stays held.
            name = self._keys_down.pop(physical, None)
        elif self.paused:
            return  # paused: dropped, not kept
        else:
            name = key_name(event.key(), event.text())
            held = self._keys_down.pop(physical, None)
            if held is not None and held != name:
                # An auto-repeat typing another character now (Shift went up): the first up.
                self._send(KeyInput(activity=self.activity, action=KeyAction.UP, key=held))
            if name is not None:
                self._keys_down[physical] = name
        if name is not None:
            self._send(KeyInput(activity=self.activity, action=action, key=name))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Their releases go to another window: no key stays held on the far side.
        for name in self._keys_down.values():
            self._send(KeyInput(activity=self.activity, action=KeyAction.UP, key=name))
        self._keys_down.clear()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._key(event, KeyAction.DOWN)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._key(event, KeyAction.UP)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_by_engine:
            self._stop()  # the user closed it: the share ends
        super().closeEvent(event)
