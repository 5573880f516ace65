"""The applications of a Windows desktop, through user32, kernel32 and dwmapi (ctypes), for
sharing one application. Written to the same interface as X11's (``x11_apps.py``) and
type-checked here; it has never run: this machine has no Windows. Only its grouping
(``app_windows.py``) is tested, on Linux.

- Windows: ``EnumWindows`` lists the top-level windows in the Z order, topmost first. A
  window counts when ``IsWindowVisible``, not minimised (``IsIconic``) and not cloaked by the
  desktop window manager (``DWMWA_CLOAKED``: a window on another virtual desktop, a suspended
  Store app's, reports itself visible yet shows nothing). The shell's own (the desktop behind
  everything, the taskbar) are never an application's.
- Applications: ``GetWindowThreadProcessId`` gives each window's process, named by its
  executable (``QueryFullProcessImageNameW``); a process is listed when one of its windows is
  a task switcher's (no owner window, or ``WS_EX_APPWINDOW``; not ``WS_EX_TOOLWINDOW``), and
  then all its windows are shared (owned dialogs and palettes too). A process of another user
  or elevated above us cannot be opened for its name: its first window's title names it.
- Where a window is: ``DWMWA_EXTENDED_FRAME_BOUNDS``, its visible frame (``GetWindowRect``
  also holds the invisible resize borders of Windows 10 and later, where the window below
  shows through: counting them as the shared window's would send another window's pixels).
  Physical pixels, as ``win32.py`` says: the process must be per-monitor DPI aware.
- Keys go to the foreground window (``GetForegroundWindow``): shared when it, or the window
  that owns it, is one of the shared windows.

Not run here, so unverified: the Z order ``EnumWindows`` gives on every Windows version,
windows of UWP apps (hosted by ApplicationFrameHost.exe, so named after it, not the app), and
capture on secondary monitors with negative coordinates.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import wintypes
from typing import Any, Final

from shared.windows import Rect, see_through
from shared.windows.app_windows import SeenWindow, group, program_name
from shared.windows.apps import Application, Layer
from shared.windows.win32 import MAX_TITLE_CHARS, Win32Windows

# Windows walked at most (a desktop has a few hundred top-level windows).
MAX_WINDOWS: Final = 4096
GW_OWNER: Final = 4
GWL_EXSTYLE: Final = -20
WS_EX_TOOLWINDOW: Final = 0x00000080
WS_EX_APPWINDOW: Final = 0x00040000
PROCESS_QUERY_LIMITED_INFORMATION: Final = 0x1000
DWMWA_EXTENDED_FRAME_BOUNDS: Final = 9
DWMWA_CLOAKED: Final = 14
S_OK: Final = 0
MAX_PATH_CHARS: Final = 32_768  # the longest path Windows has (extended-length)
CLASS_CHARS: Final = 256  # a window class name is at most 256 characters
# The shell's windows: the desktop behind everything and the taskbars (explorer.exe's, like
# File Explorer's windows, which are an application).
SHELL_CLASSES: Final = frozenset({"Progman", "WorkerW", "Shell_TrayWnd", "Shell_SecondaryTrayWnd"})


class Win32Applications(Win32Windows):
    def __init__(self) -> None:
        super().__init__()
        windll: Any = getattr(ctypes, "windll")  # noqa: B009  (Windows only)
        self._kernel32: Any = windll.kernel32
        self._dwmapi: Any = windll.dwmapi
        # EnumWindows' callback type: BOOL CALLBACK (HWND, LPARAM).
        self._callback_type: Any = getattr(ctypes, "WINFUNCTYPE")(  # noqa: B009
            wintypes.BOOL, wintypes.HWND, wintypes.LPARAM
        )

    # --- ApplicationSystem ---------------------------------------------------------------------

    def applications(self) -> list[Application]:
        with self._lock:
            seen = [self._seen(hwnd) for hwnd in self._shown()]
            return group(seen, os.getpid())

    def layers(self, shared: set[int]) -> list[Layer]:
        with self._lock:
            out: list[Layer] = []
            ours = see_through.handles()  # our overlay: its strokes belong in the picture
            for hwnd in reversed(self._shown()):  # bottom to top
                if hwnd in ours:
                    continue
                rect = self._frame(hwnd)
                if rect is not None and not rect.empty:
                    out.append(Layer(rect, hwnd in shared))
            return out

    def focused(self, shared: set[int], pointer: tuple[int, int] | None) -> bool:
        # The keyboard follows the foreground window on Windows, never the pointer.
        del pointer
        with self._lock:
            foreground = int(self._user32.GetForegroundWindow() or 0)
            if not foreground:
                return False
            root = self._root(foreground)
            owner = int(self._user32.GetWindow(wintypes.HWND(root), GW_OWNER) or 0)
            return root in shared or (owner != 0 and owner in shared)

    # --- under the lock -----------------------------------------------------------------------

    def _shown(self) -> list[int]:
        """The shown top-level windows, topmost first (the shell's left out)."""
        found: list[int] = []

        def each(hwnd: int, _param: int) -> bool:
            found.append(int(hwnd or 0))
            return len(found) < MAX_WINDOWS

        self._user32.EnumWindows(self._callback_type(each), 0)
        return [hwnd for hwnd in found if hwnd and self._counts(hwnd)]

    def _counts(self, hwnd: int) -> bool:
        handle = wintypes.HWND(hwnd)
        if not self._user32.IsWindowVisible(handle) or self._user32.IsIconic(handle):
            return False
        cloaked = wintypes.DWORD(0)
        if (
            self._dwmapi.DwmGetWindowAttribute(
                handle, DWMWA_CLOAKED, ctypes.byref(cloaked), ctypes.sizeof(cloaked)
            )
            == S_OK
            and cloaked.value
        ):
            return False
        return self._class(hwnd) not in SHELL_CLASSES

    def _class(self, hwnd: int) -> str:
        buffer = ctypes.create_unicode_buffer(CLASS_CHARS + 1)
        self._user32.GetClassNameW(wintypes.HWND(hwnd), buffer, len(buffer))
        return buffer.value

    def _frame(self, hwnd: int) -> Rect | None:
        rect = wintypes.RECT()
        if (
            self._dwmapi.DwmGetWindowAttribute(
                wintypes.HWND(hwnd),
                DWMWA_EXTENDED_FRAME_BOUNDS,
                ctypes.byref(rect),
                ctypes.sizeof(rect),
            )
            != S_OK
        ):
            return self._rect(hwnd)  # no desktop window manager: the window's own rectangle
        return Rect(rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top)

    def _seen(self, hwnd: int) -> SeenWindow:
        handle = wintypes.HWND(hwnd)
        pid = wintypes.DWORD(0)
        self._user32.GetWindowThreadProcessId(handle, ctypes.byref(pid))
        style = int(self._user32.GetWindowLongW(handle, GWL_EXSTYLE))
        owned = bool(self._user32.GetWindow(handle, GW_OWNER))
        main = (not owned or bool(style & WS_EX_APPWINDOW)) and not style & WS_EX_TOOLWINDOW
        title = self._title(hwnd)[:MAX_TITLE_CHARS]
        return SeenWindow(hwnd, int(pid.value), title, self._program(int(pid.value)), main)

    def _program(self, pid: int) -> str:
        """The process's executable's name; "" when it cannot be opened (another user's, or
        elevated)."""
        process = self._kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not process:
            return ""
        try:
            buffer = ctypes.create_unicode_buffer(MAX_PATH_CHARS)
            size = wintypes.DWORD(len(buffer))
            if not self._kernel32.QueryFullProcessImageNameW(
                process, 0, buffer, ctypes.byref(size)
            ):
                return ""
            return program_name(buffer.value)
        finally:
            self._kernel32.CloseHandle(process)
