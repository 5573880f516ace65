"""Real script runs on this computer (Linux): the runner alone, as the customer's client uses it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from shared.features.scripts.runner import MAX_PIECE_CHARS, ScriptFiles, run_script
from tests.helpers import wait_for

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")


class Emitted:
    def __init__(self) -> None:
        self.pieces: list[tuple[str, str]] = []

    async def __call__(self, stream: str, text: str) -> None:
        self.pieces.append((stream, text))

    def text(self, stream: str = "stdout") -> str:
        return "".join(t for s, t in self.pieces if s == stream)


def gone(pid: int) -> bool:
    """No such process, or only its zombie left (dead, waiting for its reaper)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status


async def test_a_shell_script_reads_its_input_file_beside_it(tmp_path: Path) -> None:
    script = b'echo "computer: $(cat machines.txt)"\necho "in $(basename "$PWD")" >&2\n'
    emitted = Emitted()
    result = await run_script(
        ScriptFiles("check.sh", script, "machines.txt", b"pc-042"), emitted, parent=tmp_path
    )
    assert result.outcome == "ok" and result.exit_status == 0
    assert emitted.text() == "computer: pc-042\n"
    assert emitted.text("stderr").startswith("in tandem-script-")
    assert not result.folder.exists()
    assert list(tmp_path.iterdir()) == []  # nothing left behind


async def test_a_failing_script_reports_its_exit_status(tmp_path: Path) -> None:
    emitted = Emitted()
    script = b"#!/bin/sh\necho 'disk not found' >&2\nexit 3\n"
    result = await run_script(ScriptFiles("fail.sh", script), emitted, parent=tmp_path)
    assert result.outcome == "failed" and result.exit_status == 3
    assert "disk not found" in emitted.text("stderr")
    assert list(tmp_path.iterdir()) == []


async def test_a_hanging_script_and_its_child_are_killed_at_the_limit(tmp_path: Path) -> None:
    emitted = Emitted()
    # The child ignores the polite signal, and holds the pipes open: only the group's kill ends it.
    script = b'sh -c \'trap "" TERM; sleep 300\' &\necho "child $!"\nsleep 300\n'
    result = await run_script(
        ScriptFiles("hang.sh", script), emitted, parent=tmp_path, time_limit_s=1.0
    )
    assert result.outcome == "timed_out"
    child = int(emitted.text().split()[1])
    await wait_for(lambda: gone(child), timeout=5, what="the script's child killed")
    assert list(tmp_path.iterdir()) == []


async def test_a_script_printing_megabytes_is_cut_with_a_note(tmp_path: Path) -> None:
    emitted = Emitted()
    script = b"head -c 8000000 /dev/zero | tr '\\0' 'x'\necho done >&2\n"
    result = await run_script(
        ScriptFiles("flood.sh", script), emitted, parent=tmp_path, max_output_chars=20_000
    )
    assert result.outcome == "ok"
    assert result.truncated
    assert sum(len(t) for _, t in emitted.pieces) <= 20_000
    assert all(len(t) <= MAX_PIECE_CHARS for _, t in emitted.pieces)
    assert list(tmp_path.iterdir()) == []


async def test_a_script_that_cannot_start_is_reported_and_cleaned(tmp_path: Path) -> None:
    emitted = Emitted()
    result = await run_script(
        ScriptFiles("bad.sh", b"#!/nonexistent/interpreter\n"), emitted, parent=tmp_path
    )
    assert result.outcome == "error"
    assert list(tmp_path.iterdir()) == []


async def test_a_run_stopped_midway_kills_the_script_and_removes_its_folder(
    tmp_path: Path,
) -> None:
    import asyncio

    started: list[int] = []
    task = asyncio.ensure_future(
        run_script(
            ScriptFiles("long.sh", b"sleep 300\n"),
            Emitted(),
            parent=tmp_path,
            started=lambda pid, _folder: started.append(pid),
        )
    )
    await wait_for(lambda: bool(started), what="the script started")
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await wait_for(lambda: gone(started[0]), timeout=5, what="the script killed")
    assert list(tmp_path.iterdir()) == []
