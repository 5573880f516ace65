"""Script runs' views for one session, on either side: the agent's runs started from the
library (their output and ends said in the chat), the customer told what runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from shared.features.scripts.engine import ScriptsEvent, ScriptsFeature, ScriptToRun, meta_for
from shared.features.scripts.library import fetch_files, load_library
from shared.features.scripts.protocol import NAME
from shared.features.scripts.texts import (
    event_text,
    running_text,
    running_title,
    stop_tip,
    unknown_text,
)
from shared.protocol.scripts import ScriptLibrary, ScriptSummary
from shared.qt.feature_views import SessionHost
from shared.qt.stop_window import StopWindow
from shared.session.live import LiveSession

# How a run went, once (ok, sentence): the multisession window's report.
RunReport = Callable[[bool, str], None]


class ScriptsPart(QObject):
    # A run's event (ScriptsEvent), for windows that follow it.
    happened = Signal(object)

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self._reports: dict[str, RunReport] = {}
        # Customer side: shown while a run goes on (who, as whom, which script), with Stop.
        self.indicator: StopWindow | None = None
        self._agent = self._account = self._script = ""
        host.feature_event.connect(self._event)

    def adopt(self, session: LiveSession) -> None:
        self._reports.clear()
        self._end_indicator()

    def close(self) -> None:
        self._end_indicator()

    def stop(self) -> None:
        """Customer side: the customer's Stop (the running script killed, the rest not run)."""
        feature = self.feature()
        if feature is None:
            return

        async def go() -> None:
            feature.stop()

        self.host.bridge.run(go(), self.host.report_error)

    def _indicate(self, event: ScriptsEvent) -> None:
        """Customer side: the window saying scripts run, with Stop, while a run goes on."""
        if event.kind == "ended":
            self._end_indicator()
            return
        if event.kind == "started":
            self._agent = next(
                (p.name for p in self.host.participants if p.id == event.customer_id), ""
            )
            self._account = event.text
            self._script = ""
        elif event.kind == "running":
            self._script = event.name
        else:
            return
        if self.indicator is None:
            self.indicator = StopWindow(
                "scriptsRunning",
                running_title(),
                stop_tip(),
                self.stop,
                self.host.near(),
            )
        self.indicator.running(running_text(self._agent, self._account, self._script))

    def _end_indicator(self) -> None:
        if self.indicator is not None:
            self.indicator.ended()

    def feature(self) -> ScriptsFeature | None:
        session = self.host.session
        return session.part(NAME, ScriptsFeature) if session is not None else None

    def run(
        self,
        customer_id: str,
        scripts: list[ScriptSummary],
        report: RunReport | None = None,
    ) -> None:
        """Fetch ``scripts`` from the library and offer them, in this order, to the customer."""
        session, feature = self.host.session, self.feature()
        token = getattr(getattr(session, "account", None), "token", None)
        if session is None or feature is None or not isinstance(token, str):
            raise ConnectionError("no session to run scripts in")

        async def go() -> str:
            runs = []
            for script in scripts:
                files = await fetch_files(session.center, token, script)
                meta = meta_for(script.id, script.name, files)
                runs.append(ScriptToRun(meta, files.executable, files.input))
            return feature.offer(customer_id, runs)

        def done(run_id: str | None, error: BaseException | None) -> None:
            if error is not None or run_id is None:
                if report is not None:
                    report(False, str(error))
                else:
                    self.host.report_error(None, error)
                return
            if report is not None:
                self._reports[run_id] = report

        self.host.bridge.run(go(), done)

    def run_named(self, customer_id: str, names: list[str], report: RunReport) -> None:
        """Run the library's scripts of these names, in this order (the multisession window's
        run on several sessions names them once for all)."""
        session = self.host.session
        token = getattr(getattr(session, "account", None), "token", None)
        if session is None or not isinstance(token, str):
            raise ConnectionError("no session to run scripts in")

        def loaded(library: ScriptLibrary | None, error: BaseException | None) -> None:
            if error is not None or library is None:
                report(False, str(error))
                return
            by_name = {s.name.casefold(): s for s in library.scripts}
            unknown = [n for n in names if n.casefold() not in by_name]
            if unknown:
                report(False, unknown_text(unknown))
                return
            self.run(customer_id, [by_name[n.casefold()] for n in names], report)

        self.host.bridge.run(load_library(session.center, token), loaded)

    @Slot(object)
    def _event(self, event: object) -> None:
        if not isinstance(event, ScriptsEvent):
            return
        if self.host.side != "console":
            self._indicate(event)
        for text in event_text(event):
            self.host.notice.emit(text)
        report = self._reports.get(event.run_id)
        if report is not None and event.kind in ("refused", "done"):
            del self._reports[event.run_id]
            report(event.kind == "done" and not event.truncated, event_text(event)[0])
        self.happened.emit(event)
