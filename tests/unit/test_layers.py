"""The layer rules of DESIGN.md hold, and the tool that checks them would notice a break.

The rules are import-linter contracts in pyproject.toml (``[tool.importlinter]``), run by
``lint-imports`` in scripts/test.sh. These tests run the same command here, prove that every
contract fails on a tree where its rule is broken, and check at run time what a static import
graph cannot see: Qt loaded through a third-party package or an ``importlib`` call.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
QT_PACKAGES = ("PySide6", "shiboken6")

# One import per contract, each breaking that contract's rule (planted module -> what it imports;
# third-party names are top-level, as import-linter reports them).
PLANTED = {
    "shared.session.planted_qt": "PySide6",
    "shared.protocol.planted_upward": "shared.transport.peer_link",
    "shared.qt.planted_network": "aiortc",
    "csr_console.planted_client": "customer_client.link_handler",
    "support_center.planted_console": "csr_console",
    "shared.planted_center": "support_center.config",
}


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    # lint-imports puts its working directory first on sys.path, so it analyses ``tree``.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_tree_keeps_every_layer_contract() -> None:
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    for contract in _contracts():
        assert f"{contract['name']} KEPT" in done.stdout


def test_every_contract_fails_when_its_rule_is_broken(tmp_path: Path) -> None:
    """A copy of the tree with one forbidden import per contract: each contract must say BROKEN
    (a contract that nothing can break tests nothing; a new one needs its line in PLANTED)."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for package in ("shared", "support_center", "csr_console", "customer_client"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    for importer, imported in PLANTED.items():
        path = tmp_path.joinpath(*importer.split(".")).with_suffix(".py")
        path.write_text(f"import {imported}\n", encoding="utf-8")

    done = _lint_imports(tmp_path)

    assert done.returncode != 0, done.stdout
    for importer, imported in PLANTED.items():
        assert f"{importer} -> {imported}" in done.stdout, f"{importer} was not reported"
    for contract in _contracts():
        assert f"{contract['name']} BROKEN" in done.stdout, f"nothing breaks {contract['name']!r}"


def _qt_loaded_after_importing(packages: list[str]) -> bool:
    """Imports every module of ``packages`` in a fresh interpreter; True if Qt got loaded."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {packages!r}:\n"
        "    package = importlib.import_module(name)\n"
        "    for module in pkgutil.walk_packages(getattr(package, '__path__', []), name + '.'):\n"
        "        importlib.import_module(module.name)\n"
        f"print(any(m.split('.')[0] in {QT_PACKAGES!r} for m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def test_modules_kept_free_of_qt_do_not_load_it_at_run_time() -> None:
    headless = sorted(
        {
            module
            for contract in _contracts()
            if contract["type"] == "forbidden" and "PySide6" in contract["forbidden_modules"]
            for module in contract["source_modules"]
        }
    )
    assert "shared.session" in headless
    assert not _qt_loaded_after_importing(headless)


def test_the_run_time_probe_sees_qt_when_it_is_loaded() -> None:
    assert _qt_loaded_after_importing(["shared.qt.bridge"])
