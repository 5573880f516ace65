"""Desktop sharing in the customer's window: a line saying what is shared right now (under who
helps them), the viewer of the agent's screen, the indicator while theirs is shared."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from shared.features.desktop.part import DesktopPart
from shared.features.desktop.protocol import NAME
from shared.features.desktop.remote_viewer import ViewDefaults
from shared.features.desktop.texts import (
    assisted_detail,
    consent_detail,
    consent_title,
    other_share_text,
    screen_not_shared_text,
)
from shared.kit.shares import shares_in
from shared.qt.feature_views import CustomerView, PanelSpec, Place, SessionHost
from shared.qt.fixed_space import keep_lines
from shared.qt.pins import client_settings
from shared.qt.plain_text import plain
from shared.session.consent import ConsentRequest

translate = QCoreApplication.translate


class ClientViewPreferences:
    """A viewer of the agent's screen opens as the manual says, where the customer left it."""

    def view_defaults(self) -> ViewDefaults:
        return ViewDefaults(settings=client_settings())


def _part(host: SessionHost) -> DesktopPart:
    return DesktopPart(host, ClientViewPreferences())


class SharedNow(QWidget):
    """What is shared right now, in a sentence or two."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain(QLabel(screen_not_shared_text()))
        self.label.setObjectName("sharingLabel")
        keep_lines(self.label, 2)  # what is shared changing moves nothing below
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.part: DesktopPart | None = None
        self.sentences: list[str] = []  # desktop sharing's own, from its windows

    def bind(self, part: Any) -> None:
        if isinstance(part, DesktopPart) and part is not self.part:
            self.part = part
            part.windows.shared_now.connect(self._shared_now)
            # Another feature's share (an application, co-browsing) starts and ends with its
            # own events: this line must not say "nothing is shared" meanwhile.
            part.host.feature_event.connect(self._show)

    @Slot(list)
    def _shared_now(self, sentences: list[str]) -> None:
        self.sentences = sentences
        self._show()

    @Slot()
    def _show(self, *_: object) -> None:
        if self.sentences:
            self.label.setText("\n".join(self.sentences))
            return
        session = self.part.host.session if self.part is not None else None
        shared = session is not None and bool(shares_in(session))
        self.label.setText(other_share_text() if shared else screen_not_shared_text())


def _status(_buttons: list[QToolButton]) -> SharedNow:
    return SharedNow()


def _question(request: ConsentRequest) -> tuple[str, str]:
    detail = consent_detail(request.what)
    if request.also_seen_by:
        detail += " " + assisted_detail(request.also_seen_by)
    return consent_title(request.what, request.agent_name), detail


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=_part,
    panels=(PanelSpec(NAME, Place.STATUS, lambda: translate("Actions", "Desktop"), _status),),
    question=_question,
)
