"""A file sent under a name already taken in the customer's folder: the customer is asked
(replace, keep both, skip) in a window of its own, answered with real clicks; nothing is
overwritten unless they say Replace. Also the question in French, and its safe answer when
the window is closed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.files.conflict_dialog import ConflictDialog
from shared.features.files.conflicts import NameConflict
from shared.features.files.customer import CustomerFilesPart
from shared.features.files.destination import Conflict
from shared.features.files.model import Stage
from shared.features.files.part import status_text
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.files.test_views import (
    StandInHost,
    _empty_downloads,
    _open_window,
    _parts,
    _random_file,
    _send_through_dialog,
    _sha256,
)
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.walk import assert_french
from tests.xserver import click, key


def _question(qtbot: QtBot, customer: CustomerFilesPart) -> ConflictDialog:
    qtbot.waitUntil(lambda: len(customer.conflicts) == 1, timeout=WAIT_MS)
    (dialog,) = customer.conflicts.values()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_taken_name_asks_the_customer_and_each_answer_is_kept(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    agent, customer = _parts(console, client)
    downloads = _empty_downloads(customer, tmp_path)
    window = _open_window(qtbot, console)
    sources = tmp_path / "sources"
    sources.mkdir()

    def send(size: int) -> Path:
        """The agent sends report.pdf (new bytes each time); the customer allows it."""
        source = _random_file(sources / "report.pdf", size)
        _send_through_dialog(qtbot, window.panel, source)
        consent = asked(qtbot, client)
        qtbot.waitUntil(consent.ok_button.isEnabled, timeout=WAIT_MS)
        click(consent.ok_button)
        return source

    first = _sha256(send(300_000))
    qtbot.waitUntil(lambda: (downloads / "report.pdf").is_file(), timeout=WAIT_MS)

    # The same name again: asked, in the customer's words; Keep both.
    second = _sha256(send(200_000))
    dialog = _question(qtbot, customer)
    assert dialog.text.text() == f"“report.pdf” already exists in {downloads}."
    assert not dialog.for_all.isVisible()  # one file: nothing else to apply it to
    click(dialog.both_button)
    kept = downloads / "report (2).pdf"
    qtbot.waitUntil(kept.is_file, timeout=WAIT_MS)
    assert _sha256(downloads / "report.pdf") == first  # untouched
    assert _sha256(kept) == second
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    # The agent reads the name it was kept under, not the one it was sent as.
    qtbot.waitUntil(
        lambda: any(r.name == "report (2).pdf" for r in agent.rows.values()), timeout=WAIT_MS
    )
    row = next(r for r in agent.rows.values() if r.name == "report (2).pdf")
    assert row.stage == Stage.DONE
    assert agent.outcome_text(row).startswith("report (2).pdf ")

    # Skip: nothing changes, and the agent hears it was skipped.
    send(100_000)
    click(_question(qtbot, customer).skip_button)
    qtbot.waitUntil(
        lambda: sum(r.stage == Stage.FAILED for r in agent.rows.values()) == 1, timeout=WAIT_MS
    )
    assert sorted(p.name for p in downloads.iterdir()) == ["report (2).pdf", "report.pdf"]
    assert _sha256(downloads / "report.pdf") == first
    # Said as the choice it was, not as a failure.
    (skipped,) = [r for r in agent.rows.values() if r.stage == Stage.FAILED]
    assert status_text(skipped) == "Skipped: a file of that name is there"
    assert agent.outcome_text(skipped) == "report.pdf was skipped: a file of that name is there."

    # Replace: the file there now has the new bytes, and no other copy is made.
    fourth = _sha256(send(150_000))
    click(_question(qtbot, customer).replace_button)
    qtbot.waitUntil(lambda: _sha256(downloads / "report.pdf") == fourth, timeout=WAIT_MS)
    assert sorted(p.name for p in downloads.iterdir()) == ["report (2).pdf", "report.pdf"]
    assert customer.conflicts == {}


def test_closing_the_question_skips_and_a_folder_offers_the_rest(qtbot: QtBot) -> None:
    dialog = ConflictDialog(NameConflict("t1", "a.txt", "/home/grace/Downloads", group="g1"))
    qtbot.addWidget(dialog)
    answers: list[tuple[Conflict, bool]] = []
    dialog.answered.connect(lambda choice, for_all: answers.append((choice, for_all)))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.for_all.isVisible()  # a file of a folder: "the same for the others" offered
    assert dialog.skip_button.isDefault()
    dialog.close()
    assert answers == [(Conflict.SKIP, False)]  # closed: the safe answer, and only once
    dialog.settled()
    assert answers == [(Conflict.SKIP, False)]


def test_enter_skips_and_never_replaces(qtbot: QtBot) -> None:
    """A customer who presses Enter on the question keeps their own file."""
    owner = QWidget()  # its window (else the active window, maybe another test's, would be)
    qtbot.addWidget(owner)
    dialog = ConflictDialog(NameConflict("t1", "a.txt", "/home/grace/Downloads"), owner)
    answers: list[tuple[Conflict, bool]] = []
    dialog.answered.connect(lambda choice, for_all: answers.append((choice, for_all)))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    key("Return")
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    assert answers == [(Conflict.SKIP, False)]


def test_the_question_reads_french(qtbot: QtBot, french: FrenchCheck) -> None:
    french.data |= {"rapport d'été.pdf", "/home/grace/Téléchargements"}
    host = StandInHost()
    part = CustomerFilesPart(host)  # type: ignore[arg-type]
    qtbot.addWidget(part.window)
    host.feature_event.emit(
        NameConflict("t1", "rapport d'été.pdf", "/home/grace/Téléchargements", group="g1")
    )
    (dialog,) = part.conflicts.values()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.text.text() == (
        "«\u00a0rapport d'été.pdf\u00a0» existe déjà dans /home/grace/Téléchargements."
    )
    assert dialog.both_button.text() == "Garder les deux"
    assert_french(french, dialog)
    part.close()
    assert part.conflicts == {}
