"""Notes survive a killed console, end to end: the agent's console runs as its own process on
its own X display; the agent starts a session and types notes with the keyboard; the console
is killed (SIGKILL) mid-session; started again, it offers the notes for review, the agent adds
a line and saves, and the center's record of the session holds them."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from csr_console.notes.journal import DATA_ENV, NotesJournal
from shared.transport.center_link import CenterLink
from tests.e2e.conftest import CenterProcess
from tests.e2e.machines import WAIT_MS, CustomerMachine
from tests.helpers import AGENT_PASSWORD, AGENT_USER

TYPED = "Customer on VPN; printer queue cleared"
ADDED = " (checked after the crash)"
# Typed keys reach the journal this soon once sent (the in-process test holds it to a second;
# here the keys also cross an X server).
ON_DISK_MS = 3000


def open_session_number(qtbot: QtBot, data_dir: Path) -> int:
    found: list[int] = []

    def opened() -> bool:
        database = data_dir / "center.sqlite3"
        if database.exists():
            with sqlite3.connect(database) as db:
                found[:] = [n for (n,) in db.execute("SELECT number FROM sessions")]
        return bool(found)

    qtbot.waitUntil(opened, timeout=WAIT_MS)
    return found[0]


def stored_notes(center: CenterProcess, number: int) -> str | None:
    async def read() -> Any:
        link = CenterLink(center.url, center.fingerprint)
        try:
            login = {"username": AGENT_USER, "password": AGENT_PASSWORD}
            token = (await link.call("POST", "/api/login", login))["token"]
            return (await link.call("GET", f"/api/sessions/{number}", token=token))["notes"]
        finally:
            await link.close()

    notes = asyncio.run(read())
    return None if notes is None else str(notes["text"])


def test_notes_typed_before_a_kill_are_offered_and_stored_after_a_restart(
    qtbot: QtBot, center_process: CenterProcess, agent_machine: CustomerMachine, tmp_path: Path
) -> None:
    center = center_process
    data = tmp_path / "console-data"
    agent_machine.env[DATA_ENV] = str(data)
    journal = NotesJournal(data / "notes")
    command = (
        sys.executable,
        "-m",
        "tests.notes.console_process",
        center.url,
        center.fingerprint,
        str(tmp_path / "console.ini"),
    )
    console = agent_machine.start(*command)

    # The agent starts a session, opens Notes and types, all from the keyboard.
    agent_machine.focus_and_press(qtbot, "Tandem Console", "ctrl+n")
    number = open_session_number(qtbot, center.data_dir)
    agent_machine.focus_and_press(qtbot, "Tandem Console", "ctrl+shift+n")
    agent_machine.xdotool("type", "--delay", "15", TYPED)

    def journaled() -> bool:
        entry = journal.read(center.url, AGENT_USER, number)
        return entry is not None and entry.text == TYPED

    qtbot.waitUntil(journaled, timeout=ON_DISK_MS)
    console.send_signal(signal.SIGKILL)
    assert console.wait(10) == -signal.SIGKILL
    assert stored_notes(center, number) is None  # the center never got them

    # Started again: the notes are offered beside the session left open (listed to resume);
    # the agent adds to them and saves (Alt+S).
    agent_machine.start(*command)

    def listed() -> bool:
        return bool(agent_machine.windows_named("Your open sessions"))

    qtbot.waitUntil(listed, timeout=WAIT_MS)
    agent_machine.focus_and_press(qtbot, "Notes of session", "ctrl+End")
    agent_machine.xdotool("type", "--delay", "15", ADDED)
    agent_machine.focus_and_press(qtbot, "Notes of session", "alt+s")
    stored: list[str | None] = []

    def saved() -> bool:
        stored[:] = [stored_notes(center, number)]
        return stored[0] == TYPED + ADDED

    try:
        qtbot.waitUntil(saved, timeout=WAIT_MS)
    except WaitTimeout:
        raise AssertionError(f"the center holds {stored}\n{agent_machine.log_tails()}") from None
    qtbot.waitUntil(lambda: journal.read(center.url, AGENT_USER, number) is None, timeout=WAIT_MS)
