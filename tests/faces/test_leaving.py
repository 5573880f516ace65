"""Quitting or signing out with customers connected asks first: end the sessions (customers are
told it ended) or keep them (customers are told at once their agent left and may come back). A
console signing in again lists the sessions left open, resumes them with the same customers, or
ends them (freeing the slot under the center's cap). The Help menu tells the version, and F1
opens the user guide shipped with the console, in the console's language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.help_menu import HelpWindow, product_version
from csr_console.ui.leaving import KeptSessionsDialog
from customer_client.main import create_client
from customer_client.services.customer_session import CustomerSession
from customer_client.ui.window import ClientWindow
from shared.protocol.messages import EVERYONE
from shared.qt.bridge import AsyncBridge
from shared.qt.pins import remember_pin
from shared.session.state import SessionState
from shared.transport.center_link import CenterLink
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import client_chat
from tests.faces.conftest import WAIT_MS, join_on, sign_in, start_session
from tests.helpers import AGENT_NAME
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.conftest import english_afterwards, french  # noqa: F401  (fixtures)
from tests.i18n.walk import assert_french
from tests.xserver import click, key


@pytest.fixture
def client_for(qtbot: QtBot) -> Iterator[Callable[[CenterProcess], ClientWindow]]:
    """The customer's real client window, joined to ``center`` by number."""
    windows: list[ClientWindow] = []

    def make(center: CenterProcess) -> ClientWindow:
        remember_pin(center.url, center.fingerprint)
        window = create_client(center.url)
        qtbot.addWidget(window)
        window.move(1000, 0)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.controller.shutdown()


_JoinApart = Callable[[QtBot, Console, CenterProcess, int], CustomerSession]


@pytest.fixture
def join_apart() -> Iterator[_JoinApart]:
    """A customer joins headless on their own asyncio thread (the console's stops as it
    quits), and the console sees them linked."""
    bridge = AsyncBridge()
    joined: list[CustomerSession] = []

    def join(qtbot: QtBot, console: Console, center: CenterProcess, number: int) -> CustomerSession:
        customer = CustomerSession(CenterLink(center.url, center.fingerprint))
        joined.append(customer)
        return join_on(bridge, qtbot, console, customer, number, "Grace")

    yield join
    bridge.stop([c.close() for c in joined])


@dataclass
class _InSession:
    center: CenterProcess
    console: Console
    customer: CustomerSession


@pytest.fixture
def grace_in_session(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    join_apart: _JoinApart,
) -> _InSession:
    """A center and a console: the agent signs in and starts a session; Grace joins it
    headless."""
    center = start_center_with()
    console = make_console()
    sign_in(qtbot, console, center)
    customer = join_apart(qtbot, console, center, start_session(qtbot, console))
    return _InSession(center, console, customer)


def _client_joins(qtbot: QtBot, client: ClientWindow, number: int) -> None:
    client.prefill(number, "Grace", None)
    client.submit_join()
    qtbot.waitUntil(
        lambda: client.helper_label.text() == f"{AGENT_NAME} is helping you.", timeout=WAIT_MS
    )


