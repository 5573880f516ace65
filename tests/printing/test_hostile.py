"""Hostile peers on both sides of Print to my printer, each attack performed over real sessions
(a real center, aiortc on loopback):

- a modified console cannot add a printer on the customer's computer unless that agent controls
  it and the customer agreed, cannot flood the customer with questions, and no message of its
  makes the customer's side print or read a file (there is none to send);
- a modified client cannot make the console print without the agent having turned it on, nor
  get an oversize, non-PDF, damaged or over-rate job printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator

import pytest

from shared.features.desktop.activities import ActivityState
from shared.features.printing import frames
from shared.features.printing.engine import MAX_OFFERS_PER_WINDOW, MAX_OPEN_JOBS
from shared.features.printing.protocol import (
    MAX_JOB_BYTES,
    PrintJob,
    PrintOffer,
    PrintReady,
    Why,
)
from shared.features.printing.system import TempPrinters
from shared.session.consent import ConsentAnswer
from shared.transport.channels import ChannelName
from tests.helpers import CenterFixture, wait_for
from tests.printing.support import Printing, make_pdf, printing_session


class FakePrinters:
    """The customer's system, recorded (these tests are about the peers, not CUPS)."""

    def __init__(self) -> None:
        self.added: list[tuple[str, str, int]] = []
        self.removed: list[str] = []

    def add(self, queue: str, description: str, port: int) -> None:
        self.added.append((queue, description, port))

    def remove(self, queue: str) -> None:
        self.removed.append(queue)

    def queues(self) -> list[str]:
        return []


@pytest.fixture
async def pair(center: CenterFixture) -> AsyncIterator[Printing]:
    system = FakePrinters()

    def made() -> TempPrinters:
        return system

    async with printing_session(center, made) as found:
        found.watch_prints()
        yield found


def fake(pair: Printing) -> FakePrinters:
    printers = pair.customer.printers
    assert isinstance(printers, FakePrinters)
    return printers


def refusals(pair: Printing, side: str = "agent") -> list[str]:
    return [j.reason for j in pair.jobs(side) if j.stage == "refused"]


async def on(pair: Printing) -> str:
    pair.answer(ConsentAnswer(granted=True))
    pair.control(ActivityState.ACTIVE)
    offer = pair.agent.turn_on(pair.session.customer_id, "TandemPDF")
    await wait_for(lambda: any(s.stage == "on" for s in pair.statuses("agent")))
    return offer


# --- a modified console ---------------------------------------------------------------------


def answered(pair: Printing) -> list[str]:
    """Why the customer's side said no to each offer, from its audit trail."""
    events = pair.session.customer.engine.audit.events
    return [e.detail["reason"] for e in events if e.kind == "printing.unavailable"]


async def test_a_console_cannot_add_a_printer_without_controlling(pair: Printing) -> None:
    pair.answer(ConsentAnswer(granted=True))
    # No control: the console's own check is skipped by sending the offer itself.
    pair.session.agent.send_to(pair.session.customer_id, PrintOffer(id="sneaky-1"))
    await wait_for(lambda: answered(pair) == [Why.NOT_CONTROLLING])
    assert fake(pair).added == [] and pair.asked == []


async def test_a_console_cannot_add_a_printer_after_control_ended(pair: Printing) -> None:
    pair.answer(ConsentAnswer(granted=True))
    pair.control(ActivityState.ACTIVE)
    pair.control(ActivityState.STOPPED)
    pair.session.agent.send_to(pair.session.customer_id, PrintOffer(id="sneaky-2"))
    await wait_for(lambda: answered(pair) == [Why.NOT_CONTROLLING])
    assert fake(pair).added == [] and pair.asked == []


async def test_offers_past_the_rate_ask_nobody(pair: Printing) -> None:
    pair.answer(ConsentAnswer(granted=False))
    pair.control(ActivityState.ACTIVE)
    for number in range(MAX_OFFERS_PER_WINDOW + 5):
        pair.session.agent.send_to(pair.session.customer_id, PrintOffer(id=f"flood-{number}"))
    # Let them all arrive: a chat round trip after them on the same ordered channel.
    await pair_round_trip(pair)
    await wait_for(lambda: len(answered(pair)) == MAX_OFFERS_PER_WINDOW)
    # At most the rate's questions; the offers past it were dropped unanswered, unasked.
    assert 1 <= len(pair.asked) <= MAX_OFFERS_PER_WINDOW
    assert fake(pair).added == []


async def pair_round_trip(pair: Printing) -> None:
    from tests.integration.support import chat_of, texts

    chat_of(pair.session.agent).send(pair.session.customer_id, "ping")
    await wait_for(lambda: "ping" in texts(pair.session.customer))


async def test_a_consoles_job_messages_are_dropped_by_the_customer(pair: Printing) -> None:
    """The customer's side takes no job, no "ready", from a console: nothing to print there."""
    data = make_pdf("from the console")
    sha = hashlib.sha256(data).hexdigest()
    job = PrintJob(offer="x", job="00" * 8, size=len(data), sha256=sha)
    pair.session.agent.send_to(pair.session.customer_id, job)
    pair.session.agent.send_to(pair.session.customer_id, PrintReady(id="x"))
    await pair_round_trip(pair)
    assert pair.jobs("customer") == [] and fake(pair).added == []


