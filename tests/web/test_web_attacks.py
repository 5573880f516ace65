"""Attacks on the customers' pages, performed against a real center on loopback: another site
posting the Get help form, markup smuggled in through the referrer or the fields, a script
filing requests in bulk, number guessing through the join page, and framing."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import aiohttp
from playwright.async_api import BrowserContext

from support_center.queues.routes import MAX_TICKETS_PER_ADDRESS
from tests.web.site import QUEUE, WebCenter, fetch, other_site, web_center

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def cookie_keeping() -> aiohttp.ClientSession:
    """A client that keeps the center's cookies (aiohttp keeps none from an IP address unless
    told to)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def form_token(site: WebCenter, http: aiohttp.ClientSession) -> str:
    """The token of the form as a browser gets it (the session keeps the page's cookie)."""
    status, page, _ = await fetch(f"{site.url}/help/{QUEUE}", session=http)
    assert status == 200
    found = _CSRF.search(page)
    assert found is not None
    return unescape(found.group(1))


async def test_another_site_cannot_post_the_form_from_a_customers_browser(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path) as site:
        # The customer has the real form open in one tab (its cookie is set)...
        page = await browser.new_page()
        await page.goto(f"{site.url}/help/{QUEUE}")
        # ...and another site copies it, token and all, and posts it from their browser.
        token = await page.get_attribute("input[name=csrf]", "value")
        attack = (
            f'<form method="post" action="{site.url}/help/{QUEUE}">'
            f'<input name="csrf" value="{token}"><input name="name" value="Mallory">'
            '<button id="go">Win a prize</button></form>'
        )
        async with other_site(attack) as evil:
            other = await browser.new_page()
            await other.goto(evil)
            await other.click("#go")
            assert "came from another page" in await other.inner_text(".errors")
        assert site.queues.waiting_requests() == []
        row = site.center.running.store.db.execute("SELECT COUNT(*) FROM help_requests")
        assert row.fetchone()[0] == 0


async def test_a_post_without_the_forms_cookie_is_refused(tmp_path: Path) -> None:
    async with web_center(tmp_path) as site, cookie_keeping() as http:
        token = await form_token(site, http)
        async with (
            aiohttp.ClientSession() as stranger,  # no cookie: a forged form
            stranger.post(
                f"{site.url}/help/{QUEUE}", data={"csrf": token, "name": "Mallory"}, ssl=False
            ) as refused,
        ):
            assert refused.status == 403
        async with http.post(  # the same post from the browser that has the form's cookie
            f"{site.url}/help/{QUEUE}", data={"csrf": token, "name": "Grace"}, ssl=False
        ) as filed:
            assert filed.status == 200
        row = site.center.running.store.db.execute("SELECT name FROM help_requests")
        assert [name for (name,) in row.fetchall()] == ["Grace"]


async def test_markup_in_the_referrer_and_fields_stays_text(
    browser: BrowserContext, tmp_path: Path
) -> None:
    evil = '"><script>window.hacked=1</script><img src=x onerror="window.hacked=2">'
    async with web_center(tmp_path) as site:
        page = await browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        await page.goto(f"{site.url}/help/{QUEUE}", referer=f"https://shop.example/{evil}")
        await page.goto(f"{site.url}/help/{QUEUE}?from={evil}")
        assert await page.input_value("input[name=referrer]") == evil
        await page.fill("#name", evil)
        await page.fill("#email", "not an address")
        await page.evaluate("document.getElementById('email').type = 'text'")
        await page.click("button[type=submit]")
        assert "does not look right" in await page.inner_text(".errors")
        assert await page.input_value("#name") == evil
        assert await page.evaluate("window.hacked === undefined")
        assert await page.locator("img").count() == 0 and dialogs == []


async def test_bulk_help_requests_from_one_address_are_held(tmp_path: Path) -> None:
    async with web_center(tmp_path) as site, cookie_keeping() as http:
        token = await form_token(site, http)
        statuses = []
        for index in range(MAX_TICKETS_PER_ADDRESS + 1):
            async with http.post(
                f"{site.url}/help/{QUEUE}",
                data={"csrf": token, "name": f"Bot {index}"},
                ssl=False,
            ) as answer:
                statuses.append(answer.status)
                page = await answer.text()
        assert statuses == [200] * MAX_TICKETS_PER_ADDRESS + [429]
        assert "Too many requests" in page
        row = site.center.running.store.db.execute("SELECT COUNT(*) FROM help_requests")
        assert row.fetchone()[0] == MAX_TICKETS_PER_ADDRESS


async def test_guessing_numbers_on_the_join_page_counts_as_failed_joins(
    tmp_path: Path,
) -> None:
    async with web_center(tmp_path) as site:
        limit = site.center.config.max_failures
        statuses = [
            (await fetch(f"{site.url}/j/{100_000_000 + guess}"))[0] for guess in range(limit + 1)
        ]
        assert statuses == [404] * limit + [429]
        # The same budget as the signaling socket's joins: the address must wait there too.
        assert site.center.running.hub.join_limiter.failures("address:127.0.0.1") == limit


async def test_every_page_forbids_framing_sniffing_and_inline_script(tmp_path: Path) -> None:
    async with web_center(tmp_path) as site:
        for path in (f"/help/{QUEUE}", "/help/nowhere", "/j/123456789", "/api/health"):
            _, _, headers = await fetch(site.url + path)
            policy = headers["Content-Security-Policy"]
            assert "frame-ancestors 'none'" in policy, path
            assert "unsafe-inline" not in policy and "script-src" in policy, path
            assert headers["X-Content-Type-Options"] == "nosniff", path
            assert headers["Referrer-Policy"] == "same-origin", path


async def test_trying_download_links_from_one_address_is_slowed(tmp_path: Path) -> None:
    async with web_center(tmp_path) as site:
        limit = site.center.config.max_failures
        statuses = [
            (await fetch(f"{site.url}/help/download/{'x' * 31}{guess}"))[0]
            for guess in range(limit + 1)
        ]
        assert statuses == [404] * limit + [429]
        _, ticket = site.queues.file_request(QUEUE, "Grace")
        status, page, _ = await fetch(f"{site.url}/help/download/{ticket}")
        assert status == 429 and "Too many requests" in page  # the address waits its turn
