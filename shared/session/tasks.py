"""The background tasks a session owns: kept alive until done, failures reported, all cancelled
when the session goes. They run on the session's loop, whichever thread spawns them: a feature
set up by the views' thread (before the session runs) starts its tasks once the loop is known."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class OwnedTasks:
    def __init__(self, on_failure: Callable[[BaseException], None]) -> None:
        # asyncio keeps only weak references to tasks: holding them here keeps them running.
        self._tasks: set[asyncio.Task[None]] = set()
        self._on_failure = on_failure
        self._loop: asyncio.AbstractEventLoop | None = None
        # Spawned before the loop was known (off any running loop): started by run_on.
        self._waiting: list[Coroutine[Any, Any, None]] = []
        self._lock = threading.Lock()

    def run_on(self, loop: asyncio.AbstractEventLoop) -> None:
        """The loop the owner runs on, now known: what waited for it starts there."""
        with self._lock:
            self._loop = loop
            waiting, self._waiting = self._waiting, []
        for coro in waiting:
            loop.call_soon_threadsafe(self._start, coro)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` in the background on the owner's loop, from any thread; a failure is
        logged and handed to ``on_failure``. Off that loop (a Qt thread, say), it is handed to
        the loop, or kept until run_on names it: asyncio would otherwise put it on a new loop
        of this thread's, which never runs."""
        try:
            here: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        with self._lock:
            loop = self._loop
            if here is None and loop is None:
                self._waiting.append(coro)
                return
        if here is not None and (loop is None or here is loop):
            self._start(coro)
        else:
            assert loop is not None
            loop.call_soon_threadsafe(self._start, coro)

    def _start(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        with self._lock:
            waiting, self._waiting = self._waiting, []
        for coro in waiting:
            coro.close()  # never started: nothing to cancel, no "never awaited" warning

    def __len__(self) -> int:
        return len(self._tasks) + len(self._waiting)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("session task failed: %r", exc)
            self._on_failure(exc)
