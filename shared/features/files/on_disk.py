"""The entry of a folder that a name from a peer means. Names on the wire are NFC (names.py),
but a file copied from a Mac keeps its decomposed (NFD) name on Linux, where NFC and NFD spell
two different names: the entry is found by comparing NFC forms. Two entries that read the same
once composed are refused by name rather than one of them picked."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from shared.features.files.names import BadName, NameProblem


def entry_named(folder: Path, name: str) -> Path:
    """``folder``'s entry whose NFC form is ``name`` (a checked name, NFC), spelled as on disk;
    ``folder / name`` when there is none (then the caller's lstat or mkdir says so). Raises
    BadName (AMBIGUOUS) when two entries compose to ``name``, OSError when ``folder`` cannot
    be read."""
    found: list[str] = []
    with os.scandir(folder) as listing:
        for item in listing:
            spelled = item.name
            if spelled == name or (
                not unicodedata.is_normalized("NFC", spelled)
                and unicodedata.normalize("NFC", spelled) == name
            ):
                found.append(spelled)
                if len(found) > 1:
                    raise BadName(
                        name,
                        NameProblem.AMBIGUOUS,
                        "two entries of the folder have this name, spelled differently",
                    )
    return folder / (found[0] if found else name)
