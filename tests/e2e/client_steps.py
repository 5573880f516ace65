"""Steps on the customer's client window that several end-to-end tests take."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from customer_client.ui.window import ClientWindow
from tests.e2e.machines import WAIT_MS
from tests.xserver import click

CUSTOMER = "Grace Hopper"


def join_from_the_window(qtbot: QtBot, client: ClientWindow) -> None:
    """The customer fills in session 123456789 and their name and clicks Join (a real click);
    returns once the window shows why it failed, Join enabled again for another try."""
    client.prefill(123456789, CUSTOMER, None)
    client.show()
    qtbot.waitExposed(client)
    click(client.join_button)
    qtbot.waitUntil(lambda: client.join_error.text() != "", timeout=WAIT_MS)
    assert client.join_button.isEnabled()
