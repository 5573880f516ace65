"""Two real sessions (a real center, aiortc on loopback) with Print to my printer on both, the
customer's consent answered as a test says, desktop control switched on and off with desktop
sharing's own events, a PDF with known text, and where the CUPS PDF printer puts its files."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.events import ActivityChanged
from shared.features.desktop.protocol import ActivityKind
from shared.features.printing.engine import JobChanged, PrintingFeature, PrintingStatus
from shared.features.printing.system import TempPrinters
from shared.session.consent import ConsentAnswer, ConsentRequest
from tests.helpers import CenterFixture
from tests.integration.support import Connected, connected_session

# The CUPS PDF printer of the machine (scripts/pdf-printer.sh makes it).
PDF_PRINTER = "TandemPDF"
# Where cups-pdf writes a job's PDF: the printing user's ~/PDF (root's here), or the anonymous
# folder for users it does not know.
PDF_FOLDERS = (Path("/root/PDF"), Path("/var/spool/cups-pdf/ANONYMOUS"), Path.home() / "PDF")
# A job goes through two CUPS queues and cups-pdf's rendering.
PRINT_TIMEOUT_S = 60.0


def cups_ready() -> bool:
    if shutil.which("lpadmin") is None or shutil.which("pdftotext") is None:
        return False
    done = subprocess.run(["lpstat", "-v", PDF_PRINTER], capture_output=True, check=False)
    return done.returncode == 0


needs_cups = pytest.mark.skipif(not cups_ready(), reason="no CUPS with TandemPDF (pdf-printer.sh)")


def queues() -> dict[str, str]:
    """Every printer of the machine: name -> device URI."""
    out = subprocess.run(
        ["lpstat", "-v"], capture_output=True, text=True, check=False, env={"LC_ALL": "C"}
    ).stdout
    found = {}
    for line in out.splitlines():
        if line.startswith("device for "):
            name, uri = line[len("device for ") :].split(": ", 1)
            found[name] = uri
    return found


def description(queue: str) -> str:
    out = subprocess.run(
        ["lpstat", "-l", "-p", queue],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C"},
    ).stdout
    for line in out.splitlines():
        if line.strip().startswith("Description:"):
            return line.split(":", 1)[1].strip()
    return ""


def make_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` in Helvetica, written by hand (xref and all)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def printed_pdfs(since: float) -> list[Path]:
    found = []
    for folder in PDF_FOLDERS:
        if folder.is_dir():
            found += [p for p in folder.glob("*.pdf") if p.stat().st_mtime >= since]
    return found


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=False
    ).stdout


@dataclass
class Printing:
    session: Connected
    agent: PrintingFeature
    customer: PrintingFeature
    asked: list[ConsentRequest] = field(default_factory=list)
    agent_events: list[object] = field(default_factory=list)
    customer_events: list[object] = field(default_factory=list)
    printed: list[tuple[str, bytes]] = field(default_factory=list)  # (printer, PDF)
    started: float = field(default_factory=time.time)

    def answer(self, answer: ConsentAnswer | None) -> None:
        """The customer's answer every time, or never answered (None)."""

        async def ask(request: ConsentRequest) -> ConsentAnswer:
            self.asked.append(request)
            if answer is None:
                await asyncio.Event().wait()
            assert answer is not None
            return answer

        self.session.customer.consent.ask = ask

    def control(
        self, state: ActivityState, activity_id: str = "act-1", agent_side: bool = True
    ) -> None:
        """Desktop sharing's news of the agent's control, on both sides as its engines
        publish it (or the customer's alone: a console that does not say it stopped)."""
        activity = Activity(
            activity_id,
            ActivityKind.CONTROL,
            self.session.agent_id,
            self.session.customer_id,
            state,
        )
        if agent_side:
            self.session.agent.engine.publish(ActivityChanged(activity))
        self.session.customer.engine.publish(ActivityChanged(activity))

    def watch_prints(self) -> None:
        """The agent's prints recorded instead of sent to a printer (the hostile tests)."""

        def record(printer: str, path: Path, title: str) -> str:
            self.printed.append((printer, path.read_bytes()))
            return "recorded-1"

        self.agent.print_pdf = record

    def statuses(self, side: str) -> list[PrintingStatus]:
        events = self.agent_events if side == "agent" else self.customer_events
        return [e for e in events if isinstance(e, PrintingStatus)]

    def jobs(self, side: str) -> list[JobChanged]:
        events = self.agent_events if side == "agent" else self.customer_events
        return [e for e in events if isinstance(e, JobChanged)]

    def our_queue(self) -> str | None:
        printer = self.customer.printer
        return printer.queue if printer is not None else None


@contextlib.asynccontextmanager
async def printing_session(
    center: CenterFixture, printers: Callable[[], TempPrinters] | None = None
) -> AsyncIterator[Printing]:
    session = await connected_session(center)
    customer_printers = printers() if printers is not None else None
    found = Printing(
        session,
        PrintingFeature(session.agent),
        PrintingFeature(session.customer, customer_printers),
    )
    session.agent.engine.subscribe(found.agent_events.append)
    session.customer.engine.subscribe(found.customer_events.append)
    try:
        yield found
    finally:
        await session.close()
