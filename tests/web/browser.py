"""Real headless Chromium (Debian's ``chromium``, driven by Playwright) for tests of the
center's web pages; never a browser of Playwright's own download.

Use the ``browser`` fixture (a ``BrowserContext`` that takes the test center's self-signed
certificate and downloads), e.g. ``page = await browser.new_page()``; other test folders get it
with ``from tests.web.browser import browser  # noqa: F401`` in their conftest.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, async_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and nothing that reaches out (updates, sync, the first-run pages): tests send
# traffic to loopback only. No sandbox: the tests run as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@asynccontextmanager
async def chromium(
    locale: str = "en-US", user_agent: str | None = None
) -> AsyncIterator[BrowserContext]:
    """A fresh Chromium and one browsing context (its own cookies), closed on the way out."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/install.sh installs Debian's chromium")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            context = await browser.new_context(
                ignore_https_errors=True,  # the test center's certificate is self-signed
                accept_downloads=True,
                locale=locale,
                user_agent=user_agent,
            )
            try:
                yield context
            finally:
                await context.close()
        finally:
            await browser.close()


@pytest.fixture
async def browser() -> AsyncIterator[BrowserContext]:
    async with chromium() as context:
        yield context
