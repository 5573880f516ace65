"""Key combinations remote input never sends to this desktop, and where they are configured.

Some combinations act on the machine rather than the program in front: Ctrl+Alt+F1…F12 switch
an X server to a text console (where a remote controller would type blind, into a login
prompt), Ctrl+Alt+Backspace may kill the X server and the customer's whole session. The
default set is ``DEFAULT_BLOCKED_KEYS``; IT may replace it in the machine's configuration, the
system-wide settings file the apps read before the user's (as for pinned certificates):

    [input]
    blocked_keys = ctrl+alt+f1, ctrl+alt+f2, ctrl+alt+backspace

Each combination is protocol key names (``NAMED_KEYS``, or one character) joined by ``+``; an
empty value blocks none. Only the machine's file counts: the remote side cannot change it.
"""

from __future__ import annotations

import configparser
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from shared.protocol.screen import NAMED_KEYS

log = logging.getLogger(__name__)

Combination = frozenset[str]

DEFAULT_BLOCKED_KEYS: Final = ", ".join(
    [*(f"ctrl+alt+f{n}" for n in range(1, 13)), "ctrl+alt+backspace"]
)
# Where Qt keeps the machine's configuration (QSettings, IniFormat, SystemScope) for each app.
ORGANIZATION: Final = "Tandem"
APPLICATIONS: Final = ("Tandem Client", "Tandem Console")
SECTION: Final = "input"
OPTION: Final = "blocked_keys"


def parse_combinations(text: str) -> frozenset[Combination]:
    """``"ctrl+alt+f1, ctrl+alt+backspace"`` as sets of key names; unknown names are logged
    and their combination skipped."""
    combinations: set[Combination] = set()
    for item in text.strip().strip('"').split(","):
        names = [name.strip().lower() for name in item.split("+")]
        if not item.strip():
            continue
        bad = [n for n in names if n not in NAMED_KEYS and not (len(n) == 1 and n.isprintable())]
        if bad:
            log.warning("blocked key combination %r skipped: unknown key %r", item, bad[0])
            continue
        combinations.add(frozenset(names))
    return frozenset(combinations)


def machine_config_files() -> list[Path]:
    """The machine's settings files, as ``QSettings(IniFormat, SystemScope)`` names them."""
    if sys.platform == "win32":
        base = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"))
    else:
        base = Path((os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":")[0])
    return [base / ORGANIZATION / f"{app}.ini" for app in APPLICATIONS]


def blocked_combinations(files: Iterable[Path] | None = None) -> frozenset[Combination]:
    """The configured set: the first machine settings file that sets it, else the default."""
    for path in machine_config_files() if files is None else files:
        config = configparser.ConfigParser(interpolation=None)
        try:
            config.read(path, encoding="utf-8")
        except (OSError, configparser.Error, UnicodeDecodeError) as error:
            log.warning("machine settings %s unreadable: %s", path, error)
            continue
        if config.has_option(SECTION, OPTION):
            return parse_combinations(config.get(SECTION, OPTION))
    return parse_combinations(DEFAULT_BLOCKED_KEYS)


def blocked_by(
    combinations: Iterable[Combination], held: Iterable[str], *pressed: str
) -> Combination | None:
    """The combination that pressing ``pressed`` with ``held`` down would make held, if any.

    Every held key counts, not only modifiers, and the order does not: F1 held, then Ctrl, then
    Alt is Ctrl+Alt+F1 as much as Ctrl, Alt, then F1 (an F1 left down repeats on its own)."""
    down = {key.lower() for key in (*held, *pressed)}
    for combination in combinations:
        if combination <= down:
            return combination
    return None
