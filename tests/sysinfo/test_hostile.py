"""A modified console floods the customer with requests, and a modified client answers with
more than any machine has, over real sessions (a real center, aiortc on loopback): the customer
is asked once, their machine collects once, and the agent's side stops a collection that
breaks its limits instead of holding it."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator

import pytest

from shared.features.sysinfo import engine
from shared.features.sysinfo.engine import SysinfoArrived, SysinfoStopped
from shared.features.sysinfo.protocol import (
    MAX_CATEGORY_ROWS,
    MAX_CELL_CHARS,
    Category,
    Column,
    Refusal,
    SysinfoPage,
    SysinfoRefused,
    SysinfoRequest,
)
from shared.features.sysinfo.rows import Pair
from shared.protocol.messages import PeerMessage
from shared.session.consent import ConsentAnswer
from shared.transport.channels import ChannelName
from tests.helpers import CenterFixture, wait_for
from tests.sysinfo.support import Sysinfo, sysinfo_session


@pytest.fixture
async def pair(center: CenterFixture) -> AsyncIterator[Sysinfo]:
    async with sysinfo_session(center) as found:
        yield found


# --- a modified console --------------------------------------------------------------------


async def test_a_flood_of_requests_asks_the_customer_once_and_collects_nothing_unallowed(
    pair: Sysinfo,
) -> None:
    pair.answer(None)  # the customer has not answered yet
    # The console sends 200 requests at once, bypassing its own one-at-a-time.
    for n in range(200):
        pair.session.agent.send_to(
            pair.session.customer_id, SysinfoRequest(id=f"flood-{n}", categories=[Category.MEMORY])
        )
    answered: list[str] = []

    def note(remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, SysinfoRefused):
            answered.append(message.reason)

    pair.agent._refused = note  # type: ignore[method-assign,assignment]
    # Every request is looked at; the refusals that are sent come back first.
    await wait_for(lambda: len(answered) >= engine.MAX_REQUESTS_PER_WINDOW, what="the refusals")
    await wait_for(lambda: len(pair.asked) == 1, what="the one question")
    # BUSY for those within the rate (one is being asked), one TOO_OFTEN, the rest dropped.
    assert answered.count(Refusal.BUSY) == engine.MAX_REQUESTS_PER_WINDOW - 1
    assert answered.count(Refusal.TOO_OFTEN) == 1
    assert len(answered) == engine.MAX_REQUESTS_PER_WINDOW
    assert len(pair.asked) == 1  # one question to the customer, not 200
    assert pair.provider.overviews == 0  # nothing collected while nobody allowed it
    kinds = [e.kind for e in pair.session.customer.engine.audit.events]
    assert kinds.count("sysinfo.flooded") == 1


async def test_a_provider_past_its_time_limit_gives_a_row_saying_so(pair: Sysinfo) -> None:
    release = threading.Event()

    def stuck() -> list[Pair]:
        release.wait(30)
        return []

    pair.customer.provider.memory = stuck  # type: ignore[method-assign]
    pair.customer.provider_timeout_s = 0.5
    pair.answer(ConsentAnswer(granted=True))
    arrived: list[SysinfoArrived] = []
    pair.session.agent.engine.subscribe(
        lambda e: arrived.append(e) if isinstance(e, SysinfoArrived) else None
    )
    try:
        pair.agent.request(pair.session.customer_id, (Category.MEMORY, Category.OVERVIEW))
        await wait_for(lambda: bool(arrived), 20, "the report")
    finally:
        release.set()
    tables = dict(arrived[0].report.tables)
    assert tables[Category.MEMORY].failed
    assert "no answer within" in tables[Category.MEMORY].rows[0][0]
    assert tables[Category.OVERVIEW].rows and not tables[Category.OVERVIEW].failed


# --- a modified client ---------------------------------------------------------------------


async def _answer_with(pair: Sysinfo, pages: list[SysinfoPage]) -> SysinfoStopped | None:
    """The agent asks; the modified client answers every request with ``pages``."""
    stopped: list[SysinfoStopped] = []
    arrived: list[SysinfoArrived] = []

    def event(e: object) -> None:
        if isinstance(e, SysinfoStopped):
            stopped.append(e)
        elif isinstance(e, SysinfoArrived):
            arrived.append(e)

    pair.session.agent.engine.subscribe(event)
    sent: list[int] = []

    async def flood(remote_id: str, request: SysinfoRequest) -> None:
        channel = pair.session.customer.channel(remote_id, ChannelName.CONTROL)
        for page in pages:
            await channel.drain()
            pair.session.customer.send_to(remote_id, page.model_copy(update={"id": request.id}))
            sent.append(1)

    pair.customer._asked = lambda remote_id, request: pair.session.customer.spawn(  # type: ignore[method-assign]
        flood(remote_id, request)
    )
    pair.agent.request(pair.session.customer_id)
    await wait_for(lambda: bool(stopped or arrived) or len(sent) == len(pages), 60, "the pages")
    await wait_for(lambda: bool(stopped or arrived), 30, "the agent's side to stop")
    assert not arrived, "a collection past the limits was kept"
    return stopped[0]


async def test_more_rows_than_the_limit_stop_the_collection(pair: Sysinfo) -> None:
    rows = [[f"package-{i}", "1.0", "Evil Corp"] for i in range(200)]
    columns = [Column.NAME, Column.VERSION, Column.PUBLISHER]
    pages = [
        SysinfoPage(id="x", category=Category.SOFTWARE, columns=columns, first=n * 200, rows=rows)
        for n in range(MAX_CATEGORY_ROWS // 200 + 1)  # 200 rows past the limit
    ]
    found = await _answer_with(pair, pages)
    assert found is not None and found.reason == "broken"
    assert "rows" in found.detail
    assert pair.session.customer_id not in pair.agent.collections


async def test_more_text_than_the_limit_stops_the_collection(pair: Sysinfo) -> None:
    """Within every per-message and per-category bound, 12 categories of long rows would
    still hand the agent's side tens of megabytes: it stops at MAX_REPORT_BYTES."""
    wide = [["x" * MAX_CELL_CHARS] * 8] * 5  # 12 KB of text per page
    columns = [Column.NOTE] * 8
    pages = []
    for category in Category:
        pages += [
            SysinfoPage(id="x", category=category, columns=columns, first=n * 5, rows=wide)
            for n in range(MAX_CATEGORY_ROWS // 5)
        ]
    needed = engine.MAX_REPORT_BYTES // (5 * 8 * MAX_CELL_CHARS) + 1
    found = await _answer_with(pair, pages[: needed + 5])
    assert found is not None and found.reason == "broken"
    assert "MiB" in found.detail


async def test_a_page_out_of_order_or_for_a_category_not_asked_stops_it(pair: Sysinfo) -> None:
    columns = [Column.PROPERTY, Column.VALUE]
    page = SysinfoPage(
        id="x", category=Category.MEMORY, columns=columns, first=7, rows=[["a", "b"]]
    )
    found = await _answer_with(pair, [page])
    assert found is not None and found.reason == "broken" and "order" in found.detail


def test_an_oversize_cell_is_refused_by_the_codec() -> None:
    """A cell past MAX_CELL_CHARS, or a control character in one, is not a valid page: the
    codec refuses it before any feature sees it."""
    from pydantic import ValidationError

    from shared.protocol.codec import PEER
    from shared.protocol.errors import ProtocolError

    columns = [Column.NAME]
    with pytest.raises(ValidationError):
        SysinfoPage(
            id="x", category=Category.SOFTWARE, columns=columns, first=0, rows=[["y" * 301]]
        )
    raw = (
        '{"v":1,"type":"sysinfo.page","id":"x","category":"software","columns":["name"],'
        '"first":0,"rows":[["a\\u001b[2Jb"]]}'
    )
    with pytest.raises(ProtocolError):
        PEER.decode(raw)
