"""The applications installed on a Mac, for "New application…": the ``.app`` bundles of
/Applications, ~/Applications and /System/Applications (and their subfolders, as Utilities),
named by their ``Info.plist`` (``CFBundleDisplayName``, else ``CFBundleName``, else the
bundle's name), started with ``open -a``.

Reading the folders and the plists is plain file logic, tested on Linux with real folders.
Starting one has never run here (no macOS): ``open`` asks Launch Services and exits, so the
process id ``start`` returns is ``open``'s, never the application's; the share finds the
started application's windows by its name instead (``Installed.wm_class``, compared with the
window list's owner name). Unverified: that name is the localized one, so on a Mac in another
language than the plist's an application may not be found after starting it.
"""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any, Final

from shared.windows.installed import Installed

# Bundles read at most, the size of an Info.plist read (a few kilobytes; a huge one is not an
# application's), and how deep below a folder bundles are looked for (/Applications/Vendor/).
MAX_BUNDLES: Final = 2000
MAX_PLIST_BYTES: Final = 1024 * 1024
MAX_DEPTH: Final = 2


def bundle_folders() -> list[Path]:
    return [Path("/Applications"), Path.home() / "Applications", Path("/System/Applications")]


def _info(bundle: Path) -> dict[str, Any]:
    path = bundle / "Contents" / "Info.plist"
    try:
        if path.stat().st_size > MAX_PLIST_BYTES:
            return {}
        info = plistlib.loads(path.read_bytes())
    except (OSError, ValueError, plistlib.InvalidFileException):
        return {}  # none, or unreadable: named by the bundle
    return info if isinstance(info, dict) else {}


def _bundle(bundle: Path) -> Installed | None:
    info = _info(bundle)
    if info.get("LSBackgroundOnly") is True:
        return None  # no window ever
    named = (info.get(k) for k in ("CFBundleDisplayName", "CFBundleName"))
    name = next((n.strip() for n in named if isinstance(n, str) and n.strip()), bundle.stem)
    return Installed(str(bundle), name, ("open", "-a", str(bundle)), wm_class=name)


def _walk(folder: Path, depth: int, out: list[Path]) -> None:
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return
    for child in children:
        if len(out) >= MAX_BUNDLES:
            return
        if not child.is_dir() or child.name.startswith("."):
            continue
        if child.suffix == ".app":
            out.append(child)  # a bundle: what it holds (helpers) is its own business
        elif depth < MAX_DEPTH:
            _walk(child, depth + 1, out)


def bundles(folders: list[Path]) -> list[Installed]:
    """The applications of ``folders``, by name; a name found twice offered once, the first
    folder's."""
    found: dict[str, Installed] = {}
    for folder in folders:
        paths: list[Path] = []
        _walk(folder, 1, paths)
        for path in paths:
            entry = _bundle(path)
            if entry is not None and entry.name.casefold() not in found:
                found[entry.name.casefold()] = entry
    return sorted(found.values(), key=lambda e: e.name.casefold())[:MAX_BUNDLES]
