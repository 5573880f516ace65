"""Real applications on the test Xvfb for application sharing: each its own process
(``app.py``), with plain-coloured windows, reporting the button presses it gets."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from shared.windows.apps import Application

APP = Path(__file__).with_name("app.py")
RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]


def spec(colour: RGB, box: Box) -> list[str]:
    return ["{:02x}{:02x}{:02x}".format(*colour), ",".join(str(v) for v in box)]


def command(name: str, *windows: tuple[RGB, Box]) -> list[str]:
    words = [sys.executable, str(APP), name]
    for colour, box in windows:
        words += spec(colour, box)
    return words


@dataclass
class Program:
    name: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return any(line.startswith("ready") for line in self.lines)

    @property
    def presses(self) -> list[tuple[int, int, int]]:
        """(window index, x, y) of each press, in that window's pixels."""
        return [
            (int(w), int(x), int(y))
            for w, x, y in (line.split()[1:] for line in self.lines if line.startswith("press"))
        ]

    def key(self) -> str:
        return f"pid:{self.process.pid}"

    def of(self, apps: list[Application]) -> Application:
        return next(app for app in apps if app.key == self.key())

    def quit(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=10)


def read_lines(program: Program) -> None:
    assert program.process.stdout is not None
    for line in program.process.stdout:
        program.lines.append(line.strip())


def launch(name: str, *windows: tuple[RGB, Box]) -> Program:
    process = subprocess.Popen(
        command(name, *windows), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    program = Program(name, process)
    threading.Thread(target=read_lines, args=(program,), daemon=True).start()
    return program
