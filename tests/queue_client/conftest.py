"""A real support center on its own thread and loop, for the client window's queue tests (Qt
runs on the test's thread): everything touching the center runs on the center's loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.helpers import CenterFixture, free_port, running_center

T = TypeVar("T")
# What one step at the center may take (a sign-in hashes a password, a join waits for a seat).
STEP_TIMEOUT_S = 30.0


class CenterThread:
    def __init__(self, data_dir: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._data_dir, self._port = data_dir, free_port()
        self._context: AbstractAsyncContextManager[CenterFixture] | None = None
        self.center = self.start()

    def start(self) -> CenterFixture:
        """(Again after ``down``: the same data, address and certificate.)"""
        self._context = running_center(self._data_dir, port=self._port)
        self.center = self.run(self._context.__aenter__())
        return self.center

    def down(self) -> None:
        """The center stops (a restart's first half): its sockets close."""
        if self._context is not None:
            self.run(self._context.__aexit__(None, None, None))
            self._context = None

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on the center's loop; its result (or its exception)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(STEP_TIMEOUT_S)

    def stop(self) -> None:
        self.down()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(STEP_TIMEOUT_S)


@pytest.fixture
def center_thread(tmp_path: Path) -> Iterator[CenterThread]:
    started = CenterThread(tmp_path / "center")
    yield started
    started.stop()
