"""What providers return: typed rows, one kind per category, each turned into a table of text
cells (``Table``) for the wire, the window, the text file and the printout."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from shared.features.sysinfo.protocol import MAX_CELL_CHARS, Column


def size_text(count: int | float | None) -> str:
    """Bytes as people read them ("7.6 GiB"); "" when unknown."""
    if count is None or count < 0:
        return ""
    value = float(count)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return ""


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def clean(value: object) -> str:
    """One cell: one line of printable text, at most MAX_CELL_CHARS (cut with "…")."""
    text = "" if value is None else str(value)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else " " for c in text)
    text = " ".join(text.split())
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


class TypedRow:
    """A row of one category: its columns, and its cells in their order."""

    COLUMNS: ClassVar[tuple[Column, ...]]

    def cells(self) -> tuple[str, ...]:
        raise NotImplementedError


@dataclass(frozen=True)
class Pair(TypedRow):
    """A key/value line (overview, operating system, processor, memory)."""

    COLUMNS: ClassVar[tuple[Column, ...]] = (Column.PROPERTY, Column.VALUE)
    key: str
    value: str

    def cells(self) -> tuple[str, ...]:
        return (self.key, self.value)


@dataclass(frozen=True)
class DiskRow(TypedRow):
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column.DEVICE,
        Column.KIND,
        Column.MODEL,
        Column.SIZE,
        Column.MOUNT,
        Column.FILESYSTEM,
        Column.USED,
        Column.FREE,
    )
    device: str
    kind: str  # "disk", "partition", "volume"…
    model: str = ""
    size: int | None = None
    mount: str = ""
    filesystem: str = ""
    used: int | None = None
    free: int | None = None

    def cells(self) -> tuple[str, ...]:
        return (
            self.device,
            self.kind,
            self.model,
            size_text(self.size),
            self.mount,
            self.filesystem,
            size_text(self.used),
            size_text(self.free),
        )


@dataclass(frozen=True)
class AdapterRow(TypedRow):
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column.NAME,
        Column.STATE,
        Column.SPEED,
        Column.MAC,
        Column.ADDRESSES,
    )
    name: str
    up: bool | None
    speed_mbps: int = 0
    mac: str = ""
    addresses: tuple[str, ...] = ()

    def cells(self) -> tuple[str, ...]:
        state = "" if self.up is None else ("up" if self.up else "down")
        speed = f"{self.speed_mbps} Mb/s" if self.speed_mbps > 0 else ""
        return (self.name, state, speed, self.mac, ", ".join(self.addresses))


@dataclass(frozen=True)
class ProcessRow(TypedRow):
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column.PID,
        Column.NAME,
        Column.USER,
        Column.CPU,
        Column.MEMORY,
        Column.STATE,
        Column.COMMAND,
    )
    pid: int
    name: str
    user: str = ""
    cpu_percent: float | None = None
    memory: int | None = None
    state: str = ""
    command: str = ""

    def cells(self) -> tuple[str, ...]:
        cpu = "" if self.cpu_percent is None else f"{self.cpu_percent:.1f} %"
        return (
            str(self.pid),
            self.name,
            self.user,
            cpu,
            size_text(self.memory),
            self.state,
            self.command,
        )


@dataclass(frozen=True)
class ServiceRow(TypedRow):
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column.NAME,
        Column.DESCRIPTION,
        Column.STATE,
        Column.START,
    )
    name: str
    description: str = ""
    state: str = ""  # running, stopped…
    start: str = ""  # enabled, disabled, auto, manual…

    def cells(self) -> tuple[str, ...]:
        return (self.name, self.description, self.state, self.start)


@dataclass(frozen=True)
class StartupRow(TypedRow):
    COLUMNS: ClassVar[tuple[Column, ...]] = (Column.NAME, Column.COMMAND, Column.LOCATION)
    name: str
    command: str
    location: str

    def cells(self) -> tuple[str, ...]:
        return (self.name, self.command, self.location)


@dataclass(frozen=True)
class SoftwareRow(TypedRow):
    COLUMNS: ClassVar[tuple[Column, ...]] = (Column.NAME, Column.VERSION, Column.PUBLISHER)
    name: str
    version: str = ""
    publisher: str = ""

    def cells(self) -> tuple[str, ...]:
        return (self.name, self.version, self.publisher)


@dataclass(frozen=True)
class DisplayRow(TypedRow):
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column.NAME,
        Column.RESOLUTION,
        Column.PRIMARY,
        Column.DESCRIPTION,
    )
    name: str
    resolution: str = ""
    primary: bool | None = None
    description: str = ""

    def cells(self) -> tuple[str, ...]:
        return (self.name, self.resolution, yes_no(self.primary), self.description)


@dataclass(frozen=True)
class PrinterRow(TypedRow):
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column.NAME,
        Column.STATE,
        Column.DEFAULT,
        Column.LOCATION,
    )
    name: str
    state: str = ""
    default: bool | None = None
    location: str = ""

    def cells(self) -> tuple[str, ...]:
        return (self.name, self.state, yes_no(self.default), self.location)


@dataclass
class Table:
    """One category as it travels and is shown: column words and rows of text."""

    columns: tuple[Column, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    failed: bool = False  # could not be read: the one row says why

    @classmethod
    def of(cls, columns: tuple[Column, ...], rows: list[TypedRow], limit: int) -> Table:
        """Cells cleaned; past ``limit`` rows, the rest is summed up in the last row."""
        kept = rows[:limit] if len(rows) <= limit else rows[: limit - 1]
        table = cls(columns, [tuple(clean(c) for c in row.cells()) for row in kept])
        if len(rows) > limit:
            more = (f"… {len(rows) - len(kept)} more not shown",)
            table.rows.append(more + ("",) * (len(columns) - 1))
        return table

    def pairs(self) -> dict[str, str]:
        """A key/value table's rows by key."""
        return {row[0]: row[1] for row in self.rows if len(row) >= 2}

    @classmethod
    def failure(cls, why: str) -> Table:
        return cls((Column.NOTE,), [(clean(why),)], failed=True)
