"""Where the messages that peers send us go: a table from message type to the one handler that
takes it, registered by the feature that owns the type.

A handler that raises is the failure of its own feature, not of the session: the feature hears
of it (``on_failure``: it ends the activity the message was about, with a reason), the failure is
audited and shown as a problem, and the other features and the session go on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, runtime_checkable

from shared.protocol.messages import PeerMessage

log = logging.getLogger(__name__)

M = TypeVar("M", bound=PeerMessage)
# (sender's participant id, message) -> None
Handler = Callable[[str, M], None]


class SessionFeature(Protocol):
    """A feature's part of one session: it receives the peer messages of its own types and
    hears when a peer link goes down, when one of its handlers failed, or the session closes."""

    # The feature's registered name (shared.kit): how the session and the views find it.
    name: str
    handles: tuple[type[PeerMessage], ...]

    def on_message(self, remote_id: str, message: PeerMessage) -> None: ...

    def on_link_down(self, remote_id: str) -> None: ...

    async def on_close(self) -> None: ...

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        """Handling ``message`` raised ``error``: end what it was about, with a reason."""


@runtime_checkable
class LinkWatcher(Protocol):
    """Optional for a feature: told each time a peer link opens (the first time and after a
    drop), to set up what lives on the new link's channels (a bulk receiver) or resume."""

    def on_link_up(self, remote_id: str) -> None: ...


@runtime_checkable
class RoleWatcher(Protocol):
    """Optional for a feature: told when control of the session changed hands (every engine
    hears it at once from the center; ``session.engine`` already has the new roles).

    A feature ends there what belongs to the agent in charge: desktop sharing stops its
    activities, file transfer its transfers, a recording stops (the manual: on transfer,
    running activities end). What is not the primary's goes on: chat, and the voice call, whose
    hub moves to the new primary. ``reason``: "transferred", "taken_over" or "reseated"."""

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None: ...


# Told of a handler's failure: (owner's name, sender, message, error).
FailureListener = Callable[[str, str, PeerMessage, Exception], None]


class PeerRouter:
    def __init__(self, on_failure: FailureListener | None = None) -> None:
        self._handlers: dict[type[Any], Callable[[str, Any], None]] = {}
        self._owners: dict[type[Any], str] = {}
        self.on_failure = on_failure

    def register(self, kind: type[M], handler: Handler[M], owner: str = "session") -> None:
        """Send every ``kind`` message to ``handler``; a type has one handler (two features
        claiming the same message is a bug, said at once rather than one of them going deaf)."""
        if kind in self._handlers:
            raise ValueError(f"{kind.__name__} messages already have a handler")
        self._handlers[kind] = handler
        self._owners[kind] = owner

    def register_all(
        self,
        kinds: tuple[type[PeerMessage], ...],
        handler: Handler[PeerMessage],
        owner: str = "session",
    ) -> None:
        """Send the messages of all ``kinds`` to ``handler`` (a feature's); none of them is
        taken if one already has a handler."""
        taken = [kind.__name__ for kind in kinds if kind in self._handlers]
        if taken:
            raise ValueError(f"{', '.join(taken)} messages already have a handler")
        for kind in kinds:
            self._handlers[kind] = handler
            self._owners[kind] = owner

    def dispatch(self, remote_id: str, message: PeerMessage) -> None:
        # By the message's class or the nearest base registered, as isinstance would match.
        for kind in type(message).__mro__:
            handler = self._handlers.get(kind)
            if handler is not None:
                try:
                    handler(remote_id, message)
                except Exception as exc:
                    log.exception("%s failed on a %s message", self._owners[kind], message.type)
                    if self.on_failure is not None:
                        self.on_failure(self._owners[kind], remote_id, message, exc)
                return
        log.info("no feature takes %s messages; dropped", message.type)
