"""Guessing agents' and sessions' passwords against a real center on loopback, as an attacker
would: in parallel, from several addresses, timing the answers, flooding the checks."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from shared.protocol import TO_CENTER
from shared.protocol.messages import CustomerJoin, ErrorMessage, Welcome
from shared.security import passwords
from support_center.api import KNOWN_ADDRESSES, LOGIN_LIMITER
from support_center.hub import FRESH_ADDRESS_SESSION_FACTOR
from support_center.password_checks import MAX_PASSWORD_CHECKS_AT_ONCE, MAX_PASSWORD_CHECKS_WAITING
from support_center.rate_limit import KNOWN_ADDRESS_S
from tests.helpers import AGENT_PASSWORD, AGENT_USER, CenterFixture, running_center, wait_for
from tests.integration.support import answer, raw_socket

SESSION_PASSWORD = "blue tulip"
# The whole 127/8 block is loopback on Linux: a client bound to 127.0.0.2 is another address
# to the center (which trusts no forwarding header).
ATTACKER = "127.0.0.2"
GUESSES = 40


class Clock:
    """The limiters' clock, stepped by the test instead of waiting a window out."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def frozen_limiters(center: CenterFixture) -> Clock:
    clock = Clock()
    center.running.runner.app[LOGIN_LIMITER].clock = clock
    center.running.hub.join_limiter.clock = clock
    return clock


class Checks:
    """The center's password checks, counted, and held back while the test says so."""

    def __init__(self) -> None:
        self.calls = 0
        self.running = 0
        self.peak = 0
        self._lock = threading.Lock()
        self._go = threading.Event()
        self._go.set()
        self._real = passwords.check_password

    def hold(self, stand_in: bool = False) -> None:
        """Hold checks back from now on; with ``stand_in``, once released they answer "wrong"
        at once instead of running Argon2 (for counting many of them)."""
        self._go.clear()
        if stand_in:
            self._real = lambda stored_hash, password: False

    def __call__(self, stored_hash: str | None, password: str) -> bool:
        with self._lock:
            self.calls += 1
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            self._go.wait(timeout=30)
            return self._real(stored_hash, password)
        finally:
            with self._lock:
                self.running -= 1

    def release(self) -> None:
        self._go.set()


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[Checks]:
    counted = Checks()
    monkeypatch.setattr(passwords, "check_password", counted)
    try:
        yield counted
    finally:
        counted.release()


