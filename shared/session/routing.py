"""Where the messages that peers send us go: a table from message type to the one handler that
takes it. The session registers its own (chat); each feature registers the types it handles."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from shared.protocol.messages import PeerMessage

log = logging.getLogger(__name__)

M = TypeVar("M", bound=PeerMessage)
# (sender's participant id, message) -> None
Handler = Callable[[str, M], None]


class SessionFeature(Protocol):
    """A feature riding on the session (sharing, later files, scripts…): it receives the peer
    messages of its own types and hears when a peer link goes down or the session closes."""

    handles: tuple[type[PeerMessage], ...]

    def on_message(self, remote_id: str, message: PeerMessage) -> None: ...

    def on_link_down(self, remote_id: str) -> None: ...

    async def on_close(self) -> None: ...


class PeerRouter:
    def __init__(self) -> None:
        self._handlers: dict[type[Any], Callable[[str, Any], None]] = {}

    def register(self, kind: type[M], handler: Handler[M]) -> None:
        """Send every ``kind`` message to ``handler``; a type has one handler (two features
        claiming the same message is a bug, said at once rather than one of them going deaf)."""
        if kind in self._handlers:
            raise ValueError(f"{kind.__name__} messages already have a handler")
        self._handlers[kind] = handler

    def register_all(
        self, kinds: tuple[type[PeerMessage], ...], handler: Handler[PeerMessage]
    ) -> None:
        """Send the messages of all ``kinds`` to ``handler`` (a feature's); none of them is
        taken if one already has a handler."""
        taken = [kind.__name__ for kind in kinds if kind in self._handlers]
        if taken:
            raise ValueError(f"{', '.join(taken)} messages already have a handler")
        for kind in kinds:
            self._handlers[kind] = handler

    def dispatch(self, remote_id: str, message: PeerMessage) -> None:
        # By the message's class or the nearest base registered, as isinstance would match.
        for kind in type(message).__mro__:
            handler = self._handlers.get(kind)
            if handler is not None:
                handler(remote_id, message)
                return
        log.info("no feature takes %s messages; dropped", message.type)
