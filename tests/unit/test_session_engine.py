"""The session engine's state machine, without any network: what a view would be told."""

from __future__ import annotations

import logging
from typing import TypeVar

import pytest

from shared.protocol.messages import ParticipantInfo, Role
from shared.session.engine import InvalidTransition, SessionEngine
from shared.session.events import (
    ParticipantsChanged,
    Problem,
    SessionClosed,
    StateChanged,
)
from shared.session.state import TRANSITIONS, SessionState

AGENT = ParticipantInfo(id="pagent", role=Role.PRIMARY_AGENT, name="Ada Agent")
GRACE = ParticipantInfo(
    id="pgrace", role=Role.CUSTOMER, name="Grace", os="Debian 12", machine="lab"
)
ALAN = ParticipantInfo(id="palan", role=Role.CUSTOMER, name="Alan")
NUMBER = 123_456_789

E = TypeVar("E")


class Recorder:
    def __init__(self, engine: SessionEngine) -> None:
        self.events: list[object] = []
        engine.subscribe(self.events.append)

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]

    @property
    def states(self) -> list[SessionState]:
        return [e.state for e in self.events if isinstance(e, StateChanged)]


def in_session(me: ParticipantInfo = AGENT, *others: ParticipantInfo) -> SessionEngine:
    engine = SessionEngine()
    engine.connecting()
    engine.welcomed(NUMBER, me, list(others))
    return engine


# --- lifecycle --------------------------------------------------------------------------------


def test_a_session_goes_idle_connecting_waiting_active_ended() -> None:
    engine = SessionEngine()
    seen = Recorder(engine)
    assert engine.state == SessionState.IDLE
    engine.connecting()
    engine.welcomed(NUMBER, AGENT, [])
    engine.joined(GRACE)
    engine.link_changed(GRACE.id, True)
    engine.close("ended_by_agent", "Ada Agent")
    assert seen.states == [
        SessionState.CONNECTING,
        SessionState.WAITING,
        SessionState.ACTIVE,
        SessionState.ENDED,
    ]
    assert engine.number == NUMBER and engine.me == AGENT and engine.is_primary_agent


def test_a_failed_connection_goes_back_to_idle_and_can_try_again() -> None:
    engine = SessionEngine()
    seen = Recorder(engine)
    engine.connecting()
    engine.connect_failed()
    assert engine.state == SessionState.IDLE
    engine.connecting()
    engine.welcomed(NUMBER, GRACE, [AGENT])
    assert seen.states == [
        SessionState.CONNECTING,
        SessionState.IDLE,
        SessionState.CONNECTING,
        SessionState.WAITING,
    ]
    assert not engine.is_primary_agent


@pytest.mark.parametrize(
    ("source", "target"),
    [(s, t) for s in SessionState for t in SessionState if s != t and t not in TRANSITIONS[s]],
)
def test_every_transition_not_in_the_table_is_refused(
    source: SessionState, target: SessionState
) -> None:
    engine = SessionEngine()
    engine.state = source
    seen = Recorder(engine)
    with pytest.raises(InvalidTransition):
        engine._move(target)
    assert engine.state == source and seen.events == []


def test_welcome_without_connecting_is_refused() -> None:
    engine = SessionEngine()
    with pytest.raises(InvalidTransition):
        engine.welcomed(NUMBER, AGENT, [])
    assert engine.state == SessionState.IDLE


def test_nothing_restarts_an_ended_session() -> None:
    engine = in_session(AGENT, GRACE)
    engine.close("ended_by_agent")
    with pytest.raises(InvalidTransition):
        engine.connecting()
    engine.link_changed(GRACE.id, True)  # a late link event changes nothing
    assert engine.state == SessionState.ENDED
    assert not engine.participant(GRACE.id).linked  # type: ignore[union-attr]


def test_close_is_idempotent_and_announced_once() -> None:
    engine = in_session(AGENT, GRACE)
    engine.link_changed(GRACE.id, True)
    seen = Recorder(engine)
    engine.close("ended_by_agent", "Ada Agent")
    engine.close("connection_lost")
    engine.close("left", "Grace")
    assert seen.of(SessionClosed) == [SessionClosed(code="ended_by_agent", by="Ada Agent")]
    assert engine.closed == SessionClosed(code="ended_by_agent", by="Ada Agent")
    assert seen.states == [SessionState.ENDED]
    assert [e.kind for e in engine.audit.events].count("session.closed") == 1


def test_closing_marks_everyone_still_present_as_removed() -> None:
    engine = in_session(AGENT, GRACE, ALAN)
    engine.left(ALAN.id, "left")
    engine.close("ended_by_agent")
    assert engine.participant(GRACE.id).gone_reason == "removed"  # type: ignore[union-attr]
    assert engine.participant(ALAN.id).gone_reason == "left"  # type: ignore[union-attr]
    assert engine.present() == ()


def test_close_from_idle_is_allowed() -> None:
    engine = SessionEngine()
    engine.close("connection_lost")
    assert engine.state == SessionState.ENDED
    assert engine.closed == SessionClosed(code="connection_lost")


# --- participants -----------------------------------------------------------------------------


def test_welcome_lists_the_others_but_not_me() -> None:
    engine = SessionEngine()
    seen = Recorder(engine)
    engine.connecting()
    engine.welcomed(NUMBER, GRACE, [AGENT, GRACE])
    assert [p.id for p in engine.participants] == [AGENT.id]
    assert seen.of(ParticipantsChanged)[-1].participants == engine.participants


