"""Demo mode: an embedded support center with a demo agent, for trying Tandem on one machine."""

from __future__ import annotations

import secrets
from pathlib import Path

from shared.security.passwords import hash_password
from support_center.app import RunningCenter, start_center
from support_center.config import DEFAULT_CLIENT_BINARY, CenterConfig

DEMO_USER = "demo"
DEMO_NAME = "Demo Agent"
# The demo's queue: its Get help page is /help/support, and the demo agent answers it.
DEMO_QUEUE = "support"
DEMO_QUEUE_TITLE = "Support"


async def start_demo_center(data_dir: Path, port: int) -> tuple[RunningCenter, str]:
    """Start the embedded center; return it and a fresh password for the demo agent."""
    # The one-file client scripts/install.sh built, for the Get help and join pages' download.
    client = DEFAULT_CLIENT_BINARY if DEFAULT_CLIENT_BINARY.is_file() else None
    center = await start_center(
        CenterConfig(data_dir=data_dir, host="127.0.0.1", port=port, client_binary=client)
    )
    password = secrets.token_urlsafe(12)
    password_hash = hash_password(password)
    if not center.store.set_agent_password(DEMO_USER, password_hash):
        center.store.add_agent(DEMO_USER, DEMO_NAME, password_hash)
    agent = center.store.agent_by_username(DEMO_USER)
    assert agent is not None
    queues = center.hub.lobby.queues
    if queues.queue(DEMO_QUEUE) is None:
        queues.add_queue(DEMO_QUEUE, DEMO_QUEUE_TITLE)
    queues.add_member(DEMO_QUEUE, agent.id)
    return center, password
