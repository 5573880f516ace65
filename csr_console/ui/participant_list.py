"""Who is in a session, with their role, system and computer, and whether they are connected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from shared.qt.texts import participant_gone_text, role_text
from shared.session.participants import Participant


class ParticipantList(QTreeWidget):
    def __init__(self, object_name: str, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setRootIsDecorated(False)
        self.setHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Role"),
                self.tr("System"),
                self.tr("Computer"),
                self.tr("Status"),
            ]
        )

    def show_participants(self, participants: tuple[Participant, ...]) -> None:
        self.clear()
        for person in participants:
            if person.gone_reason is not None:
                status = participant_gone_text(person.gone_reason)
            elif person.linked:
                status = self.tr("connected")
            else:
                status = self.tr("connecting…")
            info = person.info
            item = QTreeWidgetItem(
                [person.name, role_text(info.role.value), info.os, info.machine, status]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, person.id)
            self.addTopLevelItem(item)
        for column in range(self.columnCount()):
            self.resizeColumnToContents(column)
