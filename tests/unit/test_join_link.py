"""Join links and typed session numbers: what a customer pastes or reads over the phone."""

from __future__ import annotations

import pytest

from shared.session.join_link import (
    BadJoinLink,
    JoinLink,
    format_session_number,
    link_language,
    parse_join_link,
    parse_session_number,
)

FP = "ab" * 32
SERVER = "https://support.example.org:8443"


def link_with(**fields: str) -> str:
    query = {"session": "123456789", "server": SERVER, "fp": FP, **fields}
    return "tandem://join?" + "&".join(f"{k}={v}" for k, v in query.items() if v is not None)


def test_a_link_round_trips() -> None:
    link = JoinLink(server=SERVER, session=987_654_321, fingerprint=FP)
    assert link.url().startswith("tandem://join?")
    assert parse_join_link(link.url()) == link


def test_a_link_carries_the_language_of_the_page_it_was_clicked_on() -> None:
    link = JoinLink(server=SERVER, session=987_654_321, fingerprint=FP, language="fr")
    assert "lang=fr" in link.url()
    assert parse_join_link(link.url()) == link
    assert link_language(link.url()) == "fr"


@pytest.mark.parametrize("lang", ["de", "FR", "fr&lang=en", "", "%00"])
def test_a_language_we_do_not_have_is_ignored_and_the_link_still_joins(lang: str) -> None:
    url = link_with(lang=lang)
    assert parse_join_link(url).language == ""
    assert parse_join_link(url).session == 123_456_789
    assert link_language(url) == ""


def test_a_link_to_an_ipv6_server_round_trips() -> None:
    link = JoinLink(server="https://[::1]:8443", session=100_000_000, fingerprint=FP)
    assert parse_join_link(link.url()) == link


def test_fingerprint_in_colon_form_and_capitals_is_normalised() -> None:
    colons = ":".join(["AB"] * 32)
    assert parse_join_link(link_with(fp=colons)).fingerprint == FP


def test_surrounding_whitespace_from_a_paste_is_ignored() -> None:
    assert parse_join_link("  " + link_with() + "\n").session == 123_456_789


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://support.example.org/join?session=123456789", "not a Tandem join link"),
        ("tandem://open?session=123456789", "not a Tandem join link"),
        ("tandem://[join?session=1", "not a Tandem join link"),
        ("", "not a Tandem join link"),
        (link_with(session=""), "no session"),
        (link_with(server=""), "no server"),
        (link_with(fp=""), "no fp"),
        (link_with() + "&session=111111111", "no session"),  # two numbers: which one?
        (link_with(server="http://support.example.org"), "https://"),
        (link_with(server="https://"), "https://"),
        (link_with(server="https://[::1"), "https://"),
        (link_with(server="https://example.org:99999"), "port"),
        (link_with(fp="ab" * 31), "64 hexadecimal"),
        (link_with(fp="zz" * 32), "64 hexadecimal"),
        (link_with(session="12345678"), "nine digits"),
        (link_with(session="1234567890"), "nine digits"),
        (link_with(session="012345678"), "nine digits"),
        (link_with(session="12345678x"), "nine digits"),
    ],
)
def test_a_bad_link_says_what_is_wrong(url: str, says: str) -> None:
    with pytest.raises(BadJoinLink) as refused:
        parse_join_link(url)
    assert says in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("123456789", 123_456_789),
        ("123 456 789", 123_456_789),
        ("123-456-789", 123_456_789),
        (" 123 456 789 ", 123_456_789),
        ("１２３４５６７８９", 123_456_789),  # full-width digits from an IME
        ("999 999 999", 999_999_999),
        ("100000000", 100_000_000),
    ],
)
def test_typed_numbers_are_accepted(typed: str, number: int) -> None:
    assert parse_session_number(typed) == number


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "12345678",
        "1234567890",
        "012345678",
        "99999999",
        "123.456.789",
        "+123456789",
        "1e8",
        "123_456_789",
        "¹²³⁴⁵⁶⁷⁸⁹",
        "12345678９0",
        "一二三四五六七八九",
    ],
)
def test_typed_numbers_that_are_not_session_numbers_are_refused(typed: str) -> None:
    with pytest.raises(BadJoinLink, match="nine digits"):
        parse_session_number(typed)


def test_numbers_are_shown_in_groups_of_three_and_read_back() -> None:
    assert format_session_number(123_456_789) == "123 456 789"
    assert parse_session_number(format_session_number(555_000_111)) == 555_000_111
