"""The Desktop tab (the dashboard's, and each multisession tab's Sharing): the sharing actions,
whom they address, and what is going on."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from shared.features.desktop.console_status import DesktopSharing
from shared.qt.fixed_space import keep_lines
from shared.qt.plain_text import plain

# Buttons in one row, at most: the tab must fit the multisession window on a 1024-pixel screen
# beside the customer's chooser. More go in balanced rows (6: two rows of 3).
MAX_BUTTONS_PER_ROW = 5


def button_rows(buttons: list[QToolButton], beside: Collection[str] = ()) -> QVBoxLayout:
    """``buttons`` in as few balanced rows as ``MAX_BUTTONS_PER_ROW`` allows. A button named
    in ``beside`` (by object name) shows only for a while, next to the one before it (Cancel
    request beside Stop sharing): it shares that button's place in the count, and its room is
    kept while it is hidden, so nothing reflows or moves when it comes and goes."""
    cells: list[list[QToolButton]] = []
    for button in buttons:
        if button.objectName() in beside and cells:
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
            cells[-1].append(button)
        else:
            cells.append([button])
    rows = max(1, -(-len(cells) // MAX_BUTTONS_PER_ROW))
    per_row = max(1, -(-len(cells) // rows))
    column = QVBoxLayout()
    for start in range(0, len(cells), per_row):
        line = QHBoxLayout()
        for cell in cells[start : start + per_row]:
            for button in cell:
                line.addWidget(button)
        line.addStretch(1)
        column.addLayout(line)
    return column


class DesktopTab(QWidget):
    def __init__(
        self,
        buttons: list[QToolButton],
        parent: QWidget | None = None,
        beside: Collection[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("desktopTab")
        self.sharing: DesktopSharing | None = None
        self._bound: DesktopSharing | None = None
        self.customer_box = QComboBox()
        self.customer_box.setObjectName("sharingCustomer")
        self.customer_box.setAccessibleName(self.tr("Customer to share with"))
        # The same choice as the Participants list: whom the whole session helps.
        self.customer_box.setToolTip(
            self.tr("The customer you are helping (the same as in the Participants list)")
        )
        self.customer_box.setMinimumContentsLength(16)
        self.customer_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.customer_box.currentIndexChanged.connect(self._chosen)
        caption = QLabel(self.tr("&Customer:"))
        caption.setBuddy(self.customer_box)
        self.status = plain(QLabel())
        self.status.setObjectName("sharingStatus")
        keep_lines(self.status, 2)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        row = QHBoxLayout()
        row.addLayout(button_rows(buttons, beside))
        row.addStretch(1)
        target = QVBoxLayout()
        target.addStretch(1)
        target.addWidget(caption)
        target.addWidget(self.customer_box)
        target.addStretch(1)
        row.addLayout(target)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 6, 9, 6)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def bind(self, part: Any) -> None:
        """Show and address ``part``'s session (the current one)."""
        sharing = getattr(part, "status", None)
        if not isinstance(sharing, DesktopSharing) or sharing is self._bound:
            return
        if self._bound is not None:
            self._bound.customers_changed.disconnect(self._customers)
            self._bound.status_changed.disconnect(self.status.setText)
        self.sharing = self._bound = sharing
        sharing.customers_changed.connect(self._customers)
        sharing.status_changed.connect(self.status.setText)
        self.status.setText(sharing.status)
        self._customers(sharing.customers)

    @Slot(list)
    def _customers(self, customers: list[tuple[str, str]]) -> None:
        box = self.customer_box
        box.blockSignals(True)
        box.clear()
        for customer_id, name in customers:
            box.addItem(name, customer_id)
        found = box.findData(self.sharing.customer_id if self.sharing else None)
        box.setCurrentIndex(found if found >= 0 else (0 if customers else -1))
        box.blockSignals(False)
        box.setEnabled(bool(customers))
        if not customers:
            box.setPlaceholderText(self.tr("No customer connected"))

    @Slot(int)
    def _chosen(self, row: int) -> None:
        data = self.customer_box.itemData(row) if row >= 0 else None
        if self.sharing is not None:
            self.sharing.choose_customer(data if isinstance(data, str) else None)
