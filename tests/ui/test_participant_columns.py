"""The session's participant list keeps every column in view: a long system name (as Linux
distributions give) gives up room, whole in its tooltip, so that the computer and the status
are still seen without scrolling sideways."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from csr_console.ui.participant_list import ParticipantList
from shared.protocol.messages import ParticipantInfo, Role
from shared.session.participants import Participant

LONG_SYSTEM = "Linux — Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-49-generic x86_64), GNOME 46 on Wayland"
AGENT = Participant(ParticipantInfo(id="p1", role=Role.PRIMARY_AGENT, name="Ada Agent"), True)
GRACE = Participant(
    ParticipantInfo(
        id="p2", role=Role.CUSTOMER, name="Grace", os=LONG_SYSTEM, machine="accounting-pc-7"
    ),
    True,
)


def test_a_long_system_name_leaves_the_computer_and_status_in_view(qtbot: QtBot) -> None:
    people = ParticipantList("participants", "Participants")
    qtbot.addWidget(people)
    people.resize(420, 200)
    people.show()
    qtbot.waitExposed(people)
    people.show_participants((AGENT, GRACE))
    people.show_chosen("p2")

    def in_view() -> bool:
        header = people.header()
        status_end = header.sectionViewportPosition(4) + header.sectionSizeHint(4)
        machine = people.topLevelItem(1)
        assert machine is not None
        machine_end = people.visualItemRect(machine).right()
        return (
            people.horizontalScrollBar().maximum() == 0
            and status_end <= people.viewport().width()
            and header.sectionSize(3) >= people.fontMetrics().horizontalAdvance("accounting-pc-7")
            and machine_end <= people.viewport().width()
        )

    qtbot.waitUntil(in_view, timeout=5000)
    grace = people.topLevelItem(1)
    assert grace is not None and grace.toolTip(2) == LONG_SYSTEM
    assert grace.text(3) == "accounting-pc-7"

    # Wider again: the system gets its room back, whole.
    people.resize(1400, 200)
    qtbot.waitUntil(
        lambda: (
            people.header().sectionSize(2) >= people.fontMetrics().horizontalAdvance(LONG_SYSTEM)
        ),
        timeout=5000,
    )
