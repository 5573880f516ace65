"""Run-as's part of one session: on the agent's side, the shell windows (one per logon) fed
from the engine's news and output; on the customer's, nothing of its own (the question is the
consent dialog's, and the logon shows in the session's transcript)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Slot

from shared.features.runas.engine import RunAsFeature, RunAsNews, RunAsText
from shared.features.runas.protocol import NAME
from shared.features.runas.window import ShellWindow
from shared.qt.feature_views import SessionHost
from shared.qt.i18n import fill
from shared.qt.stop_window import StopWindow
from shared.session.live import LiveSession

translate = QCoreApplication.translate


@dataclass(frozen=True)
class RunAsState:
    """Its slice of the console's state: shells open as another user (Log off is enabled)."""

    open: int = 0


class RunAsPart(QObject):
    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.windows: dict[str, ShellWindow] = {}
        self.opened: set[str] = set()
        # Customer side: shown while an agent is logged on as another account, with Stop.
        self.indicator: StopWindow | None = None
        host.feature_event.connect(self._event)

    def adopt(self, session: LiveSession) -> None:
        self._forget_all()

    def close(self) -> None:
        for request_id in list(self.windows):
            self.log_off(request_id)
        self._forget_all()

    def _feature(self) -> RunAsFeature | None:
        session = self.host.session
        return session.part(NAME, RunAsFeature) if session is not None else None

    def log_on(self, account: str, password: str) -> None:
        """Ask the customer the agent helps now to let them log on as ``account``; the
        password goes with the request and is not kept here."""
        feature, customer = self._feature(), self.host.current_customer()
        if feature is None or customer is None:
            return

        async def run() -> str:
            return feature.log_on(customer, account, password)

        self.host.bridge.run(run(), self._asked)

    def _asked(self, request_id: object, error: BaseException | None) -> None:
        if error is not None or not isinstance(request_id, str):
            self.host.report_error(request_id, error)
            return
        if request_id not in self.windows:
            self._window(request_id, "")

    def send_line(self, request_id: str, text: str) -> None:
        feature = self._feature()
        if feature is None:
            return

        async def run() -> None:
            feature.send_line(request_id, text)

        self.host.bridge.run(run(), self.host.report_error)

    def log_off(self, request_id: str) -> None:
        feature = self._feature()
        if feature is None:
            return

        async def run() -> None:
            feature.log_off(request_id)

        self.host.bridge.run(run(), self.host.report_error)

    def log_off_all(self) -> None:
        for request_id in list(self.opened):
            self.log_off(request_id)

    def _window(self, request_id: str, account: str) -> ShellWindow:
        window = self.windows.get(request_id)
        if window is None:
            window = ShellWindow(account, self.host.near())
            window.line_entered.connect(lambda text: self.send_line(request_id, text))
            window.log_off_asked.connect(lambda: self.log_off(request_id))
            self.windows[request_id] = window
            window.show()
        return window

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, RunAsText):
            if (window := self.windows.get(event.id)) is not None:
                window.add_output(event.text)
        elif isinstance(event, RunAsNews) and self.host.side != "console":
            self._indicate(event)
        elif isinstance(event, RunAsNews):
            window = self._window(event.id, event.account)
            window.set_account(event.account)
            window.show_state(event.state, event.reason)
            if event.state == "opened":
                self.opened.add(event.id)
            elif event.state in ("refused", "closed"):
                self.opened.discard(event.id)
            self.host.set_slice(NAME, RunAsState(open=len(self.opened)))

    def stop(self) -> None:
        """Customer side, the customer's Stop: the agent is logged off now."""
        feature = self._feature()
        if feature is None:
            return

        async def run() -> None:
            feature.stop()

        self.host.bridge.run(run(), self.host.report_error)

    def _indicate(self, news: RunAsNews) -> None:
        if news.state == "ended":
            if self.indicator is not None:
                self.indicator.ended()
            return
        if news.state != "running":
            return
        if self.indicator is None:
            self.indicator = StopWindow(
                "runAsRunning",
                translate("RunAs", "Logged on as another user — Tandem"),
                translate(
                    "RunAs", "Log the agent off now: the command window and what it runs end"
                ),
                self.stop,
                self.host.near(),
            )
        agent = next((p.name for p in self.host.participants if p.id == news.customer_id), "")
        self.indicator.running(
            fill(
                translate(
                    "RunAs",
                    "{agent} is logged on to your computer as {account}, with a command window "
                    "and script runs under that account.",
                ),
                agent=agent,
                account=news.account,
            )
        )

    def _forget_all(self) -> None:
        if self.indicator is not None:
            self.indicator.ended()
        for window in self.windows.values():
            window.close()
            window.deleteLater()
        self.windows.clear()
        self.opened.clear()
        self.host.set_slice(NAME, RunAsState())
