"""Print jobs share the bulk channel with file transfer: over a real link, file transfer's
receiver keeps getting its frames while a job arrives in tagged frames beside them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from shared.features.desktop.activities import ActivityState
from shared.session.consent import ConsentAnswer
from shared.transport.channels import ChannelName
from tests.helpers import CenterFixture, wait_for
from tests.printing.support import Printing, make_pdf, printing_session
from tests.printing.test_hostile import FakePrinters, send_job


@pytest.fixture
async def pair(center: CenterFixture) -> AsyncIterator[Printing]:
    system = FakePrinters()
    async with printing_session(center, lambda: system) as found:
        found.watch_prints()
        yield found


async def test_file_frames_and_print_frames_each_reach_their_feature(pair: Printing) -> None:
    agent_bulk = pair.session.agent.channel(pair.session.customer_id, ChannelName.BULK)
    file_frames: list[bytes | str] = []
    # Where file transfer puts its receiver (on_message), before and after printing's own.
    agent_bulk.on_message(file_frames.append)

    pair.answer(ConsentAnswer(granted=True))
    pair.control(ActivityState.ACTIVE)
    offer = pair.agent.turn_on(pair.session.customer_id, "TandemPDF")
    await wait_for(lambda: any(s.stage == "on" for s in pair.statuses("agent")))
    customer_bulk = pair.session.customer.channel(pair.session.agent_id, ChannelName.BULK)
    a_file_chunk = bytes(range(256)) * 100
    await customer_bulk.write(a_file_chunk)
    data = make_pdf("beside a file")
    await send_job(pair, offer, data)
    await customer_bulk.write(a_file_chunk)

    await wait_for(lambda: bool(pair.printed) and len(file_frames) == 2)
    assert pair.printed == [("TandemPDF", data)]
    assert file_frames == [a_file_chunk, a_file_chunk]  # none of the job's frames among them
