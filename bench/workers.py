"""The benches' worker processes: each runs its bench's own script again in a role, reads one
JSON command a line on stdin and answers each with one line starting with ``REPORT_PREFIX`` on
stdout (anything else it prints, logs included, is ignored)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from typing import TYPE_CHECKING, Any, Protocol

from shared.transport.ice import HOST_ADDRESSES_ENV

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from shared.session.live import LiveSession

LOOPBACK = "127.0.0.1"
# Lines from a worker that carry an answer start with this; anything else is ignored.
REPORT_PREFIX = "@bench "


def now() -> float:
    return time.monotonic()  # CLOCK_MONOTONIC: one clock for every process on Linux


def report(payload: dict[str, Any]) -> None:
    """The worker's side: one answer."""
    sys.stdout.write(REPORT_PREFIX + json.dumps(payload) + "\n")
    sys.stdout.flush()


async def spawn(script: str, *args: str, **options: Any) -> asyncio.subprocess.Process:
    """``script`` run again as a worker, its candidates on loopback only, unbuffered."""
    env = dict(os.environ)
    env[HOST_ADDRESSES_ENV] = LOOPBACK
    env["PYTHONUNBUFFERED"] = "1"
    return await asyncio.create_subprocess_exec(
        sys.executable,
        script,
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env=env,
        **options,
    )


async def ask(
    process: asyncio.subprocess.Process, command: dict[str, Any], timeout: float
) -> dict[str, Any]:
    """The worker's answer to ``command``, ``ok`` and all. TimeoutError if none comes within
    ``timeout``, EOFError if the process ends first."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write((json.dumps(command) + "\n").encode())
    await process.stdin.drain()
    deadline = now() + timeout
    while True:
        raw = await asyncio.wait_for(process.stdout.readline(), max(0.1, deadline - now()))
        if not raw:
            raise EOFError
        text = raw.decode(errors="replace")
        if text.startswith(REPORT_PREFIX):
            answer: dict[str, Any] = json.loads(text[len(REPORT_PREFIX) :])
            return answer


async def stop(
    process: asyncio.subprocess.Process, quit: Callable[[], Awaitable[object]], timeout: float
) -> None:
    """Asks the worker to quit, killed if it has not ended within ``timeout``."""
    if process.returncode is None:
        with contextlib.suppress(Exception):
            await quit()
    try:
        await asyncio.wait_for(process.wait(), timeout)
    except TimeoutError:
        process.kill()
        await process.wait()


class CommandWorker(Protocol):
    """A worker that answers commands one by one and holds at most one session."""

    session: LiveSession | None

    async def handle(self, command: dict[str, Any]) -> dict[str, Any]: ...


async def answer_commands(worker: CommandWorker) -> None:
    """The worker's side: each JSON command read from stdin is answered with ``report``, ``ok``
    and the handler's figures (or the error it raised); ``quit`` closes the session and ends."""
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line:
            break
        command: dict[str, Any] = json.loads(line)
        if command["cmd"] == "quit":
            if worker.session is not None:
                with contextlib.suppress(Exception):
                    await worker.session.close()
            report({"ok": True})
            return
        try:
            report({"ok": True, **await worker.handle(command)})
        except Exception as exc:  # the orchestrator decides what to do
            report({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
