"""Memory over a long day: RSS of the console and of the client over many views and a long control.

What runs where (all on this machine, loopback only):

* two private Xvfb 1920×1080: the agent's and the customer's machine;
* on the customer's display the scripted workload of ``bench/desktop.py`` (``bench/workload.py``,
  ``--hz`` ticks a second): the shared screen keeps changing;
* the **console** process (this file, ``--worker console``): the real console app
  (``csr_console.main.Console``) on the agent's display, signed in to the center, one session;
  it asks through the same registry actions as its buttons, and each view opens the real viewer
  window (full screen, as the manual's default) that paints every frame;
* the **customer** process (``--worker customer``): the real client app
  (``customer_client.main.create_client``) on the customer's display, joined to that session; it
  answers the first consent dialog with "allow everything in this session", as a customer may;
* this process: an in-process support center (temp data dir, one agent account), the commands
  to both apps, and RSS of both (psutil).

Then: ``--cycles`` view start/stop cycles (ask, consent, first frame painted in the viewer, the
viewer's Stop button, the viewer gone); then ``--minutes`` of control with the pointer moving
over the viewer (real pointer motion on the agent's display, sent as input to the customer's),
RSS each minute, Stop, RSS at the end. RSS is read once both apps are done with the activity
that ended (each has dropped its parts and given their memory back, the console's viewer window
is deleted): what stays then is what a view leaves behind.

Growth per 10 cycles is the least-squares slope of RSS over every cycle from ``WARMUP_CYCLES``
on: the first views load libraries, codecs, fonts and caches once, which is no leak, and one
reading may be some MB off either way (the allocator's own timing), a slope over 40 is not.
Printed: RSS at the start, after the warm-up, every 10 cycles, each minute of control, the end.

Both apps run ``shared.media.memory.one_heap`` first, as their ``main`` does: without it each
thread's own glibc arena kept the top of its heap (frames freed there, 8 MB each) out of
``malloc_trim``'s reach, and the console's readings swung ±10 MB from view to view, with steps
that held for dozens of views (``shared/media/memory.py`` tells the story).

The last line printed is one JSON object with every figure. Run: ``python bench/soak.py``
(``--cycles 12 --minutes 1`` for a quick look; ``--census`` adds counts of live objects;
``--smaps DIR`` saves both apps' ``/proc/<pid>/smaps`` and glibc's ``malloc_info`` at each
sample, to see where memory sits below Python).
"""

from __future__ import annotations

import argparse
import asyncio
import faulthandler
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as a file, bench/ leads the path: the repository's root instead, or bench/queue.py would
# stand for the standard library's queue (which aiortc imports).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench.desktop import LOOPBACK, Worker, send, start_xvfb, stop_workers
from shared.transport.ice import HOST_ADDRESSES_ENV, restrict_host_addresses

WARMUP_CYCLES = 10
STEP_TIMEOUT_S = 30.0
POLL_MS = 10
# The pointer moves over the viewer this often during control (real motion events).
POINTER_INTERVAL_MS = 100
# Objects counted by ``--census``: what one activity makes on either side.
CENSUS_TYPES = frozenset(
    {
        "RTCPeerConnection",
        "RTCRtpReceiver",
        "RTCRtpSender",
        "RTCRtpTransceiver",
        "MediaReceiver",
        "MediaSender",
        "ScreenTrack",
        "ScreenSender",
        "H264Decoder",
        "H264Encoder",
        "ScreenH264Encoder",
        "MarkerJitterBuffer",
        "RemoteViewer",
        "RemoteScreenView",
        "DecodedFrame",
        "PaintableFrame",
        "VideoFrame",
        "ThreadPoolExecutor",
        "Thread",
        "Task",
    }
)


def census() -> dict[str, int]:
    """Live objects of ``CENSUS_TYPES`` and threads, in this process."""
    import psutil

    gc.collect()  # count what is kept, not garbage waiting for the collector
    counts = Counter(name for o in gc.get_objects() if (name := type(o).__name__) in CENSUS_TYPES)
    counts["os_threads"] = psutil.Process().num_threads()
    return dict(sorted(counts.items()))


def malloc_info(path: str) -> dict[str, Any]:
    """glibc's own account of its arenas (XML) written to ``path``: what is free where."""
    import ctypes

    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    stream = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    return {}


# --- the two apps ---------------------------------------------------------------------------


