"""The temporary printer with CUPS (Linux; macOS the same, see macos.py): ``lpadmin`` adds a
queue whose device is ``socket://127.0.0.1:<port>`` (the client listens there) and whose PPD
says the printer takes PDF as it is. CUPS turns whatever an application prints (PDF from every
GTK and Qt program, PostScript, text) into PDF with its filters (pdftopdf, texttopdf, …) and the
socket backend hands that PDF to us.

Why a PPD and not a raw queue: a raw queue passes the application's bytes untouched, so a job
printed as text or PostScript would reach us as such and be refused as not a PDF. PPDs
("printer drivers") are deprecated in CUPS 2.4 (lpadmin warns) but work; when they go, the way
is a local IPP Everywhere printer application (PAPPL) announcing application/pdf."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile

from shared.features.printing.system import QUEUE_PREFIX, PrinterError, Unsupported

# lpadmin and lpstat answer at once from the local scheduler; past this it is hung.
COMMAND_TIMEOUT_S = 20.0

# A PDF printer: ``application/vnd.cups-pdf`` (what pdftopdf makes) goes to the device with no
# further filter ("-"), A4 and Letter.
PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "TANDEM.PPD"
*Manufacturer: "Tandem"
*Product: "(Tandem)"
*ModelName: "Tandem PDF"
*ShortNickName: "Tandem PDF"
*NickName: "Tandem PDF"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Page Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]/ImagingBBox null>>setpagedevice"
*PageSize Letter/US Letter: "<</PageSize[612 792]/ImagingBBox null>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]/ImagingBBox null>>setpagedevice"
*PageRegion Letter/US Letter: "<</PageSize[612 792]/ImagingBBox null>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*ImageableArea Letter/US Letter: "0 0 612 792"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*PaperDimension Letter/US Letter: "612 792"
"""


def _c_locale() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}


class CupsPrinters:
    def __init__(self, lpadmin: tuple[str, ...] = ("lpadmin",)) -> None:
        # The command that adds and removes printers (the tests run it as another user to see
        # the refusal a customer without rights gets).
        self.lpadmin = lpadmin

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                args,
                capture_output=True,
                text=True,
                timeout=COMMAND_TIMEOUT_S,
                env=_c_locale(),
                check=False,
            )
        except FileNotFoundError as exc:
            raise Unsupported(f"{args[0]} is not installed (CUPS)") from exc
        except subprocess.TimeoutExpired as exc:
            raise PrinterError(f"{args[0]} did not answer") from exc

    def add(self, queue: str, description: str, port: int) -> None:
        if not queue.startswith(QUEUE_PREFIX):
            raise ValueError("not one of our queue names")
        with tempfile.NamedTemporaryFile("w", suffix=".ppd", encoding="ascii") as ppd:
            ppd.write(PPD)
            ppd.flush()
            os.chmod(ppd.name, 0o644)  # cupsd copies it: it must read it
            done = self._run(
                *self.lpadmin,
                "-p",
                queue,
                "-E",
                "-v",
                f"socket://127.0.0.1:{port}",
                "-P",
                ppd.name,
                "-D",
                description,
                "-L",
                "Tandem",
                "-o",
                "printer-is-shared=false",
                "-o",
                "printer-error-policy=abort-job",  # a refused job is not retried for ever
            )
        if done.returncode != 0:
            said = " ".join(done.stderr.split()) or f"lpadmin exited with {done.returncode}"
            raise PrinterError(said)

    def remove(self, queue: str) -> None:
        if not queue.startswith(QUEUE_PREFIX):
            return
        with contextlib.suppress(PrinterError):
            self._run(*self.lpadmin, "-x", queue)

    def queues(self) -> list[str]:
        try:
            done = self._run("lpstat", "-v")
        except PrinterError:
            return []
        found = []
        for line in done.stdout.splitlines():
            # "device for Tandem-123-ab12cd34: socket://127.0.0.1:40000"
            if line.startswith("device for "):
                name = line[len("device for ") :].split(":", 1)[0]
                if name.startswith(QUEUE_PREFIX):
                    found.append(name)
        return found
