"""``tandem://join?…`` links: everything a client needs to join one session safely."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from shared.protocol.limits import SESSION_NUMBER_MAX, SESSION_NUMBER_MIN
from shared.security.certificates import normalise_fingerprint

SCHEME = "tandem"
# What a session number is written with (SESSION_NUMBER_MIN to SESSION_NUMBER_MAX).
SESSION_NUMBER_DIGITS = len(str(SESSION_NUMBER_MAX))


class BadJoinLink(ValueError):
    pass


@dataclass(frozen=True)
class JoinLink:
    server: str
    session: int
    fingerprint: str

    def url(self) -> str:
        query = urlencode({"session": self.session, "server": self.server, "fp": self.fingerprint})
        return f"{SCHEME}://join?{query}"


def parse_session_number(text: str) -> int:
    """Accept '123 456 789' or '123-456-789' as typed from a phone call."""
    digits = "".join(ch for ch in text if ch not in " -")
    # isdecimal, not isdigit: superscripts like '²' are digits that int() refuses. The length
    # first: int() raises ValueError, not BadJoinLink, past 4300 digits.
    if (
        len(digits) != SESSION_NUMBER_DIGITS
        or not digits.isdecimal()
        or not SESSION_NUMBER_MIN <= int(digits) <= SESSION_NUMBER_MAX
    ):
        raise BadJoinLink("A session number has nine digits.")
    return int(digits)


def format_session_number(number: int) -> str:
    text = str(number)
    return f"{text[:3]} {text[3:6]} {text[6:]}"


def parse_join_link(url: str) -> JoinLink:
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        raise BadJoinLink("This is not a Tandem join link.") from None
    if parts.scheme != SCHEME or parts.netloc != "join":
        raise BadJoinLink("This is not a Tandem join link.")
    query = parse_qs(parts.query)

    def one(key: str) -> str:
        values = query.get(key)
        if not values or len(values) != 1:
            raise BadJoinLink(f"The join link has no {key}.")
        return values[0]

    server = one("server")
    try:
        server_parts = urlsplit(server)
        server_parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        raise BadJoinLink("The join link's server must be an https:// address.") from None
    # isprintable: a control character or a lone surrogate (an undecodable byte of a command
    # line) is no address, and would fail later, far from the link that brought it.
    if server_parts.scheme != "https" or not server_parts.hostname or not server.isprintable():
        raise BadJoinLink("The join link's server must be an https:// address.")
    try:
        fingerprint = normalise_fingerprint(one("fp"))
    except ValueError as exc:
        raise BadJoinLink(str(exc)) from None
    return JoinLink(
        server=server, session=parse_session_number(one("session")), fingerprint=fingerprint
    )
