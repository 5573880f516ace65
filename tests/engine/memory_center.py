"""A support center in memory for engine tests: seats one agent, an assistant and customers in one
session and relays their offers and answers, as the real hub does, with no socket. Each
participant's
``MemorySignaling`` stands where its ``CenterLink`` goes; ``down`` makes the center unreachable.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from shared.protocol.messages import (
    AgentHello,
    AssistJoin,
    CustomerJoin,
    FromCenter,
    Leave,
    LeaveReason,
    ParticipantInfo,
    ParticipantJoined,
    ParticipantLeft,
    Role,
    SignalIn,
    SignalOut,
    ToCenter,
    Welcome,
)
from shared.transport.center_link import CenterError

NUMBER = 123_456_789
TOKEN = "resume-token-0123456789"


class MemoryCenter:
    def __init__(self) -> None:
        self.down = False
        self.seats: dict[str, MemorySignaling] = {}
        self.infos: dict[str, ParticipantInfo] = {}

    def signaling(self) -> MemorySignaling:
        return MemorySignaling(self)

    def connected(self) -> list[MemorySignaling]:
        return [s for s in self.seats.values() if s.socket_open]

    def seat(self, socket: MemorySignaling, info: ParticipantInfo) -> None:
        returning = info.id in self.infos
        self.seats[info.id] = socket
        self.infos[info.id] = info
        socket.me = info
        others = [i for pid, i in self.infos.items() if pid != info.id]
        socket.deliver(Welcome(session=NUMBER, you=info, participants=others, resume_token=TOKEN))
        if not returning:
            for other in self.connected():
                if other is not socket:
                    other.deliver(ParticipantJoined(participant=info))

    def left(self, pid: str) -> None:
        self.seats.pop(pid, None)
        self.infos.pop(pid, None)
        for other in self.connected():
            other.deliver(ParticipantLeft(participant_id=pid, reason=LeaveReason.LEFT))


class MemorySignaling:
    def __init__(self, center: MemoryCenter) -> None:
        self.center = center
        self.socket_open = False
        self.me: ParticipantInfo | None = None
        self._on_message: Callable[[FromCenter], None] | None = None
        self._on_closed: Callable[[], None] | None = None

    async def open_socket(
        self, on_message: Callable[[FromCenter], None], on_closed: Callable[[], None]
    ) -> None:
        if self.center.down:
            raise CenterError("unreachable", "The support center cannot be reached.")
        self._on_message, self._on_closed = on_message, on_closed
        self.socket_open = True

    def deliver(self, message: FromCenter) -> None:
        """As a socket reader would: on a later turn of the loop, if still open."""

        def read() -> None:
            if self.socket_open and self._on_message is not None:
                self._on_message(message)

        asyncio.get_running_loop().call_soon(read)

    async def send(self, message: ToCenter) -> None:
        if not self.socket_open:
            raise CenterError("not_connected", "Not connected to the support center.")
        center = self.center
        if isinstance(message, AgentHello):
            agent = ParticipantInfo(id="pagent", role=Role.PRIMARY_AGENT, name="Ada Agent")
            center.seat(self, agent)
        elif isinstance(message, AssistJoin):
            pid = message.resume_id or "passist"
            center.seat(self, ParticipantInfo(id=pid, role=Role.ASSISTANT_AGENT, name="Bob Agent"))
        elif isinstance(message, CustomerJoin):
            pid = message.resume_id or "pgrace"
            center.seat(self, ParticipantInfo(id=pid, role=Role.CUSTOMER, name=message.name))
        elif isinstance(message, SignalOut):
            target = center.seats.get(message.to)
            if target is not None and target.socket_open and self.me is not None:
                target.deliver(SignalIn(sender=self.me.id, kind=message.kind, sdp=message.sdp))
        elif isinstance(message, Leave) and self.me is not None:
            center.left(self.me.id)

    def drop(self) -> None:
        """The center's side closes the socket (a restart, a network cut)."""
        if self.socket_open:
            self.socket_open = False
            if self._on_closed is not None:
                self._on_closed()

    async def close(self) -> None:
        self.drop()
