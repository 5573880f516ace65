"""Co-browsing in the agent's console: "Co-browse ▸ View" and "Co-browse ▸ Control", registered
once, so that every face shows them: the dashboard's Application tab (where the manual's table
of that tab lists "Affichage / Contrôle de la co-navigation"), a button on the icon bar, the
multisession window's Sharing page; and the viewer window of each co-browse."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QStyle

from shared.features.cobrowse.engine import Cobrowse, CobrowseState
from shared.features.cobrowse.part import CobrowsePart
from shared.features.cobrowse.protocol import NAME, CobrowseKind
from shared.features.cobrowse.texts import ended_text, granted_text, refused_text, viewer_title
from shared.features.cobrowse.viewer import CobrowseViewer
from shared.qt.application_actions import register_requests
from shared.qt.feature_views import (
    ConsoleHost,
    ConsoleView,
    SessionHost,
)

# Registry keys, for the faces' tests.
REQUEST_KEYS: dict[CobrowseKind, str] = {
    CobrowseKind.VIEW: "cobrowse_view",
    CobrowseKind.CONTROL: "cobrowse_control",
}

translate = QCoreApplication.translate


class ConsoleCobrowsePart(CobrowsePart):
    """The console's part: a viewer window per co-browse granted, and a line in the session's
    transcript when one is granted, refused or ends."""

    def __init__(self, host: SessionHost) -> None:
        super().__init__(host)
        self.viewers: dict[str, CobrowseViewer] = {}
        self.changed.connect(self._changed)
        self.frame_ready.connect(self._frame_ready)

    # The kit's CustomerBound: helping another customer ends co-browsing with this one.
    def running_with(self, customer_id: str) -> list[str]:
        return [viewer_title(c.title) for c in self.live.values() if c.customer_id == customer_id]

    def end_with(self, customer_id: str, next_name: str) -> None:
        for cobrowse in list(self.live.values()):
            if cobrowse.customer_id == customer_id:
                self.stop(cobrowse.id)

    def close(self) -> None:
        for viewer in list(self.viewers.values()):
            viewer.ended()
        self.viewers.clear()
        super().close()

    @Slot(object)
    def _changed(self, cobrowse: Cobrowse) -> None:
        engine = self.host.session.engine if self.host.session is not None else None
        me = engine.me if engine is not None else None
        if engine is None or me is None or me.id != cobrowse.agent_id:
            return
        viewer = self.viewers.get(cobrowse.id)
        if cobrowse.state == CobrowseState.ACTIVE and viewer is None:
            self.viewers[cobrowse.id] = viewer = CobrowseViewer(
                cobrowse,
                lambda event: self.send_input(cobrowse.id, event),
                lambda: self.stop(cobrowse.id),
                customer.name if (customer := engine.participant(cobrowse.customer_id)) else "",
            )
            viewer.show()
            self.host.notice.emit(granted_text(cobrowse.title))
        elif cobrowse.state == CobrowseState.ACTIVE and viewer is not None:
            viewer.follow(cobrowse)  # the customer may draw over their screen: input pauses
        elif cobrowse.state == CobrowseState.REFUSED:
            self.host.notice.emit(refused_text(cobrowse.no_window))
        elif cobrowse.state == CobrowseState.STOPPED:
            self.host.notice.emit(ended_text(cobrowse.end, agent_side=True))
            if viewer is not None:
                del self.viewers[cobrowse.id]
                viewer.ended()

    @Slot(str)
    def _frame_ready(self, cobrowse_id: str) -> None:
        frame = self.take_frame(cobrowse_id)
        viewer = self.viewers.get(cobrowse_id)
        if frame is not None and viewer is not None:
            viewer.show_frame(frame)


def _register_actions(console: ConsoleHost) -> None:
    pixmap = QStyle.StandardPixmap
    actions = (
        (
            CobrowseKind.VIEW,
            REQUEST_KEYS[CobrowseKind.VIEW],
            translate("Actions", "Co-browse ▸ View"),
            translate(
                "Actions",
                "Ask the customer to let you see the window they called you from (their "
                "browser), and nothing else of their screen",
            ),
            pixmap.SP_FileDialogContentsView,
        ),
        (
            CobrowseKind.CONTROL,
            REQUEST_KEYS[CobrowseKind.CONTROL],
            translate("Actions", "Co-browse ▸ Control"),
            translate(
                "Actions",
                "Ask the customer to let you see and control the window they called you from "
                "(their browser), and nothing else of their screen",
            ),
            pixmap.SP_FileDialogDetailedView,
        ),
    )
    # After the one-application activities (shared/features/appshare).
    register_requests(console, NAME, ConsoleCobrowsePart, actions, first_order=510)


CONSOLE_VIEW = ConsoleView(
    name=NAME,
    session_part=ConsoleCobrowsePart,
    register_actions=_register_actions,
)
