"""Presence: a customer whose client closes is out of line within seconds; one whose center
restarted keeps their place when their client comes back."""

from __future__ import annotations

import time
from pathlib import Path

from shared.protocol.messages import ErrorCode, ErrorMessage, QueueStatus
from support_center.store import Store
from tests.helpers import free_port, wait_for
from tests.integration.support import api
from tests.queues.support import GRACE_S, desk, waiting


async def test_a_customer_whose_client_closes_is_out_of_line_within_seconds(
    tmp_path: Path,
) -> None:
    async with desk(tmp_path) as d:
        token = await d.token()
        first, second = await d.ticket(name="Grace"), await d.ticket(name="Alan")
        async with waiting(d.center, second) as alan:
            async with waiting(d.center, first) as grace:
                assert isinstance(grace.first, QueueStatus) and grace.first.position == 1
                assert isinstance(alan.first, QueueStatus) and alan.first.position == 1
                moved = await alan.status()  # Grace came back ahead of him
                assert moved.position == 2
            closed = time.monotonic()
            # Grace's client is gone (no queue.leave): Alan is next at once, and she is out of
            # line once her grace is over.
            moved = await alan.status()
            assert moved.position == 1
            _, view = await api(d.center, "GET", "/api/queues", token=token)
            assert view["queues"][0]["waiting"] == 1

            def out_of_line() -> bool:
                request = d.lobby.queues.request_for_ticket(first)
                return request is not None and request.status == "left"

            await wait_for(out_of_line, timeout=GRACE_S + 3, what="Grace out of line")
            assert time.monotonic() - closed < GRACE_S + 3
        async with waiting(d.center, first) as late:
            assert isinstance(late.first, ErrorMessage)
            assert late.first.code == ErrorCode.TICKET_USED


async def test_a_customer_back_within_the_grace_keeps_their_place(tmp_path: Path) -> None:
    async with desk(tmp_path, queue_presence_grace_s=30.0) as d:
        first, second = await d.ticket(name="Grace"), await d.ticket(name="Alan")
        async with waiting(d.center, first), waiting(d.center, second) as alan:
            assert isinstance(alan.first, QueueStatus) and alan.first.position == 2
        # Alan's client comes back first: Grace, away within her grace, is still ahead of him;
        # hers comes back to the same place.
        async with waiting(d.center, second) as alan, waiting(d.center, first) as grace:
            assert isinstance(alan.first, QueueStatus) and alan.first.position == 2
            assert isinstance(grace.first, QueueStatus) and grace.first.position == 1


async def test_a_restarted_center_keeps_the_waiting_customers_places(tmp_path: Path) -> None:
    port = free_port()
    async with desk(tmp_path, port=port, queue_presence_grace_s=30.0) as d:
        first, second = await d.ticket(name="Grace"), await d.ticket(name="Alan")
        async with waiting(d.center, first), waiting(d.center, second) as alan:
            assert isinstance(alan.first, QueueStatus) and alan.first.position == 2
    # The records as a center that crashed leaves them: both still marked present.
    crashed = Store(tmp_path / "center.sqlite3")
    crashed.db.execute("UPDATE help_requests SET present = 1, absent_since = NULL")
    crashed.close()
    # The same data folder, started again: Alan's client reconnects first, Grace's after.
    async with (
        desk(tmp_path, port=port, queue_presence_grace_s=30.0) as d,
        waiting(d.center, second) as alan,
        waiting(d.center, first) as grace,
    ):
        assert isinstance(grace.first, QueueStatus), grace.first
        assert grace.first.position == 1
        # Grace not back yet when Alan was: he was told his own place all the same.
        assert isinstance(alan.first, QueueStatus) and alan.first.position == 2
        # An agent of the queue gets Grace first, as before the restart.
        status, accepted = await d.accept(await d.token())
        assert (status, accepted["name"]) == (200, "Grace")
