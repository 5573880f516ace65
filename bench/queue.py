"""Inbound support under load: simulated customers waiting in a queue and simulated agents taking
them with Accept next, over a real support center on loopback.

What runs where:

* a support center process (``tandem-center serve``, its own data folder with ``--agents``
  agent accounts, all members of one queue), measured from outside: its CPU time and its
  peak resident memory (``VmHWM``);
* this process: ``--customers`` customers and ``--agents`` agents, each speaking the real
  protocol over its own connections. A customer files a help request (``POST /api/tickets``),
  opens its signaling socket and waits (``queue.wait``); told ``queue.accepted``, it opens a new
  socket and joins the session as the client does. An agent asks ``POST
  /api/queues/accept-next``, attaches to the session it got (``agent.hello``) and counts the
  customer connected when the center tells it they joined; then it ends the session and takes
  the next one, until everyone has been helped.

Accept-to-connected is measured by the agent, from sending Accept next to the customer's
``participant.joined``: what an agent waits after the click before the session runs (the peer
link, measured by ``bench/connect.py``, comes after).

The customers arrive over ``--arrival-s`` seconds. Each connection binds its own loopback address
(127.0.0.x): the center limits sockets and requests per address, and real customers come from
as many addresses as there are of them.

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import psutil

ROOT = Path(__file__).resolve().parents[1]
# Run as a file, bench/ leads the path: the repository's root instead, or bench/queue.py would
# stand for the standard library's queue (which aiortc imports).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from shared.protocol.messages import AgentHello, CustomerJoin, EndSession, QueueWait

QUEUE = "bench"
PASSWORD = "bench-password-1234"
# Customers per loopback address: under the center's limits per address (64 sockets, 20 help
# requests an hour).
CUSTOMERS_PER_ADDRESS = 10
# How long anything may take before the bench counts it failed.
STEP_TIMEOUT_S = 30.0
# How long a socket may stay silent: a customer far back in line hears nothing until their
# place moves, which may be all the bench.
WAIT_TIMEOUT_S = 600.0


@dataclass
class Figures:
    accept_to_connected_s: list[float] = field(default_factory=list)
    served: int = 0
    failures: list[str] = field(default_factory=list)


def center_command(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "support_center.cli", "--data-dir", str(data_dir), *args]


def prepare_center(data_dir: Path, agents: int, customers: int) -> list[str]:
    """Agent accounts, all in the one queue (room for every customer); their user names."""
    names = [f"agent{i:02d}" for i in range(agents)]
    subprocess.run(
        center_command(
            data_dir, "queues", "add", QUEUE, "--title", "Bench", "--max-waiting", str(customers)
        ),
        check=True,
        capture_output=True,
    )
    for name in names:
        subprocess.run(
            center_command(data_dir, "add-agent", name, "--password-stdin"),
            input=PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
        )
        subprocess.run(
            center_command(data_dir, "queues", "agents", "add", QUEUE, name),
            check=True,
            capture_output=True,
        )
    return names


async def start_center(data_dir: Path) -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        *center_command(data_dir, "serve", "--port", "0"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert process.stdout is not None
    while True:
        line = (await asyncio.wait_for(process.stdout.readline(), STEP_TIMEOUT_S)).decode()
        if not line:
            raise RuntimeError("the support center stopped before it listened")
        found = re.search(r"(https://\S+)", line)
        if found:
            return process, found.group(1)


def loose_tls() -> ssl.SSLContext:
    # Loopback to the center this bench started, whose certificate it just made.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


# One for every connection: making one reads the system's certificates (tens of milliseconds),
# and hundreds made at once would hold this process's loop up for seconds.
TLS = loose_tls()


def client(address: str) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(ssl=TLS, local_addr=(address, 0), limit=0)
    return aiohttp.ClientSession(connector=connector)


async def next_message(
    socket: aiohttp.ClientWebSocketResponse, *types: str, timeout: float = WAIT_TIMEOUT_S
) -> dict[str, Any]:
    """The next message of one of ``types`` (others skipped); an error message raises."""
    while True:
        raw = await asyncio.wait_for(socket.receive(), timeout)
        if raw.type != aiohttp.WSMsgType.TEXT:
            raise ConnectionError(
                f"socket closed waiting for {types} ({socket.close_code}: {raw.extra})"
            )
        message: dict[str, Any] = json.loads(raw.data)
        if message.get("type") in types:
            return message
        if message.get("type") == "error":
            raise ConnectionError(f"{message.get('code')}: {message.get('reason')}")


async def customer(index: int, url: str, arrive_after: float, figures: Figures) -> None:
    await asyncio.sleep(arrive_after)  # arrivals spread over time, as real ones are
    name = f"Customer {index}"
    step = "asking for a ticket"
    async with client(f"127.0.0.{2 + index // CUSTOMERS_PER_ADDRESS}") as http:
        try:
            async with http.post(
                f"{url}/api/tickets", json={"queue": QUEUE, "name": name}
            ) as answer:
                body = await answer.json()
                if answer.status not in (200, 201):
                    raise ConnectionError(f"ticket refused: {body}")
            step = "waiting in the queue"
            waiting = await http.ws_connect(f"{url}/ws")
            await waiting.send_str(QueueWait(ticket=body["ticket"]).model_dump_json())
            accepted = await next_message(waiting, "queue.accepted")
            # Done with it; the center may be closing it already.
            with contextlib.suppress(aiohttp.ClientError):
                await waiting.close()
            step = "joining the session"
            async with http.ws_connect(f"{url}/ws") as seat:
                join = CustomerJoin(session=accepted["session"], name=name)
                await seat.send_str(join.model_dump_json())
                await next_message(seat, "welcome")
                step = "in the session"
                await next_message(seat, "session.ended")
        except (ConnectionError, TimeoutError, aiohttp.ClientError) as exc:
            figures.failures.append(f"customer {index}, {step}: {exc!r}")


async def agent(username: str, index: int, url: str, total: int, figures: Figures) -> None:
    async with client(f"127.0.1.{2 + index}") as http:
        async with http.post(
            f"{url}/api/login", json={"username": username, "password": PASSWORD}
        ) as answer:
            token = (await answer.json())["token"]
        headers = {"Authorization": f"Bearer {token}"}
        version = -1
        while figures.served + len(figures.failures) < total:
            started = time.monotonic()
            async with http.post(
                f"{url}/api/queues/accept-next", json={}, headers=headers
            ) as answer:
                body = await answer.json()
            if answer.status == 404:  # nobody waiting: wait for the queue to change
                async with http.get(
                    f"{url}/api/queues", params={"after": str(version)}, headers=headers
                ) as view:
                    version = (await view.json())["version"]
                continue
            if answer.status != 200:
                figures.failures.append(f"{username}: accept refused: {body}")
                continue
            try:
                async with http.ws_connect(f"{url}/ws") as seat:
                    hello = AgentHello(token=token, session=body["number"])
                    await seat.send_str(hello.model_dump_json())
                    welcome = await next_message(seat, "welcome", timeout=STEP_TIMEOUT_S)
                    if not any(p["role"] == "customer" for p in welcome["participants"]):
                        await next_message(seat, "participant.joined", timeout=STEP_TIMEOUT_S)
                    figures.accept_to_connected_s.append(time.monotonic() - started)
                    figures.served += 1
                    await seat.send_str(EndSession().model_dump_json())
                    with contextlib.suppress(ConnectionError, TimeoutError):
                        await next_message(seat, "session.ended", timeout=STEP_TIMEOUT_S)
            except (ConnectionError, TimeoutError, aiohttp.ClientError) as exc:
                figures.failures.append(f"{username}: {exc!r}")


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def rss_mb(pid: int, field: str = "VmHWM") -> float:
    """The process's peak (``VmHWM``) or present (``VmRSS``) resident memory, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run(customers: int, agents: int, arrival_s: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tandem-queue-bench-") as folder:
        data_dir = Path(folder)
        names = prepare_center(data_dir, agents, customers)
        process, url = await start_center(data_dir)
        center = psutil.Process(process.pid)
        figures = Figures()
        try:
            cpu_before = center.cpu_times()
            started = time.monotonic()
            agents_at_work = [
                asyncio.create_task(agent(name, i, url, customers, figures))
                for i, name in enumerate(names)
            ]
            # Every customer is done once helped (or failed): the agents then stop, even those
            # waiting on their queue's long poll.
            await asyncio.gather(
                *(customer(i, url, arrival_s * i / customers, figures) for i in range(customers))
            )
            elapsed = time.monotonic() - started
            for task in agents_at_work:
                task.cancel()
            await asyncio.gather(*agents_at_work, return_exceptions=True)
            cpu_after = center.cpu_times()
            rss, rss_end = rss_mb(process.pid), rss_mb(process.pid, "VmRSS")
        finally:
            process.terminate()
            await process.wait()
    cpu_s = (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)
    times = figures.accept_to_connected_s
    for failure in figures.failures[:10]:
        print("failed:", failure)
    return {
        "customers": customers,
        "agents": agents,
        "served": figures.served,
        "failures": len(figures.failures),
        "duration_s": round(elapsed, 2),
        "accept_to_connected_p50_s": round(statistics.median(times), 4) if times else None,
        "accept_to_connected_p95_s": round(percentile(times, 0.95), 4) if times else None,
        "accept_to_connected_max_s": round(max(times), 4) if times else None,
        "center_cpu_pct": round(100 * cpu_s / elapsed, 1),
        # The peak holds the agents' sign-ins: each password check takes Argon2id's 64 MiB,
        # four at once at most (shared/security/passwords.py); the end is what the queue holds.
        "center_peak_rss_mb": round(rss, 1),
        "center_rss_end_mb": round(rss_end, 1),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--arrival-s", type=float, default=10.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    figures = asyncio.run(run(args.customers, args.agents, args.arrival_s))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
