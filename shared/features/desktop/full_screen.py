"""Full screen for a viewer window, its menu's check mark kept in step."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


def show_full_screen(window: QWidget, action: QAction, on: bool) -> None:
    """``window`` full screen (or back to normal); ``action``'s check mark follows without
    emitting ``toggled`` again (it is what called this, often)."""
    if on:
        window.showFullScreen()
    else:
        window.showNormal()
    with QSignalBlocker(action):
        action.setChecked(on)