def test_joining_shows_name_os_and_machine() -> None:
    engine = in_session()
    seen = Recorder(engine)
    engine.joined(GRACE)
    engine.joined(AGENT)  # my own arrival is not someone joining
    (grace,) = engine.present()
    assert (grace.name, grace.info.os, grace.info.machine) == ("Grace", "Debian 12", "lab")
    assert not grace.linked and grace.gone_reason is None and not grace.is_agent
    assert len(seen.of(ParticipantsChanged)) == 1
    assert engine.state == SessionState.WAITING  # joined is not linked


def test_links_drive_waiting_and_active() -> None:
    engine = in_session(AGENT, GRACE, ALAN)
    seen = Recorder(engine)
    engine.link_changed(GRACE.id, True)
    engine.link_changed(ALAN.id, True)
    engine.link_changed(GRACE.id, False)  # Alan is still linked: still active
    engine.link_changed(ALAN.id, False)
    engine.link_changed(GRACE.id, True)
    assert seen.states == [SessionState.ACTIVE, SessionState.WAITING, SessionState.ACTIVE]
    assert [p.id for p in engine.participants if p.linked] == [GRACE.id]


def test_leaving_drops_the_link_and_keeps_the_participant_listed() -> None:
    engine = in_session(AGENT, GRACE)
    engine.link_changed(GRACE.id, True)
    seen = Recorder(engine)
    engine.left(GRACE.id, "disconnected")
    grace = engine.participant(GRACE.id)
    assert grace is not None and grace.gone_reason == "disconnected" and not grace.linked
    assert engine.present() == () and engine.participants == (grace,)
    assert engine.state == SessionState.WAITING  # the agent's session stays open
    assert seen.of(ParticipantsChanged)
    # Leaving twice, or a stranger leaving, changes nothing and is not audited twice.
    engine.left(GRACE.id, "left")
    engine.left("pnobody", "left")
    assert engine.participant(GRACE.id).gone_reason == "disconnected"  # type: ignore[union-attr]
    assert [e.kind for e in engine.audit.events].count("participant.left") == 1


def test_a_gone_participant_is_not_linked_again_by_a_late_event() -> None:
    engine = in_session(AGENT, GRACE)
    engine.left(GRACE.id, "disconnected")
    engine.link_changed(GRACE.id, True)
    assert not engine.participant(GRACE.id).linked  # type: ignore[union-attr]
    assert engine.state == SessionState.WAITING


def test_a_returning_participant_is_present_again() -> None:
    engine = in_session(AGENT, GRACE)
    engine.left(GRACE.id, "disconnected")
    engine.joined(GRACE)
    engine.link_changed(GRACE.id, True)
    assert [p.id for p in engine.present()] == [GRACE.id]
    assert engine.state == SessionState.ACTIVE


def test_link_events_for_strangers_are_ignored() -> None:
    engine = in_session(AGENT, GRACE)
    seen = Recorder(engine)
    engine.link_changed("pstranger", True)
    assert engine.state == SessionState.WAITING and seen.events == []


def test_link_events_before_the_welcome_do_not_change_state() -> None:
    engine = SessionEngine()
    engine.connecting()
    engine.link_changed("pagent", True)
    assert engine.state == SessionState.CONNECTING


# --- audit and listeners ----------------------------------------------------------------------


def test_audit_records_the_story_in_order() -> None:
    engine = in_session(AGENT)
    engine.joined(GRACE)
    engine.left(GRACE.id, "left")
    engine.close("ended_by_agent", "Ada Agent")
    assert [(e.kind, e.actor) for e in engine.audit.events] == [
        ("session.entered", "Ada Agent"),
        ("participant.joined", "Grace"),
        ("participant.left", "Grace"),
        ("session.closed", "Ada Agent"),
    ]


def test_a_raising_listener_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    engine = SessionEngine()
    before: list[object] = []
    after: list[object] = []

    def broken(_: object) -> None:
        raise RuntimeError("a view crashed")

    engine.subscribe(before.append)
    engine.subscribe(broken)
    engine.subscribe(after.append)
    with caplog.at_level(logging.ERROR):
        engine.connecting()
        engine.welcomed(NUMBER, AGENT, [])
        engine.problem("center_lost", "Lost the connection to the support center.")
    assert before == after and len(after) == 4
    assert isinstance(after[-1], Problem) and after[-1].code == "center_lost"
    assert engine.state == SessionState.WAITING
    assert "session listener failed" in caplog.text


def test_unsubscribed_listener_hears_nothing_more() -> None:
    engine = SessionEngine()
    heard: list[object] = []
    engine.subscribe(heard.append)
    engine.connecting()
    engine.unsubscribe(heard.append)
    engine.unsubscribe(heard.append)  # twice is harmless
    engine.connect_failed()
    assert heard == [StateChanged(SessionState.CONNECTING)]


def test_a_listener_may_unsubscribe_itself_while_being_told() -> None:
    engine = SessionEngine()
    heard: list[object] = []
    other: list[object] = []

    def once(event: object) -> None:
        heard.append(event)
        engine.unsubscribe(once)

    engine.subscribe(once)
    engine.subscribe(other.append)
    engine.connecting()
    engine.connect_failed()
    assert len(heard) == 1 and len(other) == 2
