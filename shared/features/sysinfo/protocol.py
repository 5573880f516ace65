"""System information's peer messages: the agent asks, the customer's side answers with the
categories' tables a page at a time (each page one control message), then says it is done; or
it refuses, saying why.

Every string is bounded and one line of printable text; the receiving side also counts rows and
bytes over a whole collection (engine.py), so a modified client cannot fill the agent's memory.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from shared.protocol.limits import MAX_REASON_CHARS
from shared.protocol.messages import MessageId, PeerMessage, printable_line

NAME = "sysinfo"


class Category(StrEnum):
    """The window's list, in its order."""

    OVERVIEW = "overview"
    SYSTEM = "system"  # the operating system
    PROCESSOR = "processor"
    MEMORY = "memory"
    DISKS = "disks"
    NETWORK = "network"
    PROCESSES = "processes"
    SERVICES = "services"
    STARTUP = "startup"
    SOFTWARE = "software"
    DISPLAYS = "displays"
    PRINTERS = "printers"


class Column(StrEnum):
    """Column headings travel as these words and are translated where they are shown, so the
    agent reads them in their own language whatever the customer's is."""

    PROPERTY = "property"
    VALUE = "value"
    NAME = "name"
    PID = "pid"
    USER = "user"
    CPU = "cpu"
    MEMORY = "memory"
    STATE = "state"
    COMMAND = "command"
    DEVICE = "device"
    KIND = "kind"
    MODEL = "model"
    SIZE = "size"
    MOUNT = "mount"
    FILESYSTEM = "filesystem"
    USED = "used"
    FREE = "free"
    ADDRESSES = "addresses"
    MAC = "mac"
    SPEED = "speed"
    DESCRIPTION = "description"
    START = "start"
    LOCATION = "location"
    VERSION = "version"
    PUBLISHER = "publisher"
    RESOLUTION = "resolution"
    PRIMARY = "primary"
    DEFAULT = "default"
    NOTE = "note"  # the one row of a category that could not be read


# A cell: a process's command line is the longest thing commonly shown; past this it is cut
# (with "…") on the customer's side, and refused here.
MAX_CELL_CHARS = 300
# Columns of the widest table (processes: 7).
MAX_COLUMNS = 8
# Rows of one category: a machine with thousands of packages or processes is common, beyond
# this the list is cut on the customer's side with a row saying how many were left out.
MAX_CATEGORY_ROWS = 5000
# Rows in one page: a page must fit a peer message; the sender also stops a page early
# by its encoded size, this bound only caps what a receiver may be handed at once.
MAX_PAGE_ROWS = 400

Cell = Annotated[str, StringConstraints(max_length=MAX_CELL_CHARS), AfterValidator(printable_line)]
Row = Annotated[list[Cell], Field(min_length=1, max_length=MAX_COLUMNS)]
Reason = Annotated[str, StringConstraints(max_length=MAX_REASON_CHARS)]


class SysinfoRequest(PeerMessage):
    """Agent to customer: collect these categories (the customer is asked first)."""

    type: Literal["sysinfo.request"] = "sysinfo.request"
    id: MessageId
    categories: list[Category] = Field(min_length=1, max_length=len(Category))


class SysinfoPage(PeerMessage):
    """Customer to agent: rows ``first``… of one category's table; ``failed`` when the
    category could not be read (its one row says why)."""

    type: Literal["sysinfo.page"] = "sysinfo.page"
    id: MessageId
    category: Category
    columns: list[Column] = Field(min_length=1, max_length=MAX_COLUMNS)
    first: int = Field(ge=0, le=MAX_CATEGORY_ROWS, strict=True)
    rows: list[Row] = Field(max_length=MAX_PAGE_ROWS)
    last: bool = False  # the category's last page
    failed: bool = False


class SysinfoDone(PeerMessage):
    """Customer to agent: every category asked was sent."""

    type: Literal["sysinfo.done"] = "sysinfo.done"
    id: MessageId


class SysinfoRefused(PeerMessage):
    """Customer to agent: nothing will be sent for this request, and why (``Refusal``)."""

    type: Literal["sysinfo.refused"] = "sysinfo.refused"
    id: MessageId
    reason: Reason


class Refusal(StrEnum):
    """Why a request got nothing; the agent's window words each."""

    DECLINED = "declined"  # the customer said no (or closed the question)
    BUSY = "busy"  # a collection is running for this session already
    TOO_OFTEN = "too_often"  # more requests than the rate limit allows
    NOT_ALLOWED = "not_allowed"  # not an agent, or not the agent in charge
    FAILED = "failed"  # the customer's side could not collect


SYSINFO_MESSAGES: tuple[type[PeerMessage], ...] = (
    SysinfoRequest,
    SysinfoPage,
    SysinfoDone,
    SysinfoRefused,
)
