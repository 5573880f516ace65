"""The compact icon bar: a small frameless bar that stays on top of other windows, dragged
anywhere by its grip, with icon buttons for the everyday actions and a menu per group for all of
them. It remembers where it was. A feature's panel (the chat) opens in a small window beside it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.ui.actions import ConsoleState, Group
from csr_console.ui.console_actions import ConsoleActions, action_button, group_menu
from csr_console.ui.controller import ConsoleController
from csr_console.ui.feature_panels import FeaturePanels
from csr_console.ui.preferences import FaceName, tab_title
from csr_console.ui.session_chooser import slot_title
from csr_console.ui.session_slot import SessionSlot
from shared.qt.plain_text import plain, plain_tooltip
from shared.qt.window_place import WindowPlace, fit_on_screen

# The everyday actions (those whose spec says ``on_bar``) are icons on the bar itself; every
# action is also in a group's menu.
MENU_GROUPS = (
    Group.TOOLS,
    Group.DESKTOP,
    Group.APPLICATION,
    Group.SESSION,
    Group.CUSTOMER,
    Group.CONSOLE,
    Group.HELP,
)
BAR_STYLE = """
#iconBar { background: #f3f4f6; border: 1px solid #8a8f98; border-radius: 6px; }
#iconBarGrip { color: #2f343b; font-weight: bold; padding: 0 4px; }
#iconBarSession { color: #1d2430; font-weight: bold; padding: 0 6px; }
#iconBar QToolButton { padding: 2px; }
"""


class Grip(QLabel):
    """The handle the bar is dragged by (the whole bar drags too, between its buttons)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("⋮⋮", parent)
        self.setObjectName("iconBarGrip")
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setToolTip(self.tr("Drag to move the bar"))
        self.setAccessibleName(self.tr("Move the icon bar"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


class PanelWindow(QWidget):
    """The icon bar's panels beside the session (the chat): the current session's, in a small
    window that stays on top."""

    def __init__(self, controller: ConsoleController, actions: ConsoleActions) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("iconBarPanels")
        self.resize(380, 320)
        self.panels = FeaturePanels(actions.registry, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        conversation = self.panels.conversation()
        if conversation is not None:
            layout.addWidget(conversation)
        self.panels.bind(controller.current)
        controller.current_changed.connect(self.panels.bind)

    def show_panel(self, key: str) -> bool:
        panel = self.panels.built.get(key)
        if panel is None:
            return False
        self.setWindowTitle(self.tr("{panel} — Tandem").format(panel=panel.spec.title()))
        self.show()
        self.raise_()
        self.activateWindow()
        self.panels.show(key)
        return True


class IconBar(QFrame):
    face_name = FaceName.ICON_BAR

    def __init__(self, controller: ConsoleController, actions: ConsoleActions) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.controller = controller
        self.console_actions = actions
        self.registry = actions.registry
        self.setObjectName("iconBar")
        self.setWindowTitle(self.tr("Tandem Console"))
        self.setAccessibleName(self.tr("Tandem icon bar"))
        self.setStyleSheet(BAR_STYLE)
        self._drag_from: QPoint | None = None
        self.panel_window: PanelWindow | None = None
        for action in self.registry.actions():
            self.addAction(action)  # shortcuts work while the bar has the keyboard

        row = QHBoxLayout(self)
        row.setContentsMargins(4, 3, 4, 3)
        row.setSpacing(1)
        row.addWidget(Grip(self))
        self.session_label = plain(QLabel())
        self.session_label.setObjectName("iconBarSession")
        self.session_label.setAccessibleName(self.tr("Session"))
        row.addWidget(self.session_label)
        self.buttons: list[QToolButton] = []
        group: Group | None = None
        for action in self.registry.on_bar():
            if group is not None and self.registry.group_of(action) != group:
                row.addSpacing(6)  # a little room between groups
            group = self.registry.group_of(action)
            button = action_button(action, self, Qt.ToolButtonStyle.ToolButtonIconOnly)
            self.buttons.append(button)
            row.addWidget(button)
        separator = QFrame(self)
        separator.setFrameShape(QFrame.Shape.VLine)
        row.addWidget(separator)
        self.menu_buttons: dict[Group, QToolButton] = {}
        for group in MENU_GROUPS:
            menu = group_menu(self.registry, group, tab_title(group), self)
            button = QToolButton(self)
            button.setObjectName(f"menuButton_{group.value}")
            button.setText(tab_title(group))
            button.setToolTip(self.tr("{group} actions").format(group=tab_title(group)))
            button.setAccessibleName(tab_title(group))
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(True)
            self.menu_buttons[group] = button
            row.addWidget(button)
        self.message = plain(QLabel(self))
        self.message.setObjectName("iconBarMessage")
        self.message.setVisible(False)
        row.addWidget(self.message)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(lambda: self.message.setVisible(False))

        controller.state_changed.connect(self._state_changed)
        controller.roles_changed.connect(self.show_message)
        controller.current_changed.connect(self._refresh_title)
        controller.slots_changed.connect(self._refresh_title)
        self._state_changed(controller.state)
        self.adjustSize()

    # --- what the actions ask of a face ---------------------------------------------------------

    def session_password(self) -> str:
        return ""

    def show_panel(self, key: str) -> None:
        window = self.panel_window
        if window is None:
            window = self.panel_window = PanelWindow(self.controller, self.console_actions)
            place = WindowPlace(window, self.console_actions.preferences.settings, "icon_bar_chat")
            place.restore(near=self)  # where the agent left it, else beside the bar
        window.show_panel(key)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self.adjustSize()
        self._message_timer.start(6000)

    # --- where it is ----------------------------------------------------------------------------

    def place(self, near: QWidget | None = None) -> None:
        """Where the bar goes the first time (after that, where the agent left it): top centre
        of the screen the agent is using."""
        screen = near.screen() if near is not None else QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        width = min(self.sizeHint().width(), area.width())
        self.move(area.center().x() - width // 2, area.top() + 8)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.move(event.globalPosition().toPoint() - self._drag_from)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            fit_on_screen(self)  # dropped half off a screen: back wholly onto it
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # --- the controller's events ----------------------------------------------------------------

    @Slot(object)
    def _state_changed(self, _: ConsoleState) -> None:
        self._refresh_title()

    @Slot()
    def _refresh_title(self, *_: object) -> None:
        slot: SessionSlot = self.controller.current
        title = slot_title(slot) if slot.started is not None else self.tr("No session")
        if len(self.controller.slots) > 1:
            index = self.controller.slots.index(slot) + 1
            title = self.tr("{title} ({n} of {count})").format(
                title=title, n=index, count=len(self.controller.slots)
            )
        self.session_label.setText(title)
        self.session_label.setToolTip(plain_tooltip(title))
        self.adjustSize()

    def hideEvent(self, event: object) -> None:
        if self.panel_window is not None:
            self.panel_window.hide()
        super().hideEvent(event)  # type: ignore[arg-type]

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.panel_window is not None:
            self.panel_window.close()
        self.console_actions.face_closed(self)
        super().closeEvent(event)
