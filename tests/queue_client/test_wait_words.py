"""The waiting view's words for an estimated wait and a place in line, as a customer reads them."""

from __future__ import annotations

import pytest

from customer_client.ui.queue_page import position_text, transfer_text, wait_text
from shared.protocol.messages import QueueStatus


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0, "less than a minute"),
        (59, "less than a minute"),
        (60, "about a minute"),
        (89, "about a minute"),
        (90, "about 2 minutes"),
        (4 * 60 + 20, "about 4 minutes"),
        (9 * 60 + 20, "about 9 minutes"),
        (11 * 60, "about 10 minutes"),  # past ten minutes, to five
        (13 * 60, "about 15 minutes"),
        (57 * 60, "about 55 minutes"),
        (58 * 60, "an hour or more"),
        (5 * 3600, "an hour or more"),
    ],
)
def test_an_estimate_reads_as_a_person_says_it(seconds: float, said: str) -> None:
    assert wait_text(seconds) == said


def test_the_first_in_line_is_next() -> None:
    assert position_text(1) == "You are next in line."
    assert position_text(3) == "You are number 3 in line."


def test_a_transfer_says_who_where_and_the_place() -> None:
    status = QueueStatus(
        queue_title="Billing", position=2, estimated_wait_s=300, transferred_by="Ada Agent"
    )
    assert transfer_text(status) == (
        "Ada Agent transferred you to Billing; you are number 2 in line. "
        "Estimated wait: about 5 minutes."
    )
