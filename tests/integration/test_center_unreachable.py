"""A center that cannot be reached fails with one of a few typed kinds, each with its advice,
never the network library's own text: nothing listening, no answer, no TLS, another
certificate, an address that cannot be a host's."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from shared.transport import center_link
from shared.transport.center_link import CenterError, CenterLink, ConnectionFailure
from tests.helpers import CenterFixture, free_port

PIN = "ab" * 32


@asynccontextmanager
async def tcp_server(
    handle: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
) -> AsyncIterator[str]:
    """A plain TCP server on loopback; yields its https:// address."""
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()
        await server.wait_closed()


async def _failure(link: CenterLink, socket: bool = False) -> CenterError:
    """How a sign-in call (or the signaling socket) to ``link`` fails."""
    try:
        with pytest.raises(CenterError) as failed:
            if socket:
                await link.open_socket(lambda _: None, lambda: None)
            else:
                await link.call("POST", "/api/login", {"username": "ada", "password": "x"})
        assert "ssl:default" not in failed.value.reason and "Connect call" not in str(failed.value)
        return failed.value
    finally:
        await link.close()


@pytest.mark.parametrize("socket", [False, True])
async def test_nothing_listening_is_refused(socket: bool) -> None:
    link = CenterLink(f"https://127.0.0.1:{free_port()}", PIN)
    failed = await _failure(link, socket)
    assert (failed.code, failed.reason) == (
        ConnectionFailure.REFUSED,
        "The support center is not accepting connections.",
    )


async def test_a_center_that_never_answers_is_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(center_link, "REQUEST_TIMEOUT_S", 0.5)
    accepted = asyncio.Event()

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.set()
        await reader.read()  # says nothing until the client gives up
        writer.close()

    async with tcp_server(silent) as url:
        failed = await _failure(CenterLink(url, PIN))
    assert accepted.is_set()
    assert failed.code == ConnectionFailure.NO_ANSWER


async def test_plain_http_on_the_port_is_not_secure() -> None:
    async def plain_http(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(64)
        writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    async with tcp_server(plain_http) as url:
        failed = await _failure(CenterLink(url, PIN))
    assert failed.code == ConnectionFailure.NOT_SECURE


@pytest.mark.parametrize("socket", [False, True])
async def test_another_certificate_is_a_mismatch(center: CenterFixture, socket: bool) -> None:
    failed = await _failure(CenterLink(center.running.url, "00" * 32), socket)
    assert failed.code == ConnectionFailure.CERTIFICATE_MISMATCH


async def test_an_address_that_cannot_be_a_host_is_not_found() -> None:
    # A 64-letter label is refused before any name lookup (no query leaves the machine).
    failed = await _failure(CenterLink("https://" + "a" * 64 + ".example:8443", PIN))
    assert failed.code == ConnectionFailure.NOT_FOUND
