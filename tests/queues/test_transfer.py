"""Transfer: the agent passes a session to a queue or to chosen agents; the customer stays
seated and waits; the agent who accepts owns the same session; the message's limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csr_console.services.agent_session import AgentSession, sign_in
from customer_client.services.customer_session import CustomerSession
from shared.protocol import TO_CENTER
from shared.protocol.messages import (
    AgentHello,
    ErrorCode,
    ErrorMessage,
    FromCenter,
    QueueAccepted,
    QueueStatus,
    Role,
)
from shared.protocol.queues import MAX_TRANSFER_MESSAGE_CHARS
from shared.session.state import SessionState
from tests.helpers import AGENT_PASSWORD, wait_for
from tests.integration.support import answer, api, raw_socket
from tests.queues.support import GRACE_S, Desk, desk, waiting


@dataclass
class Inbound:
    """Ada helping Grace in a session accepted from the billing queue."""

    number: int
    ada: AgentSession
    ada_token: str
    grace: CustomerSession
    heard: list[FromCenter]  # what the center told Grace outside the session's own messages

    def statuses(self) -> list[QueueStatus]:
        return [m for m in self.heard if isinstance(m, QueueStatus)]


@asynccontextmanager
async def inbound(d: Desk) -> AsyncIterator[Inbound]:
    ada, account = await d.center.agent()
    ticket = await d.ticket(name="Grace")
    async with waiting(d.center, ticket) as waiter:
        status, accepted = await d.accept(account.token)
        assert status == 200, accepted
        assert isinstance(await waiter.next(), QueueAccepted)
    number = accepted["number"]
    await ada.take(number, accepted["join_link"])
    grace = d.center.customer()
    heard: list[FromCenter] = []
    grace.center_listeners.append(heard.append)
    await grace.join(number, "Grace")
    await grace.wait_connected()
    try:
        yield Inbound(number, ada, account.token, grace, heard)
    finally:
        await grace.close()
        await ada.close()


def seated(customer: CustomerSession) -> bool:
    """The customer's session goes on (not ended)."""
    return customer.engine.state != SessionState.ENDED


async def agent_named(d: Desk, username: str) -> tuple[AgentSession, str]:
    account = await sign_in(d.center.link(), username, AGENT_PASSWORD)
    return AgentSession(d.center.link(), account), account.token


async def transfer(d: Desk, s: Inbound, **body: Any) -> tuple[int, dict[str, Any]]:
    return await api(
        d.center, "POST", f"/api/sessions/{s.number}/transfer", token=s.ada_token, json=body
    )


async def hello_refused(d: Desk, token: str, number: int) -> bool:
    """A console's hello for ``number`` (a modified one, trying to take it back) is refused."""
    async with raw_socket(d.center) as ws:
        await ws.send_str(TO_CENTER.encode(AgentHello(token=token, session=number)))
        reply = await answer(ws)
    return isinstance(reply, ErrorMessage) and reply.code == ErrorCode.NO_SUCH_SESSION


async def test_a_session_transferred_to_a_queue_is_owned_by_the_agent_who_accepts(
    tmp_path: Path,
) -> None:
    async with desk(tmp_path) as d, inbound(d) as s:
        status, body = await transfer(d, s, queue="tech", message="Cy knows printers.")
        assert status == 200, body
        await s.ada.close()  # her console lets the session go (its own API: not tested here)
        # Grace stays seated and waits, told who passed her on.
        await wait_for(lambda: bool(s.statuses()), what="Grace's queue.status")
        assert s.statuses()[-1].transferred_by == "Ada Agent"
        assert s.statuses()[-1].queue_title == "Technical support"
        assert seated(s.grace)
        # Ada's console cannot take it back.
        assert await hello_refused(d, s.ada_token, s.number)
        cy, cy_token = await agent_named(d, "cy")
        try:
            status, view = await api(d.center, "GET", "/api/queues", token=cy_token)
            assert view["queues"][0]["waiting"] == 1
            status, accepted = await d.accept(cy_token)
            assert status == 200, accepted
            assert accepted["number"] == s.number
            assert accepted["transferred_by"] == "Ada Agent"
            assert accepted["message"] == "Cy knows printers."
            assert accepted["name"] == "Grace"
            await wait_for(
                lambda: any(isinstance(m, QueueAccepted) for m in s.heard),
                what="Grace told an agent accepted",
            )
            welcome = await cy.take(s.number, accepted["join_link"])
            assert welcome is not None
            assert cy.engine.me is not None and cy.engine.me.role == Role.PRIMARY_AGENT
            await wait_for(
                lambda: any(p.linked for p in cy.engine.present()), what="Cy's link to Grace"
            )
            assert seated(s.grace)
            status, record = await api(d.center, "GET", f"/api/sessions/{s.number}", token=cy_token)
            assert status == 200
            kinds = [e["kind"] for e in record["audit"]]
            assert "session.transferred" in kinds and "transfer.accepted" in kinds
            status, _ = await api(d.center, "GET", f"/api/sessions/{s.number}", token=s.ada_token)
            assert status == 404
            assert await hello_refused(d, s.ada_token, s.number)
        finally:
            await cy.close()


