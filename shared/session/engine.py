"""The state of one session as seen from one peer: lifecycle, participants, audit.

The engine does no I/O. The live session (``live.py``) feeds it what arrives from the center and
the peer links; views subscribe to its events.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from shared.protocol.messages import ParticipantInfo, Role
from shared.session.audit import AuditLog
from shared.session.events import (
    ParticipantsChanged,
    Problem,
    RolesChanged,
    SessionClosed,
    SessionEvent,
    StateChanged,
)
from shared.session.participants import Participant
from shared.session.state import TRANSITIONS, SessionState

log = logging.getLogger(__name__)

# Told of each event: the session's own (events.py) and those its features publish.
Listener = Callable[[SessionEvent | object], None]


class InvalidTransition(RuntimeError):
    pass


class SessionEngine:
    def __init__(self) -> None:
        self.state = SessionState.IDLE
        self.number: int | None = None
        self.me: ParticipantInfo | None = None
        self._participants: dict[str, Participant] = {}
        self.audit = AuditLog()
        self.closed: SessionClosed | None = None
        self._listeners: list[Listener] = []

    # --- subscriptions ------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def publish(self, event: object) -> None:
        """For features riding on the session: tell the views something happened (an event
        of the feature's own, which its views know)."""
        self._emit(event)

    def _emit(self, event: SessionEvent | object) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken view must not take the session down
                log.exception("session listener failed on %s", type(event).__name__)

    # --- lifecycle ----------------------------------------------------------------------------

    def _move(self, state: SessionState) -> None:
        if state == self.state:
            return
        if state not in TRANSITIONS[self.state]:
            raise InvalidTransition(f"{self.state} -> {state}")
        self.state = state
        self._emit(StateChanged(state))

    def connecting(self) -> None:
        self._move(SessionState.CONNECTING)

    def connect_failed(self) -> None:
        self._move(SessionState.IDLE)

    def welcomed(self, number: int, me: ParticipantInfo, others: list[ParticipantInfo]) -> None:
        self.number = number
        self.me = me
        self._participants = {p.id: Participant(p) for p in others if p.id != me.id}
        self.audit.record("session.entered", me.name, session=str(number), role=me.role.value)
        self._move(SessionState.WAITING)
        self._emit_participants()

    def close(self, code: str, by: str | None = None) -> None:
        """The session is over here (ended by the agent, left, or lost). Idempotent."""
        if self.state == SessionState.ENDED:
            return
        self.closed = SessionClosed(code=code, by=by)
        self.audit.record("session.closed", by or "", code=code)
        for pid, participant in self._participants.items():
            if participant.gone_reason is None:
                self._participants[pid] = participant.gone("removed")
        self._move(SessionState.ENDED)
        self._emit_participants()
        self._emit(self.closed)

    @property
    def is_primary_agent(self) -> bool:
        return self.me is not None and self.me.role == Role.PRIMARY_AGENT

    # --- roles --------------------------------------------------------------------------------

    def role_of(self, pid: str) -> Role | None:
        """The role the center gave ``pid`` (us included); None for someone unknown."""
        if self.me is not None and pid == self.me.id:
            return self.me.role
        participant = self._participants.get(pid)
        return participant.info.role if participant is not None else None

    @property
    def primary_id(self) -> str | None:
        """The participant in charge (the center named them primary agent), maybe us."""
        if self.is_primary_agent:
            assert self.me is not None
            return self.me.id
        return next(
            (p.id for p in self._participants.values() if p.info.role == Role.PRIMARY_AGENT),
            None,
        )

    def control_changed(self, previous: str, primary: str, reason: str) -> bool:
        """The center says ``primary`` is in charge now and ``previous`` assists: every role
        follows at once. False (and nothing changes) when we do not know ``primary``. We may
        not know ``previous`` (we joined while their console was gone): ``primary`` is in
        charge all the same, and nobody else is."""
        if self.role_of(primary) is None:
            log.warning("control went from %s to %s, whom we do not know", previous, primary)
            return False
        mine = [self.me.id] if self.me is not None else []
        for pid in [previous, *mine, *(p.id for p in self._participants.values())]:
            if pid != primary and self.role_of(pid) == Role.PRIMARY_AGENT:
                self._set_role(pid, Role.ASSISTANT_AGENT)
        self._set_role(primary, Role.PRIMARY_AGENT)
        self.audit.record("control.changed", primary, previous=previous, reason=reason)
        self._emit_participants()
        self._emit(RolesChanged(previous=previous, primary=primary, reason=reason))
        return True

    def reseated(self, me: ParticipantInfo, others: list[ParticipantInfo]) -> bool:
        """Back in our seat after a drop: the center's roles win (control may have changed
        hands meanwhile). True when ours or anyone's changed (RolesChanged is emitted)."""
        changed = False
        before = self.primary_id
        seated = [me, *others]
        for info in seated:
            role = self.role_of(info.id)
            if role is not None and role != info.role:
                self._set_role(info.id, info.role)
                changed = True
        # The welcome names the one agent in charge. Anyone we still take for it is not (they
        # handed control over and left, or lost their socket, while we were away), and a
        # primary we never met (they joined meanwhile) is a change of hands all the same: a
        # grant given to the former must not pass to them (tests/roles/test_missed_transfer.py).
        named = next((i.id for i in seated if i.role == Role.PRIMARY_AGENT), None)
        if named is not None:
            for pid, participant in list(self._participants.items()):
                if pid != named and participant.info.role == Role.PRIMARY_AGENT:
                    self._set_role(pid, Role.ASSISTANT_AGENT)
                    changed = True
            changed = changed or before != named
        if changed:
            primary = named or self.primary_id or ""
            self.audit.record("control.changed", primary, previous=before or "", reason="reseated")
            self._emit_participants()
            self._emit(RolesChanged(previous=before or "", primary=primary, reason="reseated"))
        return changed

    def _set_role(self, pid: str, role: Role) -> None:
        if self.me is not None and pid == self.me.id:
            self.me = self.me.model_copy(update={"role": role})
            return
        participant = self._participants.get(pid)
        if participant is not None:
            self._participants[pid] = replace(
                participant, info=participant.info.model_copy(update={"role": role})
            )

    # --- participants -------------------------------------------------------------------------

    @property
    def participants(self) -> tuple[Participant, ...]:
        return tuple(self._participants.values())

    def participant(self, pid: str) -> Participant | None:
        return self._participants.get(pid)

    def present(self) -> tuple[Participant, ...]:
        return tuple(p for p in self._participants.values() if p.gone_reason is None)

    def joined(self, info: ParticipantInfo) -> None:
        if self.me is not None and info.id == self.me.id:
            return
        self._participants[info.id] = Participant(info)
        self.audit.record("participant.joined", info.name, role=info.role.value, os=info.os)
        self._emit_participants()

    def left(self, pid: str, reason: str, back_within_s: float | None = None) -> None:
        """``pid`` is gone; ``back_within_s`` when the agent in charge may still come back."""
        participant = self._participants.get(pid)
        if participant is None:
            return
        if participant.gone_reason is not None:
            if reason == "restarting" and participant.gone_reason == "disconnected":
                # Our link saw them drop; the center knows why: their computer restarts.
                self._participants[pid] = participant.gone(reason, back_within_s)
                self.audit.record("participant.left", participant.name, reason=reason)
                self._emit_participants()
            elif back_within_s is not None and participant.back_within_s is None:
                # Our link to the agent dropped first; the center now says they may return.
                self._participants[pid] = participant.gone(reason, back_within_s)
                self._emit_participants()
            return
        self._participants[pid] = participant.gone(reason, back_within_s)
        self.audit.record("participant.left", participant.name, reason=reason)
        self._update_activity()
        self._emit_participants()

    def link_restored(self, pid: str) -> None:
        """Someone we had marked disconnected is reachable again (their link came back)."""
        participant = self._participants.get(pid)
        if participant is None or participant.gone_reason != "disconnected":
            return
        self._participants[pid] = Participant(participant.info)
        self.audit.record("participant.reconnected", participant.name)
        self._emit_participants()

    def link_changed(self, pid: str, linked: bool) -> None:
        participant = self._participants.get(pid)
        if participant is None or participant.linked == linked:
            return
        if linked and participant.gone_reason is not None:
            return
        self._participants[pid] = participant.with_link(linked)
        self._update_activity()
        self._emit_participants()

    def _update_activity(self) -> None:
        if self.state not in (SessionState.WAITING, SessionState.ACTIVE):
            return
        any_link = any(p.linked for p in self._participants.values())
        self._move(SessionState.ACTIVE if any_link else SessionState.WAITING)

    def _emit_participants(self) -> None:
        self._emit(ParticipantsChanged(self.participants))

    def problem(self, code: str, reason: str) -> None:
        self._emit(Problem(code, reason))
