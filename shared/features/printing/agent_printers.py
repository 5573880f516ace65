"""The agent's own printers (CUPS's client commands: Linux and macOS; on Windows the console
would list them with QPrinterInfo and print with QPdfDocument, not written yet): which there
are, the system's default, and printing a PDF on one."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# lp hands the file to the local scheduler and returns; lpstat answers at once.
COMMAND_TIMEOUT_S = 60.0


class PrintFailed(RuntimeError):
    """The agent's printer did not take the job (lp's own words)."""


@dataclass(frozen=True)
class AgentPrinters:
    names: tuple[str, ...]
    default: str  # "" when the system has none


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    return subprocess.run(
        args, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, env=env, check=False
    )


def list_printers() -> AgentPrinters:
    """The printers of this computer; none when CUPS is absent or not running. Our own
    temporary printers (a customer's machine may be this one in a test) are left out."""
    try:
        names = _run("lpstat", "-e").stdout.split()
        default = _run("lpstat", "-d").stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return AgentPrinters((), "")
    names = [n for n in names if not n.startswith("Tandem-")]
    # "system default destination: TandemPDF"
    chosen = default.split(":", 1)[1].strip() if default.startswith("system default") else ""
    return AgentPrinters(tuple(sorted(names)), chosen if chosen in names else "")


def print_pdf(printer: str, path: Path, title: str) -> str:
    """Print the PDF at ``path`` on ``printer``; lp's request id ("TandemPDF-12")."""
    args = ["lp", "-t", title or "Tandem"]
    if printer:
        args += ["-d", printer]
    try:
        done = _run(*args, "--", str(path))
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintFailed(str(exc)) from exc
    if done.returncode != 0:
        raise PrintFailed(" ".join(done.stderr.split()) or f"lp exited with {done.returncode}")
    # "request id is TandemPDF-12 (1 file(s))"
    words = done.stdout.split()
    return words[3] if len(words) > 3 and words[:3] == ["request", "id", "is"] else ""
