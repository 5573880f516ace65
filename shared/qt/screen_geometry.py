"""Where a remote screen is drawn in the viewer, and how viewer positions map back to the shared
screen's own pixels (the coordinates input events carry)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize


class ScaleMode(StrEnum):
    FIT = "fit"  # the whole screen, scaled to the window, aspect ratio kept
    ACTUAL = "actual"  # one remote pixel per screen pixel, with scroll bars


def image_rect(mode: ScaleMode, image: QSize, viewport: QSize, scroll: QPoint) -> QRectF:
    """The rectangle, in viewport coordinates, the remote image is painted into."""
    iw, ih = image.width(), image.height()
    vw, vh = viewport.width(), viewport.height()
    if iw <= 0 or ih <= 0:
        return QRectF()
    if mode == ScaleMode.FIT:
        scale = min(vw / iw, vh / ih) if vw > 0 and vh > 0 else 1.0
        w, h = iw * scale, ih * scale
        return QRectF((vw - w) / 2, (vh - h) / 2, w, h)
    # Actual size: centred while smaller than the window, scrolled once larger.
    x = (vw - iw) / 2 if iw < vw else -scroll.x()
    y = (vh - ih) / 2 if ih < vh else -scroll.y()
    return QRectF(x, y, iw, ih)


def to_remote(pos: QPointF, rect: QRectF, image: QSize) -> tuple[int, int]:
    """A viewport position as a pixel of the remote screen, clamped onto the screen."""
    if rect.width() <= 0 or rect.height() <= 0:
        return 0, 0
    x = int((pos.x() - rect.x()) * image.width() / rect.width())
    y = int((pos.y() - rect.y()) * image.height() / rect.height())
    return _clamp(x, image.width() - 1), _clamp(y, image.height() - 1)


def to_view(x: int, y: int, rect: QRectF, image: QSize) -> QPointF:
    """The viewport position of a remote pixel's top-left corner (for the cursor marker)."""
    if image.width() <= 0 or image.height() <= 0:
        return QPointF()
    return QPointF(
        rect.x() + x * rect.width() / image.width(),
        rect.y() + y * rect.height() / image.height(),
    )


def _clamp(value: int, top: int) -> int:
    return max(0, min(value, max(top, 0)))
