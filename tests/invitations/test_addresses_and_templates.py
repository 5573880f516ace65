"""The one address check (console and center), the templates, and the mailto: URL."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QUrl

from csr_console.ui.invite_dialog import mailto_url
from shared.protocol.invitations import AddressProblem, address_problem
from support_center.invitations.templates import (
    MAX_TEMPLATE_BYTES,
    default_template,
    load_template,
    render,
    site_template_name,
)

GOOD = ["grace@customer.example", "g.hopper+support@mail.customer-7.example", "a@b.fr"]
BAD = {
    "": AddressProblem.EMPTY,
    "grace.customer.example": AddressProblem.NO_AT,
    "grace@home@customer.example": AddressProblem.SEVERAL_AT,
    "grace hopper@customer.example": AddressProblem.SPACE,
    "grace@customer.example\tx": AddressProblem.SPACE,
    "grace@customer.example\r\nBcc: all@victims.example": AddressProblem.LINE_BREAK,
    "grace@customer.example\nBcc: all@victims.example": AddressProblem.LINE_BREAK,
    "grace@customer.example\x00": AddressProblem.CONTROL,
    "grace\u202e@customer.example": AddressProblem.CONTROL,
    "g" * 245 + "@customer.example": AddressProblem.TOO_LONG,
    "g" * 65 + "@customer.example": AddressProblem.TOO_LONG,
    "grace,all@customer.example": AddressProblem.BAD_NAME,
    "<grace@customer.example>": AddressProblem.BAD_NAME,
    ".grace@customer.example": AddressProblem.BAD_NAME,
    "grace@": AddressProblem.BAD_DOMAIN,
    "grace@localhost": AddressProblem.BAD_DOMAIN,
    "grace@customer..example": AddressProblem.BAD_DOMAIN,
    "grace@-customer.example": AddressProblem.BAD_DOMAIN,
    "grace@10.0.0.1": AddressProblem.BAD_DOMAIN,
}


@pytest.mark.parametrize("address", GOOD)
def test_plain_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


@pytest.mark.parametrize(("address", "problem"), BAD.items(), ids=[p.value for p in BAD.values()])
def test_malformed_addresses_are_refused_saying_why(address: str, problem: AddressProblem) -> None:
    assert address_problem(address) == problem


def test_french_default_templates_are_french() -> None:
    values = {
        "agent_name": "Ada",
        "number": "123 456 789",
        "link": "https://c/j/123456789",
        "center": "c",
    }
    customer = render(default_template("customer", "fr"), values)
    assert customer.subject == "Ada vous invite à une session d'assistance"
    assert "Bonjour" in customer.body and "https://c/j/123456789" in customer.body
    assert "123 456 789" in customer.body
    agent = render(default_template("agent", "fr"), values)
    assert "assistant" in agent.body and "123 456 789" in agent.subject
    # French typography: a no-break space before the colon.
    assert " :" not in customer.body and "\u00a0:" in customer.body


def test_a_line_break_in_a_name_cannot_add_a_header() -> None:
    values = {"agent_name": "Ada\r\nBcc: all@victims.example"}
    invitation = render(default_template("customer", "en"), values)
    assert "\n" not in invitation.subject and "\r" not in invitation.subject


def test_unusable_site_templates_fall_back_to_the_default(tmp_path: Path) -> None:
    path = tmp_path / site_template_name("customer", "en")
    default = default_template("customer", "en")
    for broken in (b"no subject line\n\nbody\n", b"Subject: \n\nbody\n", b"Subject: s\nbody\n"):
        path.write_bytes(broken)
        assert load_template(tmp_path, "customer", "en") == default
    path.write_bytes(b"\xff\xfe not UTF-8")
    assert load_template(tmp_path, "customer", "en") == default
    path.write_bytes(b"Subject: big\n\n" + b"x" * MAX_TEMPLATE_BYTES)
    assert load_template(tmp_path, "customer", "en") == default
    path.write_bytes("\ufeffSubject: Bonjour\r\n\r\nCorps\r\n".encode())
    assert load_template(tmp_path, "customer", "en").subject == "Bonjour"


def test_mailto_url_carries_subject_and_body() -> None:
    url = mailto_url("grace@customer.example", "Séance & co?", "Line 1\nhttps://x?a=1&b=2\n")
    parts = urlsplit(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    query = parse_qs(parts.query)
    assert parts.scheme == "mailto" and parts.path == "grace@customer.example"
    assert query == {"subject": ["Séance & co?"], "body": ["Line 1\r\nhttps://x?a=1&b=2\r\n"]}
