"""The customer sees what runs on their computer and stops it at any time, in the real client
window joined to a real console (a support center process, real peers): a script run, and (as
root, with a real second account) a shell the agent logged on to as another user. Stop pressed:
the process is gone, the agent's side says so."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.runas.part import RunAsPart
from shared.features.scripts.engine import ScriptsFeature
from shared.features.scripts.part import ScriptsPart
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.runas.test_runas import account  # noqa: F401  (fixture)
from tests.runas.test_runas import pytestmark as needs_root
from tests.scripts.support import alive
from tests.scripts.test_views import _add, _categories, _chat, _window

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")


def _allow(qtbot: QtBot, client: ClientWindow) -> None:
    question = asked(qtbot, client)
    qtbot.waitUntil(question.ok_button.isEnabled, timeout=WAIT_MS)
    question.ok_button.click()


def test_the_customer_stops_a_script_run(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    _categories(tmp_path / "center0", "Diagnostics")
    part = client.controller.part("scripts")
    assert isinstance(part, ScriptsPart)
    feature = part.feature()
    assert isinstance(feature, ScriptsFeature)
    feature.temp_parent = tmp_path / "customer-temp"
    feature.temp_parent.mkdir()
    hang = tmp_path / "hang.sh"
    hang.write_bytes(b"sleep 300 &\necho pids $$ $!\nwait\n")
    second = tmp_path / "second.sh"
    second.write_bytes(b"echo second ran\n")

    console.actions.registry.action("script_library").trigger()
    library = _window(qtbot, "library")
    _add(qtbot, library, "Hang", "Diagnostics", hang)
    _add(qtbot, library, "Second", "Diagnostics", second)
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 2, timeout=WAIT_MS)
    library.close()
    console.actions.registry.action("run_scripts").trigger()
    run = _window(qtbot, "run")
    run.table.selectAll()
    run.pick()
    if [s.name for s in run.run_order()] != ["Hang", "Second"]:
        run.order.setCurrentRow(1)
        run.move_in_run(-1)
    run.run_button.click()
    _allow(qtbot, client)

    # Visible while it runs, with Stop.
    qtbot.waitUntil(
        lambda: part.indicator is not None and part.indicator.isVisible(), timeout=WAIT_MS
    )
    indicator = part.indicator
    assert indicator is not None
    assert "Hang" in indicator.label.text()
    qtbot.waitUntil(lambda: any("pids" in line for line in _chat(console)), timeout=WAIT_MS)
    line = next(line for line in _chat(console) if "pids" in line)
    script, child = (int(p) for p in re.findall(r"\d+", line.split("pids", 1)[1])[:2])
    assert alive(script) and alive(child)

    QTest.mouseClick(indicator.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not alive(script) and not alive(child), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: any("Stopped by the customer" in line for line in _chat(console)),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=WAIT_MS)
    assert not any("second ran" in line for line in _chat(console)), "the rest did not run"
    assert list(feature.temp_parent.iterdir()) == []
    session = client.controller.session
    assert session is not None
    assert "scripts.stopped" in [e.kind for e in session.engine.audit.events]
    run.close()


@needs_root
def test_the_customer_logs_the_agent_off(
    qtbot: QtBot,
    pair: tuple[Console, ClientWindow],
    account: tuple[str, str],  # noqa: F811
) -> None:
    console, client = pair
    name, password = account
    agent_part = console.controller.current.part("runas")
    assert isinstance(agent_part, RunAsPart)
    agent_part.log_on(name, password)
    _allow(qtbot, client)
    part = client.controller.part("runas")
    assert isinstance(part, RunAsPart)
    qtbot.waitUntil(
        lambda: part.indicator is not None and part.indicator.isVisible(), timeout=30_000
    )
    indicator = part.indicator
    assert indicator is not None and name in indicator.label.text()
    qtbot.waitUntil(lambda: len(agent_part.opened) == 1, timeout=WAIT_MS)
    request_id = next(iter(agent_part.opened))
    window = agent_part.windows[request_id]
    agent_part.send_line(request_id, "echo shell-pid $$\n")
    qtbot.waitUntil(
        lambda: re.search(r"shell-pid (\d+)", window.output.toPlainText()) is not None,
        timeout=WAIT_MS,
    )
    found = re.search(r"shell-pid (\d+)", window.output.toPlainText())
    assert found is not None
    shell = int(found.group(1))
    assert alive(shell)

    QTest.mouseClick(indicator.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not alive(shell), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "stopped by the customer" in window.status.text(), timeout=WAIT_MS)
    assert not window.input.isEnabled()
    qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=WAIT_MS)