@dataclass
class Waiting:
    """A command's reply waits for ``condition``; then ``then()`` gives it (or waits again)."""

    condition: Callable[[], bool]
    what: str
    then: Callable[[], Outcome]
    detail: Callable[[], str] = str  # said when it times out


Outcome = dict[str, Any] | Waiting


class QtWorker:
    """A Qt app serving JSON-line commands: read on a thread, run on the Qt thread.

    A command that waits for something returns ``Waiting``; the worker checks it on a timer, so
    the app runs its own event loop meanwhile (no nested loop: deferred deletions and timers run
    as they do in real use). Replies go to the real stdout; anything else the app prints goes to
    stderr, so the parent's reader only ever sees JSON."""

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Qt, QTimer, Signal
        from PySide6.QtWidgets import QApplication

        self._out = os.fdopen(os.dup(1), "w", buffering=1)
        os.dup2(2, 1)
        self.app = QApplication([sys.argv[0]])
        self.released = 0
        self.feature: Any = None
        self.handlers: dict[str, Callable[[dict[str, Any]], Outcome]] = {
            "census": lambda _: census(),
            "malloc_info": lambda c: malloc_info(c["path"]),
            "settled": self.settled,
        }
        self._waiting: Waiting | None = None
        self._deadline = 0.0
        self._poll = QTimer()
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)

        class Inbox(QObject):
            line = Signal(str)

        self._inbox = Inbox()
        self._inbox.line.connect(self._handle, Qt.ConnectionType.QueuedConnection)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in sys.stdin:
            self._inbox.line.emit(line)
        self._inbox.line.emit("")

    def _handle(self, line: str) -> None:
        if not line:
            self.app.quit()
            return
        command = json.loads(line)
        self._settle(lambda: self.handlers[command["cmd"]](command))

    def _settle(self, step: Callable[[], Outcome]) -> None:
        try:
            outcome = step()
        except Exception as exc:  # report, keep serving
            outcome = {"error": f"{type(exc).__name__}: {exc}"}
        if isinstance(outcome, Waiting):
            self._waiting, self._deadline = outcome, time.monotonic() + STEP_TIMEOUT_S
            self._poll.start()
            return
        self._out.write(json.dumps(outcome) + "\n")

    def _check(self) -> None:
        waiting = self._waiting
        if waiting is None:
            return
        try:
            done = waiting.condition()
            if not done and time.monotonic() > self._deadline:
                faulthandler.dump_traceback(sys.stderr)  # where each thread is stuck
                self._dump_tasks()
                raise TimeoutError(
                    f"no {waiting.what} after {STEP_TIMEOUT_S:.0f} s {waiting.detail()}"
                )
        except Exception as exc:
            self._poll.stop()
            self._waiting = None
            self._out.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
            return
        if done:
            self._poll.stop()
            self._waiting = None
            self._settle(waiting.then)

    def _dump_tasks(self) -> None:
        """Where each task of the engine's loop waits, and which of aiortc's sender tasks died
        (one that dies leaves its peer connection never closed). Read from the Qt thread: a
        diagnosis once a step timed out."""
        loop = getattr(getattr(self.feature, "session", None), "_loop", None)
        if loop is None:
            return
        for task in list(asyncio.all_tasks(loop)):
            task.print_stack(file=sys.stderr)
        for sender in [o for o in gc.get_objects() if type(o).__name__ == "RTCRtpSender"]:
            for name in ("rtp", "rtcp"):
                died: Any = getattr(sender, f"_RTCRtpSender__{name}_task", None)
                if died is not None and died.done() and not died.cancelled() and died.exception():
                    print(f"{name} task of {sender!r} died: {died.exception()!r}", file=sys.stderr)
                    died.print_stack(file=sys.stderr)

    def count_releases(self, feature: Any) -> None:
        """Count each time ``feature`` gives an ended activity's memory back (to sample after)."""
        release = feature.release
        self.feature = feature

        def counted() -> None:
            if release is not None:
                release()
            self.released += 1

        feature.release = counted

    def settled(self, command: dict[str, Any]) -> Outcome:
        """Wait until ``count`` ended activities have been given back on this side."""

        def detail() -> str:
            states = [(a.id, a.state.value) for a in self.feature.activities]
            return f"(released {self.released} of {command['count']}; activities {states})"

        return Waiting(
            lambda: self.released >= command["count"],
            "release of the activity",
            lambda: {"released": self.released},
            detail,
        )


