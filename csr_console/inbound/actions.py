"""The inbound actions, registered once for every face: Accept next, Queues… and Transfer the
session…; and what each does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from csr_console.inbound.console import InboundConsole
from csr_console.inbound.panel import CustomerNote, QueuesPanel, QueuesWindow
from csr_console.inbound.transfer_dialog import SessionTransferDialog
from shared.qt.feature_views import ActionSpec, ConsoleState, Group

if TYPE_CHECKING:
    from csr_console.ui.console_actions import ConsoleActions

translate = QCoreApplication.translate

ACCEPT_NEXT = "accept_next"
SHOW_QUEUES = "show_queues"
TRANSFER_SESSION = "transfer_session"
# Their places among the Session group's actions: right after Start session (10), and
# Transfer the session where the manual lists it, after Transfer control (40).
ACCEPT_ORDER = 11
QUEUES_ORDER = 12
TRANSFER_ORDER = 50


class InboundActions(QObject):
    """The inbound console and its actions; the faces find both at ``ConsoleActions.inbound``."""

    def __init__(self, actions: ConsoleActions) -> None:
        super().__init__(actions)
        self.actions = actions
        self.console = InboundConsole(actions.controller, self)
        self.window: QueuesWindow | None = None
        self.transfer_dialog: SessionTransferDialog | None = None
        self._register()
        self.console.changed.connect(self._changed)
        self.console.told.connect(actions.message)
        actions.controller.signed_out.connect(self.close)

    @property
    def accept_action(self) -> QAction:
        return self.actions.registry.action(ACCEPT_NEXT)

    def panel(self, parent: QWidget | None = None) -> QueuesPanel:
        """A Queues panel for a face to lay out."""
        return QueuesPanel(self.console, self.accept_action, parent)

    def customer_note(self, parent: QWidget | None = None) -> CustomerNote:
        """What an accepted customer told before the session, for a face's customer panel."""
        return CustomerNote(self.console, parent)

    def _register(self) -> None:
        icon = QApplication.style().standardIcon
        pixmap = QStyle.StandardPixmap
        inbound = self.console

        def can_accept(state: ConsoleState) -> bool:
            room = not state.busy or not state.at_cap
            return state.signed_in and inbound.is_queue_agent and room and not inbound.accepting

        def accept_why_not(state: ConsoleState) -> str:
            if not state.signed_in:
                return ""
            if not inbound.is_queue_agent:
                return translate("Inbound", "you are in no queue.")
            if state.busy and state.at_cap:
                return translate(
                    "Inbound", "you have {n} sessions open, the most your support center allows."
                ).format(n=state.max_sessions)
            return ""

        self.actions.register(
            ActionSpec(
                ACCEPT_NEXT,
                translate("Inbound", "Accept next"),
                translate("Inbound", "Help the customer who has waited longest in your queues"),
                Group.SESSION,
                can_accept,
                icon(pixmap.SP_MediaSeekForward),
                "Ctrl+Shift+A",
                why_not=accept_why_not,
                badge=lambda _state: inbound.waiting,
                on_bar=True,
                on_toolbar=True,
                order=ACCEPT_ORDER,
            ),
            lambda: inbound.accept_next(),
        )
        self.actions.register(
            ActionSpec(
                SHOW_QUEUES,
                translate("Inbound", "Queues…"),
                translate(
                    "Inbound",
                    "See your queues: how many wait and for how long, and who was transferred "
                    "to you",
                ),
                Group.SESSION,
                lambda state: state.signed_in,
                icon(pixmap.SP_FileDialogContentsView),
                "Ctrl+Shift+Q",
                # On the icon bar in its Session menu only: the bar fits a small screen.
                on_toolbar=True,
                order=QUEUES_ORDER,
            ),
            self.show_queues,
        )

        # The manual: only an agent of the queues (a WebACD agent) transfers sessions.
        def can_transfer(state: ConsoleState) -> bool:
            return state.in_session and state.is_primary and inbound.is_queue_agent

        def transfer_why_not(state: ConsoleState) -> str:
            if state.in_session and state.is_primary and not inbound.is_queue_agent:
                return translate("Inbound", "you are in no queue.")
            return ""

        self.actions.register(
            ActionSpec(
                TRANSFER_SESSION,
                translate("Inbound", "Transfer session…"),
                translate(
                    "Inbound",
                    "Hand the session to a queue or to other agents, with a message, and leave it",
                ),
                Group.SESSION,
                can_transfer,
                icon(pixmap.SP_ArrowForward),
                why_not=transfer_why_not,
                order=TRANSFER_ORDER,
                primary_only=True,
            ),
            self.transfer,
        )

    def _changed(self) -> None:
        # The rules above read the inbound console as well as the console's state.
        self.actions.registry.update(self.actions.controller.state)

    def show_queues(self) -> None:
        """The Queues panel: the dashboard's own, else a small window beside the face."""
        face = self.actions.face
        panel = getattr(face, "queues_panel", None)
        if isinstance(panel, QueuesPanel) and face is not None and face.isVisible():
            face.raise_()
            face.activateWindow()
            panel.take_focus()
            return
        window = self.window
        if window is None or window.parentWidget() is not face:
            # Owned by the face it opened from: it goes with it (a switch, quitting).
            if window is not None:
                window.close()
                window.deleteLater()
            window = self.window = QueuesWindow(self.console, self.accept_action, face)
            if face is not None:
                window.move(face.frameGeometry().bottomLeft())
        window.show()
        window.raise_()
        window.activateWindow()
        window.panel.take_focus()

    def transfer(self) -> None:
        """Transfer the current session… (the dialog already open, if any)."""
        dialog = self.transfer_dialog
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            return
        dialog = SessionTransferDialog(
            self.console, self.actions.controller.current, self.actions.window()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "transfer_dialog", None))
        self.transfer_dialog = dialog
        dialog.open()

    def close(self) -> None:
        """The agent signed out: the queues window goes (the panels show nothing now)."""
        if self.window is not None:
            self.window.close()
