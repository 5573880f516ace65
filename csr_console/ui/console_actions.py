"""The console's one set of actions, and what they do.

``ConsoleActions`` registers the console's own actions and every registered feature's once
(it is the ``ConsoleHost`` features see); the faces (dashboard, compact icon bar, multisession
window) only arrange the QActions it owns. Handlers act on the controller's *current* session,
and on the face on screen only for what a face alone knows (the password typed in it, where a
panel is, where to show a message).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QMessageBox,
    QStyle,
    QToolBar,
    QToolButton,
    QWidget,
)

from csr_console.inbound.actions import InboundActions
from csr_console.ui.actions import ActionRegistry, ActionSpec, ConsoleState, Group
from csr_console.ui.controller import ConsoleController
from csr_console.ui.core_actions import RoleHandlers, cap_text, register_core_actions
from csr_console.ui.help_menu import register_help_actions
from csr_console.ui.invite_dialog import InviteDialog, open_invite_dialog
from csr_console.ui.multi_run import open_multi_run, register_multi_run
from csr_console.ui.preferences import FaceName, Preferences, PreferencesDialog, face_title
from csr_console.ui.role_dialogs import JoinAssistDialog, TransferDialog
from csr_console.ui.session_slot import SessionSlot
from shared.qt.confirm import ask_to_confirm
from shared.qt.feature_views import Preset, console_views

FACE_KEYS: dict[FaceName, str] = {
    FaceName.DASHBOARD: "face_dashboard",
    FaceName.ICON_BAR: "face_icon_bar",
    FaceName.MULTISESSION: "face_multisession",
}


class Face(Protocol):
    """What the actions ask of the face on screen."""

    def session_password(self) -> str: ...

    def show_panel(self, key: str) -> None: ...

    def show_message(self, text: str) -> None: ...


class ConsoleActions(QObject):
    def __init__(
        self,
        controller: ConsoleController,
        preferences: Preferences | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.preferences = preferences or Preferences(QSettings())
        controller.use_preferences(self.preferences)
        # The face on screen; set by whoever shows one. New windows open beside it.
        self.face: QWidget | None = None
        controller.face = lambda: self.face
        # What the Console menu's face and quit actions do (the face host plugs these in).
        self.switch_face: Callable[[FaceName], None] = lambda _face: None
        self.quit: Callable[[], None] = controller.shutdown
        self.sign_out: Callable[[], None] = controller.sign_out
        self.preferences_applied: Callable[[], None] = lambda: None
        # A face's window was closed by the agent: alone, that closes the console.
        self.face_closed: Callable[[QWidget], None] = self._face_closed
        self.preferences_dialog: PreferencesDialog | None = None
        self.invite_dialog: InviteDialog | None = None
        self.assist_dialog: JoinAssistDialog | None = None
        self.transfer_dialog: TransferDialog | None = None

        self.registry = ActionRegistry(self)
        register_core_actions(
            self.register,
            start=self.start_session,
            end=self.confirm_end,
            copy_number=self.copy_number,
            copy_link=self.copy_link,
            invite=self.invite,
            roles=RoleHandlers(
                assist=self.join_as_assistant,
                transfer=self.transfer_control,
                take_over=self.take_over,
                leave=self.confirm_leave,
            ),
        )
        views = console_views()
        for view in views:
            view.register_actions(self)
        # Each feature's console-wide helpers (chat's notifications…), by feature name.
        self.helpers: dict[str, object] = {
            view.name: view.attach(self) for view in views if view.attach is not None
        }
        self._register_console_actions()
        # One action on several sessions at once (the actions declaring they can).
        self.multi_run: QWidget | None = None
        register_multi_run(self)
        # Queues, Accept next and Transfer the session… (inbound support).
        self.inbound = InboundActions(self)
        controller.state_changed.connect(self._state_changed)
        controller.cap_reached.connect(self._cap_reached)
        self._state_changed(controller.state)

    def _register_console_actions(self) -> None:
        style = QApplication.style()
        icon = style.standardIcon
        pixmap = QStyle.StandardPixmap

        def always(_: ConsoleState) -> bool:
            return True

        self.registry.register(
            ActionSpec(
                "preferences",
                self.tr("Preferences…"),
                self.tr(
                    "Choose the console's layout, tab order, how viewers open and the language"
                ),
                Group.CONSOLE,
                always,
                icon(pixmap.SP_FileDialogDetailedView),
                "Ctrl+,",
            ),
            self.open_preferences,
        )
        face_tips = {
            FaceName.DASHBOARD: self.tr(
                "Show the dashboard: every tool in tabs, the session and chat"
            ),
            FaceName.ICON_BAR: self.tr(
                "Show a small bar of icons that stays on top of other windows"
            ),
            FaceName.MULTISESSION: self.tr(
                "Show one tab per customer session, to help several at once"
            ),
        }
        face_icons = {
            FaceName.DASHBOARD: pixmap.SP_DesktopIcon,
            FaceName.ICON_BAR: pixmap.SP_TitleBarShadeButton,
            FaceName.MULTISESSION: pixmap.SP_FileDialogListView,
        }
        shortcuts = {
            FaceName.DASHBOARD: "Ctrl+1",
            FaceName.ICON_BAR: "Ctrl+2",
            FaceName.MULTISESSION: "Ctrl+3",
        }
        for face, key in FACE_KEYS.items():
            action = self.registry.register(
                ActionSpec(
                    key,
                    face_title(face),
                    face_tips[face],
                    Group.CONSOLE,
                    always,
                    icon(face_icons[face]),
                    shortcuts[face],
                ),
                self._switcher(face),
            )
            action.setCheckable(True)
        self.registry.register(
            ActionSpec(
                "open_sessions",
                self.tr("Your open sessions…"),
                self.tr("Resume or end your sessions left open at the support center"),
                Group.CONSOLE,
                lambda s: s.signed_in,
                icon(pixmap.SP_BrowserReload),
            ),
            self.open_sessions,
        )
        self.registry.register(
            ActionSpec(
                "sign_out",
                self.tr("Sign out"),
                self.tr(
                    "Sign out and go back to the sign-in screen (asks first about sessions "
                    "with customers connected)"
                ),
                Group.CONSOLE,
                lambda s: s.signed_in,
                icon(pixmap.SP_DialogResetButton),
            ),
            lambda: self.sign_out(),
        )
        self.registry.register(
            ActionSpec(
                "quit",
                self.tr("Quit"),
                self.tr("Close the console (asks first about sessions with customers connected)"),
                Group.CONSOLE,
                always,
                icon(pixmap.SP_TitleBarCloseButton),
                "Ctrl+Q",
            ),
            lambda: self.quit(),
        )
        register_help_actions(self.registry, self._parent, self.preferences.settings)

    def _switcher(self, face: FaceName) -> Callable[[], None]:
        def switch() -> None:
            self.preferences.face = face  # the agent's own choice, kept
            self.switch_face(face)

        return switch

    def _face_closed(self, face: QWidget) -> None:
        if face is self.face:
            self.quit()

    def mark_face(self, face: FaceName) -> None:
        for name, key in FACE_KEYS.items():
            self.registry.action(key).setChecked(name == face)

    # --- what the features' views use (ConsoleHost) ------------------------------------------

    def register(self, spec: ActionSpec, handler: Callable[[], None] | None = None) -> Any:
        return self.registry.register(spec, handler)

    def current_part(self, name: str) -> object | None:
        part: object | None = self.controller.current.part(name)
        return part

    def show_panel(self, key: str) -> None:
        face = self.face
        if face is not None and hasattr(face, "show_panel"):
            face.show_panel(key)

    def message(self, text: str) -> None:
        self._message(text)

    def window(self) -> QWidget | None:
        return self.face

    def each_part(self, name: str, callback: Callable[[object], None]) -> None:
        """``callback`` with every session's part of feature ``name``, now and to come."""
        for slot in self.controller.slots:
            callback(slot.part(name))
        self.controller.slot_added.connect(lambda slot: callback(slot.part(name)))

    def show_part(self, name: str, part: object, panel: str) -> None:
        """Bring the session whose part of ``name`` is ``part`` in front, with ``panel``."""
        slot = next((s for s in self.controller.slots if s.part(name) is part), None)
        if isinstance(slot, SessionSlot):
            self.controller.set_current(slot)
            self.show_panel(panel)

    def sessions_helping(self) -> int:
        return len([s for s in self.controller.slots_with_customers() if s.state.is_primary])

    def on_sessions_moved(self, callback: Callable[[], None]) -> None:
        # Any session's change comes as the console's state_changed (see the controller).
        self.controller.state_changed.connect(callback)

    def run_on_several(self, preset: Preset) -> None:
        open_multi_run(self, preset)

    # --- handlers -----------------------------------------------------------------------------

    def _parent(self) -> QWidget | None:
        return self.face

    def _message(self, text: str) -> None:
        face = self.face
        if face is not None and hasattr(face, "show_message"):
            face.show_message(text)

    @Slot()
    def start_session(self) -> None:
        password = ""
        face = self.face
        if face is not None and hasattr(face, "session_password"):
            password = face.session_password()
        self.controller.start_session(password)

    @Slot()
    def open_sessions(self) -> None:
        """List this agent's sessions left open at the center, to resume or end them."""
        self.controller.find_kept_sessions(even_none=True)

    @Slot()
    def confirm_end(self) -> None:
        parent = self._parent()
        slot = self.controller.current  # the session on screen when asked is the one ended
        if parent is None:
            slot.end()
            return
        ask_to_confirm(
            parent,
            "confirmEnd",
            self.tr("End session"),
            self._end_question(len(slot.customer_names)),
            self.tr("End session"),
            slot.end,
        )

    def _end_question(self, customers: int) -> str:
        if customers > 1:
            return self.tr(
                "End this session for everyone? The {count} customers will be disconnected."
            ).format(count=customers)
        return self.tr("End this session for everyone? The customer will be disconnected.")

    @Slot()
    def join_as_assistant(self) -> None:
        """Join another agent's session by its number, as an assistant agent."""
        if self.assist_dialog is not None and self.assist_dialog.isVisible():
            self.assist_dialog.raise_()
            return
        dialog = JoinAssistDialog(self.controller, self._parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.assist_dialog = dialog
        dialog.open()

    @Slot()
    def transfer_control(self) -> None:
        """Pick one of the assistants present to hand control of the current session to."""
        if self.transfer_dialog is not None and self.transfer_dialog.isVisible():
            self.transfer_dialog.raise_()
            return
        dialog = TransferDialog(self.controller.current, self._parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.transfer_dialog = dialog
        dialog.open()

    @Slot()
    def take_over(self) -> None:
        self.controller.current.take_over()

    @Slot()
    def confirm_leave(self) -> None:
        parent = self._parent()
        slot = self.controller.current
        if parent is None:
            slot.leave()
            return
        ask_to_confirm(
            parent,
            "confirmLeave",
            self.tr("Leave session"),
            self.tr("Leave this session? It goes on for the others."),
            self.tr("Leave session"),
            slot.leave,
        )

    @Slot()
    def copy_number(self) -> None:
        started = self.controller.started
        if started is not None:
            QGuiApplication.clipboard().setText(str(started.number))
            self._message(self.tr("Session number copied."))

    @Slot()
    def copy_link(self) -> None:
        started = self.controller.started
        if started is not None:
            QGuiApplication.clipboard().setText(started.join_link)
            self._message(self.tr("Join link copied."))

    @Slot()
    def invite(self) -> None:
        """The Invite… dialog of the current session (the one already open for it, if any)."""
        self.invite_dialog = open_invite_dialog(self.controller, self.invite_dialog, self._parent())

    @Slot()
    def open_preferences(self) -> None:
        account = self.controller.account
        dialog = PreferencesDialog(
            self.preferences, account.default_face if account else "", self._parent()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(lambda: self.preferences_applied())
        self.preferences_dialog = dialog
        dialog.open()

    @Slot(object)
    def _state_changed(self, state: ConsoleState) -> None:
        self.registry.update(state)

    @Slot(int)
    def _cap_reached(self, cap: int) -> None:
        text = self.tr("You cannot start another session: {why}").format(why=cap_text(cap))
        parent = self._parent()
        self._message(text)
        if parent is not None:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Session limit"),
                text,
                QMessageBox.StandardButton.Ok,
                parent,
            )
            box.setObjectName("capReached")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()


# --- what every face uses to lay out actions -----------------------------------------------------


_UNDER = Qt.ToolButtonStyle.ToolButtonTextUnderIcon
# A label under an icon longer than this goes on two lines rather than being cut short when the
# row is narrow (French labels are about a fifth longer than English ones).
ONE_LINE_CHARS = 14


def two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle, if it is long and has one."""
    if len(text) <= ONE_LINE_CHARS or " " not in text:
        return text
    middle = len(text) / 2
    cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


class _ActionButton(QToolButton):
    """Its accessible name follows its action's text ("Chat (2)"): an icon-only button says
    the count to a screen reader too."""

    def actionEvent(self, event: QActionEvent) -> None:
        super().actionEvent(event)  # takes the action's text again when the action changes
        action = self.defaultAction()
        if action is not None and event.action() is action:
            self.setAccessibleName(action.text())
            _follow_visibility(self, action)


class _WrappingButton(_ActionButton):
    """Shows its action's text on two lines when long (Qt would elide it in a narrow row)."""

    def actionEvent(self, event: QActionEvent) -> None:
        super().actionEvent(event)
        action = self.defaultAction()
        if action is not None and event.action() is action:
            self.setText(two_lines(action.iconText()))


def action_button(
    action: QAction,
    parent: QWidget,
    style: Qt.ToolButtonStyle = Qt.ToolButtonStyle.ToolButtonTextUnderIcon,
) -> QToolButton:
    """A button for a registry action: its text, icon, tooltip and enabled state follow the
    action; its accessible name is the action's text."""
    button = _WrappingButton(parent) if style == _UNDER else _ActionButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(style)
    button.setAutoRaise(True)
    if style == _UNDER:
        button.setMinimumWidth(96)
        button.setText(two_lines(action.iconText()))
    button.setObjectName(f"button_{action.objectName().removeprefix('action_')}")
    button.setAccessibleName(action.text())
    button.setAccessibleDescription(action.statusTip())
    _follow_visibility(button, action)
    return button


def _follow_visibility(button: QToolButton, action: QAction) -> None:
    """An action hidden for now (End session while assisting) hides its button too. In a
    toolbar the toolbar shows and hides its widgets itself (those that do not fit go in its »
    menu): there the widget's own action follows (``toolbar_button``)."""
    if isinstance(button.parentWidget(), QToolBar):
        return
    if button.isHidden() == action.isVisible():
        button.setHidden(not action.isVisible())


def toolbar_button(toolbar: QToolBar, action: QAction) -> QToolButton:
    """``action``'s button added to ``toolbar``, shown while the action is visible."""
    button = action_button(action, toolbar, Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    holder = toolbar.addWidget(button)

    def follow() -> None:
        holder.setVisible(action.isVisible())
        # Shown again, the toolbar enables the button with its own wrapper action, whatever
        # the registry action says: a disabled action would look clickable.
        button.setEnabled(action.isEnabled())

    follow()
    action.visibleChanged.connect(follow)
    return button


def group_menu(registry: ActionRegistry, group: Group, title: str, parent: QWidget) -> QMenu:
    menu = QMenu(title, parent)
    menu.setObjectName(f"menu_{group.value}")
    menu.setToolTipsVisible(True)
    for action in registry.in_group(group):
        menu.addAction(action)
    return menu
