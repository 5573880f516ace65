"""The failure limiter that slows down guessing of session numbers and passwords."""

from __future__ import annotations

import types

import pytest

from support_center import rate_limit
from support_center.rate_limit import SWEEP_AT_KEYS, FailureLimiter, Limited, address_key


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(rate_limit, "time", types.SimpleNamespace(monotonic=fake.monotonic))
    return fake


def test_failures_below_the_limit_never_make_anyone_wait(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=3, window_s=60)
    for _ in range(2):
        limiter.failed("10.0.0.1")
        assert limiter.retry_after("10.0.0.1") is None


def test_the_limit_makes_the_address_wait_until_its_first_failure_ages_out(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=3, window_s=60)
    for _ in range(3):
        limiter.failed("10.0.0.1")
        clock.now += 10
    # Failures at 1000, 1010 and 1020; now 1030: the one at 1000 ages out at 1060.
    assert limiter.retry_after("10.0.0.1") == pytest.approx(30)
    clock.now = 1059.95
    assert limiter.retry_after("10.0.0.1") == pytest.approx(0.1)
    clock.now = 1060.0
    assert limiter.retry_after("10.0.0.1") is None


def test_the_window_slides(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=2, window_s=10)
    limiter.failed("a")
    clock.now += 6
    limiter.failed("a")
    assert limiter.retry_after("a") == pytest.approx(4)
    clock.now += 4  # the first failure ages out; one remains
    assert limiter.retry_after("a") is None
    limiter.failed("a")  # ...and one more is enough to be held again
    assert limiter.retry_after("a") == pytest.approx(6)


def test_addresses_are_counted_apart(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=1, window_s=10)
    limiter.failed("10.0.0.1")
    assert limiter.retry_after("10.0.0.1") is not None
    assert limiter.retry_after("10.0.0.2") is None


def test_the_wait_is_never_reported_shorter_than_it_is(clock: Clock) -> None:
    # Callers report the wait to a tenth of a second; a client that waits exactly that long
    # must get through.
    limiter = FailureLimiter(max_failures=1, window_s=1)
    limiter.failed("a")
    clock.now += 0.06  # 0.94 s to go
    wait = limiter.retry_after("a")
    assert wait is not None and round(wait, 1) >= 0.94
    clock.now += round(wait, 1)
    assert limiter.retry_after("a") is None


def test_a_held_address_is_told_at_least_a_tenth_of_a_second(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=1, window_s=1)
    limiter.failed("a")
    clock.now += 0.999
    assert limiter.retry_after("a") == pytest.approx(0.1)


def test_forgotten_addresses_do_not_pile_up(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=3, window_s=5)
    for n in range(100):
        limiter.failed(f"10.0.0.{n}")
    clock.now += 5
    for n in range(100):
        assert limiter.retry_after(f"10.0.0.{n}") is None
    assert limiter._failures == {}


def test_attempts_are_counted_before_they_are_checked(clock: Clock) -> None:
    # A burst sent at once: each attempt is counted as it comes in, so only the first ones
    # get to be checked, whatever their outcome will be.
    limiter = FailureLimiter(max_failures=3, window_s=60)
    admitted = 0
    for _ in range(40):
        try:
            limiter.attempt("address:a", "account:ada")
            admitted += 1
        except Limited as limited:
            assert limited.retry_after_s == pytest.approx(60)
    assert admitted == 3


def test_an_attempt_waits_for_the_most_held_of_its_keys(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=2, window_s=60)
    limiter.attempt("address:a", "account:ada")
    clock.now += 10
    limiter.attempt("address:b", "account:ada")
    # The account is held; a fresh address asking for it is too, and counts nothing.
    with pytest.raises(Limited) as limited:
        limiter.attempt("address:c", "account:ada")
    assert limited.value.retry_after_s == pytest.approx(50)
    assert limiter.retry_after("address:c") is None
    assert limiter.attempt("address:c", "account:bob")


def test_a_forgiven_attempt_no_longer_counts(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=2, window_s=60)
    first = limiter.attempt("address:a", "account:ada")
    limiter.attempt("address:a", "account:ada")
    limiter.forgive(first)  # it was a success after all
    assert limiter.retry_after("address:a") is None
    assert limiter.retry_after("account:ada") is None
    limiter.attempt("address:a")
    assert limiter.retry_after("address:a") is not None


def test_names_made_up_by_a_guesser_are_swept_out(clock: Clock) -> None:
    limiter = FailureLimiter(max_failures=3, window_s=5)
    for n in range(SWEEP_AT_KEYS - 1):
        limiter.attempt(f"account:made-up-{n}")
    clock.now += 5
    limiter.attempt("account:one-more")  # past the threshold: the stale ones go
    assert list(limiter._failures) == ["account:one-more"]


def test_an_ipv6_address_is_limited_as_its_64() -> None:
    # One subscriber picks any address in their /64: all of it is one address to the limits.
    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert address_key("2001:db8:1:2::1") == address_key("2001:0db8:0001:0002:0:0:0:9")
    assert address_key("fe80::1%eth0") == address_key("fe80::2")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    # IPv4 addresses stay whole, written plainly or mapped into IPv6.
    assert address_key("::ffff:192.0.2.1") == address_key("192.0.2.1")
    assert address_key("192.0.2.1") != address_key("192.0.2.2")
    assert address_key("unknown") == "address:unknown"
    # So a limit reached from one /64 holds its other addresses too.
    limiter = FailureLimiter(max_failures=2, window_s=60)
    for host in ("2001:db8::1", "2001:db8::2"):
        limiter.failed(address_key(host))
    assert limiter.retry_after(address_key("2001:db8::abcd")) is not None
    assert limiter.retry_after(address_key("2001:db8:0:1::1")) is None
