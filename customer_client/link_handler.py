"""Registers ``tandem-client`` as the handler of ``tandem://`` links on a Linux desktop, so a
click on a join link opens the client (the MSI and the macOS package do the same on theirs)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from shared.resume.ports import this_client

DESKTOP_FILE = "tandem-client.desktop"


def desktop_entry(command: list[str]) -> str:
    exec_line = " ".join(shlex.quote(part) for part in command) + " %u"
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Tandem Client\n"
        "Comment=Get help from a support agent\n"
        f"Exec={exec_line}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "MimeType=x-scheme-handler/tandem;\n"
        "Categories=Network;RemoteAccess;\n"
    )


def register(applications_dir: Path | None = None) -> Path:
    """Write the desktop entry and make it the default for tandem:// links; return its path."""
    folder = applications_dir or Path.home() / ".local/share/applications"
    folder.mkdir(parents=True, exist_ok=True)
    program = shutil.which("tandem-client")
    command = [program] if program and not getattr(sys, "frozen", False) else this_client()
    path = folder / DESKTOP_FILE
    path.write_text(desktop_entry(command), encoding="utf-8")
    if shutil.which("xdg-mime"):
        subprocess.run(
            ["xdg-mime", "default", DESKTOP_FILE, "x-scheme-handler/tandem"],
            check=False,
            timeout=30,
        )
    return path
