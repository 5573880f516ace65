"""Running one script on this computer: in a temporary folder of its own (its input file
beside it), with a time limit, its output handed on as it comes, and nothing left afterwards.

The script runs in a process group of its own (POSIX: a new session), so that at its time
limit, or when the run is stopped, the script and every child it started are killed together;
once the script ends, whatever it left running in its group is killed too. Windows: the script
gets a new process group and is ended with ``taskkill /T /F`` (the tree of processes); a job
object with KILL_ON_JOB_CLOSE would also catch children that left the tree, and is the next
step there (only Linux runs in tests). The folder, the start and the kill are the launcher's
(shared/session/launcher.py): the client's own user, or the account an agent logged on as.

Output is read as fast as the script writes (a script blocked on a full pipe would hang), but
handed on at most ``OUTPUT_PIECES_PER_S`` times a second, in pieces, and only up to
``MAX_OUTPUT_CHARS``: past it the rest is read and dropped, and the end says it was cut. A
script printing megabytes never floods the peer link or freezes the agent's chat.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from shared.session.launcher import Launcher, LocalLauncher

# Each script's time limit: a diagnostic script is done in seconds; one that runs longer is most
# likely stuck waiting for input nobody will type.
SCRIPT_TIME_LIMIT_S = 120.0
# What of a script's output goes to the agent (and into the session's record): enough for any
# diagnostic report; past it the output is dropped and a note says so.
MAX_OUTPUT_CHARS = 64 * 1024
# Pieces of output handed on per second: the chat shows each as it comes without being
# flooded by a script printing a line at a time in a tight loop.
OUTPUT_PIECES_PER_S = 4
# One piece at most (the peer message's text limit).
MAX_PIECE_CHARS = 4000
# How much is read from a pipe at a time.
READ_BYTES = 64 * 1024

Emit = Callable[[str, str], Awaitable[None]]  # (stream, text)


@dataclass(frozen=True)
class ScriptFiles:
    executable_name: str
    executable: bytes
    input_name: str | None = None
    input: bytes | None = None


@dataclass(frozen=True)
class RunResult:
    outcome: str  # "ok", "failed", "timed_out", "error"
    exit_status: int | None
    truncated: bool
    output: str  # what was handed on (for the session's record)
    folder: Path  # the temporary folder it ran in (gone by now)


def command_for(path: Path, content: bytes) -> list[str]:
    """How this computer runs the file at ``path`` holding ``content``: by its kind on Windows,
    by its first line elsewhere (a file without ``#!`` is a shell script)."""
    suffix = path.suffix.lower()
    if sys.platform == "win32":
        if suffix in (".bat", ".cmd"):
            return ["cmd.exe", "/c", str(path)]
        if suffix == ".ps1":
            return [
                "powershell.exe",
                "-NoProfile",
                "-ExecutionPolicy",
                "Bypass",
                "-File",
                str(path),
            ]
        if suffix == ".py":
            return ["py", str(path)]
        return [str(path)]
    if content.startswith(b"#!"):
        return [str(path)]
    return ["/bin/sh", str(path)]


class _Output:
    """Output on its way out: batched, paced, and cut at the limit."""

    def __init__(self, emit: Emit, limit: int) -> None:
        self.emit = emit
        self.limit = limit
        self.kept: list[str] = []
        self.sent = 0
        self.truncated = False
        self._pending: dict[str, str] = {"stdout": "", "stderr": ""}
        self._last = 0.0
        self._flushing = asyncio.Lock()  # the ticker and a reader: pieces stay in order

    def add(self, stream: str, text: str) -> None:
        if self.truncated:
            return
        room = self.limit - self.sent - sum(len(t) for t in self._pending.values())
        if len(text) > room:
            text = text[: max(room, 0)]
            self.truncated = True
        self._pending[stream] += text

    async def flush(self, final: bool = False) -> None:
        if not final and time.monotonic() - self._last < 1 / OUTPUT_PIECES_PER_S:
            return
        async with self._flushing:
            self._last = time.monotonic()
            for stream, text in list(self._pending.items()):
                self._pending[stream] = ""
                for start in range(0, len(text), MAX_PIECE_CHARS):
                    piece = text[start : start + MAX_PIECE_CHARS]
                    self.sent += len(piece)
                    self.kept.append(piece)
                    await self.emit(stream, piece)


async def run_script(
    files: ScriptFiles,
    emit: Emit,
    *,
    time_limit_s: float = SCRIPT_TIME_LIMIT_S,
    max_output_chars: int = MAX_OUTPUT_CHARS,
    parent: Path | None = None,
    started: Callable[[int, Path], None] | None = None,
    launcher: Launcher | None = None,
) -> RunResult:
    """Run one script to its end, its limit, or until cancelled (then it is killed, its folder
    removed, and the cancellation goes on). ``started(pid, folder)`` is told once it runs.
    ``launcher``: as whom it runs (the session's run-as account); the client's own user in a
    folder under ``parent`` by default."""
    launcher = launcher or LocalLauncher(parent)
    output = _Output(emit, max_output_chars)
    contents = {files.executable_name: (files.executable, 0o700)}
    if files.input_name is not None and files.input is not None:
        contents[files.input_name] = (files.input, 0o600)
    try:
        folder = await launcher.make_folder(contents)
    except OSError as exc:
        return await _not_started(output, exc, Path())
    try:
        return await _run_in(folder, files, launcher, output, time_limit_s, started)
    finally:
        await launcher.remove_folder(folder)


async def _not_started(output: _Output, exc: OSError, folder: Path) -> RunResult:
    output.add("stderr", f"{exc.strerror or exc}\n")
    await output.flush(final=True)
    return RunResult("error", None, False, "".join(output.kept), folder)


async def _run_in(
    folder: Path,
    files: ScriptFiles,
    launcher: Launcher,
    output: _Output,
    time_limit_s: float,
    started: Callable[[int, Path], None] | None,
) -> RunResult:
    executable = folder / files.executable_name
    try:
        process = await launcher.start(command_for(executable, files.executable), folder)
    except OSError as exc:
        return await _not_started(output, exc, folder)
    if started is not None:
        started(process.pid, folder)
    timed_out = False
    tasks = [
        asyncio.ensure_future(_read(process.stdout, "stdout", output)),
        asyncio.ensure_future(_read(process.stderr, "stderr", output)),
    ]
    ticker = asyncio.ensure_future(_tick(output))
    try:
        try:
            status = await asyncio.wait_for(process.wait(), time_limit_s)
        except TimeoutError:
            timed_out = True
        # Whatever it left running (children holding the pipes open) goes with it.
        process.kill_group()
        status = await process.wait()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*tasks), 5)
    except BaseException:
        process.kill_group()
        with contextlib.suppress(Exception):  # gone (reaped) before the stop is said done
            await asyncio.wait_for(process.wait(), 5)
        raise
    finally:
        for task in (*tasks, ticker):
            task.cancel()
    await output.flush(final=True)
    if timed_out:
        outcome = "timed_out"
    elif status == 0:
        outcome = "ok"
    else:
        outcome = "failed"
    return RunResult(outcome, status, output.truncated, "".join(output.kept), folder)


async def _read(stream: asyncio.StreamReader | None, name: str, output: _Output) -> None:
    if stream is None:
        return
    # One decoder a stream: a character split between two reads comes out whole.
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    while True:
        data = await stream.read(READ_BYTES)
        if not data:
            output.add(name, decoder.decode(b"", final=True))
            break
        output.add(name, decoder.decode(data))
        await output.flush()


async def _tick(output: _Output) -> None:
    """What waits is handed on at the pace even while the script prints nothing more."""
    while True:
        await asyncio.sleep(1 / OUTPUT_PIECES_PER_S)
        await output.flush()
