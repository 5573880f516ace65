"""Print to my printer's peer messages (control channel); a job's bytes go on the bulk channel
in tagged frames (frames.py).

The agent turns it on (``PrintOffer``); the customer's side, once the customer agreed and while
that agent controls their desktop, adds the printer and says so (``PrintReady``) or says why not
(``PrintUnavailable``). Each job the customer prints is announced (``PrintJob``: size, SHA-256)
and streamed; the agent's side answers ``PrintJobEnded``. Either side ends it (``PrintOff``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from shared.protocol.limits import MAX_REASON_CHARS
from shared.protocol.messages import MessageId, PeerMessage, printable_line

NAME = "printing"

# A job's PDF: a long office document with pictures is a few MB; past this a modified client is
# filling the agent's disk (and the agent's printer), so both sides refuse it.
MAX_JOB_BYTES = 50 * 1024 * 1024
# Jobs a side takes in JOB_WINDOW_S: a person prints a few documents a minute; past it a modified
# client (or a runaway program on the customer's computer) is using the agent's printer.
MAX_JOBS_PER_WINDOW = 10
JOB_WINDOW_S = 60.0
# A job's title as shown to both: one line.
MAX_TITLE_CHARS = 200
# Every PDF starts with this (ISO 32000, 7.5.2); anything else is refused unread.
PDF_MAGIC = b"%PDF-"

JobId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Reason = Annotated[str, StringConstraints(max_length=MAX_REASON_CHARS)]
Title = Annotated[
    str, StringConstraints(max_length=MAX_TITLE_CHARS), AfterValidator(printable_line)
]
# The wire takes sizes past the limit so that an oversize job is refused with a reason, not
# dropped as a malformed message.
Size = Annotated[int, Field(ge=1, le=2**40, strict=True)]


class Why(StrEnum):
    """Why the printer is not (or no longer) there, or a job was refused; each side words it."""

    DECLINED = "declined"  # the customer said no
    NOT_CONTROLLING = "not_controlling"  # only while this agent controls the desktop
    NOT_ALLOWED = "not_allowed"  # not an agent, not the agent in charge
    CANNOT_ADD = "cannot_add"  # the system refused the printer (no rights: lpadmin)
    UNSUPPORTED = "unsupported"  # no temporary printer on this system yet
    BUSY = "busy"  # already on
    WITHDRAWN = "withdrawn"  # the customer removed it
    CONTROL_ENDED = "control_ended"
    TURNED_OFF = "turned_off"  # the agent turned it off
    TOO_BIG = "too_big"
    NOT_PDF = "not_pdf"
    TOO_OFTEN = "too_often"
    DAMAGED = "damaged"  # the bytes do not match the SHA-256 announced
    PRINT_FAILED = "print_failed"  # the agent's printer refused it
    LINK_LOST = "link_lost"
    ENDED = "ended"  # the session ended


class PrintOffer(PeerMessage):
    """Agent to customer: add my temporary printer (the customer is asked first)."""

    type: Literal["printing.offer"] = "printing.offer"
    id: MessageId


class PrintReady(PeerMessage):
    """Customer to agent: the printer is on the customer's computer."""

    type: Literal["printing.ready"] = "printing.ready"
    id: MessageId


class PrintUnavailable(PeerMessage):
    """Customer to agent: no printer for this offer, and why (``Why``); ``detail`` is the
    system's own words (shown to the agent as they are)."""

    type: Literal["printing.unavailable"] = "printing.unavailable"
    id: MessageId
    reason: Reason
    detail: Reason = ""


class PrintOff(PeerMessage):
    """Either way: the printer is gone (customer) or is to go (agent), and why."""

    type: Literal["printing.off"] = "printing.off"
    id: MessageId
    reason: Reason


class PrintJob(PeerMessage):
    """Customer to agent: a job of the printer ``offer``; its bytes follow on bulk."""

    type: Literal["printing.job"] = "printing.job"
    offer: MessageId
    job: JobId
    size: Size
    sha256: Sha256
    title: Title = ""


class PrintJobEnded(PeerMessage):
    """Agent to customer: the job was printed (``reason`` empty) or refused, and why."""

    type: Literal["printing.job_ended"] = "printing.job_ended"
    job: JobId
    reason: Reason = ""


PRINT_MESSAGES: tuple[type[PeerMessage], ...] = (
    PrintOffer,
    PrintReady,
    PrintUnavailable,
    PrintOff,
    PrintJob,
    PrintJobEnded,
)
