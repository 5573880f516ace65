"""The client's window with a real support center, driven with real clicks on a test X display:
started from the Get help page's link with nothing typed, it shows the queue, the place in line
and an estimated wait; the place moves up as others leave; Accept next opens the session view
by itself; at the end the survey is answered with clicks and lands in the center's record.
Leaving by the button or by closing the window takes the customer out of the line at once; a
forged ticket says so. The waiting view and the survey are checked (and photographed) in English
and in French."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from csr_console.inbound.center_api import transfer_session
from csr_console.services.agent_session import AgentSession
from customer_client.main import create_client
from customer_client.queue_start import open_queue_link
from customer_client.ui.window import ClientWindow
from shared.protocol.queues import TransferRequest
from shared.session.join_link import QueueLink
from tests.helpers import AGENT_NAME, CenterFixture
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.conftest import english_afterwards, french  # noqa: F401  (fixtures)
from tests.i18n.walk import assert_french
from tests.integration.support import agent_of
from tests.queue_client.conftest import CenterThread
from tests.queue_client.support import (
    QUEUE,
    Waiting,
    accept,
    file_ticket,
    open_queue,
    start_waiting,
)
from tests.screenshots import save_screen
from tests.xserver import click, request_close, type_text

WAIT_MS = 20_000


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[list[ClientWindow]]:
    made: list[ClientWindow] = []
    yield made
    for window in made:
        window.controller.shutdown()


def wait_with_link(
    qtbot: QtBot, center: CenterFixture, ticket: str, windows: list[ClientWindow]
) -> ClientWindow:
    """The customer clicks the Get help page's ``tandem://queue`` link: the client opens and
    waits, nothing typed."""
    running = center.running
    link = QueueLink(server=running.url, ticket=ticket, fingerprint=running.fingerprint)
    window = open_queue_link(link.url(), create_client)
    qtbot.addWidget(window)
    windows.append(window)
    window.move(0, 0)
    qtbot.waitExposed(window)
    return window


def request_status(thread: CenterThread, ticket: str) -> str:
    async def read() -> str:
        request = thread.center.running.hub.lobby.queues.request_for_ticket(ticket)
        assert request is not None
        return request.status

    return thread.run(read())


def begin(thread: CenterThread, title: str = "Billing") -> None:
    async def setup() -> None:
        open_queue(thread.center, title=title)

    thread.run(setup())


def someone_waiting(thread: CenterThread, name: str) -> Waiting:
    async def start() -> Waiting:
        return start_waiting(thread.center, await file_ticket(thread.center, name))

    return thread.run(start())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_waiting_then_the_session_then_the_survey(
    qtbot: QtBot,
    center_thread: CenterThread,
    windows: list[ClientWindow],
    request: pytest.FixtureRequest,
    language: str,
) -> None:
    check: FrenchCheck | None = request.getfixturevalue("french") if language == "fr" else None
    title = "Facturation" if check else "Billing"
    begin(center_thread, title)
    ahead = someone_waiting(center_thread, "Alan")
    ticket = center_thread.run(file_ticket(center_thread.center, "Grace Hopper"))
    window = wait_with_link(qtbot, center_thread.center, ticket, windows)
    page = window.queue_page

    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.queue_label.text() == title, timeout=WAIT_MS)
    second = "Vous êtes numéro 2 dans la file." if check else "You are number 2 in line."
    qtbot.waitUntil(lambda: page.position_label.text() == second, timeout=WAIT_MS)
    center_thread.run(ahead.waiter.leave())  # Alan gives up: Grace moves up
    first = "Vous êtes en tête de la file." if check else "You are next in line."
    qtbot.waitUntil(lambda: page.position_label.text() == first, timeout=WAIT_MS)
    estimate = "Attente estimée\u00a0: " if check else "Estimated wait: "
    assert page.wait_label.text().startswith(estimate)
    assert page.leave_button.isVisible() and page.leave_button.isEnabled()
    if check:
        check.data |= {title, window.center_label.text().rsplit(" ", 1)[-1]}
        assert_french(check, window)
    save_screen(f"queue-waiting-{language}")

    # An agent presses Accept next: the session view comes by itself.
    async def agent_accepts() -> AgentSession:
        agent, _ = await agent_of(center_thread.center)
        helped = await accept(center_thread.center, agent)
        await agent.take(helped.number, helped.join_link)
        return agent

    agent = center_thread.run(agent_accepts())
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session_page, timeout=WAIT_MS)
    helping = f"{AGENT_NAME} vous aide." if check else f"{AGENT_NAME} is helping you."
    qtbot.waitUntil(lambda: window.helper_label.text() == helping, timeout=WAIT_MS)
    assert window.number_field.text() == str(agent.started.number if agent.started else "")
    assert window.name_field.text() == "Grace Hopper"  # nothing was typed

    # The agent ends it: the survey comes, answered with clicks and typing.
    center_thread.run(agent.end())
    qtbot.waitUntil(
        lambda: window.survey is not None and window.survey.isVisible(), timeout=WAIT_MS
    )
    survey = window.survey
    assert survey is not None
    qtbot.waitExposed(survey)
    assert not survey.send_button.isEnabled()  # nothing answered yet
    click(survey.solved_buttons["partly"])
    click(survey.rating_buttons[4])
    qtbot.waitUntil(survey.send_button.isEnabled, timeout=WAIT_MS)
    click(survey.comment)
    qtbot.waitUntil(survey.comment.hasFocus, timeout=WAIT_MS)
    type_text("Quick and kind.")
    qtbot.waitUntil(lambda: survey.comment.toPlainText() == "Quick and kind.", timeout=WAIT_MS)
    if check:
        check.data |= {"Quick and kind."}
        assert_french(check, survey)
    save_screen(f"queue-survey-{language}")
    click(survey.send_button)
    qtbot.waitUntil(lambda: survey.sent and not survey.isVisible(), timeout=WAIT_MS)

    async def answers() -> object:
        found = center_thread.center.running.hub.lobby.queues.request_for_ticket(ticket)
        return found.survey if found else None

    assert center_thread.run(answers()) == {
        "solved": "partly",
        "rating": 4,
        "comment": "Quick and kind.",
    }


def test_the_survey_can_be_skipped(
    qtbot: QtBot, center_thread: CenterThread, windows: list[ClientWindow]
) -> None:
    begin(center_thread)
    ticket = center_thread.run(file_ticket(center_thread.center, "Grace"))
    window = wait_with_link(qtbot, center_thread.center, ticket, windows)
    qtbot.waitUntil(lambda: window.queue_page.position_label.text() != "", timeout=WAIT_MS)

    async def accepted() -> AgentSession:
        agent, _ = await agent_of(center_thread.center)
        helped = await accept(center_thread.center, agent)
        await agent.take(helped.number, helped.join_link)
        return agent

    agent = center_thread.run(accepted())
    helping = f"{AGENT_NAME} is helping you."
    qtbot.waitUntil(lambda: window.helper_label.text() == helping, timeout=WAIT_MS)
    center_thread.run(agent.end())
    qtbot.waitUntil(
        lambda: window.survey is not None and window.survey.isVisible(), timeout=WAIT_MS
    )
    survey = window.survey
    assert survey is not None
    qtbot.waitExposed(survey)
    click(survey.skip_button)
    qtbot.waitUntil(lambda: not survey.isVisible(), timeout=WAIT_MS)
    assert not survey.sent
    assert window.pages.currentWidget() is window.ended_page


def test_the_leave_button_takes_the_customer_out_of_the_line(
    qtbot: QtBot, center_thread: CenterThread, windows: list[ClientWindow]
) -> None:
    begin(center_thread)
    ticket = center_thread.run(file_ticket(center_thread.center, "Grace"))
    window = wait_with_link(qtbot, center_thread.center, ticket, windows)
    qtbot.waitUntil(lambda: window.queue_page.position_label.text() != "", timeout=WAIT_MS)
    assert request_status(center_thread, ticket) == "waiting"

    click(window.queue_page.leave_button)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.ended_page, timeout=WAIT_MS)
    assert window.ended_label.text() == "You left the queue."
    assert request_status(center_thread, ticket) == "left"


def test_closing_the_window_leaves_the_queue_at_once(
    qtbot: QtBot, center_thread: CenterThread, windows: list[ClientWindow]
) -> None:
    begin(center_thread)
    ticket = center_thread.run(file_ticket(center_thread.center, "Grace"))
    window = wait_with_link(qtbot, center_thread.center, ticket, windows)
    qtbot.waitUntil(lambda: window.queue_page.position_label.text() != "", timeout=WAIT_MS)

    request_close(window)  # the title bar's close button
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    # Left, not merely away for the grace: queue.leave went before the socket closed.
    assert request_status(center_thread, ticket) == "left"


def test_a_forged_ticket_says_what_to_do(
    qtbot: QtBot, center_thread: CenterThread, windows: list[ClientWindow]
) -> None:
    begin(center_thread)
    window = wait_with_link(qtbot, center_thread.center, "forged-ticket-0123456789abcdef", windows)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.ended_page, timeout=WAIT_MS)
    assert window.ended_label.text() == (
        "The support center does not know this help request, so you cannot wait for an agent "
        "with it. Ask for help again on the support page."
    )


def test_a_transferred_customer_reads_who_sent_them_where(
    qtbot: QtBot, center_thread: CenterThread, windows: list[ClientWindow]
) -> None:
    begin(center_thread)
    ticket = center_thread.run(file_ticket(center_thread.center, "Grace"))
    window = wait_with_link(qtbot, center_thread.center, ticket, windows)
    qtbot.waitUntil(lambda: window.queue_page.position_label.text() != "", timeout=WAIT_MS)

    async def accepted() -> AgentSession:
        agent, _ = await agent_of(center_thread.center)
        helped = await accept(center_thread.center, agent)
        await agent.take(helped.number, helped.join_link)
        return agent

    agent = center_thread.run(accepted())
    helping = f"{AGENT_NAME} is helping you."
    qtbot.waitUntil(lambda: window.helper_label.text() == helping, timeout=WAIT_MS)
    assert window.transfer_notice.isHidden()

    async def transfer() -> None:
        assert agent.started is not None
        number = agent.started.number
        request = TransferRequest(queue=QUEUE, message="Billing knows more.")
        link = center_thread.center.link()
        try:
            await agent.hand_over(lambda: transfer_session(link, agent.account, number, request))
        finally:
            await link.close()

    center_thread.run(transfer())
    qtbot.waitUntil(window.transfer_notice.isVisible, timeout=WAIT_MS)
    assert window.transfer_notice.text().startswith(
        f"{AGENT_NAME} transferred you to Billing; you are next in line. Estimated wait: "
    )
    assert window.pages.currentWidget() is window.session_page  # still seated
    save_screen("queue-transferred-en")

    # The next agent of the queue takes the session: the notice goes.
    center_thread.run(accepted())
    qtbot.waitUntil(window.transfer_notice.isHidden, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.helper_label.text() == helping, timeout=WAIT_MS)


def test_a_center_restart_keeps_the_customer_in_line_and_says_what_happens(
    qtbot: QtBot, center_thread: CenterThread, windows: list[ClientWindow]
) -> None:
    begin(center_thread)
    ahead = someone_waiting(center_thread, "Alan")
    ticket = center_thread.run(file_ticket(center_thread.center, "Grace"))
    window = wait_with_link(qtbot, center_thread.center, ticket, windows)
    page = window.queue_page
    second = "You are number 2 in line."
    qtbot.waitUntil(lambda: page.position_label.text() == second, timeout=WAIT_MS)

    center_thread.down()
    qtbot.waitUntil(lambda: "was lost" in page.notice.text(), timeout=WAIT_MS)
    assert "You keep your place in line." in page.notice.text()
    assert page.position_label.text() == second  # the last place known stays in view

    center_thread.start()
    qtbot.waitUntil(lambda: page.notice.text() == "", timeout=WAIT_MS)  # back in line
    assert page.position_label.text() == second
    assert window.pages.currentWidget() is page
    assert request_status(center_thread, ticket) == "waiting"
    center_thread.run(ahead.waiter.leave())
    qtbot.waitUntil(lambda: page.position_label.text() == "You are next in line.", timeout=WAIT_MS)
