"""A join link naming another certificate for a center this computer already trusts (someone
in the middle hands the customer a link of their own, or the center changed its certificate):
the customer's pin is replaced only on their yes, in a question whose default does not trust;
a pin IT set in the machine's configuration is never replaced, the link is refused saying so;
a link with the pinned certificate joins at once, as ever. With a real center, console and
client window, clicks and keys from outside the program."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.main import open_client, parse_args
from customer_client.ui.certificate_change import CertificateChangeQuestion
from customer_client.ui.window import ClientWindow
from shared.qt.pins import client_settings, pinned_fingerprint, remember_pin
from shared.security.certificates import normalise_fingerprint
from shared.session.join_link import JoinLink
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import agent_starts_session
from tests.faces.conftest import WAIT_MS
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.conftest import english_afterwards, french  # noqa: F401  (fixtures)
from tests.i18n.walk import assert_french
from tests.xserver import click, key, request_close

# The certificate of whoever sits in the middle, as their link gives it.
INTERCEPTOR = normalise_fingerprint("ab" * 32)
# The certificate the center had before it changed, as this computer still trusts it.
OLD = normalise_fingerprint("00" * 32)
# What the client says of a link whose certificate is not the one IT set.
REFUSED_BY_IT = (
    "This join link does not match the support center your IT department set up on this "
    "computer, so it was not used. Ask your agent for a new link, or contact your IT "
    "department."
)
# Other spellings of one center's address (a reviewer's), each once got a link past its pin.
SPELLINGS = [
    "https://{host}",
    "https://{HOST}",
    "https://{host}:443",
    "https://{host}./",
    "https://{host}/?",
    "https://{HOST}.:443/?#",
]

_Open = Callable[..., ClientWindow | None]


@pytest.fixture
def machine_config(tmp_path: Path) -> Iterator[QSettings]:
    """The machine's configuration (the system-wide settings IT deploys), in a scratch folder;
    an empty one again afterwards, never this computer's own."""
    folder = tmp_path / "machine"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder))
    yield QSettings(str(folder / "Tandem" / "Tandem Client.ini"), QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(tmp_path / "no-machine")
    )


@pytest.fixture
def open_link(qtbot: QtBot, machine_config: QSettings) -> Iterator[_Open]:
    """Open the client as a click on a link does (``tandem-client LINK --name Grace``)."""
    windows: list[ClientWindow] = []

    def start(link: JoinLink, *more: str) -> ClientWindow | None:
        window = open_client(parse_args([link.url(), "--name", "Grace", *more]))
        if window is not None:
            qtbot.addWidget(window)
            window.move(1000, 0)
            windows.append(window)
        return window

    yield start
    for window in windows:
        window.controller.close_parts()
        window.controller.shutdown()


@dataclass
class _Waiting:
    center: CenterProcess
    console: Console
    number: int  # the session the agent started, Grace not in it yet


