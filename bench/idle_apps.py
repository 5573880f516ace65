"""An idle shared screen, as the real apps run it: the traffic every app sends, the sharer's CPU.

Four processes, as in real use, in a private network namespace of their own (``ip netns add``,
``ip netns exec``) so that its loopback carries their traffic and nothing else's:

* the **support center** (``support_center.app.start_center``, temp data dir, one agent);
* the **agent**: ``AgentSession`` with every feature the console attaches
  (``shared.kit.attach.attach_features``), which starts a session and asks to view the customer's
  screen once the customer is there;
* the **customer**: ``CustomerSession``, every feature attached, consent answered yes, sharing
  the real screen of ``DISPLAY`` (mss capture, x264, WebRTC);
* the **orchestrator** (``--inside``), parent of the three, which reads the namespace's loopback
  counters (``/proc/self/net/dev``, ``lo`` transmit bytes: every packet any of them sent, IP and
  UDP/TCP headers included: both peer connections' RTP, RTCP, SCTP, DTLS and STUN, the center's
  WebSocket and its TCP ACKs) and the customer's CPU (psutil) over ``--seconds`` once the first
  frame reached the agent and the screen has been still for ``SETTLE_S``.

The X display is reached through its file-system socket (/tmp/.X11-unix), which a network
namespace does not hide. ``measure_idle_apps`` is what ``bench/desktop.py`` calls; run alone,
``python -m bench.idle_apps`` starts its own Xvfb (a still screen) and prints one JSON line.
Needs root (to make the namespace); without it the figures are None and ``error`` says why.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

LOOPBACK = "127.0.0.1"
# The idle window is a minute: long enough for the slowest keep-alive to be counted.
IDLE_SECONDS = 60.0
# After the first frame: the screen's last changes and the connection's start-up settle.
SETTLE_S = 5.0
# Starting Python with aiortc, the center, a join and a first frame, on a loaded machine.
STEP_TIMEOUT_S = 60.0
AGENT_USER, AGENT_PASSWORD = "ada", "correct horse battery"


# --- the apps ---------------------------------------------------------------------------------


def _line(*words: object) -> None:
    print(*words, flush=True)


async def run_center(data_dir: str) -> None:
    from shared.security.passwords import hash_password
    from support_center.app import start_center
    from support_center.config import CenterConfig

    running = await start_center(CenterConfig(data_dir=Path(data_dir), host=LOOPBACK, port=0))
    running.store.add_agent(AGENT_USER, "Ada Agent", hash_password(AGENT_PASSWORD))
    _line("CENTER", running.url, running.fingerprint)
    await asyncio.Event().wait()  # until killed


async def run_agent(url: str, fingerprint: str) -> None:
    from csr_console.services.agent_session import AgentSession, sign_in
    from shared.features.desktop.engine import SharingFeature
    from shared.features.desktop.protocol import NAME, ActivityKind
    from shared.kit.attach import attach_features
    from shared.transport.center_link import CenterLink

    link = CenterLink(url, fingerprint)
    agent = AgentSession(link, await sign_in(link, AGENT_USER, AGENT_PASSWORD))
    attach_features(agent)
    sharing = agent.part(NAME, SharingFeature)
    assert sharing is not None, f"no desktop sharing here: {agent.unavailable}"
    frames = asyncio.Event()
    sharing.on_frame = lambda _activity, _frame: frames.set()
    started = await agent.start()
    _line("SESSION", started.number)
    while not (present := [p for p in agent.engine.present() if p.linked]):
        await asyncio.sleep(0.05)
    sharing.request(ActivityKind.VIEW, present[0].id)
    await frames.wait()
    _line("VIEWING")
    await asyncio.Event().wait()


async def run_customer(url: str, fingerprint: str, number: int) -> None:
    from customer_client.services.customer_session import CustomerSession
    from shared.kit.attach import attach_features
    from shared.session.consent import ConsentAnswer, ConsentRequest
    from shared.transport.center_link import CenterLink

    customer = CustomerSession(CenterLink(url, fingerprint))

    async def yes(_request: ConsentRequest) -> ConsentAnswer:
        return ConsentAnswer(granted=True)

    customer.consent.ask = yes
    attach_features(customer)
    await customer.join(number, "Grace")
    await customer.wait_connected()
    _line("JOINED")
    await asyncio.Event().wait()


# --- the orchestrator, inside the namespace ------------------------------------------------------


class Breakdown:
    """Where the bytes go: every packet sent on this namespace's loopback, read off an
    AF_PACKET socket and sorted by what it carries (a diagnosis beside the exact counter)."""

    def __init__(self, center_port: int) -> None:
        import socket

        self.center_port = center_port
        self.bytes: dict[str, int] = {}
        self.packets: dict[str, int] = {}
        self.counting = False
        self._sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
        self._sock.bind(("lo", 0))
        threading.Thread(target=self._read, daemon=True).start()

    def kind(self, ip: bytes) -> str:
        header = (ip[0] & 0x0F) * 4
        protocol, payload = ip[9], ip[header:]
        ports = int.from_bytes(payload[0:2], "big"), int.from_bytes(payload[2:4], "big")
        if protocol == 6:
            return "center socket (TCP)" if self.center_port in ports else "other TCP"
        if protocol != 17:
            return f"ip protocol {protocol}"
        data = payload[8:]
        first = data[0] if data else -1
        if 0 <= first <= 3:
            return "STUN"
        if 20 <= first <= 63:
            return "DTLS (SCTP: data channels)"
        if 128 <= first <= 191 and len(data) > 1:
            return "RTCP" if 192 <= data[1] <= 223 else "RTP"
        return "other UDP"

    def _read(self) -> None:
        while True:
            frame, address = self._sock.recvfrom(65536)
            if address[2] != 4 or not self.counting:  # PACKET_OUTGOING: each packet once
                continue
            kind = self.kind(frame[14:])
            self.bytes[kind] = self.bytes.get(kind, 0) + len(frame) - 14
            self.packets[kind] = self.packets.get(kind, 0) + 1


def lo_tx_bytes() -> int:
    """Bytes sent on this network namespace's loopback (each packet once: sent = received)."""
    for line in Path("/proc/self/net/dev").read_text().splitlines():
        name, _, counters = line.partition(":")
        if name.strip() == "lo":
            return int(counters.split()[8])
    raise RuntimeError("no lo in /proc/self/net/dev")


