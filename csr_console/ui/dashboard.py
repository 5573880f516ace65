"""The agent's dashboard: the manual's tabs of actions above the session and the chat."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.services.agent_session import AgentAccount, StartedSession
from csr_console.ui.actions import ActionRegistry, ConsoleState, Group
from csr_console.ui.controller import ConsoleController
from csr_console.ui.core_actions import register_core_actions
from csr_console.ui.desktop_sharing import DesktopSharing
from csr_console.ui.desktop_tab import DesktopTab
from csr_console.ui.session_panel import SessionPanel
from csr_console.ui.sharing_actions import register_sharing_actions
from shared.protocol.messages import EVERYONE
from shared.qt.chat_panel import ChatPanel
from shared.qt.confirm import ask_to_confirm
from shared.qt.sharing_windows import SharingWindows, Side
from shared.qt.texts import participant_gone_text, session_closed_text
from shared.session.events import ChatReceived, SessionClosed
from shared.session.join_link import format_session_number
from shared.session.participants import Participant
from shared.session.state import SessionState


def action_button(action: QAction, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    button.setAutoRaise(True)
    button.setMinimumWidth(96)
    button.setObjectName(f"button_{action.objectName().removeprefix('action_')}")
    button.setAccessibleName(action.text())
    button.setAccessibleDescription(action.statusTip())
    return button


class Dashboard(QMainWindow):
    def __init__(self, controller: ConsoleController) -> None:
        super().__init__()
        self.controller = controller
        self.setObjectName("dashboard")
        self.setWindowTitle(self.tr("Tandem Console"))
        self.resize(980, 640)
        self._names: dict[str, str] = {}
        # Participant id -> gone reason ("" while present): to announce arrivals and departures.
        self._seen: dict[str, str] = {}
        self._confirm: QMessageBox | None = None

        self.registry = ActionRegistry(self)
        register_core_actions(
            self.registry,
            start=self.start_session,
            end=self.confirm_end,
            copy_number=self.copy_number,
            copy_link=self.copy_link,
            focus_chat=self.focus_chat,
        )
        self.desktop_sharing = DesktopSharing(controller, self)
        register_sharing_actions(
            self.registry, request=self.desktop_sharing.request, stop=self.desktop_sharing.stop
        )
        # Viewer windows, the indicator while the agent's own desktop is shown, the clipboard.
        self.sharing_windows = SharingWindows(controller, Side.AGENT)
        for key in self.registry.all_keys():
            self.addAction(self.registry.action(key))  # shortcuts work anywhere in the window

        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        for group, title in (
            (Group.TOOLS, self.tr("Tools")),
            (Group.DESKTOP, self.tr("Desktop")),
            (Group.APPLICATION, self.tr("Application")),
            (Group.SESSION, self.tr("Session")),
        ):
            self.tabs.addTab(self._tab(group), title)
        self.tabs.setCurrentIndex(3)
        self.tabs.setMaximumHeight(self.tabs.sizeHint().height())

        self.session_panel = SessionPanel()
        self.session_panel.copy_number.setDefaultAction(self.registry.action("copy_number"))
        self.session_panel.copy_link.setDefaultAction(self.registry.action("copy_link"))
        self.chat = ChatPanel()
        self.chat.setObjectName("chatPanel")
        self.chat.set_live(False)
        self.chat.send_requested.connect(controller.send_chat)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.session_panel)
        split.addWidget(self.chat)
        split.setSizes([560, 420])

        self.who = QLabel()
        self.who.setObjectName("agentName")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.who)
        layout.addWidget(self.tabs)
        layout.addWidget(split, 1)
        self.setCentralWidget(central)

        controller.signed_in.connect(self._signed_in)
        controller.state_changed.connect(self._state_changed)
        controller.session_started.connect(self._session_started)
        controller.start_failed.connect(self._start_failed)
        controller.participants_changed.connect(self._participants_changed)
        controller.chat_received.connect(self._chat_received)
        controller.session_closed.connect(self._session_closed)
        controller.problem.connect(self._problem)
        if controller.account is not None:
            self._signed_in(controller.account)
        self._state_changed(controller.state)

    def _tab(self, group: Group) -> QWidget:
        if group == Group.DESKTOP:
            self.desktop_tab = DesktopTab(
                self.desktop_sharing,
                [action_button(a, self) for a in self.registry.in_group(group)],
            )
            return self.desktop_tab
        page = QWidget()
        row = QHBoxLayout(page)
        actions = self.registry.in_group(group)
        for action in actions:
            row.addWidget(action_button(action, page))
        if not actions:
            placeholder = QLabel(self.tr("Nothing here yet."))
            placeholder.setEnabled(False)
            row.addWidget(placeholder)
        row.addStretch(1)
        return page

    # --- actions ------------------------------------------------------------------------------

    @Slot()
    def start_session(self) -> None:
        self.controller.start_session(self.session_panel.password.text())

    @Slot()
    def confirm_end(self) -> None:
        self._confirm = ask_to_confirm(
            self,
            "confirmEnd",
            self.tr("End session"),
            self.tr("End this session for everyone? The customer will be disconnected."),
            self.tr("End session"),
            self.controller.end_session,
        )

    @Slot()
    def copy_number(self) -> None:
        if self.controller.started is not None:
            QGuiApplication.clipboard().setText(str(self.controller.started.number))
            self.statusBar().showMessage(self.tr("Session number copied."), 4000)

    @Slot()
    def copy_link(self) -> None:
        if self.controller.started is not None:
            QGuiApplication.clipboard().setText(self.controller.started.join_link)
            self.statusBar().showMessage(self.tr("Join link copied."), 4000)

    @Slot()
    def focus_chat(self) -> None:
        self.chat.entry.setFocus()

    # --- controller events --------------------------------------------------------------------

    @Slot(object)
    def _signed_in(self, account: AgentAccount) -> None:
        self.who.setText(self.tr("Signed in as {name}").format(name=account.display_name))
        self.setWindowTitle(self.tr("Tandem Console — {name}").format(name=account.display_name))

    @Slot(object)
    def _state_changed(self, state: ConsoleState) -> None:
        self.registry.update(state)
        self.session_panel.set_in_session(
            state.session != SessionState.IDLE and state.session != SessionState.ENDED
        )
        self.chat.set_live(state.customer_linked)
        if state.session == SessionState.ACTIVE:
            self.session_panel.show_status(self.tr("Your customer is connected."))
        elif state.session == SessionState.WAITING and self.controller.started is not None:
            self.session_panel.show_waiting()

    @Slot(object)
    def _session_started(self, started: StartedSession) -> None:
        self.session_panel.show_started(started)
        self.session_panel.people.clear()
        self._seen.clear()
        self.chat.transcript.clear()
        self.chat.add_notice(
            self.tr("Session {number} started.").format(
                number=format_session_number(started.number)
            )
        )
        self.tabs.setCurrentIndex(0)

    @Slot(str)
    def _start_failed(self, reason: str) -> None:
        self.session_panel.show_status(
            self.tr("Could not start a session: {reason}").format(reason=reason)
        )

    @Slot(object)
    def _participants_changed(self, participants: tuple[Participant, ...]) -> None:
        self.session_panel.show_participants(participants)
        for person in participants:
            before = self._seen.get(person.id, "new")
            now = person.gone_reason or ""
            if before != now and not now:
                self.chat.add_notice(self.tr("{name} joined.").format(name=person.name))
            elif before != now and now:
                self.chat.add_notice(
                    self.tr("{name} {what}.").format(
                        name=person.name, what=participant_gone_text(now)
                    )
                )
            self._seen[person.id] = now
        self._names = {p.id: p.name for p in participants}
        present = [(p.id, p.name) for p in participants if p.gone_reason is None]
        self.chat.set_recipients(present)

    @Slot(object)
    def _chat_received(self, event: ChatReceived) -> None:
        line = event.line
        private_to = None if line.to == EVERYONE else self._names.get(line.to, self.tr("you"))
        if not event.outgoing and line.to != EVERYONE:
            private_to = self.tr("you")
        self.chat.add_line(event.sender_name, line.text, event.outgoing, private_to)

    @Slot(object)
    def _session_closed(self, closed: SessionClosed) -> None:
        me = self.controller.account.display_name if self.controller.account else None
        text = session_closed_text(closed.code, closed.by, me)
        self.session_panel.show_status(
            text + " " + self.tr("Start a new session when you are ready.")
        )
        self.chat.add_notice(text)
        self.chat.set_live(False)

    @Slot(str)
    def _problem(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sharing_windows.close_all()
        self.controller.shutdown()
        super().closeEvent(event)
