"""Throughput of the bulk channel and round trip on control, between two real peer links
(aiortc) in this process, on loopback only.

Bulk: ``--mib`` MiB of random bytes written in 64 KiB messages through ``Channel.write`` (the
back-pressured way), timed from the first write to the last byte received; the sender's
buffered amount is sampled throughout and its maximum reported beside the bound.
Control: ``--pings`` pings, one at a time, each timed by the link's own pong handling; and
again every 20 ms while bulk runs (control waits behind what bulk has queued: the bound keeps
that wait short).

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a file, bench/ leads the path: the repository's root instead, or bench/queue.py would
# stand for the standard library's queue (which aiortc imports).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from shared.transport.ice import restrict_host_addresses

restrict_host_addresses(["127.0.0.1"])  # nothing leaves the machine

from shared.protocol.messages import Ping
from shared.transport.channels import (
    BULK_MAX_BUFFERED,
    MAX_CHANNEL_MESSAGE_BYTES,
    ChannelName,
)
from shared.transport.link import Link, LinkState, join_links
from shared.transport.peer_link import PeerLink

MIB = 1024 * 1024
LINK_TIMEOUT_S = 15.0
DELIVERY_TIMEOUT_S = 120.0


def _quiet(_link: Link, _state: LinkState) -> None:
    pass


async def bulk(sender: PeerLink, receiver: PeerLink, size: int) -> dict[str, float]:
    payload = random.Random(1).randbytes(size)
    got = 0
    done = asyncio.Event()

    def arrived(data: bytes | str) -> None:
        nonlocal got
        got += len(data)
        if got >= size:
            done.set()

    receiver.channel(ChannelName.BULK).on_message(arrived)
    channel = sender.channel(ChannelName.BULK)
    most = 0
    during: list[float] = []
    pinger = asyncio.ensure_future(pinging(sender, during))
    start = time.perf_counter()
    try:
        for offset in range(0, size, MAX_CHANNEL_MESSAGE_BYTES):
            await channel.write(payload[offset : offset + MAX_CHANNEL_MESSAGE_BYTES])
            most = max(most, channel.buffered_amount)
        await asyncio.wait_for(done.wait(), DELIVERY_TIMEOUT_S)
        seconds = time.perf_counter() - start
    finally:
        pinger.cancel()
    return {
        **percentiles("control_rtt_during_bulk", during),
        "bulk_mib": size / MIB,
        "bulk_seconds": round(seconds, 3),
        "bulk_mib_per_s": round(size / MIB / seconds, 2),
        "bulk_max_buffered_bytes": most,
        "bulk_bound_bytes": BULK_MAX_BUFFERED,
    }


async def ping(sender: PeerLink, seq: int) -> float | None:
    """One control round trip (ms), as the link times it on the pong's arrival."""
    sender.last_rtt_s = None
    sender.send(Ping(seq=10**9 + seq, sent_at=sender.clock.now()))
    deadline = time.monotonic() + LINK_TIMEOUT_S
    while sender.last_rtt_s is None and time.monotonic() < deadline:
        await asyncio.sleep(0.001)  # the value is the link's own timing, not this loop's
    return None if sender.last_rtt_s is None else sender.last_rtt_s * 1000


def percentiles(prefix: str, rtts: list[float]) -> dict[str, float]:
    rtts = sorted(rtts)
    return {
        f"{prefix}_pings": len(rtts),
        f"{prefix}_ms_p50": round(statistics.median(rtts), 3),
        f"{prefix}_ms_p95": round(rtts[int(0.95 * (len(rtts) - 1))], 3),
    }


async def control_rtt(sender: PeerLink, pings: int) -> dict[str, float]:
    rtts = [rtt for seq in range(pings) if (rtt := await ping(sender, seq)) is not None]
    return percentiles("control_rtt", rtts)


async def pinging(sender: PeerLink, rtts: list[float]) -> None:
    """Control round trips every 20 ms while bulk runs: how long control waits behind it."""
    for seq in range(10**6):
        rtt = await ping(sender, seq)
        if rtt is not None:
            rtts.append(rtt)
        await asyncio.sleep(0.02)


async def run(mib: float, pings: int) -> dict[str, object]:
    a = PeerLink("b", [], lambda _r, _m: None, _quiet)
    b = PeerLink("a", [], lambda _r, _m: None, _quiet)
    try:
        await join_links(a, b, LINK_TIMEOUT_S)
        results: dict[str, object] = {"cpus": os.cpu_count()}
        results.update(await control_rtt(a, pings))
        results.update(await bulk(a, b, int(mib * MIB)))
        return results
    finally:
        await a.close()
        await b.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=float, default=20.0, help="bulk size (MiB)")
    parser.add_argument("--pings", type=int, default=200, help="control round trips")
    args = parser.parse_args()
    results = asyncio.run(run(args.mib, args.pings))
    for key, value in results.items():
        print(f"{key:<26} {value}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
