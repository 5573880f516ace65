"""A headless customer in a process of its own, for the fault tests to kill.

    python -m tests.integration.customer_process SERVER_URL FINGERPRINT SESSION_NUMBER [NAME]

Joins the session, prints ``CONNECTED <participant id>`` once the agent's peer link is open, then
waits until it is killed. Honours TANDEM_ICE_HOST_ADDRESSES so its candidates stay on loopback.
"""

from __future__ import annotations

import argparse
import asyncio

from customer_client.services.customer_session import CustomerSession
from shared.transport.center_link import CenterLink
from shared.transport.ice import apply_environment


async def run(server: str, fingerprint: str, number: int, name: str) -> None:
    session = CustomerSession(CenterLink(server, fingerprint))
    await session.join(number, name)
    await session.wait_connected()
    assert session.engine.me is not None
    print("CONNECTED", session.engine.me.id, flush=True)
    await asyncio.Event().wait()  # until killed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("server")
    parser.add_argument("fingerprint")
    parser.add_argument("session", type=int)
    parser.add_argument("name", nargs="?", default="Grace")
    args = parser.parse_args()
    apply_environment()
    asyncio.run(run(args.server, args.fingerprint, args.session, args.name))


if __name__ == "__main__":
    main()
