"""The same scripts run in two sessions at once from the multisession window's Run on several
sessions… (the run action declares it with one line), each customer asked and each session's
row saying how its run went."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.multi_run import MultiRunDialog
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from customer_client.services.customer_session import CustomerSession
from shared.features.scripts.console import RUN_KEY
from shared.features.scripts.library import save_script
from shared.features.scripts.library_window import LibraryWindow
from shared.session.live import LiveSession
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import allow
from tests.faces.conftest import WAIT_MS, join, sign_in, start_session
from tests.multisession_run.test_multi_run import _choose, _finished, _open_dialog, _result, _row
from tests.scripts.support import scripts_on, upload
from tests.scripts.test_views import _categories

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")


def _multisession_with_two_scripts(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    tmp_path: Path,
) -> tuple[CenterProcess, Console, MultisessionWindow, Path, Callable[[LiveSession], None]]:
    """A signed-in console on its multisession window, the library holding "hostname" and
    "uptime"; the folder customers run scripts in, and how a joining customer allows them."""
    center = start_center_with("--max-sessions", "3")
    _categories(center.data_dir, "Diagnostics")
    console = make_console()
    console.preferences.face = FaceName.MULTISESSION
    sign_in(qtbot, console, center)
    window = console.face
    assert isinstance(window, MultisessionWindow)
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    account, link = console.controller.account, console.controller.center
    assert account is not None and link is not None
    for name, body in (("hostname", b"echo host-ok\n"), ("uptime", b"echo up-ok\n")):
        console.bridge.submit(save_script(link, account.token, upload(name, body))).result(10)

    customer_temp = tmp_path / "customer-temp"
    customer_temp.mkdir()

    def allowing_scripts(customer: LiveSession) -> None:
        customer.consent.ask = allow
        scripts_on(customer).temp_parent = customer_temp

    return center, console, window, customer_temp, allowing_scripts


def test_scripts_run_in_two_sessions_at_once(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    tmp_path: Path,
) -> None:
    center, console, window, customer_temp, allowing_scripts = _multisession_with_two_scripts(
        qtbot, make_console, start_center_with, tmp_path
    )

    sessions: list[tuple[object, CustomerSession]] = []
    for name in ("Grace", "Linus"):
        number = start_session(qtbot, console)
        customer = join(qtbot, console, center, number, name, allowing_scripts)
        sessions.append((console.controller.current, customer))

    dialog = _open_dialog(qtbot, console, window)
    _choose(dialog, "Run scripts")
    assert dialog.input.isVisible()
    dialog.input.setText("uptime, hostname")
    qtbot.waitUntil(dialog.run_button.isEnabled, timeout=WAIT_MS)
    dialog.run_button.click()
    _finished(qtbot, dialog)
    for slot, _customer in sessions:
        assert _result(dialog, slot) == "Done: All the scripts have run."  # type: ignore[arg-type]
        chat = [entry.text for entry in getattr(slot.part("chat"), "entries", [])]  # type: ignore[attr-defined]
        assert chat.index("[uptime] up-ok") < chat.index("[hostname] host-ok")
    assert dialog.summary.text() == "Done in 2 of 2 sessions."
    assert list(customer_temp.iterdir()) == []

    # A name the library does not have: said in each row, nothing asked.
    dialog.input.setText("nope")
    dialog.run_button.click()
    _finished(qtbot, dialog)
    for slot, _customer in sessions:
        assert _result(dialog, slot) == "Not done: The library has no script named nope."  # type: ignore[arg-type]


def test_scripts_picked_in_the_library_run_in_order_on_the_sessions_ticked(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    tmp_path: Path,
) -> None:
    """The agent picks two scripts in the library window, orders them, and sends that run to
    both customers with Run on several sessions…: nothing typed."""
    center, console, window, _, allowing_scripts = _multisession_with_two_scripts(
        qtbot, make_console, start_center_with, tmp_path
    )

    def session_with(name: str) -> object:
        number = start_session(qtbot, console)
        join(qtbot, console, center, number, name, allowing_scripts)
        return console.controller.current

    slots = [session_with("Grace")]
    # Run scripts… in Grace's session: the library with its run pane.
    console.actions.registry.action(RUN_KEY).trigger()
    library = window.findChild(LibraryWindow)
    assert isinstance(library, LibraryWindow)
    qtbot.addWidget(library)
    qtbot.waitUntil(lambda: library.model.rowCount() == 2, timeout=WAIT_MS)
    several = library.several_button
    assert several.isVisible() and not several.isEnabled()  # an empty run
    library.table.selectAll()
    library.pick_button.click()  # hostname, uptime: the table's order
    library.order.setCurrentRow(1)
    library.up_button.click()
    assert [s.name for s in library.run_order()] == ["uptime", "hostname"]
    assert not several.isEnabled()  # one customer only

    slots.append(session_with("Linus"))
    qtbot.waitUntil(several.isEnabled, timeout=WAIT_MS)
    several.click()
    qtbot.waitUntil(lambda: console.actions.multi_run is not None, timeout=WAIT_MS)
    dialog = console.actions.multi_run
    assert isinstance(dialog, MultiRunDialog)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.action_box.currentText() == "Run scripts"
    assert not dialog.input.isVisible() and dialog.given.isVisible()
    given = [dialog.given.item(i).text() for i in range(dialog.given.count())]
    assert given == ["uptime — Diagnostics", "hostname — Diagnostics"]
    assert [_row(dialog, slot).checkState(0) for slot in slots] == [Qt.CheckState.Checked] * 2  # type: ignore[arg-type]
    dialog.resize(640, 360)
    dialog.run_button.click()
    _finished(qtbot, dialog)
    for slot in slots:
        assert _result(dialog, slot) == "Done: All the scripts have run."  # type: ignore[arg-type]
        chat = [entry.text for entry in getattr(slot.part("chat"), "entries", [])]  # type: ignore[attr-defined]
        assert chat.index("[uptime] up-ok") < chat.index("[hostname] host-ok")
    assert dialog.summary.text() == "Done in 2 of 2 sessions."
    dialog.grab().save(
        str(Path(__file__).resolve().parents[2] / "screenshots" / "script-multi-run-en.png")
    )

    # Another action chosen: its own input, typed, as before.
    _choose(dialog, "Send a chat message")
    assert dialog.input.isVisible() and not dialog.given.isVisible()
