"""The roots of the customer's machine the agent may browse: the home folder, "/" and mounted
volumes on Linux and macOS; the drive letters on Windows, mapped network drives included.

The customer's side lists them again on every request and takes a path only under one of them.
Windows is reached through a small interface (`WindowsDrives`) with its real implementation
beside it (`Kernel32Drives`, ctypes); the tests on Linux give it a stand-in.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from shared.features.files.protocol import MAX_ROOTS, RootEntry, RootKind

# File systems that hold no user files (kernel views, containers' layers): not offered.
_PSEUDO_FS = frozenset(
    {
        "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs",
        "pstore", "debugfs", "tracefs", "configfs", "mqueue", "hugetlbfs", "bpf", "autofs",
        "fusectl", "binfmt_misc", "overlay", "squashfs", "nsfs", "ramfs", "rpc_pipefs",
        "efivarfs", "selinuxfs", "fuse.portal", "fuse.gvfsd-fuse",
    }
)  # fmt: skip
_NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "davfs", "9p"})
# Where desktops mount disks and shares; other mount points (/boot, /var…) are the system's.
_VOLUME_PLACES = ("/media/", "/mnt/", "/run/media/", "/Volumes/")


class RootsSource(Protocol):
    def roots(self) -> list[RootEntry]: ...


def _unescape(field: str) -> str:
    """/proc/mounts writes a space as \\040, a tab \\011, a newline \\012, "\\" as \\134."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


class PosixRoots:
    def __init__(self, home: Path | None = None, mounts: Path = Path("/proc/mounts")) -> None:
        self.home = home or Path.home()
        self.mounts = mounts

    def roots(self) -> list[RootEntry]:
        found = [
            RootEntry(
                id=str(self.home), label=self.home.name or str(self.home), kind=RootKind.HOME
            ),
            RootEntry(id="/", label="/", kind=RootKind.SYSTEM),
        ]
        try:
            lines = self.mounts.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        seen = {root.id for root in found}
        for line in lines:
            fields = line.split()
            if len(fields) < 3:
                continue
            point, fs = _unescape(fields[1]), fields[2]
            network = fs in _NETWORK_FS
            if fs in _PSEUDO_FS or point in seen or "\n" in point:
                continue
            if not network and not point.startswith(_VOLUME_PLACES):
                continue
            seen.add(point)
            kind = RootKind.NETWORK if network else RootKind.VOLUME
            found.append(RootEntry(id=point, label=Path(point).name or point, kind=kind))
        return found[:MAX_ROOTS]


class WindowsDrives(Protocol):
    """What Windows says about its drives (kernel32 and mpr)."""

    def logical_drives(self) -> int: ...  # GetLogicalDrives: bit 0 is A:, bit 25 is Z:

    def drive_type(self, root: str) -> int: ...  # GetDriveTypeW("C:\\")

    def network_path(self, drive: str) -> str: ...  # WNetGetConnectionW("Z:"): "\\\\srv\\share"


# GetDriveTypeW's answers.
DRIVE_NO_ROOT_DIR, DRIVE_REMOVABLE, DRIVE_FIXED, DRIVE_REMOTE, DRIVE_CDROM = 1, 2, 3, 4, 5
_WINDOWS_KIND = {
    DRIVE_REMOVABLE: RootKind.REMOVABLE,
    DRIVE_FIXED: RootKind.VOLUME,
    DRIVE_REMOTE: RootKind.NETWORK,
    DRIVE_CDROM: RootKind.REMOVABLE,
}


class WindowsRoots:
    def __init__(self, drives: WindowsDrives, home: Path | None = None) -> None:
        self.drives = drives
        self.home = home or Path.home()

    def roots(self) -> list[RootEntry]:
        found = [RootEntry(id=str(self.home), label=self.home.name, kind=RootKind.HOME)]
        mask = self.drives.logical_drives()
        for index in range(26):
            if not mask & (1 << index):
                continue
            letter = chr(ord("A") + index)
            root = f"{letter}:\\"
            kind = _WINDOWS_KIND.get(self.drives.drive_type(root))
            if kind is None:
                continue
            label = f"{letter}:"
            if kind is RootKind.NETWORK:
                share = self.drives.network_path(f"{letter}:")
                label = f"{letter}: ({share})" if share else label
            elif letter == "C":
                kind = RootKind.SYSTEM
            found.append(RootEntry(id=root, label=label[:200], kind=kind))
        return found


class Kernel32Drives:
    """The real Windows calls (ctypes); only built on Windows."""

    def __init__(self) -> None:
        import ctypes

        windll: Callable[..., object] | None = getattr(ctypes, "windll", None)
        if windll is None:
            raise OSError("not Windows")
        self._ctypes = ctypes
        self._kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        self._mpr = ctypes.windll.mpr  # type: ignore[attr-defined]

    def logical_drives(self) -> int:
        return int(self._kernel32.GetLogicalDrives())

    def drive_type(self, root: str) -> int:
        return int(self._kernel32.GetDriveTypeW(self._ctypes.c_wchar_p(root)))

    def network_path(self, drive: str) -> str:
        size = self._ctypes.c_ulong(1024)
        buffer = self._ctypes.create_unicode_buffer(size.value)
        result = self._mpr.WNetGetConnectionW(drive, buffer, self._ctypes.byref(size))
        return str(buffer.value) if result == 0 else ""


def default_roots() -> RootsSource:
    if sys.platform == "win32":
        return WindowsRoots(Kernel32Drives())
    return PosixRoots()
