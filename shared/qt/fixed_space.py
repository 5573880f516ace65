"""Labels that keep the room they take: a message appearing, changing or wrapping onto another
line does not move the widgets around it (where the person looks and points stays put)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def keep_lines(label: QLabel, lines: int = 2) -> QLabel:
    """``label``, word-wrapped in room for exactly ``lines`` lines of its font, empty or full
    (a longer text is cut at the bottom: keep messages shorter than that)."""
    label.ensurePolished()  # the style sheet's font first
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    margins = label.contentsMargins()
    room = label.fontMetrics().lineSpacing() * lines + 2 * label.margin()
    label.setFixedHeight(room + margins.top() + margins.bottom())
    return label
