"""The console's side of desktop sharing in one session: which customer the Desktop actions
address, asking and stopping through the engine, and a sentence on what is going on."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from shared.features.desktop.activities import CUSTOMER_SHARES, Activity
from shared.features.desktop.part import DesktopPart
from shared.features.desktop.protocol import ActivityKind, StopReason
from shared.features.desktop.texts import shared_now_text, sharing_ended_text
from shared.session.participants import Participant


class DesktopSharing(QObject):
    customers_changed = Signal(list)  # [(id, name)] of linked customers, in joining order
    status_changed = Signal(str)

    def __init__(self, part: DesktopPart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.customers: list[tuple[str, str]] = []
        self.customer_id: str | None = None
        self.live: dict[str, Activity] = {}
        self._names: dict[str, str] = {}
        self.status = ""
        part.host.participants_changed.connect(self._participants)
        part.activity_changed.connect(self._activity)
        part.host.session_started.connect(self._session_started)

    def choose_customer(self, customer_id: str | None) -> None:
        self.customer_id = customer_id

    @Slot(object)
    def request(self, kind: ActivityKind) -> None:
        if self.customer_id is None:
            return
        self.part.commands.request(kind, self.customer_id)

    @Slot()
    def stop(self) -> None:
        for activity_id in list(self.live):
            self.part.commands.stop(activity_id)

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self._names = {p.id: p.name for p in participants}
        self.customers = [
            (p.id, p.name)
            for p in participants
            if not p.is_agent and p.linked and p.gone_reason is None
        ]
        ids = [cid for cid, _ in self.customers]
        if self.customer_id not in ids:
            self.customer_id = ids[0] if ids else None  # the first linked customer by default
        self.customers_changed.emit(self.customers)

    @Slot(object)
    def _activity(self, activity: Activity) -> None:
        name = self._names.get(activity.customer_id, activity.customer_id)
        i_share = activity.kind not in CUSTOMER_SHARES
        if activity.live:
            before = self.live.get(activity.id)
            self.live[activity.id] = activity
            if activity.asking_control:
                self._say(self.tr("Waiting for {name} to accept control…").format(name=name))
            elif before is not None and before.asking_control and not activity.with_control:
                self._say(
                    self.tr("{name} refused control; you are still viewing their screen.").format(
                        name=name
                    )
                )
            else:
                self._say(shared_now_text(activity.kind.value, activity.state.value, name, i_share))
            return
        self.live.pop(activity.id, None)
        stopped_here = activity.stop_reason == StopReason.STOPPED_BY_AGENT
        reason = activity.stop_reason.value if activity.stop_reason else None
        self._say(sharing_ended_text(activity.state.value, reason, name, stopped_here))

    @Slot(object)
    def _session_started(self, _: object) -> None:
        self.live.clear()
        self._say("")

    def _say(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)
