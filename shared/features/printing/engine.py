"""Print to my printer in one session.

The customer's side decides everything that happens on the customer's computer: a printer is
added only for the agent in charge, while that agent controls this desktop (desktop sharing's
own state here, ``control.py``), once the customer agreed; it goes when control or the session
ends, when the customer removes it, or when the agent turns it off. No message makes the
customer's side print or read a file: jobs come from the printer alone.

The agent's side takes jobs only from the customer it turned the printer on for, while it is
on, each announced with its size and SHA-256, within the size and rate limits, a PDF, and whole;
only then is it printed, on the printer the agent picked."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import logging
import secrets
import shutil
import tempfile
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from shared.features.printing import frames
from shared.features.printing.agent_printers import PrintFailed, print_pdf
from shared.features.printing.control import ControlWatch
from shared.features.printing.listener import JobListener
from shared.features.printing.protocol import (
    JOB_WINDOW_S,
    MAX_JOB_BYTES,
    MAX_JOBS_PER_WINDOW,
    MAX_TITLE_CHARS,
    NAME,
    PDF_MAGIC,
    PRINT_MESSAGES,
    PrintJob,
    PrintJobEnded,
    PrintOff,
    PrintOffer,
    PrintReady,
    PrintUnavailable,
    Why,
)
from shared.features.printing.system import (
    PrinterError,
    TempPrinters,
    Unsupported,
    new_queue_name,
    remove_leftovers,
    temp_printers,
)
from shared.protocol.messages import PeerMessage, Role
from shared.session.consent import NOT_PRIMARY_AGENT, ConsentRequest, PermissionKind
from shared.session.live import LiveSession
from shared.transport.channels import ChannelName

log = logging.getLogger(__name__)

# Offers a customer's side takes in OFFER_WINDOW_S: turning it on again after a refusal a few
# times is plenty; past it offers are refused without a question, so a modified console
# cannot flood the customer with questions.
MAX_OFFERS_PER_WINDOW = 4
OFFER_WINDOW_S = 60.0
# Jobs the agent's side holds at once (being received or printed): a person prints one
# document at a time; each open job is a file on the agent's disk of up to MAX_JOB_BYTES.
MAX_OPEN_JOBS = 2
# The printer's name as the customer sees it, at most (CUPS takes 127 bytes of description).
MAX_DESCRIPTION_CHARS = 100


def default_description(agent_name: str) -> str:
    return f"Tandem – {agent_name}'s printer"


@dataclass(frozen=True)
class PrintingStatus:
    """Where printing stands, for the views. Agent side: per customer; customer side: the
    customer's one printer. ``stage``: "off", "asking" (the customer is asked) or "on"."""

    customer_id: str
    stage: str = "off"
    printer: str = ""  # agent: the agent's printer jobs go to; customer: our printer's name
    agent_name: str = ""
    reason: str = ""  # a Why, when it went off or could not go on
    detail: str = ""  # the system's own words (lpadmin's)


@dataclass(frozen=True)
class ControlSeen:
    """Agent side: the customers this agent controls now (the action is offered for them)."""

    customers: frozenset[str]


@dataclass(frozen=True)
class JobChanged:
    """A job's news on either side. ``stage``: "sending", "receiving", "printing",
    "printed" or "refused" (``reason`` a Why, ``detail`` more words)."""

    job: str
    customer_id: str
    title: str
    size: int
    stage: str
    reason: str = ""
    detail: str = ""


@dataclass
class _Offer:
    """Agent side: the printer turned on for one customer."""

    id: str
    customer_id: str
    printer: str
    ready: bool = False


@dataclass
class _Incoming:
    """Agent side: a job being received into a private file."""

    id: str
    customer_id: str
    size: int
    sha256: str
    title: str
    path: Path
    file: BinaryIO
    received: int = 0
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    head: bytes = b""


@dataclass
class _Printer:
    """Customer side: our temporary printer."""

    offer_id: str
    agent_id: str
    agent_name: str
    queue: str
    description: str
    listener: JobListener
    jobs: dict[str, str] = field(default_factory=dict)  # job id -> title, sent and unanswered


