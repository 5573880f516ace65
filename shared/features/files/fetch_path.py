"""How the agent names a file of the customer's to fetch. Today a path typed in a small dialog;
the two-pane browser of the customer's folders takes this place once the engine lists them
(a ``RemotePicker`` of its own, set on the panel)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

translate = QCoreApplication.translate


class RemotePicker(Protocol):
    def pick(self, parent: QWidget, chosen: Callable[[str], None]) -> None:
        """Let the agent name a file on the customer's computer; ``chosen(path)`` once they
        did (never called if they cancel). Does not block: the dialog is window-modal."""


class TypedPath:
    """The path typed in full, as the customer reads it to the agent."""

    def __init__(self) -> None:
        self.dialog: QInputDialog | None = None  # while open (tests fill it)

    def pick(self, parent: QWidget, chosen: Callable[[str], None]) -> None:
        dialog = QInputDialog(parent)
        dialog.setObjectName("fetchPathDialog")
        dialog.setWindowTitle(translate("Files", "Fetch a file"))
        dialog.setLabelText(translate("Files", "Path of the file on the customer's computer:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setOkButtonText(translate("Files", "Fetch"))
        dialog.setCancelButtonText(translate("Files", "Cancel"))
        dialog.resize(520, dialog.sizeHint().height())

        def accepted(text: str) -> None:
            if text.strip():
                chosen(text.strip())

        dialog.textValueSelected.connect(accepted)
        dialog.finished.connect(self._closed)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _closed(self, _: int) -> None:
        self.dialog = None
