"""Where top-level windows open, in both apps: on a screen that is there, fully inside its
available area (off panels and taskbars), where the person left the window last time.

One helper for every window: ``WindowPlace(window, settings, key)`` puts the window where it
was (or, the first time, beside the window the person is using) and keeps its place in the
app's settings as it moves. A place saved on a monitor since unplugged, or larger than the
screen now is, comes back fitted onto a screen that is there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Room kept for a window manager's title bar and borders while a window's real frame is not
# known yet (before it is first shown); about what common desktops draw.
FRAME_GUESS = QMargins(4, 32, 4, 4)
# Gap between a new window and the one it opens beside.
GAP = 8
# A new window opens beside the one in use if it keeps at least this share of its size there;
# smaller than that, it is better centred over it.
ROOMY = 0.75
# A new window centred on the screen covers at most this share of it each way.
CENTRED_SHARE = 0.85


def fit_rect(rect: QRect, area: QRect, frame: QMargins | None = None) -> QRect:
    """``rect`` (a window's inside) moved, and shrunk if it must be, so that it and its frame
    lie within ``area``."""
    inner = area.marginsRemoved(frame or QMargins())
    width = max(1, min(rect.width(), inner.width()))
    height = max(1, min(rect.height(), inner.height()))
    x = max(inner.left(), min(rect.left(), inner.left() + inner.width() - width))
    y = max(inner.top(), min(rect.top(), inner.top() + inner.height() - height))
    return QRect(x, y, width, height)


def screen_of(rect: QRect) -> QScreen:
    """The screen showing most of ``rect``; the primary screen if none shows any of it."""
    best, shown = QGuiApplication.primaryScreen(), 0
    for screen in QGuiApplication.screens():
        part = screen.geometry().intersected(rect)
        if part.width() * part.height() > shown:
            best, shown = screen, part.width() * part.height()
    return best


def frame_margins(window: QWidget) -> QMargins:
    """The window's frame, once the window manager has drawn one; a guess before."""
    if window.windowFlags() & Qt.WindowType.FramelessWindowHint:
        return QMargins()
    frame, inside = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame != inside:
        return QMargins(
            inside.left() - frame.left(),
            inside.top() - frame.top(),
            frame.right() - inside.right(),
            frame.bottom() - inside.bottom(),
        )
    return QMargins() if window.isVisible() else FRAME_GUESS


def beside(size: QSize, area: QRect, other: QRect | None, frame: QMargins) -> QRect:
    """Where a new window of ``size`` goes: in the largest space of ``area`` left free beside
    ``other`` (the window the person is using), shrunk to it if need be but not below
    ``ROOMY`` of its size; else centred in ``area``. Never outside ``area``."""
    if other is not None:
        right, bottom = area.right() - other.right() - GAP, area.bottom() - other.bottom() - GAP
        free = (
            QRect(other.right() + 1 + GAP, area.top(), right, area.height()),
            QRect(area.left(), area.top(), other.left() - GAP - area.left(), area.height()),
            QRect(area.left(), other.bottom() + 1 + GAP, area.width(), bottom),
            QRect(area.left(), area.top(), area.width(), other.top() - GAP - area.top()),
        )
        best: QRect | None = None
        for space in free:
            if space.width() <= 0 or space.height() <= 0:
                continue
            start = QRect(space.left() + frame.left(), other.top() + frame.top(), 0, 0)
            spot = fit_rect(QRect(start.topLeft(), size), space, frame)
            roomy = spot.width() >= size.width() * ROOMY and spot.height() >= size.height() * ROOMY
            if roomy and (best is None or _area(spot) > _area(best)):
                best = spot
        if best is not None:
            return best
    # Centred, and not so large it hides every window under it (the one in use above all).
    most = QSize(int(area.width() * CENTRED_SHARE), int(area.height() * CENTRED_SHARE))
    centred = QRect(QPoint(0, 0), size.boundedTo(most))
    centred.moveCenter(area.center())
    return fit_rect(centred, area, frame)


def _area(rect: QRect) -> int:
    return rect.width() * rect.height()


def shown_normally(window: QWidget) -> bool:
    """Neither full screen, maximised nor minimised (being the active window is normal)."""
    return not window.windowState() & (
        Qt.WindowState.WindowFullScreen
        | Qt.WindowState.WindowMaximized
        | Qt.WindowState.WindowMinimized
    )


def fit_on_screen(window: QWidget) -> None:
    """Bring ``window`` (shown normally) wholly inside the available area of its screen."""
    inside = window.geometry()
    frame = frame_margins(window)
    area = screen_of(inside.marginsAdded(frame)).availableGeometry()
    fitted = fit_rect(inside, area, frame)
    if fitted != inside:
        window.setGeometry(fitted)


class WindowPlace(QObject):
    """Keeps ``window``'s place under ``key`` in ``settings``; puts it back (fitted onto a
    screen that is there) with ``restore``, before the window is shown."""

    def __init__(
        self, window: QWidget, settings: QSettings | None, key: str, keep_size: bool = True
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.key = f"windows/{key}"
        # False for windows sized by their content (the icon bar): only the position is kept.
        self.keep_size = keep_size
        self._restored = False
        window.installEventFilter(self)

    @property
    def saved(self) -> QRect | None:
        value = self.settings.value(self.key) if self.settings is not None else None
        return value if isinstance(value, QRect) and value.isValid() else None

    def restore(self, near: QWidget | None = None) -> None:
        """Where the window was last time, else beside ``near`` (else centred on the primary
        screen); always wholly on one screen's available area."""
        window = self.window
        frame = frame_margins(window)
        resized = window.testAttribute(Qt.WidgetAttribute.WA_Resized)
        size = window.size() if resized else window.sizeHint()
        saved = self.saved
        if saved is not None:
            rect = saved if self.keep_size else QRect(saved.topLeft(), size)
            area = screen_of(rect.marginsAdded(frame)).availableGeometry()
            rect = fit_rect(rect, area, frame)
        else:
            other = near.frameGeometry() if near is not None and near.isVisible() else None
            screen = screen_of(other) if other is not None else QGuiApplication.primaryScreen()
            area = screen.availableGeometry()
            fitted = fit_rect(QRect(area.topLeft(), size), area, frame).size()
            rect = beside(fitted, area, other, frame)
        window.setGeometry(rect)
        self._restored = True

    def remember(self) -> None:
        if self.settings is not None and shown_normally(self.window):
            # Full screen, maximised or minimised, the normal place is what comes back.
            self.settings.setValue(self.key, self.window.geometry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and self.window.isVisible():
            if kind in (QEvent.Type.Move, QEvent.Type.Resize):
                self.remember()
            elif kind == QEvent.Type.Show and self._restored:
                # The window manager's real frame is known once shown: make sure it fits too.
                QTimer.singleShot(0, self, self._refit)
        return False

    def _refit(self) -> None:
        if self.window.isVisible() and shown_normally(self.window):
            fit_on_screen(self.window)
