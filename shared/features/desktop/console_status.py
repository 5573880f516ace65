"""The console's side of desktop sharing in one session: the customers the Desktop actions may
address (the session's chosen one, ``SessionHost.current_customer``, is whom they do), asking and
stopping through the engine, ending what runs with a customer when the agent helps another, and a
sentence on what is going on."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from shared.features.desktop.activities import CUSTOMER_SHARES, Activity, ActivityState
from shared.features.desktop.part import DesktopPart
from shared.features.desktop.protocol import ActivityKind, StopReason
from shared.features.desktop.texts import shared_now_text, sharing_ended_text
from shared.qt.feature_views import CannotRun, Report
from shared.qt.i18n import fill
from shared.session.participants import Participant


class DesktopSharing(QObject):
    customers_changed = Signal(list)  # [(id, name)] of linked customers, in joining order
    status_changed = Signal(str)

    def __init__(self, part: DesktopPart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.customers: list[tuple[str, str]] = []
        self.live: dict[str, Activity] = {}
        self._names: dict[str, str] = {}
        # Activities stopped because the agent helps another customer: activity id -> whom.
        self._switching: dict[str, str] = {}
        self.status = ""
        part.host.participants_changed.connect(self._participants)
        part.host.customer_chosen.connect(self._chosen)
        part.activity_changed.connect(self._activity)
        part.host.session_started.connect(self._session_started)

    @property
    def customer_id(self) -> str | None:
        """The customer the Desktop actions address: the session's chosen one."""
        chosen: str | None = self.part.host.current_customer()
        return chosen

    def choose_customer(self, customer_id: str | None) -> None:
        """Help ``customer_id`` (the Desktop tab's list mirrors the Participants panel)."""
        if customer_id is not None:
            self.part.host.choose_customer(customer_id)

    @Slot(object)
    def request(self, kind: ActivityKind) -> None:
        if self.customer_id is None:
            return
        self.part.commands.request(kind, self.customer_id)

    def request_view_in_several(self, _text: str, report: Report) -> None:
        """Run on several sessions: ask this session's chosen customer to show their screen."""
        customer = self.customer_id
        if customer is None or customer not in dict(self.customers):
            raise CannotRun(self.tr("No customer is connected."))
        if not self.part.commands.available:
            raise CannotRun(self.tr("Desktop sharing is not available on this computer."))
        name = self._names.get(customer, "")

        def done(_activity: object, error: BaseException | None) -> None:
            if error is not None:
                report(False, str(error))
            else:
                report(True, self.tr("Asked {name} to let you see their screen.").format(name=name))

        self.part.commands.request(ActivityKind.VIEW, customer, done)

    # --- helping another customer (the kit's CustomerBound) ------------------------------------

    def running_with(self, customer_id: str) -> list[str]:
        kinds = [a.kind for a in self.live.values() if a.customer_id == customer_id]
        return [self._running_text(kind) for kind in dict.fromkeys(kinds)]

    def end_with(self, customer_id: str, next_name: str) -> None:
        for activity in list(self.live.values()):
            if activity.customer_id == customer_id:
                self._switching[activity.id] = next_name
                self.part.commands.stop(activity.id)

    def _running_text(self, kind: ActivityKind) -> str:
        return {
            ActivityKind.VIEW: self.tr("the view of their screen"),
            ActivityKind.CONTROL: self.tr("the control of their screen"),
            ActivityKind.SHOW: self.tr("your screen shown to them"),
            ActivityKind.GIVE_CONTROL: self.tr("their control of your screen"),
        }[kind]

    @Slot()
    def stop(self) -> None:
        for activity_id in list(self.live):
            self.part.commands.stop(activity_id)

    @Slot()
    def cancel(self) -> None:
        """Take back the requests the customer has not answered yet: stopping a requested
        activity closes the customer's question, and their answer after that starts nothing
        (``SharingFeature.stop``). Whatever already runs goes on."""
        for activity in list(self.live.values()):
            if activity.state == ActivityState.REQUESTED:
                self.part.commands.stop(activity.id)

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self._names = {p.id: p.name for p in participants}
        self.customers = [
            (p.id, p.name)
            for p in participants
            if not p.is_agent and p.linked and p.gone_reason is None
        ]
        self.customers_changed.emit(self.customers)

    @Slot(object)
    def _chosen(self, _customer_id: object) -> None:
        self.customers_changed.emit(self.customers)  # the Desktop tab's list shows the choice

    @Slot(object)
    def _activity(self, activity: Activity) -> None:
        name = self._names.get(activity.customer_id, activity.customer_id)
        i_share = activity.kind not in CUSTOMER_SHARES
        if activity.live:
            before = self.live.get(activity.id)
            self.live[activity.id] = activity
            if activity.asking_control:
                self._say(fill(self.tr("Waiting for {name} to accept control…"), name=name))
            elif before is not None and before.asking_control and not activity.with_control:
                self._say(
                    self.tr("{name} refused control; you are still viewing their screen.").format(
                        name=name
                    )
                )
            else:
                self._say(shared_now_text(activity.kind.value, activity.state.value, name, i_share))
            return
        before = self.live.pop(activity.id, None)
        next_name = self._switching.pop(activity.id, None)
        if next_name is not None:
            self._say(
                self.tr("Sharing with {name} ended: you are now helping {next}.").format(
                    name=name, next=next_name
                )
            )
            return
        stopped_here = activity.stop_reason == StopReason.STOPPED_BY_AGENT
        if stopped_here and before is not None and before.state == ActivityState.REQUESTED:
            self._say(self.tr("You cancelled your request to {name}.").format(name=name))
            return
        reason = activity.stop_reason.value if activity.stop_reason else None
        self._say(sharing_ended_text(activity.state.value, reason, name, stopped_here))

    @Slot(object)
    def _session_started(self, _: object) -> None:
        self.live.clear()
        self._switching.clear()
        self._say("")

    def _say(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)
