"""The one interface every operating system's provider meets, and what they share: psutil for
what it reads the same everywhere, and running a program with a time limit."""

from __future__ import annotations

import getpass
import os
import platform
import socket
import subprocess
import time
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import psutil

from shared.features.sysinfo.rows import (
    AdapterRow,
    DiskRow,
    DisplayRow,
    Pair,
    PrinterRow,
    ProcessRow,
    ServiceRow,
    SoftwareRow,
    StartupRow,
    size_text,
)

# A program a provider runs (systemctl, lsblk, PowerShell, system_profiler) gets this long: the
# slowest usual one (system_profiler's applications, PowerShell's first start) takes a few
# seconds; past this it is killed and the category says it timed out.
COMMAND_TIMEOUT_S = 20.0
# The time over which each process's CPU share is measured (on the provider's thread).
CPU_SAMPLE_S = 0.5
# Output of one such program kept: a package list of tens of thousands of lines fits.
MAX_COMMAND_OUTPUT_BYTES = 16 * 1024 * 1024


class ProviderError(RuntimeError):
    """A category cannot be read here; the message (English, short) goes in its one row."""


class SystemProvider(Protocol):
    """One method per category, each returning that category's typed rows. A method may take
    seconds (it runs on a thread of its own, with a time limit) and raises when it cannot
    read its category; the collector turns that into a row saying so."""

    def overview(self) -> list[Pair]: ...
    def system(self) -> list[Pair]: ...
    def processor(self) -> list[Pair]: ...
    def memory(self) -> list[Pair]: ...
    def disks(self) -> list[DiskRow]: ...
    def network(self) -> list[AdapterRow]: ...
    def processes(self) -> list[ProcessRow]: ...
    def services(self) -> list[ServiceRow]: ...
    def startup(self) -> list[StartupRow]: ...
    def software(self) -> list[SoftwareRow]: ...
    def displays(self) -> list[DisplayRow]: ...
    def printers(self) -> list[PrinterRow]: ...


