"""Names a peer sends: every dangerous one refused with its reason, ordinary ones kept."""

from __future__ import annotations

import unicodedata

import pytest

from shared.features.files.names import (
    MAX_NAME_BYTES,
    MAX_PATH_BYTES,
    BadName,
    NameProblem,
    check_name,
    check_path,
)

BAD_PATHS = [
    ("", NameProblem.EMPTY),
    ("..", NameProblem.DOTS),
    (".", NameProblem.DOTS),
    ("../etc/passwd", NameProblem.DOTS),
    ("a/../../b", NameProblem.DOTS),
    ("a/./b", NameProblem.DOTS),
    ("a//b", NameProblem.EMPTY),
    ("a/", NameProblem.EMPTY),
    ("/etc/passwd", NameProblem.ABSOLUTE),
    ("\\Windows\\win.ini", NameProblem.ABSOLUTE),
    ("\\\\server\\share\\x", NameProblem.ABSOLUTE),
    ("C:", NameProblem.ABSOLUTE),
    ("c:\\x.txt", NameProblem.ABSOLUTE),
    ("C:x.txt", NameProblem.ABSOLUTE),
    ("a/C:b", NameProblem.ABSOLUTE),
    ("a\\..\\b", NameProblem.SEPARATOR),
    ("a/b\\c", NameProblem.SEPARATOR),
    ("file.txt:stream", NameProblem.FORBIDDEN_CHARACTER),
    ("what?.txt", NameProblem.FORBIDDEN_CHARACTER),
    ("a*b", NameProblem.FORBIDDEN_CHARACTER),
    ('say "hi"', NameProblem.FORBIDDEN_CHARACTER),
    ("a<b>c", NameProblem.FORBIDDEN_CHARACTER),
    ("a|b", NameProblem.FORBIDDEN_CHARACTER),
    ("CON", NameProblem.DEVICE),
    ("con", NameProblem.DEVICE),
    ("Con.txt", NameProblem.DEVICE),
    ("nul.tar.gz", NameProblem.DEVICE),
    ("PRN", NameProblem.DEVICE),
    ("aux.c", NameProblem.DEVICE),
    ("COM1", NameProblem.DEVICE),
    ("com9.log", NameProblem.DEVICE),
    ("LPT1", NameProblem.DEVICE),
    ("lpt5.txt", NameProblem.DEVICE),
    ("COM¹", NameProblem.DEVICE),
    ("CON .txt", NameProblem.DEVICE),
    ("docs/NUL", NameProblem.DEVICE),
    ("CON.", NameProblem.TRAILING_DOT_OR_SPACE),
    ("NUL ", NameProblem.TRAILING_DOT_OR_SPACE),
    ("report.txt.", NameProblem.TRAILING_DOT_OR_SPACE),
    ("report.txt ", NameProblem.TRAILING_DOT_OR_SPACE),
    ("...", NameProblem.TRAILING_DOT_OR_SPACE),
    ("a\x00b", NameProblem.CONTROL_CHARACTER),
    ("line\nbreak", NameProblem.CONTROL_CHARACTER),
    ("tab\there", NameProblem.CONTROL_CHARACTER),
    ("del\x7f", NameProblem.CONTROL_CHARACTER),
    ("c1\x85", NameProblem.CONTROL_CHARACTER),
    ("invoice\u202egpj.exe", NameProblem.BIDI_CONTROL),
    ("a\u2066b", NameProblem.BIDI_CONTROL),
    ("a\u200fb", NameProblem.BIDI_CONTROL),
    ("lone\ud800surrogate", NameProblem.NOT_UNICODE),
    (".x.tandem-0123456789abcdef.part", NameProblem.TEMPORARY),
    ("é" * 128, NameProblem.TOO_LONG),  # 256 bytes in 128 characters
    ("a" * (MAX_NAME_BYTES + 1), NameProblem.TOO_LONG),
    ("/".join(["abcdefg"] * 200), NameProblem.TOO_LONG),
    ("x" * 100_000, NameProblem.TOO_LONG),
]


@pytest.mark.parametrize(("path", "reason"), BAD_PATHS)
def test_a_bad_path_is_refused_with_its_reason(path: str, reason: NameProblem) -> None:
    with pytest.raises(BadName) as refused:
        check_path(path)
    assert refused.value.reason is reason
    assert refused.value.name == path


@pytest.mark.parametrize(
    ("name", "reason"),
    [(n, r) for n, r in BAD_PATHS if r is not NameProblem.TOO_LONG or "/" not in n]
    + [("a/b", NameProblem.SEPARATOR), ("/", NameProblem.SEPARATOR)],
)
def test_a_bad_file_name_is_refused(name: str, reason: NameProblem) -> None:
    with pytest.raises(BadName) as refused:
        check_name(name)
    # As one name, a "/" is a separator inside it rather than the start of a path.
    assert refused.value.reason in (reason, NameProblem.SEPARATOR)


@pytest.mark.parametrize(
    "name",
    [
        "report.pdf",
        ".bashrc",
        "archive.tar.gz",
        "CONSOLE.txt",  # a device name only on its own
        "COM10",
        "LPT0.txt",
        "my file (2).txt",
        "Résumé – final.docx",
        "日本語のファイル.txt",
        "família 👨‍👩‍👧.jpg",  # the joiner inside the emoji is not a control
        "a" * MAX_NAME_BYTES,
        "x..y",
    ],
)
def test_an_ordinary_name_passes_unchanged(name: str) -> None:
    assert check_name(name) == name


def test_a_tree_path_splits_into_its_names() -> None:
    assert check_path("Photos/2024/été/plage.jpg") == ("Photos", "2024", "été", "plage.jpg")


def test_a_path_at_the_limit_passes() -> None:
    path = "/".join(["a" * 99] * 10) + "/" + "b" * (MAX_PATH_BYTES - 1000)
    assert len(path.encode()) == MAX_PATH_BYTES
    assert len(check_path(path)) == 11


def test_a_decomposed_name_from_a_mac_becomes_the_composed_one() -> None:
    decomposed = unicodedata.normalize("NFD", "Café/Résumé.txt")
    assert decomposed != "Café/Résumé.txt"
    assert check_path(decomposed) == ("Café", "Résumé.txt")
    assert check_name(unicodedata.normalize("NFD", "Noël.txt")) == "Noël.txt"


def test_the_error_says_why() -> None:
    with pytest.raises(BadName, match="device"):
        check_name("nul.txt")
