"""Test-wide setup: keep every WebRTC candidate on loopback, start Xvfb for the UI tests."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.transport.ice import HOST_ADDRESSES_ENV, apply_environment
from tests.helpers import CenterFixture, running_center

# No test traffic may leave the machine: peers offer 127.0.0.1 only, in this process and in
# any program a test starts.
os.environ[HOST_ADDRESSES_ENV] = "127.0.0.1"
apply_environment()


@pytest.fixture
async def center(tmp_path: Path) -> AsyncIterator[CenterFixture]:
    async with running_center(tmp_path / "center") as fixture:
        yield fixture
