"""A second machine for end-to-end tests: its own X display, programs started on it, and
the reports of the test picture's program (tests/e2e/desktop_target.py) shown there."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.e2e.desktop_target import FIELD
from tests.xserver import start_display

CUSTOMER_SCREEN = (1280, 720)
PSNR_MIN_DB = 35.0
WAIT_MS = 15_000


@dataclass
class CustomerMachine:
    """Another computer: its own X display, with the test picture and a Tandem app on it."""

    display: str
    env: dict[str, str]
    # Where the programs' standard error goes when a test names no log of its own.
    folder: Path | None = None
    reports: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)
    processes: list[subprocess.Popen[str]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=20, check=True
        )
        return done.stdout

    def windows_named(self, window_name: str) -> list[str]:
        done = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", window_name],
            env=self.env,
            capture_output=True,
            text=True,
        )
        return done.stdout.split()

    def focus_and_press(self, qtbot: QtBot, window_name: str, keys: str) -> None:
        """Give the named window the keyboard (as a click on it would) and press ``keys``.
        Waits with Qt's loop running, so the console goes on working meanwhile."""
        found: list[str] = []

        def shown() -> bool:
            found[:] = self.windows_named(window_name)
            return bool(found)

        qtbot.waitUntil(shown, timeout=WAIT_MS)
        self.xdotool("windowfocus", "--sync", found[0])
        self.xdotool("key", "--window", found[0], keys)

    def window_rect(self, window_name: str) -> tuple[int, int, int, int] | None:
        try:
            window = self.xdotool("search", "--name", window_name).split()[0]
        except subprocess.CalledProcessError:
            return None
        shape = dict(
            line.split("=", 1)
            for line in self.xdotool("getwindowgeometry", "--shell", window).split()
        )
        return int(shape["X"]), int(shape["Y"]), int(shape["WIDTH"]), int(shape["HEIGHT"])

    def start(
        self, *command: str, reports: bool = False, log: Path | None = None
    ) -> subprocess.Popen[str]:
        """Start ``command`` on this machine; ``log``: where its standard error goes (for a
        test to show when the program did not do what it waited for)."""
        if log is None and self.folder is not None:
            log = self.folder / f"program-{len(self.processes) + 1}.log"
        errors = log.open("w") if log is not None else subprocess.DEVNULL
        if log is not None:
            self.logs.append(log)
        process = subprocess.Popen(
            list(command),
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        self.processes.append(process)
        if reports:
            threading.Thread(target=self._read, args=(process,), daemon=True).start()
        return process

    def log_tails(self, lines: int = 30) -> str:
        """The last lines each program on this machine wrote to its standard error (what a
        failing test shows: a pause for local input, a dropped key, a traceback)."""
        tails = []
        for log in self.logs:
            text = log.read_text(errors="replace").splitlines() if log.exists() else []
            tails.append(f"--- {log.name}\n" + "\n".join(text[-lines:]))
        return "\n".join(tails)

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("{"):
                self.reports.put(json.loads(line))

    def next_report(self, event: str, qtbot: QtBot) -> dict[str, Any]:
        """The next report of kind ``event`` from the test picture's program, waiting with Qt's
        loop running (the console has work to do meanwhile)."""
        found: list[dict[str, Any]] = []

        def arrived() -> bool:
            while not found and not self.reports.empty():
                entry = self.reports.get_nowait()
                if entry["event"] == event:
                    found.append(entry)
            return bool(found)

        qtbot.waitUntil(arrived, timeout=WAIT_MS)
        return found[0]


def second_machine(
    tmp_path: Path, screen: tuple[int, int] = CUSTOMER_SCREEN
) -> Iterator[CustomerMachine]:
    """A fixture body: see tests/e2e/conftest.py."""
    width, height = screen
    tmp_path.mkdir(parents=True, exist_ok=True)
    xserver = start_display(f"{width}x{height}x24", log=tmp_path / "xvfb.log")
    display = xserver.display
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "XDG_CONFIG_HOME": str(tmp_path / "customer-config")}  # fmt: skip
    machine = CustomerMachine(display, env, folder=tmp_path)
    yield machine
    for process in machine.processes:
        process.terminate()
    for process in machine.processes:
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
    xserver.stop()  # fails the test, with Xvfb's words, if the display died under it


def _rgb(image: QImage) -> np.ndarray:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(rgb.constBits(), np.uint8, rgb.sizeInBytes())
    rows = data.reshape(rgb.height(), rgb.bytesPerLine())[:, : rgb.width() * 3]
    return rows.reshape(rgb.height(), rgb.width(), 3).copy()  # the QImage dies with this call


def psnr(shown: QImage, expected: QImage, indicator: tuple[int, int, int, int] | None) -> float:
    """PSNR over the test picture, leaving out what stands on it: the text field, and the
    customer's always-on-top sharing indicator."""
    a, b = _rgb(shown).astype(np.float64), _rgb(expected).astype(np.float64)
    mask = np.ones(a.shape[:2], bool)
    field = (FIELD.x(), FIELD.y(), FIELD.width(), FIELD.height())
    for x, y, w, h in [field] + ([indicator] if indicator else []):
        mask[max(0, y) : y + h, max(0, x) : x + w] = False
    mse = float(np.mean((a[mask] - b[mask]) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255.0**2 / mse)