def _press_in(qtbot: QtBot, window: QWidget, keys: str) -> None:
    """Real key presses into ``window``, given the keyboard first as a window manager would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    key(keys)


def _question_button(qtbot: QtBot, console: Console, name: str) -> QPushButton:
    """A button of the quit / sign-out question, once it shows."""

    def shown() -> bool:
        box = console.faces.question
        return box is not None and box.isVisible()

    qtbot.waitUntil(shown, timeout=WAIT_MS)
    box = console.faces.question
    assert isinstance(box, QMessageBox)
    button = box.findChild(QPushButton, name)
    assert button is not None, name
    return button


def _kept_dialog(qtbot: QtBot, console: Console) -> KeptSessionsDialog:
    qtbot.waitUntil(lambda: console.kept is not None and console.kept.isVisible(), timeout=WAIT_MS)
    assert console.kept is not None
    return console.kept


def console_list(console: Console) -> set[int] | None:
    """The sessions the open-sessions list shows, while it is on screen."""
    kept = console.kept
    return set(kept.rows) if kept is not None and kept.isVisible() else None


def _row_button(dialog: KeptSessionsDialog, number: int, name: str) -> QPushButton:
    button = dialog.rows[number].findChild(QPushButton, name)
    assert button is not None
    return button


def test_quit_with_a_customer_asks_and_end_sessions_tells_the_customer(
    qtbot: QtBot, grace_in_session: _InSession
) -> None:
    console, customer = grace_in_session.console, grace_in_session.customer
    quits: list[bool] = []
    console.faces.quit_requested.connect(lambda: quits.append(True))

    _press_in(qtbot, console.window, "ctrl+q")
    end = _question_button(qtbot, console, "endSessionsButton")
    assert not quits and console.window.isVisible()  # nothing happens before the answer
    box = console.faces.question
    assert box is not None and "2 minutes" in box.informativeText()
    click(end)

    qtbot.waitUntil(lambda: bool(quits), timeout=WAIT_MS)
    # The customer is told the session ended, by the agent.
    qtbot.waitUntil(lambda: customer.engine.state == SessionState.ENDED, timeout=WAIT_MS)
    closed = customer.engine.closed
    assert closed is not None and closed.code == "ended_by_agent" and closed.by == AGENT_NAME


def test_cancel_keeps_the_console_running(qtbot: QtBot, grace_in_session: _InSession) -> None:
    console, customer = grace_in_session.console, grace_in_session.customer
    console.window.close()  # the window's close button asks the same question
    click(_question_button(qtbot, console, "cancelButton"))
    qtbot.waitUntil(lambda: console.faces.question is None, timeout=WAIT_MS)
    assert console.window.isVisible() and console.controller.state.customer_linked
    assert customer.engine.state == SessionState.ACTIVE


def test_a_console_whose_center_stops_with_it_offers_only_to_end(
    qtbot: QtBot, grace_in_session: _InSession
) -> None:
    """The demo's embedded center quits with the console: "keep" would be a false promise."""
    console, customer = grace_in_session.console, grace_in_session.customer
    console.faces.center_outlives_console = False  # read when the question is asked

    _press_in(qtbot, console.window, "ctrl+q")
    end = _question_button(qtbot, console, "endSessionsButton")
    box = console.faces.question
    assert box is not None
    keep = box.findChild(QPushButton, "keepSessionsButton")
    assert keep is not None and not keep.isVisible()
    assert "stops with it" in box.informativeText() and "2 minutes" not in box.informativeText()
    click(end)
    qtbot.waitUntil(lambda: customer.engine.state == SessionState.ENDED, timeout=WAIT_MS)


def test_keep_tells_the_customer_and_a_new_console_resumes_the_session(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    client_for: Callable[[CenterProcess], ClientWindow],
) -> None:
    center = start_center_with()
    first = make_console()
    sign_in(qtbot, first, center)
    number = start_session(qtbot, first)
    client = client_for(center)
    _client_joins(qtbot, client, number)

    _press_in(qtbot, first.window, "ctrl+q")
    click(_question_button(qtbot, first, "keepSessionsButton"))

    # Told at once (not after the two minutes): the agent left and may come back; Leave works.
    notice = client.away_notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    assert f"Your agent {AGENT_NAME} has left and may come back within 2 minutes." in notice.text()
    assert client.leave_button.isVisible() and client.leave_button.isEnabled()
    assert client.pages.currentWidget() is client.session_page

    # The agent signs in again on a new console: it lists the session and resumes it.
    second = make_console()
    sign_in(qtbot, second, center)
    kept = _kept_dialog(qtbot, second)
    assert set(kept.rows) == {number}
    click(_row_button(kept, number, "resumeButton"))
    qtbot.waitUntil(lambda: second.controller.state.customer_linked, timeout=WAIT_MS)
    assert second.controller.current.started is not None
    assert second.controller.current.started.number == number
    qtbot.waitUntil(lambda: not client.away_notice.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: client.helper_label.text() == f"{AGENT_NAME} is helping you.", timeout=WAIT_MS
    )

    # Chat round-trips again with the same customer.
    second.controller.current.part("chat").send(EVERYONE, "I am back.")
    qtbot.waitUntil(
        lambda: "I am back." in client_chat(client).transcript.toPlainText(), timeout=WAIT_MS
    )
    client.controller.part("chat").send(EVERYONE, "Welcome back.")
    qtbot.waitUntil(
        lambda: any(
            e.text == "Welcome back." for e in second.controller.current.part("chat").entries
        ),
        timeout=WAIT_MS,
    )


def test_an_open_session_is_ended_from_the_sign_in_list_freeing_its_slot(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    join_apart: _JoinApart,
) -> None:
    center = start_center_with("--max-sessions", "3")
    first = make_console()
    sign_in(qtbot, first, center)
    numbers = [start_session(qtbot, first) for _ in range(3)]
    customer = join_apart(qtbot, first, center, numbers[0])
    _press_in(qtbot, first.window, "ctrl+q")
    click(_question_button(qtbot, first, "keepSessionsButton"))
    qtbot.waitUntil(lambda: customer.engine.present() == (), timeout=WAIT_MS)

    second = make_console()
    sign_in(qtbot, second, center)
    kept = _kept_dialog(qtbot, second)
    assert set(kept.rows) == set(numbers)
    # The three kept sessions fill the cap: a fourth cannot start yet.
    failed: list[str] = []
    second.controller.start_failed.connect(failed.append)
    second.actions.registry.action("start_session").trigger()
    qtbot.waitUntil(lambda: bool(failed), timeout=WAIT_MS)

    click(_row_button(kept, numbers[0], "endButton"))
    qtbot.waitUntil(lambda: customer.engine.state == SessionState.ENDED, timeout=WAIT_MS)
    closed = customer.engine.closed
    assert closed is not None and closed.code == "ended_by_agent"
    qtbot.waitUntil(lambda: numbers[0] not in kept.rows, timeout=WAIT_MS)

    fourth = start_session(qtbot, second)  # the slot is free again
    assert fourth not in numbers

    # The list comes back on request (Console ▸ Your open sessions…), with those still open.
    second.actions.registry.action("open_sessions").trigger()
    qtbot.waitUntil(lambda: console_list(second) == set(numbers[1:]), timeout=WAIT_MS)


