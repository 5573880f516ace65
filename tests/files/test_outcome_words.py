"""How a transfer's end reads to the agent, without a session: one file said plainly, the same
words in Send files… and the two-pane window, a disk's problem said in a sentence rather than
its code, and the lists' dates and sizes in the application's language on a C locale."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from shared.features.files.console import ConsoleFilesPart
from shared.features.files.folders import FolderRefused
from shared.features.files.folders import _entries as folder_entries
from shared.features.files.model import Direction, Stage, TransferFailed, TransferStarted
from shared.features.files.part import TransferRow, full_path, status_text
from shared.features.files.protocol import FolderEntry
from shared.features.files.trees import GroupEnded
from shared.features.files.two_pane import RemoteModel, TwoPane, error_text
from tests.files.test_views import StandInHost
from tests.i18n.catalogue import FrenchCheck

REPORT = "Grace's report (v2).bin"
# 30 November 2026, 16:16 UTC: a day and a month that a C locale's "30 11 2026" shows apart.
WHEN_S = 1_796_055_360


def _pane(qtbot: QtBot) -> tuple[TwoPane, ConsoleFilesPart, StandInHost]:
    host = StandInHost()
    part = ConsoleFilesPart(host)  # type: ignore[arg-type]
    pane = TwoPane()
    qtbot.addWidget(pane)
    pane.part = part
    return pane, part, host


def _told(part: ConsoleFilesPart) -> str:
    """What the status line says, less its time stamp (French puts a no-break space before
    the dash)."""
    return re.split(r"\s— ", part.last_told, maxsplit=1)[1]


def test_one_file_sent_reads_plainly_and_alike_in_both_windows(qtbot: QtBot) -> None:
    pane, part, _ = _pane(qtbot)
    pane._event(GroupEnded("g1", REPORT, Stage.DONE, 1, 0, "", Direction.SEND, "p2"))
    assert _told(part) == f"{REPORT} copied to Grace's computer."
    # Send files… says it in the very same words.
    row = TransferRow("t1", REPORT, Direction.SEND, 10, "p2", stage=Stage.DONE)
    assert part.outcome_text(row) == _told(part)


def test_several_files_are_counted_in_plural(qtbot: QtBot) -> None:
    pane, part, _ = _pane(qtbot)
    pane._event(GroupEnded("g1", "photos", Stage.DONE, 12, 0, "", Direction.SEND, "p2"))
    assert _told(part) == "photos: 12 files copied to Grace's computer."
    pane._event(GroupEnded("g2", "big", Stage.ABORTED, 1, 0, "", Direction.SEND, "p2", by="p1"))
    assert _told(part) == "big: you stopped it (1 file copied)."
    pane._event(GroupEnded("g2", "big", Stage.ABORTED, 0, 0, "", Direction.SEND, "p2", by="p2"))
    assert _told(part) == "big: Grace stopped it (no file copied)."
    pane._event(GroupEnded("g3", "docs", Stage.FAILED, 3, 1, "", Direction.SEND, "p2"))
    assert _told(part) == "docs: 3 files copied, 1 file not copied."


def test_a_disk_problem_is_said_in_words_not_its_code(qtbot: QtBot) -> None:
    _, part, host = _pane(qtbot)
    reason = "The file cannot be written: gone: /tmp/in: No such file or directory"
    host.feature_event.emit(TransferStarted("t1", "p2", Direction.RECEIVE, "log.txt", 900))
    host.feature_event.emit(TransferFailed("t1", "log.txt", reason))
    told = _told(part)
    assert told == (
        "log.txt was not transferred: The file cannot be written: the folder it goes to no "
        "longer exists (/tmp/in: No such file or directory)"
    )
    assert "gone" not in status_text(part.rows["t1"])


def _listed(size: int = 2_400_000) -> tuple[str, str]:
    remote = RemoteModel()
    remote.add([FolderEntry(name="a.bin", size=size, modified=WHEN_S, folder=False)])
    size_item, modified_item = remote.item(0, 1), remote.item(0, 2)
    assert size_item is not None and modified_item is not None
    return size_item.text(), modified_item.text()


def _short(locale: QLocale) -> str:
    return locale.toString(QDateTime.fromSecsSinceEpoch(WHEN_S), QLocale.FormatType.ShortFormat)


def test_dates_follow_english_on_a_c_system(qapp: QApplication, english_afterwards: None) -> None:
    QLocale.setDefault(QLocale.c())  # what a C.UTF-8 system gives Qt (put back afterwards)
    size, modified = _listed()
    assert modified == _short(QLocale(QLocale.Language.English))
    assert modified != _short(QLocale.c())
    assert size == "2.4 MB"


def test_dates_and_sizes_follow_french_on_a_c_system(qtbot: QtBot, french: FrenchCheck) -> None:
    QLocale.setDefault(QLocale.c())
    size, modified = _listed()
    assert modified == _short(QLocale(QLocale.Language.French))
    assert size == "2,4 Mo"


def test_the_engines_reasons_read_in_french(qtbot: QtBot, french: FrenchCheck) -> None:
    """A reason comes from either side's engine in English (the wire's words): the views say
    it in the user's language, the system's own detail kept as it is."""
    _, part, host = _pane(qtbot)
    host.feature_event.emit(TransferStarted("t1", "p2", Direction.SEND, "log.txt", 900))
    host.feature_event.emit(TransferFailed("t1", "log.txt", "The customer refused."))
    assert _told(part) == "log.txt n'a pas été transféré\u00a0: Le client a refusé."
    reason = "The file cannot be written: gone: /tmp/in: No such file or directory"
    host.feature_event.emit(TransferStarted("t2", "p2", Direction.RECEIVE, "a.txt", 900))
    host.feature_event.emit(TransferFailed("t2", "a.txt", reason))
    assert _told(part).startswith("a.txt n'a pas été transféré\u00a0: Le fichier ne peut pas")
    assert "The file" not in _told(part) and "(/tmp/in: No such file or directory)" in _told(part)


def test_a_folder_sent_with_a_file_is_counted_as_items(qtbot: QtBot, tmp_path: Path) -> None:
    """Two things picked, one a folder: "2 items", not "2 files" (the folder holds more)."""
    pane, part, _ = _pane(qtbot)
    pane.root = "/"  # a folder of the customer's is shown
    (tmp_path / "photos").mkdir()
    (tmp_path / "x.bin").write_bytes(b"x")
    said: list[str] = []
    part.told.connect(said.append)
    pane.send([tmp_path / "photos", tmp_path / "x.bin"])
    assert said and said[0].endswith(" — Sending 2 items…")
    pane.send([tmp_path / "x.bin", tmp_path / "x.bin"])
    assert any(s.endswith(" — Sending 2 files…") for s in said)


def test_sizes_line_up_on_the_right_in_both_panes(qtbot: QtBot) -> None:
    """The customer's pane aligns sizes as the agent's own (a file system model) does."""
    pane, _, _ = _pane(qtbot)
    pane.remote.add([FolderEntry(name="a.bin", size=2_400_000, modified=WHEN_S, folder=False)])
    theirs = pane.remote.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    ours = pane.local.index(str(Path.home()), 1).data(Qt.ItemDataRole.TextAlignmentRole)
    right = Qt.AlignmentFlag.AlignRight
    assert Qt.AlignmentFlag(int(theirs)) & right and Qt.AlignmentFlag(int(ours)) & right


def test_a_refused_change_reads_in_french(qtbot: QtBot, french: FrenchCheck) -> None:
    assert error_text(FolderRefused("The customer refused.")) == "Le client a refusé."
    exists = "Not done: [Errno 17] File exists: '/home/grace/notes.txt'"
    assert error_text(FolderRefused(exists)) == (
        "Non fait\u00a0: [Errno 17] File exists: '/home/grace/notes.txt'"
    )


def test_a_fetch_by_a_path_that_is_not_full_is_refused_before_the_customer_is_asked(
    qtbot: QtBot,
) -> None:
    """The customer's side takes full paths only: anything else would be asked, allowed, and
    only then refused. The agent is told at once what to type."""
    _, part, _ = _pane(qtbot)
    part.fetch_file("Documents/notes.txt")
    assert _told(part) == (
        "Documents/notes.txt: type the file's full path on the customer's computer, "
        "from / or from a drive such as C:\\."
    )
    for path in ("/home/grace/notes.txt", "C:\\Users\\Grace\\a.txt", "d:/a.txt", "\\\\pc\\s\\a"):
        assert full_path(path), path
    for path in ("notes.txt", "Documents/notes.txt", "C:notes.txt", "~/notes.txt", "\\a"):
        assert not full_path(path), path


def test_a_folder_lists_as_a_person_reads_it(tmp_path: Path) -> None:
    """Folders first; then names whatever their case and accents ("à_faire" among the a's),
    numbers by their value ("f45" before "f449")."""
    (tmp_path / "Zeta").mkdir()
    for name in ("rapport.pdf", "B.txt", "à_supprimer.txt", "a.txt", "été.odt", "z.txt"):
        (tmp_path / name).write_bytes(b"x")
    for name in ("f450", "f449", "F46", "f45", "f9", "f045"):
        (tmp_path / name).write_bytes(b"x")
    names = [entry.name for entry in folder_entries(tmp_path)]
    assert names == [
        "Zeta",
        *["a.txt", "à_supprimer.txt", "B.txt", "été.odt"],
        *["f9", "f045", "f45", "F46", "f449", "f450"],
        *["rapport.pdf", "z.txt"],
    ]
