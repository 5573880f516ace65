"""The French catalogue is complete and current: every message translated (placeholders and
mnemonics kept), the .ts holds exactly the strings the code has today, and the shipped .qm is
the .ts compiled. A string added to the code without a translation fails here; so does a call
that lupdate cannot read (an f-string or a variable inside tr)."""

from __future__ import annotations

import ast
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.i18n.catalogue import (
    FRENCH_QM,
    FRENCH_TS,
    PLACEHOLDER,
    ROOT,
    SAME_IN_FRENCH,
    UPDATE_SCRIPT,
    read_messages,
)

UI_SOURCES = ("csr_console", "customer_client", "shared/qt", "shared/features")


def test_every_message_is_translated() -> None:
    messages = read_messages()
    assert messages
    unfinished = [m.source for m in messages if m.kind or not m.translation.strip()]
    assert unfinished == [], "untranslated in tandem_fr.ts (run scripts/update_translations.sh)"


def test_translations_keep_placeholders_mnemonics_and_french_spacing() -> None:
    for m in read_messages():
        assert sorted(PLACEHOLDER.findall(m.translation)) == sorted(
            PLACEHOLDER.findall(m.source)
        ), m.source
        mnemonics = re.findall(r"&[^&\s]", m.source)
        assert len(re.findall(r"&[^&\s]", m.translation)) == len(mnemonics), m.source
        # French puts a (no-break) space before these marks, so a line never starts with one.
        assert not re.search(r"\S[:;?!]( |$)", m.translation.replace("://", "")), m.translation
        assert not re.search(r" [:;?!]", m.translation), f"breakable space: {m.translation!r}"


def test_strings_left_as_in_english_are_the_listed_ones() -> None:
    same = {m.source for m in read_messages() if m.translation == m.source}
    assert same == SAME_IN_FRENCH


def _run_update(into: Path) -> None:
    env = dict(os.environ, TANDEM_TRANSLATIONS_DIR=str(into), PYTHON=sys.executable)
    done = subprocess.run(
        ["bash", str(UPDATE_SCRIPT)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_catalogue_matches_the_code_and_the_qm_matches_the_catalogue(tmp_path: Path) -> None:
    """Run the update script on copies: nothing may change."""
    shutil.copy(FRENCH_TS, tmp_path / FRENCH_TS.name)
    _run_update(tmp_path)
    fresh = read_messages(tmp_path / FRENCH_TS.name)
    committed = read_messages()
    new = sorted(
        {(m.context, m.source) for m in fresh} - {(m.context, m.source) for m in committed}
    )
    gone = sorted(
        {(m.context, m.source) for m in committed} - {(m.context, m.source) for m in fresh}
    )
    assert new == [], "strings in the code but not in tandem_fr.ts: run the update script"
    assert gone == [], "strings in tandem_fr.ts no longer in the code: run the update script"
    assert (tmp_path / FRENCH_TS.name).read_text() == FRENCH_TS.read_text()
    assert filecmp.cmp(tmp_path / FRENCH_QM.name, FRENCH_QM, shallow=False), (
        "tandem_fr.qm is not tandem_fr.ts compiled: run scripts/update_translations.sh"
    )


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


# Calls that translate a text known only at run time, on purpose (the center's reasons, each
# also marked for lupdate with QT_TRANSLATE_NOOP).
DYNAMIC_ON_PURPOSE = {("shared/qt/texts.py", "center_error_text")}


# How many leading arguments of each translating call lupdate needs as string literals.
LITERAL_ARGS = {"tr": 1, "translate": 2, "QT_TRANSLATE_NOOP": 2, "QT_TR_NOOP": 1}


class _Calls(ast.NodeVisitor):
    def __init__(self, relative: str) -> None:
        self.relative = relative
        self.function = ""
        self.found: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        called = node.func
        name = ""
        if isinstance(called, ast.Attribute):
            name = called.attr
        elif isinstance(called, ast.Name):
            name = called.id
        needed = LITERAL_ARGS.get(name, 0)
        args = node.args[:needed]
        readable = len(args) == needed and all(_literal(a) for a in args)
        if needed and not readable and (self.relative, self.function) not in DYNAMIC_ON_PURPOSE:
            self.found.append(f"{self.relative}:{node.lineno}: {ast.unparse(node)[:90]}")
        self.generic_visit(node)


def _unreadable_calls(path: Path) -> list[str]:
    calls = _Calls(path.relative_to(ROOT).as_posix())
    calls.visit(ast.parse(path.read_text(), str(path)))
    return calls.found


def test_lupdate_can_read_every_translated_string() -> None:
    """tr(f"…{x}") and translate(CONTEXT, text) are invisible to lupdate: the text would stay
    English. Write tr("… {x}").format(x=…) and translate("Context", "text") instead."""
    unreadable = []
    for folder in UI_SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            unreadable += _unreadable_calls(path)
    assert unreadable == []


def test_the_package_ships_the_compiled_catalogue() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "*.qm" in config["tool"]["setuptools"]["package-data"]["*"]
    assert FRENCH_QM.stat().st_size > 1000


@pytest.mark.parametrize("language", ["fr"])
def test_a_catalogue_exists_for_every_shipped_language(language: str) -> None:
    from shared.qt.i18n import SUPPORTED, translation_file

    assert language in SUPPORTED
    assert translation_file(language).is_file()
