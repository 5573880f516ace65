"""An agent who quits keeping their sessions: customers are told at once that the agent may come
back; the agent signs in again (a new console) and resumes them, or ends them without a
console; nobody else may list, resume or end them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aiohttp import web

from csr_console.services.agent_session import (
    AgentAccount,
    AgentSession,
    OpenSession,
    StartedSession,
    end_open_session,
    open_sessions,
    sign_in,
)
from customer_client.services.customer_session import CustomerSession
from shared.protocol import TO_CENTER
from shared.protocol.messages import (
    EVERYONE,
    AgentHello,
    CustomerJoin,
    ErrorMessage,
    Role,
    StepAway,
    Welcome,
)
from shared.security.certificates import ensure_certificate, fingerprint_of, server_ssl_context
from shared.security.passwords import hash_password
from shared.session.events import Problem
from shared.session.participants import Participant
from shared.session.state import SessionState
from shared.transport.center_link import CenterError, CenterLink
from tests.helpers import (
    AGENT_NAME,
    AGENT_PASSWORD,
    AGENT_USER,
    CenterFixture,
    free_port,
    running_center,
    wait_for,
)
from tests.integration.support import (
    agent_of,
    answer,
    api,
    chat_of,
    connected_session,
    raw_socket,
    with_chat,
)

OTHER_USER, OTHER_PASSWORD = "bob", "another long password"


def _agent_in(customer: CustomerSession) -> Participant:
    """The agent in charge, as the customer's engine knows them."""
    return next(p for p in customer.engine.participants if p.info.role == Role.PRIMARY_AGENT)


async def test_customer_is_told_at_once_and_the_agent_resumes_from_a_new_console(
    center: CenterFixture,
) -> None:
    session = await connected_session(center)
    customer, number = session.customer, session.started.number
    agent_seat = session.agent_id
    await session.agent.step_away()

    # Told at once (not after the 120 s window): the agent is away and may come back.
    await wait_for(lambda: _agent_in(customer).gone_reason == "away", timeout=5)
    assert _agent_in(customer).back_within_s == center.config.agent_grace_s
    assert customer.engine.state == SessionState.WAITING
    assert center.running.store.session(number).status == "open"  # type: ignore[union-attr]

    # A new console signs in: the center lists the session, with its customer still there.
    link = center.link()
    account = await sign_in(link, AGENT_USER, AGENT_PASSWORD)
    assert account.keep_window_s == center.config.agent_grace_s
    (kept,) = await open_sessions(link, account)
    assert kept.started.number == number and kept.agent_seat == agent_seat
    assert kept.customers == (("Grace", True),) and not kept.in_use

    back = with_chat(AgentSession(link, account))
    try:
        await back.resume(kept)
        assert back.engine.me is not None and back.engine.me.id == agent_seat
        await wait_for(lambda: back.engine.state == SessionState.ACTIVE, what="link re-made")
        await wait_for(lambda: customer.engine.state == SessionState.ACTIVE)
        assert _agent_in(customer).gone_reason is None
        (grace,) = back.engine.present()
        chat_of(back).send(grace.id, "I am back.")
        await wait_for(lambda: any(line.text == "I am back." for line in chat_of(customer).lines))
        chat_of(customer).send(EVERYONE, "Welcome back.")
        await wait_for(lambda: any(line.text == "Welcome back." for line in chat_of(back).lines))
        await back.end()
        await wait_for(lambda: customer.engine.state == SessionState.ENDED)
    finally:
        await back.close()
        await customer.close()


async def test_an_open_session_is_ended_without_a_console_and_frees_its_slot(
    tmp_path: Path,
) -> None:
    async with running_center(tmp_path / "center", max_sessions_per_agent=3) as center:
        session = await connected_session(center)
        others = []
        for _ in range(2):
            other, _account = await agent_of(center)
            await other.start()
            others.append(other)
        for agent in (session.agent, *others):
            await agent.step_away()

        link = center.link()
        account = await sign_in(link, AGENT_USER, AGENT_PASSWORD)
        fourth = AgentSession(link, account)
        with pytest.raises(CenterError) as refused:
            await fourth.start()
        assert refused.value.code == "too_many_sessions"
        assert len(await open_sessions(link, account)) == 3

        await end_open_session(link, account, session.started.number)
        # The customer still waiting is told the session ended, by the agent.
        await wait_for(lambda: session.customer.engine.state == SessionState.ENDED)
        closed = session.customer.engine.closed
        assert closed is not None and closed.code == "ended_by_agent" and closed.by == AGENT_NAME
        assert session.started.number not in {
            s.started.number for s in await open_sessions(link, account)
        }
        fourth = AgentSession(center.link(), account)
        try:
            await fourth.start()  # the slot is free again
        finally:
            await fourth.close()
            await session.customer.close()


