"""Attacks on the support center (issue 9, findings 4 to 7), each performed against a real
center on loopback: an agent probing other agents' sessions, a customer reading other customers'
systems, crafted messages and idle sockets against the connection handlers, and another user of
the center's machine reading its database."""

from __future__ import annotations

import logging
import os
import pwd
import sqlite3
import stat
import subprocess
import tempfile
from collections.abc import Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from shared.protocol import TO_CENTER
from shared.protocol.limits import MAX_SIGNALING_MESSAGE_BYTES
from shared.protocol.messages import (
    AgentHello,
    AuditNote,
    CustomerJoin,
    ErrorMessage,
    FromCenter,
    ParticipantInfo,
    ParticipantJoined,
    Role,
    SignalIn,
    SignalKind,
    SignalOut,
    ToCenter,
    Welcome,
)
from support_center.hub import MAX_AUDIT_NOTES_PER_SOCKET
from tests.helpers import AGENT_NAME, AGENT_PASSWORD, AGENT_USER, CenterFixture, running_center
from tests.helpers import wait_for as wait_until
from tests.integration.support import answer, api, assert_center_serves, raw_socket

SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"


def send(message: ToCenter) -> str:
    return TO_CENTER.encode(message)


async def token_of(center: CenterFixture, username: str) -> str:
    status, body = await api(
        center, "POST", "/api/login", json={"username": username, "password": AGENT_PASSWORD}
    )
    assert status == 200, body
    return str(body["token"])


async def bob_token(center: CenterFixture) -> str:
    """Bob, a second agent of the same center, signed in: the prober."""
    store = center.running.store
    ada = store.agent_by_username(AGENT_USER)
    assert ada is not None
    store.add_agent("bob", "Bob Agent", ada.password_hash)
    return await token_of(center, "bob")


async def new_session(center: CenterFixture, token: str, *, ended: bool = False) -> int:
    status, body = await api(center, "POST", "/api/sessions", token=token, json={})
    assert status == 200, body
    number = int(body["number"])
    if ended:
        status, body = await api(center, "POST", f"/api/sessions/{number}/end", token=token)
        assert status == 200, body
    return number


def unused_number(center: CenterFixture) -> int:
    number = 100_000_000
    while center.running.store.session(number) is not None:
        number += 1
    return number


async def hello_answer(center: CenterFixture, token: str, number: int) -> FromCenter:
    """An agent's hello for ``number`` on a fresh socket (as a prober would, to get past the
    limit of refused messages per socket), and the center's answer."""
    async with raw_socket(center) as ws:
        await ws.send_str(send(AgentHello(token=token, session=number)))
        return await answer(ws)


async def still_answers(ws: aiohttp.ClientWebSocketResponse) -> None:
    """The socket's handler is alive: a signal to nobody is refused, not ignored or dropped."""
    await ws.send_str(send(SignalOut(to="pnobody", kind=SignalKind.OFFER, sdp=SDP)))
    refused = await answer(ws)
    assert isinstance(refused, ErrorMessage) and refused.code == "no_such_participant"


# --- finding 4: probing other agents' sessions -------------------------------------------------


async def test_an_agents_hello_cannot_tell_others_sessions_from_missing_or_ended_ones(
    center: CenterFixture,
) -> None:
    ada = await token_of(center, AGENT_USER)
    bob = await bob_token(center)
    probes = {
        "another agent's open session": await new_session(center, ada),
        "another agent's ended session": await new_session(center, ada, ended=True),
        "no session at all": unused_number(center),
        "one's own ended session": await new_session(center, bob, ended=True),
    }
    answers: dict[str, Any] = {}
    for what, number in probes.items():
        refused = await hello_answer(center, bob, number)
        assert isinstance(refused, ErrorMessage), what
        answers[what] = (refused.code, refused.reason, refused.retry_after_s)
    # One answer for all: Bob learns nothing of which numbers are in use, or whose.
    assert len(set(answers.values())) == 1, answers
    assert answers["no session at all"][0] == "no_such_session"
    # Ada's session is untouched, and hers to attach to.
    ada_open = probes["another agent's open session"]
    welcome = await hello_answer(center, ada, ada_open)
    assert isinstance(welcome, Welcome) and welcome.you.name == AGENT_NAME
    people = center.running.store.participants(ada_open)
    assert [p["name"] for p in people] == [AGENT_NAME]


