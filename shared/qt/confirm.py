"""A non-blocking question with a confirming button, as both apps ask before ending things."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_confirm(
    parent: QWidget, name: str, title: str, text: str, confirm: str, on_confirm: Callable[[], None]
) -> QMessageBox:
    """Open the question (window-modal, not blocking); ``on_confirm`` runs on the confirm
    button. Cancel is the default, so Enter does not end anything by accident."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName(name)
    box.button(QMessageBox.StandardButton.Ok).setText(confirm)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.accepted.connect(on_confirm)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
