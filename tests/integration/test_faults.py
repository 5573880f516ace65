"""Faults: a customer process killed or frozen, the center restarted, a customer leaving."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from customer_client.services.customer_session import CustomerSession
from shared.protocol.messages import EVERYONE, EndSession, Leave
from shared.session.engine import SessionEngine
from shared.session.events import Problem
from shared.session.state import SessionState
from shared.transport.ice import HOST_ADDRESSES_ENV
from tests.helpers import AGENT_NAME, CenterFixture, running_center, wait_for
from tests.integration.support import agent_of, api, chat_of, connected_session, customer_of

REPO_ROOT = Path(__file__).resolve().parents[2]
# The promise: a killed customer shows as disconnected on the console within 10 s.
DISCONNECT_DEADLINE_S = 10.0
# Starting Python with aiortc and joining takes a second or two; allow for a slow machine.
CHILD_CONNECT_TIMEOUT_S = 30.0


@asynccontextmanager
async def customer_process(
    center: CenterFixture, number: int, log_path: Path
) -> AsyncIterator[tuple[asyncio.subprocess.Process, str]]:
    """A customer in its own process, connected to the agent; yields it and its participant id."""
    env = {**os.environ, HOST_ADDRESSES_ENV: "127.0.0.1"}
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.integration.customer_process",
            center.running.url,
            center.running.fingerprint,
            str(number),
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
            cwd=REPO_ROOT,
            env=env,
        )
        try:
            assert process.stdout is not None
            try:
                line = await asyncio.wait_for(process.stdout.readline(), CHILD_CONNECT_TIMEOUT_S)
            except TimeoutError:
                line = b""
            assert line.startswith(b"CONNECTED "), (
                f"the customer process did not connect: {log_path.read_text(errors='replace')}"
            )
            yield process, line.split()[1].decode()
        finally:
            if process.returncode is None:
                process.kill()
            await process.wait()


def state_of(engine: SessionEngine) -> SessionState:
    """The state now (a call, so a type checker does not carry an earlier assert over)."""
    return engine.state


def gone(engine: SessionEngine, pid: str) -> bool:
    """Whether ``engine`` shows participant ``pid`` as gone (what the console renders)."""
    participant = engine.participant(pid)
    return (
        participant is not None and participant.gone_reason is not None and not participant.linked
    )


async def _agent_watches_a_customer_die(
    center: CenterFixture, tmp_path: Path, how: signal.Signals
) -> tuple[float, int]:
    """Run a customer process and hit it with ``how``. Returns the seconds until the console
    showed the customer as gone, and the session number."""
    agent, _ = await agent_of(center)
    try:
        started = await agent.start()
        async with customer_process(center, started.number, tmp_path / "customer.log") as (
            process,
            pid,
        ):
            await wait_for(
                lambda: (p := agent.engine.participant(pid)) is not None and p.linked,
                what="the agent's link to the customer process",
            )
            assert agent.engine.state == SessionState.ACTIVE
            hit_at = time.monotonic()
            process.send_signal(how)
            await wait_for(
                lambda: gone(agent.engine, pid),
                timeout=DISCONNECT_DEADLINE_S,
                what="the console to show the customer as gone",
            )
            elapsed = time.monotonic() - hit_at
            participant = agent.engine.participant(pid)
            assert participant is not None and participant.gone_reason == "disconnected"
            # The session stays open for the agent: the customer may come back.
            assert state_of(agent.engine) == SessionState.WAITING
            assert agent.engine.present() == ()

        # Someone can join the same session again and reach the agent.
        back = customer_of(center)
        try:
            await back.join(started.number, "Grace")
            await back.wait_connected()
            await wait_for(lambda: agent.engine.state == SessionState.ACTIVE, what="relinked")
        finally:
            await back.close()
        return elapsed, started.number
    finally:
        await agent.close()


async def test_killed_customer_shows_as_disconnected_within_10_s(
    center: CenterFixture, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    elapsed, number = await _agent_watches_a_customer_die(center, tmp_path, signal.SIGKILL)
    record_property("kill_to_disconnected_s", round(elapsed, 3))
    print(f"\nkill -9 to disconnected on the console: {elapsed:.3f} s")
    assert elapsed < DISCONNECT_DEADLINE_S
    # The center noticed too, and wrote it down.
    seats = center.running.store.participants(number)
    killed = next(s for s in seats if s["role"] == "customer")
    assert killed["left_reason"] == "disconnected"


async def test_frozen_customer_shows_as_disconnected_within_10_s(
    center: CenterFixture, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    # SIGSTOP keeps every socket open, as a machine that lost its network would: only the
    # heartbeats can tell.
    elapsed, _ = await _agent_watches_a_customer_die(center, tmp_path, signal.SIGSTOP)
    record_property("freeze_to_disconnected_s", round(elapsed, 3))
    print(f"\nfrozen to disconnected on the console: {elapsed:.3f} s")
    assert elapsed < DISCONNECT_DEADLINE_S


async def test_a_center_restart_keeps_the_running_session_in_its_records(tmp_path: Path) -> None:
    data_dir = tmp_path / "center"
    async with running_center(data_dir) as first:
        session = await connected_session(first)
        number = session.started.number
        token = session.agent.account.token
        fingerprint = first.running.fingerprint
        chat_of(session.agent).send(session.customer_id, "before the restart")
        await wait_for(lambda: len(chat_of(session.customer).lines) == 1, what="first chat")
    try:
        # The center is gone; the two peers keep their direct link and go on chatting.
        agent, customer = session.agent, session.customer
        await wait_for(
            lambda: not agent.center.socket_open and not customer.center.socket_open,
            what="both peers to notice the center stopped",
        )
        assert session.agent.engine.state == SessionState.ACTIVE
        assert session.customer.engine.state == SessionState.ACTIVE
        chat_of(session.customer).send(EVERYONE, "while the center is down")
        await wait_for(lambda: len(chat_of(session.agent).lines) == 2, what="chat without center")

        async with running_center(data_dir) as second:
            store = second.running.store
            assert second.running.fingerprint == fingerprint  # the pins in the field still hold
            record = store.session(number)
            assert record is not None and record.status == "open" and record.ended_at is None
            seats = {(p["role"], p["name"]): p for p in store.participants(number)}
            assert set(seats) == {("primary_agent", AGENT_NAME), ("customer", "Grace")}
            assert seats[("customer", "Grace")]["os"]  # what the client said about itself
            assert all(p["left_reason"] == "disconnected" for p in seats.values())
            # The center's own entries (peers' own notes, "peer.*", interleave with them).
            kinds = [
                e["kind"] for e in store.audit_events(number) if not e["kind"].startswith("peer.")
            ]
            assert kinds[:3] == ["session.created", "agent.attached", "participant.joined"]
            assert "participant.disconnected" in kinds

            # The agent's sign-in survived too, and the record reads the same through the API.
            status, body = await api(second, "GET", f"/api/sessions/{number}", token=token)
            assert status == 200 and body["status"] == "open"
            assert len(body["participants"]) == 2
            assert len(body["audit"]) == len(store.audit_events(number))

            # The number still opens the session.
            late = customer_of(second)
            try:
                welcome = await late.join(number, "Grace")
                assert welcome.session == number
            finally:
                await late.close()
    finally:
        await session.close()


async def test_a_customer_leaving_leaves_the_session_open_and_only_the_agent_ends_it(
    center: CenterFixture,
) -> None:
    session = await connected_session(center)
    agent, number = session.agent, session.started.number
    others: list[CustomerSession] = []
    try:
        grace = session.customer_id
        await session.customer.leave()
        assert session.customer.engine.state == SessionState.ENDED
        assert session.customer.engine.closed is not None
        assert session.customer.engine.closed.code == "left"
        await wait_for(lambda: gone(agent.engine, grace), what="agent sees Grace leave")
        assert agent.engine.participant(grace).gone_reason == "left"  # type: ignore[union-attr]
        assert agent.engine.state == SessionState.WAITING  # not ended
        store = center.running.store
        record = store.session(number)
        assert record is not None and record.status == "open"
        assert [p["left_reason"] for p in store.participants(number) if p["id"] == grace] == [
            "left"
        ]

        # The session is still there for the next customer.
        alan = customer_of(center)
        others.append(alan)
        await alan.join(number, "Alan")
        await alan.wait_connected()
        await wait_for(lambda: agent.engine.state == SessionState.ACTIVE, what="Alan linked")

        # A customer cannot end the session, even by sending the message by hand.
        alan_problems: list[Problem] = []
        alan.engine.subscribe(lambda e: _collect_problem(e, alan_problems))
        await alan.center.send(EndSession())
        await wait_for(lambda: bool(alan_problems), what="the refusal")
        assert alan_problems[0].code == "not_allowed"
        assert "Only the agent" in alan_problems[0].reason
        # ...and the agent does not "leave" a session it runs: it ends it.
        agent_problems: list[Problem] = []
        agent.engine.subscribe(lambda e: _collect_problem(e, agent_problems))
        await agent.center.send(Leave())
        await wait_for(lambda: bool(agent_problems), what="the agent's refusal")
        assert agent_problems[0].code == "not_allowed"
        record = store.session(number)
        assert record is not None and record.status == "open"
        assert state_of(alan.engine) == SessionState.ACTIVE
        assert state_of(agent.engine) == SessionState.ACTIVE

        chat_of(agent).send(alan.engine.me.id, "Still with you.")  # type: ignore[union-attr]
        await wait_for(lambda: len(chat_of(alan).lines) == 1, what="chat after the refusals")

        await agent.end()
        await wait_for(lambda: alan.engine.state == SessionState.ENDED, what="Alan sees the end")
        assert alan.engine.closed is not None
        assert (alan.engine.closed.code, alan.engine.closed.by) == ("ended_by_agent", AGENT_NAME)
        record = store.session(number)
        assert record is not None and record.end_reason == "ended_by_agent"
    finally:
        for other in others:
            await other.close()
        await session.close()


def _collect_problem(event: object, into: list[Problem]) -> None:
    if isinstance(event, Problem):
        into.append(event)
