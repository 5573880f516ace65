"""Who is in a session, with their role, system and computer, and whether they are connected;
the place where the agent picks which customer they help (every feature's actions address
that customer). Agents and customers who left cannot be picked."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QFont, QIcon, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTreeWidget, QTreeWidgetItem, QWidget

from shared.qt.texts import participant_gone_text, role_text
from shared.session.participants import Participant

_ID = Qt.ItemDataRole.UserRole
_SYSTEM = 2
_MACHINE = 3
_STATUS = 4


class ParticipantList(QTreeWidget):
    # The agent picked this customer (by id) to help: the session's choice follows.
    customer_picked = Signal(str)

    def __init__(self, object_name: str, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setToolTip(self.tr("Click a customer to help them: the session's actions go to them"))
        self.setHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Role"),
                self.tr("System"),
                self.tr("Computer"),
                self.tr("Status"),
            ]
        )
        self.chosen: str | None = None
        # Beside the name of the customer helped (with bold and the selection).
        self._marker = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowRight)
        self._people: tuple[Participant, ...] = ()
        self.itemSelectionChanged.connect(self._picked)

    def show_participants(self, participants: tuple[Participant, ...]) -> None:
        self._people = participants
        with QSignalBlocker(self):
            self.clear()
            for person in participants:
                self.addTopLevelItem(self._item(person))
        self.show_chosen(self.chosen)

    def show_chosen(self, customer_id: str | None) -> None:
        """Mark ``customer_id`` as the one the agent helps (selected, bold, said so)."""
        self.chosen = customer_id
        with QSignalBlocker(self):
            self.clearSelection()
            for index in range(self.topLevelItemCount()):
                item = self.topLevelItem(index)
                if item is None:
                    continue
                person = self._person(item.data(0, _ID))
                mine = person is not None and person.id == customer_id
                font = QFont(item.font(0))
                font.setBold(mine)
                item.setFont(0, font)
                item.setIcon(0, self._marker if mine else QIcon())
                item.setToolTip(
                    0,
                    self.tr("You are helping {name}: the session's actions go to them").format(
                        name=person.name
                    )
                    if mine and person is not None
                    else "",
                )
                if person is not None:
                    item.setText(_STATUS, self._status(person, mine))
                if mine:
                    item.setSelected(True)
                    self.setCurrentItem(item)
        self._fit()  # the marker and bold widen the name

    def _fit(self) -> None:
        """Columns as wide as what they hold; when together wider than the list, the system
        (the longest, whole in its tooltip) gives up the difference down to its header's
        width, so that the computer and the status stay in view."""
        header = self.header()
        for column in range(self.columnCount()):
            self.resizeColumnToContents(column)
        used = sum(header.sectionSize(column) for column in range(self.columnCount()))
        over = used - self.viewport().width()
        if over > 0:
            system = header.sectionSize(_SYSTEM)
            header.resizeSection(_SYSTEM, max(header.sectionSizeHint(_SYSTEM), system - over))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _item(self, person: Participant) -> QTreeWidgetItem:
        info = person.info
        item = QTreeWidgetItem([person.name, role_text(info.role.value), info.os, info.machine, ""])
        item.setData(0, _ID, person.id)
        item.setToolTip(_SYSTEM, info.os)  # whole, where the column is narrower than it
        item.setToolTip(_MACHINE, info.machine)
        if person.is_agent or person.gone_reason is not None:
            # Only a customer still here can be helped.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _status(self, person: Participant, mine: bool) -> str:
        if person.gone_reason is not None:
            return participant_gone_text(person.gone_reason)
        if not person.linked:
            return self.tr("connecting…")
        return self.tr("helping now") if mine else self.tr("connected")

    def _person(self, participant_id: object) -> Participant | None:
        return next((p for p in self._people if p.id == participant_id), None)

    @Slot()
    def _picked(self) -> None:
        items = self.selectedItems()
        picked = items[0].data(0, _ID) if items else None
        if isinstance(picked, str) and picked != self.chosen:
            self.customer_picked.emit(picked)
        else:
            self.show_chosen(self.chosen)  # nothing else can be selected
