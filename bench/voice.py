"""Voice call mouth-to-ear latency and CPU, through the real device path, on loopback.

What runs where:

* this process: the orchestrator, a real support center, and a private PulseAudio server with
  null sinks (``tests/voice/pulse.py``): the agent's microphone is the monitor of the sink
  ``agent_mouth``, the customer's speakers the sink ``customer_ear``;
* an agent worker (this file with ``--worker agent``): ``AgentSession`` + ``VoiceFeature`` on
  PyAudio, which starts the call;
* a customer worker (``--worker customer``): ``CustomerSession`` + ``VoiceFeature`` on PyAudio,
  which agrees to join.

The orchestrator plays tone bursts (``BURST_MS`` of 1 kHz every ``PERIOD_MS``) into
``agent_mouth`` and records two monitors with the same settings: ``agent_mouth`` itself (what
the agent's microphone hears: the reference) and ``customer_ear`` (what the customer's speakers
play). Each burst's onset is found in both; mouth-to-ear is the difference: the agent's capture,
Opus encoding, RTP on loopback, the customer's jitter buffer, decoding, mixing and playback.
CPU per side is each worker's process time over the measured bursts, as a share of one core.

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
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

import numpy as np

from csr_console.services.agent_session import AgentSession, sign_in
from customer_client.services.customer_session import CustomerSession
from shared.features.voice.devices import CHUNK_SAMPLES, RATE, Chunk
from shared.features.voice.engine import VoiceFeature
from shared.features.voice.pyaudio_devices import PyAudioSystem
from shared.security.passwords import hash_password
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from shared.transport.center_link import CenterLink
from support_center.app import start_center
from support_center.config import CenterConfig
from tests.voice.pulse import Recorder, Side, pulse_server

AGENT_USER = "bench"
AGENT_PASSWORD = "bench password for loopback only"
STEP_TIMEOUT_S = 30.0
OVERALL_TIMEOUT_S = 300.0
BURST_HZ = 1000.0
BURST_MS = 60
PERIOD_MS = 400
# A burst starts where the sound first passes this share of full scale after a quiet gap.
ONSET_LEVEL = 0.1
QUIET_GAP_MS = 150
# A burst not heard within this is counted lost.
MAX_LATENCY_MS = 1000.0
TARGET_P50_MS = 120.0

Json = dict[str, Any]


# --- the workers ----------------------------------------------------------------------------


class Worker:
    def __init__(self, role: str) -> None:
        self.role = role
        self.session: LiveSession | None = None
        self.voice: VoiceFeature | None = None
        self.cpu_mark = 0.0
        self.wall_mark = 0.0

    async def handle(self, command: Json) -> Json:
        name = command["cmd"]
        if name == "start":
            link = CenterLink(command["url"], command["fingerprint"])
            agent = AgentSession(link, await sign_in(link, AGENT_USER, AGENT_PASSWORD))
            self._attach(agent, command)
            started = await agent.start()
            return {"number": started.number}
        if name == "join":
            customer = CustomerSession(CenterLink(command["url"], command["fingerprint"]))

            async def agree(_request: ConsentRequest) -> ConsentAnswer:
                return ConsentAnswer(granted=True)

            customer.consent.ask = agree
            self._attach(customer, command)
            await customer.join(int(command["number"]), "Bench customer")
            await customer.wait_connected(STEP_TIMEOUT_S)
            return {}
        if name == "call":
            return await self._call()
        if name == "mark":
            self.cpu_mark, self.wall_mark = time.process_time(), now()
            return {}
        if name == "measure":
            cpu, wall = time.process_time() - self.cpu_mark, now() - self.wall_mark
            return {"cpu_s": round(cpu, 2), "cpu_percent": round(100 * cpu / wall, 1)}
        raise ValueError(f"unknown command {name!r}")

    def _attach(self, session: LiveSession, command: Json) -> None:
        self.session = session
        self.voice = VoiceFeature(
            session, PyAudioSystem(), command["microphone"], command["speakers"]
        )

    async def _call(self) -> Json:
        session, voice = self.session, self.voice
        assert session is not None and voice is not None
        deadline = now() + STEP_TIMEOUT_S
        while not [p for p in session.engine.present() if not p.is_agent and p.linked]:
            if now() > deadline:
                raise TimeoutError("the customer never linked")
            await asyncio.sleep(0.05)
        await voice.start_call()
        while not any(link.received for link in voice.links.values()):
            if now() > deadline:
                raise TimeoutError("no audio from the customer")
            await asyncio.sleep(0.05)
        return {"call": voice.call}


async def worker_main(role: str) -> None:
    await workers.answer_commands(Worker(role))


# --- the orchestrator -----------------------------------------------------------------------


class Process:
    def __init__(self, role: str, process: asyncio.subprocess.Process) -> None:
        self.role = role
        self.process = process

    @classmethod
    async def spawn(cls, role: str) -> Process:
        script = str(Path(__file__).resolve())
        return cls(role, await workers.spawn(script, "--worker", role))

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


def bursts() -> Any:
    """Tone bursts: ``BURST_MS`` of 1 kHz, then silence, every ``PERIOD_MS``."""
    period = RATE * PERIOD_MS // 1000
    burst = RATE * BURST_MS // 1000
    position = [0]

    def next_chunk() -> Chunk:
        index = np.arange(CHUNK_SAMPLES) + position[0]
        position[0] += CHUNK_SAMPLES
        on = (index % period) < burst
        wave = np.sin(2 * np.pi * BURST_HZ * index / RATE) * 0.5 * 32767
        return (wave * on).astype(np.int16)

    return next_chunk


def onsets(recorder: Recorder) -> list[float]:
    """When each burst began (monotonic seconds): a chunk's last sample arrived when the chunk
    did, the earlier ones one sample period apart before it."""
    times, threshold = [], ONSET_LEVEL * 32767
    quiet_needed = RATE * QUIET_GAP_MS // 1000
    quiet = quiet_needed
    for arrived, chunk in list(recorder.chunks):
        loud = np.flatnonzero(np.abs(chunk.astype(np.int32)) > threshold)
        if loud.size == 0:
            quiet += chunk.size
            continue
        gap_before = quiet + int(loud[0])
        if gap_before >= quiet_needed:
            times.append(arrived - (chunk.size - 1 - int(loud[0])) / RATE)
        quiet = chunk.size - 1 - int(loud[-1])
    return times


def latencies(mouth: list[float], ear: list[float]) -> tuple[list[float], int]:
    found, lost = [], 0
    for start in mouth:
        after = [t for t in ear if 0 <= t - start <= MAX_LATENCY_MS / 1000]
        if after:
            found.append((after[0] - start) * 1000)
        else:
            lost += 1
    return found, lost


async def run(args: argparse.Namespace) -> Json:
    results: Json = {"cpus": os.cpu_count(), "load_avg_1m_at_start": round(os.getloadavg()[0], 2)}
    with pulse_server("agent", "customer") as sides:
        agent_side, customer_side = sides["agent"], sides["customer"]
        folder = Path(tempfile.mkdtemp(prefix="tandem-bench-voice-"))
        config = CenterConfig(data_dir=folder, host=LOOPBACK, port=0, ice_servers=[])
        center = await start_center(config)
        center.store.add_agent(AGENT_USER, "Bench Agent", hash_password(AGENT_PASSWORD))
        agent = await Process.spawn("agent")
        customer = await Process.spawn("customer")
        recorders: list[Recorder] = []
        player = None
        try:
            where: Json = {"url": center.url, "fingerprint": center.fingerprint}
            started = await agent.ask("start", **where, **_devices(agent_side))
            joining: Json = {"number": started["number"], **where, **_devices(customer_side)}
            await customer.ask("join", **joining)
            await agent.ask("call")
            mouth = Recorder(agent_side.server, "agent_mouth.monitor")
            ear = Recorder(customer_side.server, "customer_ear.monitor")
            recorders = [mouth, ear]
            await agent.ask("mark")
            await customer.ask("mark")
            player = agent_side.play(bursts())
            wanted = args.bursts + 2
            deadline = now() + wanted * PERIOD_MS / 1000 + STEP_TIMEOUT_S
            while len(onsets(mouth)) < wanted:
                if now() > deadline:
                    raise TimeoutError("the bursts were not recorded")
                await asyncio.sleep(PERIOD_MS / 1000)
            agent_cpu = await agent.ask("measure")
            customer_cpu = await customer.ask("measure")
            await asyncio.sleep(MAX_LATENCY_MS / 1000)  # the last bursts' time to arrive
            found, lost = latencies(onsets(mouth)[1 : wanted - 1], onsets(ear))
        finally:
            if player is not None:
                player.close()
            for recorder in recorders:
                recorder.close()
            await agent.stop()
            await customer.stop()
            await center.stop()
            shutil.rmtree(folder, ignore_errors=True)
    if not found:
        raise RuntimeError("no burst reached the customer's speakers")
    results.update(
        {
            "bursts": len(found) + lost,
            "lost": lost,
            "mouth_to_ear_min_ms": round(min(found), 1),
            "mouth_to_ear_p50_ms": round(float(np.percentile(found, 50)), 1),
            "mouth_to_ear_p95_ms": round(float(np.percentile(found, 95)), 1),
            "agent_cpu_percent": agent_cpu["cpu_percent"],
            "customer_cpu_percent": customer_cpu["cpu_percent"],
            "target_p50_ms": TARGET_P50_MS,
        }
    )
    return results


def _devices(side: Side) -> Json:
    return {"microphone": side.microphone, "speakers": side.speakers}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--bursts", type=int, default=50, help="how many bursts to time")
    parser.add_argument("--worker", choices=("agent", "customer"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    if args.worker:
        asyncio.run(worker_main(args.worker))
        return 0
    try:
        results = asyncio.run(asyncio.wait_for(run(args), OVERALL_TIMEOUT_S))
    except Exception as exc:
        print(f"bench FAILED: {type(exc).__name__}: {exc}")
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 1
    print(
        f"mouth-to-ear p50 {results['mouth_to_ear_p50_ms']} ms, p95 "
        f"{results['mouth_to_ear_p95_ms']} ms (target p50 <= {TARGET_P50_MS:g} ms), "
        f"{results['lost']} of {results['bursts']} bursts lost; CPU agent "
        f"{results['agent_cpu_percent']}%, customer {results['customer_cpu_percent']}%"
    )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