class _Rate:
    def __init__(self, limit: int, window_s: float, now: Callable[[], float]) -> None:
        self.limit, self.window_s, self.now = limit, window_s, now
        self._times: deque[float] = deque()

    def take(self) -> bool:
        now = self.now()
        while self._times and now - self._times[0] > self.window_s:
            self._times.popleft()
        if len(self._times) >= self.limit:
            return False
        self._times.append(now)
        return True


class PrintingFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = PRINT_MESSAGES
    # Leftover printers of crashed clients are looked for once per process.
    _leftovers_checked = False

    def __init__(self, session: LiveSession, printers: TempPrinters | None = None) -> None:
        self.session = session
        self.printers = printers if printers is not None else temp_printers()
        # The customer sees the printer under this (the customer's part puts it in their
        # language); the agent's name from the center, never the console's own words.
        self.describe: Callable[[str], str] = default_description
        # Agent side: how a finished job is printed (the tests may watch it).
        self.print_pdf: Callable[[str, Path, str], str] = print_pdf
        self.max_job_bytes = MAX_JOB_BYTES
        self.control = ControlWatch(self._control_ended)
        self._ids = itertools.count(1)
        now = session.clock.now
        # Agent side.
        self.offers: dict[str, _Offer] = {}
        self.incoming: dict[str, _Incoming] = {}
        self._received_rate = _Rate(MAX_JOBS_PER_WINDOW, JOB_WINDOW_S, now)
        self._folder: Path | None = None
        # Customer side.
        self.printer: _Printer | None = None
        self._adding: str | None = None  # the offer being asked or added
        self._offer_rate = _Rate(MAX_OFFERS_PER_WINDOW, OFFER_WINDOW_S, now)
        self._sent_rate = _Rate(MAX_JOBS_PER_WINDOW, JOB_WINDOW_S, now)
        session.engine.subscribe(self._engine_event)
        session.add_feature(self)
        if not PrintingFeature._leftovers_checked:
            PrintingFeature._leftovers_checked = True
            session.spawn(self._clean_leftovers())

    async def _clean_leftovers(self) -> None:
        removed = await asyncio.to_thread(remove_leftovers, self.printers)
        for queue in removed:
            self._audit("printing.leftover_removed", queue=queue)

    # --- both sides -------------------------------------------------------------------------

    def _customer_side(self) -> bool:
        me = self.session.engine.me
        return me is not None and me.role == Role.CUSTOMER

    def _engine_event(self, event: object) -> None:
        before = self._controlled()
        self.control.event(event)
        after = self._controlled()
        if after != before and not self._customer_side():
            self.session.engine.publish(ControlSeen(after))

    def _controlled(self) -> frozenset[str]:
        me = self.session.engine.me
        if me is None:
            return frozenset()
        return frozenset(c for a, c in self.control._active.values() if a == me.id)

    def _control_ended(self, agent_id: str, customer_id: str) -> None:
        if self._customer_side():
            if self.printer is not None and self.printer.agent_id == agent_id:
                self.session.spawn(self._remove(Why.CONTROL_ENDED, tell=True))
        elif customer_id in self.offers:
            self.turn_off(customer_id, Why.CONTROL_ENDED)

    # --- the agent's side -------------------------------------------------------------------

    def turn_on(self, customer_id: str, printer: str) -> str:
        """Ask ``customer_id``'s computer for the temporary printer; its jobs print on
        ``printer`` ("" the system's default). Only while we control their desktop."""
        me = self.session.engine.me
        customer = self.session.engine.participant(customer_id)
        if me is None or me.role == Role.CUSTOMER or customer is None or customer.is_agent:
            raise ValueError("the printer is offered to a customer of this session")
        if not self.control.controlling(me.id, customer_id):
            raise ValueError("only while controlling the customer's desktop")
        offer = self.offers.get(customer_id)
        if offer is not None:
            offer.printer = printer
            self._publish_offer(offer)
            return offer.id
        self._watch(customer_id)
        offer_id = f"{me.id}-{secrets.token_hex(4)}-{next(self._ids)}"
        self.session.send_to(customer_id, PrintOffer(id=offer_id))
        offer = self.offers[customer_id] = _Offer(offer_id, customer_id, printer)
        self._audit("printing.offered", customer=customer_id, offer=offer_id)
        self._publish_offer(offer)
        return offer_id

    def set_printer(self, customer_id: str, printer: str) -> None:
        offer = self.offers.get(customer_id)
        if offer is not None:
            offer.printer = printer
            self._publish_offer(offer)

    def turn_off(self, customer_id: str, why: Why = Why.TURNED_OFF, tell: bool = True) -> None:
        offer = self.offers.pop(customer_id, None)
        if offer is None:
            return
        for job in [j for j in self.incoming.values() if j.customer_id == customer_id]:
            self._refuse_job(job, why, tell=False)
        if tell:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(customer_id, PrintOff(id=offer.id, reason=str(why)))
        self._audit("printing.off", customer=customer_id, offer=offer.id, reason=str(why))
        self.session.engine.publish(PrintingStatus(customer_id, "off", reason=str(why)))

    def _publish_offer(self, offer: _Offer, detail: str = "") -> None:
        customer = self.session.engine.participant(offer.customer_id)
        self.session.engine.publish(
            PrintingStatus(
                offer.customer_id,
                "on" if offer.ready else "asking",
                offer.printer,
                customer.name if customer else "",
                detail=detail,
            )
        )

    def _watch(self, remote_id: str) -> None:
        """Print frames from ``remote_id`` come to us, beside file transfer's on bulk."""
        with contextlib.suppress(ConnectionError):
            channel = self.session.channel(remote_id, ChannelName.BULK)
            channel.on_tagged(frames.TAG, lambda data: self._frame(remote_id, data))

    def _offer_of(self, remote_id: str, offer_id: str) -> _Offer | None:
        offer = self.offers.get(remote_id)
        return offer if offer is not None and offer.id == offer_id else None

    def _ready(self, remote_id: str, ready: PrintReady) -> None:
        offer = self._offer_of(remote_id, ready.id)
        if offer is None:
            log.warning("printer ready from %s: not offered", remote_id)
            return
        offer.ready = True
        self._audit("printing.ready", customer=remote_id, offer=offer.id)
        self._publish_offer(offer)

    def _unavailable(self, remote_id: str, message: PrintUnavailable | PrintOff) -> None:
        offer = self._offer_of(remote_id, message.id)
        if offer is None:
            return
        del self.offers[remote_id]
        for job in [j for j in self.incoming.values() if j.customer_id == remote_id]:
            self._refuse_job(job, Why.WITHDRAWN, tell=False)
        detail = message.detail if isinstance(message, PrintUnavailable) else ""
        reason = message.reason if message.reason in tuple(Why) else ""
        self._audit("printing.unavailable", customer=remote_id, offer=offer.id, reason=reason)
        self.session.engine.publish(PrintingStatus(remote_id, "off", reason=reason, detail=detail))

    def _job_announced(self, remote_id: str, job: PrintJob) -> None:
        offer = self._offer_of(remote_id, job.offer)
        customer = self.session.engine.participant(remote_id)
        title = job.title[:MAX_TITLE_CHARS]
        news = JobChanged(job.job, remote_id, title, job.size, "refused")
        why: Why | None = None
        if offer is None or not offer.ready or customer is None or customer.is_agent:
            why = Why.NOT_ALLOWED  # never turned on (or off since): nothing is written
        elif job.job in self.incoming:
            why = Why.NOT_ALLOWED
        elif job.size > self.max_job_bytes:
            why = Why.TOO_BIG
        elif len(self.incoming) >= MAX_OPEN_JOBS or not self._received_rate.take():
            why = Why.TOO_OFTEN
        if why is not None:
            self._audit("printing.job_refused", customer=remote_id, job=job.job, reason=str(why))
            self.session.engine.publish(replace(news, reason=str(why)))
            with contextlib.suppress(ConnectionError):
                self.session.send_to(remote_id, PrintJobEnded(job=job.job, reason=str(why)))
            return
        folder = self._private_folder()
        path = folder / f"{job.job}.pdf"
        incoming = _Incoming(job.job, remote_id, job.size, job.sha256, title, path, path.open("xb"))
        self.incoming[job.job] = incoming
        self._watch(remote_id)
        self._audit("printing.job_receiving", customer=remote_id, job=job.job, size=str(job.size))
        self._publish_job(incoming, "receiving")

    def _private_folder(self) -> Path:
        if self._folder is None or not self._folder.exists():
            # 0700: the jobs of a customer are theirs; no other user on the agent's computer reads
            # them while they wait for the printer.
            self._folder = Path(tempfile.mkdtemp(prefix="tandem-print-"))
        return self._folder

    def _frame(self, remote_id: str, data: bytes | str) -> None:
        try:
            frame = frames.decode(data)
        except frames.FrameError:
            return
        job = self.incoming.get(frame.job)
        if job is None or job.customer_id != remote_id:
            log.warning("dropped a print frame from %s: no such job", remote_id)
            return
        if frame.offset != job.received:
            self._refuse_job(job, Why.DAMAGED)
            return
        size = len(frame.payload)
        if job.received + size > job.size:
            self._refuse_job(job, Why.TOO_BIG)
            return
        if len(job.head) < len(PDF_MAGIC):
            job.head += bytes(frame.payload[: len(PDF_MAGIC) - len(job.head)])
            if not PDF_MAGIC.startswith(job.head[: len(PDF_MAGIC)]):
                self._refuse_job(job, Why.NOT_PDF)
                return
        try:
            job.file.write(frame.payload)
        except OSError as exc:
            self._refuse_job(job, Why.PRINT_FAILED, detail=str(exc))
            return
        job.digest.update(frame.payload)
        job.received += size
        if job.received == job.size:
            job.file.close()
            if job.head != PDF_MAGIC:
                self._refuse_job(job, Why.NOT_PDF)
            elif job.digest.hexdigest() != job.sha256:
                self._refuse_job(job, Why.DAMAGED)
            else:
                self.session.spawn(self._print(job))

    async def _print(self, job: _Incoming) -> None:
        offer = self.offers.get(job.customer_id)
        if offer is None:
            self._refuse_job(job, Why.TURNED_OFF, tell=False)
            return
        self._publish_job(job, "printing")
        try:
            request = await asyncio.to_thread(self.print_pdf, offer.printer, job.path, job.title)
        except PrintFailed as exc:
            self._refuse_job(job, Why.PRINT_FAILED, detail=str(exc))
            return
        self._drop(job)
        self._audit("printing.printed", customer=job.customer_id, job=job.id, printer=offer.printer)
        self._publish_job(job, "printed", detail=request)
        with contextlib.suppress(ConnectionError):
            self.session.send_to(job.customer_id, PrintJobEnded(job=job.id))

    def _refuse_job(self, job: _Incoming, why: Why, detail: str = "", tell: bool = True) -> None:
        if self.incoming.get(job.id) is not job:
            return
        self._drop(job)
        self._audit("printing.job_refused", customer=job.customer_id, job=job.id, reason=str(why))
        self._publish_job(job, "refused", str(why), detail)
        if tell:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(job.customer_id, PrintJobEnded(job=job.id, reason=str(why)))

    def _drop(self, job: _Incoming) -> None:
        self.incoming.pop(job.id, None)
        with contextlib.suppress(OSError):
            job.file.close()
        job.path.unlink(missing_ok=True)

    def _publish_job(self, job: _Incoming, stage: str, reason: str = "", detail: str = "") -> None:
        self.session.engine.publish(
            JobChanged(job.id, job.customer_id, job.title, job.size, stage, reason, detail)
        )

    # --- the customer's side ----------------------------------------------------------------

    def _offered(self, remote_id: str, offer: PrintOffer) -> None:
        me, asker = self.session.engine.me, self.session.engine.participant(remote_id)
        if me is None or asker is None or not asker.is_agent:
            self._unavailable_to(remote_id, offer.id, Why.NOT_ALLOWED)
            return
        if not self._offer_rate.take():
            return  # a flood: dropped unanswered, and nobody is asked
        if not self.control.controlling(remote_id, me.id):
            self._unavailable_to(remote_id, offer.id, Why.NOT_CONTROLLING)
            return
        if self.printer is not None or self._adding is not None:
            self._unavailable_to(remote_id, offer.id, Why.BUSY)
            return
        self._adding = offer.id
        self.session.spawn(self._add(remote_id, offer))

    async def _add(self, remote_id: str, offer: PrintOffer) -> None:
        try:
            me, asker = self.session.engine.me, self.session.engine.participant(remote_id)
            assert me is not None and asker is not None
            answer = await self.session.consent.decide(
                ConsentRequest(
                    "printing",
                    asker.name,
                    offer.id,
                    PermissionKind.PRINTING,
                    agent_id=remote_id,
                    customer_id=me.id,
                    feature=NAME,
                )
            )
            if not answer.granted:
                why = Why.NOT_ALLOWED if answer.why == NOT_PRIMARY_AGENT else Why.DECLINED
                self._unavailable_to(remote_id, offer.id, why)
                return
            if not self.control.controlling(remote_id, me.id):  # it ended while asking
                self._unavailable_to(remote_id, offer.id, Why.NOT_CONTROLLING)
                return
            listener = JobListener(self._job_printed, self.max_job_bytes)
            port = await listener.start()
            queue = new_queue_name()
            name = " ".join(asker.name.split())[:MAX_DESCRIPTION_CHARS]
            description = self.describe(name)[:MAX_DESCRIPTION_CHARS]
            try:
                await asyncio.to_thread(self.printers.add, queue, description, port)
            except PrinterError as exc:
                await listener.close()
                why = Why.UNSUPPORTED if isinstance(exc, Unsupported) else Why.CANNOT_ADD
                self._unavailable_to(remote_id, offer.id, why, str(exc))
                return
            self.printer = _Printer(offer.id, remote_id, asker.name, queue, description, listener)
            self._audit("printing.added", agent=remote_id, offer=offer.id, queue=queue)
            self._publish_printer()
            with contextlib.suppress(ConnectionError):
                self.session.send_to(remote_id, PrintReady(id=offer.id))
        finally:
            self._adding = None

    def _unavailable_to(self, remote_id: str, offer_id: str, why: Why, detail: str = "") -> None:
        self._audit("printing.unavailable", agent=remote_id, offer=offer_id, reason=str(why))
        if why in (Why.CANNOT_ADD, Why.UNSUPPORTED):  # the customer hears why too
            self.session.engine.publish(
                PrintingStatus("", "off", reason=str(why), detail=detail[:300])
            )
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id, PrintUnavailable(id=offer_id, reason=str(why), detail=detail[:300])
            )

    def _publish_printer(self) -> None:
        printer = self.printer
        me = self.session.engine.me
        if printer is not None and me is not None:
            self.session.engine.publish(
                PrintingStatus(me.id, "on", printer.description, printer.agent_name)
            )

    def withdraw(self) -> None:
        """The customer removes the printer (from their window)."""
        self.session.spawn(self._remove(Why.WITHDRAWN, tell=True))

    async def _remove(self, why: Why, tell: bool) -> None:
        printer, self.printer = self.printer, None
        if printer is None:
            return
        await printer.listener.close()
        await asyncio.to_thread(self.printers.remove, printer.queue)
        self._audit("printing.removed", agent=printer.agent_id, queue=printer.queue, reason=why)
        me = self.session.engine.me
        self.session.engine.publish(
            PrintingStatus(me.id if me else "", "off", agent_name=printer.agent_name, reason=why)
        )
        if tell:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(printer.agent_id, PrintOff(id=printer.offer_id, reason=why))

    def _job_printed(self, data: bytes | None) -> None:
        """A job from our printer (the listener's): checked here first, then sent."""
        printer = self.printer
        me = self.session.engine.me
        if printer is None or me is None:
            return
        job_id = secrets.token_hex(frames.ID_BYTES)
        title = ""  # CUPS's socket backend sends the document alone, without its title
        size = len(data) if data is not None else self.max_job_bytes + 1
        why: Why | None = None
        if data is None or size > self.max_job_bytes:
            why = Why.TOO_BIG
        elif not data.startswith(PDF_MAGIC):
            why = Why.NOT_PDF
        elif not self._sent_rate.take():
            why = Why.TOO_OFTEN
        if why is not None or data is None:
            why = why or Why.TOO_BIG
            self._audit("printing.job_refused", agent=printer.agent_id, job=job_id, reason=why)
            self.session.engine.publish(JobChanged(job_id, me.id, title, size, "refused", str(why)))
            return
        self.session.spawn(self._send_job(printer, job_id, title, data))

    async def _send_job(self, printer: _Printer, job_id: str, title: str, data: bytes) -> None:
        me = self.session.engine.me
        customer_id = me.id if me else ""
        sha = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
        news = JobChanged(job_id, customer_id, title, len(data), "sending")
        try:
            self.session.send_to(
                printer.agent_id,
                PrintJob(
                    offer=printer.offer_id, job=job_id, size=len(data), sha256=sha, title=title
                ),
            )
            printer.jobs[job_id] = title
            self.session.engine.publish(news)
            size = str(len(data))
            self._audit("printing.job_sent", agent=printer.agent_id, job=job_id, size=size)
            channel = self.session.channel(printer.agent_id, ChannelName.BULK)
            view = memoryview(data)
            for offset in range(0, len(data), frames.MAX_PAYLOAD_BYTES):
                if self.printer is not printer or job_id not in printer.jobs:
                    return  # removed, or refused by the agent's side meanwhile
                chunk = view[offset : offset + frames.MAX_PAYLOAD_BYTES]
                await channel.write(frames.encode(job_id, offset, chunk))
        except ConnectionError:
            printer.jobs.pop(job_id, None)
            self.session.engine.publish(
                JobChanged(job_id, customer_id, title, len(data), "refused", str(Why.LINK_LOST))
            )

    def _job_ended(self, remote_id: str, ended: PrintJobEnded) -> None:
        printer = self.printer
        me = self.session.engine.me
        if printer is None or me is None or remote_id != printer.agent_id:
            return
        title = printer.jobs.pop(ended.job, None)
        if title is None:
            return
        reason = ended.reason if ended.reason in tuple(Why) else str(Why.PRINT_FAILED)
        stage = "refused" if ended.reason else "printed"
        self.session.engine.publish(
            JobChanged(ended.job, me.id, title, 0, stage, reason if ended.reason else "")
        )

    def _agent_off(self, remote_id: str, off: PrintOff) -> None:
        printer = self.printer
        if printer is not None and printer.agent_id == remote_id and printer.offer_id == off.id:
            self.session.spawn(self._remove(Why.TURNED_OFF, tell=False))

    # --- the session's hooks ----------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        customer_side = self._customer_side()
        match message:
            case PrintOffer() if customer_side:
                self._offered(remote_id, message)
            case PrintOff() if customer_side:
                self._agent_off(remote_id, message)
            case PrintJobEnded() if customer_side:
                self._job_ended(remote_id, message)
            case PrintReady() if not customer_side:
                self._ready(remote_id, message)
            case PrintUnavailable() | PrintOff() if not customer_side:
                self._unavailable(remote_id, message)
            case PrintJob() if not customer_side:
                self._job_announced(remote_id, message)
            case _:
                log.warning("dropped %s from %s: not theirs to send", message.type, remote_id)

    def on_link_up(self, remote_id: str) -> None:
        if remote_id in self.offers:
            self._watch(remote_id)

    def on_link_down(self, remote_id: str) -> None:
        if self._customer_side():
            if self.printer is not None and self.printer.agent_id == remote_id:
                self.session.spawn(self._remove(Why.LINK_LOST, tell=False))
        else:
            for job in [j for j in self.incoming.values() if j.customer_id == remote_id]:
                self._refuse_job(job, Why.LINK_LOST, tell=False)

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None:
        # The printer belongs to the agent in charge: it goes when control changes hands.
        if self._customer_side():
            if self.printer is not None and self.printer.agent_id != primary:
                self.session.spawn(self._remove(Why.TURNED_OFF, tell=True))
        else:
            me = self.session.engine.me
            if me is not None and me.id != primary:
                for customer_id in list(self.offers):
                    self.turn_off(customer_id, Why.TURNED_OFF)

    async def on_close(self) -> None:
        self.session.engine.unsubscribe(self._engine_event)
        await self._remove(Why.ENDED, tell=False)
        for job in list(self.incoming.values()):
            self._drop(job)
        self.offers.clear()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        if isinstance(message, PrintJob):
            job = self.incoming.get(message.job)
            if job is not None:
                self._refuse_job(job, Why.PRINT_FAILED, type(error).__name__)
        if isinstance(message, PrintOffer) and self._adding == message.id:
            self._adding = None

    def _audit(self, kind: str, **detail: str) -> None:
        me = self.session.engine.me
        self.session.engine.audit.record(kind, me.id if me is not None else "", **detail)
