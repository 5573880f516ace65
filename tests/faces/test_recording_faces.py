"""Recording in the real apps on Xvfb, with a real center and real peers: the agent's Session >
Record asks the customer in their client; once they allow it, the client's window says the
session is being recorded, the customer's Stop there ends the recording, and the agent's file
is complete and plays."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.features.recording.customer import RecordingIndicator
from shared.features.recording.part import RecordingPart
from shared.features.recording.protocol import StopReason
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import asked, client_beside, client_joins
from tests.faces.conftest import WAIT_MS
from tests.helpers import AGENT_NAME


def test_customer_sees_the_recording_and_stops_it(
    qtbot: QtBot,
    console_at_center: tuple[Console, CenterProcess],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    console, center = console_at_center
    folder = tmp_path / "Recordings"
    # The agent's folder choice: Qt's own dialog, answered here.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(folder))
    registry = console.actions.registry
    with client_beside(qtbot, console, center) as (number, client):
        client_joins(qtbot, console, client, number)
        agent_part = console.controller.current.part("recording")
        assert isinstance(agent_part, RecordingPart)
        indicator = client.panels["recording_indicator"]
        assert isinstance(indicator, RecordingIndicator)
        assert not indicator.isVisible()

        # Session > Record: the customer is asked first.
        qtbot.waitUntil(lambda: registry.action("record").isEnabled(), timeout=WAIT_MS)
        assert not registry.action("record_stop").isEnabled()
        registry.action("record").trigger()
        dialog = asked(qtbot, client)
        assert dialog.request.kind.value == "recording"
        assert dialog.question.text() == f"{AGENT_NAME} wants to record this session"
        qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
        dialog.ok_button.click()

        # Recording: the customer's window says so; the agent may stop it.
        qtbot.waitUntil(indicator.isVisible, timeout=WAIT_MS)
        assert indicator.label.text() == "This session is being recorded."
        qtbot.waitUntil(lambda: agent_part.status.recording, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: registry.action("record_stop").isEnabled(), timeout=WAIT_MS)
        assert not registry.action("record").isEnabled()

        # The customer's Stop: the console stops, the file is whole.
        indicator.stop_button.click()
        qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: bool(agent_part.status.path), timeout=WAIT_MS)
        assert agent_part.status.news == StopReason.CUSTOMER_STOPPED
        qtbot.waitUntil(lambda: registry.action("record").isEnabled(), timeout=WAIT_MS)
        assert not registry.action("record_stop").isEnabled()
        path = Path(agent_part.status.path)
        assert path.parent == folder and path.name.startswith(f"Tandem session {number} ")
        with av.open(str(path)) as container:
            assert sum(1 for _ in container.decode(video=0)) >= 1
        # The next session's Record offers the same folder (kept in the console's settings).
        assert RecordingPart(agent_part.host).folder == folder
