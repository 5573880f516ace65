"""The background tasks a session owns: kept alive until done, failures reported, all cancelled
when the session goes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class OwnedTasks:
    def __init__(self, on_failure: Callable[[BaseException], None]) -> None:
        # asyncio keeps only weak references to tasks: holding them here keeps them running.
        self._tasks: set[asyncio.Task[None]] = set()
        self._on_failure = on_failure

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` in the background; a failure is logged and handed to ``on_failure``."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def __len__(self) -> int:
        return len(self._tasks)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("session task failed: %r", exc)
            self._on_failure(exc)
