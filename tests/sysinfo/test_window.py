"""The System information window in the real console, with a real client and support center
(real X clicks): the agent clicks System information, the customer allows it in the feature's
words, the categories show the customer's real values; Refresh asks again; Save writes every
category into one text file; Print puts every category on paper (a PDF printer here, read
back with pdftotext). And the window and the question in French."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QToolButton, QTreeWidget, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.preferences import FaceName
from customer_client.ui.consent_dialog import ConsentDialog
from customer_client.ui.window import ClientWindow
from shared.features.sysinfo.console import ACTION
from shared.features.sysinfo.engine import Report, SysinfoArrived
from shared.features.sysinfo.part import SysinfoPart
from shared.features.sysinfo.protocol import NAME, Category, Column
from shared.features.sysinfo.rows import Table, size_text
from shared.features.sysinfo.texts import category_name
from shared.features.sysinfo.window import SysinfoWindow
from shared.session.consent import ConsentRequest, PermissionKind
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.walk import assert_french
from tests.xserver import click

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# Collecting every category of this machine and sending it on loopback.
COLLECT_MS = 60_000


def _allow(qtbot: QtBot, client: ClientWindow) -> ConsentDialog:
    dialog = asked(qtbot, client)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)
    return dialog


def _open(qtbot: QtBot, console: Console) -> SysinfoPart:
    """The agent clicks System information in the dashboard's customer panel (the manual:
    "sous Informations sur le client")."""
    dashboard = console.faces.face(FaceName.DASHBOARD)
    assert isinstance(dashboard, Dashboard)
    console.faces.switch(FaceName.DASHBOARD)
    panel = dashboard.findChild(QWidget, "customerPanel")
    assert panel is not None
    button = panel.findChild(QToolButton, f"button_{ACTION}")
    assert button is not None
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    qtbot.waitExposed(button)
    click(button)
    part = console.controller.current.part(NAME)
    assert isinstance(part, SysinfoPart)
    qtbot.waitUntil(lambda: part.window is not None and part.window.isVisible(), timeout=WAIT_MS)
    return part


def _rows(tree: QTreeWidget, columns: int) -> list[tuple[str, ...]]:
    """The rows the details show, their first ``columns`` cells."""
    found = []
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        assert item is not None
        found.append(tuple(item.text(c) for c in range(columns)))
    return found


def _pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_agent_sees_refreshes_saves_and_prints_the_customers_system(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    part = _open(qtbot, console)
    window = part.window
    assert isinstance(window, SysinfoWindow)
    assert not window.save_button.isEnabled()  # nothing to save before the customer allows

    dialog = _allow(qtbot, client)
    assert dialog.question.text().endswith(" wants to see your computer's system information")
    qtbot.waitUntil(lambda: part.report is not None, timeout=COLLECT_MS)
    assert window.status.text().startswith("Collected at ")
    assert window.save_button.isEnabled() and window.print_button.isEnabled()

    # Overview first: the customer's computer name (the client runs on this machine).
    qtbot.waitExposed(window)
    details = window.details
    shown = {row[0]: row[1] for row in _rows(details, 2)}
    assert shown["Computer name"] == os.uname().nodename
    assert shown["Total memory"] == size_text(psutil.virtual_memory().total)

    # The agent clicks Processes: the customer's client process is in the table.
    categories = window.categories
    row = list(Category).index(Category.PROCESSES)
    item = categories.item(row)
    click(categories.viewport(), categories.visualItemRect(item).center())
    qtbot.waitUntil(lambda: window.current_category() == Category.PROCESSES, timeout=WAIT_MS)
    header = details.headerItem()
    assert [header.text(i) for i in range(3)] == ["PID", "Name", "User"]
    pids = {row[0] for row in _rows(details, 1)}
    assert str(os.getpid()) in pids
    SCREENSHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "sysinfo-window-en.png"))

    # Refresh: asked again (nothing allowed everything), a new report.
    first = part.report
    assert first is not None
    click(window.refresh_button)
    _allow(qtbot, client)
    qtbot.waitUntil(
        lambda: part.report is not first and part.report is not None, timeout=COLLECT_MS
    )
    assert part.report is not None and part.report.collected_at >= first.collected_at

    # Save: every category under its heading, with real values, UTF-8.
    saved = tmp_path / "système.txt"
    window.choose_save_path = lambda suggested: str(saved)
    click(window.save_button)
    qtbot.waitUntil(saved.exists, timeout=WAIT_MS)
    text = saved.read_text(encoding="utf-8")
    lines = text.splitlines()
    for category in Category:
        name = category_name(category)
        index = lines.index(name)
        assert lines[index + 1] == "-" * len(name)
    assert "System information: Grace" in text
    assert os.uname().nodename in text
    assert size_text(psutil.virtual_memory().total) in text
    assert f"{os.getpid()} " in text
    assert window.status.text() == f"Saved to {saved}."

    # Print, to a PDF printer (Qt's own), then read back.
    pdf = tmp_path / "system-information.pdf"

    def to_pdf(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return True

    window.choose_printer = to_pdf
    click(window.print_button)
    qtbot.waitUntil(pdf.exists, timeout=WAIT_MS)
    printed = _pdf_text(pdf)
    for category in Category:
        assert category_name(category) in printed, category
    assert os.uname().nodename in printed
    assert "Computer name" in printed


# --- in French -----------------------------------------------------------------------------


class StandInHost(QObject):
    feature_event = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.session = None
        self.participants = ()
        self.preferences = None

    def current_customer(self) -> str | None:
        return None

    def near(self) -> QWidget | None:
        return None


def _report() -> Report:
    pairs = (Column.PROPERTY, Column.VALUE)
    tables = {c: Table(pairs, []) for c in Category}
    tables[Category.OVERVIEW] = Table(
        pairs, [("Computer name", "pc-grace"), ("Total memory", "15.5 GiB")]
    )
    tables[Category.PRINTERS] = Table.failure("no printing system found (CUPS's lpstat)")
    return Report("p2", "Grace", time.time(), tuple(tables.items()))


def test_the_window_and_the_question_are_french(qtbot: QtBot, french: FrenchCheck) -> None:
    french.data |= {"pc-grace", "15,5 Gio", "15.5 GiB", "Ada Agent", "Grace"}
    host = StandInHost()
    part = SysinfoPart(host)  # type: ignore[arg-type]
    window = SysinfoWindow(part)
    qtbot.addWidget(window)
    host.feature_event.emit(SysinfoArrived("", _report()))  # the id the part waits for: none
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Informations système\u00a0: Grace"
    assert window.refresh_button.text() == "&Actualiser"
    assert window.categories.item(0).text() == "Vue d'ensemble"
    assert window.details.topLevelItem(0).text(0) == "Nom de l'ordinateur"  # type: ignore[union-attr]
    assert_french(french, window)
    SCREENSHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "sysinfo-window-fr.png"))

    request = ConsentRequest(
        "system_info", "Ada Agent", "r1", PermissionKind.SYSTEM_INFO, feature=NAME
    )
    dialog = ConsentDialog(request)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.question.text() == (
        "Ada Agent souhaite voir les informations système de votre ordinateur"
    )
    assert_french(french, dialog)


@pytest.mark.parametrize("language", ["en"])
def test_save_writes_every_category_even_those_that_failed(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    host = StandInHost()
    part = SysinfoPart(host)  # type: ignore[arg-type]
    window = SysinfoWindow(part)
    qtbot.addWidget(window)
    host.feature_event.emit(SysinfoArrived("", _report()))
    saved = tmp_path / "out.txt"
    window.choose_save_path = lambda suggested: str(saved)
    window.save()
    text = saved.read_text(encoding="utf-8")
    assert "Could not be read on the customer's computer: no printing system found" in text
    assert "Computer name  pc-grace" in text
    assert text.count("Nothing found.") == len(Category) - 2


# --- a real CUPS printer -------------------------------------------------------------------

# The queue this test prints to: a CUPS PDF printer (printer-driver-cups-pdf), set up as root:
#   cupsd
#   lpadmin -p TandemPDF -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd -E \
#       -o pdftops-renderer-default=pdftocairo
# (with CUPS's default renderer, Ghostscript, the PDF's text comes out as Type 3 glyphs
# pdftotext cannot read). Without such a queue the test is skipped, saying so.
CUPS_PDF_TIMEOUT_MS = 30_000


def _cups_pdf_printer() -> str:
    if not shutil.which("lpstat"):
        return ""
    listed = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, check=False)
    for line in listed.stdout.splitlines():
        if line.startswith("device for ") and line.rstrip().endswith("cups-pdf:/"):
            return line.removeprefix("device for ").split(":", 1)[0]
    return ""


def test_print_on_a_real_cups_pdf_printer(qtbot: QtBot) -> None:
    name = _cups_pdf_printer()
    if not name:
        # CI sets one up (scripts/pdf-printer.sh): there, its absence is a failure, not a skip.
        assert os.environ.get("CI") != "true", "CI has no CUPS PDF printer: see pdf-printer.sh"
        pytest.skip("no CUPS PDF printer (cupsd with a cups-pdf:/ queue) on this machine")
    out = Path.home() / "PDF"  # cups-pdf.conf's default: Out ${HOME}/PDF
    before = set(out.glob("*.pdf")) if out.is_dir() else set()
    host = StandInHost()
    part = SysinfoPart(host)  # type: ignore[arg-type]
    window = SysinfoWindow(part)
    qtbot.addWidget(window)
    host.feature_event.emit(SysinfoArrived("", _report()))

    def on_cups(printer: QPrinter) -> bool:
        printer.setPrinterName(name)
        return True

    window.choose_printer = on_cups
    window.print_report()
    assert window.status.text() == f"Sent to {name}."
    qtbot.waitUntil(
        lambda: out.is_dir() and bool(set(out.glob("*.pdf")) - before), timeout=CUPS_PDF_TIMEOUT_MS
    )
    (pdf,) = set(out.glob("*.pdf")) - before
    qtbot.waitUntil(lambda: b"%%EOF" in pdf.read_bytes()[-1024:], timeout=CUPS_PDF_TIMEOUT_MS)
    printed = _pdf_text(pdf)
    pdf.unlink()
    for category in Category:
        assert category_name(category) in printed, category
    assert "pc-grace" in printed
