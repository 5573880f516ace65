"""A link clicked on a page in French opens the installed client in French: the join page and
the Get help page put their language in the ``tandem://`` link they offer, and the client, run
by the desktop with that link alone, speaks it (as a downloaded client speaks its launch
block's). The customer's system here is English."""

from __future__ import annotations

import sys
from pathlib import Path

from shared.session.join_link import JoinLink
from tests.helpers import CenterFixture
from tests.installers.test_one_file_client import (
    JOIN_WINDOW,
    JOIN_WINDOW_FR,
    CustomerDesktop,
    desktop,
)
from tests.integration.support import agent_of

__all__ = ["desktop"]

CLIENT = Path(sys.executable).parent / "tandem-client"


async def test_a_link_from_a_french_page_opens_the_client_in_french(
    center: CenterFixture, desktop: CustomerDesktop
) -> None:
    agent, _ = await agent_of(center)
    try:
        started = await agent.start()
        running = center.running
        for language, window in (("fr", JOIN_WINDOW_FR), ("", JOIN_WINDOW)):
            link = JoinLink(running.url, started.number, running.fingerprint, language)
            process = desktop.run(CLIENT, link.url())
            await desktop.window(window, process)
            process.terminate()
            process.wait(10)
    finally:
        await agent.close()
