"""The security code's views for one session, on either side: where the code with each other
participant stands, and the two things people do with it (say it matches, say it does not)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from shared.features.verify.engine import Status, Verification, VerifyFeature
from shared.features.verify.protocol import NAME
from shared.qt.feature_views import SessionHost
from shared.session.live import LiveSession


@dataclass(frozen=True)
class VerifyState:
    """Its slice of the console's state: customers whose code is there to confirm."""

    ready: int = 0


class VerifyPart(QObject):
    changed = Signal()

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        # By the other participant's id; only links that have a code (or are making one).
        self.verifications: dict[str, Verification] = {}
        host.feature_event.connect(self._event)

    def adopt(self, session: LiveSession) -> None:
        self.verifications.clear()
        self._changed()

    def close(self) -> None:
        pass  # no windows of its own

    def with_status(self, *statuses: Status) -> list[Verification]:
        return [v for v in self.verifications.values() if v.status in statuses]

    def confirm(self, remote_id: str) -> None:
        """The agent heard the same code: mark the session verified with that customer."""
        self._run(lambda feature: feature.confirm(remote_id))

    def mismatch(self, remote_id: str) -> None:
        """The customer heard another code."""
        self._run(lambda feature: feature.mismatch(remote_id))

    def _run(self, act: Callable[[VerifyFeature], None]) -> None:
        session = self.host.session
        feature = session.part(NAME, VerifyFeature) if session is not None else None
        if feature is None:
            return

        async def run() -> None:
            act(feature)

        self.host.bridge.run(run(), self.host.report_error)

    @Slot(object)
    def _event(self, event: object) -> None:
        if not isinstance(event, Verification):
            return
        if event.status == Status.NONE:
            self.verifications.pop(event.remote_id, None)
        else:
            self.verifications[event.remote_id] = event
        self._changed()

    def _changed(self) -> None:
        self.host.set_slice(NAME, VerifyState(ready=len(self.with_status(Status.READY))))
        self.changed.emit()
