"""Text from other people (names, systems, chat, reasons) shown exactly as they wrote it.

Qt guesses whether a label's or a tooltip's text is HTML, so a customer named
``<h1><font color=red>IT ADMIN</font></h1>`` would show as a large red "IT ADMIN", dressed up as
someone else. Tab and button texts turn ``&`` into a keyboard shortcut. These helpers take the
guess away; every view that shows such text uses them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain(label: QLabel) -> QLabel:
    """``label``, set to show its text as it is, never as HTML."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` as it is (Qt shows a tooltip that looks like HTML as HTML,
    and there is no plain-text switch for tooltips)."""
    if not text:
        return ""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def no_mnemonic(text: str) -> str:
    """``text`` for a tab or button, its ``&`` shown rather than taken as a shortcut key."""
    return text.replace("&", "&&")
