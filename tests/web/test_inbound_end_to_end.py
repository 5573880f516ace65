"""Inbound support from end to end, as a customer and an agent live it: the customer fills the
Get help page in real headless Chromium and clicks Get help; the one-file client the page hands
out, started as the customer starts a download (made executable, run with nothing typed, on a
display of its own), waits in the queue; the agent's console (its engine and its queue API)
sees them waiting and accepts next; the session runs, peer link open, with the name typed on
the page, and the session's record holds the page's answers, the queue, the wait and the
referring page (the survey the client then asks is tested in tests/queue_client).

Needs the built client (``dist/tandem-client``): CI builds it (scripts/install.sh), and a missing
one fails there; a developer who has not built it sees the test skipped, saying how."""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext

from csr_console.inbound.center_api import accept_next, queues_view
from shared.session.state import SessionState
from support_center.config import DEFAULT_CLIENT_BINARY
from tests.helpers import wait_for
from tests.installers.test_one_file_client import CustomerDesktop
from tests.integration.support import agent_of
from tests.web.site import QUEUE, QUEUE_TITLE, other_site, web_center

CUSTOMER = "Grace Hopper"
EMAIL = "grace@example.com"
PROBLEM = "The printer prints blank pages."
# The downloaded client unpacks itself, starts Qt and reaches the center: seconds on a loaded
# machine; an agent's accept then reaches the customer in well under a second.
WAITING_TIMEOUT_S = 60.0
SESSION_TIMEOUT_S = 30.0


@pytest.fixture
def built_client() -> Path:
    if DEFAULT_CLIENT_BINARY.is_file():
        return DEFAULT_CLIENT_BINARY
    if os.environ.get("CI") == "true":
        pytest.fail(f"{DEFAULT_CLIENT_BINARY} is missing: scripts/install.sh builds it")
    pytest.skip(f"{DEFAULT_CLIENT_BINARY} is not built: run bash installers/build-client.sh")


async def test_a_customer_asks_for_help_in_a_browser_and_an_agent_accepts_them(
    built_client: Path, browser: BrowserContext, tmp_path: Path
) -> None:
    (tmp_path / "customer").mkdir()
    desktop = CustomerDesktop(tmp_path / "customer")
    async with web_center(tmp_path) as site:
        agent, account = await agent_of(site.center)
        agent_id = site.center.running.store.agent_by_username(account.username)
        assert agent_id is not None
        site.queues.add_member(QUEUE, agent_id.id)
        try:
            # The shop's page, whose "Get help" link the customer follows.
            async with other_site(f'<a id="help" href="{site.url}/help/{QUEUE}">Help</a>') as shop:
                page = await browser.new_page()
                await page.goto(shop)
                await page.click("#help")
                await page.fill("input[name=name]", CUSTOMER)
                await page.fill("input[name=email]", EMAIL)
                await page.fill("textarea[name=problem]", PROBLEM)
                async with page.expect_download() as started:
                    await page.click("button[type=submit]")
                download = await started.value
                program = tmp_path / download.suggested_filename
                await download.save_as(program)
            # As the page tells a Linux customer: make it executable, then run it.
            program.chmod(program.stat().st_mode | stat.S_IXUSR)
            client = desktop.run(program)

            # The agent's console sees them waiting, with nothing typed on the customer's side.
            view = await queues_view(agent.center, account)

            async def one_waiting() -> bool:
                nonlocal view
                view = await queues_view(agent.center, account, after=view.version)
                return any(q.name == QUEUE and q.waiting == 1 for q in view.queues)

            deadline = asyncio.get_running_loop().time() + WAITING_TIMEOUT_S
            while not await one_waiting():
                if client.poll() is not None or asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(
                        f"the customer never waited; the client said:\n{desktop.said()}"
                    )
            [queue] = [q for q in view.queues if q.name == QUEUE]
            assert queue.title == QUEUE_TITLE

            # Accept next: the session the center opened for the agent, the customer in it.
            accepted = await accept_next(agent.center, account)
            assert accepted is not None
            assert (accepted.name, accepted.email, accepted.problem) == (CUSTOMER, EMAIL, PROBLEM)
            assert accepted.referrer.startswith(shop)
            await agent.take(accepted.number, accepted.join_link)

            def customer_linked() -> bool:
                return any(p.info.name == CUSTOMER and p.linked for p in agent.engine.present())

            try:
                await wait_for(customer_linked, SESSION_TIMEOUT_S, "the customer linked")
            except AssertionError as exc:
                raise AssertionError(f"{exc}; the client said:\n{desktop.said()}") from None
            assert agent.engine.state == SessionState.ACTIVE

            # The session's record at the center: the page's answers, the queue, the wait.
            record = site.queues.request_of_session(accepted.number)
            assert record is not None and record.status == "accepted"
            assert (record.queue_name, record.email, record.problem) == (QUEUE, EMAIL, PROBLEM)
            assert record.referrer.startswith(shop) and record.waited_s is not None
        finally:
            await agent.close()
            desktop.close()
