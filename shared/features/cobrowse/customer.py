"""Co-browsing in the customer's client: the consent question naming the window, and a small
always-on-top window with Stop while the agent views or controls it."""

from __future__ import annotations

from PySide6.QtCore import Slot

from shared.features.cobrowse.engine import Cobrowse, CobrowseState
from shared.features.cobrowse.part import CobrowsePart
from shared.features.cobrowse.protocol import NAME
from shared.features.cobrowse.texts import (
    consent_detail,
    consent_title,
    ended_text,
    running_text,
    stop_tip,
    stop_window_title,
)
from shared.qt.feature_views import CustomerView, SessionHost
from shared.qt.stop_window import StopWindow
from shared.session.consent import ConsentRequest


class CustomerCobrowsePart(CobrowsePart):
    def __init__(self, host: SessionHost) -> None:
        super().__init__(host)
        self.running: Cobrowse | None = None
        self.window = StopWindow(
            "cobrowseStop", stop_window_title(), stop_tip(), self._stop, host.near()
        )
        self.changed.connect(self._changed)

    def close(self) -> None:
        self.window.ended()
        super().close()

    def _stop(self) -> None:
        if self.running is not None:
            self.stop(self.running.id)

    @Slot(object)
    def _changed(self, cobrowse: Cobrowse) -> None:
        me = self.host.session.engine.me if self.host.session is not None else None
        if me is None or me.id != cobrowse.customer_id:
            return
        agent = (
            self.host.session.engine.participant(cobrowse.agent_id) if self.host.session else None
        )
        name = agent.name if agent is not None else ""
        if cobrowse.state == CobrowseState.ACTIVE:
            self.running = cobrowse
            self.window.running(running_text(cobrowse.kind.value, name, cobrowse.title))
        elif not cobrowse.live and self.running is not None and self.running.id == cobrowse.id:
            self.running = None
            self.window.ended()
            if cobrowse.state == CobrowseState.STOPPED:
                self.host.notice.emit(ended_text(cobrowse.end, agent_side=False))


def _question(request: ConsentRequest) -> tuple[str, str]:
    return (
        consent_title(request.what, request.agent_name, request.subject),
        consent_detail(request.what),
    )


CUSTOMER_VIEW = CustomerView(name=NAME, session_part=CustomerCobrowsePart, question=_question)
