"""What the parts of a live session share: its state, and the hooks each part calls on the
others. ``LiveSession`` (live.py) puts the parts together: the seat at the center (seat.py) and
the peer links (links.py); it routes the center's messages and owns the session's way out."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from shared.protocol.messages import (
    FromCenter,
    IceServer,
    ParticipantInfo,
    PeerMessage,
    SessionSettings,
    ToCenter,
)
from shared.session.engine import SessionEngine
from shared.session.routing import SessionFeature
from shared.session.tasks import OwnedTasks
from shared.transport.center_link import CenterLink
from shared.transport.clock import Clock
from shared.transport.link import Link, LinkFactory

# Code used when our socket to the center and every peer link are gone.
CONNECTION_LOST = "connection_lost"


class SessionParts:
    center: CenterLink
    engine: SessionEngine
    # The protocol's timers run on ``clock``; engine tests pass a virtual one, and an
    # in-memory network as ``link_factory``.
    clock: Clock
    link_factory: LinkFactory
    # Our peer link to each participant we are linked to, by their id.
    links: dict[str, Link]
    # The STUN/TURN servers the center's welcome named, for new links.
    ice_servers: list[IceServer]
    # The center's settings for this session (checked: out-of-range values dropped), from the
    # welcome of our own socket to the center; never from a peer.
    settings: SessionSettings
    parts: dict[str, SessionFeature]
    # Set once we are on our way out: nothing is retaken or offered again after that.
    _leaving: bool
    # The session's background tasks, on its loop.
    tasks: OwnedTasks

    # Hooks one part calls on another; the real ones are in live.py and links.py.

    def _from_center(self, message: FromCenter) -> None:
        raise NotImplementedError

    def _from_peer(self, remote_id: str, message: PeerMessage) -> None:
        raise NotImplementedError

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        raise NotImplementedError

    async def _send_center(self, message: ToCenter) -> None:
        raise NotImplementedError

    async def _shut_down(self, code: str, by: str | None) -> None:
        raise NotImplementedError

    def _maybe_offer(self, newcomer: ParticipantInfo) -> None:
        raise NotImplementedError

    def _links_down(self, remote_id: str) -> None:
        raise NotImplementedError

    def _reseated(self, me: ParticipantInfo, others: list[ParticipantInfo]) -> None:
        raise NotImplementedError
