"""Where a session starts programs on this computer (script runs), and as whom.

By default as the client's own user (``LocalLauncher``). While an agent is logged on as another
account (run-as), that feature puts its own launcher on the session (``LiveSession.launcher``)
and takes it off at log off; whoever starts programs asks the session for it. Features meet here
without importing each other.

A launcher makes a temporary folder the account can read holding the program's files, starts
a program there in a process group of its own with its output on pipes, and removes the folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Protocol

# Windows: the program heads a new process group (POSIX: a new session, its own group).
_WINDOWS_GROUP = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
# A folder name's prefix, so a folder left by a crash is recognisable.
FOLDER_PREFIX = "tandem-script-"


class Launched(Protocol):
    """A program started by a launcher."""

    pid: int
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader

    async def wait(self) -> int:
        """Its exit status (negative: the signal that killed it)."""

    def kill_group(self) -> None:
        """Kill it and every process of its group (what it started)."""


class Launcher(Protocol):
    @property
    def account(self) -> str:
        """Whom programs run as: an account's name, "" for the client's own user."""

    async def make_folder(self, files: dict[str, tuple[bytes, int]]) -> Path:
        """A new temporary folder holding ``files`` (name: (bytes, mode)). OSError if not."""

    async def start(self, command: list[str], cwd: Path) -> Launched:
        """``command`` running in ``cwd``, its input empty. OSError if it cannot start."""

    async def remove_folder(self, folder: Path) -> None:
        """The folder and everything in it gone (quietly, if it is already)."""


class _LocalProcess:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None and process.stderr is not None
        self._process = process
        self.pid = process.pid
        self.stdout = process.stdout
        self.stderr = process.stderr

    async def wait(self) -> int:
        return await self._process.wait()

    def kill_group(self) -> None:
        kill_group(self.pid)
        with contextlib.suppress(ProcessLookupError):
            self._process.kill()


class LocalLauncher:
    """Programs run as the client's own user, in folders under ``parent`` (the system's
    temporary folder by default)."""

    account = ""

    def __init__(self, parent: Path | None = None) -> None:
        self.parent = parent

    async def make_folder(self, files: dict[str, tuple[bytes, int]]) -> Path:
        folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=self.parent))
        for name, (data, mode) in files.items():
            path = folder / name
            path.write_bytes(data)
            path.chmod(mode)
        return folder

    async def start(self, command: list[str], cwd: Path) -> Launched:
        process = await asyncio.create_subprocess_exec(
            *command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=sys.platform != "win32",
            creationflags=_WINDOWS_GROUP,
        )
        return _LocalProcess(process)

    async def remove_folder(self, folder: Path) -> None:
        await asyncio.to_thread(_remove, folder)


def kill_group(pid: int) -> None:
    """Kill process group ``pid`` (a program and its children)."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/T", "/F", "/PID", str(pid)],
            capture_output=True,
            check=False,
        )
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():  # a file a killed child still held open (Windows): once more
        time.sleep(0.2)
        shutil.rmtree(folder, ignore_errors=True)
