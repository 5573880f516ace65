"""Bad input against the real center and real peers: a clear error, nothing lost, nothing down."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from csr_console.services.agent_session import AgentAccount, sign_in
from customer_client.services.customer_session import CustomerSession
from shared.features.chat.protocol import ChatLine
from shared.protocol import PEER, TO_CENTER
from shared.protocol.limits import MAX_PEER_MESSAGE_BYTES, MAX_SIGNALING_MESSAGE_BYTES
from shared.protocol.messages import (
    EVERYONE,
    AgentHello,
    CustomerJoin,
    EndSession,
    ErrorMessage,
    Leave,
    ParticipantJoined,
    ParticipantLeft,
    PeerError,
    SignalKind,
    SignalOut,
    ToCenter,
    Welcome,
)
from shared.session.state import SessionState
from shared.transport.center_link import CenterError, CenterLink
from shared.transport.link import MAX_PROTOCOL_ERRORS, LinkState
from shared.transport.peer_link import PeerLink
from support_center.hub import MAX_ERRORS_PER_SOCKET, READ_LIMIT_BYTES
from tests.helpers import (
    AGENT_PASSWORD,
    AGENT_USER,
    CenterFixture,
    running_center,
    wait_for,
)
from tests.integration.support import (
    agent_of,
    answer,
    api,
    assert_center_serves,
    chat_of,
    connected_session,
    customer_of,
    raw_socket,
    texts,
)

SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"


def join(number: int, name: str = "Raw Client") -> str:
    return TO_CENTER.encode(CustomerJoin(session=number, name=name))


def send(message: ToCenter) -> str:
    return TO_CENTER.encode(message)


async def sign_in_once(link: CenterLink, username: str, password: str) -> AgentAccount:
    try:
        return await sign_in(link, username, password)
    finally:
        await link.close()


async def second_agent(center: CenterFixture) -> AgentAccount:
    """Bob, another agent of the same center, signed in."""
    store = center.running.store
    ada = store.agent_by_username(AGENT_USER)
    assert ada is not None
    store.add_agent("bob", "Bob Agent", ada.password_hash)
    return await sign_in_once(center.link(), "bob", AGENT_PASSWORD)


async def open_session_number(center: CenterFixture) -> int:
    status, body = await api(
        center, "POST", "/api/login", json={"username": AGENT_USER, "password": AGENT_PASSWORD}
    )
    assert status == 200
    status, created = await api(center, "POST", "/api/sessions", token=body["token"], json={})
    assert status == 200
    return int(created["number"])


# --- the signaling socket ---------------------------------------------------------------------

BAD_FRAMES: list[tuple[str, str | bytes, str]] = [
    ("not json", "hello center", "malformed"),
    ("truncated json", '{"v": 1, "type": "customer.join"', "malformed"),
    ("json array", "[1, 2, 3]", "malformed"),
    ("deeply nested", "[" * 30_000, "malformed"),
    ("binary frame", b"\x00\x01binary", "malformed"),
    ("binary json", join(123_456_789).encode(), "malformed"),  # text only, even if it parses
    ("future version", '{"v": 2, "type": "customer.join"}', "unsupported_version"),
    ("long version", json.dumps({"v": "9" * 10_000, "type": "leave"}), "unsupported_version"),
    ("unknown type", '{"v": 1, "type": "admin.shutdown"}', "unknown_type"),
    ("center's own type", '{"v": 1, "type": "welcome"}', "unknown_type"),
    (
        "number as text",
        '{"v": 1, "type": "customer.join", "session": "123456789", "name": "E"}',
        "invalid",
    ),
    (
        "number out of range",
        '{"v": 1, "type": "customer.join", "session": 42, "name": "E"}',
        "invalid",
    ),
    ("extra field", '{"v": 1, "type": "leave", "everyone": true}', "invalid"),
    ("oversize, still read", "x" * (MAX_SIGNALING_MESSAGE_BYTES + 1), "too_large"),
    (
        "oversize signal",
        '{"v": 1, "type": "signal", "to": "p1", "kind": "offer", "sdp": "'
        + "a" * (READ_LIMIT_BYTES // 2)
        + '"}',
        "too_large",
    ),
]


@pytest.mark.parametrize(
    ("frame", "code"), [case[1:] for case in BAD_FRAMES], ids=[case[0] for case in BAD_FRAMES]
)
async def test_bad_frame_gets_an_error_and_the_socket_stays_usable(
    center: CenterFixture, frame: str | bytes, code: str
) -> None:
    number = await open_session_number(center)
    async with raw_socket(center) as ws:
        if isinstance(frame, bytes):
            await ws.send_bytes(frame)
        else:
            await ws.send_str(frame)
        refused = await answer(ws)
        assert isinstance(refused, ErrorMessage) and refused.code == code
        assert refused.reason  # a sentence for the log and the user
        # The same socket goes on: a proper join is welcomed.
        await ws.send_str(join(number))
        welcome = await answer(ws)
        assert isinstance(welcome, Welcome) and welcome.session == number
    await assert_center_serves(center)


async def test_a_frame_far_over_the_limit_closes_that_socket_only(center: CenterFixture) -> None:
    number = await open_session_number(center)
    async with raw_socket(center) as bystander, raw_socket(center) as ws:
        await ws.send_str("x" * (4 * READ_LIMIT_BYTES))
        frame = await ws.receive(timeout=5)
        # aiohttp's server drops the connection without a close frame (the client sees 1006,
        # not 1009); either way the sender is cut off.
        assert frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert ws.closed and ws.close_code in (
            aiohttp.WSCloseCode.MESSAGE_TOO_BIG,
            aiohttp.WSCloseCode.ABNORMAL_CLOSURE,
        )
        # Another socket of the same center is not affected.
        await bystander.send_str(join(number))
        assert isinstance(await answer(bystander), Welcome)
    await assert_center_serves(center)


async def test_a_socket_that_keeps_sending_garbage_is_closed(center: CenterFixture) -> None:
    async with raw_socket(center) as ws:
        for _ in range(MAX_ERRORS_PER_SOCKET):
            await ws.send_str("garbage")
            assert (await answer(ws)).code == "malformed"  # type: ignore[union-attr]
        await ws.send_str("garbage")
        assert (await answer(ws)).code == "malformed"  # type: ignore[union-attr]
        frame = await ws.receive(timeout=5)
        assert frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert ws.close_code == aiohttp.WSCloseCode.POLICY_VIOLATION
    await assert_center_serves(center)


@pytest.mark.parametrize(
    "message",
    [
        SignalOut(to="pnobody", kind=SignalKind.OFFER, sdp=SDP),
        EndSession(),
        Leave(),
    ],
    ids=["signal", "end", "leave"],
)
async def test_messages_before_joining_are_refused_as_not_joined(
    center: CenterFixture, message: ToCenter
) -> None:
    number = await open_session_number(center)
    async with raw_socket(center) as ws:
        await ws.send_str(send(message))
        refused = await answer(ws)
        assert isinstance(refused, ErrorMessage) and refused.code == "not_joined"
        await ws.send_str(join(number))
        assert isinstance(await answer(ws), Welcome)
    record = center.running.store.session(number)
    assert record is not None and record.status == "open"  # the early "end" ended nothing
    await assert_center_serves(center)


async def test_signals_go_only_to_participants_who_may_get_them(center: CenterFixture) -> None:
    number = await open_session_number(center)
    async with raw_socket(center) as grace, raw_socket(center) as alan:
        await grace.send_str(join(number, "Grace"))
        assert isinstance(await answer(grace), Welcome)
        await alan.send_str(join(number, "Alan"))
        alan_welcome = await answer(alan)
        assert isinstance(alan_welcome, Welcome)
        grace_id = alan_welcome.participants[0].id
        await answer(grace)  # Grace hears that Alan joined

        # To nobody: refused.
        await alan.send_str(send(SignalOut(to="pnobody", kind=SignalKind.OFFER, sdp=SDP)))
        refused = await answer(alan)
        assert isinstance(refused, ErrorMessage) and refused.code == "no_such_participant"
        # To another customer: refused, and Grace gets nothing (customers never see each other's
        # network addresses).
        await alan.send_str(send(SignalOut(to=grace_id, kind=SignalKind.OFFER, sdp=SDP)))
        refused = await answer(alan)
        assert isinstance(refused, ErrorMessage) and refused.code == "not_allowed"
        # A second join on a seated socket: refused; the seat stays as it was.
        await alan.send_str(join(number, "Alan again"))
        refused = await answer(alan)
        assert isinstance(refused, ErrorMessage) and refused.code == "not_allowed"
        # The next thing Grace hears is Alan leaving: none of his refused signals reached her.
        await alan.send_str(send(Leave()))
        left = await answer(grace)
        assert isinstance(left, ParticipantLeft) and left.reason == "left"
    await assert_center_serves(center)


async def test_agent_hello_needs_a_valid_token_for_ones_own_session(
    center: CenterFixture,
) -> None:
    number = await open_session_number(center)
    bob = await second_agent(center)
    async with raw_socket(center) as ws:
        await ws.send_str(send(AgentHello(token="not-a-real-token-at-all", session=number)))
        refused = await answer(ws)
        assert isinstance(refused, ErrorMessage) and refused.code == "not_allowed"
        await ws.send_str(send(AgentHello(token=bob.token, session=number)))
        refused = await answer(ws)
        # As if there were no such session: Bob does not learn that the number is in use.
        assert isinstance(refused, ErrorMessage) and refused.code == "no_such_session"
        assert refused.reason == "There is no open session of yours with this number."
    await assert_center_serves(center)


async def test_a_customers_seat_comes_back_only_with_its_resume_token(
    center: CenterFixture,
) -> None:
    number = await open_session_number(center)
    async with raw_socket(center) as grace, raw_socket(center) as mallory:
        await grace.send_str(join(number, "Grace"))
        seated = await answer(grace)
        assert isinstance(seated, Welcome) and seated.resume_token
        grace_id = seated.you.id
        # Mallory knows Grace's seat id (it is in every participant list) but not her token.
        forged = CustomerJoin(
            session=number, name="Grace", resume_id=grace_id, resume_token="x" * 32
        )
        await mallory.send_str(send(forged))
        welcome = await answer(mallory)
        assert isinstance(welcome, Welcome) and welcome.you.id != grace_id  # a seat of her own
        # Grace keeps her seat and her socket: she hears of Mallory as a newcomer.
        joined = await answer(grace)
        assert isinstance(joined, ParticipantJoined) and joined.participant.id == welcome.you.id
    async with raw_socket(center) as back:
        # Grace's own token, after her socket dropped: the same seat.
        again = CustomerJoin(
            session=number, name="Grace", resume_id=grace_id, resume_token=seated.resume_token
        )
        await back.send_str(send(again))
        welcome = await answer(back)
        assert isinstance(welcome, Welcome) and welcome.you.id == grace_id
    await assert_center_serves(center)


async def test_signals_and_ends_reach_no_other_session(center: CenterFixture) -> None:
    first, second = await open_session_number(center), await open_session_number(center)
    async with raw_socket(center) as grace, raw_socket(center) as mallory:
        await grace.send_str(join(first, "Grace"))
        grace_welcome = await answer(grace)
        assert isinstance(grace_welcome, Welcome)
        await mallory.send_str(join(second, "Mallory"))
        assert isinstance(await answer(mallory), Welcome)
        # An offer to a seat of another session: no such participant, as far as Mallory can tell.
        await mallory.send_str(
            send(SignalOut(to=grace_welcome.you.id, kind=SignalKind.OFFER, sdp=SDP))
        )
        refused = await answer(mallory)
        assert isinstance(refused, ErrorMessage) and refused.code == "no_such_participant"
        # Ending: a customer ends nothing, her own session or another.
        await mallory.send_str(send(EndSession()))
        refused = await answer(mallory)
        assert isinstance(refused, ErrorMessage) and refused.code == "not_allowed"
        # The next thing Grace hears is her own leave refused: nothing of Mallory's reached her.
        await grace.send_str(send(SignalOut(to="pnobody", kind=SignalKind.OFFER, sdp=SDP)))
        heard = await answer(grace)
        assert isinstance(heard, ErrorMessage) and heard.code == "no_such_participant"
    for number in (first, second):
        record = center.running.store.session(number)
        assert record is not None and record.status == "open"
    await assert_center_serves(center)


async def test_customers_are_linked_to_the_agent_and_never_to_each_other(
    center: CenterFixture,
) -> None:
    session = await connected_session(center)
    alan = customer_of(center)
    try:
        await alan.join(session.started.number, "Alan")
        await alan.wait_connected()
        await wait_for(
            lambda: (
                len(session.agent.links) == 2
                and all(p.linked for p in session.agent.engine.present())
            ),
            what="the agent linked to both customers",
        )
        alan_id = alan.engine.me.id  # type: ignore[union-attr]
        assert set(session.agent.links) == {session.customer_id, alan_id}
        assert set(session.customer.links) == {session.agent_id}
        assert set(alan.links) == {session.agent_id}
        # Each customer sees the other in the list, and no link to them is ever offered.
        assert alan.engine.participant(session.customer_id) is not None
        assert not any(p.linked for p in alan.engine.present() if p.id == session.customer_id)
    finally:
        await alan.close()
        await session.close()


# --- joining: passwords, ended sessions, guessing ---------------------------------------------


async def test_wrong_session_password_is_refused_and_the_right_one_works(
    center: CenterFixture,
) -> None:
    agent, _ = await agent_of(center)
    started = await agent.start(password="blue tulip")
    customer = customer_of(center)
    try:
        for wrong in ("", "Blue tulip", "blue tulip "):
            with pytest.raises(CenterError) as refused:
                await customer.join(started.number, "Grace", password=wrong)
            assert refused.value.code == "wrong_password"
            assert refused.value.reason == "The session password is not right."
            assert customer.engine.state == SessionState.IDLE  # the client stays usable
        await customer.join(started.number, "Grace", password="blue tulip")
        await customer.wait_connected()
        assert [p.name for p in agent.engine.present()] == ["Grace"]
        audit = center.running.store.audit_events(started.number)
        assert [e["detail"]["code"] for e in audit if e["kind"] == "join.refused"] == [
            "wrong_password"
        ] * 3
    finally:
        await customer.close()
        await agent.close()


async def test_an_ended_session_cannot_be_joined(center: CenterFixture) -> None:
    agent, _ = await agent_of(center)
    started = await agent.start()
    await agent.end()
    customer = customer_of(center)
    with pytest.raises(CenterError) as refused:
        await customer.join(started.number, "Grace")
    assert refused.value.code == "session_ended"
    assert refused.value.reason == "This session has ended."
    assert customer.engine.state == SessionState.IDLE
    await assert_center_serves(center)


async def test_repeated_wrong_numbers_are_rate_limited(tmp_path: Path) -> None:
    window_s = 1.0
    async with running_center(tmp_path / "center", max_failures=3, failure_window_s=window_s) as c:
        agent, _ = await agent_of(c)
        started = await agent.start()
        wrong = started.number + 1 if started.number < 999_999_999 else 100_000_000
        customer = customer_of(c)
        try:
            for _ in range(3):
                with pytest.raises(CenterError) as refused:
                    await customer.join(wrong, "Mallory")
                assert refused.value.code == "no_such_session"
            # Now even the right number is refused, with the wait spelled out.
            for number in (wrong, started.number):
                with pytest.raises(CenterError) as refused:
                    await customer.join(number, "Mallory")
                limited_at = time.monotonic()
                assert refused.value.code == "rate_limited"
                retry = refused.value.retry_after_s
                assert retry is not None and 0 < retry <= window_s
                assert "Try again in" in refused.value.reason
                assert customer.engine.state == SessionState.IDLE
            # A client that waits as long as it was told gets in with the right number.
            assert retry is not None
            told_s = retry
            await wait_for(
                lambda: time.monotonic() >= limited_at + told_s,
                timeout=2 * window_s,
                what="the wait the center asked for",
            )
            await customer.join(started.number, "Mallory")
            await customer.wait_connected()
        finally:
            await customer.close()
            await agent.close()


async def test_repeated_bad_sign_ins_are_rate_limited(tmp_path: Path) -> None:
    async with running_center(tmp_path / "center", max_failures=3, failure_window_s=60) as c:
        for _ in range(3):
            status, body = await api(
                c, "POST", "/api/login", json={"username": AGENT_USER, "password": "guess"}
            )
            assert (status, body["code"]) == (401, "bad_credentials")
        status, body = await api(
            c, "POST", "/api/login", json={"username": AGENT_USER, "password": AGENT_PASSWORD}
        )
        assert (status, body["code"]) == (429, "rate_limited")
        assert 0 < body["retry_after_s"] <= 60
        with pytest.raises(CenterError) as refused:
            await sign_in_once(c.link(), AGENT_USER, AGENT_PASSWORD)
        assert refused.value.code == "rate_limited" and refused.value.retry_after_s


# --- the HTTPS API ----------------------------------------------------------------------------


async def test_sign_in_with_bad_credentials_is_401_and_does_not_tell_which(
    center: CenterFixture,
) -> None:
    wrong_password = await api(
        center, "POST", "/api/login", json={"username": AGENT_USER, "password": "nope"}
    )
    no_such_user = await api(
        center, "POST", "/api/login", json={"username": "nobody", "password": "nope"}
    )
    assert wrong_password == no_such_user
    assert wrong_password[0] == 401 and wrong_password[1]["code"] == "bad_credentials"
    with pytest.raises(CenterError) as refused:
        await sign_in_once(center.link(), AGENT_USER, "nope")
    assert refused.value.code == "bad_credentials"


async def chunks(total: int) -> AsyncIterator[bytes]:
    for _ in range(total // 1024):
        yield b" " * 1024


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"data": b"{" + b" " * 9000 + b"}"}, 413, "too_large"),
        ({"data": "chunked"}, 413, "too_large"),  # no Content-Length: counted while reading
        ({"data": b"{not json"}, 400, "malformed"),
        ({"data": b"\xff\xfe"}, 400, "malformed"),
        ({"json": ["ada", "pw"]}, 400, "malformed"),
        ({"json": {"username": "ada"}}, 400, "invalid"),
        ({"json": {"username": 7, "password": "x"}}, 400, "invalid"),
        ({"json": {"username": "a" * 500, "password": "x"}}, 400, "invalid"),
    ],
    ids=[
        "oversize",
        "oversize chunked",
        "not json",
        "bad utf-8",
        "array",
        "missing password",
        "name not text",
        "name too long",
    ],
)
async def test_malformed_sign_in_requests(
    center: CenterFixture, body: dict[str, Any], status: int, code: str
) -> None:
    if body.get("data") == "chunked":
        body = {"data": chunks(20 * 1024)}
    got_status, got = await api(center, "POST", "/api/login", **body)
    assert (got_status, got["code"]) == (status, code)
    assert got["reason"]
    # The center is none the worse for it.
    status_ok, _ = await api(
        center, "POST", "/api/login", json={"username": AGENT_USER, "password": AGENT_PASSWORD}
    )
    assert status_ok == 200


@pytest.mark.parametrize("token", [None, "", "made-up-token-0123456789"])
async def test_starting_a_session_needs_a_sign_in(center: CenterFixture, token: str | None) -> None:
    status, body = await api(center, "POST", "/api/sessions", token=token, json={})
    assert (status, body["code"]) == (401, "not_signed_in")
    ada = center.running.store.agent_by_username(AGENT_USER)
    assert ada is not None and center.running.store.open_sessions_of(ada.id) == []


async def test_an_agent_has_at_most_the_configured_open_sessions(tmp_path: Path) -> None:
    async with running_center(tmp_path / "center", max_sessions_per_agent=2) as c:
        first, account = await agent_of(c)
        second, _ = await agent_of(c)
        third, _ = await agent_of(c)
        try:
            await first.start()
            await second.start()
            status, body = await api(c, "POST", "/api/sessions", token=account.token, json={})
            assert (status, body["code"]) == (409, "too_many_sessions")
            assert "2 sessions open" in body["reason"]
            with pytest.raises(CenterError) as refused:
                await third.start()
            assert refused.value.code == "too_many_sessions"
            assert third.engine.state == SessionState.IDLE
            # Ending one makes room again.
            await first.end()
            started = await third.start()
            assert c.running.store.session(started.number) is not None
        finally:
            for agent in (first, second, third):
                await agent.close()


async def test_session_records_are_only_for_their_agent(center: CenterFixture) -> None:
    number = await open_session_number(center)
    bob = await second_agent(center)
    for path in (f"/api/sessions/{number}", "/api/sessions/not-a-number", "/api/sessions/1"):
        status, body = await api(center, "GET", path, token=bob.token)
        assert (status, body["code"]) == (404, "no_such_session")
    status, body = await api(center, "GET", f"/api/sessions/{number}")
    assert (status, body["code"]) == (401, "not_signed_in")


# --- the certificate pin ----------------------------------------------------------------------


async def test_a_center_with_another_certificate_is_refused(center: CenterFixture) -> None:
    wrong_pin = "00" * 32
    with pytest.raises(CenterError) as refused:
        await sign_in_once(CenterLink(center.running.url, wrong_pin), AGENT_USER, AGENT_PASSWORD)
    assert refused.value.code == "certificate_mismatch"

    agent, _ = await agent_of(center)
    started = await agent.start()
    impostor_view = CustomerSession(CenterLink(center.running.url, wrong_pin))
    with pytest.raises(CenterError) as refused:
        await impostor_view.join(started.number, "Grace")
    assert refused.value.code == "certificate_mismatch"
    assert "certificate" in refused.value.reason
    assert impostor_view.engine.state == SessionState.IDLE
    # Nothing reached the center: nobody joined.
    assert center.running.store.participants(started.number)[1:] == []
    await agent.close()


# --- the peer-to-peer data channel ------------------------------------------------------------

BAD_PEER_DATA: list[tuple[str | bytes, str]] = [
    ("definitely not json", "malformed"),
    ("[" * 5000, "malformed"),
    (b"\x00\xffbinary", "malformed"),
    ('{"v": 7, "type": "chat"}', "unsupported_version"),
    ('{"v": 1, "type": "remote.reboot"}', "unknown_type"),
    # A feature's family this side has not registered (a newer peer's): refused, session goes on.
    ('{"v": 1, "type": "whiteboard.stroke", "name": "report.pdf"}', "unknown_type"),
    ('{"v": 1, "type": "chat", "id": "m1", "sender": "x", "to": "*", "text": ""}', "invalid"),
    ("x" * (MAX_PEER_MESSAGE_BYTES + 1), "too_large"),
]


async def test_malformed_peer_messages_are_answered_and_the_chat_goes_on(
    center: CenterFixture, caplog: pytest.LogCaptureFixture
) -> None:
    session = await connected_session(center)
    agent, customer = session.agent, session.customer
    try:
        link = agent.links[session.customer_id]
        assert isinstance(link, PeerLink)
        replies: list[PeerError] = []

        def collect(data: str | bytes) -> None:
            message = PEER.decode(data)
            if isinstance(message, PeerError):
                replies.append(message)

        link._channel.on("message", collect)
        with caplog.at_level(logging.WARNING):
            for data, _ in BAD_PEER_DATA:
                link._channel.send(data)
            # A well-formed line in someone else's name is dropped, not shown.
            forged = ChatLine(
                id="f1", sender="pimpostor", to=EVERYONE, text="I am the agent", sent_at=1.0
            )
            link._channel.send(PEER.encode(forged))
            await wait_for(lambda: len(replies) == len(BAD_PEER_DATA), what="peer.error answers")
        assert [r.code for r in replies] == [code for _, code in BAD_PEER_DATA]
        assert all(r.reason for r in replies)
        assert [r.reason for r in replies if r.code == "unknown_type"] == [
            "unknown peer message type 'remote.reboot'",
            "unknown peer message type 'whiteboard.stroke'",
        ]
        assert "refused a message from" in caplog.text  # the customer's side logged each one
        assert "in the name of pimpostor" in caplog.text

        # Nothing broke: the link is up, the forged line was not shown, and chat flows both ways.
        assert customer.engine.state == SessionState.ACTIVE
        assert agent.engine.state == SessionState.ACTIVE
        chat_of(agent).send(session.customer_id, "Can you still read me?")
        await wait_for(
            lambda: texts(customer) == ["Can you still read me?"],
            what="chat after garbage",
        )
        chat_of(customer).send(session.agent_id, "Loud and clear.")
        await wait_for(
            lambda: texts(agent)[-1:] == ["Loud and clear."],
            what="reply after garbage",
        )
    finally:
        await session.close()


async def test_malformed_messages_from_the_customer_are_answered_by_the_agent(
    center: CenterFixture,
) -> None:
    session = await connected_session(center)
    try:
        link = session.customer.links[session.agent_id]
        assert isinstance(link, PeerLink)
        replies: list[str] = []

        def collect(data: str | bytes) -> None:
            message = PEER.decode(data)
            if isinstance(message, PeerError):
                replies.append(message.code)

        link._channel.on("message", collect)
        link._channel.send('{"v": 1, "type": "chat", "oops": true}')
        await wait_for(lambda: replies == ["invalid"], what="the agent's peer.error")
        chat_of(session.customer).send(EVERYONE, "sorry about that")
        await wait_for(
            lambda: texts(session.agent) == ["sorry about that"],
            what="chat at the agent",
        )
    finally:
        await session.close()


async def test_a_link_that_keeps_sending_garbage_is_closed(
    center: CenterFixture, caplog: pytest.LogCaptureFixture
) -> None:
    session = await connected_session(center)
    try:
        link = session.agent.links[session.customer_id]
        assert isinstance(link, PeerLink)
        with caplog.at_level(logging.WARNING):
            for _ in range(MAX_PROTOCOL_ERRORS):
                link._channel.send("garbage")
            await wait_for(
                lambda: caplog.text.count("refused a message from") >= MAX_PROTOCOL_ERRORS,
                what="the customer's side refusing each one",
            )
            customer_link = session.customer.links.get(session.agent_id)
            assert customer_link is not None and customer_link.state == LinkState.OPEN
            link._channel.send("garbage")  # one too many
            await wait_for(
                lambda: "too many bad messages" in caplog.text, what="the customer closing"
            )
        # Closed for good (the close runs after the log line).
        await wait_for(lambda: customer_link.state == LinkState.CLOSED, what="the link closed")
    finally:
        await session.close()
