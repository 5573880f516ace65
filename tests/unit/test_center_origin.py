"""One spelling per support center: pins are kept and looked up under it, so that another
spelling of the same center (capitals, ':443', a trailing dot, an empty '?') cannot get a link
past the pin (``center_origin``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.session.join_link import (
    NUMERIC_LABEL,
    BadJoinLink,
    JoinLink,
    center_origin,
    parse_join_link,
)


@pytest.mark.parametrize(
    ("address", "origin"),
    [
        ("https://center.example.com", "https://center.example.com"),
        ("https://CENTER.example.com", "https://center.example.com"),
        ("HTTPS://Center.Example.COM", "https://center.example.com"),
        ("https://center.example.com:443", "https://center.example.com"),
        ("https://center.example.com:0443", "https://center.example.com"),
        ("https://center.example.com:", "https://center.example.com"),
        ("https://center.example.com./", "https://center.example.com"),
        ("https://center.example.com/", "https://center.example.com"),
        ("https://center.example.com/?", "https://center.example.com"),
        ("https://center.example.com#", "https://center.example.com"),
        (" https://center.example.com ", "https://center.example.com"),
        ("https://center.example.com:8443", "https://center.example.com:8443"),
        ("https://bücher.example", "https://xn--bcher-kva.example"),
        ("https://BÜCHER.example", "https://xn--bcher-kva.example"),
        ("https://bücher。example", "https://xn--bcher-kva.example"),  # an ideographic dot
        ("https://127.0.0.1:8443", "https://127.0.0.1:8443"),
        ("https://127.0.0.1.:8443/", "https://127.0.0.1:8443"),
        ("https://[::1]:8443", "https://[::1]:8443"),
        ("https://[0:0::1]:443", "https://[::1]"),
        ("https://[2001:DB8::1]", "https://[2001:db8::1]"),
    ],
)
def test_every_spelling_of_a_center_comes_to_its_one_origin(address: str, origin: str) -> None:
    assert center_origin(address) == origin


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("http://center.example.com", "https://"),
        ("center.example.com", "https://"),
        ("https://", "https://"),
        ("https://[::1", "https://"),
        ("https://center.example.com\x00", "https://"),
        ("https://user@center.example.com", "user name"),
        ("https://user:secret@center.example.com", "user name"),
        ("https://center.example.com//", "path"),
        ("https://center.example.com/tandem", "path"),
        ("https://center.example.com/?x=1", "query"),
        ("https://center.example.com/#top", "fragment"),
        ("https://center.example.com:0", "port"),
        ("https://center.example.com:65536", "port"),
        ("https://center.example.com:+443", "port"),
        ("https://center.example.com:٤٤٣", "port"),  # Arabic-Indic digits int() would take
        ("https://center%2eexample.com", "host name"),
        ("https://center..example.com", "host name"),
        ("https://:8443", "host name"),
        ("https://127.1", "IPv4"),
        ("https://0x7f.0.0.1", "IPv4"),
        ("https://256.0.0.1", "IPv4"),
        ("https://[not-ipv6]", "address"),
        ("https://[::1]x", "IPv6"),
    ],
)
def test_an_address_with_more_than_an_origin_is_refused(address: str, says: str) -> None:
    with pytest.raises(BadJoinLink, match=says):
        center_origin(address)


def test_a_join_link_keeps_its_center_in_its_one_spelling() -> None:
    link = JoinLink("https://CENTER.example.com.:443/?", 123_456_789, "ab" * 32)
    assert parse_join_link(link.url()).server == "https://center.example.com"


def test_a_join_link_to_a_center_with_a_user_name_is_refused() -> None:
    link = JoinLink("https://intruder@center.example.com", 123_456_789, "ab" * 32)
    with pytest.raises(BadJoinLink, match="user name"):
        parse_join_link(link.url())


_LABEL = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?", fullmatch=True)
_HOSTS = (
    st.lists(_LABEL, min_size=1, max_size=4)
    .map(".".join)
    .filter(
        # A number there ("10", or hex "0x1f") makes the host an IPv4 address, as in browsers.
        lambda host: not NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1].lower())
    )
)
_PORTS = st.integers(min_value=1, max_value=65535)


@given(st.text(max_size=60))
def test_normalising_twice_changes_nothing(address: str) -> None:
    try:
        origin = center_origin(address)
    except BadJoinLink:
        return
    assert center_origin(origin) == origin


@given(_HOSTS, _PORTS, st.data())
def test_spellings_of_one_origin_normalise_equal(host: str, port: int, data: st.DataObject) -> None:
    def spelling() -> str:
        name = "".join(
            ch.upper() if data.draw(st.booleans()) else ch.lower() for ch in host
        ) + data.draw(st.sampled_from(["", "."]))
        written = data.draw(st.sampled_from([f":{port}", f":{port:05d}"]))
        if port == 443:
            written = data.draw(st.sampled_from(["", ":", written]))
        tail = data.draw(st.sampled_from(["", "/", "/?", "#", "/?#"]))
        return f"https://{name}{written}{tail}"

    assert center_origin(spelling()) == center_origin(spelling())
    assert center_origin(spelling()) == center_origin(f"https://{host.lower()}:{port}")
