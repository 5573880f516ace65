"""The customer types at once: once their agent is there, the keyboard is in the chat's entry
(the Join button it was on is gone with the join page), so the first words they type reach
the agent without a click."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from csr_console.main import Console
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import client_beside, client_chat
from tests.faces.conftest import WAIT_MS
from tests.xserver import key, type_text


def test_the_first_words_typed_after_joining_reach_the_agent(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess]
) -> None:
    console, center = console_at_center
    with client_beside(qtbot, console, center) as (number, client):
        client.show()
        client.activateWindow()
        qtbot.waitUntil(client.isActiveWindow, timeout=WAIT_MS)
        client.prefill(number, None, None)  # a join link's number; the name still to type
        qtbot.waitUntil(client.name_field.hasFocus, timeout=WAIT_MS)
        type_text("Grace")
        key("Return")
        qtbot.waitUntil(lambda: console.controller.state.customer_linked, timeout=WAIT_MS)
        entry = client_chat(client).entry
        qtbot.waitUntil(entry.hasFocus, timeout=WAIT_MS)

        type_text("my printer is stuck")
        key("Return")
        part = console.controller.current.part("chat")
        qtbot.waitUntil(
            lambda: (
                [(e.sender, e.text) for e in part.entries if not e.is_notice]
                == [("Grace", "my printer is stuck")]
            ),
            timeout=WAIT_MS,
        )
