"""The live session's handling of the center's messages, with a scripted center (no network).

The center often sends a welcome and the next message (someone joining, the agent's offer) in
one burst; the client reads both before the code that sent the join resumes. Whatever follows the
welcome must find this peer already seated.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from shared.protocol.messages import (
    CustomerJoin,
    ErrorMessage,
    FromCenter,
    LeaveReason,
    ParticipantInfo,
    ParticipantJoined,
    ParticipantLeft,
    Role,
    ToCenter,
    Welcome,
)
from shared.session.live import LiveSession
from shared.session.state import SessionState
from shared.transport.center_link import CenterError

AGENT = ParticipantInfo(id="pagent", role=Role.PRIMARY_AGENT, name="Ada Agent")
GRACE = ParticipantInfo(id="pgrace", role=Role.CUSTOMER, name="Grace")
ALAN = ParticipantInfo(id="palan", role=Role.CUSTOMER, name="Alan")
TOKEN = "resume-token-0123456789"


class ScriptedCenter:
    """Stands in for CenterLink: answers the first message with a burst of messages, delivered
    synchronously, as a reader that found them all in one network read would."""

    def __init__(self, burst: list[FromCenter]) -> None:
        self.burst = burst
        self.sent: list[ToCenter] = []
        self.socket_open = False
        self._on_message: Callable[[FromCenter], None] | None = None

    async def open_socket(
        self, on_message: Callable[[FromCenter], None], on_closed: Callable[[], None]
    ) -> None:
        self._on_message = on_message
        self.socket_open = True

    async def send(self, message: ToCenter) -> None:
        self.sent.append(message)
        assert self._on_message is not None
        burst, self.burst = self.burst, []
        for reply in burst:
            self._on_message(reply)

    async def close(self) -> None:
        self.socket_open = False


def session_with(burst: list[FromCenter]) -> LiveSession:
    return LiveSession(ScriptedCenter(burst))  # type: ignore[arg-type]


async def enter(session: LiveSession) -> Welcome:
    return await session._enter(CustomerJoin(session=123_456_789, name="Grace"))


async def test_someone_joining_right_after_the_welcome_is_not_lost() -> None:
    session = session_with(
        [
            Welcome(session=123_456_789, you=GRACE, participants=[AGENT], resume_token=TOKEN),
            ParticipantJoined(participant=ALAN),
        ]
    )
    await enter(session)
    assert {p.id for p in session.engine.present()} == {AGENT.id, ALAN.id}
    assert session.engine.state == SessionState.WAITING
    assert session.resume_token == TOKEN


async def test_someone_leaving_right_after_the_welcome_is_shown_gone() -> None:
    session = session_with(
        [
            Welcome(session=123_456_789, you=GRACE, participants=[AGENT, ALAN], resume_token=TOKEN),
            ParticipantLeft(participant_id=ALAN.id, reason=LeaveReason.LEFT),
        ]
    )
    await enter(session)
    assert [p.id for p in session.engine.present()] == [AGENT.id]


async def test_a_refused_entry_leaves_the_session_idle_and_reusable() -> None:
    session = session_with([ErrorMessage(code="no_such_session", reason="No such session.")])
    with pytest.raises(CenterError) as refused:
        await enter(session)
    assert refused.value.code == "no_such_session"
    assert session.engine.state == SessionState.IDLE
    center = session.center
    assert isinstance(center, ScriptedCenter) and not center.socket_open
    center.burst = [Welcome(session=123_456_789, you=GRACE, participants=[], resume_token=TOKEN)]
    await enter(session)
    assert session.engine.state == SessionState.WAITING  # type: ignore[comparison-overlap]
