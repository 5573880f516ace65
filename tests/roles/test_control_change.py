"""Control changing hands with activities running: desktop sharing and file transfers end on
both sides, saying why, and the customer's "allow everything" does not pass to the new agent in
charge; the agent in charge crashing lets the assistant take over within the reconnect window,
the customer staying in the session, and the former primary comes back as an assistant."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from csr_console.services.agent_session import OpenSession, open_sessions
from shared.features.desktop.activities import ActivityState
from shared.features.desktop.protocol import ActivityKind, StopReason
from shared.features.files.engine import Stage
from shared.protocol.messages import EVERYONE, Role, TakeOver
from shared.session.state import SessionState
from shared.transport.clock import RealClock
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import chat_of, texts
from tests.roles.support import ASSISTANT_NAME, me, role_of, three_peers
from tests.roles.test_modified_console import _with_sharing_and_files

MIB = 1024 * 1024
# Big enough to be still on its way on loopback when control changes hands.
BIG_FILE_BYTES = 48 * MIB


async def test_sharing_ends_on_both_sides_when_control_changes_hands(
    center: CenterFixture, tmp_path: Path
) -> None:
    sharing, _, asked, attach = _with_sharing_and_files(tmp_path)
    three = await three_peers(center, attach)
    try:
        grace, bob = me(three.customer).id, me(three.assistant).id
        control = sharing["primary"].request(ActivityKind.CONTROL, grace)
        await wait_for(
            lambda: (
                bool(sharing["customer"].activities)
                and sharing["customer"].activities[0].state == ActivityState.ACTIVE
            ),
            what="control running",
        )
        assert three.customer.consent.allowed  # everything allowed, for Ada

        await three.primary.transfer_control(bob)

        for side in ("primary", "customer"):
            await wait_for(
                lambda s=side: (
                    [  # type: ignore[misc]
                        (a.state, a.stop_reason)
                        for a in sharing[s].activities
                        if a.id == control.id
                    ]
                    == [(ActivityState.STOPPED, StopReason.CONTROL_CHANGED)]
                ),
                what=f"the control activity ended at the {side}'s",
            )
        # The grant was Ada's: Bob, in charge now, is asked again.
        assert not three.customer.consent.allowed
        withdrawn = [e for e in three.customer.engine.audit.events if e.kind == "consent.withdrawn"]
        assert [e.detail["why"] for e in withdrawn] == ["control_changed"]
        before = len(asked)
        view = sharing["assistant"].request(ActivityKind.VIEW, grace)
        await wait_for(
            lambda: (
                [a.state for a in sharing["assistant"].activities if a.id == view.id]
                == [ActivityState.ACTIVE]
            ),
            what="Bob's view, allowed",
        )
        assert len(asked) == before + 1 and asked[-1].agent_id == bob
    finally:
        await three.close()


async def test_a_file_transfer_ends_on_both_sides_when_control_changes_hands(
    center: CenterFixture, tmp_path: Path
) -> None:
    _, files, _, attach = _with_sharing_and_files(tmp_path)
    three = await three_peers(center, attach)
    try:
        grace, bob = me(three.customer).id, me(three.assistant).id
        big = tmp_path / "big.bin"
        with big.open("wb") as out:
            for _ in range(BIG_FILE_BYTES // MIB):
                out.write(os.urandom(MIB))
        sent = await files["primary"].send_file(grace, big)
        await wait_for(lambda: sent.stage == Stage.RUNNING and sent.sent_bytes > 0, what="bytes")

        await three.primary.transfer_control(bob)

        await wait_for(lambda: sent.stage == Stage.FAILED, what="the sender's transfer ended")
        assert "in charge" in sent.reason
        received = files["customer"].transfers[sent.id]
        await wait_for(lambda: received.stage == Stage.FAILED, what="the receiver's ended")
        assert sent.sent_bytes < BIG_FILE_BYTES
        assert not list((tmp_path / "customer-inbox").iterdir())  # nothing half-written kept
    finally:
        await three.close()


async def test_the_assistant_takes_over_when_the_primarys_console_crashes(
    center: CenterFixture,
) -> None:
    three = await three_peers(center)
    ada, bob, grace = me(three.primary), me(three.assistant), me(three.customer)
    hub = center.running.hub
    try:
        assert not three.assistant.can_take_over
        # Ada's console dies: no Leave, no End; its sockets just close.
        await three.primary.close()
        await wait_for(lambda: three.assistant.can_take_over, what="the primary seen gone")
        assert hub.rooms[three.number].grace is not None  # the reconnect window runs

        await three.assistant.take_over()

        for session in (three.assistant, three.customer):
            await wait_for(
                lambda s=session: role_of(s, bob.id) == Role.PRIMARY_AGENT,  # type: ignore[misc]
                what="Bob in charge",
            )
            assert role_of(session, ada.id) == Role.ASSISTANT_AGENT
        assert [c.reason for c in three.roles_changed("customer")] == ["taken_over"]
        assert hub.rooms[three.number].grace is None  # the window no longer ends the session
        record = three.store.session(three.number)
        bob_account = three.store.agent_by_username("bob")
        assert record is not None and bob_account is not None
        assert record.status == "open" and record.agent_id == bob_account.id
        [taken] = three.audit("control.taken_over")
        assert (taken["actor"], taken["detail"]["previous"], taken["detail"]["primary"]) == (
            ASSISTANT_NAME,
            ada.id,
            bob.id,
        )
        # The customer stayed; Bob runs the session with them.
        assert three.customer.engine.state == SessionState.ACTIVE
        chat_of(three.customer).send(EVERYONE, "Are you still there?")
        await wait_for(lambda: "Are you still there?" in texts(three.assistant), what="chat")

        # Ada signs in again: the session is no longer hers to resume or end; her seat comes
        # back as an assistant's.
        again, account = await center.agent()
        assert [s.started.number for s in await open_sessions(again.center, account)] == []
        kept = OpenSession(
            started=three.primary.started,  # type: ignore[arg-type]
            agent_seat=ada.id,
            in_use=False,
            customers=(),
        )
        await again.resume(kept)
        try:
            assert me(again).id == ada.id and me(again).role == Role.ASSISTANT_AGENT
            assert not again.engine.is_primary_agent
            await wait_for(
                lambda: (
                    role_of(three.assistant, ada.id) == Role.ASSISTANT_AGENT
                    and (p := three.assistant.engine.participant(ada.id)) is not None
                    and p.gone_reason is None
                ),
                what="Ada back, as an assistant",
            )
            assert role_of(three.customer, grace.id) == Role.CUSTOMER
        finally:
            await again.close()
    finally:
        await three.close()


async def test_nobody_takes_over_a_session_its_agent_kept_on_purpose(
    center: CenterFixture,
) -> None:
    three = await three_peers(center)
    try:
        await three.primary.step_away()
        ada = me(three.primary).id
        await wait_for(
            lambda: (
                (p := three.assistant.engine.participant(ada)) is not None
                and p.gone_reason == "away"
            ),
            what="Ada away",
        )
        assert not three.assistant.can_take_over
        await three.assistant.center.send(TakeOver())
        await wait_for(lambda: bool(three.problems("assistant")), what="the refusal")
        assert three.problems("assistant")[-1].code == "not_allowed"
        assert not three.audit("control.taken_over")
    finally:
        await three.close()


class HeldClock(RealClock):
    """Real time, but pauses (the reconnect loop's) wait until the test lets them go."""

    def __init__(self) -> None:
        self.go = asyncio.Event()

    async def sleep(self, seconds: float) -> None:
        await self.go.wait()
        await super().sleep(seconds)


async def test_a_primary_cut_off_from_the_center_comes_back_as_an_assistant_after_a_take_over(
    center: CenterFixture,
) -> None:
    three = await three_peers(center)
    ada, bob = me(three.primary), me(three.assistant)
    held = HeldClock()
    three.primary.clock = held  # Ada's console tries to get its seat back only when let
    try:
        seat = center.running.hub.rooms[three.number].seats[ada.id]
        assert seat.socket is not None
        await seat.socket.close()  # the center loses Ada's socket; her console lives on
        await wait_for(lambda: three.assistant.can_take_over, what="Ada seen cut off")
        await three.assistant.take_over()
        await wait_for(lambda: three.assistant.engine.is_primary_agent, what="Bob in charge")

        held.go.set()  # Ada's console asks for its seat again, still thinking it is in charge

        await wait_for(
            lambda: role_of(three.primary, ada.id) == Role.ASSISTANT_AGENT,
            what="Ada's engine following the center",
        )
        assert role_of(three.primary, bob.id) == Role.PRIMARY_AGENT
        [change] = three.roles_changed("primary")
        assert (change.previous, change.primary, change.reason) == (ada.id, bob.id, "reseated")
        assert three.primary.engine.state != SessionState.ENDED
        kinds = [e["kind"] for e in three.store.audit_events(three.number)]
        assert "assistant.returned" in kinds
        with pytest.raises(PermissionError):
            await three.primary.end()
    finally:
        await three.close()
