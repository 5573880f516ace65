"""The voice tests' real devices: one private PulseAudio server for the module's tests; the
faces' fixtures for the test in the real apps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faces.conftest import console_at_center, make_console, settings_path, start_center_with
from tests.voice.pulse import Side, pulse_server

__all__ = ["console_at_center", "make_console", "settings_path", "start_center_with"]


@pytest.fixture(scope="module")
def pulse() -> Iterator[dict[str, Side]]:
    # An assistant agent's own devices too (tests/voice/test_three.py).
    with pulse_server("agent", "customer", "assistant") as sides:
        yield sides
