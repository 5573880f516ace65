"""A private Xvfb for the test run, and real X input (XTEST through xdotool) into its windows."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QWidget

SCREEN = "1920x1080x24"


def start_xvfb() -> XServer:
    """Start Xvfb on a free display number; set DISPLAY; return the server."""
    server = start_display(SCREEN)
    os.environ["DISPLAY"] = server.display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return server


# How long Xvfb may take to say which display it got: far more than it needs, even on a loaded
# machine; past it the run stops with Xvfb's own words rather than waiting for ever.
XVFB_START_TIMEOUT_S = 60.0
# Local clients only, anyone of them (a private server), no reset: see start_display.
XVFB_OPTIONS = ("-nolisten", "tcp", "-ac", "-noreset")
XVFB_LOG_TAIL = 2000  # characters of Xvfb's standard error shown when it fails


@dataclass
class XServer:
    """A running Xvfb: its process, DISPLAY name, and the file its standard error goes to."""

    process: subprocess.Popen[bytes]
    display: str
    log: Path
    own_log: bool = False  # a scratch file of start_display's, removed with the server

    def said(self) -> str:
        return self.log.read_text(errors="replace")[-XVFB_LOG_TAIL:]

    def check(self) -> None:
        """Raise, with Xvfb's own words, if the server is gone."""
        if self.process.poll() is not None:
            raise RuntimeError(
                f"Xvfb of {self.display} died (exit {self.process.returncode}); "
                f"it said:\n{self.said()}"
            )

    def stop(self) -> None:
        """Stop the server; raise, with its words, if it had died before."""
        try:
            self.check()
        finally:
            self.process.terminate()
            if self.own_log:
                self.log.unlink(missing_ok=True)
            self.process.wait(10)


def start_display(screen: str, log: Path | None = None) -> XServer:
    """Start another Xvfb (``screen`` like "1280x720x24"), once it accepts clients. ``log``:
    where its standard error goes (else a scratch file).

    ``-displayfd``: Xvfb takes a display number no running server holds (other test runs on
    the machine included) and writes it once it accepts connections. ``-noreset``: by default
    an X server resets when its last client leaves, and a client that connects meanwhile is
    refused ("could not connect to display"); a second display has no client that stays
    (xdotool polls connect and leave), so a program started there could lose that race."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed: run scripts/install.sh")
    own_log = log is None
    if log is None:
        handle, name = tempfile.mkstemp(prefix="tandem-xvfb-", suffix=".log")
        os.close(handle)
        log = Path(name)
    read_fd, write_fd = os.pipe()
    with log.open("wb") as errors:
        process = subprocess.Popen(
            [*("Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen), *XVFB_OPTIONS],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:  # Xvfb writes the number once it accepts clients
        ready, _, _ = select.select([pipe], [], [], XVFB_START_TIMEOUT_S)
        number = pipe.readline().strip() if ready else ""
    server = XServer(process, f":{number}", log, own_log)
    if not number.isdigit() or process.poll() is not None:
        process.kill()
        process.wait(10)
        raise RuntimeError(
            f"Xvfb did not start (exit {process.returncode}); it said:\n{server.said()}"
        )
    return server


def _xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=10)


def settle_layouts() -> None:
    """Lay out now what Qt would lay out at its next turn: a label that grew a line moves the
    widgets below it only then, and a place read before that is where they no longer are."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)


def to_front(widget: QWidget) -> None:
    """Raise ``widget``'s window above the others on the display. Where both apps share one
    test display, a window of the other app (the customer's, beside the agent's) may lie over
    the button a test is about to click; on two computers it would not."""
    window = widget.window()
    window.raise_()
    window.activateWindow()
    QCoreApplication.processEvents()


def click(widget: QWidget, at: QPoint | None = None, button: int = 1) -> None:
    """Move the real pointer onto ``widget`` (its centre, or ``at`` inside it) and click."""
    settle_layouts()
    point = widget.mapToGlobal(at if at is not None else widget.rect().center())
    if QCursor.pos() == point:  # `mousemove --sync` would wait forever for a motion
        _xdotool("click", str(button))
        return
    _xdotool("mousemove", "--sync", str(point.x()), str(point.y()), "click", str(button))


def ctrl_click(widget: QWidget, at: QPoint | None = None) -> None:
    """Click with Ctrl held (adds to a selection)."""
    point = widget.mapToGlobal(at if at is not None else widget.rect().center())
    _xdotool("keydown", "ctrl")
    try:
        _xdotool("mousemove", str(point.x()), str(point.y()), "click", "1")
    finally:
        _xdotool("keyup", "ctrl")


def move_pointer(point: QPoint) -> None:
    """Move the real pointer to ``point`` (global); safe from another thread than Qt's."""
    _xdotool("mousemove", "--sync", str(point.x()), str(point.y()))


def press(button: int = 1) -> None:
    _xdotool("mousedown", str(button))


def release(button: int = 1) -> None:
    _xdotool("mouseup", str(button))


def type_text(text: str) -> None:
    _xdotool("type", "--delay", "8", "--", text)


def key(*names: str) -> None:
    _xdotool("key", *names)


def request_close(widget: QWidget) -> None:
    """Ask ``widget``'s window to close as a window manager's close button does: a
    WM_DELETE_WINDOW message from outside the program (the test Xvfb runs no window manager)."""
    from Xlib import X, display
    from Xlib.protocol import event

    connection = display.Display(os.environ["DISPLAY"])
    try:
        window = connection.create_resource_object("window", int(widget.window().winId()))
        protocols = connection.intern_atom("WM_PROTOCOLS")
        message = event.ClientMessage(
            window=window,
            client_type=protocols,
            data=(32, [connection.intern_atom("WM_DELETE_WINDOW"), X.CurrentTime, 0, 0, 0]),
        )
        window.send_event(message, event_mask=X.NoEventMask)
        connection.sync()  # a round trip: the server has the message before we hang up
    finally:
        connection.close()
