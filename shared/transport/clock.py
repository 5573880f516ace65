"""The time the protocol's timers run on (heartbeat, reconnection windows, welcome timeout).

Production uses the loop's monotonic clock. Engine tests pass a ``VirtualClock`` instead, so
that an 8 s heartbeat or a 120 s window runs in milliseconds of real time, with nothing else
about the timing changed: the code asks the clock, never ``time`` or ``asyncio.sleep``.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale (only differences mean anything)."""
        ...

    async def sleep(self, seconds: float) -> None: ...

    async def wait_for(self, awaitable: Awaitable[T], timeout: float) -> T:
        """``asyncio.wait_for`` on this clock: TimeoutError once ``timeout`` has passed."""
        ...


class RealClock:
    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def wait_for(self, awaitable: Awaitable[T], timeout: float) -> T:
        return await asyncio.wait_for(awaitable, timeout)


REAL_CLOCK = RealClock()

# How many loop turns ``VirtualClock.settle`` gives the woken tasks: enough for a message to
# be decoded, answered and handed on a few times over (each hop is a turn or two).
SETTLE_TURNS = 50


class VirtualClock:
    """Time that moves only when a test says so; sleepers wake in deadline order, and the loop
    runs the woken tasks before time moves on."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._now + max(0.0, seconds), next(self._order), future))
        await future

    async def wait_for(self, awaitable: Awaitable[T], timeout: float) -> T:
        task = asyncio.ensure_future(awaitable)
        timer = asyncio.ensure_future(self.sleep(timeout))
        try:
            await asyncio.wait({task, timer}, return_when=asyncio.FIRST_COMPLETED)
        except BaseException:
            task.cancel()  # cancelled from outside: take the awaited work down too
            raise
        finally:
            timer.cancel()
        if not task.done():
            task.cancel()
            raise TimeoutError
        return task.result()

    async def settle(self) -> None:
        """Let every task that is ready run (and those they wake, a few hops deep)."""
        for _ in range(SETTLE_TURNS):
            await asyncio.sleep(0)

    async def advance(self, seconds: float, until: Callable[[], bool] | None = None) -> float:
        """Move time forward by ``seconds``, waking each sleeper at its deadline; with
        ``until``, stop at the first moment it holds. Returns the virtual seconds elapsed."""
        start = self._now
        target = start + seconds
        await self.settle()
        while not (until is not None and until()):
            while self._sleepers and self._sleepers[0][2].done():
                heapq.heappop(self._sleepers)  # cancelled sleepers
            if not self._sleepers or self._sleepers[0][0] > target:
                self._now = target
                await self.settle()
                break
            self._now = max(self._now, self._sleepers[0][0])
            while self._sleepers and self._sleepers[0][0] <= self._now:
                _, _, future = heapq.heappop(self._sleepers)
                if not future.done():
                    future.set_result(None)
            await self.settle()
        return self._now - start
