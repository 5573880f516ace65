"""The session's audit trail: every request, answer and action, in order."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AuditEvent:
    kind: str
    actor: str
    detail: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.time)


class AuditLog:
    def __init__(self) -> None:
        self._events: list[AuditEvent] = []
        # Called with each new event; the live session forwards them to the center's record.
        self.listeners: list[Callable[[AuditEvent], None]] = []

    def record(self, kind: str, actor: str, **detail: str) -> AuditEvent:
        event = AuditEvent(kind=kind, actor=actor, detail=detail)
        self._events.append(event)
        for listener in self.listeners:
            listener(event)
        return event

    @property
    def events(self) -> tuple[AuditEvent, ...]:
        return tuple(self._events)
