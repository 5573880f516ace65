"""File transfer's words for sizes, speeds and times, on both sides (translated; numbers in the
user's locale: "2.4 MB", "2,4 Mo")."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from shared.features.files.destination import WriteProblem
from shared.qt.i18n import display_locale, fill

translate = QCoreApplication.translate

# Decimal units, as file managers show sizes to people.
_KB = 1000
_UNIT_STEP = 1000.0


def quoted(name: str) -> str:
    """A file or folder's name inside a sentence, in the language's quotation marks: a name
    may hold spaces and words of its own ("Ada wants to copy “notes for Ada.txt”…")."""
    return translate("Files", "“{name}”").format(name=name)


def size_text(size: int) -> str:
    """``size`` bytes for people: "812 B", "2.4 MB"."""
    if size < _KB:
        return translate("Files", "{n} B").format(n=size)
    value = float(size)
    units = (
        translate("Files", "{n} KB"),
        translate("Files", "{n} MB"),
        translate("Files", "{n} GB"),
    )
    for unit in units:
        value /= _UNIT_STEP
        if value < _UNIT_STEP or unit is units[-1]:
            return unit.format(n=display_locale().toString(value, "f", 1))
    return ""  # not reached


def files_text(count: int) -> str:
    """How many files, for people: "no files", "1 file", "12 files"."""
    if count == 0:
        return translate("Files", "no files")
    if count == 1:
        return translate("Files", "1 file")
    return translate("Files", "{n} files").format(n=display_locale().toString(count))


def percent_format() -> str:
    """A progress bar's text, in Qt's terms (%p: the percentage): "50%"; French writes
    "50 %" with a no-break space, so the sign is placed by the translation."""
    return translate("Files", "%p%", "a progress bar: %p is the percentage")


def speed_text(bytes_per_s: float) -> str:
    if bytes_per_s <= 0:
        return ""
    return f"{size_text(round(bytes_per_s))}/s"  # the same in every language we ship


def time_left_text(seconds: float | None) -> str:
    """What is left, roughly: "12 s", "3 min 5 s", "1 h 4 min"; "" while unknown (SI units,
    written the same in every language we ship)."""
    if seconds is None:
        return ""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s"


def copied_text(name: str, who: str, count: int = 1) -> str:
    """A send that ended well, in the same words in every view: "report.pdf copied to Grace's
    computer."; a folder or several files with more than one file in it: "photos: 12 files
    copied to Grace's computer." """
    n = display_locale().toString(count)
    if not name and count == 1:  # several picked, no folder to name them by
        return fill(translate("Files", "1 file copied to {who}'s computer."), who=who)
    if not name:
        return fill(translate("Files", "{n} files copied to {who}'s computer."), n=n, who=who)
    if count <= 1:
        return fill(translate("Files", "{name} copied to {who}'s computer."), name=name, who=who)
    return fill(
        translate("Files", "{name}: {n} files copied to {who}'s computer."), name=name, n=n, who=who
    )


def received_text(name: str, folder: str, count: int = 1) -> str:
    """A receipt or fetch that ended well: "log.txt received in /home/ada/Downloads"."""
    n = display_locale().toString(count)
    if not name and count == 1:
        return translate("Files", "1 file received in {folder}.").format(folder=folder)
    if not name:
        return translate("Files", "{n} files received in {folder}.").format(n=n, folder=folder)
    if count <= 1:
        return translate("Files", "{name} received in {folder}.").format(name=name, folder=folder)
    return translate("Files", "{name}: {n} files received in {folder}.").format(
        name=name, n=n, folder=folder
    )


def withdrawn_text(agent: str, name: str, to_customer: bool) -> str:
    """The customer's words for a request the agent withdrew while they were asked:
    ``to_customer``, files the agent would have sent them, else files of theirs it asked for;
    ``name`` "" for several files with no folder to name them by."""
    who = agent or translate("Files", "Your agent")
    if to_customer and name:
        text = translate("Files", "{agent} withdrew the request to send you {name}.")
    elif to_customer:
        text = translate("Files", "{agent} withdrew the request to send you files.")
    elif name:
        text = translate("Files", "{agent} withdrew the request to copy {name} from your computer.")
    else:
        text = translate("Files", "{agent} withdrew the request to copy files from your computer.")
    return fill(text, agent=who, name=quoted(name))


