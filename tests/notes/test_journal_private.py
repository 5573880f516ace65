"""The notes journal stays the agent's own in a folder someone else could reach: a folder made
before with a wider mode (its file names carry session numbers) is closed again, and a link
planted under the temporary file's name does not make the console write elsewhere."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from csr_console.notes.journal import JournalEntry, NotesJournal

CENTER = "https://support.example:8443"
# Reading a few small files takes milliseconds; a reader blocked on a pipe never returns.
PENDING_WAIT_S = 5.0


@pytest.mark.skipif(os.name != "posix", reason="modes and symbolic links of POSIX")
def test_a_wide_folder_is_closed_and_a_planted_link_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    journal = NotesJournal(folder)
    victim = tmp_path / "bashrc"
    victim.write_text("the agent's own file\n")
    planted = journal.path(CENTER, "ada", 123456789).with_suffix(".tmp")
    planted.symlink_to(victim)

    journal.write(JournalEntry(CENTER, "ada", 123456789, "the customer's password is…"))

    assert victim.read_text() == "the agent's own file\n"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    path = journal.path(CENTER, "ada", 123456789)
    assert not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0o600
    entry = journal.read(CENTER, "ada", 123456789)
    assert entry is not None and entry.text == "the customer's password is…"


@pytest.mark.skipif(os.name != "posix", reason="named pipes and device files of POSIX")
def test_what_is_not_a_journal_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    """A name of ours that is no file of ours (a pipe, which blocks whoever reads it; a link to
    a device that never ends) is passed over: the console signs in all the same."""
    journal = NotesJournal(tmp_path / "notes")
    journal.write(JournalEntry(CENTER, "ada", 123456789, "kept"))
    pipe = journal.path(CENTER, "ada", 111111111)
    os.mkfifo(pipe)
    journal.path(CENTER, "ada", 222222222).symlink_to("/dev/zero")

    found: list[list[str]] = []
    reader = threading.Thread(
        target=lambda: found.append([e.text for e in journal.pending(CENTER, "ada")]),
        daemon=True,
    )
    reader.start()
    reader.join(PENDING_WAIT_S)
    if reader.is_alive():  # let the blocked reader go before failing
        with open(pipe, "w"):
            pass
        pytest.fail("reading the journal hung on what is not a journal file")
    assert found == [["kept"]]
