#!/usr/bin/env bash
# The whole test suite: lint, types, layer rules, then every test (unit, integration, end to end
# on Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-logo --no-cache  # the layer rules: [tool.importlinter], pyproject.toml
.venv/bin/python -m pytest "$@"
