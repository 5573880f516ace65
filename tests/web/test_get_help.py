"""The Get help page in real Chromium: the form in both languages, the one-click client it
hands out (the launch block at its end), and what the customer sees when something is wrong."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import BrowserContext, Download, Page

from shared.protocol.launch_block import read_launch_block
from shared.protocol.queues import TICKET_START_WINDOW_S
from shared.session.join_link import parse_queue_link
from tests.web.browser import chromium
from tests.web.site import QUEUE, QUEUE_TITLE, WebCenter, other_site, web_center

SHOP_PAGE = """<!DOCTYPE html><html><head><meta name="referrer" content="unsafe-url"></head>
<body><a id="help" href="{center}/help/billing">Need help with your bill?</a></body></html>"""


async def fill_and_send(page: Page, name: str, email: str = "", problem: str = "") -> Download:
    await page.fill("#name", name)
    await page.fill("#email", email)
    await page.fill("#problem", problem)
    async with page.expect_download() as started:
        await page.click("button[type=submit]")
    return await started.value


async def downloaded_client(download: Download, site: WebCenter) -> bytes:
    path = await download.path()
    assert path is not None and site.client is not None
    data = Path(path).read_bytes()
    # The very client the center was given, byte for byte, then the launch block.
    assert data[: site.client.stat().st_size] == site.client.read_bytes()
    return data


async def test_get_help_downloads_the_client_carrying_the_ticket(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path) as site:
        shop_page = SHOP_PAGE.format(center=site.url)
        async with other_site(shop_page) as shop:
            page = await browser.new_page()
            await page.goto(f"{shop}/cart?item=3")
            await page.click("#help")
            assert await page.inner_text("h1") == f"Get help — {QUEUE_TITLE}"
            download = await fill_and_send(
                page, "Grace Hopper", "grace@example.com", "My bill shows\ntwo payments."
            )
            assert download.suggested_filename == "tandem-help"
            data = await downloaded_client(download, site)
            saved = tmp_path / "tandem-help"
            saved.write_bytes(data)
            block = read_launch_block(saved)
            assert block is not None and block.ticket is not None and block.session is None
            assert block.server == site.url
            assert block.fingerprint == site.center.running.fingerprint
            assert block.language == "en"

            assert await page.inner_text("h1") == "Your help is on its way"
            opener = parse_queue_link(str(await page.get_attribute("#open", "href")))
            assert opener.ticket == block.ticket and opener.server == site.url
            assert opener.language == "en"
            assert "chmod +x tandem-help" in await page.inner_text("main")

            request = site.queues.request_for_ticket(block.ticket)
            assert request is not None and request.status == "filed"
            assert request.queue_name == QUEUE
            assert (request.name, request.email) == ("Grace Hopper", "grace@example.com")
            assert request.problem == "My bill shows\ntwo payments."
            assert request.referrer == f"{shop}/cart?item=3"


async def test_reloading_the_page_that_follows_files_no_second_request(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path) as site:
        page = await browser.new_page()
        await page.goto(f"{site.url}/help/{QUEUE}")
        download = await fill_and_send(page, "Grace Hopper")
        saved = tmp_path / "tandem-help"
        saved.write_bytes(await downloaded_client(download, site))
        block = read_launch_block(saved)
        assert block is not None and block.ticket is not None
        filed = site.queues.request_for_ticket(block.ticket)
        assert filed is not None
        async with page.expect_download() as again:  # the page starts the download again
            await page.reload()
        await (await again.value).cancel()
        assert await page.inner_text("h1") == "Your help is on its way"
        assert f"/help/sent/{block.ticket}" in page.url
        assert site.queues.request(filed.id + 1) is None  # still the one request


async def test_the_form_in_french_and_the_switch_to_english(tmp_path: Path) -> None:
    async with web_center(tmp_path) as site, chromium(locale="fr-FR") as browser:
        page = await browser.new_page()
        await page.goto(f"{site.url}/help/{QUEUE}", referer="https://shop.example/fr/panier")
        assert await page.inner_text("h1") == f"Obtenir de l'aide — {QUEUE_TITLE}"
        assert await page.inner_text("label[for=name]") == "Votre nom"
        assert await page.inner_text("button") == "Obtenir de l'aide"
        await page.click("text=English")
        assert await page.inner_text("h1") == f"Get help — {QUEUE_TITLE}"
        assert await page.inner_text("label[for=name]") == "Your name"
        await page.click("text=Français")
        # Back in French; the referrer came along through both switches.
        download = await fill_and_send(page, "Amélie")
        assert "Votre aide arrive" in await page.inner_text("h1")
        data = await downloaded_client(download, site)
        saved = tmp_path / "client"
        saved.write_bytes(data)
        block = read_launch_block(saved)
        assert block is not None and block.language == "fr" and block.ticket is not None
        # The installed client's link opens it in French too.
        opener = parse_queue_link(str(await page.get_attribute("#open", "href")))
        assert (opener.ticket, opener.language) == (block.ticket, "fr")
        request = site.queues.request_for_ticket(block.ticket)
        assert request is not None and request.language == "fr"
        assert request.referrer == "https://shop.example/fr/panier"


async def test_a_windows_customer_gets_the_exe_name(tmp_path: Path) -> None:
    windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/156.0"
    async with web_center(tmp_path) as site, chromium(user_agent=windows) as browser:
        page = await browser.new_page()
        await page.goto(f"{site.url}/help/{QUEUE}")
        download = await fill_and_send(page, "Grace")
        assert download.suggested_filename == "Tandem Help.exe"
        assert "Tandem Help.exe" in await page.inner_text("main")


async def test_bad_fields_give_the_form_back_with_what_to_fix(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path) as site:
        page = await browser.new_page()
        await page.goto(f"{site.url}/help/{QUEUE}")
        await page.fill("#name", "   ")  # passes the browser's "required", not the center
        await page.fill("#problem", "It <b>crashes</b>")
        await page.click("button[type=submit]")
        assert "Please enter your name." in await page.inner_text(".errors")
        # What was typed is still there, as text.
        assert await page.input_value("#problem") == "It <b>crashes</b>"
        assert site.queues.waiting_requests() == []


async def test_an_unknown_queue_says_so(browser: BrowserContext, tmp_path: Path) -> None:
    async with web_center(tmp_path) as site:
        page = await browser.new_page()
        response = await page.goto(f"{site.url}/help/no-such-queue")
        assert response is not None and response.status == 404
        assert await page.inner_text("h1") == "No such help page"
        assert "no-such-queue" in await page.inner_text("main")


async def test_a_full_queue_says_so(browser: BrowserContext, tmp_path: Path) -> None:
    async with web_center(tmp_path) as site:
        site.queues.add_queue("tiny", "Tiny desk", max_waiting=1)
        site.queues.file_request("tiny", "First")
        page = await browser.new_page()
        await page.goto(f"{site.url}/help/tiny")
        await page.fill("#name", "Second")
        await page.click("button[type=submit]")
        assert await page.inner_text("h1") == "This queue is full"
        assert "try again in a few minutes" in await page.inner_text("main")


async def test_forged_expired_and_used_tickets_get_a_clear_page(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path) as site:
        page = await browser.new_page()
        response = await page.goto(f"{site.url}/help/download/{'f' * 32}")
        assert response is not None and response.status == 404
        assert await page.inner_text("h1") == "This download link is not valid"
        assert "Go back to the page where you asked for help." in await page.inner_text("main")
        # Followed from the Get help page: the way back leads there.
        help_page = f"{site.url}/help/{QUEUE}"
        await page.goto(f"{site.url}/help/download/{'g' * 32}", referer=help_page)
        assert await page.get_attribute("text=Back to the Get help page", "href") == (
            f"/help/{QUEUE}?lang=en"
        )

        used_id, used = site.queues.file_request(QUEUE, "Grace")
        site.queues.leave(used_id)
        await page.goto(f"{site.url}/help/download/{used}")
        assert await page.inner_text("h1") == "This download link has been used"
        await page.click("text=Back to the Get help page")
        assert await page.inner_text("h1") == f"Get help — {QUEUE_TITLE}"

        _, late = site.queues.file_request(QUEUE, "Alan", language="fr")
        site.center.running.store.db.execute(
            "UPDATE help_requests SET created_at = created_at - ?", (TICKET_START_WINDOW_S + 1,)
        )
        await page.goto(f"{site.url}/help/download/{late}")
        # In the language the customer asked for help in.
        assert await page.inner_text("h1") == "Ce lien de téléchargement a expiré"
        assert "30 minutes" in await page.inner_text("main")


async def test_without_a_client_to_hand_out_the_pages_say_so(
    browser: BrowserContext, tmp_path: Path
) -> None:
    async with web_center(tmp_path, with_client=False) as site:
        page = await browser.new_page()
        await page.goto(f"{site.url}/help/{QUEUE}")
        await page.fill("#name", "Grace")
        await page.click("button[type=submit]")
        assert await page.inner_text("h1") == "Your help is on its way"
        assert "does not hand out the Tandem Help program" in await page.inner_text("main")
        ticket = parse_queue_link(str(await page.get_attribute("#open", "href"))).ticket
        await page.goto(f"{site.url}/help/download/{ticket}")
        assert await page.inner_text("h1") == "The download is not available"
