"""Invitations to a session: the API's bodies, and the one check of an email address that both
the console (before sending) and the support center (whatever a console sends) apply."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from shared.protocol.messages import SessionNumber

# RFC 5321: a path is at most 256 octets with its angle brackets, so an address 254; the part
# before the @ at most 64, a domain name 255 (253 written out) with labels of 63 at most.
MAX_ADDRESS_CHARS = 254
MAX_LOCAL_PART_CHARS = 64
MAX_DOMAIN_LABEL_CHARS = 63

# The part before the @: RFC 5322's dot-atom (no quoted strings: no mail program writes them
# for a person, and they are where header tricks hide).
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")

Language = Literal["en", "fr"]
Invitee = Literal["customer", "agent"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")
INVITEES: tuple[Invitee, ...] = ("customer", "agent")


class AddressProblem(StrEnum):
    """Why a text is not an address mail can go to (the apps translate by this code)."""

    EMPTY = "empty"
    LINE_BREAK = "line_break"  # CR or LF: header injection, whatever else it could be
    CONTROL = "control"  # another invisible or control character
    SPACE = "space"
    NO_AT = "no_at"
    SEVERAL_AT = "several_at"
    TOO_LONG = "too_long"
    BAD_NAME = "bad_name"  # the part before the @
    BAD_DOMAIN = "bad_domain"  # the part after it


ADDRESS_REASONS: dict[AddressProblem, str] = {
    AddressProblem.EMPTY: "Type the email address to send the invitation to.",
    AddressProblem.LINE_BREAK: "An email address is one line: it cannot hold a line break.",
    AddressProblem.CONTROL: "The email address holds an invisible or control character.",
    AddressProblem.SPACE: "An email address cannot hold spaces.",
    AddressProblem.NO_AT: "An email address has an @ between the name and the domain.",
    AddressProblem.SEVERAL_AT: "An email address has only one @.",
    AddressProblem.TOO_LONG: (
        f"An email address has at most {MAX_ADDRESS_CHARS} characters, "
        f"{MAX_LOCAL_PART_CHARS} of them before the @."
    ),
    AddressProblem.BAD_NAME: (
        "The part before the @ holds a character an email address cannot (or a dot "
        "at its start, its end or twice in a row)."
    ),
    AddressProblem.BAD_DOMAIN: ("The part after the @ is not a domain name, such as example.com."),
}


def address_problem(text: str) -> AddressProblem | None:
    """What is wrong with ``text`` as an email address to send an invitation to; None if it is
    one. Only plain ``name@domain.tld`` addresses pass: no display name, no comment, no quoted
    part, no second address, nothing that could end a header and start another."""
    if not text:
        return AddressProblem.EMPTY
    if "\r" in text or "\n" in text:
        return AddressProblem.LINE_BREAK
    if any(char.isspace() for char in text):
        return AddressProblem.SPACE
    if not text.isprintable():
        return AddressProblem.CONTROL
    if len(text) > MAX_ADDRESS_CHARS:
        return AddressProblem.TOO_LONG
    if "@" not in text:
        return AddressProblem.NO_AT
    if text.count("@") > 1:
        return AddressProblem.SEVERAL_AT
    local, _, domain = text.partition("@")
    if len(local) > MAX_LOCAL_PART_CHARS:
        return AddressProblem.TOO_LONG
    if not _LOCAL_PART.fullmatch(local):
        return AddressProblem.BAD_NAME
    labels = domain.split(".")
    if len(labels) < 2 or not all(
        len(label) <= MAX_DOMAIN_LABEL_CHARS and _DOMAIN_LABEL.fullmatch(label) for label in labels
    ):
        return AddressProblem.BAD_DOMAIN
    if labels[-1].isdecimal():  # 10.0.0.1 is no domain: mail to an address goes in brackets
        return AddressProblem.BAD_DOMAIN
    return None


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InvitationRequest(_Body):
    """POST /api/sessions/{number}/invitations: the center mails the site's invitation. The
    address is checked with ``address_problem`` (its own clear refusal), not here."""

    # No length limit here: the request body's (8 KiB) bounds it, and an overlong address is
    # refused by ``address_problem`` saying so.
    to: str
    language: Language = "en"
    invitee: Invitee = "customer"


class InvitationText(_Body):
    """GET /api/sessions/{number}/invitation?language=…&invitee=…: the site's invitation,
    rendered, so that the agent's mail program carries the same text the center would send."""

    number: SessionNumber
    language: Language
    invitee: Invitee
    subject: str
    body: str
    # The link that joins the customer to this session (what "Copy join link" copies).
    link: str
    # The center has a mail server: it can send the invitation itself.
    can_send: bool


class InvitationSent(_Body):
    """The center's answer once its mail server took the invitation."""

    to: str
    subject: str
