"""The applications installed on a Windows computer, for "New application…": the Start menu's
shortcuts (``*.lnk``) in the user's own Programs folder (``%AppData%``) and everyone's
(``%ProgramData%``), named as the Start menu names them (the shortcut's file name), started
through the shell as a click on the shortcut is.

Reading the folders is plain file logic, tested on Linux with real folders. Starting one
(``start_shortcut``) needs shell32 and has never run: this machine has no Windows. It is
``ShellExecuteExW``, what ``os.startfile`` calls, asked for the process it started, because
the share then looks for that process's windows (``os.startfile`` does not say which process
it started). When the shell hands the shortcut to a program already running (a browser, an
Office application), no process of its own is started: the process id is 0, no new window is
found, and the start counts as failed after the engine's wait.

Not done: a shortcut's target is not read (the ``.lnk`` format), so a shortcut to a document
(a "Read me") is offered like one to a program.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import wintypes
from pathlib import Path, PureWindowsPath
from typing import Any, Final

from shared.windows.installed import Installed

# Shortcuts read at most (a Start menu holds a few hundred).
MAX_SHORTCUTS: Final = 2000
PROGRAMS: Final = PureWindowsPath("Microsoft", "Windows", "Start Menu", "Programs")
# Never an application to show: the uninstallers many installers put beside the program.
UNINSTALLER_PREFIX: Final = "uninstall"
SEE_MASK_NOCLOSEPROCESS: Final = 0x00000040
SW_SHOWNORMAL: Final = 1


def start_menu_folders() -> list[Path]:
    """The user's own Start menu first (theirs wins a name found twice), then everyone's."""
    return [
        Path(base) / PROGRAMS
        for base in (os.environ.get("APPDATA"), os.environ.get("PROGRAMDATA"))
        if base
    ]


def shortcuts(folders: list[Path]) -> list[Installed]:
    """The shortcuts of ``folders`` and their subfolders, by name; a name found twice (the same
    program in both Start menus, in two folders) offered once, the first folder's."""
    found: dict[str, Installed] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"))[:MAX_SHORTCUTS]:
            if path.suffix.lower() != ".lnk" or not path.is_file():
                continue
            name = path.stem.strip()
            key = name.casefold()
            if not name or key.startswith(UNINSTALLER_PREFIX) or key in found:
                continue
            if len(found) >= MAX_SHORTCUTS:
                break
            entry_id = path.relative_to(folder).as_posix()
            found[key] = Installed(entry_id, name, (str(path),))
    return sorted(found.values(), key=lambda e: e.name.casefold())


class SHELLEXECUTEINFOW(ctypes.Structure):
    _fields_ = [
        ("cbSize", wintypes.DWORD),
        ("fMask", wintypes.ULONG),
        ("hwnd", wintypes.HWND),
        ("lpVerb", wintypes.LPCWSTR),
        ("lpFile", wintypes.LPCWSTR),
        ("lpParameters", wintypes.LPCWSTR),
        ("lpDirectory", wintypes.LPCWSTR),
        ("nShow", ctypes.c_int),
        ("hInstApp", wintypes.HINSTANCE),
        ("lpIDList", ctypes.c_void_p),
        ("lpClass", wintypes.LPCWSTR),
        ("hkeyClass", wintypes.HKEY),
        ("dwHotKey", wintypes.DWORD),
        ("hIconOrMonitor", wintypes.HANDLE),
        ("hProcess", wintypes.HANDLE),
    ]


def start_shortcut(entry: Installed) -> int:
    """Open ``entry``'s shortcut as the Start menu does; the id of the process it started (0:
    none of its own, see the module's words). OSError when the shell cannot open it."""
    windll: Any = getattr(ctypes, "windll")  # noqa: B009  (Windows only)
    info = SHELLEXECUTEINFOW()
    info.cbSize = ctypes.sizeof(info)
    info.fMask = SEE_MASK_NOCLOSEPROCESS
    info.lpVerb = "open"
    info.lpFile = entry.command[0]
    info.nShow = SW_SHOWNORMAL
    if not windll.shell32.ShellExecuteExW(ctypes.byref(info)):
        error = windll.kernel32.GetLastError()
        raise OSError(f"the shell could not open {entry.id} (error {error})")
    if not info.hProcess:
        return 0
    try:
        return int(windll.kernel32.GetProcessId(info.hProcess))
    finally:
        windll.kernel32.CloseHandle(info.hProcess)