def test_sign_out_asks_then_returns_to_the_sign_in_screen(
    qtbot: QtBot, grace_in_session: _InSession
) -> None:
    console, customer = grace_in_session.console, grace_in_session.customer
    sign_out = console.actions.registry.action("sign_out")
    assert sign_out.isEnabled()

    sign_out.trigger()
    click(_question_button(qtbot, console, "endSessionsButton"))
    qtbot.waitUntil(console.login.isVisible, timeout=WAIT_MS)
    assert not console.window.isVisible()
    assert not console.controller.state.signed_in and not sign_out.isEnabled()
    qtbot.waitUntil(lambda: customer.engine.state == SessionState.ENDED, timeout=WAIT_MS)

    # Signing in again: a fresh console, no session running.
    sign_in(qtbot, console, grace_in_session.center)
    qtbot.waitUntil(console.window.isVisible, timeout=WAIT_MS)
    assert console.controller.current.started is None
    assert len(console.controller.slots) == 1


def _help_windows() -> list[HelpWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow)]


def _press_f1_for_help(qtbot: QtBot, face: QWidget) -> HelpWindow:
    """F1 pressed on the real keyboard in ``face``; the help window it brings up, in front."""
    _press_in(qtbot, face, "F1")
    qtbot.waitUntil(lambda: any(w.isVisible() for w in _help_windows()), timeout=WAIT_MS)
    (window,) = _help_windows()
    qtbot.addWidget(window)
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    return window


def _first_heading(window: HelpWindow) -> str:
    return window.text.toPlainText().splitlines()[0]


def _about(qtbot: QtBot, console: Console) -> QMessageBox:
    dashboard = console.window
    console.actions.registry.action("about").trigger()

    def shown() -> QMessageBox | None:
        boxes = dashboard.findChildren(QMessageBox)
        return next((b for b in boxes if b.objectName() == "aboutBox" and b.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None, timeout=WAIT_MS)
    box = shown()
    assert box is not None
    return box


def test_help_menu_shows_about_and_the_guide_inside_the_app(
    qtbot: QtBot, make_console: Callable[[], Console]
) -> None:
    console = make_console()
    console.faces.show_preferred()
    dashboard = console.window
    titles = [a.text() for a in dashboard.menuBar().actions()]
    assert "&Help" in titles

    about = _about(qtbot, console)
    assert "Tandem Console" in about.text() and product_version() in about.text()
    assert product_version() not in ("", "unknown")
    assert "Apache-2.0" in about.informativeText()
    assert "http" not in about.text() + about.informativeText()
    about.accept()

    # F1 opens the guide shipped with the console, in English, in a window of its own.
    help_window = _press_f1_for_help(qtbot, dashboard)
    assert help_window.windowTitle() == "Tandem help"
    assert _first_heading(help_window) == "Tandem Console — user guide"
    assert "Ctrl+Shift+G" in help_window.text.toPlainText()

    # Pressed again from the console, F1 brings the same window back in front: still one.
    help_window.hide()
    again = _press_f1_for_help(qtbot, dashboard)
    assert again is help_window


def test_french_console_shows_the_french_guide(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    french: FrenchCheck,  # noqa: F811  (the fixture imported above)
) -> None:
    console = make_console()  # built after the French translators are in, as main() does
    console.faces.show_preferred()
    help_window = _press_f1_for_help(qtbot, console.window)
    assert help_window.windowTitle() == "Aide de Tandem"
    assert _first_heading(help_window) == "Console Tandem — guide de l'agent"
    # The guide's own words are hand-written French, not the catalogue's: data to the check,
    # which still reads every other text of the window (its title).
    french.data |= set(help_window.text.toPlainText().splitlines())
    assert_french(french, help_window)

    about = _about(qtbot, console)
    assert product_version() in about.text()
    french.data.add(f"Tandem Console {product_version()}")  # a name and a number
    assert_french(french, about)
    about.accept()
