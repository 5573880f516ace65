"""Slows down guessing: too many failures on one key (an address, an account, a session
number), and it must wait.

Guesses come in parallel, so an attempt is counted *before* its slow password check
(``attempt``): otherwise a burst sent at once is all checked before any failure is recorded.
An attempt that turns out not to be a guess (a success, a busy center) is given back
(``forgive``); a failed one stays counted for the window.

A limit on one account or one session number, whatever address guesses, is what stops guessing
spread over many addresses; it also lets anyone hold the real user out with a few wrong guesses a
minute. So the real user is told apart by where they come from: an address that signed in to
the account lately (``KnownAddresses``) is not held by the account's limit, and a customer from
an address that has not failed on the session gets a larger allowance (see the hub).
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# Keys whose failures all aged out are dropped when asked about; past this many keys, the
# limiter also sweeps out the stale ones, so that names made up by a guesser do not pile up.
SWEEP_AT_KEYS = 10_000
# One IPv6 subscriber gets a /64 at least (and picks addresses in it at will, privacy addresses
# change by the day): one address, for the limits, is its /64.
IPV6_SUBSCRIBER_PREFIX = 64
# An address an agent signed in from is trusted for their account this long: the agent's office
# or home, used every working day; one away for a month signs in once past the account's limit.
KNOWN_ADDRESS_S = 30 * 24 * 3600.0
# Addresses remembered per account (the most recently used kept): a roaming agent's many
# networks do not pile up, and only a right password adds one.
MAX_KNOWN_ADDRESSES_PER_ACCOUNT = 32


def address_key(address: str) -> str:
    """The limits' key for a client address: an IPv6 address stands for its /64, an IPv4 one
    (mapped into IPv6 or not) for itself."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])  # without an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return "address:" + address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"address:{ip.ipv4_mapped}"
        network = ipaddress.IPv6Network((ip, IPV6_SUBSCRIBER_PREFIX), strict=False)
        return f"address:{network}"
    return f"address:{ip}"


def account_key(username: str) -> str:
    return "account:" + username


def session_key(number: int) -> str:
    return f"session:{number}"


def session_address_key(number: int, address: str) -> str:
    """One address's guesses on one session number."""
    return f"session:{number}:{address_key(address)}"


# All failed joins of the center, whatever address and number.
CENTER_JOINS_KEY = "center:joins"


class Limited(Exception):
    """A key has used up its window; nothing was counted."""

    def __init__(self, retry_after_s: float) -> None:
        super().__init__(f"retry after {retry_after_s} s")
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Attempt:
    keys: tuple[str, ...]
    at: float


class FailureLimiter:
    def __init__(
        self, max_failures: int, window_s: float, clock: Callable[[], float] | None = None
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        # Monotonic seconds; tests set their own to step over a window without waiting it out.
        self.clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._sweep_at = SWEEP_AT_KEYS

    def _now(self) -> float:
        return self.clock() if self.clock is not None else time.monotonic()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return deque()
        return failures

    def _wait(self, key: str, now: float, limit: int | None = None) -> float | None:
        failures = self._recent(key, now)
        limit = self.max_failures if limit is None else limit
        if len(failures) < limit:
            return None
        # Free again once all but limit - 1 have aged out. Rounded up to the tenth the
        # callers report, so a client that waits exactly that long is not refused again.
        frees_at = failures[-limit] + self.window_s
        return max(0.1, math.ceil((frees_at - now) * 10) / 10)

    def retry_after(self, key: str) -> float | None:
        """Seconds ``key`` must still wait, or None if it may try now."""
        return self._wait(key, self._now())

    def failed(self, key: str) -> None:
        self._failures[key].append(self._now())

    def failures(self, key: str) -> int:
        """Attempts on ``key`` counted in the window (in progress or failed)."""
        return len(self._recent(key, self._now()))

    def attempt(self, *keys: str, limits: Mapping[str, int] | None = None) -> Attempt:
        """Count an attempt on every key at once, before it is checked; raises ``Limited``
        (counting nothing) if any of them must wait. ``limits`` sets other limits than
        ``max_failures`` for some keys."""
        now = self._now()
        limits = limits or {}
        waits = [
            w for w in (self._wait(key, now, limits.get(key)) for key in keys) if w is not None
        ]
        if waits:
            raise Limited(max(waits))
        for key in keys:
            self._failures[key].append(now)
        if len(self._failures) >= self._sweep_at:
            self._sweep(now)
        return Attempt(keys, now)

    def forgive(self, attempt: Attempt) -> None:
        """Give back an attempt that was not a failed guess."""
        for key in attempt.keys:
            failures = self._failures.get(key)
            if failures is not None and attempt.at in failures:
                failures.remove(attempt.at)
                if not failures:
                    del self._failures[key]

    def _sweep(self, now: float) -> None:
        for key in list(self._failures):
            self._recent(key, now)
        # Sweeping again only once the keys have doubled keeps this cheap per attempt.
        self._sweep_at = max(SWEEP_AT_KEYS, 2 * len(self._failures))


class KnownAddresses:
    """Addresses each account signed in from lately, in memory: the center forgets them when it
    restarts, and each agent's next sign-in (under the account's limit) teaches it again."""

    def __init__(self, clock: Callable[[], float] | None = None) -> None:
        self.clock = clock  # monotonic seconds, as the limiters'
        self._seen: dict[str, OrderedDict[str, float]] = {}

    def _now(self) -> float:
        return self.clock() if self.clock is not None else time.monotonic()

    def signed_in(self, account: str, address: str) -> None:
        seen = self._seen.setdefault(account, OrderedDict())
        key = address_key(address)
        seen.pop(key, None)
        seen[key] = self._now()
        while len(seen) > MAX_KNOWN_ADDRESSES_PER_ACCOUNT:
            seen.popitem(last=False)  # the least recently used

    def known(self, account: str, address: str) -> bool:
        """Whether ``address`` signed in to ``account`` within ``KNOWN_ADDRESS_S``."""
        seen = self._seen.get(account)
        at = seen.get(address_key(address)) if seen is not None else None
        return at is not None and self._now() - at < KNOWN_ADDRESS_S
