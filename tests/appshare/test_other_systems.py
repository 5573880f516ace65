"""Application sharing's listings for Windows and macOS, as far as they run here (Linux): the
open windows grouped into applications, the Start menu's shortcuts and the Mac's application
bundles read from real folders, the macOS window list's entries turned into applications and
layers, and the selection that makes those systems use them. The calls into user32, shell32
and Quartz themselves cannot run here."""

from __future__ import annotations

import os
import plistlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.windows import Rect, WindowRef, see_through
from shared.windows import apps as apps_module
from shared.windows import installed as installed_module
from shared.windows.app_bundles import bundles
from shared.windows.app_windows import SeenWindow, group, program_name
from shared.windows.apps import Application, Layer
from shared.windows.installed import Installed, installed_applications
from shared.windows.macos import window_number
from shared.windows.macos_apps import MacApplications
from shared.windows.start_menu import PROGRAMS, shortcuts
from shared.windows.win32_apps import Win32Applications

OWN = 999


def test_windows_are_grouped_by_process_and_named_by_program() -> None:
    seen = [
        SeenWindow(11, 100, "Budget.xlsx - Excel", "EXCEL"),
        SeenWindow(12, 200, "Untitled - Notepad", "notepad"),
        SeenWindow(13, 100, "Format Cells", "EXCEL", main=False),  # its dialog: shared with it
        SeenWindow(14, 300, "", "helper", main=False),  # a helper's popup only: not listed
        SeenWindow(15, OWN, "Tandem", "python"),  # ours: never offered
        SeenWindow(16, 400, "Report - Word", ""),  # its name unreadable (elevated): the title
        SeenWindow(17, 0, "System", "idle"),  # no process known
    ]
    assert group(seen, OWN) == [
        Application(
            "pid:100",
            "EXCEL",
            (WindowRef(11, "Budget.xlsx - Excel"), WindowRef(13, "Format Cells")),
        ),
        Application("pid:200", "notepad", (WindowRef(12, "Untitled - Notepad"),)),
        Application("pid:400", "Report - Word", (WindowRef(16, "Report - Word"),)),
    ]


def test_two_processes_of_one_program_are_two_applications() -> None:
    seen = [SeenWindow(1, 10, "a.txt", "notepad"), SeenWindow(2, 20, "b.txt", "notepad")]
    assert [(a.key, a.name) for a in group(seen, OWN)] == [
        ("pid:10", "notepad"),
        ("pid:20", "notepad"),
    ]


def test_a_windows_program_is_named_by_its_executable() -> None:
    assert program_name("C:\\Program Files\\Notepad++\\notepad++.exe") == "notepad++"
    assert program_name("C:\\Windows\\System32\\mspaint.EXE") == "mspaint"
    assert program_name("\\\\?\\C:\\Tools\\run.com") == "run.com"


def shortcut(folder: Path, relative: str) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"L\x00\x00\x00")  # a shortcut's first bytes: only the name is read


def test_the_start_menus_shortcuts_are_offered_by_name(tmp_path: Path) -> None:
    mine, everyone = tmp_path / "user", tmp_path / "all"
    shortcut(mine, "Notepad.lnk")
    shortcut(mine, "Tools/Ledger.lnk")
    shortcut(everyone, "Accessories/notepad.lnk")  # the same name in everyone's: offered once
    shortcut(everyone, "Paint.LNK")
    shortcut(everyone, "Ledger/Uninstall Ledger.lnk")
    shortcut(everyone, "Example site.url")
    (everyone / "desktop.ini").write_text("[.ShellClassInfo]\n")
    (everyone / "Folder.lnk").mkdir()  # a folder, whatever its name

    found = shortcuts([mine, everyone, tmp_path / "missing"])
    assert [(e.name, e.id) for e in found] == [
        ("Ledger", "Tools/Ledger.lnk"),
        ("Notepad", "Notepad.lnk"),  # the user's own
        ("Paint", "Paint.LNK"),
    ]
    assert found[1].command == (str(mine / "Notepad.lnk"),)  # what the shell opens


def bundle(folder: Path, relative: str, info: dict[str, Any] | None, binary: bool = False) -> Path:
    path = folder / relative
    (path / "Contents").mkdir(parents=True)
    if info is not None:
        kind = plistlib.FMT_BINARY if binary else plistlib.FMT_XML
        (path / "Contents" / "Info.plist").write_bytes(plistlib.dumps(info, fmt=kind))
    return path


