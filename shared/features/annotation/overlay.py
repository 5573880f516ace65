"""The strokes over the sharer's own screen: a frameless window above everything.

While nobody on this side draws, it is click-through (the window system sends input to what
is under it) and shaped to the strokes (``setMask``): on X11 without a compositor, where no
window is see-through, only the strokes' pixels cover the screen and the rest stays visible
and clickable. The highlighter is translucent where the window system blends windows, a pale
opaque tint where it may not (X11).

While the sharer draws on their own screen, it takes the mouse over the whole screen, showing
a still picture of the screen taken as drawing began under the strokes (nothing on the screen
can be clicked meanwhile; drawing ends with the panel's Stop or Esc).

The shared screen's capture sees this window like any other: viewers see the strokes in the
picture they receive, on the same pixels. Where only a window or an application is shared, what
covers it is hatched; this window is not counted as covering it (``shared.windows.see_through``),
so its strokes show there too, and clicks let through still reach the shared window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBitmap,
    QCloseEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QRegion,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from shared.features.annotation.drawing import paint_strokes
from shared.features.annotation.protocol import Stroke
from shared.features.annotation.sketch import Sketch
from shared.windows import see_through

_ON_TOP = (
    Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.Tool
    | Qt.WindowType.X11BypassWindowManagerHint
    | Qt.WindowType.NoDropShadowWindowHint
)
_CLICK_THROUGH = Qt.WindowType.WindowTransparentForInput | Qt.WindowType.WindowDoesNotAcceptFocus


def window_system_blends() -> bool:
    """Whether see-through windows can be relied on: not on X11 (no compositor under Xvfb,
    nor on many desktops), where the overlay is shaped instead."""
    return QGuiApplication.platformName() not in ("xcb", "offscreen", "minimal")


def grab_screen(screen: QScreen, area: QRect) -> QPixmap:
    """What is on ``screen`` at ``area`` (global coordinates), windows included."""
    return screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())


class ScreenOverlay(QWidget):
    # Esc while drawing: the person wants their screen back.
    leave = Signal()

    def __init__(self, sketch: Sketch) -> None:
        super().__init__(None, _ON_TOP | _CLICK_THROUGH)
        self.setObjectName("annotationOverlay")
        self.setWindowTitle(self.tr("Annotations"))
        self.sketch = sketch
        self._blends = window_system_blends()
        self._strokes: tuple[Stroke, ...] = ()
        self._drawing = False
        self._still: QPixmap | None = None
        self._handle = 0  # our window's, as the capture's window checks know it
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        if self._blends:
            self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        self.setCursor(Qt.CursorShape.CrossCursor)

    @property
    def drawing(self) -> bool:
        return self._drawing

    @property
    def strokes(self) -> tuple[Stroke, ...]:
        return self._strokes

    def place_on(self, screen: QScreen, area: QRect | None = None) -> None:
        """Over ``area`` of the desktop (the shared monitor's pixels), else all of ``screen``."""
        if area is None or area.isEmpty():
            area = screen.geometry()
        found = QGuiApplication.screenAt(area.center())
        self.setScreen(found or screen)
        if self.geometry() != area:
            self.setGeometry(area)
            self._reshape()

    def picture_rect(self) -> QRectF:
        return QRectF(self.rect())

    def set_strokes(self, strokes: Sequence[Stroke]) -> None:
        self._strokes = tuple(strokes)
        self._reshape()

    def set_drawing(self, on: bool) -> None:
        """Take the mouse over the whole screen (True), or let it through again."""
        if on == self._drawing:
            return
        self._drawing = on
        screen = self.screen() or QGuiApplication.primaryScreen()
        if on:
            self.hide()  # the still must not hold the strokes twice
            self._still = grab_screen(screen, self.geometry()) if screen else None
            self.setWindowFlags(_ON_TOP)
        else:
            self._still = None
            self.setWindowFlags(_ON_TOP | _CLICK_THROUGH)
        self._reshape()
        if on:
            self.activateWindow()
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        # Changing the window's flags (drawing or not) makes a new native window: known anew.
        self._know_handle()
        super().showEvent(event)

    def _know_handle(self) -> None:
        """Register our window as the window lists know it. Asked again once shown: a macOS
        window gets its number only once on screen (X11's and Windows' have theirs already)."""
        handle = see_through.own_handle(int(self.winId()))
        if handle != self._handle:
            see_through.remove(self._handle)
            self._handle = handle
            if handle:
                see_through.add(handle)

    def closeEvent(self, event: QCloseEvent) -> None:
        see_through.remove(self._handle)
        self._handle = 0
        super().closeEvent(event)

    def _reshape(self) -> None:
        if self._drawing:
            self.clearMask()
            self.show()
            self._know_handle()
            self.raise_()
            self.update()
            return
        if not self._strokes:
            self.hide()
            return
        if not self._blends:
            self.setMask(self._strokes_region())
        self.show()
        self._know_handle()
        self.raise_()
        self.update()

    def _strokes_region(self) -> QRegion:
        """The pixels the strokes cover, exactly as painted (no smoothing on X11)."""
        image = QImage(self.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        paint_strokes(painter, self._strokes, self.picture_rect(), opaque=True, smooth=False)
        painter.end()
        return QRegion(QBitmap.fromImage(image.createAlphaMask()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._drawing and self._still is not None:
            painter.drawPixmap(self.rect(), self._still)
        if self._blends:
            paint_strokes(painter, self._strokes, self.picture_rect())
        else:
            # Opaque and unsmoothed: exactly the pixels of the mask.
            paint_strokes(painter, self._strokes, self.picture_rect(), blended=False, smooth=False)
        preview = self.sketch.preview() if self._drawing else None
        if preview is not None:
            paint_strokes(painter, [preview], self.picture_rect(), blended=self._blends)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._drawing and event.button() == Qt.MouseButton.LeftButton:
            self.sketch.press(event.position(), self.picture_rect())
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing and self.sketch.move(event.position(), self.picture_rect()):
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drawing and event.button() == Qt.MouseButton.LeftButton:
            self.sketch.release(event.position(), self.picture_rect())
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
            return
        super().keyPressEvent(event)
