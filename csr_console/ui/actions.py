"""The console's one set of actions.

Each feature registers its actions here once (``ActionSpec``, shared.qt.feature_views): text,
tooltip, icon, shortcut, the tab it belongs to, where else it shows, and a rule saying when it
can work. The console's faces (the dashboard, the compact icon bar and the multisession window)
only arrange these QActions, so a feature is never written twice, and its enabled state follows
the engine in every face at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from csr_console.ui.badge import badged_icon
from shared.qt.feature_views import ActionSpec, ConsoleState, Group

__all__ = ["ActionRegistry", "ActionSpec", "ConsoleState", "Group"]

# Session actions ordered from here on (ending the session) come last on the bars.
SESSION_CLOSERS = 90

_NATIVE = QKeySequence.SequenceFormat.NativeText


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
        """The group's actions in their order (``ActionSpec.order``, then as registered)."""
        keys = sorted((k for k, s in self._specs.items() if s.group == group), key=self._rank)
        return [self._actions[k] for k in keys]

    def on_bar(self) -> list[QAction]:
        """The actions the compact icon bar shows as buttons, group by group."""
        return [a for a in self._in_tab_order() if self._spec_of(a).on_bar]

    def on_toolbar(self) -> list[QAction]:
        """The actions the multisession window's toolbar shows, group by group."""
        return [a for a in self._in_tab_order() if self._spec_of(a).on_toolbar]

    def _in_tab_order(self) -> list[QAction]:
        # The session's own actions bracket the rest: those ordered first in their group
        # (starting one) open the bar, the others (ending it) close it, away from the rest.
        session = self.in_group(Group.SESSION)
        opening = [a for a in session if self._spec_of(a).order < SESSION_CLOSERS]
        closing = [a for a in session if self._spec_of(a).order >= SESSION_CLOSERS]
        groups = (Group.TOOLS, Group.DESKTOP, Group.APPLICATION, Group.CUSTOMER)
        return opening + [a for group in groups for a in self.in_group(group)] + closing

    def group_of(self, action: QAction) -> Group:
        return self._spec_of(action).group

    def _spec_of(self, action: QAction) -> ActionSpec:
        return self._specs[action.objectName().removeprefix("action_")]

    def _rank(self, key: str) -> tuple[int, int]:
        return self._specs[key].order, list(self._specs).index(key)

    def actions(self) -> list[QAction]:
        return list(self._actions.values())

    def update(self, state: ConsoleState) -> None:
        self.state = state
        for key, spec in self._specs.items():
            self._apply(spec, self._actions[key])

    def _apply(self, spec: ActionSpec, action: QAction) -> None:
        available = spec.feature not in self.state.unavailable
        assisting = spec.primary_only and self.state.is_assistant
        enabled = spec.built and available and not assisting and spec.enabled_when(self.state)
        action.setEnabled(enabled)
        if spec.shown_when is not None:
            action.setVisible(spec.shown_when(self.state))
        if spec.badge is not None:
            self._show_badge(spec, action, spec.badge(self.state))
        if not spec.built:
            return  # the "not available yet" tooltip never changes
        tooltip = str(action.property("baseToolTip"))
        reason = spec.why_not(self.state) if spec.why_not is not None and not enabled else ""
        if assisting:
            reason = assisting_text(self.state.primary_name)
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


def assisting_text(primary: str) -> str:
    """Why a primary-only action is off for an assistant agent."""
    if primary:
        return QCoreApplication.translate(
            "Actions", "you are assisting; only the agent in charge ({name}) can do this."
        ).format(name=primary)
    return QCoreApplication.translate(
        "Actions", "you are assisting; only the agent in charge can do this."
    )
