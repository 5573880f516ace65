"""Shared test helpers: a real support center on loopback, and waiting on conditions."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from csr_console.services.agent_session import AgentAccount, AgentSession, sign_in
from customer_client.services.customer_session import CustomerSession
from shared.security.passwords import hash_password
from shared.transport.center_link import CenterLink
from support_center.app import RunningCenter, start_center
from support_center.config import CenterConfig

AGENT_USER = "ada"
AGENT_PASSWORD = "correct horse battery"
AGENT_NAME = "Ada Agent"

# Hashing costs ~0.1 s; hash the test password once per run.
_PASSWORD_HASH = hash_password(AGENT_PASSWORD)


@dataclass
class CenterFixture:
    running: RunningCenter
    config: CenterConfig

    def link(self) -> CenterLink:
        return CenterLink(self.running.url, self.running.fingerprint)

    async def agent(self) -> tuple[AgentSession, AgentAccount]:
        link = self.link()
        account = await sign_in(link, AGENT_USER, AGENT_PASSWORD)
        return AgentSession(link, account), account

    def customer(self) -> CustomerSession:
        return CustomerSession(self.link())


@asynccontextmanager
async def running_center(
    data_dir: Path, port: int = 0, **settings: object
) -> AsyncIterator[CenterFixture]:
    config = CenterConfig(data_dir=data_dir, host="127.0.0.1", port=port, **settings)  # type: ignore[arg-type]
    running = await start_center(config)
    if running.store.agent_by_username(AGENT_USER) is None:
        running.store.add_agent(AGENT_USER, AGENT_NAME, _PASSWORD_HASH)
    try:
        yield CenterFixture(running, config)
    finally:
        await running.stop()


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0, what: str = "") -> None:
    """Poll ``condition`` on the loop until it holds; fail with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await asyncio.sleep(0.01)


def free_port() -> int:
    """A loopback port nothing listens on (until someone binds it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
