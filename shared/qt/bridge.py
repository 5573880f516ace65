"""The one bridge between the Qt thread and the asyncio thread.

The asyncio loop runs on its own thread. The Qt thread hands it coroutines with ``run``; results,
errors and engine events come back as Qt signals, which Qt queues onto the Qt thread. Nothing
blocking ever runs on the Qt thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from shared.session.engine import SessionEngine

log = logging.getLogger(__name__)
T = TypeVar("T")

# Closing the app waits this long for sessions to say goodbye before the loop is stopped.
SHUTDOWN_TIMEOUT_S = 3.0


class AsyncBridge(QObject):
    # (engine, event): emitted on the asyncio thread, delivered on the Qt thread.
    engine_event = Signal(object, object)
    _finished = Signal(object, object, object)  # (callback, result, error)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="tandem-asyncio", daemon=True)
        self._finished.connect(self._deliver)
        self._stopped = False
        self._thread.start()

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Start ``coro`` on the asyncio thread; the future may be waited on off the Qt thread."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def run(
        self,
        coro: Coroutine[Any, Any, T],
        on_done: Callable[[T | None, BaseException | None], None] | None = None,
    ) -> None:
        """Start ``coro``; ``on_done(result, error)`` is then called on the Qt thread."""
        future = self.submit(coro)

        def finished(f: concurrent.futures.Future[T]) -> None:
            error = f.exception() if not f.cancelled() else asyncio.CancelledError()
            result = f.result() if error is None else None
            if error is not None and on_done is None:
                log.error("background task failed: %r", error)
            self._finished.emit(on_done, result, error)

        future.add_done_callback(finished)

    @Slot(object, object, object)
    def _deliver(self, callback: Any, result: Any, error: Any) -> None:
        if callback is not None:
            callback(result, error)

    def watch(self, engine: SessionEngine) -> None:
        """Forward every event of ``engine`` to ``engine_event`` on the Qt thread."""

        def forward(event: object) -> None:
            self.engine_event.emit(engine, event)

        self.loop.call_soon_threadsafe(engine.subscribe, forward)

    def stop(self, closing: list[Coroutine[Any, Any, Any]] | None = None) -> None:
        """Run the ``closing`` coroutines (bounded in time), then stop the loop and thread.

        Safe to call twice (a window's close and the app's exit may both ask)."""
        if self._stopped:
            for coro in closing or []:
                coro.close()
            return
        self._stopped = True
        if closing:
            try:
                self.submit(asyncio.wait_for(_all(closing), SHUTDOWN_TIMEOUT_S)).result(
                    SHUTDOWN_TIMEOUT_S + 1
                )
            except Exception as exc:  # leaving anyway
                log.warning("shutdown did not finish cleanly: %r", exc)
        try:
            self.submit(_cancel_the_rest()).result(SHUTDOWN_TIMEOUT_S)
        except Exception as exc:
            log.warning("background tasks did not all stop: %r", exc)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(SHUTDOWN_TIMEOUT_S)


async def _cancel_the_rest() -> None:
    """Cancel what is still running (heartbeats, readers) so nothing dies half-way unseen."""
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _all(coros: list[Coroutine[Any, Any, Any]]) -> None:
    await asyncio.gather(*coros, return_exceptions=True)