class App:
    def __init__(self, role: str, *args: str, log_dir: Path) -> None:
        from shared.transport.ice import HOST_ADDRESSES_ENV

        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env[HOST_ADDRESSES_ENV] = LOOPBACK
        self.role = role
        self.log = log_dir / f"{role}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.idle_apps", "--role", role, *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=self.log.open("wb"),
            text=True,
            env=env,
        )

    async def expect(self, word: str) -> list[str]:
        """The words after ``word`` on the first line that starts with it."""
        assert self.process.stdout is not None
        stdout = self.process.stdout
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while time.monotonic() < deadline:
            line = await asyncio.wait_for(asyncio.to_thread(stdout.readline), STEP_TIMEOUT_S)
            if not line:
                break
            if line.startswith(word):
                return line.split()[1:]
        tail = self.log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the {self.role} never said {word}: {tail}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


async def inside(seconds: float) -> dict[str, Any]:
    import psutil

    apps: list[App] = []
    with tempfile.TemporaryDirectory(prefix="tandem-idle-") as scratch:
        logs = Path(scratch)
        try:
            center = App("center", str(logs / "center"), log_dir=logs)
            apps.append(center)
            url, fingerprint = await center.expect("CENTER")
            agent = App("agent", url, fingerprint, log_dir=logs)
            apps.append(agent)
            (number,) = await agent.expect("SESSION")
            customer = App("customer", url, fingerprint, number, log_dir=logs)
            apps.append(customer)
            await customer.expect("JOINED")
            await agent.expect("VIEWING")
            await asyncio.sleep(SETTLE_S)  # the measurement's own clock: a fixed window
            breakdown = Breakdown(int(url.rsplit(":", 1)[1].split("/")[0]))
            sharer = psutil.Process(customer.process.pid)
            cpu_before = sum(sharer.cpu_times()[:2])
            breakdown.counting = True
            bytes_before, started = lo_tx_bytes(), time.monotonic()
            load_before = os.getloadavg()[0]
            await asyncio.sleep(seconds)
            elapsed = time.monotonic() - started
            sent = lo_tx_bytes() - bytes_before
            breakdown.counting = False
            cpu = sum(sharer.cpu_times()[:2]) - cpu_before
            alive = {app.role: app.process.poll() is None for app in apps}
            if not all(alive.values()):
                raise RuntimeError(f"an app died during the window: {alive}")
            return {
                "idle_app_kbps": round(sent * 8 / elapsed / 1000, 2),
                "idle_sharer_cpu_pct": round(100 * cpu / elapsed, 2),
                "idle_app_bytes": sent,
                "idle_seconds": round(elapsed, 1),
                "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "counted": "lo of a private network namespace (ip netns)",
                "idle_bytes_by_kind": {
                    kind: {"bytes": n, "packets": breakdown.packets[kind]}
                    for kind, n in sorted(breakdown.bytes.items(), key=lambda kv: -kv[1])
                },
            }
        finally:
            for app in reversed(apps):
                app.stop()


# --- from outside ---------------------------------------------------------------------------------


def measure_idle_apps(display: str, seconds: float = IDLE_SECONDS) -> dict[str, Any]:
    """Run the apps idle on ``display`` in a namespace of their own; the figures, or None ones
    and ``error`` when no namespace can be made here (not root, no ``ip``)."""
    empty: dict[str, Any] = {"idle_app_kbps": None, "idle_sharer_cpu_pct": None}
    if shutil.which("ip") is None or os.geteuid() != 0:
        return {**empty, "error": "needs root and iproute2 (ip netns) to count the apps' traffic"}
    name = f"tandem-idle-{os.getpid()}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        subprocess.run(["ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"], check=True)
        env = dict(os.environ, DISPLAY=display)
        command = [sys.executable, "-m", "bench.idle_apps", "--inside", "--seconds", str(seconds)]
        done = subprocess.run(
            ["ip", "netns", "exec", name, *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=seconds + 5 * STEP_TIMEOUT_S,
        )
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            return {**empty, "error": (done.stderr or done.stdout)[-2000:]}
        return dict(json.loads(lines[-1]))
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--role", choices=["center", "agent", "customer"])
    parser.add_argument("--inside", action="store_true")
    parser.add_argument("--seconds", type=float, default=IDLE_SECONDS)
    parser.add_argument("args", nargs="*")
    options = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if options.role:
        from shared.transport.ice import apply_environment

        apply_environment()
        role = {"center": run_center, "agent": run_agent, "customer": run_customer}
        if options.role == "customer":
            url, fingerprint, number = options.args
            asyncio.run(run_customer(url, fingerprint, int(number)))
        else:
            asyncio.run(role[options.role](*options.args))  # type: ignore[operator]
        return
    if options.inside:
        print(json.dumps(asyncio.run(inside(options.seconds))), flush=True)
        return
    from bench.desktop import start_xvfb

    xvfb, display = start_xvfb()
    try:
        print(json.dumps(measure_idle_apps(display, options.seconds)), flush=True)
    finally:
        xvfb.terminate()
        xvfb.wait(10)


if __name__ == "__main__":
    main()
