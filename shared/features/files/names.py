"""The names a peer sends for files and folders, checked before anything touches the disk.

A name is one path component; a path in a folder tree is components joined by "/". Whatever a
peer sends, a name that passes is a plain entry of the folder the user chose: no "..", no absolute
path, no drive or UNC prefix, nothing Windows would read as a device or silently alter, nothing
that hides what the name looks like. One rule on every system, so that a tree that a Linux
customer accepts is accepted by a Windows customer too, and the tests on Linux cover both.

Names are normalised to Unicode NFC: macOS hands out decomposed names (NFD: "e" + a combining
accent), Windows and Linux store whatever they are given. Without normalising, the same visible
name sent from a Mac would not match the file already in the folder (no "this name exists"
question, two files that look identical side by side), and each check below runs on the text
that is actually written.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from pathlib import Path

# Most file systems (ext4, APFS, NTFS in practice) refuse a name over 255 bytes.
MAX_NAME_BYTES = 255
# A relative path of a folder tree, in UTF-8 bytes: leaves room under PATH_MAX (4096 on Linux,
# 1024 on macOS) for the folder the user chose, and bounds the work one name costs.
MAX_PATH_BYTES = 1024

SEPARATOR = "/"

# Windows opens a device instead of a file for these, with any extension and in any case
# ("nul.txt", "Com1.tar.gz"); the superscript digits count as digits there too.
_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{digit}" for port in ("COM", "LPT") for digit in "123456789¹²³"}
)
# Windows refuses these in a name; ":" also starts a drive ("C:") or an NTFS stream ("a:b").
_WINDOWS_FORBIDDEN = frozenset('<>:"|?*')
# Bidirectional controls reorder what is displayed: "invoice\u202egpj.exe" shows as
# "invoiceexe.jpg". Other format characters (the joiner inside emoji) are legitimate.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# The receiving side's own temporary files (destination.py): a peer may not name one of them.
_TEMPORARY = re.compile(r"^\..*\.tandem-[0-9a-f]+\.part$", re.DOTALL)


class NameProblem(StrEnum):
    """Why a name was refused, for the views to say in the user's language."""

    EMPTY = "empty"
    DOTS = "dots"  # "." or ".."
    ABSOLUTE = "absolute"  # "/x", "\\\\server\\share", "C:\\x"
    SEPARATOR = "separator"  # "/" or "\\" inside one name
    FORBIDDEN_CHARACTER = "forbidden_character"  # < > : " | ? *
    CONTROL_CHARACTER = "control_character"
    BIDI_CONTROL = "bidi_control"
    DEVICE = "device"  # CON, NUL, COM1…
    TRAILING_DOT_OR_SPACE = "trailing_dot_or_space"  # Windows drops them: "a.txt." is "a.txt"
    TEMPORARY = "temporary"  # one of our own ".name.tandem-….part" files
    NOT_UNICODE = "not_unicode"  # lone surrogates cannot be written as UTF-8
    TOO_LONG = "too_long"
    AMBIGUOUS = "ambiguous"  # two entries on disk compose to it (NFD and NFC): on_disk.py


class BadName(ValueError):
    """A name a peer sent that is refused; `reason` says why, `name` is what was sent."""

    def __init__(self, name: str, reason: NameProblem, detail: str = "") -> None:
        self.name = name
        self.reason = reason
        shown = name if len(name) <= 80 else name[:77] + "..."
        more = f" ({detail})" if detail else ""
        super().__init__(f"refused name {shown!r}: {reason.value}{more}")


def check_name(name: str) -> str:
    """One file or folder name, NFC-normalised; raises BadName."""
    if len(name) > 4 * MAX_NAME_BYTES:  # any longer cannot fit once encoded: spare the work
        raise BadName(name, NameProblem.TOO_LONG, f"over {MAX_NAME_BYTES} bytes")
    normal = _nfc(name)
    _check_component(name, normal)
    return normal


def check_path(path: str) -> tuple[str, ...]:
    """A relative path of a folder tree ("a/b/c.txt"), as its NFC-normalised names."""
    if len(path) > 4 * MAX_PATH_BYTES:
        raise BadName(path, NameProblem.TOO_LONG, f"over {MAX_PATH_BYTES} bytes")
    normal = _nfc(path)
    if normal.startswith(("/", "\\")) or _DRIVE.match(normal):
        raise BadName(path, NameProblem.ABSOLUTE)
    if len(normal.encode("utf-8")) > MAX_PATH_BYTES:
        raise BadName(path, NameProblem.TOO_LONG, f"over {MAX_PATH_BYTES} bytes")
    parts = tuple(normal.split(SEPARATOR))
    for part in parts:
        _check_component(path, part)
    return parts


_DRIVE = re.compile(r"^[A-Za-z]:")


def _nfc(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadName(text, NameProblem.NOT_UNICODE) from None
    return unicodedata.normalize("NFC", text)


def _check_component(sent: str, name: str) -> None:
    if not name:
        raise BadName(sent, NameProblem.EMPTY)
    if name in (".", ".."):
        raise BadName(sent, NameProblem.DOTS)
    if _DRIVE.match(name):
        raise BadName(sent, NameProblem.ABSOLUTE)
    for char in name:
        if char in "/\\":
            raise BadName(sent, NameProblem.SEPARATOR)
        if unicodedata.category(char) == "Cc":  # C0, DEL and C1
            raise BadName(sent, NameProblem.CONTROL_CHARACTER, f"U+{ord(char):04X}")
        if char in _BIDI_CONTROLS:
            raise BadName(sent, NameProblem.BIDI_CONTROL, f"U+{ord(char):04X}")
        if char in _WINDOWS_FORBIDDEN:
            raise BadName(sent, NameProblem.FORBIDDEN_CHARACTER, char)
    if name[-1] in ". ":
        raise BadName(sent, NameProblem.TRAILING_DOT_OR_SPACE)
    if name.split(".", 1)[0].rstrip(" ").upper() in _DEVICES:
        raise BadName(sent, NameProblem.DEVICE)
    if _TEMPORARY.match(name):
        raise BadName(sent, NameProblem.TEMPORARY)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise BadName(sent, NameProblem.TOO_LONG, f"over {MAX_NAME_BYTES} bytes")


_NUMBER = re.compile(r"([0-9]+)")


def reading_order(name: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key: names in the order a person reads them, as file managers show them. Case
    and accents aside ("à_faire" with the a's, not after the z's), and numbers by their value
    ("photo 9" before "photo 10", "f45" before "f449")."""
    spread = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in spread if not unicodedata.combining(c))
    return tuple(
        (0, int(part), "") if part.isascii() and part.isdigit() else (1, 0, part)
        for part in _NUMBER.split(plain)
        if part
    )


def saved_as(name: str, kept: Path | None) -> str | None:
    """The last part of ``kept`` when a file sent as ``name`` was kept under another (Keep
    both), for the sender's views; None when it kept its name."""
    if kept is None or kept.name == name.split(SEPARATOR)[-1]:
        return None
    return kept.name


def renamed(name: str, saved: str | None) -> str:
    """``name`` (a relative name) with its last part as the receiver kept it."""
    if not saved:
        return name
    return SEPARATOR.join([*name.split(SEPARATOR)[:-1], check_name(saved)])
