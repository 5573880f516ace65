"""The agent's dashboard: the manual's tabs of actions (the agent may reorder them), the
customer-information panel, and below them the session and the chat.

It shows the controller's current session; when the agent has several (started in the
multisession window), a chooser at the top picks which.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csr_console.services.agent_session import AgentAccount, StartedSession
from csr_console.ui.actions import ConsoleState, Group
from csr_console.ui.console_actions import ConsoleActions, action_button, group_menu
from csr_console.ui.controller import ConsoleController
from csr_console.ui.feature_panels import FeaturePanels
from csr_console.ui.preferences import FaceName, tab_title
from csr_console.ui.session_chooser import SessionChooser
from csr_console.ui.session_panel import SessionPanel
from csr_console.ui.session_slot import SessionSlot
from shared.qt.feature_views import TAB_GROUPS, Place
from shared.qt.fixed_space import keep_lines
from shared.qt.i18n import fill
from shared.qt.plain_text import plain, plain_tooltip
from shared.qt.texts import session_closed_text
from shared.session.events import SessionClosed
from shared.session.participants import Participant
from shared.session.state import SessionState

__all__ = ["Dashboard", "action_button"]


# Buttons in one row of a dashboard tab: about 750 px, so that the dashboard and a 1024-px viewer
# fit side by side on a 1920-px screen.
BUTTONS_PER_ROW = 7


class _SidewaysArea(QScrollArea):
    """Asks for its page's whole width (so a window opens wide enough for the row where the
    screen allows), but may be narrower: then it scrolls."""

    def sizeHint(self) -> QSize:
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()


def _sideways(page: QWidget) -> QScrollArea:
    """``page`` in a frameless area that scrolls sideways only, when narrower than the page."""
    area = _SidewaysArea()
    area.setObjectName(f"{page.objectName()}Area")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area


class Dashboard(QMainWindow):
    face_name = FaceName.DASHBOARD

    def __init__(
        self, controller: ConsoleController, actions: ConsoleActions | None = None
    ) -> None:
        super().__init__()
        self.controller = controller
        # Alone (the UI tests), the dashboard makes its own actions and is their face.
        self._owns_actions = actions is None
        self.console_actions = actions or ConsoleActions(controller, parent=self)
        if self._owns_actions:
            self.console_actions.face = self
        self.registry = self.console_actions.registry
        self.setObjectName("dashboard")
        self.setWindowTitle(self.tr("Tandem Console"))
        self.resize(1040, 660)
        self.statusBar()  # there from the start: a first message must not shrink what is above
        for action in self.registry.actions():
            self.addAction(action)  # shortcuts work anywhere in the window

        console_menu = group_menu(self.registry, Group.CONSOLE, self.tr("&Console"), self)
        self.menuBar().addMenu(console_menu)
        self.menuBar().addMenu(group_menu(self.registry, Group.HELP, self.tr("&Help"), self))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        self.tabs.setMovable(True)  # the manual lets agents reorder the tabs
        # The features' panels (a tab's page of their own, the chat beside the session),
        # showing the current session's parts.
        self.panels = FeaturePanels(self.registry, self)
        self._pages: dict[Group, QWidget] = {}
        for group in TAB_GROUPS:
            self._pages[group] = self.panels.group_page(group) or self._tab(group)
        # On a narrow screen a row of buttons scrolls sideways rather than widening the window
        # past the screen's edge.
        self._pages = {group: _sideways(page) for group, page in self._pages.items()}
        self.apply_tab_order(self.console_actions.preferences.tab_order)
        self.tabs.tabBar().tabMoved.connect(self._tab_moved)
        bar = self.tabs.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.tabs.setMaximumHeight(self.tabs.sizeHint().height() + bar)

        self.customer_panel = self._customer_panel()
        top = QHBoxLayout()
        top.addWidget(self.tabs, 1)
        top.addWidget(self.customer_panel)

        self.session_panel = SessionPanel()
        for button, key in (
            (self.session_panel.copy_number, "copy_number"),
            (self.session_panel.copy_link, "copy_link"),
        ):
            button.setDefaultAction(self.registry.action(key))
            button.setAccessibleName(self.registry.action(key).text())
        # The Participants list is where the agent picks whom the current session helps.
        self.session_panel.people.customer_picked.connect(
            lambda customer: self.controller.current.choose_customer(customer)
        )
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.session_panel)
        conversation = self.panels.conversation()
        if conversation is not None:
            split.addWidget(conversation)
        # The agent's queues (inbound support), in sight while idle.
        self.queues_panel = self.console_actions.inbound.panel()
        split.insertWidget(0, self.queues_panel)
        split.setSizes([330, 480, 380])

        self.who = plain(QLabel())
        self.who.setObjectName("agentName")
        self.chooser = SessionChooser(controller)
        header = QHBoxLayout()
        header.addWidget(self.who, 1)
        header.addWidget(self.chooser)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.setCentralWidget(central)
        # Wide enough for the longest row of buttons; a smaller screen trims it when placed.
        self.resize(max(self.width(), self.sizeHint().width()), self.height())
        # Which role-dependent buttons show (Leave for End, Take over): a row may grow.
        self._roles_shown = (False, False)

        controller.signed_in.connect(self._signed_in)
        controller.state_changed.connect(self._state_changed)
        controller.session_started.connect(self._session_started)
        controller.start_failed.connect(self._start_failed)
        controller.participants_changed.connect(self._participants_changed)
        controller.session_closed.connect(self._session_closed)
        controller.problem.connect(self._problem)
        controller.roles_changed.connect(self._problem)
        controller.current_changed.connect(self._show_slot)
        if controller.account is not None:
            self._signed_in(controller.account)
        self._show_slot(controller.current)
        self.show_tab(Group.SESSION)

    # --- layout ---------------------------------------------------------------------------------

    def _tab(self, group: Group) -> QWidget:
        """A group's buttons, in rows of at most ``BUTTONS_PER_ROW``: a group with many actions
        takes a second row rather than widening the window past where a viewer fits beside."""
        page = QWidget()
        page.setObjectName(f"{group.value}Tab")
        rows = QVBoxLayout(page)
        rows.setContentsMargins(9, 6, 9, 6)
        rows.setSpacing(0)
        actions = self.registry.in_group(group)
        for start in range(0, len(actions), BUTTONS_PER_ROW):
            # A row of its own layout: a button hidden for the moment (Leave in place of End)
            # takes no room in it.
            row = QHBoxLayout()
            for action in actions[start : start + BUTTONS_PER_ROW]:
                row.addWidget(action_button(action, page))
            row.addStretch(1)
            rows.addLayout(row)
        return page

    def _customer_panel(self) -> QGroupBox:
        box = QGroupBox(self.tr("Customer"))
        box.setObjectName("customerPanel")
        self.customer_label = plain(QLabel(self.tr("No customer connected")))
        self.customer_label.setObjectName("customerSummary")
        self.customer_label.setMinimumWidth(220)
        keep_lines(self.customer_label, 2)  # a long name wrapping moves nothing
        column = QVBoxLayout(box)
        column.setSpacing(2)
        column.addWidget(self.customer_label)
        # An accepted customer's answers before the session (the queue, the wait, the problem).
        column.addWidget(self.console_actions.inbound.customer_note(box))
        for panel in self.panels.each(Place.CUSTOMER):
            column.addWidget(panel.widget)
        for action in self.registry.in_group(Group.CUSTOMER):
            button = action_button(action, box, Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            column.addWidget(button)
        column.addStretch(1)
        return box

    def apply_tab_order(self, order: list[Group]) -> None:
        current = self.current_group()
        with QSignalBlocker(self.tabs.tabBar()):
            self.tabs.clear()
            for group in order:
                index = self.tabs.addTab(self._pages[group], tab_title(group))
                self.tabs.tabBar().setTabData(index, group.value)
        if current is not None:
            self.show_tab(current)

    def tab_order(self) -> list[Group]:
        bar = self.tabs.tabBar()
        return [Group(str(bar.tabData(i))) for i in range(bar.count())]

    def current_group(self) -> Group | None:
        index = self.tabs.currentIndex()
        data = self.tabs.tabBar().tabData(index) if index >= 0 else None
        return Group(str(data)) if data else None

    def show_tab(self, group: Group) -> None:
        self.tabs.setCurrentWidget(self._pages[group])

    @Slot(int, int)
    def _tab_moved(self, _from: int, _to: int) -> None:
        self.console_actions.preferences.tab_order = self.tab_order()

    # --- what the actions ask of a face ---------------------------------------------------------

    def session_password(self) -> str:
        return self.session_panel.password.text()

    def show_panel(self, key: str) -> None:
        self.panels.show(key)
        self.raise_()  # asked from a viewer in front, say
        self.activateWindow()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    # kept for callers of the single-session dashboard
    @Slot()
    def start_session(self) -> None:
        self.console_actions.start_session()

    @Slot()
    def confirm_end(self) -> None:
        self.console_actions.confirm_end()

    # --- the controller's events ----------------------------------------------------------------

    @Slot(object)
    def _show_slot(self, slot: SessionSlot) -> None:
        """Show ``slot`` (the current session): its number, people, sharing and chat so far."""
        self.panels.bind(slot)
        panel = self.session_panel
        if slot.started is not None:
            panel.show_started(slot.started)
        else:
            panel.clear_session()
        self._participants_changed(slot.participants)
        self._state_changed(self.controller.state)
        if slot.closed is not None:
            self._session_closed(slot.closed)

    @Slot(object)
    def _signed_in(self, account: AgentAccount) -> None:
        self.who.setText(fill(self.tr("Signed in as {name}"), name=account.display_name))
        self._title()

    def _title(self) -> None:
        account, customer = self.controller.account, self.controller.state.customer_name
        if account is None:
            return
        title = self.tr("Tandem Console — {name}").format(name=account.display_name)
        state = self.controller.state
        if state.is_assistant and state.in_session:
            title = self.tr("{title} — assisting {primary}").format(
                title=title, primary=state.primary_name or "…"
            )
        elif customer:
            title = self.tr("{title} — helping {customer}").format(title=title, customer=customer)
        self.setWindowTitle(title)

    @Slot(object)
    def _state_changed(self, state: ConsoleState) -> None:
        self.session_panel.set_in_session(
            state.session != SessionState.IDLE and state.session != SessionState.ENDED
        )
        self.session_panel.set_ended(state.session == SessionState.ENDED)
        slot = self.controller.current
        self.session_panel.people.show_chosen(state.marked_customer_id)
        self._title()
        self._customer_summary(slot.participants)
        roles = (state.is_assistant, state.can_take_over)
        if roles != self._roles_shown:
            self._roles_shown = roles
            QTimer.singleShot(0, self._wide_enough)  # once the buttons shown have laid out
        if slot.role_line:
            self.session_panel.show_status(slot.role_line)
        elif state.session == SessionState.ACTIVE and state.customers > 1:
            self.session_panel.show_status(
                self.tr(
                    "{n} customers are connected; you are helping {name}. Click another in "
                    "Participants to help them."
                ).format(n=state.customers, name=state.customer_name)
            )
        elif state.session == SessionState.ACTIVE:
            self.session_panel.show_status(self.tr("Your customer is connected."))
        elif state.session == SessionState.WAITING and slot.started is not None:
            self.session_panel.show_waiting()

    @Slot()
    def _wide_enough(self) -> None:
        """Widen to the longest row of buttons again (a role's buttons showed), as far as
        the screen allows; never narrower than the agent made it."""
        screen = self.screen()
        room = screen.availableGeometry().width() if screen is not None else self.width()
        wanted = min(max(self.width(), self.sizeHint().width()), room)
        if wanted > self.width():
            self.resize(wanted, self.height())

    @Slot(object)
    def _session_started(self, started: StartedSession) -> None:
        self.session_panel.show_started(started)
        self.session_panel.people.clear()
        self.show_tab(Group.TOOLS)

    @Slot(str)
    def _start_failed(self, reason: str) -> None:
        self.session_panel.show_status(
            self.tr("Could not start a session: {reason}").format(reason=reason)
        )

    @Slot(object)
    def _participants_changed(self, participants: tuple[Participant, ...]) -> None:
        self.session_panel.show_participants(participants)
        self._customer_summary(participants)

    def _customer_summary(self, participants: tuple[Participant, ...]) -> None:
        customers = [p for p in participants if not p.is_agent and p.gone_reason is None]
        # The customer the agent helps: the panel shows their system.
        chosen = self.controller.current.current_customer()
        helped = next((p for p in customers if p.id == chosen), customers[0] if customers else None)
        if helped is not None:
            # The computer's name before its system: a long system ("Debian GNU/Linux 12
            # (bookworm) (x86_64)") runs past the label's two lines, the name never does.
            self.customer_label.setText(
                self.tr("{name}\n{computer} — {system}").format(
                    name=helped.name,
                    system=helped.info.os or "?",
                    computer=helped.info.machine or "?",
                )
            )
        else:
            self.customer_label.setText(self.tr("No customer connected"))
        # With several, the panel is about the one helped (the Participants list has them all).
        several = len(customers) > 1
        self.customer_panel.setTitle(
            self.tr("Customer you are helping") if several else self.tr("Customer")
        )
        # All of it, wherever the room kept for two lines cuts it.
        self.customer_label.setToolTip(plain_tooltip(self.customer_label.text()))

    @Slot(object)
    def _session_closed(self, closed: SessionClosed) -> None:
        me = self.controller.account.display_name if self.controller.account else None
        text = session_closed_text(closed.code, closed.by, me)
        self.session_panel.show_status(
            text + " " + self.tr("Start a new session when you are ready.")
        )

    @Slot(str)
    def _problem(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._owns_actions:
            for slot in self.controller.slots:
                slot.close_parts()
            self.controller.shutdown()
        else:
            self.console_actions.face_closed(self)
        super().closeEvent(event)
