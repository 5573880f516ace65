"""THREAT_MODEL.md names, for every threat it claims is met, the test that shows it (issue 9):
every row but the open ones names a test, and every test it names exists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THREAT_MODEL = ROOT / "THREAT_MODEL.md"

# A reference in backticks: `tests/x/test_y.py`, `tests/x/test_y.py::test_name[param]`, or
# `::test_name` (another test of the file named last).
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(\w+)(?:\[[^`\]]*\])?)?`")


@dataclass(frozen=True)
class Row:
    line: int
    threat: str
    mitigation: str


@dataclass(frozen=True)
class Named:
    path: str
    test: str | None  # None: the file as a whole


def rows(text: str) -> list[Row]:
    """The threat rows of every table: `| STRIDE | threat | mitigation |`."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3 or not cells[0]:
            continue  # not a table row, or a table's header
        if set(line) <= set("|-: "):
            continue  # the header's rule
        found.append(Row(number, cells[1], " | ".join(cells[2:])))
    return found


def is_open(row: Row) -> bool:
    return row.threat == "open"


def named(row: Row) -> list[Named]:
    """The tests a row names; a bare `::name` continues the file named last."""
    tests: list[Named] = []
    last: str | None = None
    for match in REFERENCE.finditer(row.mitigation):
        path, test = match.group(1), match.group(2)
        if path is None and test is None:
            continue  # some other code span
        if path is None:
            assert last is not None, f"line {row.line}: `::{test}` names no file before it"
            path = last
        last = path
        tests.append(Named(path, test))
    return tests


def defines(path: Path, test: str) -> bool:
    pattern = re.compile(rf"^\s*(?:async\s+)?def {re.escape(test)}\(", re.MULTILINE)
    return bool(pattern.search(path.read_text(encoding="utf-8")))


def problems(text: str, root: Path = ROOT) -> list[str]:
    """What is wrong with the threat model's references, one sentence each."""
    found = []
    for row in rows(text):
        if is_open(row):
            continue
        references = named(row)
        if not any(reference.test for reference in references):
            found.append(f"line {row.line} names no test: {row.threat}")
        for reference in references:
            path = root / reference.path
            if not path.is_file():
                found.append(f"line {row.line}: {reference.path} does not exist")
            elif reference.test and not defines(path, reference.test):
                found.append(f"line {row.line}: {reference.path} has no {reference.test}")
    return found


def test_every_row_names_tests_that_exist() -> None:
    text = THREAT_MODEL.read_text(encoding="utf-8")
    assert len([row for row in rows(text) if not is_open(row)]) > 40  # the tables were read
    assert problems(text) == []


SAMPLE = """\
| | threat | mitigation |
|---|---|---|
| S | named | shown (`tests/unit/test_threat_model.py::test_every_row_names_tests_that_exist`, \
`::test_the_check_bites[param]`) |
| — | open | nothing yet |
"""


def test_the_check_bites() -> None:
    assert problems(SAMPLE) == []
    line = SAMPLE.splitlines()[2]
    unnamed = SAMPLE.replace(line, "| S | named | shown |")
    assert problems(unnamed) == ["line 3 names no test: named"]
    only_a_file = SAMPLE.replace("::test_every_row_names_tests_that_exist", "")
    only_a_file = only_a_file.replace(", `::test_the_check_bites[param]`", "")
    assert problems(only_a_file) == ["line 3 names no test: named"]
    gone = SAMPLE.replace("::test_the_check_bites[", "::test_that_is_not_there[")
    assert problems(gone) == [
        "line 3: tests/unit/test_threat_model.py has no test_that_is_not_there"
    ]
    moved = SAMPLE.replace("tests/unit/test_threat_model.py", "tests/unit/test_moved.py")
    assert problems(moved) == ["line 3: tests/unit/test_moved.py does not exist"] * 2
