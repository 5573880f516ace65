"""The file the customer started, when the client is one file.

On Windows and macOS that is PyInstaller's one-file program, ``sys.executable`` itself. On Linux
the one file is our launcher (installers/launcher/tandem_launcher.c), which unpacks the client
into the user's cache and runs it from there: ``sys.executable`` is then the unpacked program,
and the launcher names its own file in ``PROGRAM_FILE_ENV``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROGRAM_FILE_ENV = "TANDEM_CLIENT_FILE"


def is_one_file() -> bool:
    """Whether this client runs from a built program (PyInstaller sets ``sys.frozen``)."""
    return bool(getattr(sys, "frozen", False))


def program_file() -> Path:
    """The file the customer started: what carries the launch block, what to start again."""
    named = os.environ.get(PROGRAM_FILE_ENV, "")
    if is_one_file() and named:
        return Path(named)
    return Path(sys.executable)
