"""Chat in the session's record only when the site keeps chat (``--keep-chat``): real sessions on
a real center on loopback. Enabled, each line (both ways, who said it, when) is in the record
once; disabled (the default), the record says chat happened but holds none of its text, even
when a modified console or a customer sends the text anyway."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from shared.protocol.messages import EVERYONE, AuditNote
from tests.helpers import AGENT_NAME, AGENT_USER, CenterFixture, running_center, wait_for
from tests.integration.support import api, chat_of, connected_session, texts
from tests.integration.test_center_attacks import joined_pair, send, still_answers, token_of
from tests.roles.support import me, three_peers

SECRET = "my password is hunter2"


@pytest.fixture
async def keeping_center(tmp_path: Path) -> AsyncIterator[CenterFixture]:
    async with running_center(tmp_path / "keeping", keep_chat=True) as fixture:
        yield fixture


async def record_of(center: CenterFixture, number: int) -> dict[str, Any]:
    token = await token_of(center, AGENT_USER)
    status, record = await api(center, "GET", f"/api/sessions/{number}", token=token)
    assert status == 200, record
    return record


def chat_entries(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in record["audit"] if e["kind"] == "peer.chat"]


async def chat_both_ways(center: CenterFixture) -> tuple[int, bool]:
    """Agent and customer each say a line; the session's number, and whether the peers were
    told the site keeps chat."""
    session = await connected_session(center)
    try:
        chat_of(session.agent).send(session.customer_id, "Can you open the printer settings?")
        chat_of(session.customer).send(EVERYONE, f"Done. Also {SECRET}")
        await wait_for(lambda: len(texts(session.agent)) == 2, what="both lines at the agent")
        told = session.agent.settings.keep_chat and session.customer.settings.keep_chat
        await session.agent.end()
    finally:
        await session.close()
    return session.started.number, told


async def test_a_site_keeping_chat_has_each_line_in_the_record_once_with_who_and_when(
    keeping_center: CenterFixture,
) -> None:
    number, told = await chat_both_ways(keeping_center)
    assert told
    record = await record_of(keeping_center, number)
    # Both sides note that a line went by; the agent's console alone sends what was said.
    entries = [e for e in chat_entries(record) if e["lines"]]
    said = [(e["detail"].get("sender"), e["lines"]) for e in entries]
    assert said == [
        (AGENT_NAME, ["Can you open the printer settings?"]),
        ("Grace", [f"Done. Also {SECRET}"]),
    ]
    assert {e["actor"] for e in entries} == {AGENT_NAME}
    assert all(e["at"] > 0 for e in entries)


async def test_by_default_the_record_keeps_that_chat_happened_but_none_of_its_text(
    center: CenterFixture,
) -> None:
    number, told = await chat_both_ways(center)
    assert not told
    record = await record_of(center, number)
    entries = chat_entries(record)
    assert len(entries) == 4  # each side notes each line went by…
    assert all(e["lines"] == [] and "sender" not in e["detail"] for e in entries)
    assert "printer settings" not in json.dumps(record) and SECRET not in json.dumps(record)


async def forge_chat_notes(center: CenterFixture, by_agent: bool) -> int:
    """A modified console (or customer) sends chat text in its notes whatever the settings."""
    async with AsyncExitStack() as stack:
        agent, welcome, customer, _ = await joined_pair(center, stack)
        ws = agent if by_agent else customer
        for kind in ("chat", "chat.line", "chatlog"):
            note = AuditNote(kind=kind, detail={"to": "*", "text": SECRET}, lines=[SECRET])
            await ws.send_str(send(note))
        await still_answers(ws)
        return welcome.session


async def test_a_center_not_keeping_chat_drops_chat_text_a_modified_console_sends(
    center: CenterFixture,
) -> None:
    number = await forge_chat_notes(center, by_agent=True)
    record = await record_of(center, number)
    forged = [e for e in record["audit"] if e["kind"].lower().startswith("peer.chat")]
    assert len(forged) == 3  # that chat happened is kept…
    assert SECRET not in json.dumps(record)  # …never what was said


async def test_a_center_keeping_chat_takes_chat_text_from_agents_only(
    keeping_center: CenterFixture,
) -> None:
    number = await forge_chat_notes(keeping_center, by_agent=False)
    record = await record_of(keeping_center, number)
    assert SECRET not in json.dumps(record)  # a customer cannot write lines into the record


async def test_with_an_assistant_every_line_is_in_the_record_once_private_ones_included(
    keeping_center: CenterFixture,
) -> None:
    """The primary agent records what it sees; the lines between the assistant and the customer
    alone, which it never sees, the assistant records: each line once, none missing."""
    three = await three_peers(keeping_center)
    try:
        primary, assistant, customer = three.primary, three.assistant, three.customer
        customer_id, assistant_id = me(customer).id, me(assistant).id
        said = [
            (primary, customer_id, "Hello, I am Ada."),
            (assistant, customer_id, "Bob here, privately: which printer?"),
            (customer, assistant_id, "The HP on the second floor."),
            (assistant, EVERYONE, "Ada, it is the HP."),
            (customer, EVERYONE, "Thank you both."),
        ]
        for session, to, text in said:
            chat_of(session).send(to, text)
        # Each holds the lines it sent or was sent: the private ones only at their two ends.
        await wait_for(lambda: len(texts(customer)) == 5, what="every line at the customer")
        await wait_for(lambda: len(texts(assistant)) == 4, what="the assistant's lines")
        await wait_for(lambda: len(texts(primary)) == 3, what="the primary's lines")
        await primary.end()
    finally:
        await three.close()
    record = await record_of(keeping_center, three.number)
    kept = sorted(line for e in chat_entries(record) for line in e["lines"])
    assert kept == sorted(text for _, _, text in said)
