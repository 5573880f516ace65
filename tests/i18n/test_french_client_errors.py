"""The customer's window in French when things go wrong: a center that is not there, one with
another certificate, a damaged join link. Each says what happened and what to do, in French."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from customer_client.main import create_client, open_client, parse_args
from customer_client.ui.window import ClientWindow
from shared.qt.pins import remember_pin
from shared.session.join_link import JoinLink
from tests.e2e.client_steps import CUSTOMER, join_from_the_window
from tests.e2e.conftest import CenterProcess
from tests.e2e.test_session_ui import _screenshot
from tests.helpers import free_port
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.walk import assert_french


@pytest.fixture
def open_window(qtbot: QtBot, french: FrenchCheck) -> Iterator[Callable[[str], ClientWindow]]:
    """The client's window for a center, built (after the French translators are in) as
    ``tandem-client`` builds it."""
    opened: list[ClientWindow] = []

    def make(url: str) -> ClientWindow:
        window = create_client(url)
        qtbot.addWidget(window)
        opened.append(window)
        french.data |= {url, CUSTOMER, "123456789"}
        return window

    yield make
    for window in opened:
        window.controller.shutdown()


def test_a_center_that_is_not_there_in_french(
    qtbot: QtBot, french: FrenchCheck, open_window: Callable[[str], ClientWindow]
) -> None:
    url = f"https://127.0.0.1:{free_port()}"
    remember_pin(url, "ab" * 32)
    client = open_window(url)
    join_from_the_window(qtbot, client)
    assert client.join_error.text() == (
        "Le centre d'assistance n'accepte aucune connexion. Réessayez dans quelques minutes\u00a0; "
        "si cela échoue encore, demandez un nouveau lien d'accès à votre agent."
    )
    assert_french(french, client)
    client.repaint()
    _screenshot("client-center-refused-fr")


def test_a_center_with_another_certificate_in_french(
    qtbot: QtBot,
    french: FrenchCheck,
    open_window: Callable[[str], ClientWindow],
    center_process: CenterProcess,
) -> None:
    remember_pin(center_process.url, "00" * 32)
    client = open_window(center_process.url)
    join_from_the_window(qtbot, client)
    assert client.join_error.text().startswith(
        "Le centre d'assistance n'a pas présenté le certificat auquel ce programme fait confiance"
    )
    assert client.join_error.text().endswith("Demandez un nouveau lien d'accès à votre agent.")
    assert_french(french, client)


def test_a_damaged_link_in_french(
    qtbot: QtBot, french: FrenchCheck, center_process: CenterProcess
) -> None:
    good = JoinLink(center_process.url, 123456789, center_process.fingerprint).url()
    window = open_client(parse_args([good.replace("session=", "session=x")]))
    assert window is not None
    qtbot.addWidget(window)
    try:
        qtbot.waitExposed(window)
        assert window.join_error.text().startswith(
            "Ce lien d'accès est endommagé et ne peut pas servir. Demandez à votre agent de vous "
            "le renvoyer"
        )
        french.data |= {window.server_url or ""}
        assert_french(french, window)
    finally:
        window.controller.shutdown()