async def test_only_the_owning_agent_lists_resumes_or_ends(center: CenterFixture) -> None:
    session = await connected_session(center)
    number = session.started.number
    try:
        center.running.store.add_agent(OTHER_USER, "Bob", hash_password(OTHER_PASSWORD))
        link = center.link()
        bob = await sign_in(link, OTHER_USER, OTHER_PASSWORD)
        assert await open_sessions(link, bob) == []
        with pytest.raises(CenterError) as refused:
            await end_open_session(link, bob, number)
        assert refused.value.code == "no_such_session"
        intruder = AgentSession(center.link(), bob)
        with pytest.raises(CenterError) as refused:
            await intruder.resume(OpenSession(StartedSession(number, "", False), None, False, ()))
        assert refused.value.code == "no_such_session"

        # Without a sign-in (a customer has none), nothing is listed or ended.
        status, body = await api(center, "GET", "/api/sessions")
        assert status == 401 and body["code"] == "not_signed_in"
        status, body = await api(center, "POST", f"/api/sessions/{number}/end")
        assert status == 401

        # A customer in the session cannot keep it for the agent, nor pretend to be them.
        async with raw_socket(center) as ws:
            await ws.send_str(TO_CENTER.encode(AgentHello(token="x" * 32, session=number)))
            refusal = await answer(ws)
            assert isinstance(refusal, ErrorMessage) and refusal.code == "not_allowed"
        problems: list[Problem] = []
        session.customer.engine.subscribe(
            lambda e: problems.append(e) if isinstance(e, Problem) else None
        )
        await session.customer.center.send(StepAway())
        await wait_for(lambda: any(p.code == "not_allowed" for p in problems))
        assert center.running.store.session(number).status == "open"  # type: ignore[union-attr]
        assert session.agent.engine.state == SessionState.ACTIVE
        assert all(p.gone_reason is None for p in session.agent.engine.participants)
    finally:
        await session.close()


async def test_a_customer_cannot_take_the_seat_of_an_agent_who_stepped_away(
    center: CenterFixture,
) -> None:
    session = await connected_session(center)
    agent_id, token = session.agent_id, session.customer.resume_token
    assert token is not None
    try:
        await session.agent.step_away()
        await wait_for(lambda: _agent_in(session.customer).gone_reason == "away")
        # The customer knows the agent's seat id (it is in every participant list) and has a
        # resume token of their own: replayed for the agent's seat, it is only a new join.
        async with raw_socket(center) as ws:
            join = CustomerJoin(
                session=session.started.number,
                name=AGENT_NAME,
                resume_id=agent_id,
                resume_token=token,
            )
            await ws.send_str(TO_CENTER.encode(join))
            welcome = await answer(ws)
            assert isinstance(welcome, Welcome)
            assert welcome.you.role == Role.CUSTOMER and welcome.you.id != agent_id
        kept = await open_sessions(session.agent.center, session.agent.account)
        assert [k.agent_seat for k in kept] == [agent_id]  # still the agent's to resume
    finally:
        await session.close()


@pytest.mark.parametrize("number", ["99999999999999999999999", "-5", "0x10", "abc"])
async def test_a_session_number_out_of_range_is_no_such_session(
    center: CenterFixture, number: str
) -> None:
    # A number SQLite cannot hold must not become an internal error (a bare 500 page).
    _agent, account = await agent_of(center)
    for method, path in (
        ("POST", f"/api/sessions/{number}/end"),
        ("GET", f"/api/sessions/{number}"),
    ):
        status, body = await api(center, method, path, token=account.token)
        assert (status, body["code"]) == (404, "no_such_session")
    status, body = await api(center, "GET", "/api/health")
    assert status == 200  # the center goes on


async def test_a_kept_session_nobody_resumes_ends_with_the_window(tmp_path: Path) -> None:
    async with running_center(tmp_path / "center", agent_grace_s=1.0) as center:
        session = await connected_session(center)
        try:
            await session.agent.step_away()
            await wait_for(lambda: _agent_in(session.customer).back_within_s == 1.0)
            await wait_for(lambda: session.customer.engine.state == SessionState.ENDED, timeout=5)
            closed = session.customer.engine.closed
            assert closed is not None and closed.code == "agent_left"
            record = center.running.store.session(session.started.number)
            assert record is not None and record.status == "ended"
            link = center.link()
            account = await sign_in(link, AGENT_USER, AGENT_PASSWORD)
            assert await open_sessions(link, account) == []
        finally:
            await session.close()


GOOD_ITEM = {
    "number": 123_456_789,
    "join_link": "tandem://x",
    "has_password": False,
    "agent_seat": "p-1",
    "agent_connected": False,
    "customers": [{"name": "Grace", "connected": True}],
}


@pytest.mark.parametrize(
    "body",
    [
        {"sessions": ["not an object"]},
        {"sessions": {"123456789": {}}},
        {"sessions": [{**GOOD_ITEM, "customers": [{"name": "Grace\nIT Admin", "connected": 1}]}]},
        {"sessions": [{**GOOD_ITEM, "customers": [{"name": "G" * 5000, "connected": True}]}]},
        {"sessions": [{**GOOD_ITEM, "agent_seat": "../../x y"}]},
        {"sessions": [{**GOOD_ITEM, "number": 10**30}]},
        "[" * 100_000,
        {"sessions": [GOOD_ITEM] * 20_000},  # megabytes of answer
    ],
    ids=["item", "dict", "newline", "long name", "seat", "number", "deep", "huge"],
)
async def test_a_hostile_centers_session_list_is_a_clear_error(
    tmp_path: Path, body: object
) -> None:
    """A center (hostile, or broken) answers the list of kept sessions with junk: the console
    says the answer is unexpected; nothing else escapes, nothing odd reaches the window."""
    cert, key = ensure_certificate(tmp_path, ["127.0.0.1"])

    async def sessions(request: web.Request) -> web.Response:
        return web.Response(text=body if isinstance(body, str) else json.dumps(body))

    app = web.Application()
    app.router.add_get("/api/sessions", sessions)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port, ssl_context=server_ssl_context(cert, key)).start()
    link = CenterLink(f"https://127.0.0.1:{port}", fingerprint_of(cert))
    account = AgentAccount(AGENT_USER, AGENT_NAME, "t" * 32, max_sessions=4)
    try:
        with pytest.raises(CenterError) as refused:
            await open_sessions(link, account)
        assert refused.value.code == "malformed"
    finally:
        await link.close()
        await runner.cleanup()
