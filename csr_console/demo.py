"""Demo mode: an embedded support center with a demo agent, for trying Tandem on one machine."""

from __future__ import annotations

import secrets
from pathlib import Path

from shared.security.passwords import hash_password
from support_center.app import RunningCenter, start_center
from support_center.config import CenterConfig

DEMO_USER = "demo"
DEMO_NAME = "Demo Agent"


async def start_demo_center(data_dir: Path, port: int) -> tuple[RunningCenter, str]:
    """Start the embedded center; return it and a fresh password for the demo agent."""
    center = await start_center(CenterConfig(data_dir=data_dir, host="127.0.0.1", port=port))
    password = secrets.token_urlsafe(12)
    password_hash = hash_password(password)
    if not center.store.set_agent_password(DEMO_USER, password_hash):
        center.store.add_agent(DEMO_USER, DEMO_NAME, password_hash)
    return center, password
