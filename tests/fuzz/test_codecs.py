"""Fuzz the wire codecs: the peer codec with every registered family, and the center's two
signaling codecs. Whatever they are handed, they decode a message that round-trips or refuse
with a ProtocolError the other side can be told; never another exception, never slowly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from shared.protocol.codec import FROM_CENTER, PEER, TO_CENTER, Codec
from tests.fuzz.targets import check_codec
from tests.fuzz.wire import schema_messages, wire_data

CODECS: dict[str, Codec[Any]] = {"peer": PEER, "to_center": TO_CENTER, "from_center": FROM_CENTER}
# A decode takes tens of microseconds; one taking a second is a hang in the making.
FUZZ = settings(
    max_examples=250,
    deadline=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("name", sorted(CODECS))
def test_a_codec_decodes_or_refuses_anything(name: str) -> None:
    codec = CODECS[name]

    @FUZZ
    @given(data=wire_data(codec))
    def decode(data: str | bytes) -> None:
        check_codec(codec, data)

    decode()


@pytest.mark.parametrize("name", sorted(CODECS))
def test_every_message_the_schema_allows_round_trips(name: str) -> None:
    codec = CODECS[name]

    @settings(FUZZ, max_examples=150)
    @given(fields=schema_messages(codec))
    def round_trip(fields: dict[str, Any]) -> None:
        # Built by the model directly, or refused by it: the codec agrees either way.
        model = codec._catalogue.get(fields["type"])
        assert model is not None
        try:
            message = model.model_validate(fields)
        except ValueError:
            assert not check_codec(codec, json.dumps(fields))
            return
        encoded = codec.encode(message)
        assert codec.decode(encoded) == message
        assert check_codec(codec, json.dumps(fields))

    round_trip()


def test_the_peer_codec_knows_every_builtin_family() -> None:
    # The fuzz above covers what is registered: make sure that is every feature's messages.
    assert {"chat", "ping", "activity.request", "input.key", "clipboard.text"} <= PEER.types


@pytest.mark.parametrize("name", sorted(CODECS))
@pytest.mark.parametrize(
    "frame", ['{"v":1,"type":"ping\ud800"}', '{"v":1,"type":"leave","x":"\udcff"}']
)
def test_a_text_frame_that_is_not_unicode_is_refused(name: str, frame: str) -> None:
    # A lone surrogate: what undecodable bytes become in Python text. Found by the fuzzer: the
    # size check's encode() raised UnicodeEncodeError out of the decoder.
    assert not check_codec(CODECS[name], frame)
