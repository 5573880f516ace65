"""``tandem://queue`` links (the Get help page's, for an installed client) and the web pages'
choice of language."""

from __future__ import annotations

import pytest

from shared.session.join_link import BadJoinLink, QueueLink, parse_queue_link
from support_center.web.language import accepted_language

FP = "ab" * 32
TICKET = "t" * 32


def test_a_queue_link_reads_back_as_written() -> None:
    link = QueueLink(server="https://center.example", ticket=TICKET, fingerprint=FP)
    assert link.url().startswith("tandem://queue?")
    assert parse_queue_link(link.url()) == link


def test_a_queue_link_keeps_its_center_in_its_one_spelling() -> None:
    link = QueueLink(server="https://Center.Example:443/", ticket=TICKET, fingerprint=FP)
    assert parse_queue_link(link.url()).server == "https://center.example"


@pytest.mark.parametrize(
    "url",
    [
        f"tandem://join?ticket={TICKET}&server=https://c.example&fp={FP}",
        f"https://queue?ticket={TICKET}&server=https://c.example&fp={FP}",
        f"tandem://queue?server=https://c.example&fp={FP}",
        f"tandem://queue?ticket=short&server=https://c.example&fp={FP}",
        f"tandem://queue?ticket={TICKET}%2F..&server=https://c.example&fp={FP}",
        f"tandem://queue?ticket={TICKET}&ticket={TICKET}&server=https://c.example&fp={FP}",
        f"tandem://queue?ticket={TICKET}&server=http://c.example&fp={FP}",
        f"tandem://queue?ticket={TICKET}&server=https://c.example&fp=nothex",
    ],
)
def test_damaged_queue_links_are_refused(url: str) -> None:
    with pytest.raises(BadJoinLink):
        parse_queue_link(url)


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("en-GB,fr;q=0.9", "en"),
        ("de-DE,fr;q=0.5,en;q=0.4", "fr"),
        ("de-DE", "en"),
        ("", "en"),
        ("fr;q=0,en;q=0.1", "en"),
        ("fr;q=nan, en", "en"),
    ],
)
def test_pages_speak_the_browsers_preferred_language_of_ours(header: str, language: str) -> None:
    assert accepted_language(header) == language
