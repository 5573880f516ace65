"""Two real sessions (a real center, aiortc on loopback) with system information on both,
the customer's consent answered as a test says, and a provider that counts its calls."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from shared.features.sysinfo.engine import SysinfoFeature
from shared.features.sysinfo.providers.linux import LinuxProvider
from shared.features.sysinfo.rows import Pair
from shared.session.consent import ConsentAnswer, ConsentRequest
from tests.helpers import CenterFixture
from tests.integration.support import Connected, connected_session


class CountingProvider(LinuxProvider):
    """The real Linux provider, counting the collections it was asked for."""

    def __init__(self) -> None:
        self.overviews = 0

    def overview(self) -> list[Pair]:
        self.overviews += 1
        return super().overview()


@dataclass
class Sysinfo:
    session: Connected
    agent: SysinfoFeature
    customer: SysinfoFeature
    provider: CountingProvider
    asked: list[ConsentRequest] = field(default_factory=list)
    events: list[object] = field(default_factory=list)

    def answer(self, answer: ConsentAnswer | None) -> None:
        """The customer's answer every time, or never answered (None)."""

        async def ask(request: ConsentRequest) -> ConsentAnswer:
            self.asked.append(request)
            if answer is None:
                await asyncio.Event().wait()
            assert answer is not None
            return answer

        self.session.customer.consent.ask = ask


@contextlib.asynccontextmanager
async def sysinfo_session(center: CenterFixture) -> AsyncIterator[Sysinfo]:
    session = await connected_session(center)
    provider = CountingProvider()
    found = Sysinfo(
        session, SysinfoFeature(session.agent), SysinfoFeature(session.customer, provider), provider
    )
    session.agent.engine.subscribe(found.events.append)
    try:
        yield found
    finally:
        await session.close()
