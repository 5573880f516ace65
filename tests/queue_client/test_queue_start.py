"""Starting to wait with nothing typed: a downloaded client's launch block with a ticket becomes
the queue link it stands for, and a queue link's certificate is handled as a join link's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

import customer_client.main as client_main
from customer_client.main import create_client, launched_args, parse_args
from customer_client.queue_start import is_queue_link, open_queue_link
from customer_client.ui.window import ClientWindow
from shared.protocol.queues import LaunchBlock
from shared.qt.pins import pinned_fingerprint, remember_pin
from shared.session.join_link import QueueLink, parse_queue_link

SERVER = "https://help.example.com:8443"
PINNED = "aa" * 32
OTHER = "bb" * 32
TICKET = "t" * 32


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[list[ClientWindow]]:
    made: list[ClientWindow] = []
    yield made
    for window in made:
        window.controller.shutdown()


def test_a_launch_block_with_a_ticket_waits_in_its_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    block = LaunchBlock(server=SERVER, fingerprint=PINNED, ticket=TICKET, language="fr")
    monkeypatch.setattr(client_main, "launch_block_of_this_program", lambda: block)
    args = launched_args(parse_args([]))
    assert is_queue_link(args.link)
    link = parse_queue_link(args.link)
    assert (link.server, link.fingerprint, link.ticket) == (SERVER, PINNED, TICKET)
    assert args.language == "fr"


def test_a_queue_link_naming_another_certificate_asks_before_waiting(
    qtbot: QtBot, windows: list[ClientWindow]
) -> None:
    remember_pin(SERVER, PINNED)  # the customer's own pin, from an earlier session
    link = QueueLink(server=SERVER, ticket=TICKET, fingerprint=OTHER)
    window = open_queue_link(link.url(), create_client)
    qtbot.addWidget(window)
    windows.append(window)
    assert window.certificate_question is not None
    assert not window.queue.waiting  # nothing sent before the customer answers
    assert pinned_fingerprint(SERVER) == PINNED
    window.certificate_question.reject()  # Cancel: nothing of the link is used
    assert not window.queue.waiting


def test_a_damaged_queue_link_says_so(qtbot: QtBot, windows: list[ClientWindow]) -> None:
    window = open_queue_link(
        "tandem://queue?ticket=x&server=https://a.example&fp=zz", create_client
    )
    qtbot.addWidget(window)
    windows.append(window)
    assert "damaged" in window.join_error.text()
    assert not window.queue.waiting
