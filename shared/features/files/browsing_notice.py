"""The line in the customer's window while an agent may list this computer's folders (the
advanced window's right pane): who, with Stop. Allowing a listing once lets that agent browse
until the customer stops it or the link goes; without this line nothing would say so, and the
desktop's line ("your screen is not shared") would read as if nothing were open at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from shared.qt.plain_text import plain

if TYPE_CHECKING:
    from shared.features.files.customer import CustomerFilesPart

translate = QCoreApplication.translate


def browsing_text(names: list[str]) -> str:
    if len(names) == 1:
        return translate("Files", "{agent} can see the folders and files on this computer.").format(
            agent=names[0]
        )
    return translate("Files", "{agents} can see the folders and files on this computer.").format(
        agents=", ".join(names)
    )


class BrowsingNotice(QWidget):
    """Shown while at least one agent may browse; Stop makes each ask again."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("files_browsing_notice")
        self.part: CustomerFilesPart | None = None
        self.label = plain(QLabel())
        self.label.setObjectName("files_browsing_text")
        self.label.setWordWrap(True)
        self.stop_button = QPushButton(translate("Files", "Stop"))
        self.stop_button.setObjectName("files_browsing_stop")
        self.stop_button.setToolTip(
            translate("Files", "Your agent will have to ask you again to see your folders")
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.stop_button)
        self.hide()

    def bind(self, part: object) -> None:
        from shared.features.files.customer import CustomerFilesPart

        if isinstance(part, CustomerFilesPart) and part is not self.part:
            self.part = part
            part.browsing_changed.connect(self._update)
            self.stop_button.clicked.connect(part.stop_browsing)
            self._update()

    @Slot()
    def _update(self) -> None:
        part = self.part
        names = part.browsing_names() if part is not None else []
        if not names:
            self.hide()
            return
        self.label.setText(browsing_text(names))
        self.show()


def browsing_notice(_buttons: list[QToolButton]) -> QWidget:
    return BrowsingNotice()
