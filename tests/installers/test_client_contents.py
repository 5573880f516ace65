"""What the one-file client leaves out (installers/client_contents.py) is nothing it imports: a
feature whose customer side starts using a Qt module or a library the bundle drops fails here,
not in a customer's hands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from installers.client_contents import EXCLUDES

REPO_ROOT = Path(__file__).resolve().parents[2]
# The client as it runs: its entry module, then every feature's engine and customer view, which
# it loads by name during a session (shared/kit/registry.py); the media and input layers a
# session starts.
CLIENT_RUN = """
import json, sys
started_with = set(sys.modules)  # the interpreter's own start (site, .pth files): not ours
import customer_client.main
from shared.kit.registry import load_builtin
for feature in load_builtin():
    feature.engine_factory()
    feature.view("customer")
import shared.media.capture, shared.media.screen_track, shared.input.injector
print(json.dumps(sorted(set(sys.modules) - started_with)))
"""


def test_the_client_imports_nothing_the_bundle_leaves_out() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CLIENT_RUN],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    imported = json.loads(done.stdout.splitlines()[-1])
    assert "PySide6.QtWidgets" in imported  # the run reached the client's views
    left_out = [
        module
        for module in imported
        if any(module == name or module.startswith(name + ".") for name in EXCLUDES)
    ]
    assert left_out == [], f"the one-file client would lack {left_out}"
