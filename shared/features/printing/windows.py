"""Windows: not written yet; what it needs, behind the same interface (system.TempPrinters):

- Port: a "Standard TCP/IP Port" to 127.0.0.1:<port> in RAW mode (``Add-PrinterPort -Name
  Tandem-<pid>-<id> -PrinterHostAddress 127.0.0.1 -PortNumber <port>``), which needs an
  administrator; without one, a per-user virtual port is not possible either, so the customer
  is told as on Linux.
- Driver: "Microsoft Print to PDF" writes PDF to a file port only; for a TCP port the
  "Microsoft XPS Document Writer v4" driver sends XPS, which the client turns into PDF before
  sending (the agent's side takes PDF only). The other way, with no admin right: install a
  print processor is impossible, so the choice is XPS→PDF in the client (a small converter
  such as MuPDF's ``mutool convert``, shipped with the client).
- Printer: ``Add-Printer -Name Tandem-<pid>-<id> -DriverName <driver> -PortName <port>`` with
  the customer's words as its comment/location; ``Remove-Printer`` and ``Remove-PrinterPort``
  at the end; ``Get-Printer -Name Tandem-*`` for the leftovers of a crash.
"""

from __future__ import annotations

from shared.features.printing.system import Unsupported


class WindowsPrinters:
    def add(self, queue: str, description: str, port: int) -> None:
        raise Unsupported("a temporary printer is not available on Windows yet")

    def remove(self, queue: str) -> None:
        pass

    def queues(self) -> list[str]:
        return []