def copied_count_text(count: int) -> str:
    """Part of a folder that was copied: "no file copied", "1 file copied", "3 files copied"
    (each whole, so that French agrees: "1 fichier copié", "3 fichiers copiés")."""
    if count == 0:
        return translate("Files", "no file copied")
    if count == 1:
        return translate("Files", "1 file copied")
    return translate("Files", "{n} files copied").format(n=display_locale().toString(count))


def not_copied_count_text(count: int) -> str:
    """The rest of it: "1 file not copied", "3 files not copied"."""
    if count == 1:
        return translate("Files", "1 file not copied")
    return translate("Files", "{n} files not copied").format(n=display_locale().toString(count))


def _problem_words(problem: WriteProblem) -> str:
    match problem:
        case WriteProblem.DISK_FULL:
            return translate("Files", "the disk is full")
        case WriteProblem.NOT_ALLOWED:
            return translate(
                "Files", "the system does not allow it (permissions or a read-only disk)"
            )
        case WriteProblem.LINK:
            return translate("Files", "a link is on the way, and links are not followed")
        case WriteProblem.IN_THE_WAY:
            return translate("Files", "something of that name is in the way")
        case WriteProblem.GONE:
            return translate("Files", "the folder it goes to no longer exists")
    return translate("Files", "the disk refused")


# A disk's problem as the engine writes it in a reason ("…: gone: /tmp/in: No such file"): its
# code, at the start or after a colon, then the system's detail.
_PROBLEM = re.compile(
    r"(?:^|(?<=: ))(" + "|".join(p.value for p in WriteProblem) + r"): (.*)$", re.S
)


# The engines' reasons (English on the wire, whichever side wrote them) in the user's language;
# one the views do not know (a newer peer's) is shown as it came.
_REASONS: dict[str, Callable[[], str]] = {
    "The customer refused.": lambda: translate("Files", "The customer refused."),
    "Refused.": lambda: translate("Files", "Refused."),
    "The connection was lost.": lambda: translate("Files", "The connection was lost."),
    "The connection did not come back.": lambda: translate(
        "Files", "The connection did not come back."
    ),
    "The session ended.": lambda: translate("Files", "The session ended."),
    "Too many chunks arrived damaged.": lambda: translate(
        "Files", "Too many chunks arrived damaged."
    ),
    "The files arrived damaged.": lambda: translate("Files", "The files arrived damaged."),
    "The file arrived damaged (its SHA-256 differs).": lambda: translate(
        "Files", "The file arrived damaged (its SHA-256 differs)."
    ),
    "The file arrived different from what was sent.": lambda: translate(
        "Files", "The file arrived different from what was sent."
    ),
    "The other side did not answer the Stop.": lambda: translate(
        "Files", "The other side did not answer the Stop."
    ),
    "Too many files are being received at once.": lambda: translate(
        "Files", "Too many files are being received at once."
    ),
}
# Reasons that begin the same way and end with the system's detail.
_REASON_STARTS: dict[str, Callable[[], str]] = {
    "The file cannot be written: ": lambda: translate("Files", "The file cannot be written: "),
    "The file cannot be read: ": lambda: translate("Files", "The file cannot be read: "),
    "The files cannot be read: ": lambda: translate("Files", "The files cannot be read: "),
    "The folder cannot be written: ": lambda: translate("Files", "The folder cannot be written: "),
    "The folder cannot be read: ": lambda: translate("Files", "The folder cannot be read: "),
    "Not done: ": lambda: translate("Files", "Not done: "),
}


def reason_text(reason: str) -> str:
    """A transfer's reason for people, in their language: a known reason translated; a disk
    problem's code (as it goes on the wire) becomes a sentence, the system's detail kept after
    it in brackets; any other reason as it is."""
    if (known := _REASONS.get(reason)) is not None:
        return known()
    for start, words in _REASON_STARTS.items():
        if reason.startswith(start):
            return words() + _problem_text(reason[len(start) :], alone=False)
    return _problem_text(reason)


def _problem_text(reason: str, alone: bool = True) -> str:
    """``alone``: the reason is a sentence of its own (a problem at its start gets a capital)."""
    found = _PROBLEM.search(reason)
    if found is None:
        return reason
    words = _problem_words(WriteProblem(found[1]))
    if found.start() == 0 and alone:
        words = words[:1].upper() + words[1:]
    detail = found[2].strip()
    return reason[: found.start()] + (f"{words} ({detail})" if detail else words)
