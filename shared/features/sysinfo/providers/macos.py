"""macOS: system_profiler's JSON, launchctl for services, the LaunchAgents and LaunchDaemons
folders for what starts with the session, pkgutil and the applications for installed software,
CUPS's lpstat for printers. Written and type-checked on every system; runs on macOS only."""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

from shared.features.sysinfo.providers.base import ProviderError, PsutilProvider, run
from shared.features.sysinfo.providers.linux import cups_printers
from shared.features.sysinfo.rows import (
    DisplayRow,
    Pair,
    PrinterRow,
    ServiceRow,
    SoftwareRow,
    StartupRow,
)

LAUNCH_FOLDERS = (
    Path.home() / "Library/LaunchAgents",
    Path("/Library/LaunchAgents"),
    Path("/Library/LaunchDaemons"),
)


def profile(data_type: str) -> list[dict[str, Any]]:
    """One of system_profiler's data types, as its list of items."""
    text = run(["system_profiler", "-json", "-detailLevel", "mini", data_type])
    try:
        found = json.loads(text).get(data_type, [])
    except (ValueError, AttributeError):
        raise ProviderError(f"system_profiler's {data_type} was not JSON") from None
    return [item for item in found if isinstance(item, dict)]


class MacProvider(PsutilProvider):
    def os_name(self) -> str:
        version = platform.mac_ver()[0]
        return f"macOS {version}" if version else "macOS"

    def cpu_model(self) -> str:
        try:
            return run(["sysctl", "-n", "machdep.cpu.brand_string"]).strip()
        except ProviderError:
            return super().cpu_model()

    def system(self) -> list[Pair]:
        rows = super().system()
        for item in profile("SPSoftwareDataType")[:1]:
            for key, label in (
                ("os_version", "Version"),
                ("boot_volume", "Startup disk"),
                ("secure_vm", "Secure virtual memory"),
            ):
                if key in item:
                    rows.append(Pair(label, str(item[key])))
        for item in profile("SPHardwareDataType")[:1]:
            for key, label in (
                ("machine_model", "Model"),
                ("serial_number", "Serial number"),
                ("boot_rom_version", "Firmware version"),
            ):
                if key in item:
                    rows.append(Pair(label, str(item[key])))
        return rows

    def services(self) -> list[ServiceRow]:
        rows = []
        for line in run(["launchctl", "list"]).splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) == 3:
                pid, status, label = parts
                state = "running" if pid.strip() != "-" else f"stopped ({status.strip()})"
                rows.append(ServiceRow(label, "", state, "launchd"))
        return sorted(rows, key=lambda row: row.name.lower())

    def startup(self) -> list[StartupRow]:
        rows = []
        for folder in LAUNCH_FOLDERS:
            if folder.is_dir():
                for entry in sorted(folder.glob("*.plist")):
                    rows.append(StartupRow(entry.stem, str(entry), str(folder)))
        return rows

    def software(self) -> list[SoftwareRow]:
        rows = [
            SoftwareRow(
                str(item.get("_name", "")),
                str(item.get("version", "")),
                str(item.get("obtained_from", "")),
            )
            for item in profile("SPApplicationsDataType")
        ]
        rows += [
            SoftwareRow(line.strip(), "", "pkgutil")
            for line in run(["pkgutil", "--pkgs"]).splitlines()
            if line.strip()
        ]
        return sorted(rows, key=lambda row: row.name.lower())

    def displays(self) -> list[DisplayRow]:
        rows = []
        for card in profile("SPDisplaysDataType"):
            for screen in card.get("spdisplays_ndrvs", []) or []:
                if isinstance(screen, dict):
                    rows.append(
                        DisplayRow(
                            str(screen.get("_name", "")),
                            str(screen.get("_spdisplays_resolution", "")),
                            screen.get("spdisplays_main") == "spdisplays_yes",
                            str(card.get("sppci_model", "")),
                        )
                    )
        return rows

    def printers(self) -> list[PrinterRow]:
        return cups_printers()
