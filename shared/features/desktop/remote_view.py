"""The widget that paints a remote screen and, in control mode, turns mouse and keyboard events
into the protocol's input messages in the shared screen's own pixels.

Frames arrive already decoded and wrapped (``frames.LatestFrames``); this widget only paints the
newest one in ``paintEvent``. Nothing is decoded or converted here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea

from shared.features.desktop.frames import PaintableFrame
from shared.features.desktop.input_gate import InputGate
from shared.features.desktop.protocol import (
    KeyAction,
    KeyInput,
    PointerAction,
    PointerButton,
    PointerInput,
    TextInput,
)
from shared.qt.input_mapping import key_name, physical_key, pointer_button
from shared.qt.screen_geometry import ScaleMode, image_rect, to_remote, to_view

InputMessage = PointerInput | KeyInput | TextInput
BACKGROUND = QColor(0x20, 0x22, 0x26)
# Wheel deltas beyond this per event are clipped to what the protocol accepts.
MAX_WHEEL_DELTA = 12000


class RemoteScreenView(QAbstractScrollArea):
    """Paints the newest remote frame; sends input through ``send`` while ``control`` is on."""

    leave_full_screen = Signal()

    def __init__(self, activity_id: str, send: Callable[[InputMessage], None]) -> None:
        super().__init__()
        self.setObjectName("remoteScreen")
        self.activity_id = activity_id
        self._send = send
        self._frame: PaintableFrame | None = None
        # The shared screen's own size: input coordinates are in its pixels. The picture may be
        # smaller (Screen sampling sends half size), so it is drawn scaled to this size.
        self._screen = QSize()
        self._mode = ScaleMode.FIT
        self._control = False
        self._pointer: tuple[int, int] | None = None  # last position sent, remote pixels
        # Where the sharer says its pointer is (remote pixels); None while off the screen.
        self._remote_cursor: tuple[int, int] | None = None
        self._keys_down: dict[int, str] = {}  # physical key -> the name sent when it went down
        # Closed while the sharer's own user has taken control back: no typing is sent then.
        self.input_gate = InputGate(self)
        self.input_gate.open_changed.connect(self._gate_changed)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAccessibleName(self.tr("Shared screen"))
        self._apply_scroll_policy()

    # --- what the window sets -----------------------------------------------------------------

    @property
    def mode(self) -> ScaleMode:
        return self._mode

    def set_mode(self, mode: ScaleMode) -> None:
        self._mode = mode
        self._apply_scroll_policy()
        self._update_scroll_range()
        self.viewport().update()

    @property
    def control(self) -> bool:
        return self._control

    def set_control(self, control: bool) -> None:
        self._control = control
        self.viewport().setCursor(
            Qt.CursorShape.BlankCursor if control else Qt.CursorShape.ArrowCursor
        )
        if not control:
            self._release_keys()
        self.viewport().update()

    def show_frame(self, frame: PaintableFrame) -> None:
        """Take the newest frame (on the Qt thread) and schedule one paint."""
        resized = self._frame is None or self._frame.image.size() != frame.image.size()
        self._frame = frame
        if resized:
            self._update_scroll_range()
        self.viewport().update()

    def drop_frame(self) -> None:
        """Closed for good: its last frame (8 MB at 1080p) goes now, not whenever the
        collector gets to the window's Python side."""
        self._frame = None

    def set_remote_cursor(self, position: tuple[int, int] | None) -> None:
        """The sharer's pointer moved (or left the shared screen: None)."""
        if position != self._remote_cursor:
            self._remote_cursor = position
            self.viewport().update()

    def set_screen_size(self, size: QSize) -> None:
        """The shared monitor's size in its own pixels (from the sharer's screen info)."""
        if size != self._screen:
            self._screen = QSize(size)
            self._update_scroll_range()
            self.viewport().update()

    @property
    def remote_size(self) -> QSize:
        """The coordinate space of input: the shared screen, else the picture as it comes."""
        if self._screen.isValid() and not self._screen.isEmpty():
            return self._screen
        return self._frame.image.size() if self._frame is not None else QSize()

    def image_rect(self) -> QRectF:
        scroll = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        return image_rect(self._mode, self.remote_size, self.viewport().size(), scroll)

    def remote_point(self, pos: QPointF) -> tuple[int, int]:
        return to_remote(pos, self.image_rect(), self.remote_size)

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        frame = self._frame
        if frame is None:
            painter.setPen(QColor(0xDD, 0xDD, 0xDD))
            painter.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Waiting for the first picture of the screen…"),
            )
            return
        rect = self.image_rect()
        if rect.size().toSize() != frame.image.size():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(rect, frame.image)
        cursor = self._remote_cursor or (self._pointer if self._control else None)
        if cursor is not None:
            self._paint_cursor(painter, to_view(*cursor, rect, self.remote_size))

    @staticmethod
    def _paint_cursor(painter: QPainter, at: QPointF) -> None:
        """A small arrow where the remote pointer is (the stream carries no cursor)."""
        x, y = at.x(), at.y()
        arrow = QPainterPath(QPointF(x, y))
        for dx, dy in ((0, 16), (4, 12), (7, 19), (10, 18), (7, 11), (12, 11)):
            arrow.lineTo(x + dx, y + dy)
        arrow.closeSubpath()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(0, 0, 0), 1.2))
        painter.setBrush(QColor(255, 255, 255))
        painter.drawPath(arrow)

    # --- scrolling ----------------------------------------------------------------------------

    def _apply_scroll_policy(self) -> None:
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if self._mode == ScaleMode.FIT
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)

    def _update_scroll_range(self) -> None:
        size, view = self.remote_size, self.viewport().size()
        actual = self._mode == ScaleMode.ACTUAL
        for bar, total, page in (
            (self.horizontalScrollBar(), size.width(), view.width()),
            (self.verticalScrollBar(), size.height(), view.height()),
        ):
            bar.setRange(0, max(0, total - page) if actual else 0)
            bar.setPageStep(page)
            bar.setSingleStep(20)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scroll_range()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    # --- mouse --------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._pointer_input(PointerAction.MOVE, event.position(), None):
            super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        button = pointer_button(event.button())
        if button is None or not self._pointer_input(PointerAction.DOWN, event.position(), button):
            super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # Qt reports the second press of a double click here; the far side sees two clicks.
        self.mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        button = pointer_button(event.button())
        if button is None or not self._pointer_input(PointerAction.UP, event.position(), button):
            super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self._control or self._frame is None:
            super().wheelEvent(event)  # scrolls an actual-size view
            return
        x, y = self.remote_point(event.position())
        delta = event.angleDelta()
        # Qt counts a wheel turned left as positive x; the protocol counts right as positive.
        dx = max(-MAX_WHEEL_DELTA, min(MAX_WHEEL_DELTA, -delta.x()))
        dy = max(-MAX_WHEEL_DELTA, min(MAX_WHEEL_DELTA, delta.y()))
        if dx or dy:
            self._emit(
                PointerInput(
                    activity=self.activity_id, action=PointerAction.WHEEL, x=x, y=y, dx=dx, dy=dy
                )
            )
        event.accept()

    def _pointer_input(
        self, action: PointerAction, pos: QPointF, button: PointerButton | None
    ) -> bool:
        if not self._control or self._frame is None:
            return False
        x, y = self.remote_point(pos)
        if action == PointerAction.MOVE and self._pointer == (x, y):
            return True
        self._pointer = (x, y)
        self._emit(PointerInput(activity=self.activity_id, action=action, x=x, y=y, button=button))
        self.viewport().update()
        return True

    # --- keyboard -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # In control mode every key belongs to the remote screen, not to our shortcuts.
        if event.type() == QEvent.Type.ShortcutOverride and self._control:
            event.accept()
            return True
        return super().event(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False if self._control else super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.window().isFullScreen():
            self.leave_full_screen.emit()  # Esc always gets the viewer out of full screen
            return
        if not self._control:
            super().keyPressEvent(event)
            return
        name = key_name(event.key(), event.text())
        if name is None:
            return
        # Each press (auto-repeats too) sends what the key types now, as a local field would
        # take it; the sharer types every press it gets.
        physical = physical_key(event)
        if not self.input_gate.key(physical, True):
            return
        held = self._keys_down.get(physical)
        if held is not None and held != name:
            self._emit(KeyInput(activity=self.activity_id, action=KeyAction.UP, key=held))
        self._keys_down[physical] = name
        self._emit(KeyInput(activity=self.activity_id, action=KeyAction.DOWN, key=name))

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if not self._control:
            super().keyReleaseEvent(event)
            return
        if event.isAutoRepeat():
            return  # the key is still down: its next press follows
        physical = physical_key(event)
        if not self.input_gate.key(physical, False):
            return
        name = self._keys_down.pop(physical, None)
        if name is not None:
            self._emit(KeyInput(activity=self.activity_id, action=KeyAction.UP, key=name))

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        text = event.commitString()
        if self._control and text and self.input_gate.is_open:
            for start in range(0, len(text), 256):
                self._emit(TextInput(activity=self.activity_id, text=text[start : start + 256]))
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._release_keys()  # no key stays stuck down on the far side
        self.input_gate.forget_keys()
        super().focusOutEvent(event)

    def _gate_changed(self, is_open: bool) -> None:
        if not is_open:
            # The sharer let go of every key when it paused; their releases are not sent.
            self._keys_down.clear()

    def _release_keys(self) -> None:
        for name in self._keys_down.values():
            self._emit(KeyInput(activity=self.activity_id, action=KeyAction.UP, key=name))
        self._keys_down.clear()

    def _emit(self, message: InputMessage) -> None:
        self._send(message)