@asynccontextmanager
async def client_at(center: CenterFixture, address: str) -> AsyncIterator[aiohttp.ClientSession]:
    """An HTTP client pinned to the center, connecting from ``address``."""
    pin = aiohttp.Fingerprint(bytes.fromhex(center.running.fingerprint))
    connector = aiohttp.TCPConnector(ssl=pin, local_addr=(address, 0), limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        yield http


async def sign_in(
    http: aiohttp.ClientSession, center: CenterFixture, username: str, password: str
) -> tuple[int, str]:
    body = {"username": username, "password": password}
    async with http.post(center.running.url + "/api/login", json=body) as response:
        got = await response.json(content_type=None)
        return response.status, str(got.get("code", "signed_in"))


async def joins(
    http: aiohttp.ClientSession, center: CenterFixture, number: int, passwords_: list[str]
) -> list[str]:
    """Join attempts on one signaling socket, sent at once; what each was answered."""
    async with http.ws_connect(center.running.url + "/ws") as ws:
        for password in passwords_:
            join = CustomerJoin(session=number, name="Mallory", password=password)
            await ws.send_str(TO_CENTER.encode(join))
        got = []
        for _ in passwords_:
            reply = await answer(ws)
            if isinstance(reply, Welcome):
                got.append("welcome")
                break
            assert isinstance(reply, ErrorMessage)
            got.append(str(reply.code))
        return got


async def protected_session(center: CenterFixture) -> tuple[int, str]:
    """A session with a password, started through the API: its number and the agent's token."""
    async with client_at(center, "127.0.0.1") as http:
        body = {"username": AGENT_USER, "password": AGENT_PASSWORD}
        async with http.post(center.running.url + "/api/login", json=body) as response:
            token = (await response.json())["token"]
        async with http.post(
            center.running.url + "/api/sessions",
            json={"password": SESSION_PASSWORD},
            headers={"Authorization": f"Bearer {token}"},
        ) as response:
            return int((await response.json())["number"]), str(token)


# --- agents' passwords --------------------------------------------------------------------------


async def test_parallel_wrong_sign_ins_are_checked_at_most_up_to_the_limit(
    tmp_path: Path, checks: Checks
) -> None:
    async with running_center(tmp_path / "center", max_failures=5, failure_window_s=60) as c:
        clock = frozen_limiters(c)
        async with client_at(c, ATTACKER) as http:
            answers = await asyncio.gather(
                *(sign_in(http, c, AGENT_USER, f"guess {n}") for n in range(GUESSES))
            )
            assert answers.count((401, "bad_credentials")) == 5
            assert answers.count((429, "rate_limited")) == GUESSES - 5
            assert checks.calls == 5
            # The right password waits too, until the window has passed.
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (429, "rate_limited")
            clock.now += 60
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (200, "signed_in")


async def test_an_account_is_limited_whatever_address_guesses_it(tmp_path: Path) -> None:
    async with running_center(tmp_path / "center", max_failures=3, failure_window_s=60) as c:
        frozen_limiters(c)
        for address in ("127.0.0.2", "127.0.0.3", "127.0.0.4"):
            async with client_at(c, address) as http:
                assert await sign_in(http, c, AGENT_USER, "guess") == (401, "bad_credentials")
        async with client_at(c, "127.0.0.5") as http:  # never seen before
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (429, "rate_limited")


async def test_guessers_elsewhere_do_not_lock_an_agent_out_of_their_account(
    tmp_path: Path,
) -> None:
    async with running_center(tmp_path / "center", max_failures=3, failure_window_s=60) as c:
        clock = frozen_limiters(c)
        c.running.runner.app[KNOWN_ADDRESSES].clock = clock
        office = "127.0.0.1"
        async with client_at(c, office) as http:  # the agent's usual sign-in
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (200, "signed_in")
        # The attack: wrong passwords for the agent's name from other addresses, kept up.
        for address in ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.2"):
            async with client_at(c, address) as http:
                assert (await sign_in(http, c, AGENT_USER, "guess"))[0] in (401, 429)
        async with client_at(c, "127.0.0.5") as http:  # a new address is held by the account
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (429, "rate_limited")
        async with client_at(c, office) as http:  # the agent's own is not
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (200, "signed_in")
            # … but guesses from it are held by its own limit all the same.
            for _ in range(3):
                assert await sign_in(http, c, AGENT_USER, "guess") == (401, "bad_credentials")
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (429, "rate_limited")
            clock.now += 60
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (200, "signed_in")
            # Known for a month after its last sign-in; then it is any address again.
            clock.now += KNOWN_ADDRESS_S
            for address in ("127.0.0.2", "127.0.0.3", "127.0.0.4"):
                async with client_at(c, address) as other:
                    assert await sign_in(other, c, AGENT_USER, "guess") == (401, "bad_credentials")
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (429, "rate_limited")


async def test_an_address_is_limited_whatever_names_it_tries(tmp_path: Path) -> None:
    async with running_center(tmp_path / "center", max_failures=3, failure_window_s=60) as c:
        frozen_limiters(c)
        async with client_at(c, ATTACKER) as http:
            for name in ("root", "admin", "bob"):  # no such agents: counted all the same
                assert await sign_in(http, c, name, "guess") == (401, "bad_credentials")
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (429, "rate_limited")
        async with client_at(c, "127.0.0.3") as http:
            assert await sign_in(http, c, AGENT_USER, AGENT_PASSWORD) == (200, "signed_in")


async def test_an_unknown_user_name_takes_as_long_as_a_known_one(tmp_path: Path) -> None:
    async with (
        running_center(tmp_path / "center", max_failures=1000) as c,
        client_at(c, ATTACKER) as http,
    ):
        await sign_in(http, c, "warm-up", "guess")  # the connection, made once
        known: list[float] = []
        unknown: list[float] = []
        for _ in range(5):
            for name, times in ((AGENT_USER, known), ("nobody", unknown)):
                start = time.perf_counter()
                assert await sign_in(http, c, name, "guess") == (401, "bad_credentials")
                times.append(time.perf_counter() - start)
        ratio = statistics.median(unknown) / statistics.median(known)
        assert 0.5 <= ratio <= 2.0, f"unknown/known median time {ratio:.2f}"


async def test_a_flood_of_sign_ins_runs_only_a_few_checks_at_once(
    tmp_path: Path, checks: Checks
) -> None:
    async with (
        running_center(tmp_path / "center", max_failures=1000) as c,
        client_at(c, ATTACKER) as http,
    ):
        checks.hold(stand_in=True)
        flood = [
            asyncio.ensure_future(sign_in(http, c, f"user{n}", "guess")) for n in range(GUESSES)
        ]
        queued = MAX_PASSWORD_CHECKS_AT_ONCE + MAX_PASSWORD_CHECKS_WAITING
        # While the first checks run, those past the queue are told to come back, at once.
        await wait_for(
            lambda: sum(f.done() for f in flood) == GUESSES - queued,
            what="the callers past the queue to be refused",
        )
        assert checks.running == MAX_PASSWORD_CHECKS_AT_ONCE
        refused = [f.result() for f in flood if f.done()]
        assert set(refused) == {(429, "rate_limited")}
        checks.release()
        answers = await asyncio.gather(*flood)
        assert answers.count((401, "bad_credentials")) == queued  # the queue was served
        assert checks.peak == MAX_PASSWORD_CHECKS_AT_ONCE


# --- session passwords --------------------------------------------------------------------------


async def test_parallel_session_password_guesses_are_checked_at_most_up_to_the_limit(
    tmp_path: Path, checks: Checks
) -> None:
    async with running_center(tmp_path / "center", max_failures=5, failure_window_s=60) as c:
        clock = frozen_limiters(c)
        number, _ = await protected_session(c)
        checks.calls = 0
        sockets, per_socket = 5, GUESSES // 5
        async with client_at(c, ATTACKER) as http:
            answered = await asyncio.gather(
                *(
                    joins(http, c, number, [f"guess {s}-{n}" for n in range(per_socket)])
                    for s in range(sockets)
                )
            )
        codes = [code for socket_codes in answered for code in socket_codes]
        assert codes.count("wrong_password") == 5
        assert codes.count("rate_limited") == GUESSES - 5
        assert checks.calls == 5
        # Another address takes over the guessing for one guess only: the number is held for
        # any address that failed on it.
        async with client_at(c, "127.0.0.3") as http:
            assert await joins(http, c, number, ["guess", "guess again"]) == [
                "wrong_password",
                "rate_limited",
            ]
            clock.now += 60
            assert await joins(http, c, number, [SESSION_PASSWORD]) == ["welcome"]


async def test_guessers_do_not_hold_a_customer_out_of_a_protected_session(
    tmp_path: Path, checks: Checks
) -> None:
    async with running_center(tmp_path / "center", max_failures=2, failure_window_s=60) as c:
        frozen_limiters(c)
        number, _ = await protected_session(c)
        checks.calls = 0
        # The attack: wrong passwords from a few addresses, each as far as its limits let it.
        attackers = [f"127.0.0.{n}" for n in range(2, 6)]
        answers: list[str] = []
        for address in attackers:
            async with client_at(c, address) as http:
                answers += await joins(http, c, number, ["a", "b", "c"])
        assert answers.count("wrong_password") > 2  # past the session's own limit
        # Those addresses are held on this session; the customer, elsewhere, gets in.
        async with client_at(c, attackers[0]) as http:
            assert await joins(http, c, number, [SESSION_PASSWORD]) == ["rate_limited"]
        async with client_at(c, "127.0.0.9") as http:
            assert await joins(http, c, number, [SESSION_PASSWORD]) == ["welcome"]
        # Guessing spread over more fresh addresses is still held at the larger allowance.
        allowance = 2 * FRESH_ADDRESS_SESSION_FACTOR
        for n in range(10, 10 + allowance):
            async with client_at(c, f"127.0.0.{n}") as http:
                answers += await joins(http, c, number, ["guess"])
        assert answers.count("wrong_password") == allowance
        assert checks.calls == allowance + 1  # the customer's right one


async def test_failed_joins_are_capped_for_the_whole_center(tmp_path: Path) -> None:
    async with running_center(
        tmp_path / "center", max_failures=2, failure_window_s=60, max_failed_joins=6
    ) as c:
        clock = frozen_limiters(c)
        number, _ = await protected_session(c)
        unused = number + 1 if number < 999_999_999 else number - 1
        # The attack: session numbers guessed from several addresses, each within its limit.
        for address in ("127.0.0.2", "127.0.0.3", "127.0.0.4"):
            async with client_at(c, address) as http:
                assert await joins(http, c, unused, ["", ""]) == ["no_such_session"] * 2
        async with client_at(c, "127.0.0.5") as http:  # a fourth address: the center is held
            assert await joins(http, c, unused, [""]) == ["rate_limited"]
            clock.now += 60
            assert await joins(http, c, number, [SESSION_PASSWORD]) == ["welcome"]


async def test_a_customer_is_not_seated_in_a_session_that_ended_during_the_check(
    tmp_path: Path, checks: Checks
) -> None:
    async with running_center(tmp_path / "center") as c:
        number, token = await protected_session(c)
        checks.hold()
        async with raw_socket(c) as ws:
            join = CustomerJoin(session=number, name="Grace", password=SESSION_PASSWORD)
            await ws.send_str(TO_CENTER.encode(join))
            await wait_for(lambda: checks.running == 1, what="the password check to start")
            async with client_at(c, "127.0.0.1") as http:
                url = f"{c.running.url}/api/sessions/{number}/end"
                headers = {"Authorization": f"Bearer {token}"}
                async with http.post(url, headers=headers) as response:
                    assert response.status == 200
            checks.release()
            reply = await answer(ws)
            assert isinstance(reply, ErrorMessage) and reply.code == "session_ended"
        assert c.running.store.participants(number) == []
