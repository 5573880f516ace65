"""Accept next: two agents at the same moment get two customers; the long poll wakes on a
change; the session's record keeps the inbound part and the survey, once."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from shared.protocol import TO_CENTER
from shared.protocol.messages import CustomerJoin, QueueAccepted, Welcome
from tests.integration.support import answer, api, raw_socket
from tests.queues.support import desk, waiting


async def test_two_agents_pressing_accept_next_at_once_get_two_customers(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        ada, bob = await d.token("ada"), await d.token("bob")
        tickets = [await d.ticket(name="Grace"), await d.ticket(name="Alan")]
        async with waiting(d.center, tickets[0]) as grace, waiting(d.center, tickets[1]) as alan:
            (s1, first), (s2, second) = await asyncio.gather(d.accept(ada), d.accept(bob))
            assert (s1, s2) == (200, 200), (first, second)
            assert {first["name"], second["name"]} == {"Grace", "Alan"}
            assert first["number"] != second["number"]
            assert first["request_id"] != second["request_id"]
            told = {}
            for customer in (grace, alan):
                message = await customer.next()
                assert isinstance(message, QueueAccepted), message
                told[message.session] = message.agent
            by_name = {first["name"]: first, second["name"]: second}
            assert set(told) == {first["number"], second["number"]}
            assert told[by_name["Grace"]["number"]] in ("Ada Agent", "Bob Agent")
            # Each agent now has the session: the join link is the center's page for it.
            assert first["join_link"].endswith(str(first["number"]))
            status, body = await d.accept(ada)
            assert (status, body["code"]) == (404, "nobody_waiting")


async def test_an_agent_outside_the_queue_cannot_accept_from_it(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        cy = await d.token("cy")  # tech only
        async with waiting(d.center, await d.ticket()):
            status, body = await d.accept(cy)
            assert (status, body["code"]) == (404, "nobody_waiting")
            status, body = await d.accept(cy, queue="billing")
            assert (status, body["code"]) == (404, "unknown_queue")


async def test_the_long_poll_wakes_when_a_customer_comes(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        token = await d.token()
        status, view = await api(d.center, "GET", "/api/queues", token=token)
        assert status == 200
        assert [(q["name"], q["waiting"]) for q in view["queues"]] == [("billing", 0)]
        started = time.monotonic()
        poll = asyncio.ensure_future(
            api(d.center, "GET", f"/api/queues?after={view['version']}", token=token)
        )
        ticket = await d.ticket()  # filed, not yet in line: agents see no change
        assert not poll.done()
        async with waiting(d.center, ticket):
            status, woken = await asyncio.wait_for(poll, 5)
        assert status == 200
        assert woken["version"] != view["version"]
        assert time.monotonic() - started < 5  # far within QUEUES_LONG_POLL_S
        # A stale version answers at once.
        status, now = await asyncio.wait_for(
            api(d.center, "GET", f"/api/queues?after={view['version']}", token=token), 2
        )
        assert status == 200 and now["version"] != view["version"]


async def test_the_record_keeps_the_inbound_part_and_one_survey(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        token = await d.token()
        ticket = await d.ticket(
            email="grace@example.com",
            problem="The printer prints nothing.",
            referrer="https://shop.example.com/help",
        )
        async with waiting(d.center, ticket):
            status, accepted = await d.accept(token)
            assert status == 200
        assert accepted["email"] == "grace@example.com"
        assert accepted["problem"] == "The printer prints nothing."
        number = accepted["number"]
        status, early = await api(d.center, "GET", f"/api/sessions/{number}", token=token)
        assert early["inbound"]["survey"] is None
        assert early["inbound"]["queue"] == "billing"
        assert early["inbound"]["referrer"] == "https://shop.example.com/help"
        assert early["inbound"]["waited_s"] >= 0
        async with raw_socket(d.center) as ws:
            await ws.send_str(TO_CENTER.encode(CustomerJoin(session=number, name="Grace")))
            assert isinstance(await answer(ws), Welcome)
        survey = {"ticket": ticket, "solved": "yes", "rating": 5, "comment": "Quick, thanks."}
        status, body = await api(d.center, "POST", "/api/tickets/survey", json=survey)
        assert status == 200, body
        status, body = await api(
            d.center, "POST", "/api/tickets/survey", json={**survey, "rating": 1}
        )
        assert (status, body["code"]) == (409, "survey_saved")
        status, record = await api(d.center, "GET", f"/api/sessions/{number}", token=token)
        assert record["inbound"] == {
            "queue": "billing",
            "name": "Grace",
            "email": "grace@example.com",
            "problem": "The printer prints nothing.",
            "referrer": "https://shop.example.com/help",
            "waited_s": record["inbound"]["waited_s"],
            "survey": {"solved": "yes", "rating": 5, "comment": "Quick, thanks."},
        }
        assert any(e["kind"] == "survey.saved" for e in record["audit"])
        status, body = await api(
            d.center, "POST", "/api/tickets/survey", json={**survey, "ticket": "x" * 32}
        )
        assert (status, body["code"]) == (404, "ticket_unknown")
        # A session an agent started has no inbound part.
        status, own = await api(d.center, "POST", "/api/sessions", token=token, json={})
        status, record = await api(d.center, "GET", f"/api/sessions/{own['number']}", token=token)
        assert record["inbound"] is None


async def test_queue_agents_lists_members_and_who_is_online(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        ada, bob = await d.token("ada"), await d.token("bob")
        await api(d.center, "GET", "/api/queues", token=bob)  # bob's console polls
        status, body = await api(d.center, "GET", "/api/queues/agents", token=ada)
        assert status == 200
        agents = {a["username"]: a for a in body["agents"]}
        assert agents["bob"]["online"] and agents["bob"]["queues"] == ["billing"]
        assert not agents["cy"]["online"] and agents["cy"]["queues"] == ["tech"]
        # Ada is not in "tech": its title comes along, for the transfer dialog to show.
        assert body["titles"] == {"billing": "Billing", "tech": "Technical support"}
        status, _ = await api(d.center, "GET", "/api/queues/agents")
        assert status == 401


async def test_an_agent_at_their_session_cap_takes_no_one(tmp_path: Path) -> None:
    async with desk(tmp_path, max_sessions_per_agent=1) as d:
        ada, bob = await d.token("ada"), await d.token("bob")
        status, _ = await api(d.center, "POST", "/api/sessions", token=ada, json={})
        assert status == 200
        async with waiting(d.center, await d.ticket()) as grace:
            status, body = await d.accept(ada)
            assert (status, body["code"]) == (409, "too_many_sessions")
            # Grace was not taken: the next agent gets her.
            status, accepted = await d.accept(bob)
            assert (status, accepted["name"]) == (200, "Grace")
            assert isinstance(await grace.next(), QueueAccepted)
