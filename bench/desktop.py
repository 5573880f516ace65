"""Desktop sharing figures: frame rate, latencies, bitrate, CPU and memory, per mode.

What runs where (all on this machine, loopback only):

* a private Xvfb 1920×1080 (``-displayfd``), and the scripted workload on it
  (``bench/workload.py``: scrolling text, typing, a dialog dragged around, a 640×360 video
  region, a click target), ticking 60 times a second;
* the **sender** process (this file, ``--worker sender``): ``ScreenTrack`` + ``MediaSender``
  (capture, colour quantising, encoding, RTP);
* the **receiver** process (``--worker receiver``): ``MediaReceiver`` (RTP, decoding,
  conversion to a paintable buffer) — it also watches pixels for the input-to-pixel figure;
* this process: relays the SDP (as the session engine would), injects clicks (pynput, XTEST),
  samples CPU and memory of both sides (psutil), runs the references.

For each quality × colour mode a fresh connection runs the workload for ``MODE_SECONDS``:

* fps: decoded frames per second at the receiver; ``workload_hz``: the workload's ticks per
  second over the same window (what the screen offered: at most one new picture a tick, though
  a tick drawn in parts may leave as more than one frame);
* capture→display: from the grab (sender, ``time.monotonic()``, one clock for every process on
  Linux) to the decoded frame's BGRX buffer being ready at the receiver;
* input→pixel: from the XTEST click on the sender's display to the first decoded frame whose
  pixel under the click shows the colour the click target paints; a click not seen within 1 s
  counts as 1000 ms. The sender is told of each click as the session's remote-input path tells
  it (``poke_sender``: the capture looks for the click's effect at once);
* bytes: everything the sender's connection sent (RTP, RTCP, DTLS, ICE) during the window.

Then: the uncapped run (standard/full, no frame-rate cap, the workload ticking 120 times a
second, the same for ffmpeg, which grabs up to 240 times a second whether the screen changed
or not: its fps counts repeated pictures too);
an idle screen (workload paused) for ``IDLE_SECONDS``, once for the bytes and once for the media
sender's CPU and frames (``idle_media_sender_cpu_pct``, ``idle_media_frames``: the pipeline
alone); the whole apps idle (a real center, agent and customer in processes of their own, a
desktop share started through the session, every byte they send on loopback and the sharer's
CPU: ``bench/idle_apps.py``, 60 s);
``ffmpeg -f x11grab`` with libx264 ultrafast/zerolatency for the same time (its fps is the
software limit of this machine); and
``x11vnc`` read by a minimal RFB client asking for continuous incremental updates (ZRLE,
CopyRect), once in 256 colours (8-bit BGR233 pixels) and once in true colour, counting bytes.

The last line printed is one JSON object with every figure; issue 15's workload targets lead
it (``fps``, ``input_to_pixel_p50_ms``, ``input_to_pixel_p95_ms``, ``sender_cpu_pct``,
``uncapped_share_of_ffmpeg``). Run: ``python -m bench.desktop``; ``--targets`` runs only what
those need (standard/full capped and uncapped, and ffmpeg: about a minute).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Run as a script (``python bench/desktop.py``), from anywhere: ``bench`` and the project must
# be importable here and in the worker processes it starts.
ROOT = Path(__file__).resolve().parents[1]
# Run as a file, bench/ leads the path: the repository's root instead, or bench/queue.py would
# stand for the standard library's queue (which aiortc imports).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from shared.transport.ice import HOST_ADDRESSES_ENV, restrict_host_addresses

if TYPE_CHECKING:
    from shared.media import MediaSender, ScreenTrack

LOOPBACK = "127.0.0.1"
restrict_host_addresses([LOOPBACK])

MODE_SECONDS = 12.0
WARMUP_SECONDS = 1.5
IDLE_SECONDS = 6.0
REFERENCE_SECONDS = 12.0
CLICK_INTERVAL_S = 0.5
CLICK_TIMEOUT_S = 1.0
SCREEN = (1920, 1080)


# --- workers ------------------------------------------------------------------------------


class Worker:
    """A child process speaking JSON lines (commands in, replies and events out)."""

    def __init__(self, role: str, env: dict[str, str], module: str = "bench.desktop") -> None:
        self.role = role
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, "--worker", role],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            bufsize=1,
        )
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._read, args=(loop,), daemon=True).start()

    def _read(self, loop: asyncio.AbstractEventLoop) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            message = json.loads(line)
            queue = self.events if "event" in message else self.replies
            loop.call_soon_threadsafe(queue.put_nowait, message)

    async def ask(self, timeout: float = 30, **command: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        reply = await asyncio.wait_for(self.replies.get(), timeout)
        if "error" in reply:
            raise RuntimeError(f"{self.role}: {reply['error']}")
        return reply

    def close(self) -> None:
        with contextlib.suppress(Exception):
            assert self.process.stdin is not None
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def stdin_commands() -> asyncio.Queue[str | None]:
    """A worker's command lines from the parent (on stdin), read by a thread; None at the end."""
    loop = asyncio.get_running_loop()
    commands: asyncio.Queue[str | None] = asyncio.Queue()

    def read_stdin() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(commands.put_nowait, line)
        loop.call_soon_threadsafe(commands.put_nowait, None)

    threading.Thread(target=read_stdin, daemon=True).start()
    return commands


