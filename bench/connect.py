"""Join-to-connected time and chat round trip, over a real support center on loopback.

What runs where, as in real use:

* this process: an in-process support center (temp data dir, one agent account) and the
  agent's session (``csr_console.services``);
* a worker subprocess (this same file with ``--customer-worker``): the customer's side
  (``customer_client.services``). It takes commands on stdin and reports on stdout, one JSON
  object per line.

Joins: the agent starts ONE session; each of the ``--joins`` rounds a FRESH customer (new
``CustomerSession``, new center connection, new TLS handshake, new peer connection) joins it,
waits for the open data channel, then leaves, so the session never holds more than one customer
and the agent's cap of 4 open sessions is never in play. ``--fresh-sessions`` instead starts a
new session for every join and ends it afterwards. One extra warm-up join is made first and
reported on its own (a real customer's process only ever makes that cold one).

Join-to-connected is measured in the customer's process, from the call of
``CustomerSession.join`` to ``CustomerSession.wait_connected`` returning. Both processes also
timestamp each phase with ``time.monotonic()`` (CLOCK_MONOTONIC, one clock for all processes on
Linux), so the phases of one join line up across the two processes.

A join whose channel is not open after ``JOIN_TIMEOUT_S`` counts as failed: it is printed with
its timeline, and it enters the p50/p95 as ``JOIN_TIMEOUT_S`` (a lower bound of its real time),
so failures cannot hide behind the successful joins; the successful joins alone are reported
too (``join_to_connected_ok_*``).

Chat: the agent sends a line to the customer; the customer's process answers from its engine's
``ChatReceived`` event; the agent measures until the answer arrives.

Only loopback is used: every process restricts ICE host candidates to 127.0.0.1 before it makes
any peer connection, the center listens on 127.0.0.1 and hands out no STUN/TURN server.

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as a file, bench/ leads the path: the repository's root instead, or bench/queue.py would
# stand for the standard library's queue (which aiortc imports).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench import workers
from bench.workers import LOOPBACK, now, report
from shared.transport.ice import restrict_host_addresses

# Restrict before anything can make a peer connection (also done again in main()/worker).
restrict_host_addresses([LOOPBACK])

from aiortc import RTCConfiguration, RTCPeerConnection

from csr_console.services.agent_session import AgentAccount, AgentSession, sign_in
from customer_client.services.customer_session import CustomerSession
from shared.features.chat.engine import ChatFeature, ChatReceived
from shared.features.chat.protocol import ChatLine
from shared.protocol.messages import (
    FromCenter,
    ParticipantJoined,
    SignalIn,
    SignalOut,
    ToCenter,
    Welcome,
)
from shared.security.passwords import hash_password
from shared.session.live import LiveSession
from shared.transport.center_link import CenterError, CenterLink
from shared.transport.link import Link
from shared.transport.peer_link import LinkState, PeerLink
from support_center.app import RunningCenter, start_center
from support_center.config import CenterConfig

AGENT_USER = "bench"
AGENT_PASSWORD = "bench password for loopback only"
AGENT_NAME = "Bench Agent"

# The whole bench must end by itself well within two minutes.
OVERALL_TIMEOUT_S = 110.0
STEP_TIMEOUT_S = 15.0
# A join whose data channel is not open after this long counts as failed (the target is 1 s).
JOIN_TIMEOUT_S = 4.0
# No new join is started after this long, so that failures cannot push the bench past 2 min.
JOINS_BUDGET_S = 70.0
# Joins tried for the chat part before giving up on measuring it.
CHAT_JOIN_ATTEMPTS = 5

Marks = dict[str, float]


# --- instrumented sessions ------------------------------------------------------------------


class TimedCenterLink(CenterLink):
    """A center link that notes when the signaling socket (TCP + TLS + WS upgrade) is up."""

    def __init__(self, server_url: str, fingerprint: str, marks: Marks) -> None:
        super().__init__(server_url, fingerprint)
        self.marks = marks

    async def open_socket(
        self, on_message: Callable[[FromCenter], None], on_closed: Callable[[], None]
    ) -> None:
        self.marks.setdefault("socket_connecting", now())
        await super().open_socket(on_message, on_closed)
        self.marks.setdefault("socket_open", now())


class Timed(LiveSession):
    """Notes when each signaling and link step happens, per remote participant.

    Marks that concern no particular peer (socket, welcome) go under the key "".
    """

    timeline: dict[str, Marks]

    def marks_for(self, remote_id: str) -> Marks:
        if not hasattr(self, "timeline"):
            self.timeline = {}
        return self.timeline.setdefault(remote_id, {})

    def _from_center(self, message: FromCenter) -> None:
        t = now()
        if isinstance(message, Welcome):
            self.marks_for("").setdefault("welcome_in", t)
        elif isinstance(message, ParticipantJoined):
            self.marks_for(message.participant.id).setdefault("joined_in", t)
        elif isinstance(message, SignalIn):
            self.marks_for(message.sender).setdefault(f"{message.kind.value}_in", t)
        super()._from_center(message)

    async def _send_center(self, message: ToCenter) -> None:
        await super()._send_center(message)
        if isinstance(message, SignalOut):
            self.marks_for(message.to).setdefault(f"{message.kind.value}_sent", now())

    def _new_link(self, remote_id: str) -> Link:
        marks = self.marks_for(remote_id)
        marks.setdefault("link_created", now())
        link = super()._new_link(remote_id)
        assert isinstance(link, PeerLink)
        pc: RTCPeerConnection = link._pc

        def gathering() -> None:
            marks.setdefault(f"gathering_{pc.iceGatheringState}", now())

        def ice() -> None:
            marks.setdefault(f"ice_{pc.iceConnectionState}", now())

        def connection() -> None:
            marks.setdefault(f"pc_{pc.connectionState}", now())

        pc.on("icegatheringstatechange", gathering)
        pc.on("iceconnectionstatechange", ice)
        pc.on("connectionstatechange", connection)
        return link

    def _link_state(self, link: Link, state: LinkState) -> None:
        self.marks_for(link.remote_id).setdefault(f"link_{state.value}", now())
        super()._link_state(link, state)


class TimedCustomer(Timed, CustomerSession):
    pass


class TimedAgent(Timed, AgentSession):
    pass


# --- figures --------------------------------------------------------------------------------


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * pct / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def span(marks: Marks, start: str, end: str) -> float | None:
    if start in marks and end in marks:
        return marks[end] - marks[start]
    return None


# Phases of one join, as (label, start mark, end mark); "c." marks are the customer's,
# "a." marks the agent's. Consecutive, so they add up to join -> connected. The customer's own
# welcome ("c.welcome_in") is reported apart: the center sends it just before it tells the agent,
# so it races the agent's side and is no link in the chain.
PHASES: list[tuple[str, str, str]] = [
    ("TCP+TLS+WebSocket to the center", "c.join_called", "c.socket_open"),
    ("join -> agent told (center checks, SQLite)", "c.socket_open", "a.joined_in"),
    ("agent: new link + offer (ICE gathering)", "a.joined_in", "a.offer_sent"),
    ("offer relayed by the center", "a.offer_sent", "c.offer_in"),
    ("customer: answer (ICE gathering)", "c.offer_in", "c.answer_sent"),
    ("answer sent -> ICE connected", "c.answer_sent", "c.ice_completed"),
    ("ICE -> DTLS up (pc connected)", "c.ice_completed", "c.pc_connected"),
    ("DTLS -> data channel open (SCTP)", "c.pc_connected", "c.link_open"),
    ("channel open -> wait_connected returns", "c.link_open", "c.connected"),
]
OTHER_SPANS: list[tuple[str, str, str]] = [
    ("join -> welcome at the customer", "c.join_called", "c.welcome_in"),
    ("join -> join() returns", "c.join_called", "c.join_returned"),
    ("join -> agent's side of the link open", "c.join_called", "a.link_open"),
]


def merge_marks(customer: Marks, agent: Marks) -> Marks:
    merged = {f"c.{k}": v for k, v in customer.items()}
    merged.update({f"a.{k}": v for k, v in agent.items()})
    # aiortc reports ICE "completed" once a pair is nominated; fall back to "connected".
    if "c.ice_completed" not in merged and "c.ice_connected" in merged:
        merged["c.ice_completed"] = merged["c.ice_connected"]
    return merged


# --- the customer's process -----------------------------------------------------------------


async def worker_main() -> None:
    restrict_host_addresses([LOOPBACK])
    customer: TimedCustomer | None = None
    replies = 0

    def auto_reply(chat: ChatFeature) -> Callable[[object], None]:
        """Answer every chat line that reaches ``chat``'s session at once, from the event."""

        def listener(event: object) -> None:
            nonlocal replies
            if isinstance(event, ChatReceived) and not event.outgoing:
                chat.send(event.line.sender, f"re: {event.line.text}"[:200])
                replies += 1

        return listener

    cpu_start = time.process_time()
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line:
            break
        command: dict[str, Any] = json.loads(line)
        name = command.get("cmd")
        try:
            if name == "join":
                marks: Marks = {}
                link = TimedCenterLink(command["url"], command["fingerprint"], marks)
                customer = TimedCustomer(link)
                customer.engine.subscribe(auto_reply(ChatFeature(customer)))
                marks["join_called"] = now()
                error = ""
                try:
                    await customer.join(int(command["number"]), str(command["name"]))
                    marks["join_returned"] = now()
                    await customer.wait_connected(float(command["timeout"]))
                    marks["connected"] = now()
                except CenterError as exc:
                    error = f"{exc.code}: {exc.reason}"
                flat = dict(marks)
                for per_peer in customer.timeline.values():
                    for key, value in per_peer.items():
                        flat.setdefault(key, value)
                me = customer.engine.me
                report(
                    {
                        "ok": True,
                        "error": error,
                        "join_to_connected_s": now() - marks["join_called"],
                        "participant_id": me.id if me else "",
                        "marks": flat,
                    }
                )
            elif name == "leave":
                if customer is not None:
                    await customer.leave()
                    customer = None
                report({"ok": True})
            elif name == "stats":
                report({"ok": True, "replies": replies, "cpu_s": time.process_time() - cpu_start})
            elif name == "quit":
                if customer is not None:
                    await customer.close()
                report({"ok": True})
                return
            else:
                report({"ok": False, "error": f"unknown command {name!r}"})
        except Exception as exc:  # report and carry on: the bench decides what to do
            report({"ok": False, "error": f"{type(exc).__name__}: {exc}"})


