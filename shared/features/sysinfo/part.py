"""System information in one session of the agent's console: asking the customer chosen in
the Participants panel, the latest report, a sentence saying where things stand, and the
window (made the first time it is opened)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from shared.features.sysinfo.engine import (
    Report,
    SysinfoArrived,
    SysinfoAsked,
    SysinfoFeature,
    SysinfoStopped,
)
from shared.features.sysinfo.protocol import NAME
from shared.features.sysinfo.texts import stopped_text
from shared.qt.feature_views import SessionHost
from shared.session.live import LiveSession

if TYPE_CHECKING:
    from shared.features.sysinfo.window import SysinfoWindow

translate = QCoreApplication.translate


class SysinfoPart(QObject):
    changed = Signal()

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.report: Report | None = None
        self.busy = False
        self.status = ""
        self.window: SysinfoWindow | None = None
        self._asked = ""  # the request id we wait for
        host.feature_event.connect(self._event)

    def adopt(self, session: LiveSession) -> None:
        self.report, self.busy, self._asked = None, False, ""
        self._say("")

    def close(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()

    def open_window(self) -> SysinfoWindow:
        """Show the window in front; the first time, ask the customer at once."""
        from shared.features.sysinfo.window import SysinfoWindow  # the widgets, when needed

        if self.window is None:
            self.window = SysinfoWindow(self)
        window = self.window
        window.show()
        window.raise_()
        window.activateWindow()
        if self.report is None and not self.busy:
            self.refresh()
        return window

    def refresh(self) -> None:
        """Ask the chosen customer again (they are asked for consent unless allowed)."""
        session = self.host.session
        feature = session.parts.get(NAME) if session is not None else None
        customer = self.host.current_customer()
        if not isinstance(feature, SysinfoFeature) or customer is None:
            self._say(translate("Sysinfo", "No customer is connected to ask."))
            return
        self.busy = True
        self._say(
            translate("Sysinfo", "Asking the customer's computer (the customer is asked first)…")
        )

        async def ask() -> str:
            return feature.request(customer)

        def asked(result: object, error: BaseException | None) -> None:
            if error is not None:
                self.busy = False
                self._say(translate("Sysinfo", "Could not ask: the customer is not connected."))
            elif isinstance(result, str):
                self._asked = result

        self.host.bridge.run(ask(), asked)

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, SysinfoAsked):
            self._asked = event.id
        elif isinstance(event, SysinfoArrived) and event.id == self._asked:
            self.report, self.busy = event.report, False
            when = datetime.fromtimestamp(event.report.collected_at).strftime("%H:%M:%S")
            self._say(translate("Sysinfo", "Collected at {when}.").format(when=when))
        elif isinstance(event, SysinfoStopped) and event.id == self._asked:
            self.busy = False
            self._say(stopped_text(event.reason, event.detail))

    def _say(self, text: str) -> None:
        self.status = text
        self.changed.emit()
