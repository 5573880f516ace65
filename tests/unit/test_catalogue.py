"""The peer message catalogue: a feature registers its family once, and the codec knows it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Literal

import pytest
from pydantic import Field, StringConstraints

from shared.features.chat.protocol import ChatLine
from shared.features.desktop.protocol import KeyInput
from shared.protocol import PEER, ProtocolError
from shared.protocol.catalogue import PEER_CATALOGUE, CatalogueError, register_family
from shared.protocol.messages import PeerHello, PeerMessage

FAMILY = "test.stamps"


# A family only this test module knows: nothing outside the test is edited for it.
class Stamp(PeerMessage):
    type: Literal["test.stamp"] = "test.stamp"
    ink: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    copies: int = Field(ge=1, le=9)


class Smudge(PeerMessage):
    type: Literal["test.smudge"] = "test.smudge"


class ForgedStamp(PeerMessage):
    type: Literal["test.stamp"] = "test.stamp"


class ForgedChat(PeerMessage):
    type: Literal["chat"] = "chat"


class Loose(PeerMessage):
    type: str = "test.loose"


STAMP = json.dumps({"v": 1, "type": "test.stamp", "ink": "red", "copies": 2})


@pytest.fixture
def stamps() -> Iterator[None]:
    register_family(FAMILY, [Stamp, Smudge])
    try:
        yield
    finally:
        PEER_CATALOGUE.unregister_family(FAMILY)


def test_the_built_in_families_are_the_session_and_each_registered_feature() -> None:
    # tests/conftest.py loads the built-in features, as each app does when it starts.
    assert {"session", "chat", "desktop"} <= set(PEER_CATALOGUE.families)
    assert PEER_CATALOGUE.get("chat") is ChatLine
    assert "chat" in PEER_CATALOGUE.families["chat"]
    assert KeyInput.model_fields["type"].default in PEER_CATALOGUE.families["desktop"]
    assert PeerHello.model_fields["type"].default in PEER_CATALOGUE.families["session"]


def test_a_family_registered_in_a_test_round_trips_through_the_peer_codec(stamps: None) -> None:
    for message in (Stamp(ink="red", copies=3), Smudge()):
        assert PEER.decode(PEER.encode(message)) == message
    assert PEER.decode(STAMP) == Stamp(ink="red", copies=2)
    # Its own validation applies on the wire like any built-in message's.
    with pytest.raises(ProtocolError) as refused:
        PEER.decode(json.dumps({"v": 1, "type": "test.stamp", "ink": "red", "copies": 0}))
    assert refused.value.code == "invalid"
    assert refused.value.reason.startswith("test.stamp: copies:")


def test_a_type_no_family_registered_is_refused_with_its_name() -> None:
    with pytest.raises(ProtocolError) as refused:
        PEER.decode(STAMP)
    assert refused.value.code == "unknown_type"
    assert refused.value.reason == "unknown peer message type 'test.stamp'"
    with pytest.raises(ProtocolError) as not_sent:
        PEER.encode(Stamp(ink="red", copies=1))
    assert not_sent.value.code == "unknown_type"


def test_an_unregistered_family_is_refused_again() -> None:
    register_family(FAMILY, [Stamp])
    PEER_CATALOGUE.unregister_family(FAMILY)
    with pytest.raises(ProtocolError) as refused:
        PEER.decode(STAMP)
    assert refused.value.code == "unknown_type"
    assert FAMILY not in PEER_CATALOGUE.families


def test_two_families_cannot_claim_the_same_type(stamps: None) -> None:
    with pytest.raises(CatalogueError, match=r"'test\.stamp' of family 'forger' is already regist"):
        register_family("forger", [ForgedStamp])
    with pytest.raises(CatalogueError, match="already registered by family 'chat'"):
        register_family("forger", [ForgedChat])
    with pytest.raises(CatalogueError, match=r"'test\.stamps' is already registered"):
        register_family(FAMILY, [Smudge])
    # All or nothing, and the first owner keeps its types.
    assert "forger" not in PEER_CATALOGUE.families
    assert PEER_CATALOGUE.get("test.stamp") is Stamp
    assert PEER_CATALOGUE.get("chat") is ChatLine
    assert PEER.decode(STAMP) == Stamp(ink="red", copies=2)


def test_a_family_refused_in_part_registers_nothing() -> None:
    with pytest.raises(CatalogueError, match="already registered by family 'chat'"):
        register_family(FAMILY, [Stamp, ForgedChat])
    assert PEER_CATALOGUE.get("test.stamp") is None
    assert FAMILY not in PEER_CATALOGUE.families


def test_a_message_without_one_literal_type_is_refused() -> None:
    with pytest.raises(CatalogueError, match="Loose needs a field `type: Literal"):
        register_family("loose", [Loose])
    assert "loose" not in PEER_CATALOGUE.families