def say(**message: Any) -> None:
    """A worker's reply or event to the parent: one JSON line on stdout."""
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def screen_sender(command: dict[str, Any]) -> tuple[ScreenTrack, MediaSender]:
    """The screen track and its sender the parent's ``offer`` command asks for (in a worker,
    once ``worker_main`` has set the ICE environment up)."""
    from shared.media import ColourMode, MediaSender, Quality, ScreenTrack

    track = ScreenTrack(
        quality=Quality(command["quality"]),
        colour=ColourMode(command["colour"]),
        fps_cap=command["cap"],
    )
    return track, MediaSender(track, [])


async def worker_main(role: str) -> None:
    from shared.transport.ice import apply_environment

    apply_environment()
    restrict_host_addresses([LOOPBACK])
    from shared.media import DecodedFrame, MediaReceiver

    commands = stdin_commands()

    sender: MediaSender | None = None
    receiver: MediaReceiver | None = None
    track: ScreenTrack | None = None
    arrivals: list[tuple[int, float]] = []
    watches: list[dict[str, Any]] = []

    def on_frame(frame: DecodedFrame) -> None:
        arrivals.append((frame.pts, frame.ready_time))
        for watch in list(watches):
            x = watch["x"] * frame.width // SCREEN[0]
            y = watch["y"] * frame.height // SCREEN[1]
            b, g, r = (int(v) for v in frame.data[y, x, :3])
            want = watch["rgb"]
            if max(abs(r - want[0]), abs(g - want[1]), abs(b - want[2])) <= 60:
                watches.remove(watch)
                say(event="seen", id=watch["id"], t=frame.ready_time)

    while (line := await commands.get()) is not None:
        command = json.loads(line)
        name = command["cmd"]
        try:
            if name == "offer":
                track, sender = screen_sender(command)
                say(sdp=await sender.create_offer())
            elif name == "answer":
                assert sender is not None
                await sender.accept_answer(command["sdp"])
                say(ok=True)
            elif name == "accept":
                arrivals.clear()
                receiver = MediaReceiver([], on_frame)
                say(sdp=await receiver.accept_offer(command["sdp"]))
            elif name == "stats" and role == "sender":
                assert sender is not None and track is not None
                stats = await sender.stats()
                say(
                    epoch=track.epoch,
                    frames=stats.frames_sent,
                    keyframes=stats.keyframes,
                    bytes_sent=stats.bytes_sent,
                    bytes_encoded=stats.bytes_encoded,
                    codec=stats.codec,
                    encode_ms=1000 * track.control.encode_seconds / max(1, stats.frames_sent),
                )
            elif name == "stats":
                say(arrivals=arrivals[:], frames=len(arrivals))
            elif name == "poke" and track is not None:
                track.input_applied()  # no reply: see poke_sender
            elif name == "watch":
                watches.append(command)
                say(ok=True)
            elif name == "close":
                if sender is not None:
                    await sender.close()
                    sender = None
                if receiver is not None:
                    await receiver.close()
                    receiver = None
                watches.clear()
                say(ok=True)
            else:
                say(error=f"unknown command {name}")
        except Exception as exc:  # report, keep serving
            say(error=f"{type(exc).__name__}: {exc}")


