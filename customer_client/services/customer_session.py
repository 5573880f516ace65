"""The customer's side: join a session by number, then wait for the agent's link."""

from __future__ import annotations

import asyncio

from customer_client.services.system_identity import describe_os, machine_name
from shared.protocol.messages import CustomerJoin, CustomerRejoin, Welcome
from shared.session.live import SEAT_GONE_CODES, LiveSession
from shared.session.state import SessionState
from shared.transport.center_link import CenterError

# After the center has let us in, the agent's peer link must open within this time.
LINK_TIMEOUT_S = 20.0
# Started again after a restart, the network may come up a little after the desktop: the rejoin
# is tried again (every few seconds) for this long while the center cannot be reached.
REJOIN_WINDOW_S = 120.0
REJOIN_PAUSE_S = 3.0


class CustomerSession(LiveSession):
    # (number, name, password) as joined: asked again to take the seat back after a drop.
    _joined_as: tuple[int, str, str] | None = None

    async def join(self, number: int, name: str, password: str = "") -> Welcome:
        self._joined_as = (number, name, password)
        message = CustomerJoin(
            session=number, name=name, password=password, os=describe_os(), machine=machine_name()
        )
        return await self._enter(message)

    async def rejoin(self, number: int, participant: str, ticket: str) -> Welcome:
        """Take our seat back after the computer restarted, with the center's single-use
        ticket; nothing is typed. A refusal (forged, used, expired) is final; a center not
        reachable yet is tried again for ``REJOIN_WINDOW_S``."""
        message = CustomerRejoin(
            session=number,
            participant=participant,
            ticket=ticket,
            os=describe_os(),
            machine=machine_name(),
        )
        deadline = self.clock.now() + REJOIN_WINDOW_S
        while True:
            try:
                welcome = await self._enter(message)
            except CenterError as exc:
                if exc.code in SEAT_GONE_CODES or self.clock.now() >= deadline:
                    raise
                await self.clock.sleep(REJOIN_PAUSE_S)
                continue
            self._joined_as = (number, welcome.you.name, "")
            return welcome

    def _resume_message(self) -> CustomerJoin | None:
        me = self.engine.me
        if me is None or self.resume_token is None or self._joined_as is None:
            return None
        number, name, password = self._joined_as
        return CustomerJoin(
            session=number,
            name=name,
            password=password,
            os=describe_os(),
            machine=machine_name(),
            resume_id=me.id,
            resume_token=self.resume_token,
        )

    async def wait_connected(self, timeout: float = LINK_TIMEOUT_S) -> None:
        """Wait until a peer link to an agent is open (the session is ACTIVE)."""
        if self.engine.state == SessionState.ACTIVE:
            return
        reached = asyncio.Event()

        def watch(_: object) -> None:
            if self.engine.state in (SessionState.ACTIVE, SessionState.ENDED):
                reached.set()

        self.engine.subscribe(watch)
        try:
            await asyncio.wait_for(reached.wait(), timeout)
        except TimeoutError:
            raise CenterError("timeout", "The agent's computer could not be reached.") from None
        finally:
            self.engine.unsubscribe(watch)
        if self.engine.state == SessionState.ENDED:
            raise CenterError("ended", "The session ended before it started.")
