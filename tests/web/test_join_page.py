"""The web join link in real Chromium: the number to read on the phone, the installed client
opened through ``tandem://join``, the one-click client carrying the session; ended and unknown
sessions say what to do."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import BrowserContext

from shared.protocol.launch_block import read_launch_block
from shared.session.join_link import format_session_number, parse_join_link
from tests.helpers import wait_for
from tests.integration.support import api
from tests.web.agent import open_session
from tests.web.site import web_center


async def test_the_join_page_shows_the_number_and_opens_the_installed_client(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path) as site:
        _, number, join_link = await open_session(site.center)
        assert join_link == f"{site.url}/j/{number}"
        page = await browser.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        await page.goto(join_link)
        assert await page.inner_text("#number") == format_session_number(number)
        # The installed client's link joins this session of this center, and the page tried
        # it at once (its hashed script ran under the page's Content-Security-Policy).
        opener = str(await page.get_attribute("#open-now", "href"))
        joining = parse_join_link(opener)
        assert (joining.session, joining.server) == (number, site.url)
        assert joining.fingerprint == site.center.running.fingerprint
        await wait_for(lambda: opener in asked, what="the page opening tandem://join")
        assert not [line for line in console if "Content Security Policy" in line], console
        assert await page.get_attribute("#download", "href") == f"/j/{number}/download?lang=en"
        assert joining.language == "en"
        # The page in French offers a link that opens the installed client in French.
        await page.goto(f"{join_link}?lang=fr")
        opener = str(await page.get_attribute("#open-now", "href"))
        assert parse_join_link(opener).language == "fr"


async def test_the_join_page_offers_the_client_carrying_the_session(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path) as site:
        _, number, join_link = await open_session(site.center)
        assert browser.browser is not None
        # No script: headless Chromium holds a tab whose page opened an external link (the
        # prompt a desktop browser would show has nobody to answer it).
        plain = await browser.browser.new_context(
            ignore_https_errors=True, accept_downloads=True, java_script_enabled=False
        )
        try:
            page = await plain.new_page()
            await page.goto(join_link)
            async with page.expect_download() as started:
                await page.click("#download")
            path = tmp_path / "tandem-help"
            await (await started.value).save_as(path)
        finally:
            await plain.close()
        assert site.client is not None
        data = Path(path).read_bytes()
        assert data[: site.client.stat().st_size] == site.client.read_bytes()
        block = read_launch_block(path)
        assert block is not None and block.session == number and block.ticket is None
        assert (block.server, block.language) == (site.url, "en")


async def test_an_ended_session_says_to_ask_for_a_new_number(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path) as site:
        token, number, join_link = await open_session(site.center)
        status, _ = await api(site.center, "POST", f"/api/sessions/{number}/end", token=token)
        assert status == 200
        page = await browser.new_page()
        response = await page.goto(join_link)
        assert response is not None and response.status == 410
        assert await page.inner_text("h1") == "This session has ended"
        assert "ask your support agent for a new session number" in await page.inner_text("main")
        response = await page.goto(f"{join_link}/download")
        assert response is not None and response.status == 410
        assert await page.inner_text("h1") == "This session has ended"


async def test_an_unknown_session_says_so_in_french(tmp_path: Path) -> None:
    from tests.web.browser import chromium

    async with web_center(tmp_path) as site, chromium(locale="fr-FR") as browser:
        page = await browser.new_page()
        response = await page.goto(f"{site.url}/j/123456789")
        assert response is not None and response.status == 404
        assert await page.inner_text("h1") == "Cette session n'existe pas"
        assert "123456789" in await page.inner_text("main")
        await page.goto(f"{site.url}/j/not-a-number")
        assert await page.inner_text("h1") == "Cette session n'existe pas"
