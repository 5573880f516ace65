"""Fuzz join links and typed session numbers: what a customer pastes, clicks or reads over the
phone. Either a link that reads back the same, or BadJoinLink with a sentence; nothing else."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.session.join_link import BadJoinLink, parse_join_link
from tests.fuzz.targets import FP, TARGETS
from tests.fuzz.wire import EDGE_CHARS, TEXT

FUZZ = settings(
    max_examples=300,
    deadline=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SERVERS = [
    "https://127.0.0.1:8443", "https://[::1]:8443", "https://[::1", "https://a:99999",
    "https://a:%D9%A3", "https://exämple.org", "https://a\udcff", "http://a", "https://",
]  # fmt: skip
PARTS = st.one_of(
    TEXT,
    st.sampled_from(["123456789", "123 456 789", "１２３４５６７８９", "1" * 5000, "0" * 9]),
    st.sampled_from([FP, FP.upper(), ":".join([FP[i : i + 2] for i in range(0, 64, 2)])]),
    st.sampled_from(SERVERS),
)
LINKS = st.builds(
    lambda scheme, pairs, quoted: (
        scheme
        + "&".join(
            f"{k}={quote(v, safe='', errors='surrogatepass') if quoted else v}" for k, v in pairs
        )
    ),
    st.sampled_from(["tandem://join?", "tandem://join?", "TANDEM://join?", "tandem://[join?", ""]),
    st.lists(st.tuples(st.sampled_from(["session", "server", "fp", "x"]), PARTS), max_size=5),
    st.booleans(),
)


def test_a_join_link_is_read_or_refused() -> None:
    run = TARGETS["join_link"].run

    @FUZZ
    @given(link=LINKS | st.text(st.characters() | st.sampled_from(EDGE_CHARS), max_size=200))
    def parse(link: str) -> None:
        run(link.encode("utf-8", "surrogatepass"))

    parse()


def test_a_typed_session_number_is_read_or_refused() -> None:
    run = TARGETS["session_number"].run

    @FUZZ
    @given(typed=PARTS | st.text(st.sampled_from("0123456789 -\u0661\uff11\u00b2_"), max_size=40))
    def parse(typed: str) -> None:
        run(typed.encode("utf-8", "surrogatepass"))

    parse()


@pytest.mark.parametrize("session", ["1" * 5000, "9" * 4301])
def test_a_link_with_thousands_of_digits_is_refused(session: str) -> None:
    # Found by the fuzzer: int() raised a plain ValueError past 4300 digits, which the client's
    # command line (catching BadJoinLink) let through as a traceback.
    link = f"tandem://join?session={session}&server=https://127.0.0.1:8443&fp={FP}"
    assert not TARGETS["join_link"].run(link.encode())
    assert not TARGETS["session_number"].run(session.encode())


@pytest.mark.parametrize(
    "server", ["https://127.0.0.\udcff:8443", "https://a\x00b", "https://a\x85"]
)
def test_a_link_whose_server_is_not_printable_text_is_refused(server: str) -> None:
    # Found by the campaign: an undecodable byte on the command line (a lone surrogate in
    # Python) or a control character passed as a server address; its own link() then raised.
    link = f"tandem://join?session=123456789&server={server}&fp={FP}"
    with pytest.raises(BadJoinLink, match="https://"):
        parse_join_link(link)
