"""Several viewers of one customer's screen: the primary agent forwards to the assistants.

What runs where (all on this machine, loopback only, real aiortc):

* a private Xvfb 1920×1080 with the scripted workload of ``bench/desktop.py``
  (``bench/workload.py``: scrolling text, typing, a dragged dialog, a video region) at 60 Hz,
  started afresh for each run;
* the **customer** process (``--worker customer``): ``ScreenTrack`` + ``MediaSender``, the one
  stream it uploads, to the primary only;
* the **primary** process (``--worker primary``): ``MediaReceiver`` (it views the screen
  itself: decoding and conversion included) + ``StreamRelay`` + one ``ForwardSender`` per
  assistant (``shared/media/relay.py``: the encoded frames go on as they came);
* the **assistants** process (``--worker assistants``): one ordinary ``MediaReceiver`` per
  assistant (decoding and conversion, as a viewer window would get).

For N = 0, 1, 2 assistants (then 2, 1, 0 again, ``--rounds``) a fresh workload (the same
content from its start in every run) and a fresh set of connections run for ``RUN_SECONDS``;
the figures are the means over the rounds:

* customer upload: everything its one peer connection sent (RTP, RTCP, DTLS, ICE), kbit/s;
* primary upload: everything its connections to the assistants sent, kbit/s;
* fps: decoded frames per second at the primary and at each assistant;
* forward hop: for each frame an assistant decoded, its ready time minus the primary's ready
  time for the same frame (``time.monotonic()``, one clock for every process on Linux);
  capture→display at the primary and at the assistants too;
* CPU: % of one core of the customer and of the primary processes (psutil) — the primary's
  includes its own decoding of the view, so N=0 is the baseline of what forwarding adds.

The machine's load average is printed with the figures: other work on it makes them noisy. The
last line printed is one JSON object. Run: ``python -m bench.viewers [--cap 30] [--seconds 10]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as a file, bench/ leads the path: the repository's root instead, or bench/queue.py would
# stand for the standard library's queue (which aiortc imports).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench.desktop import (
    LOOPBACK,
    CpuMeter,
    Worker,
    percentile,
    say,
    screen_sender,
    send,
    start_workload,
    start_xvfb,
    stdin_commands,
    stop_workload,
    workload_ready,
)
from shared.transport.ice import HOST_ADDRESSES_ENV, restrict_host_addresses

restrict_host_addresses([LOOPBACK])

RUN_SECONDS = 10.0
WARMUP_SECONDS = 2.0
VIEWER_COUNTS = (0, 1, 2)
MODULE = "bench.viewers"


# --- workers ------------------------------------------------------------------------------


async def worker_main(role: str) -> None:
    from shared.transport.ice import apply_environment

    apply_environment()
    restrict_host_addresses([LOOPBACK])
    from shared.media import DecodedFrame, MediaReceiver, MediaSender, ScreenTrack
    from shared.media.relay import ForwardSender, StreamRelay

    commands = stdin_commands()

    sender: MediaSender | None = None
    track: ScreenTrack | None = None
    relay: StreamRelay | None = None
    receivers: dict[str, MediaReceiver] = {}
    arrivals: dict[str, list[tuple[int, float]]] = {}
    forwards: dict[str, ForwardSender] = {}

    def recorder(name: str) -> Any:
        arrivals[name] = []

        def on_frame(frame: DecodedFrame) -> None:
            arrivals[name].append((frame.pts, frame.ready_time))

        return on_frame

    while (line := await commands.get()) is not None:
        command = json.loads(line)
        name = command["cmd"]
        try:
            if name == "offer":  # customer
                track, sender = screen_sender(command)
                say(sdp=await sender.create_offer())
            elif name == "answer":  # customer
                assert sender is not None
                await sender.accept_answer(command["sdp"])
                say(ok=True)
            elif name == "accept":  # primary (id "primary") or an assistant
                ident = command["id"]
                receivers[ident] = MediaReceiver([], recorder(ident))
                answer = await receivers[ident].accept_offer(command["sdp"])
                if role == "primary":
                    relay = StreamRelay(receivers[ident])
                say(sdp=answer)
            elif name == "forward_offer":  # primary
                assert relay is not None
                forwards[command["id"]] = ForwardSender(relay, [])
                say(sdp=await forwards[command["id"]].create_offer())
            elif name == "forward_answer":  # primary
                await forwards[command["id"]].accept_answer(command["sdp"])
                say(ok=True)
            elif name == "stats" and role == "customer":
                assert sender is not None and track is not None
                stats = await sender.stats()
                say(
                    epoch=track.epoch,
                    frames=stats.frames_sent,
                    keyframes=stats.keyframes,
                    bytes_sent=stats.bytes_sent,
                    bytes_encoded=stats.bytes_encoded,
                    codec=stats.codec,
                )
            elif name == "stats":
                say(
                    arrivals={k: v[:] for k, v in arrivals.items()},
                    forwards={
                        k: {
                            "bytes_sent": await f.bytes_sent(),
                            "first_pts": f.track.first_pts,
                            "forwarded": f.track.frames_forwarded,
                            "dropped": f.track.frames_dropped,
                        }
                        for k, f in forwards.items()
                    },
                    keyframe_requests=relay.keyframe_requests if relay is not None else 0,
                )
            elif name == "close":
                for forward in forwards.values():
                    await forward.close()
                forwards.clear()
                if relay is not None:
                    await relay.close()
                    relay = None
                if sender is not None:
                    await sender.close()
                    sender = None
                for receiver in receivers.values():
                    await receiver.close()
                receivers.clear()
                arrivals.clear()
                say(ok=True)
            else:
                say(error=f"unknown command {name}")
        except Exception as exc:  # report, keep serving
            say(error=f"{type(exc).__name__}: {exc}")


# --- the parent -----------------------------------------------------------------------------


async def connect(
    customer: Worker, primary: Worker, assistants: Worker, viewers: int, cap: Any
) -> None:
    offer = await customer.ask(cmd="offer", quality="standard", colour="full", cap=cap)
    answer = await primary.ask(cmd="accept", id="primary", sdp=offer["sdp"])
    await customer.ask(cmd="answer", sdp=answer["sdp"])
    for n in range(viewers):
        ident = f"assistant{n + 1}"
        forward = await primary.ask(cmd="forward_offer", id=ident)
        reply = await assistants.ask(cmd="accept", id=ident, sdp=forward["sdp"])
        await primary.ask(cmd="forward_answer", id=ident, sdp=reply["sdp"])


def _window(arrivals: list[list[Any]], since: float, until: float) -> list[tuple[int, float]]:
    return [(int(pts), float(t)) for pts, t in arrivals if since <= t <= until]


async def run(
    customer: Worker, primary: Worker, assistants: Worker, viewers: int, cap: Any, seconds: float
) -> dict[str, Any]:
    await connect(customer, primary, assistants, viewers, cap)
    await asyncio.sleep(WARMUP_SECONDS)  # connected, first keyframes through
    before_tx = await customer.ask(cmd="stats")
    before_fw = await primary.ask(cmd="stats")
    meter = CpuMeter(customer.process.pid, primary.process.pid)
    started = time.monotonic()
    await asyncio.sleep(seconds)
    until = time.monotonic()
    elapsed = until - started
    usage = meter.read()
    load = os.getloadavg()
    after_tx = await customer.ask(cmd="stats")
    after_fw = await primary.ask(cmd="stats")
    seen = await assistants.ask(cmd="stats")
    for worker in (customer, primary, assistants):
        await worker.ask(cmd="close")

    epoch = after_tx["epoch"]
    primary_frames = _window(after_fw["arrivals"]["primary"], started, until)
    primary_ready = dict(_window(after_fw["arrivals"]["primary"], 0, until))
    primary_latency = [1000 * (t - (epoch + pts / 90_000)) for pts, t in primary_frames]
    hop: list[float] = []
    assistant_latency: list[float] = []
    assistant_fps: list[float] = []
    for ident, forward in after_fw["forwards"].items():
        frames = _window(seen["arrivals"].get(ident, []), started, until)
        assistant_fps.append(round(len(frames) / elapsed, 1))
        offset = forward["first_pts"] or 0  # the assistant's pts count from its first frame
        for pts, ready in frames:
            at_primary = primary_ready.get(pts + offset)
            if at_primary is not None:
                hop.append(1000 * (ready - at_primary))
            assistant_latency.append(1000 * (ready - (epoch + (pts + offset) / 90_000)))
    forwarded_bytes = sum(
        f["bytes_sent"] - before_fw["forwards"].get(k, {}).get("bytes_sent", 0)
        for k, f in after_fw["forwards"].items()
    )
    sent = after_tx["bytes_sent"] - before_tx["bytes_sent"]
    frames_sent = after_tx["frames"] - before_tx["frames"]
    return {
        "viewers": viewers,
        "codec": after_tx["codec"],
        "customer_kbps": round(sent * 8 / elapsed / 1000, 1),
        "customer_frames": frames_sent,
        "customer_bytes_per_frame": round(sent / max(1, frames_sent)),
        # What its encoder produced: the rest of the upload is RTP/SRTP overhead, RTCP and
        # retransmissions (NACK) of packets the primary missed.
        "customer_encoded_kbps": round(
            (after_tx["bytes_encoded"] - before_tx["bytes_encoded"]) * 8 / elapsed / 1000, 1
        ),
        "customer_keyframes": after_tx["keyframes"] - before_tx["keyframes"],
        "primary_upload_kbps": round(forwarded_bytes * 8 / elapsed / 1000, 1),
        "primary_fps": round(len(primary_frames) / elapsed, 1),
        "assistant_fps": assistant_fps,
        "forward_hop_p50_ms": round(percentile(hop, 50) or 0, 1) if hop else None,
        "forward_hop_p95_ms": round(percentile(hop, 95) or 0, 1) if hop else None,
        "primary_capture_to_display_p50_ms": round(percentile(primary_latency, 50) or 0, 1),
        "assistant_capture_to_display_p50_ms": round(percentile(assistant_latency, 50) or 0, 1)
        if assistant_latency
        else None,
        "dropped_at_forward": sum(int(f["dropped"]) for f in after_fw["forwards"].values()),
        "keyframe_requests_upstream": after_fw["keyframe_requests"],
        "customer_cpu_pct": usage[0][0],
        "primary_cpu_pct": usage[1][0],
        "primary_rss_mib": usage[1][1],
        "load_average": [round(x, 2) for x in load],
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    xvfb, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env[HOST_ADDRESSES_ENV] = LOOPBACK
    workers: tuple[Worker, ...] = ()
    runs: list[dict[str, Any]] = []
    try:
        customer, primary, watchers = (
            Worker(r, env, MODULE) for r in ("customer", "primary", "assistants")
        )
        workers = (customer, primary, watchers)
        for round_ in range(args.rounds):
            order = VIEWER_COUNTS if round_ % 2 == 0 else VIEWER_COUNTS[::-1]
            for viewers in order:
                # A fresh workload for each run: every run shows the same content from its
                # start, so the customer's figures differ only by what N changes.
                workload = start_workload(env)
                try:
                    await workload_ready(workload)
                    send(workload, "run")
                    figures = await run(
                        customer, primary, watchers, viewers, args.cap, args.seconds
                    )
                finally:
                    stop_workload(workload)
                runs.append(figures)
                print("  ".join(f"{k}={v}" for k, v in figures.items()), flush=True)
    finally:
        for worker in workers:
            worker.close()
        xvfb.terminate()
        xvfb.wait(10)

    def mean(key: str) -> dict[int, float | None]:
        result: dict[int, float | None] = {}
        for n in VIEWER_COUNTS:
            values = [r[key] for r in runs if r["viewers"] == n and r[key] is not None]
            result[n] = round(sum(values) / len(values), 1) if values else None
        return result

    def assistants(n: int) -> list[float]:
        per_run = [r["assistant_fps"] for r in runs if r["viewers"] == n]
        return [round(sum(v) / len(v), 1) for v in zip(*per_run, strict=True)]

    hops = mean("forward_hop_p50_ms")
    return {
        "customer_upload_kbps_by_viewers": mean("customer_kbps"),
        "customer_bytes_per_frame_by_viewers": mean("customer_bytes_per_frame"),
        "customer_encoded_kbps_by_viewers": mean("customer_encoded_kbps"),
        "customer_connections_by_viewers": {n: 1 for n in VIEWER_COUNTS},
        "primary_upload_kbps_by_viewers": mean("primary_upload_kbps"),
        "primary_fps": mean("primary_fps"),
        "assistant_fps": {n: assistants(n) for n in VIEWER_COUNTS},
        "forward_latency_ms_p50": max((h for h in hops.values() if h is not None), default=None),
        "forward_latency_ms_p50_by_viewers": hops,
        "forward_latency_ms_p95_by_viewers": mean("forward_hop_p95_ms"),
        "primary_cpu_pct": mean("primary_cpu_pct"),
        "customer_cpu_pct": mean("customer_cpu_pct"),
        "load_average": [r["load_average"] for r in runs],
        "fps_cap": args.cap,
        "seconds_per_run": args.seconds,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "runs": runs,
    }


def cli() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--worker", choices=["customer", "primary", "assistants"])
    parser.add_argument("--cap", type=float, default=30.0, help="the customer's frame-rate cap")
    parser.add_argument("--seconds", type=float, default=RUN_SECONDS)
    parser.add_argument("--rounds", type=int, default=2, help="times each N runs")
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker_main(args.worker))
        return
    print(json.dumps(asyncio.run(main(args))))


if __name__ == "__main__":
    cli()
