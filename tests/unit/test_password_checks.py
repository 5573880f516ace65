"""The cap on memory-hard password checks that callers who are not signed in can start."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest

from shared.security import passwords
from support_center.password_checks import ChecksBusy, PasswordGate
from tests.helpers import wait_for


class HeldChecks:
    def __init__(self) -> None:
        self.running = 0
        self.go = threading.Event()

    def __call__(self, stored_hash: str | None, password: str) -> bool:
        self.running += 1
        try:
            self.go.wait(timeout=30)
            return password == "right"
        finally:
            self.running -= 1


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldChecks]:
    checks = HeldChecks()
    monkeypatch.setattr(passwords, "check_password", checks)
    yield checks
    checks.go.set()


async def test_a_caller_past_the_cap_waits_and_one_past_the_queue_is_refused(
    held: HeldChecks,
) -> None:
    gate = PasswordGate(at_once=1, waiting=1)
    first = asyncio.ensure_future(gate.check("hash", "right"))
    await wait_for(lambda: held.running == 1)
    second = asyncio.ensure_future(gate.check("hash", "wrong"))
    await wait_for(lambda: gate._waiting == 1, what="the second caller to queue")
    with pytest.raises(ChecksBusy):
        await gate.check("hash", "third")
    held.go.set()
    assert await first is True
    assert await second is False


async def test_a_cancelled_caller_keeps_its_slot_until_its_check_ends(held: HeldChecks) -> None:
    gate = PasswordGate(at_once=1, waiting=0)
    caller = asyncio.ensure_future(gate.check("hash", "right"))
    await wait_for(lambda: held.running == 1)
    caller.cancel()  # e.g. the client hung up: the thread still runs, holding 64 MiB
    with pytest.raises(asyncio.CancelledError):
        await caller
    with pytest.raises(ChecksBusy):
        await gate.check("hash", "right")
    held.go.set()
    await wait_for(lambda: held.running == 0)
    await wait_for(lambda: not gate._slots.locked())
    assert await gate.check("hash", "right") is True


def test_an_unknown_user_is_checked_against_a_hash_of_the_same_cost() -> None:
    real = passwords.hash_password("x")
    assert passwords.dummy_hash().rsplit("$", 2)[0] == real.rsplit("$", 2)[0]  # same parameters
    assert passwords.check_password(None, "x") is False
