"""Assistant agents on a real center with real peers: one joins a running session by its number,
sees who is there and chats; control goes to them and back, every engine following at once and
the center recording it; an assistant may leave but not end; refused joins say nothing of which
numbers are in use."""

from __future__ import annotations

import pytest

from shared.protocol import TO_CENTER
from shared.protocol.messages import (
    EVERYONE,
    AssistJoin,
    ErrorCode,
    ErrorMessage,
    Role,
    Welcome,
)
from shared.session.state import SessionState
from support_center.hub import NO_SESSION_TO_ASSIST
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import answer, chat_of, raw_socket, texts
from tests.roles.support import ASSISTANT_NAME, Three, assistant_of, me, role_of, three_peers


async def test_an_assistant_joins_by_number_sees_everyone_and_chats(center: CenterFixture) -> None:
    three = await three_peers(center)
    try:
        primary, assistant, customer = me(three.primary), me(three.assistant), me(three.customer)
        assert assistant.role == Role.ASSISTANT_AGENT
        assert assistant.name == ASSISTANT_NAME
        # The assistant sees the agent in charge and the customer; both see the assistant.
        assert role_of(three.assistant, primary.id) == Role.PRIMARY_AGENT
        assert role_of(three.assistant, customer.id) == Role.CUSTOMER
        assert role_of(three.primary, assistant.id) == Role.ASSISTANT_AGENT
        assert role_of(three.customer, assistant.id) == Role.ASSISTANT_AGENT
        assert three.primary.engine.is_primary_agent
        assert not three.assistant.engine.is_primary_agent

        chat_of(three.assistant).send(EVERYONE, "Hello, I am helping too.")
        await wait_for(lambda: texts(three.customer) == ["Hello, I am helping too."], what="chat")
        await wait_for(lambda: texts(three.primary) == ["Hello, I am helping too."], what="chat")
        chat_of(three.customer).send(EVERYONE, "Welcome.")
        await wait_for(lambda: texts(three.assistant)[-1:] == ["Welcome."], what="customer chat")

        joined = three.audit("assistant.joined")
        assert [(e["actor"], e["detail"]["participant"]) for e in joined] == [
            (ASSISTANT_NAME, assistant.id)
        ]
        roles = {p["id"]: p["role"] for p in three.store.participants(three.number)}
        assert roles[assistant.id] == Role.ASSISTANT_AGENT.value
    finally:
        await three.close()


async def _control_to(three: Three, giver: str, taker: str) -> None:
    """``giver`` hands control to ``taker``; every engine sees ``taker`` in charge."""
    sessions = three.sessions
    taker_id = me(sessions[taker]).id
    giver_id = me(sessions[giver]).id
    session = three.primary if giver == "primary" else three.assistant
    await session.transfer_control(taker_id)
    await wait_for(
        lambda: all(
            role_of(s, taker_id) == Role.PRIMARY_AGENT
            and role_of(s, giver_id) == Role.ASSISTANT_AGENT
            for s in sessions.values()
        ),
        what=f"every engine to see {taker} in charge",
    )


async def test_control_goes_to_the_assistant_and_back_everywhere_at_once_and_audited(
    center: CenterFixture,
) -> None:
    three = await three_peers(center)
    try:
        ada, bob = me(three.primary).id, me(three.assistant).id
        bob_account = center.running.store.agent_by_username("bob")
        ada_account = center.running.store.agent_by_username("ada")
        assert bob_account is not None and ada_account is not None

        await _control_to(three, "primary", "assistant")
        assert three.assistant.engine.is_primary_agent
        assert not three.primary.engine.is_primary_agent
        for name in ("primary", "assistant", "customer"):
            [change] = three.roles_changed(name)
            assert (change.previous, change.primary, change.reason) == (ada, bob, "transferred")
        record = three.store.session(three.number)
        assert record is not None and record.agent_id == bob_account.id  # bob owns it now
        roles = {p["id"]: p["role"] for p in three.store.participants(three.number)}
        assert roles[bob] == "primary_agent" and roles[ada] == "assistant_agent"
        # The former primary cannot end it any more; the new one could.
        with pytest.raises(PermissionError):
            await three.primary.end()

        await _control_to(three, "assistant", "primary")  # given back
        assert three.primary.engine.is_primary_agent
        record = three.store.session(three.number)
        assert record is not None and record.agent_id == ada_account.id
        moves = [
            (e["actor"], e["detail"]["previous"], e["detail"]["primary"])
            for e in three.audit("control.transferred")
        ]
        assert moves == [("Ada Agent", ada, bob), (ASSISTANT_NAME, bob, ada)]
        assert three.customer.engine.state == SessionState.ACTIVE
    finally:
        await three.close()