async def test_probing_sessions_with_agent_hellos_is_rate_limited(tmp_path: Path) -> None:
    async with running_center(
        tmp_path / "center", max_hello_failures=3, hello_failure_window_s=60.0
    ) as center:
        ada = await token_of(center, AGENT_USER)
        bob = await bob_token(center)
        target = await new_session(center, ada)
        codes = []
        for number in range(target - 10, target + 10):
            refused = await hello_answer(center, bob, number)
            assert isinstance(refused, ErrorMessage)
            codes.append(refused.code)
            if refused.code == "rate_limited":
                assert refused.retry_after_s is not None and 0 < refused.retry_after_s <= 60
        # Three probes answered, then only "wait": Ada's session (the 11th) was never told apart.
        assert codes == ["no_such_session"] * 3 + ["rate_limited"] * 17
        # The limit is Bob's: Ada still attaches to her session.
        assert isinstance(await hello_answer(center, ada, target), Welcome)


# --- finding 5: customers' systems -------------------------------------------------------------

GRACE = {"name": "Grace", "os": "Windows 11 Pro 23H2 (x86_64)", "machine": "GRACE-LAPTOP"}
ALAN = {"name": "Alan", "os": "Ubuntu 24.04 (x86_64)", "machine": "alan-desktop"}


def public(info: ParticipantInfo) -> ParticipantInfo:
    """What a customer may see of someone else: who (id, role, name), not their system."""
    return ParticipantInfo(id=info.id, role=info.role, name=info.name)


async def test_customers_do_not_see_each_others_system_and_agents_see_everyones(
    center: CenterFixture,
) -> None:
    ada = await token_of(center, AGENT_USER)
    number = await new_session(center, ada)
    async with (
        raw_socket(center) as agent,
        raw_socket(center) as grace,
        raw_socket(center) as alan,
    ):
        await agent.send_str(send(AgentHello(token=ada, session=number)))
        agent_welcome = await answer(agent)
        assert isinstance(agent_welcome, Welcome)
        await grace.send_str(send(CustomerJoin(session=number, **GRACE)))
        grace_welcome = await answer(grace)
        assert isinstance(grace_welcome, Welcome)
        await alan.send_str(send(CustomerJoin(session=number, **ALAN)))
        alan_welcome = await answer(alan)
        assert isinstance(alan_welcome, Welcome)

        # Each customer sees their own system, and of the others who they are only.
        assert (alan_welcome.you.os, alan_welcome.you.machine) == (ALAN["os"], ALAN["machine"])
        agent_info, grace_info = alan_welcome.participants
        assert agent_info == public(agent_welcome.you)
        assert agent_info.role == Role.PRIMARY_AGENT and agent_info.name == AGENT_NAME
        assert grace_info == public(grace_welcome.you)
        assert grace_info.name == "Grace" and grace_info.os == grace_info.machine == ""
        assert grace_welcome.participants == [public(agent_welcome.you)]
        alan_joined = await answer(grace)
        assert isinstance(alan_joined, ParticipantJoined)
        assert alan_joined.participant == public(alan_welcome.you)

        # The agent sees everyone's system.
        seen_by_agent = [await answer(agent), await answer(agent)]
        assert [m.participant for m in seen_by_agent] == [  # type: ignore[union-attr]
            grace_welcome.you,
            alan_welcome.you,
        ]
        assert seen_by_agent[1].participant.machine == "alan-desktop"  # type: ignore[union-attr]


# --- finding 6: crafted messages and idle sockets ----------------------------------------------


async def joined_pair(
    center: CenterFixture, stack: AsyncExitStack
) -> tuple[aiohttp.ClientWebSocketResponse, Welcome, aiohttp.ClientWebSocketResponse, Welcome]:
    """An agent's and a customer's raw sockets, seated in one session (the join already told)."""
    ada = await token_of(center, AGENT_USER)
    number = await new_session(center, ada)
    agent = await stack.enter_async_context(raw_socket(center))
    customer = await stack.enter_async_context(raw_socket(center))
    await agent.send_str(send(AgentHello(token=ada, session=number)))
    agent_welcome = await answer(agent)
    await customer.send_str(send(CustomerJoin(session=number, **GRACE)))
    customer_welcome = await answer(customer)
    assert isinstance(agent_welcome, Welcome) and isinstance(customer_welcome, Welcome)
    assert isinstance(await answer(agent), ParticipantJoined)
    return agent, agent_welcome, customer, customer_welcome


