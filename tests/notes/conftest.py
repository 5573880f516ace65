"""The console's own data folder per test (its notes' journals), and the faces' fixtures: a
real center process and consoles built whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from csr_console.notes.journal import DATA_ENV, NotesJournal
from tests.e2e.conftest import agent_machine, center_process
from tests.faces.conftest import (
    console_at_center,
    make_console,
    settings_path,
    start_center_with,
)

__all__ = [
    "agent_machine",
    "center_process",
    "console_at_center",
    "make_console",
    "settings_path",
    "start_center_with",
]


@pytest.fixture(autouse=True)
def console_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where this test's consoles keep their notes (before any console is built)."""
    folder = tmp_path / "console-data"
    monkeypatch.setenv(DATA_ENV, str(folder))
    return folder


@pytest.fixture
def journal(console_data: Path) -> NotesJournal:
    return NotesJournal(console_data / "notes")