@pytest.fixture
def waiting(
    qtbot: QtBot,
    machine_config: QSettings,  # in place before either app starts
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> _Waiting:
    """A center, and a console whose agent started a session there."""
    center = start_center_with()
    console = make_console()
    return _Waiting(center, console, agent_starts_session(qtbot, console, center))


@pytest.fixture
def host() -> str:
    """A center's host name of this test's own (the customer's settings outlive a test)."""
    return f"center-{uuid4().hex[:12]}.example.com"


def _spelled(spelling: str, host: str) -> str:
    return spelling.format(host=host, HOST=host.upper())


def _question(qtbot: QtBot, window: ClientWindow) -> CertificateChangeQuestion:
    qtbot.waitUntil(lambda: window.certificate_question is not None, timeout=WAIT_MS)
    question = window.certificate_question
    assert question is not None
    qtbot.waitExposed(question)
    question.activateWindow()
    qtbot.waitUntil(question.isActiveWindow, timeout=WAIT_MS)
    return question


def _no_question(window: ClientWindow) -> Callable[[], bool]:
    return lambda: window.certificate_question is None


def _linked(console: Console) -> bool:
    return console.controller.state.customer_linked


def _pin_key(url: str) -> str:
    """Where the client's settings keep the pin of ``url``."""
    return "pins/" + url.replace("/", "|")


def _pin(settings: QSettings, url: str, fingerprint: str) -> None:
    """Write a pin for ``url`` straight into ``settings`` (IT's, or an older client's)."""
    settings.setValue(_pin_key(url), fingerprint)
    settings.sync()


def _user_pin(url: str) -> object:
    """The pin as the customer's own settings hold it (not what IT's would shadow)."""
    settings = client_settings()
    settings.setFallbacksEnabled(False)
    return settings.value(_pin_key(url))


def test_a_link_with_another_certificate_replaces_the_pin_only_on_the_customers_yes(
    qtbot: QtBot, waiting: _Waiting, open_link: _Open
) -> None:
    center, console, number = waiting.center, waiting.console, waiting.number
    remember_pin(center.url, center.fingerprint)  # Grace was helped by this center before
    pinned = normalise_fingerprint(center.fingerprint)
    forged = JoinLink(center.url, number, INTERCEPTOR)

    def escape(_: QWidget) -> None:
        key("Escape")

    # Closed by the window's close box, then by Escape: nothing of the link is used.
    for answer in (request_close, escape):
        window = open_link(forged)
        assert window is not None
        question = _question(qtbot, window)
        assert question.text() == "The support center's certificate has changed."
        assert "someone is intercepting" in question.informativeText()
        assert pinned_fingerprint(center.url) == pinned  # asking replaced nothing
        answer(question)
        qtbot.waitUntil(_no_question(window), timeout=WAIT_MS)
        assert window.join_error.text() == "The join link was not used."
        assert window.number_field.text() == ""
        assert pinned_fingerprint(center.url) == pinned
        assert not _linked(console)

    # Enter takes the default, which keeps the old certificate: Grace joins the real center.
    window = open_link(forged)
    assert window is not None
    _question(qtbot, window)
    key("Return")
    qtbot.waitUntil(lambda: _linked(console), timeout=WAIT_MS)
    assert pinned_fingerprint(center.url) == pinned


def test_the_customer_can_trust_the_centers_new_certificate(
    qtbot: QtBot, waiting: _Waiting, open_link: _Open
) -> None:
    center, console, number = waiting.center, waiting.console, waiting.number
    remember_pin(center.url, OLD)
    window = open_link(JoinLink(center.url, number, center.fingerprint))
    assert window is not None
    question = _question(qtbot, window)
    assert pinned_fingerprint(center.url) == OLD
    click(question.trust_button)
    qtbot.waitUntil(lambda: _linked(console), timeout=WAIT_MS)
    assert pinned_fingerprint(center.url) == normalise_fingerprint(center.fingerprint)


def test_a_link_never_replaces_the_pin_it_set_in_the_machines_configuration(
    qtbot: QtBot, waiting: _Waiting, open_link: _Open, machine_config: QSettings
) -> None:
    center, console, number = waiting.center, waiting.console, waiting.number
    _pin(machine_config, center.url, center.fingerprint)
    # A pin of the customer's own, left by an older client that let a link replace it.
    _pin(client_settings(), center.url, INTERCEPTOR)

    window = open_link(JoinLink(center.url, number, INTERCEPTOR))
    assert window is not None
    qtbot.waitExposed(window)
    assert window.certificate_question is None  # nothing to ask: IT decided
    assert window.join_error.text() == REFUSED_BY_IT
    assert window.number_field.text() == ""
    assert pinned_fingerprint(center.url) == normalise_fingerprint(center.fingerprint)
    assert _user_pin(center.url) == INTERCEPTOR  # the link wrote nothing
    # Nor does --fingerprint replace IT's pin.
    assert open_link(JoinLink(center.url, number, center.fingerprint), "--fingerprint", OLD) is None

    # Typing the number joins with IT's certificate (the stale pin would fail).
    window.prefill(number, "Grace", None)
    window.submit_join()
    qtbot.waitUntil(lambda: _linked(console), timeout=WAIT_MS)


def test_a_link_with_the_pinned_certificate_joins_at_once(
    qtbot: QtBot, waiting: _Waiting, open_link: _Open
) -> None:
    center, console, number = waiting.center, waiting.console, waiting.number
    remember_pin(center.url, center.fingerprint)
    window = open_link(JoinLink(center.url, number, center.fingerprint))
    assert window is not None
    assert window.certificate_question is None
    qtbot.waitUntil(lambda: _linked(console), timeout=WAIT_MS)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_another_spelling_of_the_center_is_refused_as_its_it_pin_says(
    qtbot: QtBot, open_link: _Open, machine_config: QSettings, host: str, spelling: str
) -> None:
    """The center's address written otherwise (capitals, ':443', a trailing dot, an empty '?')
    gets the answer of the address IT pinned: the link is refused, and nothing of it kept."""
    canonical = f"https://{host}"
    _pin(machine_config, canonical, OLD)
    window = open_link(JoinLink(_spelled(spelling, host), 123456789, INTERCEPTOR))
    assert window is not None
    qtbot.waitExposed(window)
    assert window.certificate_question is None
    assert window.join_error.text() == REFUSED_BY_IT
    assert window.number_field.text() == ""
    assert pinned_fingerprint(canonical) == OLD
    assert _user_pin(canonical) is None
    assert window.server_url == canonical


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_another_spelling_of_the_center_asks_as_the_customers_pin_says(
    qtbot: QtBot, open_link: _Open, host: str, spelling: str
) -> None:
    """The center's address written otherwise gets the answer of the address the customer
    pinned: the customer is asked, and Cancel keeps their certificate."""
    canonical = f"https://{host}"
    remember_pin(canonical, OLD)
    window = open_link(JoinLink(_spelled(spelling, host), 123456789, INTERCEPTOR))
    assert window is not None
    question = _question(qtbot, window)
    assert question.text() == "The support center's certificate has changed."
    question.done(QMessageBox.StandardButton.Cancel)
    qtbot.waitUntil(_no_question(window), timeout=WAIT_MS)
    assert window.join_error.text() == "The join link was not used."
    assert pinned_fingerprint(canonical) == OLD
    assert pinned_fingerprint(_spelled(spelling, host)) == OLD


def test_a_pin_it_kept_under_another_spelling_still_refuses_a_link(
    qtbot: QtBot, open_link: _Open, machine_config: QSettings, host: str
) -> None:
    """IT's configuration written before addresses had one spelling still wins, as does
    ``--server`` written otherwise with ``--fingerprint``."""
    _pin(machine_config, f"https://{host.upper()}.:443", OLD)
    window = open_link(JoinLink(f"https://{host}", 123456789, INTERCEPTOR))
    assert window is not None
    assert window.join_error.text() == REFUSED_BY_IT
    assert _user_pin(f"https://{host}") is None
    assert (
        open_client(
            parse_args(["--server", f"https://{host.upper()}:443/", "--fingerprint", INTERCEPTOR])
        )
        is None
    )
    assert pinned_fingerprint(f"https://{host}") == OLD


def test_a_link_whose_center_has_more_than_an_address_is_damaged(
    qtbot: QtBot, open_link: _Open, host: str
) -> None:
    """A user name, a path, a query: not a center's address; nothing of the link is kept."""
    remember_pin(f"https://{host}", OLD)
    for server in (
        f"https://intruder@{host}",
        f"https://{host}//",
        f"https://{host}/?pin=none",
    ):
        window = open_link(JoinLink(server, 123456789, INTERCEPTOR))
        assert window is not None
        assert window.join_error.text().startswith(
            "This join link is damaged, so it cannot be used."
        )
        assert window.certificate_question is None
    assert pinned_fingerprint(f"https://{host}") == OLD


def test_the_question_and_the_refusal_are_french(
    qtbot: QtBot,
    french: FrenchCheck,  # noqa: F811  (the fixture imported above)
    open_link: _Open,
    machine_config: QSettings,
) -> None:
    url = "https://support.example.com:8443"
    remember_pin(url, OLD)
    window = open_link(JoinLink(url, 123456789, INTERCEPTOR))
    assert window is not None
    question = _question(qtbot, window)
    french.data |= {url, "Grace", "123456789"}
    assert_french(french, question)
    question.done(QMessageBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: window.certificate_question is None, timeout=WAIT_MS)
    assert_french(french, window)

    _pin(machine_config, url, OLD)
    refused = open_link(JoinLink(url, 123456789, INTERCEPTOR))
    assert refused is not None
    assert_french(french, refused)
