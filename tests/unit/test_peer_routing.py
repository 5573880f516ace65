"""Where a peer's messages go: a table from message type to one handler. Chat is the session's;
each feature gets the types it names, and two claiming the same type is refused at once (the
feature kit registers features into this table)."""

from __future__ import annotations

import time

import pytest

from shared.protocol.messages import EVERYONE, ChatLine, PeerMessage, Welcome
from shared.protocol.sharing import KeyAction, KeyInput, ScreenSelect
from shared.session.events import ChatReceived, SessionEvent
from shared.session.live import LiveSession
from tests.unit.test_live_session import AGENT, GRACE, TOKEN, enter, session_with


class Recorder:
    """A feature that keeps what reaches it."""

    def __init__(self, *handles: type[PeerMessage]) -> None:
        self.handles: tuple[type[PeerMessage], ...] = handles
        self.received: list[tuple[str, PeerMessage]] = []

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        self.received.append((remote_id, message))

    def on_link_down(self, remote_id: str) -> None:
        pass

    async def on_close(self) -> None:
        pass


KEY = KeyInput(activity="a1", action=KeyAction.DOWN, key="a")
SELECT = ScreenSelect(activity="a1", monitor=0)


async def seated() -> LiveSession:
    session = session_with(
        [Welcome(session=123_456_789, you=GRACE, participants=[AGENT], resume_token=TOKEN)]
    )
    await enter(session)
    return session


async def test_each_message_goes_to_the_feature_that_names_its_type() -> None:
    session = await seated()
    keys, screens = Recorder(KeyInput), Recorder(ScreenSelect)
    session.add_feature(keys)
    session.add_feature(screens)
    session._from_peer(AGENT.id, KEY)
    session._from_peer(AGENT.id, SELECT)
    assert keys.received == [(AGENT.id, KEY)]
    assert screens.received == [(AGENT.id, SELECT)]


async def test_chat_lines_stay_the_sessions_and_unclaimed_messages_are_dropped() -> None:
    session = await seated()
    heard: list[SessionEvent] = []
    session.engine.subscribe(heard.append)
    line = ChatLine(id="pagent-1", sender=AGENT.id, to=EVERYONE, text="hello", sent_at=time.time())
    session._from_peer(AGENT.id, line)
    session._from_peer(AGENT.id, KEY)  # nobody takes keys here: dropped, nothing breaks
    assert [e.line for e in heard if isinstance(e, ChatReceived)] == [line]
    with pytest.raises(ValueError, match="ChatLine"):
        session.add_feature(Recorder(ChatLine))


async def test_a_second_feature_claiming_a_type_is_refused_and_takes_nothing() -> None:
    session = await seated()
    first = Recorder(KeyInput)
    session.add_feature(first)
    late = Recorder(ScreenSelect, KeyInput)
    with pytest.raises(ValueError, match="KeyInput"):
        session.add_feature(late)
    session._from_peer(AGENT.id, KEY)
    session._from_peer(AGENT.id, SELECT)
    assert first.received == [(AGENT.id, KEY)]
    assert late.received == []  # not even the type nobody else had
    assert late not in session.features