# --- the parent -----------------------------------------------------------------------------


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read_fd, write_fd = os.pipe()
    # -noreset: a server resets when its last client leaves and refuses a client meanwhile.
    options = ("-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset")
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), *options],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        process.kill()
        raise RuntimeError("Xvfb did not start")
    return process, f":{number}"


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


class CpuMeter:
    def __init__(self, *pids: int) -> None:
        import psutil

        self.processes = [psutil.Process(pid) for pid in pids]
        self.start = [self._cpu(p) for p in self.processes]
        self.started = time.monotonic()

    @staticmethod
    def _cpu(process: Any) -> float:
        times = process.cpu_times()
        total = times.user + times.system
        with contextlib.suppress(Exception):
            for child in process.children(recursive=True):
                child_times = child.cpu_times()
                total += child_times.user + child_times.system
        return float(total)

    def read(self) -> list[tuple[float, float]]:
        """(% of one core, RSS MiB) per process since the meter started."""
        elapsed = time.monotonic() - self.started
        result = []
        for process, start in zip(self.processes, self.start, strict=True):
            cpu = (self._cpu(process) - start) / elapsed * 100
            result.append((round(cpu, 1), round(process.memory_info().rss / 2**20, 1)))
        return result


def poke_sender(sender: Worker) -> None:
    """What the sharer's remote-input path does as it injects a click
    (``RemoteInput.on_input`` → ``ScreenTrack.input_applied``): the capture looks for the
    click's effect at once. One line to the worker, no reply awaited (nor sent)."""
    assert sender.process.stdin is not None
    sender.process.stdin.write(json.dumps({"cmd": "poke"}) + "\n")
    sender.process.stdin.flush()


