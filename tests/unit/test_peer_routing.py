"""Where a peer's messages go: a table from message type to one handler. Each feature gets the
types it names (chat its lines), two claiming the same type is refused at once (the feature kit
registers features into this table), and a handler that raises fails only its own feature."""

from __future__ import annotations

import time

import pytest

from shared.features.chat.engine import ChatFeature, ChatReceived
from shared.features.chat.protocol import ChatLine
from shared.features.desktop.protocol import KeyAction, KeyInput, ScreenSelect
from shared.protocol.messages import EVERYONE, PeerMessage, Welcome
from shared.session.events import Problem
from shared.session.live import LiveSession
from shared.session.routing import PeerRouter
from tests.unit.test_live_session import AGENT, GRACE, TOKEN, enter, session_with


class Recorder:
    """A feature that keeps what reaches it, and what it was told failed."""

    def __init__(self, name: str, *handles: type[PeerMessage]) -> None:
        self.name = name
        self.handles: tuple[type[PeerMessage], ...] = handles
        self.received: list[tuple[str, PeerMessage]] = []
        self.failed: list[tuple[str, PeerMessage, Exception]] = []

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        self.received.append((remote_id, message))

    def on_link_down(self, remote_id: str) -> None:
        pass

    async def on_close(self) -> None:
        pass

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        self.failed.append((remote_id, message, error))


class Broken(Recorder):
    """A feature whose handler raises on every message it takes."""

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        super().on_message(remote_id, message)
        raise RuntimeError("the handler broke")


KEY = KeyInput(activity="a1", action=KeyAction.DOWN, key="a")
SELECT = ScreenSelect(activity="a1", monitor=0)


async def seated() -> LiveSession:
    session = session_with(
        [Welcome(session=123_456_789, you=GRACE, participants=[AGENT], resume_token=TOKEN)]
    )
    await enter(session)
    return session


def chat_line(text: str = "hello") -> ChatLine:
    return ChatLine(id="pagent-1", sender=AGENT.id, to=EVERYONE, text=text, sent_at=time.time())


async def test_each_message_goes_to_the_feature_that_names_its_type() -> None:
    session = await seated()
    keys, screens = Recorder("keys", KeyInput), Recorder("screens", ScreenSelect)
    session.add_feature(keys)
    session.add_feature(screens)
    session._from_peer(AGENT.id, KEY)
    session._from_peer(AGENT.id, SELECT)
    assert keys.received == [(AGENT.id, KEY)]
    assert screens.received == [(AGENT.id, SELECT)]


async def test_chat_lines_go_to_the_chat_feature_and_unclaimed_messages_are_dropped() -> None:
    session = await seated()
    chat = ChatFeature(session)
    heard: list[object] = []
    session.engine.subscribe(heard.append)
    line = chat_line()
    session._from_peer(AGENT.id, line)
    session._from_peer(AGENT.id, KEY)  # nobody takes keys here: dropped, nothing breaks
    assert [e.line for e in heard if isinstance(e, ChatReceived)] == [line]
    assert chat.lines == [line]
    with pytest.raises(ValueError, match="ChatLine"):
        session.add_feature(Recorder("impostor", ChatLine))


async def test_a_second_feature_claiming_a_type_is_refused_and_takes_nothing() -> None:
    session = await seated()
    first = Recorder("keys", KeyInput)
    session.add_feature(first)
    late = Recorder("late", ScreenSelect, KeyInput)
    with pytest.raises(ValueError, match="KeyInput"):
        session.add_feature(late)
    session._from_peer(AGENT.id, KEY)
    session._from_peer(AGENT.id, SELECT)
    assert first.received == [(AGENT.id, KEY)]
    assert late.received == []  # not even the type nobody else had
    assert late not in session.features


async def test_a_second_part_of_the_same_name_is_refused() -> None:
    session = await seated()
    first = Recorder("keys", KeyInput)
    session.add_feature(first)
    with pytest.raises(ValueError, match="already has a keys part"):
        session.add_feature(Recorder("keys", ScreenSelect))
    assert session.features == [first]
    assert session.part("keys", Recorder) is first and session.part("screens", Recorder) is None


