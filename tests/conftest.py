"""Test-wide setup: keep every WebRTC candidate on loopback, start Xvfb for the UI tests."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from shared.kit.registry import load_builtin
from shared.transport.ice import HOST_ADDRESSES_ENV, apply_environment
from tests.helpers import CenterFixture, running_center

if TYPE_CHECKING:
    from tests.xserver import XServer

# Every built-in feature registered (its message family known to the codec), as in the apps.
load_builtin()

# No test traffic may leave the machine: peers offer 127.0.0.1 only, in this process and in
# any program a test starts.
os.environ[HOST_ADDRESSES_ENV] = "127.0.0.1"
apply_environment()

# Settings (pins, preferences) of the apps under test go to a scratch folder, never the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="tandem-test-config-")
# The consoles' own files (session notes' journals) likewise.
os.environ["TANDEM_CONSOLE_DATA"] = tempfile.mkdtemp(prefix="tandem-test-console-")
# Removed when the run ends (thousands of runs left them behind in the temporary folder).
_SCRATCH = (os.environ["XDG_CONFIG_HOME"], os.environ["TANDEM_CONSOLE_DATA"])

_xvfb: XServer | None = None

# As in the apps (shared/qt/collector.py), the cycle collector never runs by itself, where it
# could free a Qt object on the asyncio thread or in the middle of Qt's painting: each test's
# garbage is collected on the main thread once the test is over, the whole heap now and then.
FULL_COLLECT_EVERY_TESTS = 50
_tests_run = 0


def pytest_configure(config: pytest.Config) -> None:
    """Every UI test runs on a private Xvfb, started before Qt's application object exists."""
    global _xvfb
    from tests.xserver import start_xvfb

    _xvfb = start_xvfb()
    gc.disable()


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread() -> Iterator[None]:
    """Set up first, so torn down last: after the test's windows and sessions are closed."""
    global _tests_run
    yield
    _tests_run += 1
    gc.collect(2 if _tests_run % FULL_COLLECT_EVERY_TESTS == 0 else 1)


@pytest.fixture(autouse=True)
def _no_pins_from_earlier_tests() -> None:
    """The customer's certificate pins start empty in each test. Each test's center has a
    certificate of its own, on a port the system may have given an earlier test's center: a
    pin kept then made the client ask whether the center's certificate had changed, a question
    no test answered (the window then never showed the place in line)."""
    from shared.qt.pins import PINS_GROUP, client_settings

    settings = client_settings()
    settings.remove(PINS_GROUP)
    settings.sync()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _xvfb is not None:
        _xvfb.stop()  # says so, with Xvfb's words, if the server died during the run
    for folder in _SCRATCH:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
async def center(tmp_path: Path) -> AsyncIterator[CenterFixture]:
    async with running_center(tmp_path / "center") as fixture:
        yield fixture