@dataclass
class Clicker:
    """Clicks on the workload's target and asks the receiver to watch the pixel."""

    receiver: Worker
    count: int = 0
    latencies: list[float] = field(default_factory=list)
    sender: Worker | None = None  # told of each click, as the session's input path tells it

    def spot(self) -> tuple[int, int, tuple[int, int, int]]:
        """A spot not clicked since the last reset: 6 columns (one per colour) × 4 rows."""
        from bench.workload import CLICK_COLUMN, TARGET, click_colour

        left, top, _, _ = TARGET
        column, row = self.count % 6, (self.count // 6) % 4
        dx = column * CLICK_COLUMN + CLICK_COLUMN // 2
        return left + dx, top + 30 + row * 60, click_colour(dx)

    async def run(self, seconds: float) -> None:
        from pynput.mouse import Button, Controller

        mouse = Controller()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline - CLICK_TIMEOUT_S:
            x, y, colour = self.spot()
            ident = self.count
            mouse.position = (x, y)
            await self.receiver.ask(cmd="watch", x=x, y=y, rgb=colour, id=ident)
            injected = time.monotonic()
            if self.sender is not None:
                poke_sender(self.sender)
            mouse.click(Button.left)
            self.count += 1
            seen = await self._seen(ident, injected + CLICK_TIMEOUT_S)
            self.latencies.append(1000 * ((seen if seen else injected + 1.0) - injected))
            await asyncio.sleep(max(0.0, injected + CLICK_INTERVAL_S - time.monotonic()))

    async def _seen(self, ident: int, until: float) -> float | None:
        while (remaining := until - time.monotonic()) > 0:
            try:
                event = await asyncio.wait_for(self.receiver.events.get(), remaining)
            except TimeoutError:
                return None
            if event.get("id") == ident:
                return float(event["t"])
        return None


async def connect(sender: Worker, receiver: Worker, quality: str, colour: str, cap: Any) -> None:
    offer = await sender.ask(cmd="offer", quality=quality, colour=colour, cap=cap)
    answer = await receiver.ask(cmd="accept", sdp=offer["sdp"])
    await sender.ask(cmd="answer", sdp=answer["sdp"])


async def run_mode(
    sender: Worker,
    receiver: Worker,
    workload: subprocess.Popen[str],
    quality: str,
    colour: str,
    cap: Any,
    clicks: bool,
) -> dict[str, Any]:
    send(workload, "reset")  # fresh spots for this mode's clicks (at most 24)
    await connect(sender, receiver, quality, colour, cap)
    await asyncio.sleep(WARMUP_SECONDS)  # connected, first keyframe through
    before_tx = await sender.ask(cmd="stats")
    before_rx = await receiver.ask(cmd="stats")
    meter = CpuMeter(sender.process.pid, receiver.process.pid)
    ticks_before = await workload_ticks(workload)
    started = time.monotonic()
    clicker = Clicker(receiver, sender=sender)
    if clicks:
        await clicker.run(MODE_SECONDS)
    await asyncio.sleep(max(0.0, started + MODE_SECONDS - time.monotonic()))
    elapsed = time.monotonic() - started
    usage = meter.read()
    ticks_after = await workload_ticks(workload)
    after_tx = await sender.ask(cmd="stats")
    after_rx = await receiver.ask(cmd="stats")
    await sender.ask(cmd="close")
    await receiver.ask(cmd="close")
    epoch = after_tx["epoch"]
    window = after_rx["arrivals"][before_rx["frames"] :]
    latencies = [1000 * (ready - (epoch + pts / 90_000)) for pts, ready in window]
    sent = after_tx["bytes_sent"] - before_tx["bytes_sent"]
    return {
        "quality": quality,
        "colour": colour,
        "cap": cap,
        "codec": after_tx["codec"],
        "fps": round(len(window) / elapsed, 1),
        # What the screen offered: the workload's ticks a second in the same window.
        "workload_hz": round(
            (ticks_after[0] - ticks_before[0]) / (ticks_after[1] - ticks_before[1]), 1
        ),
        "capture_to_display_p50_ms": round(percentile(latencies, 50) or 0, 1),
        "capture_to_display_p95_ms": round(percentile(latencies, 95) or 0, 1),
        "input_to_pixel_p50_ms": round(percentile(clicker.latencies, 50) or 0, 1)
        if clicks
        else None,
        "input_to_pixel_p95_ms": round(percentile(clicker.latencies, 95) or 0, 1)
        if clicks
        else None,
        "clicks": len(clicker.latencies),
        "bytes": sent,
        "kbps": round(sent * 8 / elapsed / 1000, 1),
        "keyframes": after_tx["keyframes"] - before_tx["keyframes"],
        "encode_ms": round(after_tx["encode_ms"], 2),
        "sender_cpu_pct": usage[0][0],
        "sender_rss_mib": usage[0][1],
        "receiver_cpu_pct": usage[1][0],
        "receiver_rss_mib": usage[1][1],
    }


async def run_idle(sender: Worker, receiver: Worker, workload: subprocess.Popen[str]) -> float:
    await connect(sender, receiver, "standard", "full", 60)
    await asyncio.sleep(WARMUP_SECONDS)
    send(workload, "pause")
    await asyncio.sleep(1.0)  # the last changes drain
    before = await sender.ask(cmd="stats")
    await asyncio.sleep(IDLE_SECONDS)
    after = await sender.ask(cmd="stats")
    await sender.ask(cmd="close")
    await receiver.ask(cmd="close")
    send(workload, "run")
    return float(after["bytes_sent"] - before["bytes_sent"]) * 8 / IDLE_SECONDS / 1000


async def run_idle_apps(display: str, workload: subprocess.Popen[str]) -> dict[str, Any]:
    """The whole apps idle (center, agent, customer sharing this display), their traffic on
    loopback and the sharer's CPU: ``bench/idle_apps.py``, with the workload paused."""
    from bench.idle_apps import measure_idle_apps

    send(workload, "pause")
    try:
        return await asyncio.to_thread(measure_idle_apps, display)
    finally:
        send(workload, "run")


async def run_idle_cpu(
    sender: Worker, receiver: Worker, workload: subprocess.Popen[str]
) -> dict[str, float]:
    """The media sender's CPU (% of one core) and frames while the screen is idle: with
    damage reports the capture thread sleeps, so this is the pipeline's floor."""
    await connect(sender, receiver, "standard", "full", 60)
    await asyncio.sleep(WARMUP_SECONDS)
    send(workload, "pause")
    await asyncio.sleep(1.0)  # the last changes drain
    before = await sender.ask(cmd="stats")
    meter = CpuMeter(sender.process.pid)
    await asyncio.sleep(IDLE_SECONDS)
    usage = meter.read()
    after = await sender.ask(cmd="stats")
    await sender.ask(cmd="close")
    await receiver.ask(cmd="close")
    send(workload, "run")
    return {"cpu_pct": usage[0][0], "frames": after["frames"] - before["frames"]}


def send(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdin is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()


def stop_workers(workers: tuple[Worker | None, ...], workload: subprocess.Popen[str]) -> None:
    """Close the workers started so far, then the workload (killed if it does not quit)."""
    for worker in workers:
        if worker is not None:
            worker.close()
    stop_workload(workload)


def start_workload(env: dict[str, str]) -> subprocess.Popen[str]:
    """The scripted workload (``bench/workload.py``, 60 Hz) on the display ``env`` names."""
    return subprocess.Popen(
        [sys.executable, "-m", "bench.workload", "--hz", "60"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


async def workload_ready(workload: subprocess.Popen[str]) -> None:
    """Wait for the workload's window to be up (its first line says so)."""
    assert workload.stdout is not None
    ready = await asyncio.wait_for(asyncio.to_thread(workload.stdout.readline), 30)
    assert json.loads(ready)["ready"]


async def workload_ticks(workload: subprocess.Popen[str]) -> tuple[int, float]:
    """The workload's ticks so far, and when it counted them."""
    assert workload.stdout is not None
    send(workload, "ticks")
    line = json.loads(await asyncio.wait_for(asyncio.to_thread(workload.stdout.readline), 10))
    return int(line["ticks"]), float(line["at"])


def stop_workload(workload: subprocess.Popen[str]) -> None:
    """Ask the workload to quit; killed if it has not within 10 s."""
    with contextlib.suppress(Exception):
        send(workload, "quit")
    try:
        workload.wait(10)
    except subprocess.TimeoutExpired:
        workload.kill()
        workload.wait(5)


async def run_ffmpeg(display: str, seconds: float) -> dict[str, Any]:
    if shutil.which("ffmpeg") is None:
        return {"ffmpeg_fps": None, "error": "ffmpeg is not installed (scripts/install.sh)"}
    command = [
        "ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error",
        "-f", "x11grab", "-draw_mouse", "0", "-framerate", "240",
        "-video_size", f"{SCREEN[0]}x{SCREEN[1]}", "-i", display,
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
        "-f", "null", "-progress", "pipe:1", "-",
    ]  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL
    )
    import psutil

    meter = CpuMeter(process.pid)
    samples: list[tuple[float, int]] = []
    deadline = time.monotonic() + seconds + 2
    assert process.stdout is not None
    while time.monotonic() < deadline:
        try:
            line = await asyncio.wait_for(process.stdout.readline(), 2)
        except TimeoutError:
            continue
        match = re.match(rb"frame=(\d+)", line)
        if match:
            samples.append((time.monotonic(), int(match.group(1))))
    usage = meter.read()
    process.terminate()
    with contextlib.suppress(psutil.Error, ProcessLookupError):
        await asyncio.wait_for(process.wait(), 10)
    # Skip the first two seconds (start-up), as the pipeline runs get their warm-up.
    steady = [s for s in samples if s[0] >= samples[0][0] + 2] if samples else []
    fps = (
        (steady[-1][1] - steady[0][1]) / (steady[-1][0] - steady[0][0])
        if len(steady) >= 2
        else None
    )
    return {"ffmpeg_fps": round(fps, 1) if fps else None, "ffmpeg_cpu_pct": usage[0][0]}


class RfbCounter:
    """A minimal VNC (RFB 3.8) client: continuous incremental updates, bytes counted.

    Understands Raw, CopyRect and ZRLE rectangles (ZRLE is length-prefixed: counted and skipped,
    not decoded), the encodings it asks for.
    """

    def __init__(self, port: int, bits: int) -> None:
        self.port, self.bits = port, bits
        self.bytes = 0
        self.updates = 0
        self._sock: socket.socket | None = None

    def _read(self, n: int) -> bytes:
        assert self._sock is not None
        chunks = []
        while n:
            chunk = self._sock.recv(min(n, 1 << 20))
            if not chunk:
                raise ConnectionError("x11vnc closed the connection")
            chunks.append(chunk)
            n -= len(chunk)
            self.bytes += len(chunk)
        return b"".join(chunks)

    def run(self, seconds: float, counting_from: float) -> None:
        sock = socket.create_connection((LOOPBACK, self.port), timeout=10)
        self._sock = sock
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self._read(12)
        sock.sendall(b"RFB 003.008\n")
        (count,) = struct.unpack("!B", self._read(1))
        types = self._read(count)
        if 1 not in types:
            raise RuntimeError(f"x11vnc wants security {list(types)}")
        sock.sendall(b"\x01")
        if struct.unpack("!I", self._read(4))[0] != 0:
            raise RuntimeError("x11vnc refused us")
        sock.sendall(b"\x01")  # shared
        width, height = struct.unpack("!HH", self._read(4))
        self._read(16)
        (name_length,) = struct.unpack("!I", self._read(4))
        self._read(name_length)
        if self.bits == 8:  # BGR233 true colour: what "256 colours" is in VNC
            pixel_format = struct.pack("!BBBBHHHBBBxxx", 8, 8, 0, 1, 7, 7, 3, 0, 3, 6)
        else:
            pixel_format = struct.pack("!BBBBHHHBBBxxx", 32, 24, 0, 1, 255, 255, 255, 16, 8, 0)
        sock.sendall(b"\x00\x00\x00\x00" + pixel_format)
        encodings = [16, 1, 0]  # ZRLE, CopyRect, Raw
        sock.sendall(
            struct.pack("!BxH", 2, len(encodings)) + struct.pack(f"!{len(encodings)}i", *encodings)
        )
        bpp = self.bits // 8
        request = struct.pack("!BBHHHH", 3, 1, 0, 0, width, height)
        sock.sendall(struct.pack("!BBHHHH", 3, 0, 0, 0, width, height))
        end = time.monotonic() + seconds
        counted_from = 0
        while time.monotonic() < end:
            if counted_from == 0 and time.monotonic() >= counting_from:
                counted_from = self.bytes
            (kind,) = struct.unpack("!B", self._read(1))
            if kind == 0:
                self._read(1)
                (rects,) = struct.unpack("!H", self._read(2))
                for _ in range(rects):
                    _x, _y, w, h, encoding = struct.unpack("!HHHHi", self._read(12))
                    if encoding == 0:
                        self._read(w * h * bpp)
                    elif encoding == 1:
                        self._read(4)
                    elif encoding == 16:
                        (length,) = struct.unpack("!I", self._read(4))
                        self._read(length)
                    else:
                        raise RuntimeError(f"unexpected encoding {encoding}")
                self.updates += 1
                sock.sendall(request)
            elif kind == 1:
                self._read(3)
                (colours,) = struct.unpack("!H", self._read(2))
                self._read(colours * 6)
            elif kind == 2:
                pass
            elif kind == 3:
                self._read(3)
                (length,) = struct.unpack("!I", self._read(4))
                self._read(length)
            else:
                raise RuntimeError(f"unexpected server message {kind}")
        self.bytes -= counted_from
        sock.close()


async def run_x11vnc(display: str, bits: int, seconds: float) -> dict[str, Any]:
    if shutil.which("x11vnc") is None:
        return {"bytes": None, "error": "x11vnc is not installed (scripts/install.sh)"}
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            "x11vnc",
            "-display",
            display,
            "-localhost",
            "-rfbport",
            str(port),
            "-nopw",
            "-forever",
            "-shared",
            "-noipv6",
            "-quiet",
            "-nocursor",
            "-norc",
            "-nossl",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection((LOOPBACK, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("x11vnc did not listen") from None
                await asyncio.sleep(0.1)
        meter = CpuMeter(process.pid)
        counter = RfbCounter(port, bits)
        await asyncio.to_thread(
            counter.run, seconds + WARMUP_SECONDS, time.monotonic() + WARMUP_SECONDS
        )
        usage = meter.read()
        return {
            "bytes": counter.bytes,
            "updates_per_s": round(counter.updates / (seconds + WARMUP_SECONDS), 1),
            "kbps": round(counter.bytes * 8 / seconds / 1000, 1),
            "x11vnc_cpu_pct": usage[0][0],
        }
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def show(label: str, figures: dict[str, Any]) -> None:
    print(f"{label:<28} " + "  ".join(f"{k}={v}" for k, v in figures.items()), flush=True)


async def main(args: argparse.Namespace) -> dict[str, Any]:
    xvfb, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env[HOST_ADDRESSES_ENV] = LOOPBACK
    os.environ["DISPLAY"] = display
    workload = start_workload(env)
    sender = receiver = None
    result: dict[str, Any] = {}
    try:
        await workload_ready(workload)
        send(workload, "run")
        sender, receiver = Worker("sender", env), Worker("receiver", env)
        modes: dict[str, dict[str, Any]] = {}
        colours = ["full", "high16", "palette256"] if not args.quick else ["full", "palette256"]
        runs = [(q, c) for q in ("standard", "sampling") for c in colours]
        for quality, colour in runs if not args.targets else [("standard", "full")]:
            figures = await run_mode(sender, receiver, workload, quality, colour, 60, clicks=True)
            modes[f"{quality}/{colour}"] = figures
            show(f"{quality}/{colour}", figures)
        send(workload, "hz 120")
        uncapped = await run_mode(
            sender, receiver, workload, "standard", "full", None, clicks=False
        )
        show("standard/full uncapped", uncapped)
        ffmpeg = await run_ffmpeg(display, REFERENCE_SECONDS)
        show("ffmpeg x11grab (120 Hz)", ffmpeg)
        send(workload, "hz 60")
        main_mode = modes["standard/full"]
        workload_targets = {
            "fps": main_mode["fps"],
            "workload_hz": main_mode["workload_hz"],
            "input_to_pixel_p50_ms": main_mode["input_to_pixel_p50_ms"],
            "input_to_pixel_p95_ms": main_mode["input_to_pixel_p95_ms"],
            "sender_cpu_pct": main_mode["sender_cpu_pct"],
            "fps_uncapped": uncapped["fps"],
            "ffmpeg_fps": ffmpeg.get("ffmpeg_fps"),
            "uncapped_share_of_ffmpeg": round(uncapped["fps"] / ffmpeg["ffmpeg_fps"], 3)
            if ffmpeg.get("ffmpeg_fps")
            else None,
        }
        if args.targets:
            return workload_targets
        idle_kbps = await run_idle(sender, receiver, workload)
        show("idle", {"kbps": round(idle_kbps, 2)})
        idle_track = await run_idle_cpu(sender, receiver, workload)
        show("idle media sender", idle_track)
        idle_apps = await run_idle_apps(display, workload)
        show("idle apps", idle_apps)
        vnc8 = await run_x11vnc(display, 8, MODE_SECONDS)
        show("x11vnc 256 colours", vnc8)
        vnc32 = await run_x11vnc(display, 32, MODE_SECONDS)
        show("x11vnc true colour", vnc32)

        result = {
            **workload_targets,
            "capture_to_display_p50_ms": main_mode["capture_to_display_p50_ms"],
            "capture_to_display_p95_ms": main_mode["capture_to_display_p95_ms"],
            "idle_kbps": round(idle_kbps, 2),
            "idle_media_sender_cpu_pct": idle_track["cpu_pct"],
            "idle_media_frames": idle_track["frames"],
            "idle_app_kbps": idle_apps.get("idle_app_kbps"),
            "idle_sharer_cpu_pct": idle_apps.get("idle_sharer_cpu_pct"),
            "idle_apps": idle_apps,
            "workload_bytes": {name: m["bytes"] for name, m in modes.items()},
            "x11vnc_bytes": vnc8.get("bytes"),
            "x11vnc_bytes_true_colour": vnc32.get("bytes"),
            "workload_seconds": MODE_SECONDS,
            "modes": modes,
            "uncapped": uncapped,
            "ffmpeg": ffmpeg,
            "x11vnc": {"256": vnc8, "true_colour": vnc32},
            "cpus": os.cpu_count(),
        }
    finally:
        stop_workers((sender, receiver), workload)
        xvfb.terminate()
        xvfb.wait(10)
    return result


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", choices=["sender", "receiver"])
    parser.add_argument("--quick", action="store_true", help="fewer colour modes")
    parser.add_argument(
        "--targets",
        action="store_true",
        help="only standard/full, capped and uncapped, and ffmpeg: the workload targets",
    )
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.worker))
        return
    result = asyncio.run(main(args))
    print(json.dumps(result))


if __name__ == "__main__":
    cli()
