"""File transfer throughput and memory, agent -> customer, over real aiortc between two processes
on loopback, with a bare aiortc data channel between the same two processes as the reference.

What runs where:

* this process: the orchestrator and a real support center (temp data dir, one agent account).
  The center carries signaling (offer, answer, candidates) and receives each side's audit notes
  (a few small messages per file); the file data goes straight from one peer process to the
  other and the center sees none of it. Its CPU during each phase is reported (``center_cpu_s``).
* an agent worker (this file with ``--worker agent``): ``AgentSession`` + ``FilesFeature``;
* a customer worker (``--worker customer``): ``CustomerSession`` + ``FilesFeature``, writing into
  a temp folder, the customer having allowed everything for the session (the engine's own
  consent path, "allow all", so no question per file).

Each worker takes commands on stdin and answers on stdout, one JSON object per line.

Phases, in this order, all in one run:

1. reference: a bare aiortc data channel (pre-negotiated, no ``Channel``, no file logic) between
   the two workers, on a connection of its own that keeps aiortc's SCTP as it is (our links
   acknowledge every second packet and reassemble without rescanning: transport/sctp_tuning.py);
   ``--ref-mib`` MiB of random bytes in 64 KiB messages, with the same back-pressure bound as
   our bulk channel (``BULK_MAX_BUFFERED``, woken at ``BULK_LOW_MARK``);
   timed from the first send to the last byte received.
2. reference_small_files (the ceiling for small files): the same bare channel and
   back-pressure carrying the small files' bytes (below), as many whole files a 64 KiB message
   as fit, the receiver writing each file to a new file in a folder (temporary name, then the
   rename; no sync) in worker threads, one hop per message: the least any receiver must do
   that never shows a half-written file. Timed from the first send to the last file renamed
   (``reference_small_files_mbps``).
3. large: one ``--large-mib`` MiB file of random bytes (150 MiB, the limit per file), timed from
   ``send_file`` (which hashes it) to the agent hearing the customer's verified ``done``.
4. small: ``--small-count`` files of ``--small-kib`` KiB (2,000 x 4 KiB), each with ``send_file``,
   ``--window`` of them in flight at once, timed from the first ``send_file`` to the last ``done``
   (``mbps_small_files_single``: one file at a time, each its own transfer).
5. small_group: the same files as their folder, one group (``trees.send_paths``: one question,
   small files in bundles of up to 64, a few bundles in flight, each written with one sync), as
   the advanced window sends a selection or a folder, which is how a user sends many files:
   timed from ``send_paths`` to the group's end (``mbps_small_files``, the figure the target is
   about).

Throughput is MiB/s (2**20 bytes a second) of file payload, like the reference. Memory: each
worker's peak RSS over the phase minus its RSS at the start of the phase (Linux: VmHWM, reset
through /proc/self/clear_refs). ``--profile DIR`` writes a cProfile of each side and phase there.

Where the time goes: each worker times the files feature's steps (``STEPS``: reading bundles on
the sender; writing them, creating files, flushing on the receiver) and each phase reports them
(``steps``: calls, wall and CPU seconds, first and last); before the group phase, and at the
start, the bench times plain file creations in its folder (``disk_create_us``): on this
machine's disk that cost swings from tens to more than a thousand microseconds a file, and
with it the small-file figures. (That is ext4 without a journal, as on this machine: a new file
skips each inode of its group freed in the last 60 s, 360 s while the freeing is not yet on
disk; a test run or a bench run, which delete thousands of files, leave a folder's group that
slow for minutes. Figures taken with ``disk_create_us`` above about 50 us measure that.)
``--folder DIR`` puts the bench's temporary folder (files sent
and received) in DIR instead of the system's temporary folder: another disk, or a tmpfs to see
what the disk costs. The figure that counts is on the real disk.

The reference is also timed, on the same channel, for a few bursts of only the small files'
bytes (``reference_burst_mbps``, the median): a burst of a few MiB after a pause does not run
at the rate of 100 MiB in a row, and varies much more from one to the next.

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import importlib
import json
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as a file, bench/ leads the path: the repository's root instead, or bench/queue.py would
# stand for the standard library's queue (which aiortc imports).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench import workers
from bench.workers import LOOPBACK, now
from shared.transport.ice import restrict_host_addresses

restrict_host_addresses([LOOPBACK])  # nothing leaves the machine

from aiortc import (
    RTCConfiguration,
    RTCDataChannel,
    RTCPeerConnection,
    RTCSessionDescription,
)

from csr_console.services.agent_session import AgentSession, sign_in
from customer_client.services.customer_session import CustomerSession
from shared.features.files.engine import (
    FilesFeature,
    Stage,
    TransferAborted,
    TransferDone,
    TransferFailed,
)
from shared.security.passwords import hash_password
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from shared.transport.center_link import CenterLink
from shared.transport.channels import (
    BULK_MAX_BUFFERED,
    MAX_CHANNEL_MESSAGE_BYTES,
)
from shared.transport.link import LinkState
from support_center.app import start_center
from support_center.config import CenterConfig

MIB = 1024 * 1024
AGENT_USER = "bench"
AGENT_PASSWORD = "bench password for loopback only"
STEP_TIMEOUT_S = 30.0
# Bursts of the small files' bytes on the reference's channel, each after this pause.
BURSTS = 3
BURST_PAUSE_S = 1.0
# Files the disk probe makes (create_cost_us): a few tenths of a second on a slow disk.
DISK_PROBE_FILES = 200
# A phase moving 150 MiB at a few MiB/s still ends well within this.
PHASE_TIMEOUT_S = 240.0
OVERALL_TIMEOUT_S = 900.0
# Targets (issue 10): against the bare channel's throughput, and RSS growth per side.
TARGET_LARGE = 0.8
TARGET_SMALL = 0.5
TARGET_RSS_MB = 50.0

Json = dict[str, Any]


# --- memory and CPU, per process ------------------------------------------------------------


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class Meter:
    """RSS at the start of a phase, and its peak since (the kernel's high-water mark)."""

    def __init__(self) -> None:
        self.rss_kib = 0
        self.cpu_s = 0.0
        self.profile: cProfile.Profile | None = None

    def start(self, profile: bool) -> None:
        # "5" resets VmHWM to the current RSS.
        with (
            contextlib.suppress(OSError),
            open("/proc/self/clear_refs", "w", encoding="ascii") as refs,
        ):
            refs.write("5")
        self.rss_kib = _status_kib("VmRSS")
        self.cpu_s = time.process_time()
        self.profile = cProfile.Profile() if profile else None
        if self.profile is not None:
            self.profile.enable()

    def stop(self, dump: str = "") -> Json:
        if self.profile is not None:
            self.profile.disable()
            if dump:
                self.profile.dump_stats(dump)
            self.profile = None
        peak = _status_kib("VmHWM")
        return {
            "rss_start_mb": round(self.rss_kib / 1024, 1),
            "rss_peak_mb": round(peak / 1024, 1),
            "rss_growth_mb": round(max(0, peak - self.rss_kib) / 1024, 1),
            "cpu_s": round(time.process_time() - self.cpu_s, 2),
        }


# --- where a phase's time goes, per process -------------------------------------------------

# (module, function, step): the files feature's steps a worker times by wrapping them (the
# bench only; a function the feature no longer has is left out). Sender: reading and hashing
# a bundle's files. Receiver: writing a bundle (verify, create, write, flush, name: one worker
# thread), and within it the files' creation, the file system's flush and the folders' flush.
STEPS = (
    ("shared.features.files.bundles", "_load", "read_bundles"),
    ("shared.features.files.bundles", "write_batch", "write_bundles"),
    ("shared.features.files.batch", "open_unnamed", "create_files"),
    ("shared.features.files.batch", "open_in_folder", "create_files"),
    ("shared.features.files.batch", "_sync_file_systems", "flush_file_system"),
    ("shared.features.files.batch", "sync_folder", "flush_folders"),
)


class Steps:
    """Calls, wall time and the calling thread's CPU of each step in ``STEPS`` since ``reset``,
    and when the first began and the last ended."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.since = now()
        self.totals: dict[str, list[float]] = {}  # calls, wall, CPU, first start, last end

    def install(self) -> None:
        for module_name, name, step in STEPS:
            module = importlib.import_module(module_name)
            inner = getattr(module, name, None)
            if callable(inner):
                setattr(module, name, self._timed(inner, step))

    def _timed(self, inner: Callable[..., Any], step: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started, cpu = now(), time.thread_time()
            try:
                return inner(*args, **kwargs)
            finally:
                ended, used = now(), time.thread_time() - cpu
                with self.lock:
                    total = self.totals.setdefault(step, [0, 0.0, 0.0, started, ended])
                    total[0] += 1
                    total[1] += ended - started
                    total[2] += used
                    total[4] = ended

        return timed

    def reset(self) -> None:
        with self.lock:
            self.since = now()
            self.totals.clear()

    def report(self) -> Json:
        with self.lock:
            return {
                step: {
                    "calls": int(calls),
                    "wall_s": round(wall, 3),
                    "cpu_s": round(cpu, 3),
                    "first_s": round(first - self.since, 3),
                    "last_s": round(last - self.since, 3),
                }
                for step, (calls, wall, cpu, first, last) in self.totals.items()
            }


def create_cost_us(folder: Path, count: int, size: int) -> float:
    """Microseconds a new file takes in ``folder`` now (create, write ``size`` bytes, close; no
    sync), the least a receiver pays per file. On some disks it swings a lot: on ext4 without a
    journal (as here) a new file skips every inode of its block group freed in the last minute
    or so, one by one. The files are kept until the run ends: deleting them would slow what
    follows for that reason."""
    folder.mkdir()
    payload = os.urandom(size)
    started = now()
    for n in range(count):
        fd = os.open(folder / f"p{n:05d}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, payload)
        finally:
            os.close(fd)
    return round((now() - started) / count * 1e6, 1)


# --- the workers ----------------------------------------------------------------------------


class Bare:
    """One end of the reference: a pre-negotiated aiortc data channel and nothing else."""

    def __init__(self) -> None:
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.channel: RTCDataChannel = self.pc.createDataChannel("bulk", negotiated=True, id=1)
        self.opened = asyncio.Event()
        self.room = asyncio.Event()
        self.channel.on("open", self.opened.set)
        self.channel.on("bufferedamountlow", self.room.set)
        self.got = 0
        self.expected = 0
        self.all_in = asyncio.Event()
        self.last_at = 0.0
        self.channel.on("message", self._arrived)

    def _arrived(self, data: bytes | str) -> None:
        self.got += len(data)
        if self.expected and self.got >= self.expected:
            self.last_at = now()
            self.all_in.set()

    async def send(self, size: int, bound: int) -> float:
        """``size`` bytes, 64 KiB at a time, never more than ``bound`` queued."""
        await asyncio.wait_for(self.opened.wait(), STEP_TIMEOUT_S)
        payload = os.urandom(size)
        view = memoryview(payload)
        self.channel.bufferedAmountLowThreshold = max(0, bound - MAX_CHANNEL_MESSAGE_BYTES)
        started = now()
        for offset in range(0, size, MAX_CHANNEL_MESSAGE_BYTES):
            while self.channel.bufferedAmount + MAX_CHANNEL_MESSAGE_BYTES > bound:
                self.room.clear()
                await self.room.wait()
            self.channel.send(bytes(view[offset : offset + MAX_CHANNEL_MESSAGE_BYTES]))
        return started


class BareFiles(Bare):
    """The small files' ceiling: the reference's channel carrying whole files, as many as fit in
    a 64 KiB message, the receiver writing each to a new file in a folder (temporary name, then
    the rename; no sync), one worker-thread hop per message (asyncio's default executor, as
    ours: several messages may be written at once, on both cores): the least any receiver that
    never shows a half-written file must do."""

    def __init__(self, folder: Path | None = None, file_size: int = 0, count: int = 0) -> None:
        super().__init__()
        self.folder = folder
        self.file_size = file_size
        self.count = count
        self.written = 0
        self.next_index = 0
        self.writer_wall_s = 0.0  # in the writes, and the writer threads' CPU there
        self.writer_cpu_s = 0.0
        self.lock = threading.Lock()

    def _arrived(self, data: bytes | str) -> None:
        assert isinstance(data, bytes) and self.folder is not None
        first = self.next_index
        self.next_index += len(data) // self.file_size
        loop = asyncio.get_running_loop()
        done = loop.run_in_executor(None, self._write, data, first)
        done.add_done_callback(self._wrote)

    def _write(self, data: bytes, first: int) -> int:
        folder, size = self.folder, self.file_size
        assert folder is not None
        wall, cpu = now(), time.thread_time()
        view = memoryview(data)
        for n, offset in enumerate(range(0, len(data), size)):
            temp = folder / f".f{first + n:05d}.part"
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            try:
                os.write(fd, view[offset : offset + size])
            finally:
                os.close(fd)
            os.rename(temp, folder / f"f{first + n:05d}.bin")
        with self.lock:
            self.writer_wall_s += now() - wall
            self.writer_cpu_s += time.thread_time() - cpu
        return len(data) // size

    def _wrote(self, done: asyncio.Future[int]) -> None:
        self.written += done.result()
        if self.written >= self.count:
            self.last_at = now()
            self.all_in.set()

    async def send_files(self, paths: list[Path], bound: int) -> float:
        """The files' bytes, as many whole files a message as fit in 64 KiB, never more than
        ``bound`` queued; each message's files read just before it is sent."""
        await asyncio.wait_for(self.opened.wait(), STEP_TIMEOUT_S)
        self.channel.bufferedAmountLowThreshold = max(0, bound - MAX_CHANNEL_MESSAGE_BYTES)
        per_message = max(1, MAX_CHANNEL_MESSAGE_BYTES // max(1, self.file_size))
        started = 0.0
        for start in range(0, len(paths), per_message):
            message = b"".join(_read(p) for p in paths[start : start + per_message])
            while self.channel.bufferedAmount + len(message) > bound:
                self.room.clear()
                await self.room.wait()
            started = started or now()
            self.channel.send(message)
        return started


def _read(path: Path) -> bytes:
    """A small file (under 1 MiB) in as few system calls as ours reads one (bundles.py): open,
    read, close."""
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.read(fd, MIB)
    finally:
        os.close(fd)


class Worker:
    """A worker's state: its session, its files part, its meter, the reference's end."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.session: LiveSession | None = None
        self.files: FilesFeature | None = None
        self.meter = Meter()
        self.steps = Steps()
        self.bare: Bare | None = None
        self.bare_files: BareFiles | None = None
        self.peer_id = ""
        self.waiting: dict[str, asyncio.Future[str]] = {}
        self.done_at: list[float] = []
        self.failures: list[str] = []

    def _event(self, event: object) -> None:
        if isinstance(event, TransferDone | TransferFailed | TransferAborted):
            if isinstance(event, TransferDone):
                self.done_at.append(now())
            else:
                self.failures.append(f"{event.name}: {getattr(event, 'reason', 'aborted')}")
            future = self.waiting.pop(event.id, None)
            if future is not None and not future.done():
                future.set_result(type(event).__name__)

    def _attach(self, session: LiveSession, inbox: Path | None, audit_notes: bool) -> None:
        self.session = session
        if not audit_notes:  # diagnosis only: what the notes to the center cost
            session.engine.audit.listeners.remove(session._audit_to_center)
        self.files = FilesFeature(session)
        if inbox is not None:
            self.files.inbox = inbox
        session.engine.subscribe(self._event)

    async def handle(self, command: Json) -> Json:
        name = command["cmd"]
        if name == "bare_offer":
            self.bare = Bare()
            await self.bare.pc.setLocalDescription(await self.bare.pc.createOffer())
            return {"sdp": self.bare.pc.localDescription.sdp}
        if name == "bare_answer":
            self.bare = Bare()
            self.bare.expected = int(command["size"])
            offer = RTCSessionDescription(sdp=command["sdp"], type="offer")
            await self.bare.pc.setRemoteDescription(offer)
            await self.bare.pc.setLocalDescription(await self.bare.pc.createAnswer())
            return {"sdp": self.bare.pc.localDescription.sdp}
        if name == "bare_send":
            assert self.bare is not None
            answer = RTCSessionDescription(sdp=command["sdp"], type="answer")
            await self.bare.pc.setRemoteDescription(answer)
            size, bound = int(command["size"]), int(command["bound"])
            return {"started": await self.bare.send(size, bound)}
        if name == "bare_expect":  # the customer: the next ``size`` bytes are a new burst
            assert self.bare is not None
            self.bare.expected = self.bare.got + int(command["size"])
            self.bare.all_in.clear()
            return {}
        if name == "bare_burst":  # the agent: ``size`` more bytes on the open reference channel
            assert self.bare is not None
            return {"started": await self.bare.send(int(command["size"]), int(command["bound"]))}
        if name == "bare_wait":
            assert self.bare is not None
            await asyncio.wait_for(self.bare.all_in.wait(), PHASE_TIMEOUT_S)
            return {"ended": self.bare.last_at}
        if name == "bare_files_offer":
            self.bare_files = BareFiles(file_size=int(command["file_size"]))
            pc = self.bare_files.pc
            await pc.setLocalDescription(await pc.createOffer())
            return {"sdp": pc.localDescription.sdp}
        if name == "bare_files_answer":
            folder, size = Path(command["folder"]), int(command["file_size"])
            self.bare_files = BareFiles(folder, size, int(command["count"]))
            pc = self.bare_files.pc
            await pc.setRemoteDescription(RTCSessionDescription(sdp=command["sdp"], type="offer"))
            await pc.setLocalDescription(await pc.createAnswer())
            return {"sdp": pc.localDescription.sdp}
        if name == "bare_files_send":
            assert self.bare_files is not None
            answer = RTCSessionDescription(sdp=command["sdp"], type="answer")
            await self.bare_files.pc.setRemoteDescription(answer)
            paths = [Path(p) for p in command["paths"]]
            return {"started": await self.bare_files.send_files(paths, int(command["bound"]))}
        if name == "bare_files_wait":
            assert self.bare_files is not None
            await asyncio.wait_for(self.bare_files.all_in.wait(), PHASE_TIMEOUT_S)
            bare = self.bare_files
            return {
                "ended": bare.last_at,
                "writer_wall_s": round(bare.writer_wall_s, 3),
                "writer_cpu_s": round(bare.writer_cpu_s, 3),
            }
        if name == "bare_files_close":
            if self.bare_files is not None:
                await self.bare_files.pc.close()
                self.bare_files = None
            return {}
        if name == "bare_close":
            if self.bare is not None:
                await self.bare.pc.close()
                self.bare = None
            return {}
        if name == "start":  # the agent: sign in, start a session
            link = CenterLink(command["url"], command["fingerprint"])
            account = await sign_in(link, AGENT_USER, AGENT_PASSWORD)
            agent = AgentSession(link, account)
            self._attach(agent, None, bool(command["audit_notes"]))
            started = await agent.start()
            return {"number": started.number}
        if name == "join":  # the customer: join, allow everything for the session
            customer = CustomerSession(CenterLink(command["url"], command["fingerprint"]))
            self._attach(customer, Path(command["inbox"]), bool(command["audit_notes"]))

            async def allow_all(_request: ConsentRequest) -> ConsentAnswer:
                return ConsentAnswer(granted=True, allow_all=True)

            customer.consent.ask = allow_all
            await customer.join(int(command["number"]), "Bench customer")
            await customer.wait_connected(STEP_TIMEOUT_S)
            return {}
        if name == "wait_linked":
            await self._wait_linked()
            return {"peer": self.peer_id}
        if name == "mark":
            self.done_at.clear()
            self.failures.clear()
            self.meter.start(bool(command.get("profile")))
            self.steps.reset()
            return {}
        if name == "measure":
            return {**self.meter.stop(str(command.get("dump", ""))), "steps": self.steps.report()}
        if name == "send":
            return await self._send([Path(p) for p in command["paths"]], int(command["window"]))
        if name == "send_group":
            return await self._send_group(Path(command["folder"]))
        if name == "received":
            return {"done": len(self.done_at), "failures": self.failures[:5]}
        raise ValueError(f"unknown command {name!r}")

    async def _wait_linked(self) -> None:
        session = self.session
        assert session is not None
        deadline = now() + STEP_TIMEOUT_S
        while True:
            me = session.engine.me
            others = [p for p in session.engine.present() if me is None or p.id != me.id]
            link = session.links.get(others[0].id) if others else None
            if link is not None and link.state == LinkState.OPEN:
                self.peer_id = others[0].id
                return
            if now() > deadline:
                raise TimeoutError("the peer link did not open")
            await asyncio.sleep(0.01)

    async def _send(self, paths: list[Path], window: int) -> Json:
        """Send every path, ``window`` at a time, each until the customer says it is done."""
        files = self.files
        assert files is not None and self.peer_id
        room = asyncio.Semaphore(window)
        loop = asyncio.get_running_loop()
        offered: list[float] = []

        async def one(path: Path) -> str:
            async with room:
                transfer = await files.send_file(self.peer_id, path)
                offered.append(now())
                future: asyncio.Future[str] = loop.create_future()
                self.waiting[transfer.id] = future
                return await future

        started = now()
        outcomes = await asyncio.wait_for(asyncio.gather(*(one(p) for p in paths)), PHASE_TIMEOUT_S)
        return {
            "started": started,
            "first_offered": min(offered),
            "ended": now(),
            "done": outcomes.count("TransferDone"),
            "failures": self.failures[:5],
        }

    async def _send_group(self, folder: Path) -> Json:
        """The whole folder as one group (one question, files offered a few at a time), as the
        advanced window sends a selection or a folder; until the group has ended."""
        files = self.files
        assert files is not None and self.peer_id
        trees = getattr(files, "trees", None)
        if trees is None:
            return {"missing": True}
        started = now()
        group = await trees.send_paths(self.peer_id, [folder])
        offered = now()
        deadline = started + PHASE_TIMEOUT_S
        while group.stage not in (Stage.DONE, Stage.FAILED, Stage.ABORTED):
            if now() > deadline:
                raise TimeoutError("the group did not end")
            await asyncio.sleep(0.005)
        return {
            "started": started,
            "first_offered": offered,
            "ended": now(),
            "done": group.done,
            "failures": [group.reason] if group.stage != Stage.DONE else [],
        }


async def worker_main(role: str) -> None:
    restrict_host_addresses([LOOPBACK])
    worker = Worker(role)
    worker.steps.install()
    await workers.answer_commands(worker)


# --- the orchestrator -----------------------------------------------------------------------


class Process:
    """A worker process, seen from the orchestrator."""

    def __init__(self, role: str, process: asyncio.subprocess.Process) -> None:
        self.role = role
        self.process = process

    @classmethod
    async def spawn(cls, role: str) -> Process:
        script = str(Path(__file__).resolve())
        return cls(role, await workers.spawn(script, "--worker", role, limit=16 * MIB))

    async def ask(self, cmd: str, timeout: float = STEP_TIMEOUT_S, **args: Any) -> Json:
        try:
            answer = await workers.ask(self.process, {"cmd": cmd, **args}, timeout)
        except TimeoutError:
            raise RuntimeError(f"the {self.role} did not answer {cmd!r} in time") from None
        except EOFError:
            raise RuntimeError(f"the {self.role}'s process ended") from None
        if not answer.pop("ok"):
            raise RuntimeError(f"{self.role} {cmd}: {answer.get('error')}")
        return answer

    async def stop(self) -> None:
        await workers.stop(self.process, lambda: self.ask("quit", timeout=10.0), 10.0)


def random_file(path: Path, size: int) -> Path:
    with path.open("wb") as file:
        for _ in range(size // MIB):
            file.write(os.urandom(MIB))
        file.write(os.urandom(size % MIB))
    return path


def udp_receive_drops() -> int | None:
    """Datagrams the kernel dropped for a full socket buffer since it started, all sockets
    (Linux's ``RcvbufErrors``); None elsewhere. A phase with many was slowed by SCTP waiting
    for its retransmission timer, not by the code under test."""
    try:
        with open("/proc/net/snmp") as file:
            rows = [line.split() for line in file if line.startswith("Udp:")]
        return int(rows[1][rows[0].index("RcvbufErrors")])
    except (OSError, ValueError, IndexError):
        return None


def _drops_since(before: int | None) -> int | None:
    after = udp_receive_drops()
    return None if before is None or after is None else after - before


def mibps(size: int, seconds: float) -> float:
    return round(size / MIB / seconds, 2) if seconds > 0 else 0.0


async def reference(agent: Process, customer: Process, size: int, burst: int) -> Json:
    """The bare channel's throughput for ``size`` bytes; then, on the same channel, for
    ``BURSTS`` bursts of ``burst`` bytes (the small files' bytes), each after a pause as between
    two phases: what the channel alone does with as few bytes as the small-file phases move."""
    offer = await agent.ask("bare_offer")
    answer = await customer.ask("bare_answer", sdp=offer["sdp"], size=size)
    waiting = asyncio.ensure_future(customer.ask("bare_wait", PHASE_TIMEOUT_S))
    sent = await agent.ask(
        "bare_send", PHASE_TIMEOUT_S, sdp=answer["sdp"], size=size, bound=BULK_MAX_BUFFERED
    )
    ended = (await waiting)["ended"]
    bursts: list[float] = []
    for _ in range(BURSTS if burst else 0):
        await asyncio.sleep(BURST_PAUSE_S)
        await customer.ask("bare_expect", size=burst)
        arrived = asyncio.ensure_future(customer.ask("bare_wait", PHASE_TIMEOUT_S))
        started = await agent.ask(
            "bare_burst", PHASE_TIMEOUT_S, size=burst, bound=BULK_MAX_BUFFERED
        )
        bursts.append(mibps(burst, (await arrived)["ended"] - started["started"]))
    await agent.ask("bare_close")
    await customer.ask("bare_close")
    seconds = ended - sent["started"]
    return {
        "mib": size / MIB,
        "seconds": round(seconds, 3),
        "mbps": mibps(size, seconds),
        "burst_mib": round(burst / MIB, 2),
        "bursts_mbps": bursts,
    }


async def reference_small_files(
    agent: Process, customer: Process, paths: list[Path], file_size: int, folder: Path
) -> Json:
    """The small files over the bare channel, each written to a file of its own on arrival."""
    offer = await agent.ask("bare_files_offer", file_size=file_size)
    answer = await customer.ask(
        "bare_files_answer",
        sdp=offer["sdp"],
        folder=str(folder),
        file_size=file_size,
        count=len(paths),
    )
    waiting = asyncio.ensure_future(customer.ask("bare_files_wait", PHASE_TIMEOUT_S))
    sent = await agent.ask(
        "bare_files_send",
        PHASE_TIMEOUT_S,
        sdp=answer["sdp"],
        paths=[str(p) for p in paths],
        bound=BULK_MAX_BUFFERED,
    )
    arrived = await waiting
    ended = arrived["ended"]
    await agent.ask("bare_files_close")
    await customer.ask("bare_files_close")
    seconds = ended - sent["started"]
    total = file_size * len(paths)
    return {
        "files": len(paths),
        "bytes": total,
        "seconds": round(seconds, 3),
        "mbps": mibps(total, seconds),
        "files_per_s": round(len(paths) / seconds, 1) if seconds > 0 else 0.0,
        "on_disk": sum(1 for _ in folder.glob("f*.bin")),
        # The receiver's writer threads: time inside the writes, and their CPU (kernel + Python).
        "writer_wall_s": arrived["writer_wall_s"],
        "writer_cpu_s": arrived["writer_cpu_s"],
    }


async def measured(
    agent: Process,
    customer: Process,
    phase: str,
    profile_dir: str,
    body: Callable[[], Awaitable[Json]],
) -> Json:
    """``body`` with both sides' RSS peak and CPU measured (and profiled, if asked). The
    disk is flushed first: what earlier phases and the probes wrote (thousands of files left
    dirty, written out after 30 s on Linux) would otherwise be flushed by the phase's own
    syncs, syncfs flushing the whole file system, and counted as its time."""
    await asyncio.to_thread(os.sync)
    for side in (agent, customer):
        await side.ask("mark", profile=bool(profile_dir))
    center_cpu = time.process_time()
    drops = udp_receive_drops()
    result = await body()
    result["udp_receive_drops"] = _drops_since(drops)
    # This process: the center, which gets the audit notes of every transfer (and the bench).
    result["center_cpu_s"] = round(time.process_time() - center_cpu, 2)
    for side in (agent, customer):
        dump = str(Path(profile_dir) / f"{side.role}-{phase}.prof") if profile_dir else ""
        result[side.role] = await side.ask("measure", dump=dump)
    result["received"] = await customer.ask("received")
    return result


async def send_phase(
    agent: Process, paths: list[Path], window: int, total: int, group: bool = False
) -> Json:
    if group:
        sent = await agent.ask("send_group", PHASE_TIMEOUT_S, folder=str(paths[0].parent))
        if sent.get("missing"):
            return {"missing": True}
    else:
        sent = await agent.ask(
            "send", PHASE_TIMEOUT_S, paths=[str(p) for p in paths], window=window
        )
    seconds = sent["ended"] - sent["started"]
    return {
        "files": len(paths),
        "bytes": total,
        "window": window,
        "seconds": round(seconds, 3),
        "mbps": mibps(total, seconds),
        "files_per_s": round(len(paths) / seconds, 1) if seconds > 0 else 0.0,
        # Hashing the first file and offering it: before any byte moves.
        "first_offer_s": round(sent["first_offered"] - sent["started"], 3),
        "done": sent["done"],
        "failures": sent["failures"],
    }


async def run(args: argparse.Namespace) -> Json:
    results: Json = {
        "audit_notes_to_center": not args.no_audit_notes,
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
        "disk_create_us": {},
    }
    parent = args.folder or None  # None: the system's temporary folder
    with tempfile.TemporaryDirectory(prefix="tandem-bench-files-", dir=parent) as folder:
        root = Path(folder)
        results["folder"] = folder
        (root / "center").mkdir()
        config = CenterConfig(data_dir=root / "center", host=LOOPBACK, port=0, ice_servers=[])
        center = await start_center(config)
        center.store.add_agent(AGENT_USER, "Bench Agent", hash_password(AGENT_PASSWORD))
        agent = await Process.spawn("agent")
        customer = await Process.spawn("customer")
        try:
            print(
                f"support center on {center.url}; agent pid {agent.process.pid}, "
                f"customer pid {customer.process.pid}"
            )
            ref_size = int(args.ref_mib * MIB)
            small_bytes = args.small_count * args.small_kib * 1024
            drops = udp_receive_drops()
            ref = await reference(agent, customer, ref_size, small_bytes)
            ref["udp_receive_drops"] = _drops_since(drops)
            print(
                f"reference, bare aiortc channel: {ref['mbps']} MiB/s ({ref['mib']:g} MiB); "
                f"the same channel, {ref['burst_mib']:g} MiB at a time: {ref['bursts_mbps']} MiB/s"
            )
            results["reference"] = ref

            sources = root / "agent"
            sources.mkdir()
            large_size = int(args.large_mib * MIB)
            large = random_file(sources / "large.bin", large_size)
            small_dir = sources / "small"
            small_dir.mkdir()
            small_size = args.small_kib * 1024
            smalls = [
                random_file(small_dir / f"f{i:05d}.bin", small_size)
                for i in range(args.small_count)
            ]
            inbox = root / "inbox"
            inbox.mkdir()
            disk = results["disk_create_us"]
            disk["at_start"] = create_cost_us(root / "probe-start", DISK_PROBE_FILES, small_size)

            ceiling_inbox = root / "ceiling"
            ceiling_inbox.mkdir()
            drops = udp_receive_drops()
            ceiling = await reference_small_files(
                agent, customer, smalls, small_size, ceiling_inbox
            )
            ceiling["udp_receive_drops"] = _drops_since(drops)
            print(
                f"the small files over the bare channel, each written to its own file: "
                f"{ceiling['mbps']} MiB/s, {ceiling['files_per_s']} files/s"
            )
            results["reference_small_files"] = ceiling

            notes = not args.no_audit_notes
            started = await agent.ask(
                "start", url=center.url, fingerprint=center.fingerprint, audit_notes=notes
            )
            await customer.ask(
                "join",
                url=center.url,
                fingerprint=center.fingerprint,
                number=started["number"],
                inbox=str(inbox),
                audit_notes=notes,
            )
            await agent.ask("wait_linked")
            await customer.ask("wait_linked")

            large_result = await measured(
                agent,
                customer,
                "large",
                args.profile,
                lambda: send_phase(agent, [large], 1, large_size),
            )
            print(
                f"one {args.large_mib:g} MiB file: {large_result['mbps']} MiB/s "
                f"in {large_result['seconds']} s"
            )
            results["large"] = large_result
            # The large file stays until the run ends, like the probes: freeing 150 MiB on this
            # disk (ext4 mounted with discard, no journal) slowed the phases after it by a tenth.

            small_result = await measured(
                agent,
                customer,
                "small",
                args.profile,
                lambda: send_phase(agent, smalls, args.window, small_size * len(smalls)),
            )
            print(
                f"{len(smalls)} files of {args.small_kib} KiB: {small_result['mbps']} MiB/s, "
                f"{small_result['files_per_s']} files/s"
            )
            results["small"] = small_result

            disk["before_group"] = create_cost_us(
                root / "probe-group", DISK_PROBE_FILES, small_size
            )
            print(
                f"a new file of {args.small_kib} KiB on this disk now: "
                f"{disk['before_group']:g} us (at the start: {disk['at_start']:g} us)"
            )
            group_result = await measured(
                agent,
                customer,
                "group",
                args.profile,
                lambda: send_phase(agent, smalls, 0, small_size * len(smalls), group=True),
            )
            if not group_result.get("missing"):
                print(
                    f"the same files as one group (the folder): {group_result['mbps']} MiB/s, "
                    f"{group_result['files_per_s']} files/s"
                )
            results["small_group"] = group_result
        finally:
            await agent.stop()
            await customer.stop()
            await center.stop()

    ref_mbps = results["reference"]["mbps"]
    bursts = results["reference"]["bursts_mbps"]
    phases = ["large", "small"] + ([] if results["small_group"].get("missing") else ["small_group"])
    growth = {
        side: max(results[phase][side]["rss_growth_mb"] for phase in phases)
        for side in ("agent", "customer")
    }
    results.update(
        {
            "mbps_large": results["large"]["mbps"],
            # As one group (their folder, in bundles): how a user sends many files; and each
            # file on its own (send_file, a window in flight).
            "mbps_small_files": results["small_group"].get("mbps", 0.0),
            "mbps_small_files_single": results["small"]["mbps"],
            "reference_mbps": ref_mbps,
            # The bare channel with only the small files' bytes (the median of a few bursts).
            "reference_burst_mbps": statistics.median(bursts) if bursts else 0.0,
            # The ceiling for small files: the bare channel, each file written on arrival.
            "reference_small_files_mbps": results["reference_small_files"]["mbps"],
            "peak_rss_growth_mb": max(growth.values()),
            "peak_rss_growth_mb_by_side": growth,
            "sctp": "reference: aiortc as it is; our links: a SACK every second packet, "
            "reassembly without rescans (shared/transport/sctp_tuning.py)",
            "data_path": "peer to peer; the center relays signaling and gets audit notes only",
        }
    )
    results["targets"] = {
        "large_vs_reference": round(results["mbps_large"] / ref_mbps, 2),
        "large_met": results["mbps_large"] >= TARGET_LARGE * ref_mbps,
        # The group (the folder sent as one, in bundles) against the bare channel.
        "small_vs_reference": round(results["mbps_small_files"] / ref_mbps, 2),
        "small_met": results["mbps_small_files"] >= TARGET_SMALL * ref_mbps,
        "small_single_vs_reference": round(results["mbps_small_files_single"] / ref_mbps, 2),
        "reference_small_files_vs_reference": round(
            results["reference_small_files_mbps"] / ref_mbps, 2
        ),
        "small_vs_reference_small_files": round(
            results["mbps_small_files"] / results["reference_small_files_mbps"], 2
        ),
        # Against the bare channel moving as few bytes as the small files, at the same time.
        "small_vs_reference_burst": round(
            results["mbps_small_files"] / max(results["reference_burst_mbps"], 0.01), 2
        ),
        "memory_met": results["peak_rss_growth_mb"] <= TARGET_RSS_MB,
    }
    return results


def summary(results: Json) -> None:
    ref = results["reference_mbps"]
    targets = results["targets"]
    print(
        f"reference {ref} MiB/s; large {results['mbps_large']} MiB/s "
        f"({targets['large_vs_reference']:.0%}, target {TARGET_LARGE:.0%}); small files "
        f"as a folder {results['mbps_small_files']} MiB/s ({targets['small_vs_reference']:.0%}, "
        f"target {TARGET_SMALL:.0%}), one by one {results['mbps_small_files_single']} MiB/s; "
        f"the small files over the bare channel {results['reference_small_files_mbps']} MiB/s "
        f"({targets['reference_small_files_vs_reference']:.0%}); the bare channel "
        f"{results['reference']['burst_mib']:g} MiB at a time {results['reference_burst_mbps']} "
        f"MiB/s (small files as a folder: {targets['small_vs_reference_burst']:.0%} of it)"
    )
    for phase in ("large", "small", "small_group"):
        if results[phase].get("missing"):
            continue
        for side in ("agent", "customer"):
            m = results[phase][side]
            print(
                f"  {phase:<5} {side:<8} RSS +{m['rss_growth_mb']} MB "
                f"(peak {m['rss_peak_mb']} MB), CPU {m['cpu_s']} s"
            )
    print(f"peak RSS growth {results['peak_rss_growth_mb']} MB (target <= {TARGET_RSS_MB:g} MB)")
    group = results["small_group"]
    if not group.get("missing"):
        print(f"where the group's {group['seconds']} s went (wall s, CPU s; from .. to, in s):")
        print(f"  sender: listing the folder {group['first_offer_s']}")
        for side in ("agent", "customer"):
            for step, t in group[side].get("steps", {}).items():
                print(
                    f"  {side}: {step} x{t['calls']}: {t['wall_s']} (CPU {t['cpu_s']}), "
                    f"{t['first_s']} .. {t['last_s']}"
                )


async def run_with_deadline(args: argparse.Namespace) -> Json:
    return await asyncio.wait_for(run(args), OVERALL_TIMEOUT_S)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--large-mib", type=float, default=150.0, help="the large file (MiB)")
    parser.add_argument("--small-count", type=int, default=2000, help="how many small files")
    parser.add_argument("--small-kib", type=int, default=4, help="each small file (KiB)")
    parser.add_argument("--window", type=int, default=16, help="small files in flight at once")
    parser.add_argument("--ref-mib", type=float, default=100.0, help="reference size (MiB)")
    parser.add_argument("--profile", default="", help="write cProfile stats to this folder")
    parser.add_argument(
        "--folder",
        default="",
        help="make the bench's temporary folder (the files sent, the ones received) in this "
        "folder instead of the system's temporary folder, e.g. on another disk or a tmpfs",
    )
    parser.add_argument(
        "--no-audit-notes",
        action="store_true",
        help="diagnosis: the peers keep their audit but send no notes to the center",
    )
    parser.add_argument("--worker", choices=("agent", "customer"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    if args.worker:
        asyncio.run(worker_main(args.worker))
        return 0
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
    try:
        results = asyncio.run(run_with_deadline(args))
    except Exception as exc:
        print(f"bench FAILED: {type(exc).__name__}: {exc}")
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 1
    summary(results)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
