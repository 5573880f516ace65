"""The support center's records in a real SQLite file."""

from __future__ import annotations

import sqlite3
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from support_center import store as store_module
from support_center.store import Store, token_digest

NUMBER = 123_456_789


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(store_module, "time", types.SimpleNamespace(time=fake.time))
    return fake


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "center.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store(db_path)
    yield opened
    opened.close()


def agent(store: Store, username: str = "ada") -> int:
    return store.add_agent(username, username.title(), "$argon2id$fake")


# --- agents and tokens ------------------------------------------------------------------------


def test_agents_are_unique_by_user_name(store: Store) -> None:
    first = agent(store, "ada")
    with pytest.raises(ValueError, match="'ada' already exists"):
        agent(store, "ada")
    second = agent(store, "grace")
    assert first != second
    found = store.agent_by_username("ada")
    assert found is not None and found.id == first and found.display_name == "Ada"
    assert store.agent_by_id(second).username == "grace"  # type: ignore[union-attr]
    assert store.agent_by_username("nobody") is None


def test_an_agents_password_can_be_changed(store: Store) -> None:
    agent(store, "ada")
    assert store.set_agent_password("ada", "$argon2id$new")
    assert store.agent_by_username("ada").password_hash == "$argon2id$new"  # type: ignore[union-attr]
    assert not store.set_agent_password("nobody", "$argon2id$new")


def test_tokens_sign_in_until_they_expire(store: Store, clock: Clock) -> None:
    ada = agent(store)
    store.save_token("token-of-ada-0123456789", ada, lifetime_s=3600)
    assert store.agent_for_token("token-of-ada-0123456789").id == ada  # type: ignore[union-attr]
    assert store.agent_for_token("some-other-token-012345") is None
    clock.now += 3599
    assert store.agent_for_token("token-of-ada-0123456789") is not None
    clock.now += 1
    assert store.agent_for_token("token-of-ada-0123456789") is None


def test_tokens_are_not_stored_in_clear(store: Store, db_path: Path) -> None:
    store.save_token("token-of-ada-0123456789", agent(store), lifetime_s=3600)
    raw = sqlite3.connect(db_path)
    try:
        stored = [row[0] for row in raw.execute("SELECT token_hash FROM agent_tokens")]
    finally:
        raw.close()
    assert stored == [token_digest("token-of-ada-0123456789")]
    assert "token-of-ada" not in db_path.read_bytes().decode("latin-1")


def test_expired_tokens_are_swept_when_a_new_one_is_saved(
    store: Store, clock: Clock, db_path: Path
) -> None:
    ada = agent(store)
    store.save_token("old-token-0123456789ab", ada, lifetime_s=10)
    clock.now += 11
    store.save_token("new-token-0123456789ab", ada, lifetime_s=10)
    raw = sqlite3.connect(db_path)
    try:
        (count,) = raw.execute("SELECT COUNT(*) FROM agent_tokens").fetchone()
    finally:
        raw.close()
    assert count == 1


# --- sessions ---------------------------------------------------------------------------------


def test_session_numbers_are_unique(store: Store) -> None:
    ada, grace = agent(store, "ada"), agent(store, "grace")
    assert store.create_session(NUMBER, ada, None)
    assert not store.create_session(NUMBER, grace, "$argon2id$pw")  # taken: draw another
    record = store.session(NUMBER)
    assert record is not None and record.agent_id == ada and record.password_hash is None
    assert record.status == "open" and record.ended_at is None
    assert store.session(NUMBER + 1) is None


def test_a_session_needs_a_real_agent(store: Store) -> None:
    assert not store.create_session(NUMBER, 42, None)
    assert store.session(NUMBER) is None


def test_open_sessions_are_counted_per_agent(store: Store) -> None:
    ada, grace = agent(store, "ada"), agent(store, "grace")
    store.create_session(111_111_111, ada, None)
    store.create_session(222_222_222, ada, None)
    store.create_session(333_333_333, grace, None)
    assert sorted(store.open_sessions_of(ada)) == [111_111_111, 222_222_222]
    store.end_session(111_111_111, "ended_by_agent")
    assert store.open_sessions_of(ada) == [222_222_222]


def test_ending_a_session_marks_who_was_still_there_removed(store: Store, clock: Clock) -> None:
    ada = agent(store)
    store.create_session(NUMBER, ada, None)
    store.add_participant(
        "pagent", NUMBER, "primary_agent", "Ada", "", "", "127.0.0.1", "resume-pagent"
    )
    store.add_participant(
        "pgrace", NUMBER, "customer", "Grace", "Debian", "lab", "10.0.0.2", "resume-pgrace"
    )
    store.add_participant(
        "palan", NUMBER, "customer", "Alan", "macOS", "mac", "10.0.0.3", "resume-palan"
    )
    clock.now += 5
    store.participant_left("palan", "left")
    clock.now += 5
    store.end_session(NUMBER, "ended_by_agent")
    record = store.session(NUMBER)
    assert record is not None and record.status == "ended"
    assert record.end_reason == "ended_by_agent" and record.ended_at == clock.now
    by_id = {p["id"]: p for p in store.participants(NUMBER)}
    assert by_id["pagent"]["left_reason"] == "removed"
    assert by_id["pgrace"]["left_reason"] == "removed"
    assert by_id["pgrace"]["left_at"] == clock.now
    assert by_id["palan"]["left_reason"] == "left"  # left before the end: kept as it was
    assert by_id["palan"]["left_at"] == clock.now - 5


