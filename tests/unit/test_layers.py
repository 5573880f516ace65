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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
QT_PACKAGES = ("PySide6", "shiboken6")

# One import per contract, each breaking that contract's rule (planted module -> what it imports;
# third-party names are top-level, as import-linter reports them). A module that exists gets the
# import added at its end; any other is created.
PLANTED = [
    ("shared.session.planted_qt", "PySide6"),
    ("shared.protocol.planted_upward", "shared.transport.peer_link"),
    ("shared.qt.planted_network", "aiortc"),
    ("csr_console.planted_client", "customer_client.link_handler"),
    ("support_center.planted_console", "csr_console"),
    ("shared.planted_center", "support_center.config"),
    # A feature's engine part loading Qt; the engine naming a feature; one feature another.
    ("shared.features.chat.engine", "PySide6"),
    ("shared.session.live", "shared.features.chat"),
    ("shared.features.chat.engine", "shared.features.desktop"),
]


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


def _report(done: subprocess.CompletedProcess[str]) -> str:
    """lint-imports' report with its line wrapping undone (long contract names wrap)."""
    return " ".join(done.stdout.split())


def test_the_tree_keeps_every_layer_contract() -> None:
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    for contract in _contracts():
        assert f"{contract['name']} KEPT" in _report(done)


def test_every_contract_fails_when_its_rule_is_broken(tmp_path: Path) -> None:
    """A copy of the tree with one forbidden import per contract: each contract must say BROKEN
    (a contract that nothing can break tests nothing; a new one needs its line in PLANTED)."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for package in ("shared", "support_center", "csr_console", "customer_client"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    for importer, imported in PLANTED:
        path = tmp_path.joinpath(*importer.split(".")).with_suffix(".py")
        with path.open("a", encoding="utf-8") as module:
            module.write(f"\nimport {imported}\n")

    done = _lint_imports(tmp_path)

    assert done.returncode != 0, done.stdout
    report = _report(done)
    for importer, imported in PLANTED:
        assert f"{importer} -> {imported}" in report, f"{importer} -> {imported} was not reported"
    for contract in _contracts():
        assert f"{contract['name']} BROKEN" in report, f"nothing breaks {contract['name']!r}"


def _expand(pattern: str) -> list[str]:
    """The modules a contract's ``pattern`` names: each ``*`` stands for one module level, as in
    import-linter (``shared.features.*.engine``); only those in the tree."""
    found = [""]
    for part in pattern.split("."):
        names = []
        for prefix in found:
            folder = ROOT.joinpath(*prefix.split(".")) if prefix else ROOT
            if part == "*":
                children = sorted(
                    p.stem
                    for p in folder.iterdir()
                    if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
                )
            else:
                children = [part]
            names += [f"{prefix}.{child}" if prefix else child for child in children]
        found = names
    return [
        name
        for name in found
        if ROOT.joinpath(*name.split(".")).with_suffix(".py").is_file()
        or ROOT.joinpath(*name.split("."), "__init__.py").is_file()
    ]


def _qt_loaded_after_importing(packages: list[str], modules: Sequence[str] = ()) -> bool:
    """Imports every module of ``packages``, and ``modules`` alone (not what is under them), in
    a fresh interpreter; True if Qt got loaded."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
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
    packages: set[str] = set()
    modules: set[str] = set()
    for contract in _contracts():
        if contract["type"] != "forbidden" or "PySide6" not in contract["forbidden_modules"]:
            continue
        # as_packages = false: the modules themselves, not what is under them (a feature's
        # package holds its Qt views too, loaded only when an app asks for them).
        into = packages if contract.get("as_packages", True) else modules
        for pattern in contract["source_modules"]:
            into.update(_expand(pattern))
    assert "shared.session" in packages
    assert {"shared.features.chat.engine", "shared.features.desktop.engine"} <= modules
    assert not _qt_loaded_after_importing(sorted(packages), sorted(modules))


def test_the_run_time_probe_sees_qt_when_it_is_loaded() -> None:
    assert _qt_loaded_after_importing(["shared.qt.bridge"])
