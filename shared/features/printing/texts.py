"""Print to my printer's sentences, in the reader's language (the engine speaks in ``Why``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.features.printing.engine import JobChanged, PrintingStatus
from shared.features.printing.protocol import Why
from shared.qt.i18n import fill

translate = QCoreApplication.translate


def why_text(reason: str) -> str:
    texts = {
        Why.DECLINED: translate("Printing", "The customer did not agree."),
        Why.NOT_CONTROLLING: translate(
            "Printing", "Only while you control the customer's desktop."
        ),
        Why.NOT_ALLOWED: translate("Printing", "Not allowed."),
        Why.CANNOT_ADD: translate(
            "Printing", "The customer's computer did not let Tandem add a printer."
        ),
        Why.UNSUPPORTED: translate(
            "Printing", "The customer's computer cannot have a temporary printer."
        ),
        Why.BUSY: translate("Printing", "A temporary printer is already on."),
        Why.WITHDRAWN: translate("Printing", "The customer removed the printer."),
        Why.CONTROL_ENDED: translate("Printing", "Control of the desktop ended."),
        Why.TURNED_OFF: translate("Printing", "Print to my printer was turned off."),
        Why.TOO_BIG: translate("Printing", "The document is too large."),
        Why.NOT_PDF: translate("Printing", "The document is not a PDF."),
        Why.TOO_OFTEN: translate("Printing", "Too many documents at once."),
        Why.DAMAGED: translate("Printing", "The document arrived damaged."),
        Why.PRINT_FAILED: translate("Printing", "The printer did not take the document."),
        Why.LINK_LOST: translate("Printing", "The connection was lost."),
        Why.ENDED: translate("Printing", "The session ended."),
    }
    return texts.get(Why(reason), "") if reason in tuple(Why) else ""


def job_line(job: JobChanged, number: int) -> str:
    """One line per job (``number`` counts them from 1), for the agent's dialog and the
    customer's notice."""
    title = job.title or translate("Printing", "Document {number}").format(number=number)
    match job.stage:
        case "sending":
            text = translate("Printing", "{title}: sending…")
        case "receiving":
            text = translate("Printing", "{title}: receiving…")
        case "printing":
            text = translate("Printing", "{title}: printing…")
        case "printed":
            text = translate("Printing", "{title}: printed.")
        case _:
            text = translate("Printing", "{title}: not printed. {why}")
            return text.format(title=title, why=why_text(job.reason) or job.detail).strip()
    return text.format(title=title)


def agent_status_text(status: PrintingStatus | None) -> str:
    if status is None or (status.stage == "off" and not status.reason):
        return translate("Printing", "Print to my printer is off.")
    if status.stage == "asking":
        return translate("Printing", "Adding your printer on the customer's computer…")
    if status.stage == "on":
        return fill(
            translate(
                "Printing",
                "On: what the customer prints to the Tandem printer comes out of {printer}.",
            ),
            printer=status.printer or translate("Printing", "your default printer"),
        )
    text = translate("Printing", "Off. {why}").format(why=why_text(status.reason))
    return f"{text} {status.detail}".strip()


def customer_status_text(status: PrintingStatus) -> str:
    if status.stage == "on":
        return translate(
            "Printing",
            "A temporary printer, “{printer}”, is on your computer for this session: what "
            "you print to it goes to {agent}.",
        ).format(printer=status.printer, agent=status.agent_name)
    if status.reason in (Why.CANNOT_ADD, Why.UNSUPPORTED):
        return translate(
            "Printing",
            "Your agent asked to add a temporary printer, but it could not be added: {detail}",
        ).format(detail=status.detail or why_text(status.reason))
    return translate("Printing", "The temporary printer was removed.")
