"""The note over a viewer's screen that the controller's typing goes again after the sharer's
own user had control. It lies over the top of the screen rather than above it, so the screen
does not move under the controller's mouse when it comes and goes."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from shared.qt.overlay_notice import OverlayKeeper
from shared.qt.plain_text import plain

# Long enough to read the sentence twice, then it leaves the screen to the work.
NOTICE_MS: Final = 10_000
MAX_WIDTH: Final = 760
MARGIN: Final = 12
STYLE: Final = (
    "background: rgba(223, 243, 228, 240); color: #0f3d1c; padding: 8px 12px;"
    " border: 1px solid #8cc79d; border-radius: 6px;"
)


class TypingResumedNotice(QLabel):
    """Shown at the top centre of ``over`` (a viewer's screen), following its size."""

    def __init__(self, over: QWidget, text: str) -> None:
        super().__init__(text, over)
        plain(self)
        self.setObjectName("resumedLabel")
        self.setStyleSheet(STYLE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.overlay = OverlayKeeper(self, over, NOTICE_MS, self._place)

    def show_for_a_while(self) -> None:
        self.overlay.show()

    def dismiss(self) -> None:
        self.overlay.dismiss()

    def _place(self) -> None:
        over = self.parentWidget()
        if over is None:
            return
        width = max(200, min(MAX_WIDTH, over.width() - 2 * MARGIN))
        height = self.heightForWidth(width)
        self.setGeometry((over.width() - width) // 2, MARGIN, width, max(height, 1))
