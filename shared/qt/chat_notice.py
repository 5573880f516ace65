"""A brief note over a viewer's screen that someone wrote in the chat: who, and the start of
what they wrote. A viewer (full screen by default) hides every other window of the app, so
without it a message would go unseen. It takes no keyboard focus (typing stays with the remote
screen), goes by itself after a few seconds, and a click on it dismisses it at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from shared.qt.overlay_notice import OverlayKeeper
from shared.qt.plain_text import plain

# Long enough to read a short line, short enough not to linger over the screen being worked on.
NOTICE_MS = 7000
# The start of the message: about two lines of the notice; the chat has the rest.
PREVIEW_CHARS = 120
WIDTH = 380
MARGIN = 16
STYLE = """
#chatNotice { background: rgba(18, 53, 91, 235); border: 1px solid #0a2038; border-radius: 6px; }
#chatNotice QLabel { color: white; }
#chatNoticeSender { font-weight: bold; }
"""


def message_start(text: str, limit: int = PREVIEW_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis if longer."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class ChatNotice(QFrame):
    """Shown over the top-right corner of ``over`` (a viewer's screen), following its size."""

    def __init__(self, over: QWidget) -> None:
        super().__init__(over)
        self.setObjectName("chatNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Click to dismiss; the whole message is in the chat"))
        self.setAccessibleName(self.tr("New chat message"))
        self.sender_label = plain(QLabel())
        self.sender_label.setObjectName("chatNoticeSender")
        self.sender_label.setWordWrap(True)  # a long name, on two lines rather than cut
        self.text_label = plain(QLabel())
        self.text_label.setObjectName("chatNoticeText")
        self.text_label.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 10)
        column.setSpacing(2)
        column.addWidget(self.sender_label)
        column.addWidget(self.text_label)
        self.overlay = OverlayKeeper(self, over, NOTICE_MS, self._place)

    def show_line(self, sender: str, text: str) -> None:
        """Show (or replace with) ``sender``'s line; it goes after ``NOTICE_MS``."""
        self.sender_label.setText(self.tr("{name} wrote in the chat:").format(name=sender))
        self.text_label.setText(message_start(text))
        self.overlay.show()

    def _place(self) -> None:
        over = self.parentWidget()
        if over is None:
            return
        width = max(160, min(WIDTH, over.width() - 2 * MARGIN))
        layout = self.layout()
        height = layout.heightForWidth(width) if layout is not None else -1
        if height <= 0:
            height = self.sizeHint().height()
        self.setGeometry(over.width() - width - MARGIN, MARGIN, width, height)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.overlay.dismiss()
        event.accept()  # the click is for the notice, never for the remote screen under it
