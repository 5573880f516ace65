"""A count drawn on an icon (unread chat lines on the Chat action and on a session's tab), so a
face that shows only icons, like the compact icon bar, shows it too."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

BADGE_COLOUR = QColor("#d93025")
# Sizes Qt asks icons for in toolbars, tab bars and menus; each is drawn, not scaled.
SIZES = (16, 20, 24, 32, 48)
# Beyond this the badge says "9+": it must stay legible on a 16-pixel icon.
MOST_SHOWN = 9


def badge_text(count: int) -> str:
    return str(count) if count <= MOST_SHOWN else f"{MOST_SHOWN}+"


def badged_icon(icon: QIcon | None, count: int) -> QIcon:
    """``icon`` with ``count`` in a red disc on its top-right corner (``icon`` alone if 0; the
    disc alone if there is no icon)."""
    if count <= 0:
        return icon or QIcon()
    badged = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if icon is not None and not icon.isNull():
            icon.paint(painter, 0, 0, size, size)
            disc = QRectF(size * 0.4, 0, size * 0.6, size * 0.6)
        else:
            disc = QRectF(size * 0.1, size * 0.1, size * 0.8, size * 0.8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE_COLOUR)
        painter.drawEllipse(disc)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(max(7, int(disc.height() * 0.7)))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, badge_text(count))
        painter.end()
        badged.addPixmap(pixmap)
    return badged
