"""The temporary printer on the customer's computer, behind one small interface: add a queue
whose jobs go to a loopback port we listen on, remove it, and find the ones a crashed client
left. One implementation per system, picked by ``temp_printers()``; no Qt here.

- Linux: CUPS (``cups.py``, the one run here).
- macOS: CUPS too, the same lpadmin calls (``macos.py`` says what differs).
- Windows: a local port and a PDF driver (``windows.py`` says how; not written yet).
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from typing import Protocol

# Every temporary printer's name starts so; the client's process id follows, so that the next
# start finds the printers of a client that is gone (``leftovers``).
QUEUE_PREFIX = "Tandem-"
_QUEUE = re.compile(rf"^{QUEUE_PREFIX}(\d+)-[0-9a-f]+$")


class PrinterError(RuntimeError):
    """The system would not add the printer; the message is its own words (lpadmin's)."""


class Unsupported(PrinterError):
    """No temporary printer on this system (yet)."""


class TempPrinters(Protocol):
    def add(self, queue: str, description: str, port: int) -> None:
        """A printer ``queue`` that the customer sees as ``description``, sending each job as
        PDF to 127.0.0.1:``port``. PrinterError when the system refuses."""
        ...

    def remove(self, queue: str) -> None:
        """Remove ``queue`` if it is there (never raises: called on every way out)."""
        ...

    def queues(self) -> list[str]:
        """Our temporary printers on this computer, by queue name."""
        ...


def new_queue_name() -> str:
    return f"{QUEUE_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"


def owner_pid(queue: str) -> int | None:
    found = _QUEUE.match(queue)
    return int(found.group(1)) if found else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def remove_leftovers(printers: TempPrinters) -> list[str]:
    """Remove the temporary printers whose client is gone (it crashed or was killed); the
    printers of clients still running (another session on this computer) stay."""
    removed = []
    for queue in printers.queues():
        pid = owner_pid(queue)
        if pid is not None and pid != os.getpid() and not _alive(pid):
            printers.remove(queue)
            removed.append(queue)
    return removed


def temp_printers() -> TempPrinters:
    if sys.platform == "win32":
        from shared.features.printing.windows import WindowsPrinters

        return WindowsPrinters()
    from shared.features.printing.cups import CupsPrinters

    return CupsPrinters()