# --- a modified client ----------------------------------------------------------------------


async def send_job(pair: Printing, offer: str, data: bytes, size: int | None = None) -> str:
    """The client's side of a job, done by hand: announce, then frames on bulk."""
    job = hashlib.sha256(data).hexdigest()[:16]
    announced = PrintJob(
        offer=offer,
        job=job,
        size=size if size is not None else len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        title="by hand",
    )
    pair.session.customer.send_to(pair.session.agent_id, announced)
    channel = pair.session.customer.channel(pair.session.agent_id, ChannelName.BULK)
    for offset in range(0, len(data), frames.MAX_PAYLOAD_BYTES):
        chunk = data[offset : offset + frames.MAX_PAYLOAD_BYTES]
        await channel.write(frames.encode(job, offset, chunk))
    return job


async def test_a_client_cannot_print_without_the_agent_turning_it_on(pair: Printing) -> None:
    await send_job(pair, "never-offered", make_pdf("unasked"))
    await wait_for(lambda: Why.NOT_ALLOWED in refusals(pair))
    await pair_round_trip(pair)
    assert pair.printed == [] and pair.agent.incoming == {}


async def test_a_client_cannot_send_an_oversize_job(pair: Printing) -> None:
    offer = await on(pair)
    await send_job(pair, offer, make_pdf("big"), size=MAX_JOB_BYTES + 1)
    await wait_for(lambda: Why.TOO_BIG in refusals(pair))
    assert pair.printed == []


async def test_a_client_cannot_send_more_than_it_announced(pair: Printing) -> None:
    offer = await on(pair)
    data = make_pdf("longer than said")
    await send_job(pair, offer, data, size=10)
    await wait_for(lambda: Why.TOO_BIG in refusals(pair))
    assert pair.printed == []


async def test_a_client_cannot_get_a_non_pdf_printed(pair: Printing) -> None:
    offer = await on(pair)
    await send_job(pair, offer, b"%!PS-Adobe-3.0\n" + b"x" * 200_000)
    await wait_for(lambda: Why.NOT_PDF in refusals(pair))
    await pair_round_trip(pair)
    assert pair.printed == []
    folder = pair.agent._folder
    assert folder is None or not list(folder.iterdir())  # nothing left on the agent's disk


async def test_a_damaged_job_is_not_printed(pair: Printing) -> None:
    offer = await on(pair)
    data = make_pdf("damaged")
    job = hashlib.sha256(data).hexdigest()[:16]
    pair.session.customer.send_to(
        pair.session.agent_id,
        PrintJob(offer=offer, job=job, size=len(data), sha256="0" * 64),
    )
    channel = pair.session.customer.channel(pair.session.agent_id, ChannelName.BULK)
    await channel.write(frames.encode(job, 0, data))
    await wait_for(lambda: Why.DAMAGED in refusals(pair))
    assert pair.printed == []


async def test_a_client_cannot_flood_the_agents_printer(pair: Printing) -> None:
    offer = await on(pair)
    data = make_pdf("again")
    for number in range(MAX_OPEN_JOBS + 3):  # announced, never finished: they stay open
        pair.session.customer.send_to(
            pair.session.agent_id,
            PrintJob(
                offer=offer,
                job=f"{number:016x}",
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            ),
        )
    await wait_for(lambda: refusals(pair).count(Why.TOO_OFTEN) == 3)
    assert len(pair.agent.incoming) == MAX_OPEN_JOBS


async def test_a_whole_job_is_printed_on_the_agents_chosen_printer(pair: Printing) -> None:
    """The control case of the attacks above: the same hand-made job, allowed, prints."""
    offer = await on(pair)
    data = make_pdf("allowed")
    await send_job(pair, offer, data)
    await wait_for(lambda: bool(pair.printed))
    assert pair.printed == [("TandemPDF", data)]


async def print_raw(port: int, data: bytes) -> None:
    """What CUPS's socket backend does: connect to the printer's port, write, close."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    with contextlib.suppress(ConnectionError):  # closed on us past the limit: the refusal
        writer.write(data)
        await writer.drain()
        writer.write_eof()
        await reader.read()
    writer.close()


async def test_the_customers_side_refuses_a_non_pdf_from_its_printer(pair: Printing) -> None:
    """What reaches the printer's port that is not a PDF never leaves the customer's computer."""
    await on(pair)
    (_queue, _description, port) = fake(pair).added[0]
    await print_raw(port, b"plain text, not a PDF\n")
    await wait_for(lambda: Why.NOT_PDF in refusals(pair, "customer"))
    await pair_round_trip(pair)
    assert pair.jobs("agent") == []


async def test_the_customers_side_refuses_an_oversize_job_from_its_printer(pair: Printing) -> None:
    pair.customer.max_job_bytes = 100_000  # the limit, made small for the test
    await on(pair)
    (_queue, _description, port) = fake(pair).added[0]
    await print_raw(port, make_pdf("x") + b"%" * 200_000)
    await wait_for(lambda: Why.TOO_BIG in refusals(pair, "customer"))
    assert pair.jobs("agent") == []
