"""Stand-ins for shared libraries the client links but never calls (Linux; tandem-client.spec).

PyAV's FFmpeg links every codec it was built with, so loading it needs their libraries even
though Tandem's peer links only ever use VP8, H.264 and Opus (aiortc's codecs): the HEVC and AV1
encoders and the AV1 decoder are 30 MB to unpack at every start. A stand-in has the same name
(soname) and defines every symbol the bundled libraries take from the real one, so the dynamic
linker is satisfied; a function of it that is ever called says which and aborts, rather than
let the client go on with a codec that is not there. The same for JACK, which PortAudio links.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# ``readelf --dyn-syms -W``: Num: Value Size Type Bind Vis Ndx Name
_SYMBOL = re.compile(
    r"^\s*\d+:\s+[0-9a-f]+\s+(?P<size>\d+|0x[0-9a-f]+)\s+(?P<type>\w+)\s+(?P<bind>\w+)\s+\w+\s+"
    r"(?P<ndx>\w+)\s+(?P<name>\S+)"
)


# Name prefix of the library -> prefix of its API, and the functions that answer "none".
STUBBED: dict[str, tuple[str, tuple[str, ...]]] = {
    # Codecs the FFmpeg of PyPI's PyAV wheel links (auditwheel's names), only when the client
    # is built from the wheel (TANDEM_CLIENT_WHEELS=1): the small FFmpeg of
    # installers/build-ffmpeg.sh links none of them. FFmpeg asks x265 at start which bit depths
    # it encodes (x265_api_get), and takes NULL for "none" (the HEVC encoder then offers no
    # pixel format).
    "libx265-": ("x265_", ("x265_api_get",)),
    "libSvtAv1Enc-": ("svt_", ()),
    "libdav1d-": ("dav1d_", ()),
    # Debian's PortAudio (the voice call's, through pyaudio) links JACK, the pro-audio server,
    # which links Berkeley DB: 1 MB. The client plays and records through ALSA (and PulseAudio
    # or PipeWire behind it); PortAudio asks JACK for a client at start and, told none (NULL),
    # goes on without it (tests/installers/test_client_audio.py).
    "libjack.so.0": ("jack_", ("jack_client_open",)),
}


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _symbols(library: Path) -> list[tuple[str, str, int, bool]]:
    """(name, type, size, defined) of each dynamic symbol."""
    found = []
    for line in _run("readelf", "--dyn-syms", "-W", str(library)).splitlines():
        match = _SYMBOL.match(line)
        if match and match["bind"] in ("GLOBAL", "WEAK"):
            name = match["name"].split("@")[0]
            found.append((name, match["type"], int(match["size"], 0), match["ndx"] != "UND"))
    return found


def soname(library: Path) -> str:
    for line in _run("readelf", "-dW", str(library)).splitlines():
        if "(SONAME)" in line:
            return line.rsplit("[", 1)[1].rstrip("]")
    return library.name


def stub_library(
    library: Path,
    dependents: list[Path],
    prefix: str,
    workdir: Path,
    answer_none: tuple[str, ...] = (),
) -> Path:
    """Build the stand-in for ``library`` that ``dependents`` link; return its path. Every
    symbol they take from it must start with ``prefix`` (its API's): one that does not (a C++
    runtime's, say) could stand in for another library's, and the build stops instead.
    Functions named with a prefix in ``answer_none`` return 0 (NULL, "none") instead of
    aborting: those the dependents call at start to ask what the library offers."""
    needed = {name for dep in dependents for name, _, _, defined in _symbols(dep) if not defined}
    defined = {name: (kind, size) for name, kind, size, is_def in _symbols(library) if is_def}
    strays = sorted(name for name in needed & defined.keys() if not name.startswith(prefix))
    if strays:
        raise ValueError(f"{library.name}: cannot stand in for {', '.join(strays[:5])}")
    lines = [
        "#include <stdio.h>",
        "#include <stdlib.h>",
        "static void missing(const char *name) {",
        f'  fprintf(stderr, "tandem-client: %s of {library.name} is left out of this build\\n",'
        " name);",
        "  abort();",
        "}",
    ]
    for index, name in enumerate(sorted(needed & defined.keys())):
        kind, size = defined[name]
        if kind == "OBJECT":
            lines.append(f'char object_{index}[{max(size, 1)}] __asm__("{name}");')
        elif name.startswith(answer_none):
            lines.append(f'void *function_{index}(void) __asm__("{name}");')
            lines.append(f"void *function_{index}(void) {{ return NULL; }}")
        else:
            lines.append(f'void function_{index}(void) __asm__("{name}");')
            lines.append(f'void function_{index}(void) {{ missing("{name}"); }}')
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / f"{library.name}.c"
    source.write_text("\n".join(lines) + "\n")
    out = workdir / library.name
    _run("gcc", "-shared", "-fPIC", "-O1", f"-Wl,-soname,{soname(library)}", "-o", str(out),
         str(source))  # fmt: skip
    return out
