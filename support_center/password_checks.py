"""At most a few memory-hard password checks at once for callers who are not signed in.

Each Argon2id check holds 64 MiB for about 0.1 s; without a cap, a flood of sign-ins or joins
from many addresses would run as many at once as there are worker threads, and more memory
than the machine has. Callers past the cap wait in a short queue; past the queue they are
refused at once, with the same "try again" answer as the rate limiter. Waiting serves a real
burst (a morning's sign-ins, several customers joining together) in well under a second; the
immediate refusal answers a flood without letting anything pile up.
"""

from __future__ import annotations

import asyncio

from shared.security import passwords

# 4 x 64 MiB = 256 MiB at worst, and still about 40 checks a second: far more than a support
# desk's sign-ins and joins.
MAX_PASSWORD_CHECKS_AT_ONCE = 4
# Callers waiting for a slot; 16 more clear in about 0.4 s.
MAX_PASSWORD_CHECKS_WAITING = 16
# What a caller refused for a full queue is told to wait.
BUSY_RETRY_S = 1.0


class ChecksBusy(Exception):
    """Too many checks running and waiting; nothing was checked."""

    retry_after_s = BUSY_RETRY_S


class PasswordGate:
    def __init__(
        self,
        at_once: int = MAX_PASSWORD_CHECKS_AT_ONCE,
        waiting: int = MAX_PASSWORD_CHECKS_WAITING,
    ) -> None:
        self._slots = asyncio.Semaphore(at_once)
        self._max_waiting = waiting
        self._waiting = 0

    async def check(self, stored_hash: str | None, password: str) -> bool:
        """``passwords.check_password`` in a worker thread, within the cap; None is an
        unknown user, checked against a dummy hash all the same. Raises ``ChecksBusy``."""
        if self._slots.locked():
            if self._waiting >= self._max_waiting:
                raise ChecksBusy
            self._waiting += 1
            try:
                await self._slots.acquire()
            finally:
                self._waiting -= 1
        else:
            await self._slots.acquire()
        # The slot is given back when the thread ends, not when the caller stops waiting for
        # it: a caller cancelled mid-check must not let another check start beside it.
        work = asyncio.ensure_future(
            asyncio.to_thread(passwords.check_password, stored_hash, password)
        )
        work.add_done_callback(lambda _: self._slots.release())
        return await asyncio.shield(work)

    async def warm(self) -> None:
        """Make the dummy hash now, so the first unknown user costs no more than a known one."""
        await asyncio.to_thread(passwords.dummy_hash)
