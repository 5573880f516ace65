"""The notes journal on disk: whole files only, private, one agent's and one center's apart."""

from __future__ import annotations

import stat
from pathlib import Path

from csr_console.notes.journal import JournalEntry, NotesJournal

CENTER = "https://support.example:8443"


def test_a_write_replaces_the_whole_file_and_a_crash_mid_write_leaves_the_last_one(
    tmp_path: Path,
) -> None:
    journal = NotesJournal(tmp_path / "notes")
    journal.write(JournalEntry(CENTER, "ada", 123456789, "first"))
    journal.write(JournalEntry(CENTER, "ada", 123456789, "second"))
    path = journal.path(CENTER, "ada", 123456789)
    # A console killed between writing the temporary file and renaming it.
    path.with_suffix(".tmp").write_text('{"center": "half')
    entry = journal.read(CENTER, "ada", 123456789)
    assert entry is not None and entry.text == "second"
    assert [e.text for e in journal.pending(CENTER, "ada")] == ["second"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_pending_notes_are_the_agents_own_at_that_center_and_not_empty(tmp_path: Path) -> None:
    journal = NotesJournal(tmp_path / "notes")
    journal.write(JournalEntry(CENTER, "ada", 111111111, "Ada's"))
    journal.write(JournalEntry(CENTER, "bob", 222222222, "Bob's"))
    journal.write(JournalEntry("https://other:8443", "ada", 333333333, "elsewhere"))
    journal.write(JournalEntry(CENTER, "ada", 444444444, "  "))
    journal.path(CENTER, "ada", 555555555).write_text("not json")
    assert [e.number for e in journal.pending(CENTER, "ada")] == [111111111]
    assert journal.read(CENTER, "ada", 444444444) is None  # nothing written: cleared
