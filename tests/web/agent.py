"""An agent's session as the console opens it, over the center's API."""

from __future__ import annotations

from tests.helpers import AGENT_PASSWORD, AGENT_USER, CenterFixture
from tests.integration.support import api


async def signed_in(center: CenterFixture) -> str:
    status, body = await api(
        center, "POST", "/api/login", json={"username": AGENT_USER, "password": AGENT_PASSWORD}
    )
    assert status == 200, body
    return str(body["token"])


async def open_session(center: CenterFixture) -> tuple[str, int, str]:
    """The agent's token, the new session's number and the join link the console copies."""
    token = await signed_in(center)
    status, body = await api(center, "POST", "/api/sessions", token=token, json={})
    assert status == 200, body
    return token, int(body["number"]), str(body["join_link"])
