"""A real support center process for the end-to-end tests, with one agent account."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from tests.e2e.machines import CustomerMachine, second_machine
from tests.helpers import AGENT_NAME, AGENT_PASSWORD, AGENT_USER


@dataclass
class CenterProcess:
    url: str
    fingerprint: str
    process: subprocess.Popen[str]
    data_dir: Path


def _center_cli(data_dir: Path, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "support_center.cli", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def start_center_process(data_dir: Path, *serve_args: str) -> CenterProcess:
    """Create the test agent, then run ``tandem-center serve`` with ``serve_args``."""
    out = _center_cli(
        data_dir,
        "add-agent",
        AGENT_USER,
        "--name",
        AGENT_NAME,
        "--password-stdin",
        stdin=AGENT_PASSWORD + "\n",
    )
    assert "added" in out
    command = ["--data-dir", str(data_dir), "serve", "--port", "0", *serve_args]
    process = subprocess.Popen(
        [sys.executable, "-m", "support_center.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    url = fingerprint = ""
    for line in process.stdout:  # the center prints its address, then its fingerprint
        if line.startswith("Tandem support center on "):
            url = line.split(" on ", 1)[1].strip()
        elif line.startswith("Certificate fingerprint"):
            fingerprint = line.rsplit(" ", 1)[1].strip()
            break
    if not url or not fingerprint:
        process.kill()
        raise RuntimeError("the support center did not start")
    return CenterProcess(url, fingerprint, process, data_dir)


@pytest.fixture
def center_process(tmp_path: Path) -> Iterator[CenterProcess]:
    center = start_center_process(tmp_path / "center")
    yield center
    center.process.terminate()
    center.process.wait(10)


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path) -> Iterator[Console]:
    """The console as ``tandem-console`` builds it, with its settings in a scratch file."""
    console = Console(QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(console.window)
    qtbot.addWidget(console.login)
    yield console
    console.controller.shutdown()


@pytest.fixture
def customer_machine(tmp_path: Path) -> Iterator[CustomerMachine]:
    """The customer's computer: its own X display (1280×720)."""
    yield from second_machine(tmp_path / "customer")


@pytest.fixture
def agent_machine(tmp_path: Path) -> Iterator[CustomerMachine]:
    """The agent's computer, when the console runs elsewhere than the test's own display."""
    yield from second_machine(tmp_path / "agent")
