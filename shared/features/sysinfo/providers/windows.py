"""Windows: WMI through PowerShell's Get-CimInstance (as JSON), the registry for installed
software and the Run keys. Written and type-checked on every system; runs on Windows only."""

from __future__ import annotations

import json
import os
import sys
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

UNINSTALL_KEY = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"
UNINSTALL_KEY_32 = r"SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall"
RUN_KEYS = (
    r"SOFTWARE\Microsoft\Windows\CurrentVersion\Run",
    r"SOFTWARE\Microsoft\Windows\CurrentVersion\RunOnce",
    r"SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Run",
)


def cim(class_name: str, properties: str) -> list[dict[str, Any]]:
    """The instances of a WMI class, as dictionaries (PowerShell prints one object bare)."""
    script = (
        f"Get-CimInstance -ClassName {class_name} | Select-Object {properties} "
        "| ConvertTo-Json -Compress -Depth 2"
    )
    text = run(["powershell.exe", "-NoProfile", "-NonInteractive", "-Command", script]).strip()
    if not text:
        return []
    try:
        found = json.loads(text)
    except ValueError:
        raise ProviderError(f"{class_name}: PowerShell's answer was not JSON") from None
    items = found if isinstance(found, list) else [found]
    return [item for item in items if isinstance(item, dict)]


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    return "" if value is None else str(value)


class WindowsProvider(PsutilProvider):
    def os_name(self) -> str:
        try:
            (found,) = cim("Win32_OperatingSystem", "Caption")[:1]
            return _text(found, "Caption") or super().os_name()
        except (ProviderError, ValueError):
            return super().os_name()

    def cpu_model(self) -> str:
        try:
            (found,) = cim("Win32_Processor", "Name")[:1]
            return _text(found, "Name").strip() or super().cpu_model()
        except (ProviderError, ValueError):
            return super().cpu_model()

    def system(self) -> list[Pair]:
        rows = super().system()
        for item in cim(
            "Win32_OperatingSystem", "Caption,Version,BuildNumber,OSArchitecture,InstallDate"
        )[:1]:
            rows.insert(1, Pair("Version", _text(item, "Version")))
            rows.insert(2, Pair("Build number", _text(item, "BuildNumber")))
            rows.append(Pair("Installed", _text(item, "InstallDate")))
        for item in cim("Win32_ComputerSystem", "Manufacturer,Model,Domain")[:1]:
            rows.append(Pair("Manufacturer", _text(item, "Manufacturer")))
            rows.append(Pair("Model", _text(item, "Model")))
            rows.append(Pair("Domain", _text(item, "Domain")))
        return rows

    def disks(self) -> list[DiskRow]:
        rows = [
            DiskRow(
                _text(item, "DeviceID"),
                "disk",
                model=_text(item, "Model"),
                size=int(item["Size"]) if isinstance(item.get("Size"), int) else None,
            )
            for item in cim("Win32_DiskDrive", "DeviceID,Model,Size")
        ]
        return rows + super().disks()

    def services(self) -> list[ServiceRow]:
        return sorted(
            (
                ServiceRow(
                    _text(item, "Name"),
                    _text(item, "DisplayName"),
                    _text(item, "State"),
                    _text(item, "StartMode"),
                )
                for item in cim("Win32_Service", "Name,DisplayName,State,StartMode")
            ),
            key=lambda row: row.name.lower(),
        )

    def startup(self) -> list[StartupRow]:
        rows = []
        if sys.platform == "win32":
            import winreg

            for hive, hive_name in (
                (winreg.HKEY_LOCAL_MACHINE, "HKLM"),
                (winreg.HKEY_CURRENT_USER, "HKCU"),
            ):
                for key_path in RUN_KEYS:
                    try:
                        key = winreg.OpenKey(hive, key_path)
                    except OSError:
                        continue
                    with key:
                        index = 0
                        while True:
                            try:
                                name, value, _kind = winreg.EnumValue(key, index)
                            except OSError:
                                break
                            rows.append(StartupRow(name, str(value), f"{hive_name}\\{key_path}"))
                            index += 1
        for folder in (
            Path(os.environ.get("APPDATA", "")) / r"Microsoft\Windows\Start Menu\Programs\Startup",
            Path(os.environ.get("PROGRAMDATA", ""))
            / r"Microsoft\Windows\Start Menu\Programs\StartUp",
        ):
            if folder.is_dir():
                for entry in sorted(folder.iterdir()):
                    if entry.name.lower() != "desktop.ini":
                        rows.append(StartupRow(entry.stem, str(entry), str(folder)))
        return rows

    def software(self) -> list[SoftwareRow]:
        if sys.platform != "win32":
            raise ProviderError("the registry is read on Windows only")
        import winreg

        found: dict[tuple[str, str], SoftwareRow] = {}
        for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
            for key_path in (UNINSTALL_KEY, UNINSTALL_KEY_32):
                try:
                    key = winreg.OpenKey(hive, key_path)
                except OSError:
                    continue
                with key:
                    count = winreg.QueryInfoKey(key)[0]
                    for index in range(count):
                        try:
                            with winreg.OpenKey(key, winreg.EnumKey(key, index)) as entry:
                                values = {}
                                for wanted in ("DisplayName", "DisplayVersion", "Publisher"):
                                    try:
                                        values[wanted] = str(winreg.QueryValueEx(entry, wanted)[0])
                                    except OSError:
                                        values[wanted] = ""
                        except OSError:
                            continue
                        if values["DisplayName"]:
                            row = SoftwareRow(
                                values["DisplayName"],
                                values["DisplayVersion"],
                                values["Publisher"],
                            )
                            found[(row.name, row.version)] = row
        return sorted(found.values(), key=lambda row: row.name.lower())

    def displays(self) -> list[DisplayRow]:
        return [
            DisplayRow(
                _text(item, "Name"),
                f"{_text(item, 'CurrentHorizontalResolution')}x"
                f"{_text(item, 'CurrentVerticalResolution')}",
                None,
                _text(item, "VideoProcessor"),
            )
            for item in cim(
                "Win32_VideoController",
                "Name,CurrentHorizontalResolution,CurrentVerticalResolution,VideoProcessor",
            )
        ]

    def printers(self) -> list[PrinterRow]:
        states = {3: "idle", 4: "printing", 5: "warming up", 7: "offline"}
        return [
            PrinterRow(
                _text(item, "Name"),
                states.get(int(item.get("PrinterStatus") or 0), ""),
                bool(item.get("Default")),
                _text(item, "PortName"),
            )
            for item in cim("Win32_Printer", "Name,PrinterStatus,Default,PortName")
        ]
