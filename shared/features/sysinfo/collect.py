"""Collecting categories on the customer's machine: each provider call on a thread of its own
(never on the session's event loop), each with a time limit; a call that fails or runs past it
gives its category one row saying so, and the others go on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from shared.features.sysinfo.protocol import MAX_CATEGORY_ROWS, Category, Column
from shared.features.sysinfo.providers.base import ProviderError, SystemProvider
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
    Table,
    TypedRow,
)

log = logging.getLogger(__name__)

# One provider call (a category): longer than a program's own limit (base.COMMAND_TIMEOUT_S),
# since a call may run two (systemctl's units, then its unit files).
PROVIDER_TIMEOUT_S = 45.0

Reader = Callable[[SystemProvider], Sequence[TypedRow]]

READERS: dict[Category, tuple[tuple[Column, ...], Reader]] = {
    Category.OVERVIEW: (Pair.COLUMNS, lambda p: p.overview()),
    Category.SYSTEM: (Pair.COLUMNS, lambda p: p.system()),
    Category.PROCESSOR: (Pair.COLUMNS, lambda p: p.processor()),
    Category.MEMORY: (Pair.COLUMNS, lambda p: p.memory()),
    Category.DISKS: (DiskRow.COLUMNS, lambda p: p.disks()),
    Category.NETWORK: (AdapterRow.COLUMNS, lambda p: p.network()),
    Category.PROCESSES: (ProcessRow.COLUMNS, lambda p: p.processes()),
    Category.SERVICES: (ServiceRow.COLUMNS, lambda p: p.services()),
    Category.STARTUP: (StartupRow.COLUMNS, lambda p: p.startup()),
    Category.SOFTWARE: (SoftwareRow.COLUMNS, lambda p: p.software()),
    Category.DISPLAYS: (DisplayRow.COLUMNS, lambda p: p.displays()),
    Category.PRINTERS: (PrinterRow.COLUMNS, lambda p: p.printers()),
}


def read(provider: SystemProvider, category: Category) -> Table:
    """One category, on the calling thread; never raises."""
    columns, reader = READERS[category]
    try:
        rows = list(reader(provider))
    except ProviderError as exc:
        return Table.failure(str(exc))
    except Exception as exc:  # a provider's bug must not end the feature: its row says so
        log.exception("reading %s failed", category)
        return Table.failure(f"{type(exc).__name__}: {exc}")
    return Table.of(columns, rows, MAX_CATEGORY_ROWS)


async def collect_one(
    provider: SystemProvider, category: Category, timeout: float = PROVIDER_TIMEOUT_S
) -> Table:
    try:
        return await asyncio.wait_for(asyncio.to_thread(read, provider, category), timeout)
    except TimeoutError:
        # The thread is left to finish (a thread cannot be killed; the programs it runs have
        # their own limit); its answer is dropped.
        return Table.failure(f"no answer within {timeout:.0f} s")


async def collect(
    provider: SystemProvider,
    categories: Sequence[Category],
    timeout: float = PROVIDER_TIMEOUT_S,
) -> dict[Category, Table]:
    """Every category asked, at the same time, in the order asked."""
    tables = await asyncio.gather(*(collect_one(provider, c, timeout) for c in categories))
    return dict(zip(categories, tables, strict=True))