def test_the_macs_application_bundles_are_offered_by_name(tmp_path: Path) -> None:
    apps, home, system = tmp_path / "Applications", tmp_path / "home", tmp_path / "System"
    safari = bundle(apps, "Safari.app", {"CFBundleName": "Safari"})
    bundle(apps, "Utilities/Terminal.app", {"CFBundleDisplayName": "Terminal"}, binary=True)
    bundle(apps, "Suite/Ledger Pro.app", None)  # no Info.plist: named by the bundle
    office = bundle(apps, "Office.app", {"CFBundleName": "Office"})
    bundle(office, "Contents/Helpers/Office Helper.app", {"CFBundleName": "Office Helper"})
    bundle(apps, "Daemon.app", {"CFBundleName": "Daemon", "LSBackgroundOnly": True})
    bundle(apps, "Vendor/Suite/Deeper/Lost.app", {"CFBundleName": "Lost"})  # too deep
    bundle(apps, ".Hidden.app", {"CFBundleName": "Hidden"})
    (apps / "Broken.app" / "Contents").mkdir(parents=True)
    (apps / "Broken.app" / "Contents" / "Info.plist").write_text("not a plist")
    bundle(home, "Safari.app", {"CFBundleName": "Safari"})  # found twice: the first folder's
    bundle(system, "Calculator.app", {"CFBundleName": "Calculator"})

    found = bundles([apps, home, system, tmp_path / "missing"])
    assert [e.name for e in found] == [
        "Broken",
        "Calculator",
        "Ledger Pro",
        "Office",
        "Safari",
        "Terminal",
    ]
    (safari_entry,) = [e for e in found if e.name == "Safari"]
    assert safari_entry.command == ("open", "-a", str(safari))
    assert safari_entry.wm_class == "Safari"  # how its windows are found once started


def entry(number: int, pid: int, owner: str, rect: Rect, layer: int = 0, **more: Any) -> Any:
    bounds = {"X": rect.left, "Y": rect.top, "Width": rect.width, "Height": rect.height}
    return {
        "kCGWindowNumber": number,
        "kCGWindowOwnerPID": pid,
        "kCGWindowOwnerName": owner,
        "kCGWindowLayer": layer,
        "kCGWindowBounds": bounds,
        **more,
    }


class ListedMac(MacApplications):
    """macOS's application listing over a window list given here (Quartz cannot load on
    Linux): the list front to back, as ``CGWindowListCopyWindowInfo`` gives it."""

    def __init__(self, entries: list[dict[str, Any]], front_pid: int) -> None:
        self._lock = threading.Lock()
        self.entries, self.front_pid = entries, front_pid

    def _list(self) -> list[dict[str, Any]]:
        return self.entries

    def _front_pid(self) -> int:
        return self.front_pid


MENU_BAR, NOTES, NOTES_PANEL, MAIL = (
    Rect(0, 0, 1440, 24),
    Rect(100, 100, 400, 300),
    Rect(450, 120, 200, 150),
    Rect(300, 200, 500, 400),
)


def test_the_macs_window_list_gives_applications_layers_and_focus() -> None:
    mac = ListedMac(
        [
            entry(1, 50, "Window Server", MENU_BAR, layer=24, kCGWindowName="Menubar"),
            entry(2, 60, "Notes", NOTES_PANEL, layer=3, kCGWindowName="Fonts"),  # its palette
            entry(3, 60, "Notes", NOTES, kCGWindowName="Groceries"),
            entry(4, 70, "Mail", MAIL, kCGWindowName="Inbox"),
            entry(5, 80, "Ghost", MAIL, kCGWindowAlpha=0.0),  # invisible: neither listed nor over
            entry(6, os.getpid(), "Python", NOTES),  # ours
            entry(7, 90, "Dock", Rect(0, 0, 1440, 900), layer=-2147483624),  # the desktop
        ],
        front_pid=60,
    )
    assert [(a.name, [w.handle for w in a.windows]) for a in mac.applications()] == [
        ("Mail", [4]),
        ("Notes", [2, 3]),
    ]
    notes = {2, 3}
    assert mac.layers(notes) == [  # bottom to top
        Layer(Rect(0, 0, 1440, 900), False),
        Layer(NOTES, False),
        Layer(MAIL, False),
        Layer(NOTES, True),
        Layer(NOTES_PANEL, True),
        Layer(MENU_BAR, False),
    ]
    assert mac.focused(notes, None)  # Notes is the frontmost application
    assert not mac.focused({4}, (400, 300))  # the pointer over Mail does not give it the keys


@pytest.fixture
def overlay_of_ours() -> Iterator[int]:
    """Annotation's overlay, registered as ours (by its window number / HWND)."""
    handle = 77
    see_through.add(handle)
    yield handle
    see_through.remove(handle)