class Worker:
    """The customer's process, seen from the bench."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def spawn(cls) -> Worker:
        return cls(await workers.spawn(str(Path(__file__).resolve()), "--customer-worker"))

    async def ask(self, command: dict[str, Any], timeout: float = STEP_TIMEOUT_S) -> dict[str, Any]:
        try:
            answer = await workers.ask(self.process, command, timeout)
        except TimeoutError:
            raise RuntimeError(
                f"the customer did not answer {command['cmd']!r} in {timeout:.0f} s"
            ) from None
        except EOFError:
            raise RuntimeError("the customer's process ended") from None
        if not answer.get("ok"):
            raise RuntimeError(f"customer {command['cmd']} failed: {answer.get('error')}")
        return answer

    async def stop(self) -> None:
        await workers.stop(self.process, lambda: self.ask({"cmd": "quit"}, timeout=5.0), 5.0)


# --- the agent's process --------------------------------------------------------------------


async def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = now() + timeout
    while not condition():
        if now() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


@dataclass
class JoinResult:
    seconds: float
    marks: Marks
    # Empty when the data channel opened; else why not (the join then counts as failed).
    error: str = ""


def timeline_text(marks: Marks) -> str:
    start = marks.get("c.join_called", min(marks.values(), default=0.0))
    ordered = sorted(marks.items(), key=lambda item: item[1])
    return ", ".join(f"{name} +{(t - start) * 1000:.0f}ms" for name, t in ordered)


class Bench:
    def __init__(self, center: RunningCenter, worker: Worker, fresh_sessions: bool) -> None:
        self.center = center
        self.worker = worker
        self.fresh_sessions = fresh_sessions
        self.agent: TimedAgent | None = None
        self.account: AgentAccount | None = None
        self.number = 0

    def link(self) -> CenterLink:
        return CenterLink(self.center.url, self.center.fingerprint)

    async def start_session(self) -> TimedAgent:
        link = self.link()
        if self.account is None:  # sign in once: every sign-in costs an Argon2 check
            self.account = await sign_in(link, AGENT_USER, AGENT_PASSWORD)
        agent = TimedAgent(link, self.account)
        ChatFeature(agent)  # the chat round trips run on it
        started = await agent.start()
        self.agent, self.number = agent, started.number
        return agent

    async def end_session(self) -> None:
        if self.agent is not None:
            await self.agent.end()
            await self.agent.close()
            self.agent = None

    async def one_join(self, index: int) -> JoinResult:
        agent = self.agent if self.agent is not None and not self.fresh_sessions else None
        if agent is None:
            agent = await self.start_session()
        answer = await self.worker.ask(
            {
                "cmd": "join",
                "url": self.center.url,
                "fingerprint": self.center.fingerprint,
                "number": self.number,
                "name": f"Bench customer {index}",
                "timeout": JOIN_TIMEOUT_S,
            },
            timeout=JOIN_TIMEOUT_S + STEP_TIMEOUT_S,
        )
        customer_id = str(answer["participant_id"])
        error = str(answer.get("error") or "")
        if not error:
            try:
                await wait_until(
                    lambda: (p := agent.engine.participant(customer_id)) is not None and p.linked,
                    STEP_TIMEOUT_S,
                    "the agent's side of the link",
                )
            except TimeoutError as exc:
                error = str(exc)
        marks = merge_marks(answer["marks"], agent.marks_for(customer_id))
        return JoinResult(float(answer["join_to_connected_s"]), marks, error)

    async def leave(self) -> None:
        agent = self.agent
        assert agent is not None
        before = {p.id for p in agent.engine.present()}
        await self.worker.ask({"cmd": "leave"})
        await wait_until(
            lambda: not any(p.id in before for p in agent.engine.present()) and not agent.links,
            STEP_TIMEOUT_S,
            "the agent to see the customer leave",
        )
        if self.fresh_sessions:
            await self.end_session()

    async def chat_round_trips(self, count: int) -> list[float]:
        agent = self.agent
        assert agent is not None
        chat = agent.part("chat", ChatFeature)
        assert chat is not None
        (customer,) = agent.engine.present()
        pending: asyncio.Future[ChatLine] | None = None

        def on_event(event: object) -> None:
            if (
                isinstance(event, ChatReceived)
                and not event.outgoing
                and pending is not None
                and not pending.done()
            ):
                pending.set_result(event.line)

        agent.engine.subscribe(on_event)
        rtts: list[float] = []
        try:
            for i in range(count):
                pending = asyncio.get_running_loop().create_future()
                text = f"ping {i}"
                start = time.perf_counter()
                chat.send(customer.id, text)
                line = await asyncio.wait_for(pending, 5.0)
                rtts.append(time.perf_counter() - start)
                if line.text != f"re: {text}":
                    raise RuntimeError(f"unexpected reply {line.text!r} to {text!r}")
        finally:
            agent.engine.unsubscribe(on_event)
        return rtts


async def bare_aiortc_link() -> float:
    """One bare aiortc link in this process, offer to open channel: the floor we build on."""
    a = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    b = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    opened = asyncio.Event()
    ca = a.createDataChannel("c", negotiated=True, id=0)
    cb = b.createDataChannel("c", negotiated=True, id=0)
    ca.on("open", opened.set)
    cb.on("open", lambda: None)
    start = now()
    await a.setLocalDescription(await a.createOffer())
    await b.setRemoteDescription(a.localDescription)
    await b.setLocalDescription(await b.createAnswer())
    await a.setRemoteDescription(b.localDescription)
    await asyncio.wait_for(opened.wait(), STEP_TIMEOUT_S)
    elapsed = now() - start
    await a.close()
    await b.close()
    return elapsed


def cpu_info() -> dict[str, Any]:
    freq: float | None = None
    model = platform.processor()
    with contextlib.suppress(OSError, ValueError), open("/proc/cpuinfo", encoding="utf-8") as info:
        for row in info:
            key, _, value = row.partition(":")
            if key.strip() == "model name" and model in ("", platform.machine()):
                model = value.strip()
            elif key.strip() == "cpu MHz" and freq is None:
                freq = round(float(value))
    return {
        "model": model or platform.machine(),
        "logical_cpus": os.cpu_count(),
        "mhz": freq,
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
    }


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


async def run(args: argparse.Namespace) -> dict[str, Any]:
    restrict_host_addresses([LOOPBACK])
    results: dict[str, Any] = {}
    bare = [await bare_aiortc_link() for _ in range(3)]
    floor = percentile(bare, 50)
    print(f"bare aiortc link, offer -> channel open (same process): p50 {fmt_ms(floor)}")
    results["bare_aiortc_p50_s"] = round(floor, 4)

    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as folder:
        config = CenterConfig(data_dir=Path(folder), host=LOOPBACK, port=0, ice_servers=[])
        center = await start_center(config)
        center.store.add_agent(AGENT_USER, AGENT_NAME, hash_password(AGENT_PASSWORD))
        worker = await Worker.spawn()
        bench = Bench(center, worker, args.fresh_sessions)
        try:
            await worker.ask({"cmd": "stats"}, timeout=30.0)  # the worker has started up
            mode = "a fresh session per join" if args.fresh_sessions else "one session"
            print(f"support center on {center.url}; customer in process {worker.process.pid}")
            print(f"{args.joins} joins (+1 warm-up), each a fresh customer, into {mode}")

            budget_end = now() + JOINS_BUDGET_S
            cold = await bench.one_join(0)
            await bench.leave()
            print(f"warm-up (cold) join -> connected: {fmt_ms(cold.seconds)} {cold.error}")
            if cold.error:
                print(f"  timeline: {timeline_text(cold.marks)}")

            cpu_agent = time.process_time()
            worker_cpu = float((await worker.ask({"cmd": "stats"}))["cpu_s"])
            joins: list[float] = []
            timelines: list[Marks] = []
            failures: list[str] = []
            for i in range(1, args.joins + 1):
                if now() > budget_end:
                    print(f"time budget for joins spent: stopped after {i - 1} joins")
                    break
                result = await bench.one_join(i)
                if result.error:
                    failures.append(result.error)
                    print(f"join {i} FAILED after {result.seconds:.3f} s: {result.error}")
                    print(f"  timeline: {timeline_text(result.marks)}")
                else:
                    joins.append(result.seconds)
                    timelines.append(result.marks)
                await bench.leave()
            cpu_agent = time.process_time() - cpu_agent
            worker_cpu = float((await worker.ask({"cmd": "stats"}))["cpu_s"]) - worker_cpu
            if failures:
                print(f"{len(failures)} of {len(failures) + len(joins)} joins FAILED")

            # A failed join never connects: it counts as the timeout, a lower bound of its time.
            attempts = joins + [JOIN_TIMEOUT_S] * len(failures)
            p50, p95 = percentile(attempts, 50), percentile(attempts, 95)
            ok50 = percentile(joins, 50) if joins else None
            ok95 = percentile(joins, 95) if joins else None
            print(
                f"join -> connected over {len(attempts)} joins: p50 {p50:.3f} s, p95 {p95:.3f} s"
                + (f" (failed joins counted as {JOIN_TIMEOUT_S:.0f} s)" if failures else "")
            )
            if failures and joins:
                print(
                    f"  successful joins only ({len(joins)}): p50 {ok50:.3f} s, p95 {ok95:.3f} s "
                    f"(min {min(joins):.3f} s, max {max(joins):.3f} s)"
                )
            elif joins:
                print(f"  (min {min(joins):.3f} s, max {max(joins):.3f} s)")
            verdict = "met" if p50 < 1.0 else "NOT MET"
            if failures:
                verdict += f", but {len(failures)} of {len(attempts)} joins FAILED (see above)"
            print(f"  target p50 under 1 s: {verdict}")
            print(
                f"CPU during the joins: agent+center process {cpu_agent:.2f} s, "
                f"customer process {worker_cpu:.2f} s"
            )
            print("where the time goes (median per phase; c = customer, a = agent process):")
            phases: dict[str, float] = {}
            for label, start, end in [*PHASES, ("(not in the chain above:)", "", ""), *OTHER_SPANS]:
                if not start:
                    print(f"  {label}")
                    continue
                spans = [s for m in timelines if (s := span(m, start, end)) is not None]
                if spans:
                    phases[label] = statistics.median(spans)
                    print(f"  {label:<42} {fmt_ms(phases[label])}   ({start} -> {end})")
                else:
                    print(f"  {label:<42}     n/a   ({start} -> {end})")
            cold_phases = {
                label: round(s, 4)
                for label, start, end in [*PHASES, *OTHER_SPANS]
                if (s := span(cold.marks, start, end)) is not None
            }

            # The chat runs over one more join, made for it and not counted above.
            rtts: list[float] = []
            for attempt in range(CHAT_JOIN_ATTEMPTS):
                chat_join = await bench.one_join(100 + attempt)
                if not chat_join.error:
                    rtts = await bench.chat_round_trips(args.chats)
                    await bench.leave()
                    break
                print(f"join for the chat FAILED: {chat_join.error}")
                await bench.leave()
            else:
                print(f"chat round trip NOT MEASURED: {CHAT_JOIN_ATTEMPTS} joins for it failed")
            r50 = percentile(rtts, 50) * 1000 if rtts else None
            r95 = percentile(rtts, 95) * 1000 if rtts else None
            if rtts:
                print(
                    f"chat round trip over {len(rtts)}: p50 {r50:.2f} ms, "
                    f"p95 {r95:.2f} ms (max {max(rtts) * 1000:.2f} ms)"
                )
            await bench.end_session()

            results.update(
                {
                    "join_to_connected_p50_s": round(p50, 4),
                    "join_to_connected_p95_s": round(p95, 4),
                    "join_to_connected_cold_s": round(cold.seconds, 4),
                    "cold_join_error": cold.error,
                    "joins_failed": len(failures),
                    "join_to_connected_ok_p50_s": round(ok50, 4) if ok50 is not None else None,
                    "join_to_connected_ok_p95_s": round(ok95, 4) if ok95 is not None else None,
                    "join_timeout_s": JOIN_TIMEOUT_S,
                    "chat_rtt_p50_ms": round(r50, 3) if r50 is not None else None,
                    "chat_rtt_p95_ms": round(r95, 3) if r95 is not None else None,
                    "joins": len(attempts),
                    "joins_ok": len(joins),
                    "chats": len(rtts),
                    "mode": "fresh_sessions" if args.fresh_sessions else "one_session",
                    "phases_median_s": {k: round(v, 4) for k, v in phases.items()},
                    "cold_phases_s": cold_phases,
                    "cpu_s_during_joins": {
                        "agent_and_center": round(cpu_agent, 3),
                        "customer": round(worker_cpu, 3),
                    },
                }
            )
        finally:
            with contextlib.suppress(Exception):
                await bench.end_session()
            await worker.stop()
            await center.stop()
    results["cpu"] = cpu_info()
    return results


class BenchTimeout(Exception):
    pass


async def run_with_deadline(args: argparse.Namespace) -> dict[str, Any]:
    task = asyncio.ensure_future(run(args))
    done, _ = await asyncio.wait([task], timeout=OVERALL_TIMEOUT_S)
    if not done:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        raise BenchTimeout(f"the bench did not finish in {OVERALL_TIMEOUT_S:.0f} s")
    return task.result()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--joins", type=int, default=20, help="measured joins (default 20)")
    parser.add_argument("--chats", type=int, default=50, help="chat round trips (default 50)")
    parser.add_argument(
        "--fresh-sessions",
        action="store_true",
        help="start a new session for every join (default: one session, customers come and go)",
    )
    parser.add_argument("--customer-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="log at INFO level")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s",
    )
    if args.customer_worker:
        asyncio.run(worker_main())
        return 0
    try:
        results = asyncio.run(run_with_deadline(args))
    except Exception as exc:
        print(f"bench FAILED: {type(exc).__name__}: {exc}")
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 1
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