def console_worker(config_dir: Path) -> None:
    from PySide6.QtCore import QPoint, QSettings, QTimer
    from PySide6.QtGui import QCursor

    from csr_console.main import Console
    from shared.features.desktop.console import REQUEST_KEYS
    from shared.features.desktop.part import DesktopState
    from shared.features.desktop.protocol import ActivityKind
    from shared.media import memory
    from shared.session.state import SessionState

    worker = QtWorker()
    config_dir.mkdir(parents=True, exist_ok=True)
    console = Console(QSettings(str(config_dir / "console.ini"), QSettings.Format.IniFormat))
    controller = console.controller
    opened: list[weakref.ref[Any]] = []  # every viewer window, to sample once they are gone
    step = 0

    def viewers() -> dict[str, Any]:
        found: dict[str, Any] = controller.current.part("desktop").windows.viewers
        return found

    def sign_in(command: dict[str, Any]) -> Outcome:
        controller.sign_in(command["url"], command["fingerprint"], command["user"], command["pw"])

        def start() -> Outcome:
            console.actions.registry.action("start_session").trigger()
            slot = controller.current

            def started() -> Outcome:
                sharing = slot.part("desktop").feature
                assert slot.started is not None and sharing is not None
                worker.count_releases(sharing)
                return {"number": slot.started.number}

            return Waiting(
                lambda: slot.started is not None and slot.state.session == SessionState.WAITING,
                "session",
                started,
            )

        return Waiting(lambda: controller.state.signed_in, "sign-in", start)

    def linked(_: dict[str, Any]) -> Outcome:
        return Waiting(lambda: controller.current.state.customer_linked, "customer", dict)

    def view(command: dict[str, Any]) -> Outcome:
        action = console.actions.registry.action(REQUEST_KEYS[ActivityKind(command["kind"])])
        if not action.isEnabled():  # a trigger would do nothing: say so, not time out
            return {"error": f"{action.text()!r} is disabled: {action.toolTip()}"}
        action.trigger()
        asked = time.monotonic()

        def detail() -> str:
            part = controller.current.part("desktop")
            states = [(a.kind.value, a.state.value) for a in part.feature.activities]
            return f"(activities {states}; viewers {len(viewers())})"

        def shown() -> Outcome:
            opened.extend(weakref.ref(v) for v in viewers().values())
            return {"first_frame_s": round(time.monotonic() - asked, 3)}

        return Waiting(
            lambda: any(v.view._frame is not None for v in viewers().values()),
            "first frame",
            shown,
            detail,
        )

    def stop(_: dict[str, Any]) -> Outcome:
        pointer.stop()
        for viewer in list(viewers().values()):
            viewer.stop_button.click()
        return Waiting(
            lambda: (
                not viewers() and not controller.current.state.slice("desktop", DesktopState()).live
            ),
            "end of sharing",
            dict,
        )

    trims = 0
    trim_heap = memory.trim_heap

    def counted_trim() -> None:
        nonlocal trims
        trim_heap()
        trims += 1

    # Count the trims that follow each deleted viewer (``viewers()`` looks them up each time).
    memory.trim_heap = counted_trim

    def settled(command: dict[str, Any]) -> Outcome:
        released = worker.settled(command)
        assert isinstance(released, Waiting)

        def closed_ones_gone() -> bool:
            """Every closed viewer is deleted, and the heap trimmed after it."""
            now_open = list(viewers().values())
            kept = [v for ref in opened if (v := ref()) is not None]
            if any(all(v is not o for o in now_open) for v in kept):
                return False
            return trims >= len(opened) - len(now_open)

        return Waiting(
            lambda: released.condition() and closed_ones_gone(),
            "release of the activity and its viewer",
            released.then,
            released.detail,
        )

    def move_pointer() -> None:
        nonlocal step
        for viewer in viewers().values():
            area = viewer.view.viewport()
            step += 1
            x = area.width() // 4 + (step * 37) % (area.width() // 2)
            y = area.height() // 4 + (step * 23) % (area.height() // 2)
            QCursor.setPos(area.mapToGlobal(QPoint(x, y)))

    pointer = QTimer()
    pointer.setInterval(POINTER_INTERVAL_MS)
    pointer.timeout.connect(move_pointer)

    def start_pointer(_: dict[str, Any]) -> Outcome:
        pointer.start()
        return {}

    worker.handlers.update(
        sign_in=sign_in, linked=linked, view=view, stop=stop, pointer=start_pointer, settled=settled
    )
    worker.app.exec()
    pointer.stop()
    controller.shutdown()


