"""The applications installed on this computer that a user may start, for "New application…":
on Linux the desktop entries (``*.desktop``) of the XDG data directories, as menus list them;
on Windows the Start menu's shortcuts (``start_menu.py``), on macOS the ``.app`` bundles of
/Applications (``app_bundles.py``)."""

from __future__ import annotations

import configparser
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# Entries read at most, and the size of one (a desktop entry is a few kilobytes; a huge one is
# not a menu entry).
MAX_ENTRIES: Final = 2000
MAX_ENTRY_BYTES: Final = 64 * 1024
SECTION: Final = "Desktop Entry"


@dataclass(frozen=True, slots=True)
class Installed:
    """One application that can be started: its desktop entry's id, name and command."""

    id: str
    name: str
    command: tuple[str, ...]
    wm_class: str = ""  # StartupWMClass: how its windows name their class


def data_dirs() -> list[Path]:
    home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    others = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return [Path(home), *(Path(p) for p in others.split(":") if p)]


def _command(exec_line: str) -> tuple[str, ...]:
    """The Exec line's words without its field codes (%f, %U…: nothing is opened with it)."""
    words = [w for w in shlex.split(exec_line) if not (len(w) == 2 and w.startswith("%"))]
    return tuple(w.replace("%%", "%") for w in words)


def _entry(path: Path, entry_id: str) -> Installed | None:
    if path.stat().st_size > MAX_ENTRY_BYTES:
        return None
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8", errors="replace"))
    if not parser.has_section(SECTION):
        return None
    entry = parser[SECTION]
    hidden = any(entry.get(k, "false").lower() == "true" for k in ("NoDisplay", "Hidden"))
    if entry.get("Type") != "Application" or hidden or entry.get("Terminal") == "true":
        return None
    name, exec_line = entry.get("Name", "").strip(), entry.get("Exec", "").strip()
    if not name or not exec_line:
        return None
    command = _command(exec_line)
    if not command:
        return None
    return Installed(entry_id, name, command, entry.get("StartupWMClass", ""))


def installed_applications() -> list[Installed]:
    """The applications a menu would offer, by name (an id found twice: the first directory's)."""
    if sys.platform == "win32":
        from shared.windows.start_menu import shortcuts, start_menu_folders

        return shortcuts(start_menu_folders())
    if sys.platform == "darwin":
        from shared.windows.app_bundles import bundle_folders, bundles

        return bundles(bundle_folders())
    found: dict[str, Installed] = {}
    for base in data_dirs():
        folder = base / "applications"
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.desktop"))[:MAX_ENTRIES]:
            entry_id = str(path.relative_to(folder)).replace(os.sep, "-")
            if entry_id in found or len(found) >= MAX_ENTRIES:
                continue
            try:
                entry = _entry(path, entry_id)
            except (OSError, ValueError, configparser.Error):
                continue  # unreadable or malformed: not offered
            if entry is not None:
                found[entry_id] = entry
    return sorted(found.values(), key=lambda e: e.name.casefold())


def start(entry: Installed) -> int:
    """Start ``entry`` in a session of its own (it outlives the share); its process id (on
    macOS ``open``'s, see ``app_bundles.py``; on Windows 0 when none was started)."""
    if sys.platform == "win32":
        from shared.windows.start_menu import start_shortcut

        return start_shortcut(entry)
    # The user's own menu entry, chosen by them.
    process = subprocess.Popen(
        entry.command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return process.pid
