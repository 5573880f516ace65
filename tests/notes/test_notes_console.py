"""Session notes in the console (built whole, with a real center process): typed in the Notes
panel, journaled within a second, offered for review at the session's end and stored with its
record; when the center cannot be reached, kept and offered again at the next sign-in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.notes.console import PendingNotes
from csr_console.notes.journal import NotesJournal
from csr_console.notes.part import SAVE_DELAY_MS, NotesPart
from csr_console.notes.review import NotesReview
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.preferences import FaceName
from tests.e2e.conftest import CenterProcess
from tests.faces.conftest import WAIT_MS, join, sign_in, start_session
from tests.helpers import AGENT_USER
from tests.notes.support import notes_text, serve_again

# Typed notes are on disk this soon (the journal's promise: under a second).
ON_DISK_MS = 1000


def notes_editor(face: QWidget) -> QPlainTextEdit:
    editor = face.findChild(QPlainTextEdit, "notesEditor")
    assert editor is not None, "this face shows no Notes panel"
    return editor


def notes_part(console: Console) -> NotesPart:
    part = console.controller.current.part("notes")
    assert isinstance(part, NotesPart)
    return part


def journal_text(journal: NotesJournal, center: CenterProcess, number: int) -> str | None:
    entry = journal.read(center.url, AGENT_USER, number)
    return None if entry is None else entry.text


def review_of(qtbot: QtBot, console: Console) -> NotesReview:
    part = notes_part(console)
    qtbot.waitUntil(lambda: part.review is not None and part.review.isVisible(), timeout=WAIT_MS)
    assert part.review is not None
    return part.review


def session_with_notes(qtbot: QtBot, console: Console, center: CenterProcess, text: str) -> int:
    """Signed in, a session started and ``text`` typed in its Notes panel: the session's number."""
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    console.actions.registry.action("notes").trigger()
    QTest.keyClicks(notes_editor(console.face), text)
    return number


def offered_at_sign_in(
    qtbot: QtBot, console: Console, center: CenterProcess
) -> tuple[PendingNotes, NotesReview]:
    """``console`` signs in; the notes kept from before are offered for review."""
    sign_in(qtbot, console, center)
    pending = console.actions.helpers["notes"]
    assert isinstance(pending, PendingNotes)
    qtbot.waitUntil(lambda: pending.review is not None, timeout=WAIT_MS)
    assert pending.review is not None
    return pending, pending.review


def test_notes_typed_in_the_session_are_reviewed_at_its_end_and_stored_at_the_center(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess], journal: NotesJournal
) -> None:
    console, center = console_at_center
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    join(qtbot, console, center, number, "Grace")

    # The Notes action brings the panel in front with the keyboard in it; the agent types.
    console.actions.registry.action("notes").trigger()
    editor = notes_editor(console.face)
    QTest.keyClicks(editor, "Printer driver reinstalled.")
    qtbot.waitUntil(
        lambda: journal_text(journal, center, number) == "Printer driver reinstalled.",
        timeout=ON_DISK_MS,
    )
    # Another face shows the same notes, and typing there goes on with them.
    console.faces.switch(FaceName.MULTISESSION)
    other = notes_editor(console.face)
    assert other.toPlainText() == "Printer driver reinstalled."
    other.moveCursor(other.textCursor().MoveOperation.End)
    QTest.keyClicks(other, " Spooler restarted.")
    assert editor.toPlainText() == "Printer driver reinstalled. Spooler restarted."

    console.controller.current.end()
    review = review_of(qtbot, console)
    assert review.editor.toPlainText() == "Printer driver reinstalled. Spooler restarted."
    review.editor.moveCursor(review.editor.textCursor().MoveOperation.End)
    QTest.keyClick(review.editor, Qt.Key.Key_Return)
    QTest.keyClicks(review.editor, "Call back Monday.")
    QTest.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.isVisible(), timeout=WAIT_MS)

    stored = "Printer driver reinstalled. Spooler restarted.\nCall back Monday."
    assert notes_text(console.bridge, center, number) == stored
    assert journal_text(journal, center, number) is None  # the center has them: nothing waits