def run(command: Sequence[str], timeout: float = COMMAND_TIMEOUT_S) -> str:
    """``command``'s standard output as text; ProviderError if it is missing, fails or runs
    past ``timeout`` (it is killed then)."""
    try:
        done = subprocess.run(  # a fixed argument list, never a shell
            list(command),
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise ProviderError(f"{command[0]} is not installed") from None
    except subprocess.TimeoutExpired:
        raise ProviderError(f"{command[0]} did not answer within {timeout:.0f} s") from None
    except OSError as exc:
        raise ProviderError(f"{command[0]} could not run: {exc.strerror}") from None
    if done.returncode != 0:
        first = done.stderr.decode(errors="replace").strip().splitlines()[:1]
        raise ProviderError(f"{command[0]} failed: {first[0] if first else done.returncode}")
    return done.stdout[:MAX_COMMAND_OUTPUT_BYTES].decode(errors="replace")


def uptime_text(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return f"{days} d {hours} h {minutes} min" if days else f"{hours} h {minutes} min"


class PsutilProvider:
    """What psutil reads the same way on every system; each OS's provider adds the rest."""

    def os_name(self) -> str:
        return f"{platform.system()} {platform.release()}"

    def cpu_model(self) -> str:
        return platform.processor() or platform.machine()

    def overview(self) -> list[Pair]:
        memory = psutil.virtual_memory()
        boot = psutil.boot_time()
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no name for this uid (a container, say)
            user = str(os.getuid()) if hasattr(os, "getuid") else ""
        return [
            Pair("Computer name", socket.gethostname()),
            Pair("Operating system", self.os_name()),
            Pair("User", user),
            Pair("Processor", self.cpu_model()),
            Pair("Logical processors", str(psutil.cpu_count(logical=True) or "")),
            Pair("Total memory", size_text(memory.total)),
            Pair("Available memory", size_text(memory.available)),
            Pair("Started", datetime.fromtimestamp(boot).isoformat(sep=" ", timespec="minutes")),
            Pair("Up for", uptime_text(time.time() - boot)),
        ]

    def system(self) -> list[Pair]:
        uname = platform.uname()
        return [
            Pair("Operating system", self.os_name()),
            Pair("Kernel", f"{uname.system} {uname.release}"),
            Pair("Build", uname.version),
            Pair("Architecture", uname.machine),
            Pair("Computer name", uname.node),
        ]

    def processor(self) -> list[Pair]:
        rows = [
            Pair("Model", self.cpu_model()),
            Pair("Architecture", platform.machine()),
            Pair("Physical cores", str(psutil.cpu_count(logical=False) or "")),
            Pair("Logical processors", str(psutil.cpu_count(logical=True) or "")),
        ]
        frequency = psutil.cpu_freq()
        if frequency is not None and frequency.current:
            rows.append(Pair("Frequency", f"{frequency.current:.0f} MHz"))
            if frequency.max:
                rows.append(Pair("Highest frequency", f"{frequency.max:.0f} MHz"))
        rows.append(Pair("Load", f"{psutil.cpu_percent(interval=0.2):.0f} %"))
        if hasattr(os, "getloadavg"):
            rows.append(Pair("Load average", " ".join(f"{v:.2f}" for v in os.getloadavg())))
        return rows

    def memory(self) -> list[Pair]:
        memory, swap = psutil.virtual_memory(), psutil.swap_memory()
        return [
            Pair("Total", size_text(memory.total)),
            Pair("Available", size_text(memory.available)),
            Pair("Used", size_text(memory.total - memory.available)),
            Pair("In use", f"{memory.percent:.0f} %"),
            Pair("Swap total", size_text(swap.total)),
            Pair("Swap used", size_text(swap.used)),
        ]

    def disks(self) -> list[DiskRow]:
        rows = []
        for part in psutil.disk_partitions(all=False):
            size: int | None = None
            used: int | None = None
            free: int | None = None
            try:
                usage = psutil.disk_usage(part.mountpoint)
                size, used, free = usage.total, usage.used, usage.free
            except OSError:  # an empty card reader, a drive that went away
                pass
            rows.append(
                DiskRow(
                    part.device,
                    "volume",
                    size=size,
                    mount=part.mountpoint,
                    filesystem=part.fstype,
                    used=used,
                    free=free,
                )
            )
        return rows

    def network(self) -> list[AdapterRow]:
        stats = psutil.net_if_stats()
        rows = []
        for name, addresses in sorted(psutil.net_if_addrs().items()):
            mac = ""
            found: list[str] = []
            for address in addresses:
                if address.family == psutil.AF_LINK:
                    mac = address.address
                elif address.family in (socket.AF_INET, socket.AF_INET6):
                    found.append(address.address)
            stat = stats.get(name)
            rows.append(
                AdapterRow(
                    name,
                    stat.isup if stat else None,
                    stat.speed if stat else 0,
                    mac,
                    tuple(found),
                )
            )
        return rows

    def processes(self) -> list[ProcessRow]:
        rows = []
        # A process's CPU share is measured between two looks: the first only starts the clock
        # (psutil keeps the process objects between the two passes).
        for _process in psutil.process_iter(["cpu_percent"]):
            pass
        time.sleep(CPU_SAMPLE_S)
        wanted = ["pid", "name", "username", "cpu_percent", "memory_info", "status", "cmdline"]
        for process in psutil.process_iter(wanted):
            info = process.info
            memory = info.get("memory_info")
            command = info.get("cmdline") or []
            rows.append(
                ProcessRow(
                    info["pid"],
                    info.get("name") or "",
                    info.get("username") or "",
                    info.get("cpu_percent"),
                    memory.rss if memory is not None else None,
                    info.get("status") or "",
                    " ".join(command),
                )
            )
        rows.sort(key=lambda row: row.pid)
        return rows
