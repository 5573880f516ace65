"""The one-file client (dist/tandem-client, built by installers/build-client.sh), started as a
customer starts a download: a copy carrying a launch block, run with nothing typed, on a display
of its own. The customer types their name and is in the session the block names.

CI builds the client first (.ci/run) and a missing one fails there; a developer who has not
built it sees the test skipped, saying how to build it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from shared.protocol.launch_block import launch_block_bytes
from shared.protocol.queues import LaunchBlock
from shared.session.state import SessionState
from shared.transport.ice import HOST_ADDRESSES_ENV
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import agent_of
from tests.xserver import start_display

BUILT = Path(__file__).resolve().parents[2] / "dist" / "tandem-client"
JOIN_WINDOW = "Tandem — Get help"
# The same window in French: our translations and Qt's, loaded from inside the one file.
JOIN_WINDOW_FR = "Tandem — Obtenir de l'aide"
# The one-file client unpacks itself before Python starts: a few seconds on a loaded machine.
WINDOW_TIMEOUT_S = 60.0
JOIN_TIMEOUT_S = 30.0
CUSTOMER = "Grace Hopper"


@pytest.fixture
def built_client() -> Path:
    if BUILT.exists():
        return BUILT
    if os.environ.get("CI") == "true":
        pytest.fail(f"{BUILT} is missing: CI builds it with installers/build-client.sh")
    pytest.skip(f"{BUILT} is not built: run bash installers/build-client.sh")


class CustomerDesktop:
    """A customer's display, and the programs started on it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.xserver = start_display("1280x720x24", log=folder / "xvfb.log")
        self.env = {
            **os.environ,
            "DISPLAY": self.xserver.display,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_CONFIG_HOME": str(folder / "config"),  # no pin known: a first download
            "XDG_CACHE_HOME": str(folder / "cache"),  # where the launcher unpacks the client
            HOST_ADDRESSES_ENV: "127.0.0.1",
            "LANGUAGE": "en",  # the system's language, where no block names one
        }
        self.processes: list[subprocess.Popen[bytes]] = []
        self.log = folder / "client.log"

    def run(self, program: Path, *args: str) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as log:
            process = subprocess.Popen([str(program), *args], env=self.env, stdout=log, stderr=log)
        self.processes.append(process)
        return process

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=20
        )
        return done.stdout

    async def window(self, name: str, process: subprocess.Popen[bytes]) -> str:
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        while not (found := self.xdotool("search", "--onlyvisible", "--name", name).split()):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"no {name!r} window; the client said:\n{self.said()}")
            await asyncio.sleep(0.2)
        return found[0]

    def said(self) -> str:
        """The end of what the client wrote (its log): shown when a test fails."""
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def close(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.xserver.stop()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[CustomerDesktop]:
    machine = CustomerDesktop(tmp_path)
    yield machine
    machine.close()


def download(built: Path, folder: Path, block: bytes) -> Path:
    """What the center serves: the client with a launch block appended, saved by a browser
    (without its execute bit, which the customer then sets)."""
    path = folder / "tandem-client-download"
    shutil.copyfile(built, path)
    with path.open("ab") as file:
        file.write(block)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def mapped(pid: int) -> str:
    """The files the client maps: the program's own (on Linux our launcher becomes the client;
    elsewhere PyInstaller's bootloader starts it as a child) and its children's."""
    process = psutil.Process(pid)
    running = [process, *process.children()]
    return "".join(Path(f"/proc/{p.pid}/maps").read_text(errors="replace") for p in running)


async def test_a_downloaded_client_joins_the_session_its_block_names(
    built_client: Path, center: CenterFixture, desktop: CustomerDesktop, tmp_path: Path
) -> None:
    agent, _ = await agent_of(center)
    try:
        started = await agent.start()
        block = LaunchBlock(
            server=center.running.url,
            fingerprint=center.running.fingerprint,
            session=started.number,
            language="fr",
        )
        program = download(built_client, tmp_path, launch_block_bytes(block))
        process = desktop.run(program)

        # The program found its payload before the block, and the block was read: the join
        # window opens in the block's language with the session's number in it, the keyboard
        # on the name.
        window = await desktop.window(JOIN_WINDOW_FR, process)
        desktop.xdotool("windowfocus", "--sync", window)
        desktop.xdotool("type", "--delay", "20", CUSTOMER)
        desktop.xdotool("key", "Return")

        def customer_in() -> bool:
            return any(p.info.name == CUSTOMER and p.linked for p in agent.engine.present())

        try:
            await wait_for(customer_in, JOIN_TIMEOUT_S, "the customer in the agent's session")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the client said:\n{desktop.said()}") from None
        assert agent.engine.state == SessionState.ACTIVE
        seats = center.running.store.participants(started.number)
        assert any(seat["name"] == CUSTOMER for seat in seats), seats
        # The media libraries of the session's features loaded in the frozen client (a bundle
        # that lost one would only fail here, when the agent asks to see the screen).
        maps = mapped(process.pid)
        for library in ("libQt6Widgets", "libqxcb", "libavcodec", "libvpx", "libpython3"):
            assert library in maps, f"{library} not loaded by the one-file client"
        # libyuv is loaded by name (ctypes): the bundle's own copy, not this machine's.
        yuv = [line for line in maps.splitlines() if "libyuv" in line]
        assert yuv and all(str(desktop.folder / "cache") in line for line in yuv), yuv
    finally:
        await agent.close()


async def test_a_damaged_block_opens_the_empty_join_window(
    built_client: Path, desktop: CustomerDesktop, tmp_path: Path
) -> None:
    """A download damaged at its end still starts, as if no session were named."""
    good = launch_block_bytes(
        LaunchBlock(server="https://127.0.0.1:1", fingerprint="ab" * 32, session=123456789)
    )
    program = download(built_client, tmp_path, good[:10] + b"\xff" * 20 + good[30:])
    process = desktop.run(program)
    await desktop.window(JOIN_WINDOW, process)
    assert "launch block" in desktop.said()  # it said why it ignored the block
    assert process.poll() is None
