"""Linux: /proc and /sys, lsblk, systemctl, dpkg-query or rpm, the XDG autostart folders,
xrandr or xdpyinfo (or the kernel's DRM connectors) for displays, CUPS's lpstat for printers."""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from shared.features.sysinfo.providers.base import ProviderError, PsutilProvider, run
from shared.features.sysinfo.rows import (
    DiskRow,
    DisplayRow,
    Pair,
    PrinterRow,
    ServiceRow,
    SoftwareRow,
    StartupRow,
)

# Rows of ``lsblk``'s tree read at most (a server with thousands of multipath devices).
MAX_BLOCK_DEVICES = 2000


def os_release(path: Path = Path("/etc/os-release")) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return found
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            found[key.strip()] = value.strip().strip('"').strip("'")
    return found


def _read(path: str) -> str:
    try:
        return Path(path).read_text(errors="replace").strip()
    except OSError:
        return ""


class LinuxProvider(PsutilProvider):
    def os_name(self) -> str:
        release = os_release()
        return release.get("PRETTY_NAME") or release.get("NAME") or "Linux"

    def cpu_model(self) -> str:
        for line in _read("/proc/cpuinfo").splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("model name", "Hardware", "Processor", "cpu model"):
                return value.strip()
        return super().cpu_model()

    def system(self) -> list[Pair]:
        rows = super().system()
        release = os_release()
        rows.insert(1, Pair("Version", release.get("VERSION", "")))
        for key, label in (
            ("sys_vendor", "Manufacturer"),
            ("product_name", "Model"),
            ("bios_version", "Firmware version"),
        ):
            value = _read(f"/sys/class/dmi/id/{key}")
            if value:
                rows.append(Pair(label, value))
        rows.append(Pair("Desktop", os.environ.get("XDG_CURRENT_DESKTOP", "")))
        rows.append(Pair("Session type", os.environ.get("XDG_SESSION_TYPE", "")))
        return rows

    def disks(self) -> list[DiskRow]:
        """The physical disks lsblk names (with their model), then each mounted volume."""
        rows: list[DiskRow] = []
        try:
            listed = json.loads(
                run(["lsblk", "--json", "--bytes", "--nodeps", "-o", "NAME,TYPE,SIZE,MODEL"])
            )
            devices: list[dict[str, Any]] = listed.get("blockdevices", [])[:MAX_BLOCK_DEVICES]
        except (ProviderError, ValueError, AttributeError):
            devices = []  # the volumes below still say the most useful part
        for device in devices:
            size = device.get("size")
            rows.append(
                DiskRow(
                    f"/dev/{device.get('name', '')}",
                    str(device.get("type") or "disk"),
                    model=str(device.get("model") or "").strip(),
                    size=int(size) if isinstance(size, int | str) and str(size).isdigit() else None,
                )
            )
        return rows + super().disks()

    def services(self) -> list[ServiceRow]:
        """systemd's services: their state when systemd runs, else how each starts."""
        starts: dict[str, str] = {}
        for line in run(
            ["systemctl", "list-unit-files", "--type=service", "--no-pager", "--no-legend"]
        ).splitlines():
            parts = line.split()
            if len(parts) >= 2:
                starts[parts[0]] = parts[1]
        rows: dict[str, ServiceRow] = {}
        try:
            listed = run(
                [
                    "systemctl",
                    "list-units",
                    "--type=service",
                    "--all",
                    "--no-pager",
                    "--no-legend",
                    "--plain",
                ]
            )
        except ProviderError:
            listed = ""  # systemd is not running (a container): the unit files still say a lot
        for line in listed.splitlines():
            parts = line.split(None, 4)
            if len(parts) >= 4:
                name, _load, active, sub = parts[:4]
                description = parts[4] if len(parts) > 4 else ""
                rows[name] = ServiceRow(
                    name, description, f"{active} ({sub})", starts.get(name, "")
                )
        for name, start in starts.items():
            rows.setdefault(name, ServiceRow(name, "", "", start))
        return sorted(rows.values(), key=lambda row: row.name)

    def startup(self) -> list[StartupRow]:
        """The XDG autostart entries (the user's own hide the system's of the same name)."""
        config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        dirs = [config / "autostart"] + [
            Path(d) / "autostart"
            for d in (os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":")
            if d
        ]
        seen: dict[str, StartupRow] = {}
        for folder in dirs:
            try:
                entries = sorted(folder.glob("*.desktop"))
            except OSError:
                continue
            for entry in entries:
                if entry.name in seen:
                    continue
                parser = configparser.RawConfigParser(strict=False, interpolation=None)
                try:
                    parser.read(entry, encoding="utf-8")
                except (configparser.Error, OSError, UnicodeDecodeError):
                    continue
                section = parser["Desktop Entry"] if parser.has_section("Desktop Entry") else {}
                if str(section.get("Hidden", "")).lower() == "true":
                    seen[entry.name] = StartupRow(entry.stem, "(disabled)", str(entry))
                    continue
                name = section.get("Name") or entry.stem
                seen[entry.name] = StartupRow(str(name), str(section.get("Exec", "")), str(entry))
        return list(seen.values())

    def software(self) -> list[SoftwareRow]:
        if shutil.which("dpkg-query"):
            text = run(["dpkg-query", "-W", "-f", "${Package}\t${Version}\t${Maintainer}\n"])
        elif shutil.which("rpm"):
            text = run(
                ["rpm", "-qa", "--queryformat", "%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n"]
            )
        else:
            raise ProviderError("no package manager found (dpkg or rpm)")
        rows = []
        for line in text.splitlines():
            parts = [*line.split("\t"), "", ""][:3]
            if parts[0]:
                rows.append(SoftwareRow(*parts))
        return sorted(rows, key=lambda row: row.name.lower())

    def displays(self) -> list[DisplayRow]:
        """xrandr's outputs when there is a display server and xrandr; else xdpyinfo's screens;
        else the kernel's connected connectors."""
        if os.environ.get("DISPLAY") and shutil.which("xrandr"):
            rows = []
            for line in run(["xrandr", "--query"]).splitlines():
                found = re.match(r"^(\S+) connected( primary)? (\d+x\d+)?", line)
                if found:
                    rows.append(DisplayRow(found[1], found[3] or "", bool(found[2]), "xrandr"))
            return rows
        if os.environ.get("DISPLAY") and shutil.which("xdpyinfo"):
            rows = []
            screen = ""
            for line in run(["xdpyinfo"]).splitlines():
                line = line.strip()
                if line.startswith("screen #"):
                    screen = line.rstrip(":")
                elif line.startswith("dimensions:") and screen:
                    size = line.split()[1]
                    rows.append(
                        DisplayRow(screen, size, screen == "screen #0", os.environ["DISPLAY"])
                    )
            return rows
        rows = []
        for status in sorted(Path("/sys/class/drm").glob("card*-*/status")):
            if _read(str(status)) == "connected":
                modes = _read(str(status.parent / "modes")).splitlines()
                rows.append(DisplayRow(status.parent.name, modes[0] if modes else ""))
        if not rows:
            raise ProviderError("no display found")
        return rows

    def printers(self) -> list[PrinterRow]:
        return cups_printers()


def cups_printers() -> list[PrinterRow]:
    """CUPS's printers (Linux and macOS alike), with the default one marked."""
    if not shutil.which("lpstat"):
        raise ProviderError("no printing system found (CUPS's lpstat)")
    default = ""
    try:
        found = re.search(r":\s*(\S+)\s*$", run(["lpstat", "-d"]).strip())
        default = found[1] if found else ""
    except ProviderError:
        pass  # no default printer
    rows = []
    try:
        listed = run(["lpstat", "-p"])
    except ProviderError:
        listed = ""  # the scheduler is not running, or there are no printers
    devices: dict[str, str] = {}
    try:
        for line in run(["lpstat", "-v"]).splitlines():
            found = re.match(r"^device for (\S+):\s*(.*)$", line)
            if found:
                devices[found[1]] = found[2]
    except ProviderError:
        pass
    for line in listed.splitlines():
        found = re.match(r"^printer (\S+) (?:is )?(.*?)\.?\s", line + " ")
        if found:
            state = "idle" if "idle" in line else ("disabled" if "disabled" in line else "")
            name = found[1]
            rows.append(PrinterRow(name, state or found[2], name == default, devices.get(name, "")))
    return rows
