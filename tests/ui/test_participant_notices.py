"""What the agent's chat says when a participant goes: one sentence per reason, with its name,
ending once (not the participants' list's state glued after the name)."""

from __future__ import annotations

import pytest

from shared.qt.texts import participant_gone_notice


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("left", "Grace left."),
        ("disconnected", "Grace was disconnected."),
        ("removed", "The session is over for Grace."),
        ("away", "Grace stepped away."),
        ("restarting", "Grace's computer is restarting…"),
        ("something new", "Grace is gone."),
    ],
)
def test_each_way_of_going_is_a_sentence(reason: str, said: str) -> None:
    assert participant_gone_notice("Grace", reason) == said
