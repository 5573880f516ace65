"""The same scripts run in two sessions at once from the multisession window's Run on several
sessions… (the run action declares it with one line), each customer asked and each session's
row saying how its run went."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from customer_client.services.customer_session import CustomerSession
from shared.features.scripts.library import save_script
from shared.session.live import LiveSession
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import allow
from tests.faces.conftest import WAIT_MS, join, sign_in, start_session
from tests.multisession_run.test_multi_run import _choose, _finished, _open_dialog, _result
from tests.scripts.support import scripts_on, upload
from tests.scripts.test_views import _categories

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")


def test_scripts_run_in_two_sessions_at_once(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    tmp_path: Path,
) -> None:
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
    dialog.grab().save(
        str(Path(__file__).resolve().parents[2] / "screenshots" / "script-multi-run-en.png")
    )
    assert list(customer_temp.iterdir()) == []

    # A name the library does not have: said in each row, nothing asked.
    dialog.input.setText("nope")
    dialog.run_button.click()
    _finished(qtbot, dialog)
    for slot, _customer in sessions:
        assert _result(dialog, slot) == "Not done: The library has no script named nope."  # type: ignore[arg-type]