# --- a handler that raises ---------------------------------------------------------------------


def test_a_raising_handler_is_reported_with_its_owner_and_the_others_still_route() -> None:
    failures: list[tuple[str, str, PeerMessage, Exception]] = []
    router = PeerRouter(on_failure=lambda *failure: failures.append(failure))
    screens: list[tuple[str, ScreenSelect]] = []

    def broken(remote_id: str, message: KeyInput) -> None:
        raise RuntimeError("the handler broke")

    router.register(KeyInput, broken, "keys")
    router.register(ScreenSelect, lambda remote_id, message: screens.append((remote_id, message)))
    router.dispatch(AGENT.id, KEY)  # does not raise here
    router.dispatch(AGENT.id, SELECT)
    router.dispatch(AGENT.id, KEY)  # the broken handler is still asked, and reported again
    assert [(owner, sender, message) for owner, sender, message, _ in failures] == [
        ("keys", AGENT.id, KEY),
        ("keys", AGENT.id, KEY),
    ]
    assert all(
        isinstance(error, RuntimeError) and str(error) == "the handler broke"
        for *_, error in failures
    )
    assert screens == [(AGENT.id, SELECT)]


def test_without_a_listener_a_raising_handler_is_still_contained() -> None:
    router = PeerRouter()
    selected: list[ScreenSelect] = []

    def broken(remote_id: str, message: KeyInput) -> None:
        raise RuntimeError("the handler broke")

    router.register(KeyInput, broken, "keys")
    router.register(ScreenSelect, lambda remote_id, message: selected.append(message))
    router.dispatch(AGENT.id, KEY)
    router.dispatch(AGENT.id, SELECT)
    assert selected == [SELECT]


async def test_a_failing_feature_is_told_audited_and_shown_and_the_session_goes_on() -> None:
    session = await seated()
    chat = ChatFeature(session)
    broken, screens = Broken("keys", KeyInput), Recorder("screens", ScreenSelect)
    session.add_feature(broken)
    session.add_feature(screens)
    heard: list[object] = []
    session.engine.subscribe(heard.append)

    session._from_peer(AGENT.id, KEY)

    # The feature itself hears what failed, so that it can end what the message was about.
    ((sender, message, error),) = broken.failed
    assert (sender, message, type(error), str(error)) == (
        AGENT.id,
        KEY,
        RuntimeError,
        "the handler broke",
    )
    (failed,) = [e for e in session.engine.audit.events if e.kind == "feature.failed"]
    assert failed.actor == AGENT.id
    assert failed.detail == {"feature": "keys", "message": KEY.type, "error": "RuntimeError"}
    problems = [e for e in heard if isinstance(e, Problem)]
    assert [p.code for p in problems] == ["feature_failed"]
    assert problems[0].reason.startswith("keys: RuntimeError")
    # The other features and the session go on.
    session._from_peer(AGENT.id, SELECT)
    session._from_peer(AGENT.id, chat_line("still here"))
    assert screens.received == [(AGENT.id, SELECT)] and screens.failed == []
    assert [line.text for line in chat.lines] == ["still here"]
    assert session.features == [chat, broken, screens]


async def test_a_feature_failing_to_end_what_failed_does_not_take_the_session_down() -> None:
    class WorseBroken(Broken):
        def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
            raise RuntimeError("and could not clean up")

    session = await seated()
    session.add_feature(WorseBroken("keys", KeyInput))
    screens = Recorder("screens", ScreenSelect)
    session.add_feature(screens)
    heard: list[object] = []
    session.engine.subscribe(heard.append)
    session._from_peer(AGENT.id, KEY)
    session._from_peer(AGENT.id, SELECT)
    assert [e.code for e in heard if isinstance(e, Problem)] == ["feature_failed"]
    assert screens.received == [(AGENT.id, SELECT)]
