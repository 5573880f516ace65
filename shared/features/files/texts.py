"""File transfer's words for sizes, speeds and times, on both sides (translated; numbers in the
user's locale: "2.4 MB", "2,4 Mo")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

translate = QCoreApplication.translate

# Decimal units, as file managers show sizes to people.
_KB = 1000
_UNIT_STEP = 1000.0


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
            return unit.format(n=QLocale().toString(value, "f", 1))
    return ""  # not reached


def files_text(count: int) -> str:
    """How many files, for people: "no files", "1 file", "12 files"."""
    if count == 0:
        return translate("Files", "no files")
    if count == 1:
        return translate("Files", "1 file")
    return translate("Files", "{n} files").format(n=QLocale().toString(count))


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
