"""System information between two real sessions (a real center, aiortc on loopback): the
customer decides, every category arrives with the customer's real values, a refusal sends
nothing, and the customer's side never collects for a request it did not allow."""

from __future__ import annotations

from collections.abc import AsyncIterator

import psutil
import pytest

from shared.features.sysinfo.engine import SysinfoArrived, SysinfoStopped
from shared.features.sysinfo.protocol import Category, Refusal
from shared.features.sysinfo.rows import size_text
from shared.session.consent import ConsentAnswer, PermissionKind
from tests.helpers import CenterFixture, wait_for
from tests.sysinfo.support import Sysinfo, sysinfo_session

# Collecting every category of a real machine (a thousand packages) and sending it on loopback.
COLLECTION_TIMEOUT_S = 60.0


@pytest.fixture
async def pair(center: CenterFixture) -> AsyncIterator[Sysinfo]:
    async with sysinfo_session(center) as found:
        yield found


def arrived(pair: Sysinfo) -> list[SysinfoArrived]:
    return [e for e in pair.events if isinstance(e, SysinfoArrived)]


def stopped(pair: Sysinfo) -> list[SysinfoStopped]:
    return [e for e in pair.events if isinstance(e, SysinfoStopped)]


async def test_with_consent_every_category_arrives_with_the_customers_values(
    pair: Sysinfo,
) -> None:
    pair.answer(ConsentAnswer(granted=True))
    request_id = pair.agent.request(pair.session.customer_id)
    await wait_for(lambda: bool(arrived(pair)), COLLECTION_TIMEOUT_S, "the report")

    (event,) = arrived(pair)
    assert event.id == request_id
    report = event.report
    assert [c for c, _ in report.tables] == list(Category)
    assert report.customer_name == "Grace"
    tables = dict(report.tables)
    memory = tables[Category.MEMORY].pairs()
    assert memory["Total"] == size_text(psutil.virtual_memory().total)
    pids = {row[0] for row in tables[Category.PROCESSES].rows}
    assert str(psutil.Process().pid) in pids  # this very test process
    assert len(tables[Category.SOFTWARE].rows) > 100  # paged: far more than one message holds
    (request,) = pair.asked
    assert request.kind == PermissionKind.SYSTEM_INFO and request.feature == "sysinfo"
    assert request.agent_id == pair.session.agent_id
    sent = [e for e in pair.session.customer.engine.audit.events if e.kind == "sysinfo.sent"]
    assert len(sent) == 1 and sent[0].detail["agent"] == pair.session.agent_id


async def test_refused_nothing_is_collected_and_the_agent_is_told(pair: Sysinfo) -> None:
    pair.answer(ConsentAnswer(granted=False))
    pair.agent.request(pair.session.customer_id)
    await wait_for(lambda: bool(stopped(pair)), what="the refusal")

    (event,) = stopped(pair)
    assert event.reason == Refusal.DECLINED
    assert len(pair.asked) == 1
    assert pair.provider.overviews == 0
    assert not arrived(pair)
    assert pair.session.customer_id not in pair.agent.collections


async def test_allow_everything_covers_it_without_a_question(pair: Sysinfo) -> None:
    pair.answer(None)  # a question would never be answered
    pair.session.customer.consent._set_allowed(frozenset({PermissionKind.SYSTEM_INFO}))
    pair.agent.request(pair.session.customer_id, (Category.MEMORY,))
    await wait_for(lambda: bool(arrived(pair)), COLLECTION_TIMEOUT_S, "the report")
    assert pair.asked == []
    assert [c for c, _ in arrived(pair)[0].report.tables] == [Category.MEMORY]


async def test_a_provider_that_fails_gives_a_row_saying_so_and_the_rest_arrives(
    pair: Sysinfo,
) -> None:
    def broken() -> list[object]:
        raise RuntimeError("the disk controller went away")

    pair.customer.provider.disks = broken  # type: ignore[method-assign,assignment]
    pair.answer(ConsentAnswer(granted=True))
    pair.agent.request(pair.session.customer_id, (Category.DISKS, Category.MEMORY))
    await wait_for(lambda: bool(arrived(pair)), COLLECTION_TIMEOUT_S, "the report")

    tables = dict(arrived(pair)[0].report.tables)
    assert tables[Category.DISKS].failed
    assert "the disk controller went away" in tables[Category.DISKS].rows[0][0]
    assert not tables[Category.MEMORY].failed and tables[Category.MEMORY].rows
