"""The customer's consent with a real console, client and support center: the client's window
says "allow everything" is on and what it covers, its Withdraw (a real click) or any Stop the
customer presses ends it, and the agent's next request asks again; and an agent holding control
cannot answer a consent question with their remote mouse or keyboard."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.desktop.activities import ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.protocol import (
    ActivityKind,
    KeyAction,
    KeyInput,
    PointerAction,
    PointerButton,
    PointerInput,
)
from shared.input.local_activity import QUIET_S
from shared.session.live import LiveSession
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import asked, console_with_client, stand_in_sharing
from tests.faces.conftest import WAIT_MS
from tests.ui.fakes import FakeBackend
from tests.xserver import click

ClientSharing = Callable[[LiveSession], SharingFeature]


def taking_real_input(session: LiveSession) -> SharingFeature:
    """The customer's sharing with this display's real input injection (its first monitor
    stands for the screen at 0,0, so remote coordinates are the display's); no capture."""
    from shared.input.sinks import make_input_sink

    return SharingFeature(session, FakeBackend(), make_input_sink)


@pytest.fixture
def client_sharing() -> ClientSharing:
    return stand_in_sharing


@pytest.fixture
def pair(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    client_sharing: ClientSharing,
) -> Iterator[tuple[Console, ClientWindow]]:
    console = make_console()
    with console_with_client(qtbot, console, start_center_with(), client_sharing) as client:
        yield console, client


def _in_front(qtbot: QtBot, client: ClientWindow) -> None:
    """The customer brings their window forward: on their own computer the agent's viewer,
    which shares this display in the test, is not there to cover it."""
    client.raise_()
    client.activateWindow()
    qtbot.waitUntil(client.isActiveWindow, timeout=WAIT_MS)


def _view_with_everything_allowed(qtbot: QtBot, console: Console, client: ClientWindow) -> None:
    console.actions.registry.action("request_view").trigger()
    dialog = asked(qtbot, client)
    click(dialog.allow_all)
    qtbot.waitUntil(dialog.allow_all.isChecked)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)
    qtbot.waitUntil(client.allow_all_row.isVisible, timeout=WAIT_MS)
    text = client.allow_all_label.text()
    assert "seeing your screen" in text and "reading system information" in text
    assert "controlling your computer" not in text  # control still asks


def _stop_and_ask_again(qtbot: QtBot, console: Console, client: ClientWindow) -> None:
    """The agent's next view is put to the customer again."""
    sharing: SharingFeature | None = console.controller.part("desktop").feature
    assert sharing is not None
    qtbot.waitUntil(lambda: not any(a.live for a in sharing.activities), timeout=WAIT_MS)
    console.actions.registry.action("request_view").trigger()
    asked(qtbot, client).reject()


def test_withdraw_is_one_click_and_the_next_request_asks(
    qtbot: QtBot, pair: tuple[Console, ClientWindow]
) -> None:
    console, client = pair
    _view_with_everything_allowed(qtbot, console, client)
    _in_front(qtbot, client)
    click(client.withdraw_button)
    qtbot.waitUntil(lambda: not client.allow_all_row.isVisible(), timeout=WAIT_MS)
    # Withdrawing asks again later; the view the customer allowed goes on meanwhile.
    assert client.controller.part("desktop").windows.indicator.isVisible()
    console.actions.registry.action("stop_sharing").trigger()
    _stop_and_ask_again(qtbot, console, client)


def test_the_customers_stop_withdraws_everything(
    qtbot: QtBot, pair: tuple[Console, ClientWindow]
) -> None:
    console, client = pair
    _view_with_everything_allowed(qtbot, console, client)
    indicator = client.controller.part("desktop").windows.indicator
    qtbot.waitExposed(indicator)
    click(indicator.stop_button)
    qtbot.waitUntil(lambda: not client.allow_all_row.isVisible(), timeout=WAIT_MS)
    _stop_and_ask_again(qtbot, console, client)


@pytest.mark.parametrize("client_sharing", [taking_real_input])
def test_the_agent_in_control_cannot_answer_a_consent_question(
    qtbot: QtBot, pair: tuple[Console, ClientWindow]
) -> None:
    console, client = pair
    agent_sharing: SharingFeature | None = console.controller.part("desktop").feature
    assert agent_sharing is not None
    console.actions.registry.action("request_control").trigger()
    dialog = asked(qtbot, client)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)
    allowed = time.monotonic()

    def control() -> bool:
        return any(
            a.kind == ActivityKind.CONTROL and a.state == ActivityState.ACTIVE
            for a in agent_sharing.activities
        )

    qtbot.waitUntil(control, timeout=WAIT_MS)
    (activity,) = [a for a in agent_sharing.activities if a.kind == ActivityKind.CONTROL]
    # The customer's own click paused remote input a moment: wait until that is over.
    qtbot.waitUntil(
        lambda: (
            time.monotonic() - allowed > QUIET_S
            and not next(a for a in agent_sharing.activities if a.id == activity.id).control_paused
        ),
        timeout=WAIT_MS,
    )

    # The agent asks for something more; while the customer is asked, the agent clicks Allow
    # and presses Alt+A through their control of the customer's desktop.
    console.actions.registry.action("show_desktop").trigger()
    question = asked(qtbot, client)
    qtbot.waitUntil(question.ok_button.isEnabled, timeout=WAIT_MS)
    allow = question.ok_button
    at: QPoint = allow.mapToGlobal(allow.rect().center())
    remote = (
        PointerInput(activity=activity.id, action=PointerAction.MOVE, x=at.x(), y=at.y()),
        PointerInput(
            activity=activity.id,
            action=PointerAction.DOWN,
            x=at.x(),
            y=at.y(),
            button=PointerButton.LEFT,
        ),
        PointerInput(
            activity=activity.id,
            action=PointerAction.UP,
            x=at.x(),
            y=at.y(),
            button=PointerButton.LEFT,
        ),
        KeyInput(activity=activity.id, action=KeyAction.DOWN, key="alt"),
        KeyInput(activity=activity.id, action=KeyAction.DOWN, key="a"),
        KeyInput(activity=activity.id, action=KeyAction.UP, key="a"),
        KeyInput(activity=activity.id, action=KeyAction.UP, key="alt"),
    )

    async def send() -> None:  # on the console's asyncio thread, as its viewer sends
        for message in remote:
            agent_sharing.send_input(message)

    console.bridge.submit(send()).result(WAIT_MS / 1000)
    customer = client.controller.customer
    assert customer is not None

    def held_back() -> int:
        return sum(e.kind == "input.suspended" for e in customer.engine.audit.events)

    # Either the customer's engine held the input back, or (the flaw) the question was answered.
    qtbot.waitUntil(lambda: held_back() > 0 or not client.consent.dialogs, timeout=WAIT_MS)
    assert client.consent.dialogs and question.isVisible(), "answered by the agent's input"
    question.reject()
    qtbot.waitUntil(lambda: not client.consent.dialogs, timeout=WAIT_MS)
