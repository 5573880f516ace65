"""System information's words on screen, in the text file and on paper: category and column
names, the providers' property names, and why a collection ended. Written out as
translate("Sysinfo", "…") calls so that lupdate collects them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from shared.features.sysinfo.protocol import Category, Column, Refusal

translate = QCoreApplication.translate

_CATEGORIES: dict[Category, Callable[[], str]] = {
    Category.OVERVIEW: lambda: translate("Sysinfo", "Overview"),
    Category.SYSTEM: lambda: translate("Sysinfo", "Operating system"),
    Category.PROCESSOR: lambda: translate("Sysinfo", "Processor"),
    Category.MEMORY: lambda: translate("Sysinfo", "Memory"),
    Category.DISKS: lambda: translate("Sysinfo", "Disks"),
    Category.NETWORK: lambda: translate("Sysinfo", "Network adapters"),
    Category.PROCESSES: lambda: translate("Sysinfo", "Processes"),
    Category.SERVICES: lambda: translate("Sysinfo", "Services"),
    Category.STARTUP: lambda: translate("Sysinfo", "Startup programs"),
    Category.SOFTWARE: lambda: translate("Sysinfo", "Installed software"),
    Category.DISPLAYS: lambda: translate("Sysinfo", "Displays"),
    Category.PRINTERS: lambda: translate("Sysinfo", "Printers"),
}

_COLUMNS: dict[Column, Callable[[], str]] = {
    Column.PROPERTY: lambda: translate("Sysinfo", "Property"),
    Column.VALUE: lambda: translate("Sysinfo", "Value"),
    Column.NAME: lambda: translate("Sysinfo", "Name"),
    Column.PID: lambda: translate("Sysinfo", "PID"),
    Column.USER: lambda: translate("Sysinfo", "User"),
    Column.CPU: lambda: translate("Sysinfo", "CPU"),
    Column.MEMORY: lambda: translate("Sysinfo", "Memory"),
    Column.STATE: lambda: translate("Sysinfo", "State"),
    Column.COMMAND: lambda: translate("Sysinfo", "Command"),
    Column.DEVICE: lambda: translate("Sysinfo", "Device"),
    Column.KIND: lambda: translate("Sysinfo", "Type"),
    Column.MODEL: lambda: translate("Sysinfo", "Model"),
    Column.SIZE: lambda: translate("Sysinfo", "Size"),
    Column.MOUNT: lambda: translate("Sysinfo", "Mounted on"),
    Column.FILESYSTEM: lambda: translate("Sysinfo", "File system"),
    Column.USED: lambda: translate("Sysinfo", "Used"),
    Column.FREE: lambda: translate("Sysinfo", "Free"),
    Column.ADDRESSES: lambda: translate("Sysinfo", "Addresses"),
    Column.MAC: lambda: translate("Sysinfo", "MAC address"),
    Column.SPEED: lambda: translate("Sysinfo", "Speed"),
    Column.DESCRIPTION: lambda: translate("Sysinfo", "Description"),
    Column.START: lambda: translate("Sysinfo", "Start"),
    Column.LOCATION: lambda: translate("Sysinfo", "Location"),
    Column.VERSION: lambda: translate("Sysinfo", "Version"),
    Column.PUBLISHER: lambda: translate("Sysinfo", "Publisher"),
    Column.RESOLUTION: lambda: translate("Sysinfo", "Resolution"),
    Column.PRIMARY: lambda: translate("Sysinfo", "Primary"),
    Column.DEFAULT: lambda: translate("Sysinfo", "Default"),
    Column.NOTE: lambda: translate("Sysinfo", "Note"),
}

# The property names the providers send (English on the wire, whatever the customer's
# language): shown in the agent's. A name not listed here is shown as it came.
_PROPERTIES: dict[str, Callable[[], str]] = {
    "Computer name": lambda: translate("Sysinfo", "Computer name"),
    "Operating system": lambda: translate("Sysinfo", "Operating system"),
    "User": lambda: translate("Sysinfo", "User"),
    "Processor": lambda: translate("Sysinfo", "Processor"),
    "Logical processors": lambda: translate("Sysinfo", "Logical processors"),
    "Physical cores": lambda: translate("Sysinfo", "Physical cores"),
    "Total memory": lambda: translate("Sysinfo", "Total memory"),
    "Available memory": lambda: translate("Sysinfo", "Available memory"),
    "Started": lambda: translate("Sysinfo", "Started"),
    "Up for": lambda: translate("Sysinfo", "Up for"),
    "Kernel": lambda: translate("Sysinfo", "Kernel"),
    "Build": lambda: translate("Sysinfo", "Build"),
    "Build number": lambda: translate("Sysinfo", "Build number"),
    "Architecture": lambda: translate("Sysinfo", "Architecture"),
    "Version": lambda: translate("Sysinfo", "Version"),
    "Manufacturer": lambda: translate("Sysinfo", "Manufacturer"),
    "Model": lambda: translate("Sysinfo", "Model"),
    "Firmware version": lambda: translate("Sysinfo", "Firmware version"),
    "Serial number": lambda: translate("Sysinfo", "Serial number"),
    "Desktop": lambda: translate("Sysinfo", "Desktop"),
    "Session type": lambda: translate("Sysinfo", "Session type"),
    "Installed": lambda: translate("Sysinfo", "Installed"),
    "Domain": lambda: translate("Sysinfo", "Domain"),
    "Startup disk": lambda: translate("Sysinfo", "Startup disk"),
    "Secure virtual memory": lambda: translate("Sysinfo", "Secure virtual memory"),
    "Frequency": lambda: translate("Sysinfo", "Frequency"),
    "Highest frequency": lambda: translate("Sysinfo", "Highest frequency"),
    "Load": lambda: translate("Sysinfo", "Load"),
    "Load average": lambda: translate("Sysinfo", "Load average"),
    "Total": lambda: translate("Sysinfo", "Total"),
    "Available": lambda: translate("Sysinfo", "Available"),
    "Used": lambda: translate("Sysinfo", "Used"),
    "In use": lambda: translate("Sysinfo", "In use"),
    "Swap total": lambda: translate("Sysinfo", "Swap total"),
    "Swap used": lambda: translate("Sysinfo", "Swap used"),
}


def category_name(category: Category) -> str:
    return _CATEGORIES[category]()


def column_name(column: Column) -> str:
    return _COLUMNS[column]()


def property_name(name: str) -> str:
    found = _PROPERTIES.get(name)
    return found() if found is not None else name


def cells_shown(columns: tuple[Column, ...], cells: tuple[str, ...]) -> tuple[str, ...]:
    """A row as shown: a property's name in the agent's language."""
    if columns and columns[0] == Column.PROPERTY and cells:
        return (property_name(cells[0]), *cells[1:])
    return cells


def failed_text(why: str) -> str:
    return translate("Sysinfo", "Could not be read on the customer's computer: {why}").format(
        why=why
    )


def nothing_text() -> str:
    return translate("Sysinfo", "Nothing found.")


def stopped_text(reason: str, detail: str = "") -> str:
    """Why a collection ended with nothing new to show."""
    match reason:
        case Refusal.DECLINED:
            return translate("Sysinfo", "The customer did not allow it.")
        case Refusal.BUSY:
            return translate(
                "Sysinfo", "The customer's computer is still collecting; try again in a moment."
            )
        case Refusal.TOO_OFTEN:
            return translate("Sysinfo", "Asked too often; try again in a minute.")
        case Refusal.NOT_ALLOWED:
            return translate("Sysinfo", "Only the agent in charge of the session may ask.")
        case "link_lost":
            return translate("Sysinfo", "The connection to the customer was lost.")
        case "broken":
            return translate(
                "Sysinfo", "The customer's computer sent data that breaks the rules; stopped."
            )
        case _:
            return translate("Sysinfo", "The customer's computer could not collect it.")