async def test_an_audit_note_with_the_records_own_keys_is_kept_and_the_socket_goes_on(
    center: CenterFixture,
) -> None:
    async with AsyncExitStack() as stack:
        _, _, grace, welcome = await joined_pair(center, stack)
        forged = {
            "number": "1",
            "actor": AGENT_NAME,
            "kind": "session.ended",
            "self": "x",
            "participant": "pforged",
        }
        await grace.send_str(send(AuditNote(kind="consent.given", detail=forged)))
        await still_answers(grace)
    notes = [
        e
        for e in center.running.store.audit_events(welcome.session)
        if e["kind"].startswith("peer")
    ]
    # Recorded under Grace's own name, kind and seat id, whatever the note's details say.
    assert [(e["actor"], e["kind"]) for e in notes] == [("Grace", "peer.consent.given")]
    assert notes[0]["detail"] == {**forged, "participant": welcome.you.id}
    await assert_center_serves(center)


async def test_audit_notes_past_the_cap_of_a_socket_are_dropped_and_the_socket_goes_on(
    center: CenterFixture,
) -> None:
    async with AsyncExitStack() as stack:
        _, _, grace, welcome = await joined_pair(center, stack)
        note = send(AuditNote(kind="chat.sent", detail={"text": "x" * 200}))
        for _ in range(MAX_AUDIT_NOTES_PER_SOCKET + 100):
            await grace.send_str(note)
        await still_answers(grace)  # every note before this was handled
    notes = [
        e
        for e in center.running.store.audit_events(welcome.session)
        if e["kind"] == "peer.chat.sent"
    ]
    assert len(notes) == MAX_AUDIT_NOTES_PER_SOCKET
    await assert_center_serves(center)


async def test_a_signal_too_large_to_pass_on_is_refused_and_both_sockets_go_on(
    center: CenterFixture,
) -> None:
    async with AsyncExitStack() as stack:
        agent, agent_welcome, grace, _ = await joined_pair(center, stack)
        # As large as a signal may be: relayed, it would be a few bytes over the limit.
        shell = send(SignalOut(to=agent_welcome.you.id, kind=SignalKind.OFFER, sdp="x"))
        sdp = "x" * (MAX_SIGNALING_MESSAGE_BYTES - len(shell.encode()) + 1)
        crafted = send(SignalOut(to=agent_welcome.you.id, kind=SignalKind.OFFER, sdp=sdp))
        assert len(crafted.encode()) == MAX_SIGNALING_MESSAGE_BYTES
        await grace.send_str(crafted)
        refused = await answer(grace)
        assert isinstance(refused, ErrorMessage) and refused.code == "too_large"
        assert refused.reason
        # Both go on; the next signal the agent gets is the sensible one that follows.
        await grace.send_str(
            send(SignalOut(to=agent_welcome.you.id, kind=SignalKind.OFFER, sdp=SDP))
        )
        relayed = await answer(agent)
        assert isinstance(relayed, SignalIn) and relayed.sdp == SDP
        await still_answers(grace)
    await assert_center_serves(center)


