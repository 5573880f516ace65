"""The multisession window: one tab per customer session, each with its own Sharing, System
information, Files and the features' panels (the chat); several customers helped at once, each
in their own session.

The selected tab is the controller's current session, so the registry's actions (in the menus
and the toolbar above the tabs, and the buttons inside a tab) act on the session on screen. The
support center caps how many sessions run at once; the window says so when the cap is reached.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from csr_console.ui.actions import ActionRegistry, ConsoleState, Group
from csr_console.ui.badge import badged_icon
from csr_console.ui.console_actions import (
    ConsoleActions,
    action_button,
    group_menu,
    toolbar_button,
)
from csr_console.ui.controller import ConsoleController
from csr_console.ui.feature_panels import FeaturePanels
from csr_console.ui.multi_run import ACTION as RUN_SEVERAL
from csr_console.ui.participant_list import ParticipantList
from csr_console.ui.preferences import FaceName, tab_title
from csr_console.ui.session_chooser import marked_title, slot_title
from csr_console.ui.session_slot import SessionSlot
from shared.qt.feature_views import Place
from shared.qt.fixed_space import keep_lines
from shared.qt.plain_text import no_mnemonic, plain, plain_tooltip
from shared.qt.texts import session_closed_text
from shared.session.participants import Participant
from shared.session.state import SessionState

# The customer's action buttons on one line of a session's System information page.
CUSTOMER_BUTTONS_A_LINE = 4
CAP_STYLE = "background: #fff4c2; color: #3d3000; padding: 6px 10px; border-radius: 4px;"
STATUS_STYLE = "color: #1d2430; font-weight: bold;"


def _scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless area that scrolls when the window is smaller than the page."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(page)
    return area


class SessionTab(QWidget):
    """One customer session: who and what, then Sharing / System information / the features'
    pages (Files) / Chat."""

    def __init__(self, slot: SessionSlot, actions: ConsoleActions) -> None:
        super().__init__()
        self.slot = slot
        self.setObjectName("sessionTab")
        registry = actions.registry

        self.status = plain(QLabel())
        self.status.setObjectName("tabStatus")
        self.status.setStyleSheet(STATUS_STYLE)
        keep_lines(self.status, 2)  # "Connected with …" wrapping moves nothing below
        self.number = QLabel("—")
        self.number.setObjectName("tabNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setAccessibleName(self.tr("Session number"))
        self.link = QLineEdit()
        self.link.setObjectName("tabJoinLink")
        self.link.setReadOnly(True)
        self.link.setAccessibleName(self.tr("Join link"))
        form = QFormLayout()
        form.addRow(self.tr("Session number:"), self.number)
        form.addRow(self.tr("Join link:"), self.link)

        self.sub_tabs = QTabWidget()
        self.sub_tabs.setObjectName("sessionSubTabs")
        # The features' panels for this session: the Desktop group's page, the chat…
        self.panels = FeaturePanels(registry, self)
        self.sharing = self.panels.group_page(Group.DESKTOP) or self._row(registry, Group.DESKTOP)
        self.sharing.setObjectName("sharingTab")
        app_row = QHBoxLayout()
        for action in registry.in_group(Group.APPLICATION):
            app_row.addWidget(action_button(action, self))
        app_row.addStretch(1)
        caption = QLabel(self.tr("One application, co-browsing:"))
        sharing_page = QWidget()
        sharing_layout = QVBoxLayout(sharing_page)
        sharing_layout.addWidget(self.sharing)
        sharing_layout.addWidget(caption)
        sharing_layout.addLayout(app_row)
        sharing_layout.addStretch(1)

        self.people = ParticipantList("tabParticipants", self.tr("Participants and their systems"))
        # Whom this session's actions address: picked here.
        self.people.customer_picked.connect(slot.choose_customer)
        # The customer's actions, a few to a line: each feature adds its own, and one line of
        # them all would make the window wider than a small screen.
        customer_row = QGridLayout()
        for index, action in enumerate(registry.in_group(Group.CUSTOMER)):
            customer_row.addWidget(
                action_button(action, self, Qt.ToolButtonStyle.ToolButtonTextBesideIcon),
                index // CUSTOMER_BUTTONS_A_LINE,
                index % CUSTOMER_BUTTONS_A_LINE,
            )
        customer_row.setColumnStretch(CUSTOMER_BUTTONS_A_LINE, 1)
        system_page = QWidget()
        system_layout = QVBoxLayout(system_page)
        system_layout.addWidget(self.people, 1)
        for panel in self.panels.each(Place.CUSTOMER):
            system_layout.addWidget(panel.widget)
        system_layout.addLayout(customer_row)

        pages = [
            (_scrolling(sharing_page), self.tr("Sharing"), "sharing"),
            (system_page, self.tr("System information"), "system"),
        ]
        # The features' pages (file transfer's Files), then what is beside the session (chat).
        # A page scrolls rather than making the window bigger than a small screen allows.
        for panel in self.panels.each(Place.SESSION_PAGE):
            panel.widget.setObjectName(f"tab_{panel.spec.key}")
            panel.widget.setProperty("subTab", panel.spec.key)  # the page is its scroll area
            pages.append((_scrolling(panel.widget), panel.spec.title(), panel.spec.key))
        for panel in self.panels.each(Place.CONVERSATION):
            panel.widget.setObjectName(f"tab_{panel.spec.key}")
            pages.append((panel.widget, panel.spec.title(), panel.spec.key))
        for page, title, name in pages:
            page.setProperty("subTab", name)
            self.sub_tabs.addTab(page, title)
        self.panels.bind(slot)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.sub_tabs, 1)

        slot.state_changed.connect(self.refresh)
        slot.participants_changed.connect(self._participants)
        slot.session_started.connect(self.refresh)
        slot.start_failed.connect(self._start_failed)
        self._participants(slot.participants)
        self.refresh()

    @staticmethod
    def _row(registry: ActionRegistry, group: Group) -> QWidget:
        """A plain row of ``group``'s buttons (no feature made a page for it)."""
        page = QWidget()
        row = QHBoxLayout(page)
        for action in registry.in_group(group):
            row.addWidget(action_button(action, page))
        row.addStretch(1)
        return page

    def show_panel(self, key: str) -> None:
        self.show_sub_tab(key)
        self.panels.show(key)

    def show_sub_tab(self, name: str) -> None:
        for index in range(self.sub_tabs.count()):
            page = self.sub_tabs.widget(index)
            if page is not None and page.property("subTab") == name:
                self.sub_tabs.setCurrentIndex(index)

    @Slot()
    def refresh(self, *_: object) -> None:
        slot = self.slot
        if slot.started is not None:
            self.number.setText(slot.number_text)
            if self.link.text() != slot.started.join_link:
                self.link.setText(slot.started.join_link)
                self.link.setCursorPosition(0)
        self.people.show_chosen(slot.state.marked_customer_id)
        state = slot.state.session
        if slot.role_line:
            text = slot.role_line
        elif state == SessionState.ACTIVE and len(slot.customer_names) > 1:
            text = self.tr("Connected with {names}; you are helping {name}.").format(
                names=", ".join(slot.customer_names), name=slot.state.customer_name
            )
        elif state == SessionState.ACTIVE:
            text = self.tr("Connected with {names}.").format(
                names=", ".join(slot.customer_names) or self.tr("your customer")
            )
        elif state == SessionState.WAITING:
            text = self.tr("Give your customer the session number and wait for them.")
        elif state == SessionState.CONNECTING:
            text = self.tr("Starting the session…")
        elif state == SessionState.ENDED and slot.closed is not None:
            me = slot.account.display_name if slot.account else None
            text = session_closed_text(slot.closed.code, slot.closed.by, me)
        else:
            text = self.tr("No session yet. Start one to get a number for your customer.")
        self.status.setText(text)

    @Slot(str)
    def _start_failed(self, reason: str) -> None:
        self.status.setText(self.tr("Could not start a session: {reason}").format(reason=reason))

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self.people.show_participants(participants)
        self.refresh()


