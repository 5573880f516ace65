"""The security code in the real apps, in English and in French: the same code shows quietly
beside the customer in the console and under the agent's name in the client; the agent's click
on "Codes match" marks it verified in the console only (the client never says "verified": the
agent's word comes over the link being checked); the customer's "Not the same code" tells the
agent and advises leaving; a new connection shows both a new code to compare again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.preferences import FaceName
from customer_client.ui.window import ClientWindow
from shared.features.verify.code import spoken
from shared.features.verify.console import CONFIRM_KEY, CodeLine
from shared.features.verify.customer import NEW_CODE_STYLE, CodeStatus
from shared.features.verify.engine import Status, VerifyFeature
from shared.qt.i18n import install_translations, remove_translations
from shared.session.live import LiveSession
from tests.faces.conftest import WAIT_MS
from tests.xserver import click

# What each language says (the code itself is the same digits in both).
WORDS = {
    "en": ("Security code:", "New security code:", "The codes differ"),
    "fr": ("Code de sécurité\u00a0:", "Nouveau code de sécurité\u00a0:", "Les codes diffèrent"),
}
# What each app adds to a new code after a new connection.
AGAIN = {
    "en": ("compare again", "compare it with your agent again"),
    "fr": ("comparez de nouveau", "comparez-le de nouveau avec votre agent"),
}


@pytest.fixture(params=["en", "fr"], autouse=True)  # before ``pair`` starts the apps
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    if request.param != "en":
        assert install_translations(qapp, request.param) == request.param
    try:
        yield str(request.param)
    finally:
        remove_translations(qapp)


def _verify(session: LiveSession | None) -> VerifyFeature:
    assert session is not None
    feature = session.part("verify", VerifyFeature)
    assert feature is not None
    return feature


def _code_shown(qtbot: QtBot, console: Console, client: ClientWindow) -> tuple[Dashboard, str]:
    """The dashboard, once both apps show the code: the digits, grouped as shown."""
    console.faces.switch(FaceName.DASHBOARD)
    dashboard = console.faces.face(FaceName.DASHBOARD)
    assert isinstance(dashboard, Dashboard)
    agent = _verify(console.controller.current.session)
    qtbot.waitUntil(
        lambda: any(v.status == Status.READY for v in agent.verifications), timeout=WAIT_MS
    )
    code = spoken(agent.verifications[0].code)
    line = dashboard.customer_panel.findChild(CodeLine, "verifyCode")
    status = client.panels["verify"]
    assert line is not None and isinstance(status, CodeStatus)
    qtbot.waitUntil(lambda: code in line.label.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: code in status.label.text(), timeout=WAIT_MS)
    qtbot.waitExposed(line)
    assert line.isVisible() and status.isVisible()
    return dashboard, code


def test_the_same_code_shows_in_both_apps_and_a_click_marks_it_verified(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], language: str
) -> None:
    console, client = pair
    said, _, _ = WORDS[language]
    dashboard, code = _code_shown(qtbot, console, client)
    line = dashboard.customer_panel.findChild(CodeLine, "verifyCode")
    status = client.panels["verify"]
    assert isinstance(line, CodeLine) and isinstance(status, CodeStatus)
    assert line.label.text() == f"{said} {code}"
    assert status.label.text() == f"{said} {code}"

    # The agent clicks "Codes match" beside the customer's details (a real click).
    button = dashboard.customer_panel.findChild(QToolButton, f"button_{CONFIRM_KEY}")
    assert button is not None
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    dashboard.raise_()
    dashboard.activateWindow()
    qtbot.waitExposed(button)
    click(button)

    qtbot.waitUntil(lambda: "✓" in line.label.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not button.isEnabled(), timeout=WAIT_MS)  # nothing left to confirm
    # The client takes the agent's word as a claim (audited) and keeps showing the code: its
    # own comparison is what counts, and the same word could come from a man in the middle.
    customer = client.controller.session
    assert customer is not None
    qtbot.waitUntil(
        lambda: any(e.kind == "verify.claimed" for e in customer.engine.audit.events),
        timeout=WAIT_MS,
    )
    assert status.label.text() == f"{said} {code}"
    agent = console.controller.current.session
    assert agent is not None
    for session, kind in ((agent, "verify.confirmed"), (customer, "verify.claimed")):
        assert [e.kind for e in session.engine.audit.events if e.kind.startswith("verify.")] == [
            kind
        ]


def test_the_customer_says_the_code_differs_and_the_agent_is_told(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], language: str
) -> None:
    console, client = pair
    _, _, differ = WORDS[language]
    dashboard, _ = _code_shown(qtbot, console, client)
    status = client.panels["verify"]
    assert isinstance(status, CodeStatus)
    client.raise_()  # over the console: the click is a real one, on what is on top
    client.activateWindow()
    qtbot.waitActive(client)
    qtbot.waitExposed(status.differ)
    click(status.differ)

    qtbot.waitUntil(lambda: status.label.text().startswith(differ), timeout=WAIT_MS)
    assert not status.differ.isVisible()
    line = dashboard.customer_panel.findChild(CodeLine, "verifyCode")
    assert line is not None
    agent = _verify(console.controller.current.session)
    qtbot.waitUntil(
        lambda: [v.status for v in agent.verifications] == [Status.MISMATCH], timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: "#b00020" in line.label.styleSheet(), timeout=WAIT_MS)
    button = dashboard.customer_panel.findChild(QToolButton, f"button_{CONFIRM_KEY}")
    assert button is not None and not button.isEnabled()  # a mismatch is never "fixed"


def test_a_new_connection_shows_both_apps_a_new_code_to_compare_again(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], language: str
) -> None:
    console, client = pair
    _, new_code, _ = WORDS[language]
    console_again, client_again = AGAIN[language]
    dashboard, _ = _code_shown(qtbot, console, client)
    line = dashboard.customer_panel.findChild(CodeLine, "verifyCode")
    status = client.panels["verify"]
    assert isinstance(line, CodeLine) and isinstance(status, CodeStatus)
    assert not status.highlighted()

    # The agent's side offers a new link while this one works (the session takes such an offer
    # at any time, as it would a man in the middle's): a new link, a new code.
    session = console.controller.current.session
    assert session is not None
    customer_id = _verify(session).verifications[0].remote_id
    old_link = session.links[customer_id]
    console.bridge.submit(session._offer(customer_id)).result(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: line.label.text().startswith(new_code), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: status.label.text().startswith(new_code), timeout=WAIT_MS)
    assert session.links[customer_id] is not old_link
    code = spoken(_verify(session).verifications[0].code)
    assert code in line.label.text() and console_again in line.label.text()
    assert code in status.label.text() and client_again in status.label.text()
    # The client's line stands out until the customer clicks it away; the words stay.
    assert status.highlighted() and status.label.styleSheet() == NEW_CODE_STYLE
    client.raise_()
    client.activateWindow()
    qtbot.waitActive(client)
    qtbot.waitExposed(status.label)
    click(status.label)
    qtbot.waitUntil(lambda: not status.highlighted(), timeout=WAIT_MS)
    assert status.label.styleSheet() != NEW_CODE_STYLE
    assert status.label.text().startswith(new_code) and code in status.label.text()
    assert status.differ.isVisible()  # and still "Not the same code" to say otherwise
