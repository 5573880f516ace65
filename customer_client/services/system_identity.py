"""What the client tells the agent about this machine when it joins."""

from __future__ import annotations

import platform
import socket


def describe_os() -> str:
    system = platform.system() or "Unknown OS"
    if system == "Linux":
        try:
            info = platform.freedesktop_os_release()
            pretty = info.get("PRETTY_NAME") or info.get("NAME") or "Linux"
        except OSError:
            pretty = "Linux"
        text = f"{pretty} ({platform.machine()})"
    elif system == "Darwin":
        text = f"macOS {platform.mac_ver()[0]} ({platform.machine()})"
    else:
        text = f"{system} {platform.release()} ({platform.machine()})"
    return text[:120]


def machine_name() -> str:
    return (socket.gethostname() or platform.node() or "unknown")[:120]
