"""``tandem://join?…`` links: everything a client needs to join one session safely; and
``tandem://queue?…`` links: what an installed client needs to wait in a queue with a ticket.

Either may carry ``lang``: the language of the page the customer clicked it on, which the client
then speaks (as a downloaded client speaks its launch block's). A language we do not have is
ignored, not refused: the link still joins."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args
from urllib.parse import parse_qs, urlencode, urlsplit

from shared.protocol.limits import SESSION_NUMBER_MAX, SESSION_NUMBER_MIN
from shared.protocol.queues import Language, LaunchBlock
from shared.security.certificates import normalise_fingerprint

SCHEME = "tandem"
LANGUAGES: tuple[str, ...] = get_args(Language)
# What a session number is written with (SESSION_NUMBER_MIN to SESSION_NUMBER_MAX).
SESSION_NUMBER_DIGITS = len(str(SESSION_NUMBER_MAX))


class BadJoinLink(ValueError):
    pass


# A link's field by its name (``BadJoinLink`` when it is absent or given twice).
Lookup = Callable[[str], str]


DEFAULT_PORT = 443  # https's own: written or not, the same center
# What a host may hold once IDNA-encoded: anything else (a '%', a space) some library might
# decode or resolve differently from the text a pin is kept under.
_HOST_LABEL = re.compile(r"[a-z0-9_-]{1,63}")
# A host whose last label is a number is an IPv4 address to resolvers ('127.1', '0x7f.1'):
# only the plain dotted form is accepted, so that one address has one spelling.
NUMERIC_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)")
_PORT = re.compile(r"[0-9]{1,5}")


def center_origin(address: str) -> str:
    """The one spelling of a support center's address (``https://host[:port]``) under which its
    pin is kept, looked up and connected to. Host lower-cased and IDNA-encoded, a trailing dot
    dropped, an IP address in its canonical form, port 443 dropped; an empty path ('/') and an
    empty '?' or '#' dropped. Raises ``BadJoinLink`` for anything else (another scheme, a user
    name, a path, a query, a fragment): another spelling of one center would get around its
    pin."""
    if not address.isprintable():  # a control character or a lone surrogate is no address
        raise BadJoinLink("The support center's address must be an https:// address.")
    try:
        parts = urlsplit(address.strip())
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        raise BadJoinLink("The support center's address must be an https:// address.") from None
    if parts.scheme != "https" or not parts.netloc:
        raise BadJoinLink("The support center's address must be an https:// address.")
    if "@" in parts.netloc:
        raise BadJoinLink("The support center's address must not hold a user name or password.")
    if parts.path not in ("", "/"):
        raise BadJoinLink("The support center's address must not have a path.")
    if parts.query or parts.fragment:
        raise BadJoinLink("The support center's address must not have a query or a fragment.")
    host_text, port = _split_netloc(parts.netloc)
    return f"https://{_host(host_text)}" + ("" if port == DEFAULT_PORT else f":{port}")


def _split_netloc(netloc: str) -> tuple[str, int]:
    if netloc.startswith("["):
        host, bracket, rest = netloc[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise BadJoinLink("The support center's address has a damaged IPv6 address.")
        port_text = rest[1:]
        host = "[" + host + "]"
    else:
        host, _, port_text = netloc.partition(":")
    if not port_text:
        return host, DEFAULT_PORT
    if not _PORT.fullmatch(port_text) or not 1 <= int(port_text) <= 65535:
        raise BadJoinLink("The support center's port must be a number from 1 to 65535.")
    return host, int(port_text)


def _host(text: str) -> str:
    if text.startswith("["):
        try:
            ip = ipaddress.IPv6Address(text[1:-1])
        except ValueError:
            raise BadJoinLink("The support center's address has a damaged IPv6 address.") from None
        return f"[{ip.compressed}]"
    name = text[:-1] if text.endswith(".") else text
    try:
        ascii_name = name.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise BadJoinLink("The support center's address has a damaged host name.") from None
    labels = ascii_name.split(".")
    if not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise BadJoinLink("The support center's address has a damaged host name.")
    if NUMERIC_LABEL.fullmatch(labels[-1]):
        try:
            return str(ipaddress.IPv4Address(ascii_name))
        except ValueError:
            raise BadJoinLink(
                "The support center's IPv4 address must be four numbers from 0 to 255."
            ) from None
    return ascii_name


@dataclass(frozen=True)
class JoinLink:
    server: str
    session: int
    fingerprint: str
    language: str = ""  # "": the client's own

    def url(self) -> str:
        query = {"session": self.session, "server": self.server, "fp": self.fingerprint}
        return f"{SCHEME}://join?{urlencode(query | _language_field(self.language))}"


def _language_field(language: str) -> dict[str, str]:
    return {"lang": language} if language else {}


def link_language(url: str | None) -> str:
    """The language a ``tandem://`` link asks for: one of ours, else "" (none, or unknown)."""
    try:
        asked = parse_qs(urlsplit((url or "").strip()).query).get("lang", [])
    except ValueError:
        return ""
    return asked[0] if len(asked) == 1 and asked[0] in LANGUAGES else ""


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


def _tandem_link(url: str, kind: str, not_ours: str, missing: str) -> tuple[str, str, Lookup]:
    """The center (its one spelling) and fingerprint a ``tandem://<kind>?…`` link names, and a
    look-up of its other fields; ``BadJoinLink`` saying ``not_ours`` for another link, and
    ``missing`` (with the field) for a field absent or given twice."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed '[' of an IPv6 address
        raise BadJoinLink(not_ours) from None
    if parts.scheme != SCHEME or parts.netloc != kind:
        raise BadJoinLink(not_ours)
    query = parse_qs(parts.query)

    def one(key: str) -> str:
        values = query.get(key)
        if not values or len(values) != 1:
            raise BadJoinLink(missing.format(key=key))
        return values[0]

    # One spelling per center: pins are kept and looked up under it.
    server = center_origin(one("server"))
    try:
        fingerprint = normalise_fingerprint(one("fp"))
    except ValueError as exc:
        raise BadJoinLink(str(exc)) from None
    return server, fingerprint, one


def parse_join_link(url: str) -> JoinLink:
    server, fingerprint, one = _tandem_link(
        url, "join", "This is not a Tandem join link.", "The join link has no {key}."
    )
    return JoinLink(
        server=server,
        session=parse_session_number(one("session")),
        fingerprint=fingerprint,
        language=link_language(url),
    )


@dataclass(frozen=True)
class QueueLink:
    """``tandem://queue?ticket=…&server=…&fp=…``: the Get help page's link for a client already
    installed, which then waits in the queue with the ticket (as a downloaded one does)."""

    server: str
    ticket: str
    fingerprint: str
    language: str = ""  # "": the client's own

    def url(self) -> str:
        query = {"ticket": self.ticket, "server": self.server, "fp": self.fingerprint}
        return f"{SCHEME}://queue?{urlencode(query | _language_field(self.language))}"


def parse_queue_link(url: str) -> QueueLink:
    """The link's parts, checked as a launch block's are; ``BadJoinLink`` for anything else."""
    server, fingerprint, one = _tandem_link(
        url, "queue", "This is not a Tandem link to a queue.", "The link has no {key}."
    )
    ticket = one("ticket")
    try:  # the ticket's form is the launch block's (the same client code takes either)
        LaunchBlock(server=server, fingerprint=fingerprint, ticket=ticket)
    except ValueError:
        raise BadJoinLink("The link's ticket is damaged.") from None
    return QueueLink(
        server=server, ticket=ticket, fingerprint=fingerprint, language=link_language(url)
    )
