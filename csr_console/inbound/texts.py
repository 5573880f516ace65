"""The inbound support's sentences, shared by its panel, its dialog and the session's
transcript."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.protocol.queues import AcceptedCustomer, OfferedCustomer
from shared.qt.i18n import fill

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def wait_text(seconds: float) -> str:
    """A wait as a clock shows it, the same in every language: "0:45", "3:07", "1:02:05"."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def nobody_waiting_text() -> str:
    return translate("Inbound", "Nobody is waiting in your queues.")


def offered_text(customer: OfferedCustomer, waited_s: float) -> str:
    """A customer transferred to this agent by name, for the panel's list."""
    text = fill(
        translate("Inbound", "{name}, from {agent} (waiting {wait})"),
        name=customer.name,
        agent=customer.transferred_by,
        wait=wait_text(waited_s),
    )
    if customer.message:
        text += "\n" + translate("Inbound", "“{message}”").format(message=customer.message)
    return text


def accepted_lines(customer: AcceptedCustomer, queue_title: str) -> list[str]:
    """What the customer told before the session (and who transferred them, and why), for the
    session's transcript."""
    wait = wait_text(customer.waited_s)
    if customer.transferred_by is not None and customer.queue is None:
        lines = [
            translate("Inbound", "{agent} transferred {name} to you; they waited {wait}.").format(
                agent=customer.transferred_by, name=customer.name, wait=wait
            )
        ]
    elif customer.transferred_by is not None:
        lines = [
            translate(
                "Inbound",
                "{agent} transferred {name} to the queue {queue}; they waited {wait}.",
            ).format(
                agent=customer.transferred_by, name=customer.name, queue=queue_title, wait=wait
            )
        ]
    else:
        lines = [
            translate(
                "Inbound", "{name} asked for help in the queue {queue}; waited {wait}."
            ).format(name=customer.name, queue=queue_title, wait=wait)
        ]
    if customer.message:
        lines.append(
            fill(
                translate("Inbound", "Message from {agent}: {message}"),
                agent=customer.transferred_by or "?",
                message=customer.message,
            )
        )
    for label, value in (
        (translate("Inbound", "Email: {value}"), customer.email),
        (translate("Inbound", "Problem: {value}"), customer.problem),
        (translate("Inbound", "Came from: {value}"), customer.referrer),
    ):
        if value:
            lines.append(label.format(value=value))
    return lines
