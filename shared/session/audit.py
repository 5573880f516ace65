"""The session's audit trail: every request, answer and action, in order."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from shared.protocol.limits import (
    MAX_AUDIT_LINE_CHARS,
    MAX_AUDIT_LINES,
    MAX_SIGNALING_MESSAGE_BYTES,
)
from shared.protocol.messages import AuditNote, printable_line

log = logging.getLogger(__name__)

# The center's record keeps short kinds and at most 12 short values a note (AuditNote).
MAX_NOTE_KIND_CHARS = 40
MAX_NOTE_VALUES = 12
MAX_NOTE_VALUE_CHARS = 200
# The detail saying which of the notes an entry was split into this one is ("2/3").
PART = "part"


@dataclass(frozen=True)
class AuditEvent:
    kind: str
    actor: str
    detail: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.time)
    # The entry's items when it lists several (a bundle's files), one a line.
    lines: tuple[str, ...] = ()


class AuditLog:
    def __init__(self) -> None:
        self._events: list[AuditEvent] = []
        # Called with each new event; the live session forwards them to the center's record.
        self.listeners: list[Callable[[AuditEvent], None]] = []

    def record(
        self, kind: str, actor: str, *, lines: Iterable[str] = (), **detail: str
    ) -> AuditEvent:
        event = AuditEvent(kind=kind, actor=actor, detail=detail, lines=tuple(lines))
        self._events.append(event)
        for listener in self.listeners:
            listener(event)
        return event

    @property
    def events(self) -> tuple[AuditEvent, ...]:
        return tuple(self._events)


def note_for_center(event: AuditEvent) -> list[AuditNote]:
    """The entry as the center records it in the session's report, cut to the note's limits
    (short kinds, at most 12 short values, lines of printable text); every line goes, in as
    many notes as one message's size and line count take, each with a ``part`` ("2/3") then.
    Empty if it cannot be made a note."""
    kind = event.kind[:MAX_NOTE_KIND_CHARS]
    detail = {
        k[:MAX_NOTE_KIND_CHARS]: v[:MAX_NOTE_VALUE_CHARS]
        for k, v in list(event.detail.items())[:MAX_NOTE_VALUES]
        if k.replace("_", "").isalpha()
    }
    lines = [_line(line) for line in event.lines]
    try:
        if len(lines) <= MAX_AUDIT_LINES:
            whole = AuditNote(kind=kind, detail=detail, lines=lines)
            if _fits(whole):
                return [whole]
        # Room for the part among the values: the last one gives way.
        shared = dict(list(detail.items())[: MAX_NOTE_VALUES - 1])
        groups = _split(kind, shared, lines)
        return [
            AuditNote(kind=kind, detail={**shared, PART: f"{n}/{len(groups)}"}, lines=group)
            for n, group in enumerate(groups, 1)
        ]
    except ValueError:
        log.warning("audit entry %s not sent to the center: not a valid note", event.kind)
        return []


def _fits(note: AuditNote) -> bool:
    return len(note.model_dump_json(exclude_none=True).encode()) <= MAX_SIGNALING_MESSAGE_BYTES


def _split(kind: str, detail: dict[str, str], lines: list[str]) -> list[list[str]]:
    """``lines`` in groups that each fit one note with ``detail`` and a part of up to 9999."""
    shell = AuditNote(kind=kind, detail={**detail, PART: "9999/9999"})
    room = MAX_SIGNALING_MESSAGE_BYTES - len(shell.model_dump_json(exclude_none=True).encode())
    groups: list[list[str]] = [[]]
    used = 0
    for line in lines:
        # A line costs its JSON string (the same escapes as the note's: a line has no control
        # characters) and a comma.
        cost = len(json.dumps(line, ensure_ascii=False).encode()) + 1
        if groups[-1] and (used + cost > room or len(groups[-1]) >= MAX_AUDIT_LINES):
            groups.append([])
            used = 0
        groups[-1].append(line)
        used += cost
    return groups


def _line(text: str) -> str:
    """``text`` as a note's line: a character a line may not hold (a control character, a
    line separator, a direction override) written as ``\\uXXXX``, and cut to the limit."""
    try:
        printable_line(text)
    except ValueError:
        text = "".join(_shown(char) for char in text)
    return text[:MAX_AUDIT_LINE_CHARS]


def _shown(char: str) -> str:
    try:
        return printable_line(char)
    except ValueError:
        return f"\\u{ord(char):04x}"
