"""Print to my printer in the real console and client (a real support center, real X clicks,
the machine's real CUPS): the action is in all three faces and works only while the agent
controls the customer's desktop; the agent picks a printer and turns it on, the customer allows
it and sees the notice; a PDF the customer prints to the temporary printer comes out of the
agent's CUPS PDF printer with its text, a line in the agent's window says so; stopping control
removes the printer. And the window, the notice and the question in French."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.preferences import FaceName
from customer_client.ui.consent_dialog import ConsentDialog
from customer_client.ui.window import ClientWindow
from shared.features.printing.agent_printers import AgentPrinters
from shared.features.printing.console import ACTION
from shared.features.printing.customer import PrinterNotice
from shared.features.printing.dialog import PrintDialog
from shared.features.printing.engine import JobChanged, PrintingStatus
from shared.features.printing.part import PrintingPart
from shared.features.printing.protocol import NAME, Why
from shared.session.consent import ConsentRequest, PermissionKind
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.faces.test_reachability import reachable
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.walk import assert_french
from tests.printing.support import (
    PDF_PRINTER,
    PRINT_TIMEOUT_S,
    make_pdf,
    needs_cups,
    pdf_text,
    printed_pdfs,
    queues,
)
from tests.screenshots import SCREENSHOTS
from tests.xserver import click

TEXT = "Delivery note 2718 for Grace"


def _allow(qtbot: QtBot, client: ClientWindow, screenshot: str = "") -> str:
    dialog = asked(qtbot, client)
    question = dialog.question.text()
    if screenshot:
        SCREENSHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SCREENSHOTS / f"{screenshot}.png"))
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)
    qtbot.waitUntil(lambda: not client.consent.dialogs, timeout=WAIT_MS)
    return question


def _notice(client: ClientWindow) -> PrinterNotice:
    notice = client.findChild(PrinterNotice)
    assert notice is not None
    return notice


@needs_cups
def test_the_agent_prints_what_the_customer_prints_while_controlling(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    registry = console.actions.registry
    action = registry.action(ACTION)
    for face in FaceName:  # on the Desktop tab, the icon bar and the multisession toolbar
        assert ACTION in reachable(console.faces.face(face)), face
    assert not action.isEnabled()  # not controlling yet

    registry.action("request_control").trigger()
    _allow(qtbot, client)
    qtbot.waitUntil(action.isEnabled, timeout=WAIT_MS)

    action.trigger()
    part = console.controller.current.part(NAME)
    assert isinstance(part, PrintingPart)
    qtbot.waitUntil(lambda: part.dialog is not None and part.dialog.isVisible(), timeout=WAIT_MS)
    dialog = part.dialog
    assert isinstance(dialog, PrintDialog)
    qtbot.waitExposed(dialog)
    index = dialog.printer.findData(PDF_PRINTER)
    assert index >= 0, "the agent's printers are listed"
    dialog.printer.setCurrentIndex(index)
    # TandemPDF every time from now on (the box itself: a check box takes clicks on it only)
    click(dialog.default, QPoint(8, dialog.default.height() // 2))
    qtbot.waitUntil(lambda: part.saved_default() == PDF_PRINTER, timeout=WAIT_MS)
    click(dialog.turn_on)

    question = _allow(qtbot, client, "printing-question-en")
    assert question.endswith(" wants to add a temporary printer to your computer")
    notice = _notice(client)
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert "is on your computer for this session" in notice.label.text()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("On: "), timeout=WAIT_MS)
    assert PDF_PRINTER in dialog.status.text()
    client_part = client.controller.part(NAME)
    assert isinstance(client_part, PrintingPart) and client_part.feature is not None
    printer = client_part.feature.printer
    assert printer is not None and printer.queue in queues()

    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "printing-dialog-en.png"))
    client.grab().save(str(SCREENSHOTS / "printing-notice-en.png"))

    # The customer prints a PDF to the temporary printer, as their programs do.
    document = tmp_path / "delivery.pdf"
    document.write_bytes(make_pdf(TEXT))
    subprocess.run(["lp", "-d", printer.queue, str(document)], check=True, capture_output=True)
    qtbot.waitUntil(
        lambda: dialog.jobs.count() == 1 and dialog.jobs.item(0).text() == "Document 1: printed.",
        timeout=int(PRINT_TIMEOUT_S * 1000),
    )
    qtbot.waitUntil(
        lambda: any(TEXT in pdf_text(p) for p in printed_pdfs(0)),
        timeout=int(PRINT_TIMEOUT_S * 1000),
    )
    qtbot.waitUntil(lambda: "printed" in notice.last_job.text(), timeout=WAIT_MS)

    # Control stops: the printer goes from the customer's computer.
    registry.action("stop_sharing").trigger()
    qtbot.waitUntil(lambda: printer.queue not in queues(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not action.isEnabled(), timeout=WAIT_MS)


class StandInHost(QObject):
    feature_event = Signal(object)
    customer_chosen = Signal(object)

    def __init__(self, side: str) -> None:
        super().__init__()
        self.side = side
        self.session = None
        self.participants = ()
        self.preferences = None

    def current_customer(self) -> str | None:
        return "p2"

    def set_slice(self, name: str, value: object) -> None:
        pass

    def near(self) -> QWidget | None:
        return None


def test_the_window_the_notice_and_the_question_are_french(
    qtbot: QtBot, french: FrenchCheck
) -> None:
    french.data |= {"Ada Agent", "Grace", PDF_PRINTER}
    host = StandInHost("console")
    part = PrintingPart(host)  # type: ignore[arg-type]
    part.printers = lambda: AgentPrinters((PDF_PRINTER,), PDF_PRINTER)  # type: ignore[method-assign]
    dialog = PrintDialog(part)
    qtbot.addWidget(dialog)
    host.feature_event.emit(PrintingStatus("p2", "on", PDF_PRINTER, "Grace"))
    host.feature_event.emit(JobChanged("a" * 16, "p2", "", 1000, "printed"))
    host.feature_event.emit(JobChanged("b" * 16, "p2", "", 1000, "refused", "not_pdf"))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Imprimer sur mon imprimante"
    assert dialog.jobs.item(0).text() == "Document n°\u00a01\u00a0: imprimé."
    assert_french(french, dialog)
    dialog.grab().save(str(SCREENSHOTS / "printing-dialog-fr.png"))

    customer_host = StandInHost("customer")
    customer_part = PrintingPart(customer_host)  # type: ignore[arg-type]
    notice = PrinterNotice()
    qtbot.addWidget(notice)
    notice.bind(customer_part)
    customer_host.feature_event.emit(
        PrintingStatus("p2", "on", "Tandem – imprimante de Ada Agent", "Ada Agent")
    )
    notice.show()
    qtbot.waitExposed(notice)
    french.data |= {"Tandem – imprimante de Ada Agent"}
    assert_french(french, notice)
    notice.grab().save(str(SCREENSHOTS / "printing-notice-fr.png"))

    # Without the right to add printers, the customer's window says so in the system's words.
    lpadmin_said = "lpadmin: Forbidden"
    french.data |= {lpadmin_said}
    customer_host.feature_event.emit(
        PrintingStatus("", "off", reason=Why.CANNOT_ADD, detail=lpadmin_said)
    )
    assert notice.isVisible() and not notice.remove_button.isVisible()
    assert notice.label.text() == (
        "Votre agent a demandé d'ajouter une imprimante temporaire, mais elle n'a pas pu être "
        "ajoutée\u00a0: lpadmin: Forbidden"
    )
    assert_french(french, notice)

    request = ConsentRequest("printing", "Ada Agent", "r1", PermissionKind.PRINTING, feature=NAME)
    question = ConsentDialog(request)
    qtbot.addWidget(question)
    question.show()
    qtbot.waitExposed(question)
    assert question.question.text() == (
        "Ada Agent souhaite ajouter une imprimante temporaire à votre ordinateur"
    )
    assert_french(french, question)
    question.grab().save(str(SCREENSHOTS / "printing-question-fr.png"))
