"""Bytes to messages and back. Nothing else in Tandem parses what comes off the wire."""

from __future__ import annotations

import json
from typing import Any, Generic, TypeVar, get_args

from pydantic import ValidationError

from shared.protocol.catalogue import PEER_CATALOGUE, Catalogue
from shared.protocol.errors import ProtocolError
from shared.protocol.limits import (
    MAX_PEER_MESSAGE_BYTES,
    MAX_SIGNALING_MESSAGE_BYTES,
    PROTOCOL_VERSION,
)
from shared.protocol.messages import FromCenter, Message, PeerMessage, ToCenter

M = TypeVar("M", bound=Message)


class Codec(Generic[M]):
    """Encodes and decodes the messages of one catalogue (or of one closed union), within one
    size limit. A catalogue is read at each message: a family registered later is known."""

    def __init__(self, name: str, messages: Catalogue | Any, max_bytes: int) -> None:
        self.name = name
        self.max_bytes = max_bytes
        self._catalogue = (
            messages if isinstance(messages, Catalogue) else Catalogue.of(name, get_args(messages))
        )

    @property
    def types(self) -> frozenset[str]:
        return self._catalogue.types

    def encode(self, message: M) -> str:
        if self._catalogue.get(type(message).model_fields["type"].default) is not type(message):
            raise ProtocolError(
                "unknown_type", f"{type(message).__name__} is not a {self.name} message"
            )
        text = message.model_dump_json(exclude_none=True)
        if len(text.encode()) > self.max_bytes:
            raise ProtocolError(
                "too_large", f"{self.name} message of {len(text)} bytes exceeds {self.max_bytes}"
            )
        return text

    def decode(self, data: str | bytes) -> M:
        try:
            size = len(data.encode() if isinstance(data, str) else data)
        except UnicodeEncodeError:  # a lone surrogate: text no wire could have carried
            raise ProtocolError("malformed", "not valid Unicode text") from None
        if size > self.max_bytes:
            raise ProtocolError(
                "too_large", f"{self.name} message of {size} bytes exceeds {self.max_bytes} bytes"
            )
        try:
            raw = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            # RecursionError: a few thousand nested brackets fit well within the size limit.
            raise ProtocolError("malformed", f"not valid JSON ({exc.__class__.__name__})") from None
        if not isinstance(raw, dict):
            raise ProtocolError("malformed", "a message must be a JSON object")
        version = raw.get("v")
        # ``type`` check: JSON true and 1.0 compare equal to 1 in Python, but are not version 1.
        if type(version) is not int or version != PROTOCOL_VERSION:
            raise ProtocolError(
                "unsupported_version",
                f"protocol version {version!r} is not supported"
                f" (this side speaks {PROTOCOL_VERSION})",
            )
        type_name = raw.get("type")
        model = self._catalogue.get(type_name) if isinstance(type_name, str) else None
        if model is None:
            # A type no feature registered here (another version's, or made up): refused with a
            # reason naming it; the sender is answered and the session goes on.
            raise ProtocolError("unknown_type", f"unknown {self.name} message type {type_name!r}")
        try:
            return model.model_validate(raw)  # type: ignore[return-value]
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "message"
            raise ProtocolError("invalid", f"{type_name}: {where}: {first['msg']}") from None


TO_CENTER: Codec[ToCenter] = Codec("signaling", ToCenter, MAX_SIGNALING_MESSAGE_BYTES)
FROM_CENTER: Codec[FromCenter] = Codec("signaling", FromCenter, MAX_SIGNALING_MESSAGE_BYTES)
PEER: Codec[PeerMessage] = Codec("peer", PEER_CATALOGUE, MAX_PEER_MESSAGE_BYTES)