def test_the_macs_listing_looks_through_our_overlay(overlay_of_ours: int) -> None:
    # The overlay spans the shared window, above it: never a cover (its strokes would be
    # hatched away), nor a layer hiding the window from clicks let through.
    mac = ListedMac(
        [
            entry(overlay_of_ours, os.getpid(), "Python", NOTES, layer=3),
            entry(4, 70, "Mail", MAIL, kCGWindowName="Inbox"),
            entry(3, 60, "Notes", NOTES, kCGWindowName="Groceries"),
        ],
        front_pid=60,
    )
    assert mac.covering(WindowRef(3)) == [MAIL]
    assert mac.layers({3}) == [Layer(NOTES, True), Layer(MAIL, False)]
    see_through.remove(overlay_of_ours)  # anyone else's window there does cover it
    assert mac.covering(WindowRef(3)) == [NOTES, MAIL]
    assert mac.layers({3})[-1] == Layer(NOTES, False)


class ListedWindows(Win32Applications):
    """Windows' listings over a Z order given here (user32 cannot load on Linux): top-level
    windows topmost first, as ``EnumWindows`` and ``GW_HWNDPREV`` walk them."""

    def __init__(self, order: list[tuple[int, Rect]]) -> None:
        self._lock = threading.Lock()
        self.order = order

    def _root(self, hwnd: int) -> int:
        return hwnd

    def _above(self, hwnd: int) -> list[int]:
        handles = [h for h, _ in self.order]
        return list(reversed(handles[: handles.index(hwnd)]))

    def _rect(self, hwnd: int) -> Rect | None:
        return dict(self.order)[hwnd]

    def _shown(self) -> list[int]:
        return [h for h, _ in self.order]

    def _frame(self, hwnd: int) -> Rect | None:
        return dict(self.order)[hwnd]


def test_windows_listing_looks_through_our_overlay(overlay_of_ours: int) -> None:
    windows = ListedWindows([(overlay_of_ours, NOTES), (4, MAIL), (3, NOTES)])
    assert windows.covering(WindowRef(3)) == [MAIL]
    assert windows.layers({3}) == [Layer(NOTES, True), Layer(MAIL, False)]
    see_through.remove(overlay_of_ours)
    assert windows.covering(WindowRef(3)) == [MAIL, NOTES]
    assert windows.layers({3})[-1] == Layer(NOTES, False)


class View:
    """An NSView as pyobjc wraps one, in its window (or in none yet)."""

    def __init__(self, number: int | None) -> None:
        self.number = number

    def window(self) -> Any:
        return None if self.number is None else self

    def windowNumber(self) -> int:
        assert self.number is not None
        return self.number


def test_our_overlay_is_known_on_macos_by_its_windows_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Qt's winId() on macOS is an NSView's address; the window list knows its window's number.
    views = {0x7F00: View(4242), 0x7F80: View(None), 0x7FC0: View(-1)}

    class Objc:
        @staticmethod
        def objc_object(c_void_p: Any) -> View:
            return views[c_void_p.value]

    monkeypatch.setitem(sys.modules, "objc", Objc)
    assert see_through.own_handle(0x7F00) == 0x7F00  # X11 (here) and Windows: winId() itself
    monkeypatch.setattr(sys, "platform", "darwin")
    assert see_through.own_handle(0x7F00) == 4242
    assert window_number(0x7F80) == 0  # no window yet
    assert window_number(0x7FC0) == 0  # not on screen yet


def test_windows_and_macos_are_selected_where_they_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    appdata, programdata = tmp_path / "Roaming", tmp_path / "ProgramData"
    shortcut(appdata / PROGRAMS, "Ledger.lnk")
    monkeypatch.setenv("APPDATA", str(appdata))
    monkeypatch.setenv("PROGRAMDATA", str(programdata))
    monkeypatch.setattr(sys, "platform", "win32")
    assert [e.name for e in installed_applications()] == ["Ledger"]
    started: list[Installed] = []

    def start_shortcut(entry: Installed) -> int:
        started.append(entry)
        return 42

    monkeypatch.setattr("shared.windows.start_menu.start_shortcut", start_shortcut)
    assert installed_module.start(installed_applications()[0]) == 42
    assert [e.name for e in started] == ["Ledger"]

    class Listing:
        def __init__(self) -> None:
            self.system = sys.platform

    monkeypatch.setattr("shared.windows.win32_apps.Win32Applications", Listing)
    monkeypatch.setattr("shared.windows.macos_apps.MacApplications", Listing)
    system = apps_module.application_system()
    assert isinstance(system, Listing) and system.system == "win32"

    monkeypatch.setattr(sys, "platform", "darwin")
    bundle(tmp_path / "Applications", "Notes.app", {"CFBundleName": "Notes"})
    monkeypatch.setattr(
        "shared.windows.app_bundles.bundle_folders", lambda: [tmp_path / "Applications"]
    )
    assert [e.command[:2] for e in installed_applications()] == [("open", "-a")]
    system = apps_module.application_system()
    assert isinstance(system, Listing) and system.system == "darwin"
