"""Top-level windows grouped into applications, for the systems that list windows with their
process (Windows' ``EnumWindows``, macOS's ``CGWindowListCopyWindowInfo``): one application
per process that has a window a task switcher would list, holding all that process's windows
(its dialogs and palettes too, which the share must show). Pure logic, run on every system."""

from __future__ import annotations

import ntpath
from collections.abc import Iterable
from dataclasses import dataclass

from shared.windows import WindowRef
from shared.windows.apps import Application


@dataclass(frozen=True, slots=True)
class SeenWindow:
    """One shown top-level window as the system lists it."""

    handle: int
    pid: int
    title: str
    program: str  # the process's name, as the user knows the program
    main: bool = True  # listed by a task switcher: not an owned dialog, not a tool window


def program_name(image_path: str) -> str:
    """A Windows program's name from its executable's full path: its file name without the
    extension ("C:\\Program Files\\Notepad++\\notepad++.exe" -> "notepad++")."""
    base = ntpath.basename(image_path.rstrip("\\/"))
    stem, extension = ntpath.splitext(base)
    return stem if extension.lower() == ".exe" else base


def group(seen: Iterable[SeenWindow], own_pid: int) -> list[Application]:
    """The applications among ``seen`` (in the order given, which each keeps for its windows),
    by name: processes with no main window (a helper's stray popup), an unknown process, and
    ``own_pid`` (ours: never offered) left out."""
    windows: dict[int, list[SeenWindow]] = {}
    for window in seen:
        if window.pid > 0 and window.pid != own_pid:
            windows.setdefault(window.pid, []).append(window)
    apps: list[Application] = []
    for pid, mine in windows.items():
        mains = [w for w in mine if w.main]
        if not mains:
            continue
        name = next((w.program for w in mine if w.program), "") or mains[0].title
        if not name:
            continue  # nothing to call it by
        refs = tuple(WindowRef(w.handle, w.title) for w in mine)
        apps.append(Application(f"pid:{pid}", name, refs))
    return sorted(apps, key=lambda app: (app.name.casefold(), app.key))
