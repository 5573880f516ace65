"""Tickets: issued by the center, brought by the client with ``queue.wait``; forged, expired
and reused ones refused with their own code; a full queue says so."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp

from shared.protocol import TO_CENTER
from shared.protocol.messages import (
    CustomerJoin,
    ErrorCode,
    ErrorMessage,
    QueueAccepted,
    QueueLeave,
    QueueStatus,
    QueueWait,
    Welcome,
)
from support_center.queues.routes import MAX_TICKETS_PER_ADDRESS
from tests.integration.support import answer, api, raw_socket
from tests.queues.support import desk, waiting


async def test_a_ticket_puts_the_customer_in_line_with_position_and_name(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        status, issued = await api(
            d.center,
            "POST",
            "/api/tickets",
            json={"queue": "billing", "name": "Grace", "email": "g@example.com"},
        )
        assert status == 201, issued
        assert issued["queue_title"] == "Billing"
        assert issued["download_url"] == f"/help/download/{issued['ticket']}"
        link = urlsplit(issued["open_url"])
        assert (link.scheme, link.netloc) == ("tandem", "queue")
        assert parse_qs(link.query)["ticket"] == [issued["ticket"]]
        assert parse_qs(link.query)["fp"] == [d.center.running.fingerprint]
        assert parse_qs(link.query)["lang"] == ["en"]  # the form's language (English: unsaid)
        second = await d.ticket(name="Alan")
        async with waiting(d.center, issued["ticket"]) as grace:
            assert isinstance(grace.first, QueueStatus), grace.first
            assert (grace.first.position, grace.first.queue_title) == (1, "Billing")
            assert grace.first.name == "Grace"
            assert grace.first.estimated_wait_s > 0
            async with waiting(d.center, second) as alan:
                assert isinstance(alan.first, QueueStatus)
                assert (alan.first.position, alan.first.name) == (2, "Alan")


async def test_unknown_queue_and_bad_bodies_are_refused(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        status, body = await api(
            d.center, "POST", "/api/tickets", json={"queue": "nope", "name": "Grace"}
        )
        assert (status, body["code"]) == (404, "unknown_queue")
        status, body = await api(
            d.center, "POST", "/api/tickets", json={"queue": "billing", "name": "G", "x": 1}
        )
        assert (status, body["code"]) == (400, "invalid")


async def test_a_forged_ticket_is_refused_as_unknown(tmp_path: Path) -> None:
    async with desk(tmp_path) as d, waiting(d.center, secrets.token_urlsafe(24)) as forged:
        assert isinstance(forged.first, ErrorMessage)
        assert forged.first.code == ErrorCode.TICKET_UNKNOWN


async def test_a_ticket_brought_too_late_is_refused_as_expired(tmp_path: Path) -> None:
    # A window of 0 s: every ticket is too late by the time its client comes.
    async with desk(tmp_path, ticket_start_window_s=0.0) as d:
        ticket = await d.ticket()
        async with waiting(d.center, ticket) as late:
            assert isinstance(late.first, ErrorMessage)
            assert late.first.code == ErrorCode.TICKET_EXPIRED


async def test_a_ticket_used_for_a_session_or_left_is_refused_as_used(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        token = await d.token()
        helped, gone = await d.ticket(), await d.ticket(name="Alan")
        async with waiting(d.center, helped) as grace:
            status, accepted = await d.accept(token)
            assert status == 200, accepted
            told = await grace.next()
            assert isinstance(told, QueueAccepted) and told.session == accepted["number"]
        async with raw_socket(d.center) as ws:
            join = CustomerJoin(session=accepted["number"], name="Grace")
            await ws.send_str(TO_CENTER.encode(join))
            assert isinstance(await answer(ws), Welcome)
            async with waiting(d.center, helped) as again:
                assert isinstance(again.first, ErrorMessage)
                assert again.first.code == ErrorCode.TICKET_USED
        async with waiting(d.center, gone) as alan:
            assert isinstance(alan.first, QueueStatus)
            await alan.ws.send_str(TO_CENTER.encode(QueueLeave()))
        async with waiting(d.center, gone) as back:
            assert isinstance(back.first, ErrorMessage)
            assert back.first.code == ErrorCode.TICKET_USED


async def test_a_full_queue_says_so_naming_its_limit(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        for n in range(5):  # billing holds 5
            await d.ticket(name=f"Customer {n}")
        status, body = await api(
            d.center, "POST", "/api/tickets", json={"queue": "billing", "name": "Late"}
        )
        assert (status, body["code"]) == (409, "queue_full")
        assert "Billing" in body["reason"] and "5" in body["reason"]
        # Other queues still take customers.
        assert await d.ticket(queue="tech")


async def test_guessing_tickets_from_one_address_is_slowed(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        codes = []
        for _ in range(d.center.config.max_failures + 1):
            async with waiting(d.center, secrets.token_urlsafe(24)) as guess:
                assert isinstance(guess.first, ErrorMessage)
                codes.append(guess.first.code)
        assert codes[:-1] == [ErrorCode.TICKET_UNKNOWN] * d.center.config.max_failures
        assert codes[-1] == ErrorCode.RATE_LIMITED


async def test_filing_help_requests_is_limited_per_address(tmp_path: Path) -> None:
    async with desk(tmp_path) as d:
        for n in range(MAX_TICKETS_PER_ADDRESS):
            await d.ticket(queue="tech", name=f"Customer {n}")
        status, body = await api(
            d.center, "POST", "/api/tickets", json={"queue": "tech", "name": "One more"}
        )
        assert (status, body["code"]) == (429, "rate_limited")
        assert body["retry_after_s"] > 0


async def test_one_socket_waits_for_one_customer_and_a_newer_one_replaces_it(
    tmp_path: Path,
) -> None:
    async with desk(tmp_path) as d:
        token = await d.token()
        grace_ticket, alan_ticket = await d.ticket(name="Grace"), await d.ticket(name="Alan")
        async with waiting(d.center, grace_ticket) as grace:
            await grace.ws.send_str(TO_CENTER.encode(QueueWait(ticket=alan_ticket)))
            refused = await grace.next()
            assert isinstance(refused, ErrorMessage) and refused.code == ErrorCode.NOT_ALLOWED
            # Grace's client reconnects (a second socket): the newer one takes over.
            async with waiting(d.center, grace_ticket) as again:
                assert isinstance(again.first, QueueStatus) and again.first.position == 1
                closed = await grace.ws.receive(timeout=5)
                assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                status, accepted = await d.accept(token)
                assert (status, accepted["name"]) == (200, "Grace")
                told = await again.next()
                assert isinstance(told, QueueAccepted)
        # Alan's client never came: he is not in line, whatever Grace's socket sent.
        status, body = await d.accept(token)
        assert (status, body["code"]) == (404, "nobody_waiting")
        async with waiting(d.center, alan_ticket) as alan:
            assert isinstance(alan.first, QueueStatus) and alan.first.name == "Alan"
