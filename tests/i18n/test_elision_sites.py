"""Every text whose French puts a value after "de" or "que" is filled in with
``shared.qt.i18n.fill``, not ``str.format``: a new one written with ``.format`` would say
« l'écran de Amélie ». Reads the code: ``translate(…, "text").format(…)`` and
``self.tr("text").format(…)``."""

from __future__ import annotations

import ast

from shared.qt.i18n import elided
from tests.i18n.catalogue import ROOT, read_messages

SOURCES = ("shared", "csr_console", "customer_client")


def _formatted_texts(tree: ast.AST) -> list[str]:
    """The source texts of translation calls formatted at once with ``.format``."""
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(call := node.func.value, ast.Call)
        ):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
        name = call.func.id if isinstance(call.func, ast.Name) else name
        if name in ("tr", "translate") and call.args:
            text = call.args[-1] if name == "translate" else call.args[0]
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                found.append(text.value)
    return found


def test_texts_that_elide_in_french_are_filled_with_fill() -> None:
    elidable = {m.source for m in read_messages() if elided(m.translation) != m.translation}
    assert len(elidable) > 30  # the catalogue was read
    formatted = sorted(
        f"{path.relative_to(ROOT)}: {text!r}"
        for folder in SOURCES
        for path in sorted((ROOT / folder).rglob("*.py"))
        for text in _formatted_texts(ast.parse(path.read_text()))
        if text in elidable
    )
    assert formatted == [], "use shared.qt.i18n.fill for these:\n" + "\n".join(formatted)
