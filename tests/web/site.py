"""What the web tests share: a center with a queue and a client to hand out, a page on another
site that links to it, and reading a page without a browser."""

from __future__ import annotations

import html
import os
import re
import ssl
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from aiohttp import web

from support_center.config import DEFAULT_CLIENT_BINARY
from support_center.queues.store import QueueStore
from tests.helpers import CenterFixture, running_center

QUEUE = "billing"
QUEUE_TITLE = "Billing"
# A stand-in client when none was built: a few chunks of the download's size, not a round one.
FAKE_CLIENT_BYTES = 3 * 256 * 1024 + 12_345


@dataclass
class WebCenter:
    center: CenterFixture
    queues: QueueStore
    client: Path | None

    @property
    def url(self) -> str:
        return self.center.running.url


def client_to_hand_out(folder: Path) -> Path:
    """The real one-file client when it was built (``dist/tandem-client``), else a stand-in."""
    if DEFAULT_CLIENT_BINARY.is_file():
        return DEFAULT_CLIENT_BINARY
    fake = folder / "tandem-client"
    fake.write_bytes(os.urandom(FAKE_CLIENT_BYTES))
    return fake


@asynccontextmanager
async def web_center(folder: Path, with_client: bool = True) -> AsyncIterator[WebCenter]:
    client = client_to_hand_out(folder) if with_client else None
    async with running_center(folder / "center", client_binary=client) as center:
        queues = center.running.hub.lobby.queues
        queues.add_queue(QUEUE, QUEUE_TITLE)
        yield WebCenter(center, queues, client)


@asynccontextmanager
async def other_site(page: str) -> AsyncIterator[str]:
    """A plain-HTTP site on loopback serving ``page`` at ``/``; yields its address."""

    async def serve(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", serve)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def fetch(
    url: str, headers: dict[str, str] | None = None, session: aiohttp.ClientSession | None = None
) -> tuple[int, str, dict[str, str]]:
    """Status, text and headers of ``url`` (the test center's certificate is not checked)."""
    own = session is None
    client = session or aiohttp.ClientSession()
    try:
        async with client.get(url, headers=headers or {}, ssl=False) as response:
            return response.status, await response.text(), dict(response.headers)
    finally:
        if own:
            await client.close()


_TANDEM_JOIN = re.compile(r'href="(tandem://join\?[^"]+)"')


def tandem_join_link_on(page: str) -> str:
    """The ``tandem://join`` link a join page opens the installed client with."""
    found = _TANDEM_JOIN.search(page)
    assert found is not None, f"no tandem://join link on the page: {page[:500]!r}"
    return html.unescape(found.group(1))


async def tandem_join_link_behind(web_link: str) -> str:
    """What a customer's browser opens for a web join link: its page's ``tandem://join``."""
    status, page, _ = await fetch(web_link)
    assert status == 200, f"{web_link} answered {status}: {page[:500]!r}"
    return tandem_join_link_on(page)


def tandem_join_link_behind_now(web_link: str) -> str:
    """``tandem_join_link_behind``, blocking: for tests whose center runs in another process."""
    unchecked = ssl.create_default_context()
    unchecked.check_hostname = False
    unchecked.verify_mode = ssl.CERT_NONE  # the test center's certificate is self-signed
    with urllib.request.urlopen(web_link, context=unchecked, timeout=10) as response:
        return tandem_join_link_on(response.read().decode())
