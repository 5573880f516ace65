"""The engine layers stay free of Qt, so they run headless (DESIGN.md, layer 3)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS_MODULES = [
    "shared.protocol",
    "shared.transport.peer_link",
    "shared.transport.center_link",
    "shared.session.live",
    "support_center.app",
    "csr_console.services.agent_session",
    "customer_client.services.customer_session",
]


@pytest.mark.parametrize("module", HEADLESS_MODULES)
def test_engine_module_does_not_load_qt(module: str) -> None:
    code = f"import sys, {module}; print(any(m.startswith('PySide6') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", f"{module} pulls in Qt"
