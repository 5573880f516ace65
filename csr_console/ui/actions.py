"""The console's one set of actions.

Each feature registers its actions here once: text, tooltip, icon, shortcut, the tab it belongs
to, and a rule saying when it can work. The console's faces (the dashboard, the compact icon bar
and the multisession window) only arrange these QActions, so a feature is never written twice,
and its enabled state follows the engine in every face at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence

from csr_console.ui.badge import badged_icon
from shared.session.state import SessionState

_NATIVE = QKeySequence.SequenceFormat.NativeText


class Group(StrEnum):
    """Where an action lives in the dashboard (the manual's tabs)."""

    TOOLS = "tools"
    DESKTOP = "desktop"
    APPLICATION = "application"
    SESSION = "session"
    CUSTOMER = "customer"
    # The console itself (preferences, faces, quit): a menu in every face, not a dashboard tab.
    CONSOLE = "console"
    # About the console, and where its help is: the last menu in every face.
    HELP = "help"


# The dashboard's tabs, in the manual's order (the agent may reorder them).
TAB_GROUPS: tuple[Group, ...] = (Group.TOOLS, Group.DESKTOP, Group.APPLICATION, Group.SESSION)


@dataclass(frozen=True)
class ConsoleState:
    """What the actions' enabled rules look at."""

    signed_in: bool = False
    session: SessionState = SessionState.IDLE
    customers: int = 0
    is_primary: bool = False
    # Desktop sharing: its parts failed to load on this computer / an activity is asked or on.
    sharing_unavailable: bool = False
    sharing_live: bool = False
    # Sessions this agent has open (starting, waiting or active), and the support center's cap.
    sessions_open: int = 0
    max_sessions: int = 1
    # Chat lines from others in the session that the agent has not seen yet.
    unread: int = 0

    @property
    def in_session(self) -> bool:
        return self.session in (SessionState.WAITING, SessionState.ACTIVE)

    @property
    def busy(self) -> bool:
        """The current session is starting or running: a new one goes in another slot."""
        return self.session in (SessionState.CONNECTING, SessionState.WAITING, SessionState.ACTIVE)

    @property
    def at_cap(self) -> bool:
        return self.sessions_open >= self.max_sessions

    @property
    def customer_linked(self) -> bool:
        return self.session == SessionState.ACTIVE and self.customers > 0


@dataclass(frozen=True)
class ActionSpec:
    key: str
    text: str  # already translated
    tooltip: str  # already translated
    group: Group
    enabled_when: Callable[[ConsoleState], bool]
    icon: QIcon | None = None
    shortcut: str | None = None
    # False for features announced in the UI but not built yet: always disabled, and the
    # tooltip says so rather than offering a button that does nothing.
    built: bool = True
    # False while the feature cannot run on this computer (its parts did not load): disabled,
    # and the tooltip says why.
    available_when: Callable[[ConsoleState], bool] | None = None
    # While disabled for a reason worth telling (a cap reached…), a sentence saying so, shown
    # in the tooltip; "" when there is nothing to tell.
    why_not: Callable[[ConsoleState], str] | None = None
    # A count worth the agent's eye (unread chat lines…): shown in the text, "Chat (2)", and
    # on the icon, for the faces that show only icons; 0 shows nothing.
    badge: Callable[[ConsoleState], int] | None = None


class ActionRegistry(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._specs: dict[str, ActionSpec] = {}
        self._actions: dict[str, QAction] = {}
        self.state = ConsoleState()

    def register(self, spec: ActionSpec, handler: Callable[[], None] | None = None) -> QAction:
        if spec.key in self._specs:
            raise ValueError(f"action {spec.key!r} is registered twice")
        action = QAction(spec.text, self)
        action.setObjectName(f"action_{spec.key}")
        if spec.icon is not None:
            action.setIcon(spec.icon)
        tooltip = spec.tooltip
        if not spec.built:
            tooltip = QCoreApplication.translate("Actions", "{what} — not available yet.").format(
                what=spec.tooltip
            )
        action.setToolTip(tooltip)
        action.setStatusTip(tooltip)
        action.setProperty("baseToolTip", tooltip)
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setToolTip(f"{tooltip} ({action.shortcut().toString(_NATIVE)})")
        if handler is not None and spec.built:
            # triggered(bool) would hand ``checked`` to the handler; handlers take no arguments.
            action.triggered.connect(lambda _checked=False: handler())
        self._specs[spec.key] = spec
        self._actions[spec.key] = action
        self._apply(spec, action)
        return action

    def action(self, key: str) -> QAction:
        return self._actions[key]

    def spec(self, key: str) -> ActionSpec:
        return self._specs[key]

    def all_keys(self) -> list[str]:
        return list(self._specs)

    def in_group(self, group: Group) -> list[QAction]:
        return [self._actions[k] for k, s in self._specs.items() if s.group == group]

    def actions(self) -> list[QAction]:
        return list(self._actions.values())

    def update(self, state: ConsoleState) -> None:
        self.state = state
        for key, spec in self._specs.items():
            self._apply(spec, self._actions[key])

    def _apply(self, spec: ActionSpec, action: QAction) -> None:
        available = spec.available_when is None or spec.available_when(self.state)
        enabled = spec.built and available and spec.enabled_when(self.state)
        action.setEnabled(enabled)
        if spec.badge is not None:
            self._show_badge(spec, action, spec.badge(self.state))
        if not spec.built:
            return  # the "not available yet" tooltip never changes
        tooltip = str(action.property("baseToolTip"))
        reason = spec.why_not(self.state) if spec.why_not is not None and not enabled else ""
        if not available:
            tooltip = QCoreApplication.translate(
                "Actions", "{what} — not available on this computer."
            ).format(what=tooltip)
        elif reason:
            tooltip = QCoreApplication.translate("Actions", "{what} — {why}").format(
                what=tooltip, why=reason
            )
        if available and spec.shortcut:
            tooltip = f"{tooltip} ({action.shortcut().toString(_NATIVE)})"
        if action.toolTip() != tooltip:
            action.setToolTip(tooltip)
            action.setStatusTip(tooltip)

    def _show_badge(self, spec: ActionSpec, action: QAction, count: int) -> None:
        text = spec.text
        if count > 0:
            text = QCoreApplication.translate("Actions", "{what} ({n})").format(
                what=spec.text, n=count
            )
        if action.text() != text:
            action.setText(text)
            action.setIcon(badged_icon(spec.icon, count))