async def test_a_session_transferred_to_agents_is_offered_to_them_only(tmp_path: Path) -> None:
    async with desk(tmp_path) as d, inbound(d) as s:
        _, bob_token = await agent_named(d, "bob")
        _, cy_token = await agent_named(d, "cy")
        status, body = await transfer(d, s, agents=["bob"], message="Over to you.")
        assert status == 200, body
        status, bob_view = await api(d.center, "GET", "/api/queues", token=bob_token)
        offered = bob_view["offered"]
        assert [(o["name"], o["transferred_by"], o["message"]) for o in offered] == [
            ("Grace", "Ada Agent", "Over to you.")
        ]
        status, cy_view = await api(d.center, "GET", "/api/queues", token=cy_token)
        assert cy_view["offered"] == []
        status, body = await d.accept(cy_token)
        assert (status, body["code"]) == (404, "nobody_waiting")
        status, accepted = await d.accept(bob_token)
        assert status == 200 and accepted["number"] == s.number
        assert accepted["queue"] is None


async def test_the_transfer_message_limit_is_named(tmp_path: Path) -> None:
    async with desk(tmp_path) as d, inbound(d) as s:
        status, body = await transfer(d, s, queue="tech", message="x" * 346)
        assert (status, body["code"]) == (400, "message_too_long")
        assert str(MAX_TRANSFER_MESSAGE_CHARS) in body["reason"]
        status, body = await transfer(d, s, queue="nope")
        assert (status, body["code"]) == (404, "unknown_queue")
        status, body = await transfer(d, s, agents=["bob", "nobody"])
        assert (status, body["code"]) == (404, "unknown_agent")
        assert "nobody" in body["reason"]
        status, body = await transfer(d, s, queue="tech", agents=["bob"])
        assert (status, body["code"]) == (400, "invalid")
        _, bob_token = await agent_named(d, "bob")
        status, body = await api(
            d.center,
            "POST",
            f"/api/sessions/{s.number}/transfer",
            token=bob_token,
            json={"queue": "tech"},
        )
        assert (status, body["code"]) == (404, "no_such_session")
        # None of these moved the session: Ada is still in it with Grace.
        assert seated(s.grace)
        status, body = await transfer(d, s, queue="tech", message="y" * 345)
        assert status == 200, body


async def test_a_customer_who_leaves_a_transferred_session_ends_it(tmp_path: Path) -> None:
    # A long grace: leaving ends it at once, not once the customer has been away long enough.
    async with desk(tmp_path, queue_presence_grace_s=30.0) as d, inbound(d) as s:
        status, body = await transfer(d, s, queue="tech")
        assert status == 200, body
        await s.ada.close()  # her console lets the session go (its own API: not tested here)
        await s.grace.leave()
        _, cy_token = await agent_named(d, "cy")

        def ended() -> bool:
            record = d.center.running.store.session(s.number)
            return record is not None and record.status == "ended"

        await wait_for(ended, timeout=5.0, what="the session ended")
        status, body = await d.accept(cy_token)
        assert (status, body["code"]) == (404, "nobody_waiting")


async def test_a_transferred_session_whose_customer_is_gone_ends(tmp_path: Path) -> None:
    async with desk(tmp_path) as d, inbound(d) as s:
        status, body = await transfer(d, s, queue="tech")
        assert status == 200, body
        await s.ada.close()
        await s.grace.close()  # the client is killed: no leave, its socket just closes

        def ended() -> bool:
            record = d.center.running.store.session(s.number)
            return record is not None and record.status == "ended"

        await wait_for(ended, timeout=GRACE_S + 3, what="the session ended")
        _, cy_token = await agent_named(d, "cy")
        status, body = await d.accept(cy_token)
        assert (status, body["code"]) == (404, "nobody_waiting")