async def test_an_assistant_may_leave_but_not_end_and_the_primary_may_not_just_leave(
    center: CenterFixture,
) -> None:
    three = await three_peers(center)
    try:
        bob = me(three.assistant).id
        with pytest.raises(PermissionError):
            await three.assistant.end()
        with pytest.raises(PermissionError):
            await three.primary.leave()
        await three.assistant.leave()
        for session in (three.primary, three.customer):
            await wait_for(
                lambda s=session: (
                    (p := s.engine.participant(bob)) is not None  # type: ignore[misc]
                    and p.gone_reason == "left"
                ),
                what="the assistant's leaving",
            )
        assert three.primary.engine.state == SessionState.ACTIVE
        assert three.customer.engine.state == SessionState.ACTIVE
        record = three.store.session(three.number)
        assert record is not None and record.status == "open"
        [left] = [e for e in three.audit("participant.left") if e["actor"] == ASSISTANT_NAME]
        assert left["detail"]["role"] == "assistant_agent"
    finally:
        await three.close()


async def test_refused_assist_joins_give_one_answer_and_are_counted(center: CenterFixture) -> None:
    bob, account = await assistant_of(center)
    ada, _ = await center.agent()
    earlier, _ = await center.agent()
    try:
        own = await ada.start()
        ended = await earlier.start()
        await earlier.end()
        ada_token = ada.account.token

        async def refused(number: int, token: str = account.token) -> ErrorMessage:
            async with raw_socket(center) as ws:
                await ws.send_str(TO_CENTER.encode(AssistJoin(token=token, session=number)))
                got = await answer(ws)
            assert isinstance(got, ErrorMessage), got
            return got

        unknown, over = await refused(123_456_789), await refused(ended.number)
        assert (unknown.code, unknown.reason) == (over.code, over.reason)
        assert (unknown.code, unknown.reason) == (ErrorCode.NO_SUCH_SESSION, NO_SESSION_TO_ASSIST)
        # The agent in charge cannot also sit there as their own assistant.
        mine = await refused(own.number, ada_token)
        assert mine.code == ErrorCode.NOT_ALLOWED
        # Probing is slowed as hellos are: past the limit, even a real number waits.
        for _ in range(center.config.max_hello_failures):
            await refused(123_456_780)
        limited = await refused(own.number)
        assert limited.code == ErrorCode.RATE_LIMITED
    finally:
        await earlier.close()
        await ada.close()
        await bob.close()


async def test_an_assistant_whose_socket_dropped_takes_the_same_seat_back(
    center: CenterFixture,
) -> None:
    ada, _ = await center.agent()
    _, account = await assistant_of(center)
    try:
        started = await ada.start()
        join = AssistJoin(token=account.token, session=started.number)
        async with raw_socket(center) as ws:
            await ws.send_str(TO_CENTER.encode(join))
            first = await answer(ws)
        assert isinstance(first, Welcome) and first.you.role == Role.ASSISTANT_AGENT
        again = join.model_copy(update={"resume_id": first.you.id})
        async with raw_socket(center) as ws:
            await ws.send_str(TO_CENTER.encode(again))
            second = await answer(ws)
        assert isinstance(second, Welcome)
        assert (second.you.id, second.you.role) == (first.you.id, Role.ASSISTANT_AGENT)
        kinds = [e["kind"] for e in center.running.store.audit_events(started.number)]
        assert kinds.count("assistant.joined") == 1 and "assistant.returned" in kinds
    finally:
        await ada.close()