def customer_worker() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QAbstractButton

    from customer_client.main import create_client
    from customer_client.ui.consent_dialog import ConsentDialog
    from shared.qt.pins import remember_pin

    worker = QtWorker()
    window: Any = None

    class AllowOnceEnabled(QObject):
        """Clicks Allow as soon as it works (``ALLOW_DELAY_MS`` after the dialog shows): a
        click before that does nothing."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            changed = event.type() == QEvent.Type.EnabledChange
            if changed and isinstance(watched, QAbstractButton) and watched.isEnabled():
                QTimer.singleShot(0, watched.click)  # once the button is done changing
            return False

    allow_once_enabled = AllowOnceEnabled()

    def allow_all(dialog: ConsentDialog) -> None:
        dialog.allow_all.setChecked(True)
        if dialog.ok_button.isEnabled():
            dialog.ok_button.click()
        else:
            dialog.ok_button.installEventFilter(allow_once_enabled)

    def join(command: dict[str, Any]) -> Outcome:
        nonlocal window
        remember_pin(command["url"], command["fingerprint"])
        window = create_client(command["url"])
        window.consent.dialog_opened.connect(allow_all)
        window.prefill(command["number"], "Soak customer", None)
        window.show()
        window.submit_join()

        def joined() -> Outcome:
            worker.count_releases(window.controller.part("desktop").feature)
            return {}

        return Waiting(lambda: window.controller.customer.engine.me is not None, "welcome", joined)

    worker.handlers.update(join=join)
    worker.app.exec()
    if window is not None:
        window.controller.shutdown()


# --- the parent -----------------------------------------------------------------------------


def rss_mb(*workers: Worker) -> list[float]:
    import psutil

    return [round(psutil.Process(w.process.pid).memory_info().rss / 2**20, 1) for w in workers]


def per_10_cycles(after_warmup: list[tuple[int, list[float]]], side: int) -> float | None:
    """The slope of RSS over the cycles after the warm-up (least squares), per 10 cycles: one
    sample taken as a view ends may be a few MB off either way (frames in flight, the
    allocator's timing), a slope over every cycle is not."""
    if len(after_warmup) < 2:
        return None
    cycles = [float(cycle) for cycle, _ in after_warmup]
    rss = [sample[side] for _, sample in after_warmup]
    return round(statistics.linear_regression(cycles, rss).slope * 10, 2)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.connect import AGENT_NAME, AGENT_PASSWORD, AGENT_USER
    from shared.security.passwords import hash_password
    from support_center.app import start_center
    from support_center.config import CenterConfig

    restrict_host_addresses([LOOPBACK])
    agent_x, agent_display = start_xvfb()
    customer_x, customer_display = start_xvfb()
    scratch = tempfile.TemporaryDirectory(prefix="tandem-soak-")
    folder = Path(scratch.name)
    base = dict(os.environ, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(folder / "config"))
    base[HOST_ADDRESSES_ENV] = LOOPBACK
    agent_env = dict(base, DISPLAY=agent_display)
    customer_env = dict(base, DISPLAY=customer_display)
    workload = subprocess.Popen(
        [sys.executable, "-m", "bench.workload", "--hz", str(args.hz)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=customer_env,
    )
    config = CenterConfig(data_dir=folder / "center", host=LOOPBACK, port=0, ice_servers=[])
    center = await start_center(config)
    center.store.add_agent(AGENT_USER, AGENT_NAME, hash_password(AGENT_PASSWORD))
    console = customer = None
    samples: list[dict[str, Any]] = []
    censuses: dict[str, Any] = {}

    async def sample(label: str, activities: int, show: bool = True) -> list[float]:
        """RSS of both, once both have given back the memory of ``activities`` ended ones."""
        assert console is not None and customer is not None
        for side in (console, customer):
            await side.ask(timeout=STEP_TIMEOUT_S + 10, cmd="settled", count=activities)
        rss = rss_mb(console, customer)
        if args.smaps is not None:
            for role, side in (("console", console), ("client", customer)):
                name = f"{label.replace(' ', '_')}.{role}.smaps"
                smaps = Path(f"/proc/{side.process.pid}/smaps").read_text()
                (args.smaps / name).write_text(smaps)
                xml = args.smaps / name.replace(".smaps", ".malloc.xml")
                await side.ask(cmd="malloc_info", path=str(xml))
        if not show:
            return rss
        samples.append({"at": label, "console_mb": rss[0], "client_mb": rss[1]})
        print(f"{label:<28} console {rss[0]:7.1f} MB   client {rss[1]:7.1f} MB", flush=True)
        if args.census:
            censuses[label] = {
                "console": await console.ask(cmd="census"),
                "client": await customer.ask(cmd="census"),
            }
            print(f"  census {json.dumps(censuses[label])}", flush=True)
        return rss

    try:
        assert workload.stdout is not None
        ready = await asyncio.wait_for(asyncio.to_thread(workload.stdout.readline), 30)
        assert json.loads(ready)["ready"]
        send(workload, "run")
        console = Worker("console", agent_env, module="bench.soak")
        customer = Worker("customer", customer_env, module="bench.soak")
        where: dict[str, Any] = {"url": center.url, "fingerprint": center.fingerprint}
        account: dict[str, Any] = {"user": AGENT_USER, "pw": AGENT_PASSWORD}
        number = (await console.ask(cmd="sign_in", **where, **account))["number"]
        await customer.ask(cmd="join", number=number, **where)
        await console.ask(cmd="linked")
        start = await sample("start", 0)

        warmup = min(WARMUP_CYCLES, args.cycles)
        first_frames: list[float] = []
        after_warmup: list[tuple[int, list[float]]] = []  # (cycle, RSS) from the warm-up on
        for cycle in range(1, args.cycles + 1):
            # The worker's own timeout comes first: its reply says what it was waiting for.
            viewed = await console.ask(timeout=STEP_TIMEOUT_S + 10, cmd="view", kind="view")
            first_frames.append(viewed["first_frame_s"])
            await console.ask(cmd="stop")
            if cycle >= warmup:
                shown = cycle % 10 == 0 or cycle in (warmup, args.cycles)
                label = f"after {cycle} cycles" + (" (warm)" if cycle == warmup else "")
                after_warmup.append((cycle, await sample(label, cycle, shown)))
        cycles_end = after_warmup[-1][1] if after_warmup else start
        await console.ask(cmd="view", kind="control")
        await console.ask(cmd="pointer")
        for minute in range(1, args.minutes + 1):
            await asyncio.sleep(60)
            await sample(f"control, minute {minute}", args.cycles)
        await console.ask(cmd="stop")
        end = await sample("end", args.cycles + 1)

        first_frames.sort()
        result: dict[str, Any] = {
            "console_rss_growth_mb_per_10_cycles": per_10_cycles(after_warmup, 0),
            "client_rss_growth_mb_per_10_cycles": per_10_cycles(after_warmup, 1),
            "console_rss_end_mb": end[0],
            "client_rss_end_mb": end[1],
            "console_rss_start_mb": start[0],
            "client_rss_start_mb": start[1],
            "console_rss_control_growth_mb": round(end[0] - cycles_end[0], 1),
            "client_rss_control_growth_mb": round(end[1] - cycles_end[1], 1),
            "cycles": args.cycles,
            "warmup_cycles": warmup,
            "control_minutes": args.minutes,
            "workload_hz": args.hz,
            "first_frame_p50_s": first_frames[len(first_frames) // 2] if first_frames else None,
            "samples": samples,
            "cycle_rss_mb": [
                {"cycle": cycle, "console_mb": rss[0], "client_mb": rss[1]}
                for cycle, rss in after_warmup
            ],
        }
        if args.census:
            result["census"] = censuses
        return result
    finally:
        stop_workers((console, customer), workload)
        await center.stop()
        for xvfb in (agent_x, customer_x):
            xvfb.terminate()
            xvfb.wait(10)
        scratch.cleanup()


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=50, help="view start/stop cycles (50)")
    parser.add_argument("--minutes", type=int, default=10, help="minutes of control (10)")
    parser.add_argument("--hz", type=float, default=20.0, help="workload ticks a second (20)")
    parser.add_argument("--census", action="store_true", help="count live objects per sample")
    parser.add_argument(
        "--smaps", type=Path, help="save /proc/<pid>/smaps of both apps at each sample here"
    )
    parser.add_argument("--worker", choices=["console", "customer"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        from shared.media.memory import one_heap

        one_heap()  # as either app's main does, before any thread
    if args.worker == "console":
        restrict_host_addresses([LOOPBACK])
        console_worker(Path(os.environ["XDG_CONFIG_HOME"]))
        return
    if args.worker == "customer":
        restrict_host_addresses([LOOPBACK])
        customer_worker()
        return
    print(json.dumps(asyncio.run(run(args))))


if __name__ == "__main__":
    cli()
