"""Chat on one session, without any network: what reaches the views, what is kept, what is
sent and to whom, and what is refused."""

from __future__ import annotations

import logging

import pytest

from shared.features.chat.engine import ChatFeature, ChatReceived
from shared.features.chat.protocol import ChatLine
from shared.kit.attach import attach_features
from shared.protocol.limits import MAX_CHAT_CHARS
from shared.protocol.messages import EVERYONE, ParticipantInfo, PeerMessage, Welcome
from shared.session.live import LiveSession
from tests.unit.test_live_session import AGENT, ALAN, GRACE, TOKEN, enter, session_with


class Recorder:
    def __init__(self, session: LiveSession) -> None:
        self.events: list[object] = []
        session.engine.subscribe(self.events.append)

    @property
    def chats(self) -> list[ChatReceived]:
        return [e for e in self.events if isinstance(e, ChatReceived)]


class SentLink:
    """Stands in for a peer link: keeps what is sent on it, or refuses it when down."""

    def __init__(self, remote_id: str, up: bool = True) -> None:
        self.remote_id = remote_id
        self.up = up
        self.sent: list[PeerMessage] = []

    def send(self, message: PeerMessage) -> None:
        if not self.up:
            raise ConnectionError("link down")
        self.sent.append(message)


async def chatting(
    me: ParticipantInfo, *others: ParticipantInfo
) -> tuple[LiveSession, ChatFeature]:
    session = session_with(
        [Welcome(session=123_456_789, you=me, participants=list(others), resume_token=TOKEN)]
    )
    await enter(session)
    return session, ChatFeature(session)


def line(sender: str, to: str, text: str = "hello") -> ChatLine:
    return ChatLine(id=f"{sender}-1", sender=sender, to=to, text=text, sent_at=1.0)


def link_to(session: LiveSession, remote_id: str, up: bool = True) -> SentLink:
    link = SentLink(remote_id, up)
    session.links[remote_id] = link  # type: ignore[assignment]
    return link


# --- receiving --------------------------------------------------------------------------------


async def test_chat_to_me_or_to_everyone_is_shown_with_the_senders_name() -> None:
    session, chat = await chatting(GRACE, AGENT)
    seen = Recorder(session)
    session._from_peer(AGENT.id, line(AGENT.id, GRACE.id, "for you"))
    session._from_peer(AGENT.id, line(AGENT.id, EVERYONE, "for all"))
    assert [(e.line.text, e.sender_name, e.outgoing) for e in seen.chats] == [
        ("for you", "Ada Agent", False),
        ("for all", "Ada Agent", False),
    ]
    assert [kept.text for kept in chat.lines] == ["for you", "for all"]
    audited = [e for e in session.engine.audit.events if e.kind == "chat"]
    assert [(e.actor, e.detail["to"]) for e in audited] == [
        ("Ada Agent", GRACE.id),
        ("Ada Agent", EVERYONE),
    ]


async def test_chat_addressed_to_someone_else_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    session, chat = await chatting(GRACE, AGENT, ALAN)
    seen = Recorder(session)
    with caplog.at_level(logging.WARNING):
        session._from_peer(AGENT.id, line(AGENT.id, ALAN.id, "for Alan only"))
    assert seen.events == [] and chat.lines == []
    assert "addressed to palan" in caplog.text


async def test_chat_from_an_unknown_sender_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    session, chat = await chatting(GRACE, AGENT)
    seen = Recorder(session)
    with caplog.at_level(logging.WARNING):
        session._from_peer("pstranger", line("pstranger", EVERYONE, "hi"))
    assert seen.events == [] and chat.lines == []
    assert "unknown participant pstranger" in caplog.text


async def test_chat_in_someone_elses_name_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    session, chat = await chatting(GRACE, AGENT, ALAN)
    seen = Recorder(session)
    with caplog.at_level(logging.WARNING):
        session._from_peer(ALAN.id, line(AGENT.id, EVERYONE, "I am the agent"))
    assert seen.events == [] and chat.lines == []
    assert "in the name of pagent" in caplog.text


async def test_chat_before_the_welcome_is_dropped() -> None:
    session = session_with([])
    chat = ChatFeature(session)
    seen = Recorder(session)
    session._from_peer(AGENT.id, line(AGENT.id, EVERYONE))
    assert seen.events == [] and chat.lines == []


# --- sending ----------------------------------------------------------------------------------


async def test_sent_chat_goes_to_its_one_recipient_shown_as_outgoing_and_audited() -> None:
    session, chat = await chatting(AGENT, GRACE, ALAN)
    to_grace, to_alan = link_to(session, GRACE.id), link_to(session, ALAN.id)
    seen = Recorder(session)
    sent = chat.send(GRACE.id, "  on my way ")
    assert (sent.sender, sent.to, sent.text) == (AGENT.id, GRACE.id, "on my way")
    assert to_grace.sent == [sent] and to_alan.sent == []
    (event,) = seen.chats
    assert event.outgoing and event.sender_name == "Ada Agent" and event.line == sent
    assert chat.lines == [sent]
    chats = [e for e in session.engine.audit.events if e.kind == "chat"]
    assert (chats[-1].actor, chats[-1].detail) == ("Ada Agent", {"to": GRACE.id, "chars": "9"})


async def test_a_line_to_everyone_reaches_every_link_that_is_up() -> None:
    session, chat = await chatting(AGENT, GRACE, ALAN)
    to_grace, to_alan = link_to(session, GRACE.id), link_to(session, ALAN.id, up=False)
    first, second = chat.send(EVERYONE, "one"), chat.send(EVERYONE, "two")
    assert to_grace.sent == [first, second] and to_alan.sent == []
    assert first.id != second.id
    assert chat.lines == [first, second]


async def test_what_cannot_be_sent_is_refused_and_not_kept() -> None:
    session, chat = await chatting(AGENT, GRACE)
    seen = Recorder(session)
    with pytest.raises(ConnectionError):
        chat.send(GRACE.id, "nobody is linked yet")
    link_to(session, GRACE.id)
    with pytest.raises(ValueError, match="empty"):
        chat.send(GRACE.id, "   ")
    with pytest.raises(ValueError, match="at most"):
        chat.send(GRACE.id, "x" * (MAX_CHAT_CHARS + 1))
    assert chat.lines == [] and seen.chats == []


async def test_nothing_is_sent_outside_a_session() -> None:
    chat = ChatFeature(session_with([]))
    with pytest.raises(RuntimeError, match="not in a session"):
        chat.send(EVERYONE, "hello?")


# --- on the session ---------------------------------------------------------------------------


def test_the_kit_puts_chat_on_a_session_once_and_the_session_finds_it() -> None:
    session = session_with([])
    attach_features(session, only={"chat"})
    chat = session.part("chat", ChatFeature)
    assert chat is not None and session.features == [chat]
    attach_features(session, only={"chat"})  # again: the same part stays
    assert session.part("chat", ChatFeature) is chat
    with pytest.raises(ValueError, match="already has a chat part"):
        ChatFeature(session)