def test_ending_twice_keeps_the_first_end(store: Store, clock: Clock) -> None:
    store.create_session(NUMBER, agent(store), None)
    store.end_session(NUMBER, "ended_by_agent")
    first = store.session(NUMBER)
    clock.now += 60
    store.end_session(NUMBER, "expired")
    assert store.session(NUMBER) == first


def test_participants_leave_come_back_and_are_listed_in_order(store: Store, clock: Clock) -> None:
    store.create_session(NUMBER, agent(store), None)
    store.add_participant(
        "pagent", NUMBER, "primary_agent", "Ada", "", "", "127.0.0.1", "resume-pagent"
    )
    clock.now += 1
    store.add_participant(
        "pgrace", NUMBER, "customer", "Grace", "Debian", "lab", "10.0.0.2", "resume-pgrace"
    )
    store.participant_left("pgrace", "disconnected")
    store.participant_left("pgrace", "left")  # the first reason stands
    grace = store.participants(NUMBER)[1]
    assert (grace["name"], grace["os"], grace["machine"]) == ("Grace", "Debian", "lab")
    assert grace["left_reason"] == "disconnected"
    store.participant_back("pgrace")
    grace = store.participants(NUMBER)[1]
    assert grace["left_at"] is None and grace["left_reason"] is None
    assert [p["id"] for p in store.participants(NUMBER)] == ["pagent", "pgrace"]
    assert "address" not in grace  # the record shown to agents does not carry addresses


def test_start_up_marks_everyone_disconnected(store: Store) -> None:
    store.create_session(NUMBER, agent(store), None)
    store.add_participant(
        "pgrace", NUMBER, "customer", "Grace", "", "", "10.0.0.2", "resume-pgrace"
    )
    store.add_participant("palan", NUMBER, "customer", "Alan", "", "", "10.0.0.3", "resume-palan")
    store.participant_left("palan", "left")
    store.mark_all_disconnected()
    reasons = {p["id"]: p["left_reason"] for p in store.participants(NUMBER)}
    assert reasons == {"pgrace": "disconnected", "palan": "left"}


# --- audit and persistence --------------------------------------------------------------------


def test_audit_events_keep_order_and_detail(store: Store) -> None:
    store.create_session(NUMBER, agent(store), None)
    store.audit(NUMBER, "Ada", "session.created", password="no")
    store.audit(NUMBER, "Grâce", "participant.joined", os="Windows 11", note="ça va ✓")
    store.audit(NUMBER + 1, "Eve", "join.refused", code="no_such_session")
    events = store.audit_events(NUMBER)
    assert [(e["actor"], e["kind"], e["detail"]) for e in events] == [
        ("Ada", "session.created", {"password": "no"}),
        ("Grâce", "participant.joined", {"os": "Windows 11", "note": "ça va ✓"}),
    ]


def test_an_entrys_lines_are_kept_in_order_beside_its_detail(store: Store) -> None:
    store.create_session(NUMBER, agent(store), None)
    lines = [f"{'a' * 64} 12 Dossier été/日本語 {n}.txt done" for n in range(3)]
    # A peer's detail may be named "lines" too: it stays a detail.
    store.audit(NUMBER, "Grâce", "peer.files.bundle_sent", lines, lines="forged", part="1/2")
    store.audit(NUMBER, "Ada", "agent.attached")
    first, second = store.audit_events(NUMBER)
    assert first["detail"] == {"lines": "forged", "part": "1/2"} and first["lines"] == lines
    assert second["detail"] == {} and second["lines"] == []


def test_entries_recorded_before_lines_existed_still_read(db_path: Path) -> None:
    # A center's file from before entries had lines: the audit table without the column.
    old = sqlite3.connect(db_path)
    old.executescript(
        """CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY, session_number INTEGER NOT NULL, at REAL NOT NULL,
            actor TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL);"""
    )
    old.execute(
        "INSERT INTO audit_events (session_number, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)",
        (NUMBER, 1.0, "Grâce", "peer.files.bundle_sent", '{"entries": "abc 1 a.txt done"}'),
    )
    old.commit()
    old.close()
    again = Store(db_path)
    try:
        again.audit(NUMBER, "Grâce", "peer.files.bundle_sent", ["abc 2 b.txt done"])
        assert [(e["detail"], e["lines"]) for e in again.audit_events(NUMBER)] == [
            ({"entries": "abc 1 a.txt done"}, []),
            ({}, ["abc 2 b.txt done"]),
        ]
    finally:
        again.close()


def test_records_survive_reopening_the_file(db_path: Path) -> None:
    first = Store(db_path)
    ada = first.add_agent("ada", "Ada", "$argon2id$fake")
    first.save_token("token-of-ada-0123456789", ada, lifetime_s=3600)
    first.create_session(NUMBER, ada, "$argon2id$pw")
    first.add_participant(
        "pgrace", NUMBER, "customer", "Grace", "Debian", "lab", "10.0.0.2", "resume-pgrace"
    )
    first.audit(NUMBER, "Grace", "participant.joined")
    first.close()

    again = Store(db_path)
    try:
        assert again.agent_by_username("ada") is not None
        assert again.agent_for_token("token-of-ada-0123456789") is not None
        record = again.session(NUMBER)
        assert record is not None and record.status == "open"
        assert record.password_hash == "$argon2id$pw"
        assert [p["name"] for p in again.participants(NUMBER)] == ["Grace"]
        assert [e["kind"] for e in again.audit_events(NUMBER)] == ["participant.joined"]
        # The schema is created only where missing: reopening adds nothing and loses nothing.
        with pytest.raises(ValueError):
            again.add_agent("ada", "Ada", "$argon2id$fake")
    finally:
        again.close()
