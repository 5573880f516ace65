"""A private Xvfb for the test run, and real X input (XTEST through xdotool) into its windows."""

from __future__ import annotations

import os
import shutil
import subprocess

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QWidget

SCREEN = "1920x1080x24"


def start_xvfb() -> subprocess.Popen[bytes]:
    """Start Xvfb on a free display number; set DISPLAY; return the process."""
    process, display = start_display(SCREEN)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return process


def start_display(screen: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start another Xvfb (``screen`` like "1280x720x24"); return it and its DISPLAY name."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed: run scripts/install.sh")
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp", "-ac"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # Xvfb writes the number once it accepts clients
    if not number:
        process.kill()
        raise RuntimeError("Xvfb did not start")
    return process, f":{number}"


def _xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=10)


def click(widget: QWidget, at: QPoint | None = None, button: int = 1) -> None:
    """Move the real pointer onto ``widget`` (its centre, or ``at`` inside it) and click."""
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