class MultisessionWindow(QMainWindow):
    face_name = FaceName.MULTISESSION

    def __init__(self, controller: ConsoleController, actions: ConsoleActions) -> None:
        super().__init__()
        self.controller = controller
        self.console_actions = actions
        self.registry = actions.registry
        self.setObjectName("multisessionWindow")
        self.setWindowTitle(self.tr("Tandem Console — sessions"))
        self.resize(1000, 640)
        self.statusBar()  # there from the start: a first message must not shrink the tabs
        for action in self.registry.actions():
            self.addAction(action)

        for group in (
            Group.CONSOLE,
            Group.TOOLS,
            Group.DESKTOP,
            Group.APPLICATION,
            Group.SESSION,
            Group.CUSTOMER,
            Group.HELP,
        ):
            self.menuBar().addMenu(group_menu(self.registry, group, tab_title(group), self))
        self.toolbar = QToolBar(self.tr("Session tools"), self)
        self.toolbar.setObjectName("multisessionToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        previous: Group | None = None
        for action in self.registry.on_toolbar():
            if previous is not None and self.registry.group_of(action) != previous:
                self.toolbar.addSeparator()
            previous = self.registry.group_of(action)
            toolbar_button(self.toolbar, action)
        self.addToolBar(self.toolbar)

        self.cap_notice = QLabel()
        self.cap_notice.setObjectName("capNotice")
        self.cap_notice.setStyleSheet(CAP_STYLE)
        self.cap_notice.setWordWrap(True)
        self.cap_notice.setVisible(False)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sessionTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        # Beside the tabs, as it acts on several of them: one action on several sessions.
        run_several = action_button(
            self.registry.action(RUN_SEVERAL),
            self.tabs,
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
        )
        self.tabs.setCornerWidget(run_several, Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(self._tab_chosen)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.tabs, 1)
        # Under the tabs: the notice appearing at the cap leaves the tabs where they were.
        layout.addWidget(self.cap_notice)
        self.setCentralWidget(central)

        self.session_tabs: dict[SessionSlot, SessionTab] = {}
        for slot in controller.slots:
            self._add(slot)
        controller.slot_added.connect(self._add)
        controller.slot_removed.connect(self._remove)
        controller.current_changed.connect(self._select)
        controller.state_changed.connect(self._state_changed)
        controller.slots_changed.connect(self._titles)
        controller.problem.connect(self.show_message)
        controller.roles_changed.connect(self.show_message)
        self._select(controller.current)
        self._state_changed(controller.state)

    def tab_of(self, slot: SessionSlot) -> SessionTab:
        return self.session_tabs[slot]

    # --- what the actions ask of a face ---------------------------------------------------------

    def session_password(self) -> str:
        return ""

    def show_panel(self, key: str) -> None:
        tab = self.session_tabs.get(self.controller.current)
        if tab is not None:
            tab.show_panel(key)
        self.raise_()  # asked from a viewer in front, say
        self.activateWindow()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- tabs -----------------------------------------------------------------------------------

    @Slot(object)
    def _add(self, slot: SessionSlot) -> None:
        if slot in self.session_tabs:
            return
        tab = SessionTab(slot, self.console_actions)
        self.session_tabs[slot] = tab
        with QSignalBlocker(self.tabs):
            self.tabs.addTab(tab, slot_title(slot))
        self._titles()

    @Slot(object)
    def _remove(self, slot: SessionSlot) -> None:
        tab = self.session_tabs.pop(slot, None)
        if tab is not None:
            with QSignalBlocker(self.tabs):
                self.tabs.removeTab(self.tabs.indexOf(tab))
            tab.deleteLater()
        self._select(self.controller.current)

    @Slot(object)
    def _select(self, slot: SessionSlot) -> None:
        tab = self.session_tabs.get(slot)
        if tab is not None and self.tabs.currentWidget() is not tab:
            with QSignalBlocker(self.tabs):
                self.tabs.setCurrentWidget(tab)

    @Slot(int)
    def _tab_chosen(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, SessionTab):
            self.controller.set_current(tab.slot)

    @Slot(int)
    def _close_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if not isinstance(tab, SessionTab):
            return
        if tab.slot.state.busy:
            self.show_message(self.tr("End this session before closing its tab."))
            return
        if not self.controller.close_slot(tab.slot):
            self.show_message(self.tr("The last tab stays open for your next session."))

    @Slot()
    def _titles(self, *_: object) -> None:
        for slot, tab in self.session_tabs.items():
            index = self.tabs.indexOf(tab)
            title = marked_title(slot)
            self.tabs.setTabText(index, no_mnemonic(title))
            self.tabs.setTabToolTip(index, plain_tooltip(title))
            self.tabs.setTabIcon(index, badged_icon(None, slot.state.unseen))
            # Only a session that is over may have its tab closed.
            close = self.tabs.tabBar().tabButton(index, QTabBar.ButtonPosition.RightSide)
            if close is not None:
                close.setVisible(not slot.state.busy)
                close.setToolTip(self.tr("Close this tab"))
                close.setAccessibleName(self.tr("Close this tab"))

    @Slot(object)
    def _state_changed(self, state: ConsoleState) -> None:
        at_cap = state.signed_in and state.at_cap
        self.cap_notice.setVisible(at_cap)
        if at_cap:
            self.cap_notice.setText(
                self.tr(
                    "You have {n} sessions open, the most your support center allows at once. "
                    "End one to start another."
                ).format(n=state.max_sessions)
            )
        self._titles()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.console_actions.face_closed(self)
        super().closeEvent(event)
