"""Test-wide setup: keep every WebRTC candidate on loopback, start Xvfb for the UI tests."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.kit.registry import load_builtin
from shared.transport.ice import HOST_ADDRESSES_ENV, apply_environment
from tests.helpers import CenterFixture, running_center

# Every built-in feature registered (its message family known to the codec), as in the apps.
load_builtin()

# No test traffic may leave the machine: peers offer 127.0.0.1 only, in this process and in
# any program a test starts.
os.environ[HOST_ADDRESSES_ENV] = "127.0.0.1"
apply_environment()

# Settings (pins, preferences) of the apps under test go to a scratch folder, never the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="tandem-test-config-")

_xvfb: subprocess.Popen[bytes] | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Every UI test runs on a private Xvfb, started before Qt's application object exists."""
    global _xvfb
    from tests.xserver import start_xvfb

    _xvfb = start_xvfb()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _xvfb is not None:
        _xvfb.terminate()
        _xvfb.wait(10)


@pytest.fixture
async def center(tmp_path: Path) -> AsyncIterator[CenterFixture]:
    async with running_center(tmp_path / "center") as fixture:
        yield fixture
