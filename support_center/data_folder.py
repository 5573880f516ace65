"""The center's data folder (database, certificate and key) is for the center's user alone: the
database holds password hashes, addresses and machine names."""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Only the owner may list the folder or read and write what is in it.
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private(folder: Path) -> None:
    """Create ``folder`` if need be; make it and every file in it the owner's alone (folders
    and files an older center left readable by every local user included)."""
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(folder, PRIVATE_FOLDER_MODE)
    for path in folder.iterdir():
        # lstat: a symbolic link is left alone, never followed to tighten what it points to.
        if stat.S_ISREG(path.lstat().st_mode):
            os.chmod(path, PRIVATE_FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and private if it does not exist, and make it private if it does:
    SQLite gives its journal files the mode of the database file."""
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_NOFOLLOW, PRIVATE_FILE_MODE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE_MODE)
    finally:
        os.close(descriptor)