def test_an_empty_session_asks_nothing_and_notes_wait_for_a_session(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess], journal: NotesJournal
) -> None:
    console, center = console_at_center
    sign_in(qtbot, console, center)
    editor = notes_editor(console.face)
    assert editor.isReadOnly()  # no session yet: nothing to write about
    number = start_session(qtbot, console)
    assert not editor.isReadOnly()
    console.controller.current.end()
    part = notes_part(console)
    qtbot.waitUntil(lambda: not part.active, timeout=WAIT_MS)
    qtbot.wait(SAVE_DELAY_MS * 2)  # a review would have opened by now
    assert part.review is None and journal_text(journal, center, number) is None
    assert notes_text(console.bridge, center, number) is None


def test_notes_the_center_could_not_take_are_kept_and_offered_at_the_next_sign_in(
    qtbot: QtBot,
    console_at_center: tuple[Console, CenterProcess],
    make_console: Callable[[], Console],
    journal: NotesJournal,
) -> None:
    console, center = console_at_center
    number = session_with_notes(qtbot, console, center, "Disk almost full.")
    console.controller.current.end()
    review = review_of(qtbot, console)

    # The center goes down before the agent saves: said so, and nothing is lost.
    center.process.terminate()
    center.process.wait(10)
    review.editor.moveCursor(review.editor.textCursor().MoveOperation.End)
    QTest.keyClicks(review.editor, " Ordered a new one.")
    QTest.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not saved" in review.status.text(), timeout=WAIT_MS)
    assert review.isVisible()
    QTest.mouseClick(review.later_button, Qt.MouseButton.LeftButton)
    assert journal_text(journal, center, number) == "Disk almost full. Ordered a new one."

    # Back up; the agent signs in again (a new console): the notes are offered, then stored.
    again = serve_again(center)
    try:
        console.faces.quit()
        later = make_console()
        pending, offered = offered_at_sign_in(qtbot, later, again)
        assert offered.editor.toPlainText() == "Disk almost full. Ordered a new one."
        QTest.mouseClick(offered.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pending.review is None, timeout=WAIT_MS)
        assert notes_text(later.bridge, again, number) == "Disk almost full. Ordered a new one."
        assert journal_text(journal, center, number) is None
    finally:
        again.process.terminate()
        again.process.wait(10)


def test_a_session_taken_back_goes_on_from_its_notes_and_loses_none(
    qtbot: QtBot,
    console_at_center: tuple[Console, CenterProcess],
    make_console: Callable[[], Console],
    journal: NotesJournal,
) -> None:
    console, center = console_at_center
    number = session_with_notes(qtbot, console, center, "Started the backup.")
    qtbot.waitUntil(lambda: journal_text(journal, center, number) is not None, timeout=ON_DISK_MS)
    console.faces.quit(keep=True)  # the session stays open at the center

    # Signed in again: the notes are offered (the agent saves them), and the session resumed.
    later = make_console()
    _, offered = offered_at_sign_in(qtbot, later, center)
    QTest.mouseClick(offered.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: notes_text(later.bridge, center, number) is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: later.kept is not None and later.kept.isVisible(), timeout=WAIT_MS)
    assert later.kept is not None
    resume = later.kept.rows[number].findChild(QPushButton, "resumeButton")
    assert isinstance(resume, QPushButton)
    QTest.mouseClick(resume, Qt.MouseButton.LeftButton)
    part = notes_part(later)
    qtbot.waitUntil(lambda: part.text == "Started the backup.", timeout=WAIT_MS)

    editor = notes_editor(later.face)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QTest.keyClicks(editor, " Backup done.")
    later.controller.current.end()
    review = review_of(qtbot, later)
    QTest.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.isVisible(), timeout=WAIT_MS)
    assert notes_text(later.bridge, center, number) == "Started the backup. Backup done."


def test_the_icon_bar_opens_the_notes_beside_it(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess], journal: NotesJournal
) -> None:
    console, center = console_at_center
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    console.faces.switch(FaceName.ICON_BAR)
    bar = console.face
    assert isinstance(bar, IconBar)
    button = bar.findChild(QToolButton, "button_notes")
    assert isinstance(button, QToolButton) and button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    window = bar.panel_window
    assert window is not None
    qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
    editor = notes_editor(window)
    qtbot.waitUntil(editor.isVisible, timeout=WAIT_MS)
    QTest.keyClicks(editor, "From the bar.")
    qtbot.waitUntil(
        lambda: journal_text(journal, center, number) == "From the bar.", timeout=ON_DISK_MS
    )
