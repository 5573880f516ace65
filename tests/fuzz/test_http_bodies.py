"""Fuzz the center's HTTP bodies: the JSON object a handler reads and the fields it checks, on
their own and through a real center on loopback. Anything sent is answered with a JSON problem
(400, 401, 404, 409, 413, 429), never with a 500 from a handler that raised."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support_center.api import MAX_BODY_BYTES, ApiProblem, parse_body, text_field
from tests.fuzz.targets import HANDLER_FIELDS, TARGETS
from tests.fuzz.wire import JSON_VALUES, TEXT, WRONG_VALUES
from tests.helpers import AGENT_PASSWORD, AGENT_USER, running_center
from tests.integration.support import pinned_http

FUZZ = settings(
    max_examples=300,
    deadline=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# What a handler may answer a hostile body with; 500 (a handler that raised) is not in it.
ANSWERS = {200, 400, 401, 404, 409, 413, 429}
# How long one request to the loopback center may take before it counts as a hang.
REQUEST_TIMEOUT_S = 10.0

FIELD_VALUES = WRONG_VALUES | TEXT | st.just("\ud800") | st.just("a\x00b")
BODIES = st.one_of(
    # Objects with the handlers' own keys, values of every type and edge.
    st.fixed_dictionaries(
        {}, optional={"username": FIELD_VALUES, "password": FIELD_VALUES, "x": JSON_VALUES}
    ).map(lambda body: json.dumps(body).encode()),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    # Nesting deep enough to exhaust the JSON parser's recursion, within the size limit.
    st.integers(1, MAX_BODY_BYTES // 2).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(MAX_BODY_BYTES - 20, MAX_BODY_BYTES + 2).map(
        lambda size: b'{"username":"' + b"a" * (size - 16) + b'"}'
    ),
    st.binary(max_size=200),
)


def test_a_body_is_parsed_or_refused_with_a_problem() -> None:
    run = TARGETS["http_body"].run

    @FUZZ
    @given(body=BODIES)
    def parse(body: bytes) -> None:
        run(body)

    parse()


def test_a_path_number_is_read_or_not_found() -> None:
    run = TARGETS["http_path_number"].run

    @FUZZ
    @given(text=st.text(max_size=30) | st.integers().map(str) | st.just("1" * 5000))
    def read(text: str) -> None:
        run(text.encode("utf-8", "surrogatepass"))

    read()


@pytest.mark.parametrize("body", [b"[" * 4000 + b"]" * 4000, b'{"":' * 1600 + b"1" + b"}" * 1600])
def test_nesting_that_broke_the_parser_is_refused(body: bytes) -> None:
    # Found by the fuzzer: json.loads raised RecursionError out of the handler, which aiohttp
    # answers with a bare 500.
    with pytest.raises(ApiProblem) as refused:
        parse_body(body)
    assert (refused.value.status, refused.value.body["code"]) == (400, "malformed")


@pytest.mark.parametrize(("key", "max_chars", "required"), HANDLER_FIELDS)
def test_a_field_that_is_not_unicode_is_refused(key: str, max_chars: int, required: bool) -> None:
    # Found by the fuzzer: a lone surrogate passed the field check, then SQLite or the password
    # hash raised UnicodeEncodeError out of the handler.
    body = parse_body(b'{"%s":"a\\ud800"}' % key.encode())
    with pytest.raises(ApiProblem) as refused:
        text_field(body, key, max_chars, required)
    assert (refused.value.status, refused.value.body["code"]) == (400, "invalid")


# --- through a real center ---------------------------------------------------------------------


@dataclass
class LiveCenter:
    """A real center on loopback, served from a thread of its own so that Hypothesis (which
    runs examples synchronously) can send it requests."""

    loop: asyncio.AbstractEventLoop
    http: aiohttp.ClientSession
    url: str
    token: str

    def send(self, method: str, path: str, body: bytes, token: bool) -> tuple[int, Any]:
        async def request() -> tuple[int, Any]:
            headers = {"Content-Type": "application/json"}
            if token:
                headers["Authorization"] = f"Bearer {self.token}"
            async with self.http.request(
                method, self.url + path, data=body, headers=headers
            ) as response:
                return response.status, await response.json(content_type=None)

        future = asyncio.run_coroutine_threadsafe(request(), self.loop)
        return future.result(REQUEST_TIMEOUT_S)


@pytest.fixture(scope="module")
def live_center(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveCenter]:
    loop = asyncio.new_event_loop()
    ready: asyncio.Future[LiveCenter] = loop.create_future()
    done = asyncio.Event()

    async def serve(data_dir: Path) -> None:
        async with running_center(data_dir) as center, pinned_http(center) as http:
            credentials = {"username": AGENT_USER, "password": AGENT_PASSWORD}
            async with http.post(center.running.url + "/api/login", json=credentials) as signed:
                token = (await signed.json())["token"]
            ready.set_result(LiveCenter(loop, http, center.running.url, token))
            await done.wait()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    served = asyncio.run_coroutine_threadsafe(serve(tmp_path_factory.mktemp("center")), loop)
    try:
        yield asyncio.run_coroutine_threadsafe(asyncio.wait_for(ready, 30), loop).result()
    finally:
        loop.call_soon_threadsafe(done.set)
        served.result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


ENDPOINTS = st.sampled_from(
    [
        ("POST", "/api/login", False),
        ("POST", "/api/sessions", True),
        ("POST", "/api/sessions/123456789/end", True),
    ]
)


def test_the_center_answers_every_body_with_a_json_problem(live_center: LiveCenter) -> None:
    @settings(FUZZ, max_examples=60, deadline=None)
    @given(endpoint=ENDPOINTS, body=BODIES)
    def post(endpoint: tuple[str, str, bool], body: bytes) -> None:
        method, path, token = endpoint
        status, answer = live_center.send(method, path, body, token)
        assert status in ANSWERS, (status, answer)
        assert isinstance(answer, dict)

    post()


@pytest.mark.parametrize(
    ("path", "body", "token"),
    [
        ("/api/login", b"[" * 4000 + b"]" * 4000, False),
        ("/api/login", b'{"username":"\\ud800","password":"x"}', False),
        ("/api/login", b'{"username":"ada","password":"\\ud800"}', False),
        ("/api/sessions", b'{"password":"\\ud800"}', True),
    ],
    ids=["deep nesting", "surrogate name", "surrogate password", "surrogate session password"],
)
def test_bodies_that_made_the_center_fail_are_refused(
    live_center: LiveCenter, path: str, body: bytes, token: bool
) -> None:
    status, answer = live_center.send("POST", path, body, token)
    assert (status, answer["code"]) in {(400, "malformed"), (400, "invalid")}, (status, answer)


def test_paths_that_are_not_numbers_are_not_found(live_center: LiveCenter) -> None:
    for number in ("1" * 5000, "-1", "1e9", "١٢٣٤٥٦٧٨٩", "%00", "123456789.0"):
        status, answer = live_center.send("GET", f"/api/sessions/{number}", b"", True)
        assert (status, answer["code"]) == (404, "no_such_session"), number
