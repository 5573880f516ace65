"""The decoders under fuzz, each as one call on raw bytes with the properties checked inside.

A target returns True when it accepted the input (and what it made of it round-tripped),
False when the decoder refused it with its one documented error type. Anything a target raises
is a finding: another exception out of the decoder, or ``Broken`` when an accepted input does
not survive a round trip (or a refusal could not be answered). The suite's Hypothesis tests
and ``scripts/fuzz.sh`` share these.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shared.kit.registry import load_builtin
from shared.protocol.codec import FROM_CENTER, PEER, TO_CENTER, Codec
from shared.protocol.errors import ProtocolError
from shared.protocol.limits import (
    MAX_NAME_CHARS,
    MAX_REASON_CHARS,
    MAX_SESSION_PASSWORD_CHARS,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
)
from shared.protocol.messages import ErrorCode
from shared.session.join_link import (
    BadJoinLink,
    format_session_number,
    parse_join_link,
    parse_session_number,
)
from support_center.api import (
    MAX_BODY_BYTES,
    ApiProblem,
    parse_body,
    session_number_in_path,
    text_field,
)

# Every built-in feature's family known to the peer codec, as in the apps.
load_builtin()

ERROR_CODES = frozenset(code.value for code in ErrorCode)


class Broken(AssertionError):
    """An accepted input broke a property (a round trip, what a refusal carries)."""


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[bytes], bool]
    # The decoder's one documented error type: raising it is refusing the input.
    refusal: type[Exception]
    # Hand-picked inputs the campaign starts mutating from (the suite draws its own).
    seeds: tuple[bytes, ...]
    # Longest input worth trying: what the path to the decoder lets through, or a little more.
    max_input: int = 70 * 1024


def as_text(data: bytes) -> str:
    """``data`` as the str a caller would pass: undecodable bytes become lone surrogates, as
    Python does for command-line arguments and file names."""
    return data.decode("utf-8", "surrogateescape")


def check_codec(codec: Codec[Any], wire: str | bytes) -> bool:
    """Whether ``codec`` accepts ``wire``; what it accepts must round-trip, and what it refuses
    must be refused with a ProtocolError whose code and reason fit in an error message."""
    try:
        message = codec.decode(wire)
    except ProtocolError as refused:
        if refused.code not in ERROR_CODES or len(refused.reason) > MAX_REASON_CHARS:
            raise Broken(f"refusal {refused.code!r} cannot be sent back") from None
        return False
    try:
        again = codec.decode(codec.encode(message))
    except ProtocolError as exc:
        raise Broken(f"accepted {message!r:.200} but cannot send it again: {exc}") from exc
    if again != message:
        raise Broken(f"{message!r:.200} came back as {again!r:.200}")
    return True


def codec_run(codec: Codec[Any]) -> Callable[[bytes], bool]:
    def run(data: bytes) -> bool:
        # Frames arrive as bytes or as text (WebSocket, data channel strings): try both.
        return check_codec(codec, data) | check_codec(codec, as_text(data))

    return run


# The center's field checks as its handlers apply them: (key, max_chars, required).
HANDLER_FIELDS = (
    ("username", MAX_NAME_CHARS, True),  # login
    ("password", 256, True),  # login
    ("password", MAX_SESSION_PASSWORD_CHARS, False),  # create_session
)


def check_api_problem(problem: ApiProblem, status: int, code: str) -> None:
    if problem.status != status or problem.body.get("code") != code:
        raise Broken(f"expected {status} {code}, answered {problem.status} {problem.body}")
    json.dumps(problem.body)  # the middleware sends it as JSON


def http_body_run(data: bytes) -> bool:
    """What the center's handlers read from a body: the JSON object, then their fields."""
    try:
        body = parse_body(data)
    except ApiProblem as refused:
        too_large = len(data) > MAX_BODY_BYTES
        check_api_problem(refused, *((413, "too_large") if too_large else (400, "malformed")))
        return False
    accepted = False
    for key, max_chars, required in HANDLER_FIELDS:
        try:
            value = text_field(body, key, max_chars, required)
        except ApiProblem as refused:
            check_api_problem(refused, 400, "invalid")
            continue
        value.encode()  # the store and the password hash write it as UTF-8
        accepted = True
    return accepted


def path_number_run(data: bytes) -> bool:
    """The session number of /api/sessions/{number}, as aiohttp hands it over (text)."""
    try:
        number = session_number_in_path(as_text(data))
    except ApiProblem as refused:
        check_api_problem(refused, 404, "no_such_session")
        return False
    if not SESSION_NUMBER_MIN <= number <= SESSION_NUMBER_MAX:
        raise Broken(f"{data!r} read as {number}")
    return True


def join_link_run(data: bytes) -> bool:
    try:
        link = parse_join_link(as_text(data))
    except BadJoinLink:
        return False
    try:
        again = parse_join_link(link.url())
    except (BadJoinLink, UnicodeError) as exc:
        raise Broken(f"accepted {link!r:.200} but its own link is refused: {exc!r}") from exc
    if again != link:
        raise Broken(f"{link!r:.200} came back as {again!r:.200}")
    return True


def session_number_run(data: bytes) -> bool:
    try:
        number = parse_session_number(as_text(data))
    except BadJoinLink:
        return False
    if parse_session_number(format_session_number(number)) != number:
        raise Broken(f"{number} does not read back")
    return True


def _seeds(*texts: str) -> tuple[bytes, ...]:
    return tuple(text.encode("utf-8", "surrogatepass") for text in texts)


def _codec_seeds(codec: Codec[Any]) -> tuple[bytes, ...]:
    """One small valid-looking object per type (the mutator fills in the rest)."""
    return tuple(
        json.dumps({"v": 1, "type": type_name}).encode() for type_name in sorted(codec.types)
    )


FP = "ab" * 32
LINK = f"tandem://join?session=123456789&server=https%3A%2F%2F127.0.0.1%3A8443&fp={FP}"
TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target("peer", codec_run(PEER), ProtocolError, _codec_seeds(PEER)),
        Target("to_center", codec_run(TO_CENTER), ProtocolError, _codec_seeds(TO_CENTER)),
        Target("from_center", codec_run(FROM_CENTER), ProtocolError, _codec_seeds(FROM_CENTER)),
        Target(
            "http_body",
            http_body_run,
            ApiProblem,
            _seeds('{"username":"ada","password":"correct horse"}', '{"password":""}', "{}"),
        ),
        # aiohttp refuses request lines over 8 KiB.
        Target(
            "http_path_number",
            path_number_run,
            ApiProblem,
            _seeds("123456789", "1_0"),
            max_input=8 * 1024,
        ),
        Target("join_link", join_link_run, BadJoinLink, _seeds(LINK, LINK.replace("%3A", ":"))),
        Target(
            "session_number",
            session_number_run,
            BadJoinLink,
            _seeds("123 456 789", "987-654-321", "１２３４５６７８９"),
            max_input=1024,  # typed in a field or given with --join
        ),
    )
}
