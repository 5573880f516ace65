"""The customer types at once: once their agent is there, the keyboard is in the chat's entry
(the Join button it was on is gone with the join page), so the first words they type reach
the agent without a click."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from csr_console.main import Console
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import agent_starts_session, client_chat, client_window
from tests.faces.conftest import WAIT_MS
from tests.xserver import key, type_text


def test_the_first_words_typed_after_joining_reach_the_agent(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    center = start_center_with()
    console = make_console()
    number = agent_starts_session(qtbot, console, center)
    client = client_window(qtbot, center)
    try:
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
    finally:
        client.controller.close_parts()
        client.controller.shutdown()