async def test_a_failing_handler_is_answered_and_logged_and_the_socket_goes_on(
    center: CenterFixture, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store = center.running.store
    record = store.audit

    def failing_audit(
        number: int, actor: str, kind: str, lines: Sequence[str] = (), /, **detail: str
    ) -> None:
        if kind.startswith("peer."):
            raise sqlite3.OperationalError("disk I/O error")
        record(number, actor, kind, lines, **detail)

    monkeypatch.setattr(store, "audit", failing_audit)
    async with AsyncExitStack() as stack:
        _, _, grace, _ = await joined_pair(center, stack)
        with caplog.at_level(logging.ERROR, logger="support_center.hub"):
            await grace.send_str(send(AuditNote(kind="view.requested")))
            refused = await answer(grace)
        assert isinstance(refused, ErrorMessage) and refused.code == "internal"
        assert refused.reason
        assert "disk I/O error" in caplog.text  # the traceback is in the center's log
        await still_answers(grace)
    await assert_center_serves(center)


async def test_a_socket_that_does_not_join_in_time_is_closed(tmp_path: Path) -> None:
    async with running_center(tmp_path / "center", join_timeout_s=0.5) as center:
        ada = await token_of(center, AGENT_USER)
        number = await new_session(center, ada)
        async with raw_socket(center) as seated:
            await seated.send_str(send(CustomerJoin(session=number, **GRACE)))
            assert isinstance(await answer(seated), Welcome)
            async with raw_socket(center) as idle, raw_socket(center) as refused_only:
                await refused_only.send_str("not a join")
                assert isinstance(await answer(refused_only), ErrorMessage)
                for ws in (idle, refused_only):
                    frame = await ws.receive(timeout=5)
                    assert frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                    assert ws.close_code == aiohttp.WSCloseCode.POLICY_VIOLATION
            # Opened before them, the seated socket is past its time too: it stays.
            await still_answers(seated)


async def test_open_sockets_from_one_address_are_capped(tmp_path: Path) -> None:
    async with (
        running_center(tmp_path / "center", max_sockets_per_address=3) as center,
        AsyncExitStack() as stack,
    ):
        ada = await token_of(center, AGENT_USER)
        number = await new_session(center, ada)
        held = [await stack.enter_async_context(raw_socket(center)) for _ in range(3)]
        async with raw_socket(center) as one_too_many:
            refused = await answer(one_too_many)
            assert isinstance(refused, ErrorMessage) and refused.code == "rate_limited"
            frame = await one_too_many.receive(timeout=5)
            assert frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            assert one_too_many.close_code == aiohttp.WSCloseCode.POLICY_VIOLATION
        # Those within the cap work; once one closes, a new one is let in.
        await held[0].send_str(send(CustomerJoin(session=number, **GRACE)))
        assert isinstance(await answer(held[0]), Welcome)
        await held[1].close()
        hub = center.running.hub
        await wait_until(lambda: hub.open_sockets("127.0.0.1") == 2, what="the socket closed")
        async with raw_socket(center) as next_one:
            await next_one.send_str(send(CustomerJoin(session=number, **ALAN)))
            assert isinstance(await answer(next_one), Welcome)


# --- finding 7: the data folder on the center's machine ---------------------------------------

PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600


def modes(folder: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.iterdir():
        found[path.name] = stat.S_IMODE(path.lstat().st_mode)
    return found


def all_private(found: dict[str, int]) -> bool:
    return found == {name: PRIVATE_FOLDER if name == "." else PRIVATE_FILE for name in found}


def readable_by_nobody(path: Path) -> bool:
    """Whether the unprivileged user ``nobody`` can read ``path`` (needs root to ask)."""
    result = subprocess.run(
        ["head", "-c", "16", str(path)], user="nobody", capture_output=True, check=False
    )
    return result.returncode == 0 and result.stdout.startswith(b"SQLite format 3")


def can_ask_as_nobody() -> bool:
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        return False
    return os.geteuid() == 0


async def test_a_new_data_folder_and_its_files_are_private(tmp_path: Path) -> None:
    data = tmp_path / "center"
    async with running_center(data) as center:
        await assert_center_serves(center)  # the database's journal files exist now
        found = modes(data)
    assert {"center.sqlite3", "center-key.pem", "center.sqlite3-wal"} <= found.keys()
    assert all_private(found), found


async def test_an_older_centers_readable_data_is_tightened_at_start() -> None:
    # In a folder every user may walk into (not pytest's private tmp), as a center left it.
    with tempfile.TemporaryDirectory(prefix="tandem-center-test-") as parent:
        os.chmod(parent, 0o755)
        data = Path(parent) / "center"
        async with running_center(data) as center:
            await assert_center_serves(center)
        os.chmod(data, 0o755)
        for path in data.iterdir():
            os.chmod(path, 0o644)
        database = data / "center.sqlite3"
        if can_ask_as_nobody():
            assert readable_by_nobody(database)  # the attack, before the center starts again

        async with running_center(data):
            found = modes(data)
            assert all_private(found), found
            if can_ask_as_nobody():
                assert not readable_by_nobody(database)
