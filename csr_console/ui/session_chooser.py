"""Which of the agent's sessions the single-session faces show and address: a small list, shown
only while the agent has more than one (started in the multisession window, say)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from csr_console.ui.controller import ConsoleController
from csr_console.ui.session_slot import SessionSlot
from shared.session.state import SessionState


def slot_title(slot: SessionSlot) -> str:
    """A session as a short title: its number and its customers, or what it is doing."""
    translate = QCoreApplication.translate
    state = slot.state.session
    if slot.started is None:
        if state == SessionState.CONNECTING:
            return translate("Sessions", "Starting…")
        return translate("Sessions", "New session")
    names = ", ".join(slot.customer_names)
    title = slot.number_text
    helped = slot.state.customer_name
    if len(slot.customer_names) > 1 and helped:
        # Several customers: the one the agent helps (the others are in the Participants list).
        title = translate("Sessions", "{number} — helping {name} ({n} customers)").format(
            number=title, name=helped, n=len(slot.customer_names)
        )
    elif names:
        title = translate("Sessions", "{number} — {names}").format(number=title, names=names)
    if slot.state.is_assistant and state != SessionState.ENDED:
        title = translate("Sessions", "{title} — assisting").format(title=title)
    if state == SessionState.ENDED:
        title = translate("Sessions", "{title} (over)").format(title=title)
    return title


def marked_title(slot: SessionSlot) -> str:
    """``slot_title``, saying how many chat lines in it the agent has not read."""
    title = slot_title(slot)
    if slot.state.unseen:
        title = QCoreApplication.translate("Sessions", "{title} — {n} unread").format(
            title=title, n=slot.state.unseen
        )
    return title


class SessionChooser(QComboBox):
    def __init__(self, controller: ConsoleController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("sessionChooser")
        self.setAccessibleName(self.tr("Session shown"))
        self.setToolTip(self.tr("Which of your sessions this window shows and acts on"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(self._chosen)
        controller.slots_changed.connect(self.refresh)
        controller.current_changed.connect(self.refresh)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self, *_: object) -> None:
        slots = self.controller.slots
        self.blockSignals(True)
        self.clear()
        for index, slot in enumerate(slots):
            self.addItem(marked_title(slot), index)
        if self.controller.current in slots:
            self.setCurrentIndex(slots.index(self.controller.current))
        self.blockSignals(False)
        self.setVisible(len(slots) > 1)

    @Slot(int)
    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self.controller.slots):
            self.controller.set_current(self.controller.slots[row])
