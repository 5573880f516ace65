"""Print to my printer between two real sessions (a real center, aiortc on loopback) and the
machine's real CUPS: the customer's computer gets a temporary printer while the agent controls
it, a PDF printed there with ``lp`` comes out of the agent's CUPS PDF printer with its text,
and the printer is gone when the session, the control or the customer's consent ends."""

from __future__ import annotations

import os
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.features.desktop.activities import ActivityState
from shared.features.printing.cups import CupsPrinters
from shared.features.printing.protocol import Why
from shared.features.printing.system import QUEUE_PREFIX, remove_leftovers
from shared.session.consent import ConsentAnswer, PermissionKind
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import chat_of, texts
from tests.printing.support import (
    PDF_PRINTER,
    PRINT_TIMEOUT_S,
    Printing,
    description,
    make_pdf,
    needs_cups,
    pdf_text,
    printed_pdfs,
    printing_session,
    queues,
)

pytestmark = needs_cups

TEXT = "Invoice 4711 for Grace Hopper"
# Adding a CUPS queue takes the scheduler a moment (it restarts its printer list).
ADD_TIMEOUT_S = 30.0


@pytest.fixture
async def pair(center: CenterFixture) -> AsyncIterator[Printing]:
    async with printing_session(center) as found:
        yield found


async def turned_on(pair: Printing) -> str:
    pair.answer(ConsentAnswer(granted=True))
    pair.control(ActivityState.ACTIVE)
    pair.agent.turn_on(pair.session.customer_id, PDF_PRINTER)
    await wait_for(
        lambda: any(s.stage == "on" for s in pair.statuses("agent")),
        ADD_TIMEOUT_S,
        "the printer on the customer's computer",
    )
    queue = pair.our_queue()
    assert queue is not None
    return queue


async def test_a_pdf_printed_on_the_customers_computer_comes_out_of_the_agents_printer(
    pair: Printing, tmp_path: Path
) -> None:
    queue = await turned_on(pair)
    assert queue.startswith(QUEUE_PREFIX) and queue in queues()
    assert queues()[queue].startswith("socket://127.0.0.1:")
    agent_name = pair.session.agent.engine.me.name  # type: ignore[union-attr]
    assert description(queue) == f"Tandem – {agent_name}'s printer"
    (request,) = pair.asked
    assert request.kind == PermissionKind.PRINTING and request.feature == "printing"

    # The customer prints, as any of their programs would: to the temporary printer.
    source = tmp_path / "invoice.pdf"
    source.write_bytes(make_pdf(TEXT))
    subprocess.run(["lp", "-d", queue, str(source)], check=True, capture_output=True)

    await wait_for(
        lambda: any(j.stage == "printed" for j in pair.jobs("agent")),
        PRINT_TIMEOUT_S,
        "the job printed on the agent's side",
    )
    await wait_for(
        lambda: any(TEXT in pdf_text(p) for p in printed_pdfs(pair.started)),
        PRINT_TIMEOUT_S,
        "the PDF from the agent's CUPS PDF printer",
    )
    printed = [j for j in pair.jobs("agent") if j.stage == "printed"]
    assert printed[0].detail.startswith(f"{PDF_PRINTER}-")  # lp's request id on TandemPDF
    await wait_for(
        lambda: any(j.stage == "printed" for j in pair.jobs("customer")),
        what="the customer told it printed",
    )
    folder = pair.agent._folder
    assert folder is not None and not list(folder.iterdir())  # the job's file went after lp

    await pair.session.close()
    assert queue not in queues()


async def test_declined_no_printer_is_added(pair: Printing) -> None:
    before = set(queues())
    pair.answer(ConsentAnswer(granted=False))
    pair.control(ActivityState.ACTIVE)
    pair.agent.turn_on(pair.session.customer_id, PDF_PRINTER)
    await wait_for(lambda: any(s.reason == Why.DECLINED for s in pair.statuses("agent")))
    assert set(queues()) == before
    assert pair.session.customer_id not in pair.agent.offers


async def test_control_ending_removes_the_printer(pair: Printing) -> None:
    queue = await turned_on(pair)
    pair.control(ActivityState.STOPPED)
    await wait_for(lambda: queue not in queues(), ADD_TIMEOUT_S, "the printer removed")
    await wait_for(lambda: any(s.stage == "off" for s in pair.statuses("customer")))
    assert pair.session.customer_id not in pair.agent.offers


async def test_control_ending_removes_it_even_if_the_console_keeps_it_on(pair: Printing) -> None:
    """The customer's side goes by its own desktop state, not the console's word."""
    queue = await turned_on(pair)
    pair.control(ActivityState.STOPPED, agent_side=False)
    await wait_for(lambda: queue not in queues(), ADD_TIMEOUT_S, "the printer removed")
    await wait_for(lambda: any(s.reason == Why.CONTROL_ENDED for s in pair.statuses("agent")))


async def test_the_customer_removes_it_and_the_agent_is_told(pair: Printing) -> None:
    queue = await turned_on(pair)
    pair.customer.withdraw()
    await wait_for(lambda: queue not in queues(), ADD_TIMEOUT_S, "the printer removed")
    await wait_for(lambda: any(s.reason == Why.WITHDRAWN for s in pair.statuses("agent")))
    assert pair.session.customer_id not in pair.agent.offers


async def test_the_agent_turns_it_off(pair: Printing) -> None:
    queue = await turned_on(pair)
    pair.agent.turn_off(pair.session.customer_id)
    await wait_for(lambda: queue not in queues(), ADD_TIMEOUT_S, "the printer removed")


async def test_without_the_right_to_add_printers_the_customer_is_told(
    center: CenterFixture,
) -> None:
    # lpadmin run as a user outside the lpadmin group: CUPS itself refuses.
    nobody = CupsPrinters(lpadmin=("runuser", "-u", "nobody", "--", "lpadmin"))
    async with printing_session(center, lambda: nobody) as pair:
        before = set(queues())
        pair.answer(ConsentAnswer(granted=True))
        pair.control(ActivityState.ACTIVE)
        pair.agent.turn_on(pair.session.customer_id, PDF_PRINTER)
        await wait_for(lambda: any(s.reason == Why.CANNOT_ADD for s in pair.statuses("customer")))
        said = next(s for s in pair.statuses("customer") if s.reason == Why.CANNOT_ADD)
        assert "Forbidden" in said.detail or "lpadmin" in said.detail
        await wait_for(lambda: any(s.reason == Why.CANNOT_ADD for s in pair.statuses("agent")))
        assert set(queues()) == before and pair.customer.printer is None
        # Nothing else broke: the session and its chat go on.
        chat_of(pair.session.agent).send(pair.session.customer_id, "Never mind.")
        await wait_for(lambda: texts(pair.session.customer) == ["Never mind."])


def test_leftover_printers_of_a_dead_client_are_removed_on_the_next_start() -> None:
    printers = CupsPrinters()
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = f"{QUEUE_PREFIX}{dead.pid}-0badc0de"
    alive = f"{QUEUE_PREFIX}{os.getpid()}-0a11ce00"
    printers.add(leftover, "Tandem – crashed", 9)
    printers.add(alive, "Tandem – still running", 9)
    try:
        assert {leftover, alive} <= set(queues())
        removed = remove_leftovers(printers)
        assert leftover in removed and leftover not in queues()
        assert alive in queues()  # this client runs: its printer stays
    finally:
        printers.remove(leftover)
        printers.remove(alive)
