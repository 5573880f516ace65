"""Painting strokes onto a picture of the shared screen, and finding the strokes a point
touches (the eraser). Points are on the protocol's 0..COORD_SCALE grid of the shared screen;
``rect`` is where that screen lies in the painted widget, at whatever scale."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPainterPathStroker, QPen

from shared.features.annotation.protocol import COORD_SCALE, Stroke, Tool

# A highlighter's opacity where the window system blends (0..255): the text under it stays
# readable.
HIGHLIGHTER_ALPHA = 110
# Where it does not (X11 without a compositor, a shaped window): an opaque pale tint instead,
# this much of the colour mixed with white.
HIGHLIGHTER_TINT = 0.45
# Widths per tool, in thousandths of the shared screen's width (the protocol's unit).
WIDTHS: dict[Tool, int] = {Tool.PEN: 3, Tool.HIGHLIGHTER: 14, Tool.ARROW: 3, Tool.TEXT: 14}
# A text's smallest size, in pixels (a small window shared): smaller, the whole-pixel letters
# of an unsmoothed overlay (X11) run together and "x'y" reads as a blot.
MIN_TEXT_PX = 11
# How near the eraser must come to a stroke, in thousandths of the screen's width.
ERASER_REACH = 6
# The arrow's head: its length in line widths (at least this many pixels), its half-angle.
ARROW_HEAD_WIDTHS = 5.0
ARROW_HEAD_MIN_PX = 12.0
ARROW_HEAD_DEG = 28.0


def to_view(point: tuple[int, int], rect: QRectF) -> QPointF:
    x, y = point
    return QPointF(
        rect.x() + x * rect.width() / COORD_SCALE, rect.y() + y * rect.height() / COORD_SCALE
    )


def to_grid(pos: QPointF, rect: QRectF) -> tuple[int, int]:
    """A point of the widget on the shared screen's grid (clamped to the screen)."""
    if rect.width() <= 0 or rect.height() <= 0:
        return (0, 0)
    x = round((pos.x() - rect.x()) * COORD_SCALE / rect.width())
    y = round((pos.y() - rect.y()) * COORD_SCALE / rect.height())
    return (min(COORD_SCALE, max(0, x)), min(COORD_SCALE, max(0, y)))


def line_width(width: int, rect: QRectF) -> float:
    return max(1.0, width * rect.width() / 1000)


def stroke_colour(stroke: Stroke, blended: bool, opaque: bool = False) -> QColor:
    colour = QColor(stroke.colour)
    if stroke.tool != Tool.HIGHLIGHTER or opaque:
        return colour
    if blended:
        colour.setAlpha(HIGHLIGHTER_ALPHA)
        return colour
    white = QColor(255, 255, 255)
    mix = HIGHLIGHTER_TINT
    return QColor(
        round(colour.red() * mix + white.red() * (1 - mix)),
        round(colour.green() * mix + white.green() * (1 - mix)),
        round(colour.blue() * mix + white.blue() * (1 - mix)),
    )


def path_of(stroke: Stroke, rect: QRectF) -> QPainterPath:
    """The stroke's centre line (a text's box) in the widget's coordinates."""
    points = [to_view(p, rect) for p in stroke.points]
    path = QPainterPath(points[0])
    if stroke.tool == Tool.TEXT:
        font = text_font(stroke, rect)
        path.addText(points[0], font, stroke.text)
        return path
    if stroke.tool == Tool.ARROW:
        tip, tail = points[-1], points[0]
        path.lineTo(tip)
        for side in (-1, 1):
            path.moveTo(tip)
            path.lineTo(_head_point(tail, tip, line_width(stroke.width, rect), side))
        return path
    for point in points[1:]:
        path.lineTo(point)
    if len(points) == 1:
        path.lineTo(points[0] + QPointF(0.01, 0))  # a dot
    return path


def _head_point(tail: QPointF, tip: QPointF, width: float, side: int) -> QPointF:
    length = max(ARROW_HEAD_MIN_PX, width * ARROW_HEAD_WIDTHS)
    angle = math.atan2(tip.y() - tail.y(), tip.x() - tail.x()) + math.pi
    angle += side * math.radians(ARROW_HEAD_DEG)
    return QPointF(tip.x() + length * math.cos(angle), tip.y() + length * math.sin(angle))


def text_font(stroke: Stroke, rect: QRectF, smooth: bool = True) -> QFont:
    font = QFont()
    font.setPixelSize(max(MIN_TEXT_PX, round(line_width(stroke.width, rect))))
    font.setBold(True)
    if not smooth:
        # Unsmoothed text must be whole pixels: the painter's hint alone leaves the system's
        # font settings free to antialias, and a thin mark (an apostrophe) between two pixels
        # is then under the shaped overlay's cut and vanishes from the screen.
        font.setStyleStrategy(QFont.StyleStrategy.NoAntialias)
    return font


def paint_strokes(
    painter: QPainter,
    strokes: Iterable[Stroke],
    rect: QRectF,
    blended: bool = True,
    opaque: bool = False,
    smooth: bool = True,
) -> None:
    """Paint ``strokes`` over the picture at ``rect``. ``blended``: the highlighter is
    translucent (else a pale opaque tint); ``opaque``: every stroke at full alpha (a mask);
    ``smooth``: antialiased edges (not where the pixels must match a mask exactly)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, smooth)
    for stroke in strokes:
        colour = stroke_colour(stroke, blended, opaque)
        width = line_width(stroke.width, rect)
        if stroke.tool == Tool.TEXT:
            painter.setPen(QPen(colour))
            painter.setFont(text_font(stroke, rect, smooth))
            painter.drawText(to_view(stroke.points[0], rect), stroke.text)
            continue
        cap = Qt.PenCapStyle.FlatCap if stroke.tool == Tool.HIGHLIGHTER else Qt.PenCapStyle.RoundCap
        pen = QPen(colour, width, Qt.PenStyle.SolidLine, cap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path_of(stroke, rect))
    painter.restore()


def touched(strokes: Sequence[Stroke], at: QPointF, rect: QRectF) -> list[str]:
    """The ids of the strokes the eraser at ``at`` touches (whole strokes)."""
    found: list[str] = []
    reach = line_width(ERASER_REACH, rect)
    for stroke in strokes:
        path = path_of(stroke, rect)
        if stroke.tool == Tool.TEXT:
            if path.boundingRect().adjusted(-reach, -reach, reach, reach).contains(at):
                found.append(stroke.id)
            continue
        stroker = QPainterPathStroker()
        stroker.setWidth(line_width(stroke.width, rect) + 2 * reach)
        outline = stroker.createStroke(path)
        outline.setFillRule(Qt.FillRule.WindingFill)  # a line crossing itself stays inside
        if outline.contains(at):
            found.append(stroke.id)
    return found


def segment(a: QPointF, b: QPointF) -> float:
    return QLineF(a, b).length()
