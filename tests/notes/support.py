"""What the notes tests share: the center's record of a session, read as its agent; a center
process started again on its data and port (as after an outage)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from csr_console.services.agent_session import sign_in
from shared.qt.bridge import AsyncBridge
from shared.transport.center_link import CenterLink
from tests.e2e.conftest import CenterProcess
from tests.helpers import AGENT_PASSWORD, AGENT_USER


def record_of(bridge: AsyncBridge, center: CenterProcess, number: int) -> dict[str, Any]:
    """Session ``number``'s record at the center, as its agent reads it over the API."""

    async def read() -> dict[str, Any]:
        link = CenterLink(center.url, center.fingerprint)
        try:
            account = await sign_in(link, AGENT_USER, AGENT_PASSWORD)
            return await link.call("GET", f"/api/sessions/{number}", token=account.token)
        finally:
            await link.close()

    return bridge.submit(read()).result(20)


def notes_text(bridge: AsyncBridge, center: CenterProcess, number: int) -> str | None:
    notes = record_of(bridge, center, number)["notes"]
    return None if notes is None else str(notes["text"])


def serve_again(center: CenterProcess) -> CenterProcess:
    """``tandem-center serve`` again on the same data and port (its address unchanged)."""
    port = center.url.rsplit(":", 1)[1]
    command = ["--data-dir", str(center.data_dir), "serve", "--port", port]
    process = subprocess.Popen(
        [sys.executable, "-m", "support_center.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Certificate fingerprint"):
            return CenterProcess(center.url, center.fingerprint, process, center.data_dir)
    process.kill()
    raise RuntimeError("the support center did not start again")
