"""The registered features' panels in one face of the console: each built once where the face
puts it, and shown with one session's parts of the features (``bind``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget, QToolButton, QWidget

from csr_console.ui.actions import ActionRegistry
from csr_console.ui.console_actions import action_button
from csr_console.ui.session_slot import SessionSlot
from shared.qt.feature_views import Group, PanelSpec, Place, console_views


@dataclass
class BuiltPanel:
    spec: PanelSpec
    feature: str
    widget: QWidget
    # The tab widget it sits in, if the face put it in one (to bring it in front).
    tabs: QTabWidget | None = None


class FeaturePanels:
    def __init__(self, registry: ActionRegistry, parent: QWidget) -> None:
        self.registry = registry
        self.parent = parent
        self.views = console_views()
        self.built: dict[str, BuiltPanel] = {}

    def _specs(self, place: Place) -> list[tuple[PanelSpec, str]]:
        return [(p, v.name) for v in self.views for p in v.panels if p.place == place]

    def _build(self, spec: PanelSpec, feature: str, buttons: list[QToolButton]) -> QWidget:
        widget = spec.build(buttons)
        widget.setProperty("panelKey", spec.key)
        self.built[spec.key] = BuiltPanel(spec, feature, widget)
        return widget

    def group_page(self, group: Group) -> QWidget | None:
        """The page a feature made for ``group``'s tab (with the group's buttons), if any."""
        for spec, feature in self._specs(Place.GROUP_PAGE):
            if spec.group == group:
                buttons = [action_button(a, self.parent) for a in self.registry.in_group(group)]
                return self._build(spec, feature, buttons)
        return None

    def each(self, place: Place) -> list[BuiltPanel]:
        """Every feature's panel for ``place``, built (the face lays them out)."""
        for spec, feature in self._specs(place):
            self._build(spec, feature, [])
        return [b for b in self.built.values() if b.spec.place == place]

    def conversation(self) -> QWidget | None:
        """The panels beside the session: one as it is, several in tabs; None if none."""
        panels = self.each(Place.CONVERSATION)
        if len(panels) <= 1:
            return panels[0].widget if panels else None
        tabs = QTabWidget()
        tabs.setObjectName("conversationTabs")
        for panel in panels:
            tabs.addTab(panel.widget, panel.spec.title())
            panel.tabs = tabs
        return tabs

    def bind(self, slot: SessionSlot) -> None:
        """Show ``slot``'s parts of the features in every panel."""
        for panel in self.built.values():
            bind = getattr(panel.widget, "bind", None)
            part = slot.part(panel.feature)
            if callable(bind) and part is not None:
                bind(part)

    def show(self, key: str) -> bool:
        """Bring panel ``key`` in front and give it the keyboard; False if this face has none."""
        panel = self.built.get(key)
        if panel is None:
            return False
        if panel.tabs is not None:
            panel.tabs.setCurrentWidget(panel.widget)
        take_focus = getattr(panel.widget, "take_focus", None)
        if callable(take_focus):
            take_focus()
        else:
            panel.widget.setFocus()
        return True
