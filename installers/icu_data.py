"""A smaller ICU data library for the one-file client (Linux; used by tandem-client.spec).

Qt's wheel ships ICU's whole data, 32 MB (12 MB of the client's download): every locale's
collation, names and units, the legacy character converters, transliteration. The client speaks
English and French and decodes no legacy encoding, so it keeps the data that is not per locale,
and of the per-locale data only root, English and French (Qt falls back to root for the rest,
and formats dates and numbers from its own tables). Of what is not per locale it drops what
nothing Qt calls reads: Qt's libraries call ICU for case mapping, collation (ucol_), time zones
(ucal_) and converters (ucnv_) only (`nm -D --undefined-only libQt6*.so.6`: no ubrk_, unum_...),
so break iterators' rules and dictionaries (3.4 MB), currencies, units and spelled-out numbers go.

Made with ICU's own tools (Debian's icu-devtools: icupkg, genccode) and gcc; without them the
spec keeps the wheel's library, saying so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

KEEP_LANGUAGES = {"en", "fr"}  # shared/qt/i18n.py SUPPORTED
# A per-locale item's name: "fr", "fr_CA", "zh_Hant_TW", "de_" (an alias)...
LOCALE = re.compile(r"^[a-z]{2,3}(_\w*)?$")
TOOLS = ("icupkg", "genccode", "gcc", "nm", "readelf")
# Folders of the package that serve none of the ICU calls Qt makes (see above).
UNUSED_FOLDERS = {"translit", "brkitr", "curr", "unit", "rbnf"}


def dropped(item: str) -> bool:
    """Whether the client goes without ``item`` (a path inside the package, "coll/de.res")."""
    folder, _, name = item.rpartition("/")
    stem, _, extension = name.rpartition(".")
    if folder in UNUSED_FOLDERS or extension == "cnv" or name == "unames.icu":
        return True
    return (
        extension == "res"
        and bool(LOCALE.match(stem))
        and stem.split("_")[0] not in (KEEP_LANGUAGES)
    )


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """The data's symbol ("icudt73_dat"), its address and size."""
    for line in _run("nm", "-D", "--defined-only", "-S", str(library)).splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            return fields[3], int(fields[0], 16), int(fields[1], 16)
    raise ValueError(f"{library}: no icudt*_dat symbol")


def _file_offset(library: Path, address: int) -> int:
    for line in _run("readelf", "-lW", str(library)).splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            offset, start, size = int(fields[1], 16), int(fields[2], 16), int(fields[4], 16)
            if start <= address < start + size:
                return offset + address - start
    raise ValueError(f"{library}: address {address:#x} in no LOAD segment")


def smaller_icu_data(library: Path, workdir: Path) -> Path:
    """Build the smaller library in ``workdir``; return its path (same file name and soname)."""
    symbol, address, size = _data_symbol(library)
    entry = symbol.removesuffix("_dat")  # "icudt73"
    workdir.mkdir(parents=True, exist_ok=True)
    # icupkg names the package's items after the file: it must be ICU's own name for it.
    whole = workdir / "whole" / f"{entry}l.dat"
    kept = workdir / "kept" / f"{entry}l.dat"
    whole.parent.mkdir(exist_ok=True)
    kept.parent.mkdir(exist_ok=True)
    with library.open("rb") as source:
        source.seek(_file_offset(library, address))
        whole.write_bytes(source.read(size))
    items = _run("icupkg", "-l", str(whole)).split()
    drop_list = workdir / "dropped.txt"
    drop_list.write_text("".join(f"{item}\n" for item in items if dropped(item)))
    kept.unlink(missing_ok=True)
    _run("icupkg", "-r", str(drop_list), str(whole), str(kept))
    _run("genccode", "-q", "-d", str(workdir), "-e", entry, "-a", "gcc", str(kept))
    assembly = workdir / f"{entry}l_dat.S"
    out = workdir / library.name
    soname = library.name
    _run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(out), str(assembly))
    return out
