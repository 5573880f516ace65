"""The session's audit trail: every request, answer and action, in order."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from shared.protocol.messages import AuditNote

log = logging.getLogger(__name__)


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


def note_for_center(event: AuditEvent) -> AuditNote | None:
    """The entry as the center records it in the session's report, cut to the note's limits
    (the center's record keeps short kinds and at most 12 short values); None if it cannot be
    made one."""
    detail = {
        k[:40]: v[:200] for k, v in list(event.detail.items())[:12] if k.replace("_", "").isalpha()
    }
    try:
        return AuditNote(kind=event.kind[:40], detail=detail)
    except ValueError:
        log.warning("audit entry %s not sent to the center: not a valid note", event.kind)
        return None
