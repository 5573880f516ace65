"""Print to my printer's part of one session, on either side: the agent's printer choice,
turning it on and off and a line per job; the customer's notice of the printer and Remove."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal, Slot

from shared.features.printing.agent_printers import AgentPrinters, list_printers
from shared.features.printing.engine import (
    ControlSeen,
    JobChanged,
    PrintingFeature,
    PrintingStatus,
)
from shared.features.printing.protocol import NAME
from shared.qt.feature_views import SessionHost
from shared.qt.i18n import fill
from shared.session.live import LiveSession

if TYPE_CHECKING:
    from shared.features.printing.dialog import PrintDialog

translate = QCoreApplication.translate

# The agent's chosen printer for Tandem's jobs, kept between sessions.
DEFAULT_PRINTER_KEY = "printing/default_printer"
# Lines of jobs kept in the dialog and the notice.
MAX_JOB_LINES = 20


@dataclass(frozen=True)
class PrintingState:
    """Printing's slice of the console's state: we control the chosen customer's desktop."""

    controlling: bool = False
    on: bool = False


def describe(agent_name: str) -> str:
    """The temporary printer's name as the customer sees it, in their language."""
    return fill(translate("Printing", "Tandem – {agent}'s printer"), agent=agent_name)


class PrintingPart(QObject):
    changed = Signal()

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.feature: PrintingFeature | None = None
        self.controlled: frozenset[str] = frozenset()
        self.statuses: dict[str, PrintingStatus] = {}  # agent: by customer
        self.status: PrintingStatus | None = None  # customer: our printer
        self.jobs: dict[str, JobChanged] = {}
        self.dialog: PrintDialog | None = None
        host.feature_event.connect(self._event)
        if hasattr(host, "customer_chosen"):
            host.customer_chosen.connect(lambda _customer: self._state())

    def adopt(self, session: LiveSession) -> None:
        self.feature = session.part(NAME, PrintingFeature)
        if self.feature is not None and self.host.side == "customer":
            self.feature.describe = describe
        self.controlled, self.statuses, self.status, self.jobs = frozenset(), {}, None, {}
        self._state()
        self.changed.emit()

    def close(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    # --- the agent's commands -----------------------------------------------------------------

    def printers(self) -> AgentPrinters:
        return list_printers()

    def _settings(self) -> QSettings:
        """The console's own settings (its preferences'), where the agent's choice is kept."""
        settings = getattr(self.host.preferences, "settings", None)
        return settings if isinstance(settings, QSettings) else QSettings()

    def saved_default(self) -> str:
        return str(self._settings().value(DEFAULT_PRINTER_KEY, "") or "")

    def save_default(self, printer: str) -> None:
        self._settings().setValue(DEFAULT_PRINTER_KEY, printer)

    def current_status(self) -> PrintingStatus | None:
        customer = self.host.current_customer()
        return self.statuses.get(customer) if customer is not None else None

    def controlling(self) -> bool:
        customer = self.host.current_customer()
        return customer is not None and customer in self.controlled

    def turn_on(self, printer: str) -> None:
        feature, customer = self.feature, self.host.current_customer()
        if feature is None or customer is None:
            return

        async def run() -> None:
            feature.turn_on(customer, printer)

        self.host.bridge.run(run(), self.host.report_error)

    def set_printer(self, printer: str) -> None:
        feature, customer = self.feature, self.host.current_customer()
        if feature is None or customer is None:
            return

        async def run() -> None:
            feature.set_printer(customer, printer)

        self.host.bridge.run(run(), self.host.report_error)

    def turn_off(self) -> None:
        feature, customer = self.feature, self.host.current_customer()
        if feature is None or customer is None:
            return

        async def run() -> None:
            feature.turn_off(customer)

        self.host.bridge.run(run(), self.host.report_error)

    def open_dialog(self) -> PrintDialog:
        from shared.features.printing.dialog import PrintDialog  # the widgets, when needed

        if self.dialog is None:
            self.dialog = PrintDialog(self, self.host.near())
        dialog = self.dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # --- the customer's command ---------------------------------------------------------------

    def withdraw(self) -> None:
        feature = self.feature
        if feature is None:
            return

        async def run() -> None:
            feature.withdraw()

        self.host.bridge.run(run(), self.host.report_error)

    # --- a customer helped by someone else (the console) --------------------------------------

    def running_with(self, customer_id: str) -> list[str]:
        status = self.statuses.get(customer_id)
        if status is not None and status.stage in ("asking", "on"):
            return [translate("Printing", "printing to your printer")]
        return []

    def end_with(self, customer_id: str, next_name: str) -> None:
        feature = self.feature
        if feature is not None and customer_id in feature.offers:

            async def run() -> None:
                feature.turn_off(customer_id)

            self.host.bridge.run(run(), self.host.report_error)

    # --- from the engine ----------------------------------------------------------------------

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, ControlSeen):
            self.controlled = event.customers
        elif isinstance(event, PrintingStatus):
            if self.host.side == "customer":
                self.status = event
            else:
                self.statuses[event.customer_id] = event
        elif isinstance(event, JobChanged):
            known = self.jobs.get(event.job)
            if known is not None and not event.size:  # the customer hears no size back
                event = replace(event, size=known.size)
            self.jobs[event.job] = event
            while len(self.jobs) > MAX_JOB_LINES:
                del self.jobs[next(iter(self.jobs))]
        else:
            return
        self._state()
        self.changed.emit()

    def _state(self) -> None:
        status = self.current_status()
        on = status is not None and status.stage in ("asking", "on")
        self.host.set_slice(NAME, PrintingState(self.controlling(), on))
