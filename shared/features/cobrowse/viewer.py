"""The agent's window onto the customer's shared window (``shared.qt.area_viewer``), titled
with the window's title."""

from __future__ import annotations

from collections.abc import Callable

from shared.features.cobrowse.engine import Cobrowse
from shared.features.cobrowse.protocol import CobrowseKind
from shared.features.cobrowse.texts import viewer_label, viewer_title, waiting_text
from shared.qt.area_viewer import AreaViewer, InputMessage, drawing_paused_text


class CobrowseViewer(AreaViewer):
    def __init__(
        self,
        cobrowse: Cobrowse,
        send: Callable[[InputMessage], None],
        stop: Callable[[], None],
        sharer_name: str = "",
    ) -> None:
        control = cobrowse.kind == CobrowseKind.CONTROL
        super().__init__(
            cobrowse.id, control, send, stop, waiting_text(), sharer_id=cobrowse.sharer_id
        )
        self.setObjectName("cobrowseViewer")
        self.cobrowse = cobrowse
        self.setWindowTitle(viewer_title(cobrowse.title))
        self.describe(viewer_label(control, sharer_name, cobrowse.title))
        self.follow(cobrowse)

    def follow(self, cobrowse: Cobrowse) -> None:
        """The co-browse changed: while the customer draws over their screen, their side drops
        our input, and this says so."""
        self.cobrowse = cobrowse
        self.set_paused(drawing_paused_text(True) if cobrowse.paused_for else "")
