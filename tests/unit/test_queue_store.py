"""Queues and help requests in a real SQLite file: the line's order, tickets, presence, Accept
next, transfers, and a restart of the center."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.protocol.queues import PRESENCE_GRACE_S, TICKET_START_WINDOW_S, SurveyAnswers
from support_center.queues.store import (
    DEFAULT_ACCEPT_INTERVAL_S,
    QueueFull,
    QueueStore,
    TicketRefused,
    UnknownQueue,
)
from support_center.store import Store


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "center.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def queues(store: Store, clock: Clock) -> QueueStore:
    made = QueueStore(store, clock=clock)
    made.add_queue("billing", "Billing", max_waiting=3)
    made.add_queue("tech", "Technical support")
    return made


def agent(store: Store, username: str) -> int:
    return store.add_agent(username, username.title(), "hash")


def waiting(queues: QueueStore, name: str, queue: str = "billing") -> tuple[int, str]:
    """A customer who filed the form and whose client is there."""
    request_id, ticket = queues.file_request(queue, name, f"{name}@example.com", "It broke")
    queues.arrive(ticket, "Linux", "pc")
    return request_id, ticket


def test_the_line_is_in_order_of_asking_and_accept_next_takes_its_head(
    store: Store, queues: QueueStore, clock: Clock
) -> None:
    ada = agent(store, "ada")
    queues.add_member("billing", ada)
    grace, _ = waiting(queues, "Grace")
    clock.advance(5)
    linus, _ = waiting(queues, "Linus")
    assert (queues.position(grace), queues.position(linus)) == (1, 2)
    [summary] = queues.summaries(ada)
    assert (summary.name, summary.waiting, summary.longest_wait_s) == ("billing", 2, 5.0)

    taken = queues.accept_next(ada)
    assert taken is not None and taken.name == "Grace" and taken.status == "accepted"
    assert taken.waited_s == 5.0
    assert queues.position(linus) == 1
    second = queues.accept_next(ada)
    assert second is not None and second.name == "Linus"
    assert queues.accept_next(ada) is None


def test_accept_next_never_gives_one_customer_twice(store: Store, queues: QueueStore) -> None:
    ada, bob = agent(store, "ada"), agent(store, "bob")
    for someone in (ada, bob):
        queues.add_member("billing", someone)
    waiting(queues, "Grace")
    waiting(queues, "Linus")
    first, second = queues.accept_next(ada), queues.accept_next(bob)
    assert first is not None and second is not None
    assert first.id != second.id
    assert queues.accept_next(ada) is None


def test_an_agent_takes_only_from_their_own_queues(store: Store, queues: QueueStore) -> None:
    ada = agent(store, "ada")
    queues.add_member("tech", ada)
    waiting(queues, "Grace", queue="billing")
    assert queues.accept_next(ada) is None
    with pytest.raises(UnknownQueue):
        queues.accept_next(ada, "billing")


def test_a_customer_whose_client_is_not_there_is_not_accepted(
    store: Store, queues: QueueStore
) -> None:
    ada = agent(store, "ada")
    queues.add_member("billing", ada)
    queues.file_request("billing", "Grace")  # the form sent, the client not started yet
    assert queues.accept_next(ada) is None
    assert queues.summaries(ada)[0].waiting == 0


def test_tickets_forged_used_or_late_are_refused(
    store: Store, queues: QueueStore, clock: Clock
) -> None:
    with pytest.raises(TicketRefused) as forged:
        queues.arrive("A" * 32)
    assert forged.value.code == "ticket_unknown"

    ada = agent(store, "ada")
    queues.add_member("billing", ada)
    _, used = waiting(queues, "Grace")
    taken = queues.accept_next(ada)
    assert taken is not None
    queues.attach_session(taken.id, 123_456_789)
    with pytest.raises(TicketRefused) as again:
        queues.arrive(used)
    assert again.value.code == "ticket_used"

    _, late = queues.file_request("billing", "Linus")
    clock.advance(TICKET_START_WINDOW_S + 1)
    with pytest.raises(TicketRefused) as expired:
        queues.arrive(late)
    assert expired.value.code == "ticket_expired"


def test_a_full_queue_refuses_and_names_its_limit(queues: QueueStore) -> None:
    for name in ("A", "B", "C"):
        queues.file_request("billing", name)
    with pytest.raises(QueueFull) as full:
        queues.file_request("billing", "D")
    assert full.value.limit == 3 and "3" in str(full.value)
    with pytest.raises(UnknownQueue):
        queues.file_request("nowhere", "E")


def test_a_customer_away_past_the_grace_leaves_the_line_and_one_back_in_time_keeps_it(
    store: Store, queues: QueueStore, clock: Clock
) -> None:
    grace, grace_ticket = waiting(queues, "Grace")
    linus, _ = waiting(queues, "Linus")
    queues.absent(grace)
    clock.advance(PRESENCE_GRACE_S - 1)
    queues.arrive(grace_ticket)  # back within the grace: same place
    assert queues.position(grace) == 1

    queues.absent(linus)
    clock.advance(PRESENCE_GRACE_S + 1)
    assert queues.expire_stale() == [linus]
    assert queues.position(linus) is None
    left = queues.request(linus)
    assert left is not None and left.status == "left"


def test_a_restart_keeps_the_line(tmp_path: Path, clock: Clock) -> None:
    first = Store(tmp_path / "c.sqlite3")
    queues = QueueStore(first, clock=clock)
    queues.add_queue("billing", "Billing")
    grace, grace_ticket = waiting(queues, "Grace")
    linus, linus_ticket = waiting(queues, "Linus")
    first.close()

    again = Store(tmp_path / "c.sqlite3")
    restarted = QueueStore(again, clock=clock)
    restarted.all_absent()
    clock.advance(2)
    restarted.arrive(linus_ticket)
    restarted.arrive(grace_ticket)
    assert (restarted.position(grace), restarted.position(linus)) == (1, 2)
    again.close()


def test_the_estimate_follows_the_pace_of_accepts(
    store: Store, queues: QueueStore, clock: Clock
) -> None:
    ada = agent(store, "ada")
    queues.add_member("tech", ada)
    first, _ = waiting(queues, "First", queue="tech")
    assert queues.estimated_wait_s(first) == DEFAULT_ACCEPT_INTERVAL_S
    for name in ("A", "B", "C"):
        waiting(queues, name, queue="tech")
    queues.accept_next(ada)  # First
    clock.advance(60)
    queues.accept_next(ada)  # A: accepts a minute apart
    last, _ = waiting(queues, "Last", queue="tech")
    # B, C, then Last: third in line.
    assert queues.position(last) == 3
    assert queues.estimated_wait_s(last) == pytest.approx(180.0)


def test_a_transfer_to_agents_is_offered_to_them_only_and_keeps_the_session(
    store: Store, queues: QueueStore
) -> None:
    ada, bob, eve = agent(store, "ada"), agent(store, "bob"), agent(store, "eve")
    queues.add_member("billing", ada)
    queues.add_member("billing", eve)
    waiting(queues, "Grace")
    taken = queues.accept_next(ada)
    assert taken is not None
    queues.attach_session(taken.id, 222_333_444)

    moved = queues.transfer(
        222_333_444, "Ada", "Printer driver; she has tried a reboot", "Grace", agent_ids=[bob]
    )
    assert moved.id == taken.id and moved.status == "waiting"
    [offer] = queues.offered(bob)
    assert (offer.name, offer.transferred_by) == ("Grace", "Ada")
    assert "Printer" in offer.message
    assert queues.offered(eve) == [] and queues.accept_next(eve) is None
    back = queues.accept_next(bob)
    assert back is not None and back.session_number == 222_333_444
    assert queues.offered(bob) == []


def test_a_transfer_of_an_agents_own_session_to_a_queue(store: Store, queues: QueueStore) -> None:
    bob = agent(store, "bob")
    queues.add_member("tech", bob)
    queues.transfer(555_666_777, "Ada", "", "Grace", queue_name="tech")
    [summary] = queues.summaries(bob)
    assert summary.waiting == 1
    taken = queues.accept_next(bob)
    assert taken is not None and (taken.session_number, taken.name) == (555_666_777, "Grace")


def test_a_survey_is_kept_once_and_only_after_help(store: Store, queues: QueueStore) -> None:
    ada = agent(store, "ada")
    queues.add_member("billing", ada)
    request_id, ticket = waiting(queues, "Grace")
    answers = SurveyAnswers(ticket=ticket, solved="yes", rating=5, comment="Quick, thanks")
    assert not queues.save_survey(ticket, answers)  # not helped yet
    queues.accept_next(ada)
    assert queues.save_survey(ticket, answers)
    assert not queues.save_survey(ticket, answers)  # once
    kept = queues.request(request_id)
    assert kept is not None and kept.survey == {
        "solved": "yes",
        "rating": 5,
        "comment": "Quick, thanks",
    }
