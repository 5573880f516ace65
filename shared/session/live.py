"""A session in progress: the engine, the signaling socket and the peer links, wired together.

The session is put together from parts, one job each: the seat at the center and getting it back
(seat.py), the peer links and linking again after a drop (links.py), the table that hands peer
messages to their handlers (routing.py), the background tasks it owns (tasks.py) and the audit
entries it copies to the center (audit.py). What stays here routes the center's messages, holds
the features riding on the session (shared.kit puts them on) and the session's one consent, and
is the session's way out.

The console's agent session and the client's customer session are thin subclasses that say how
they enter (``agent.hello`` or ``customer.join``) and how they go (end or leave).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from shared.protocol.messages import (
    ControlTransferred,
    ErrorMessage,
    FromCenter,
    Leave,
    LeaveReason,
    ParticipantInfo,
    ParticipantJoined,
    ParticipantLeft,
    PeerMessage,
    Role,
    SessionEnded,
    SignalIn,
    ToCenter,
    Welcome,
)
from shared.session.audit import AuditEvent, note_for_center
from shared.session.consent import ConsentGate
from shared.session.engine import SessionEngine
from shared.session.events import ConsentCancelled, ConsentChanged
from shared.session.launcher import Launcher
from shared.session.links import RELINK_INTERVAL_S, RELINK_WINDOW_S, PeerLinks
from shared.session.parts import CONNECTION_LOST
from shared.session.routing import PeerRouter, RoleWatcher, SessionFeature
from shared.session.seat import (
    RECONNECT_FIRST_PAUSE_S,
    RECONNECT_MAX_PAUSE_S,
    RECONNECT_WINDOW_S,
    SEAT_GONE_CODES,
    WELCOME_TIMEOUT_S,
    Seat,
)
from shared.session.state import SessionState
from shared.session.tasks import OwnedTasks
from shared.transport.center_link import CenterError, CenterLink
from shared.transport.clock import REAL_CLOCK, Clock
from shared.transport.link import LinkFactory
from shared.transport.peer_link import PeerLink

# The session's timings and its feature protocol, where its users have always found them.
__all__ = [
    "CONNECTION_LOST",
    "RECONNECT_FIRST_PAUSE_S",
    "RECONNECT_MAX_PAUSE_S",
    "RECONNECT_WINDOW_S",
    "RELINK_INTERVAL_S",
    "RELINK_WINDOW_S",
    "SEAT_GONE_CODES",
    "WELCOME_TIMEOUT_S",
    "LiveSession",
    "SessionFeature",
]

log = logging.getLogger(__name__)

F = TypeVar("F", bound=SessionFeature)


class LiveSession(Seat, PeerLinks):
    def __init__(
        self,
        center: CenterLink,
        engine: SessionEngine | None = None,
        *,
        clock: Clock = REAL_CLOCK,
        link_factory: LinkFactory = PeerLink,
    ) -> None:
        self.center = center
        self.engine = engine or SessionEngine()
        self.clock = clock
        self.link_factory = link_factory
        self._init_seat()
        self._init_links()
        self._leaving = False
        self.tasks = OwnedTasks(self._task_failed)
        self.router = PeerRouter(self._feature_failed)
        # The features riding on this session, by name (shared.kit.attach puts them on), and
        # those that could not run on this computer, with why.
        self.parts: dict[str, SessionFeature] = {}
        self.unavailable: dict[str, str] = {}
        # The session's one consent (the customer's side decides with it, whatever is asked):
        # audited in this session's trail; whether "allow everything" is on goes to the views.
        self.consent = ConsentGate(audit=self.engine.audit)
        self.consent.listeners.append(lambda allowed: self.engine.publish(ConsentChanged(allowed)))
        self.consent.cancel_listeners.append(
            lambda activity: self.engine.publish(ConsentCancelled(activity))
        )
        # Privileged requests are taken from the agent the center named primary only, whatever
        # a console says of itself (the center checks its own side too).
        self.consent.may_request = lambda pid: self.engine.role_of(pid) == Role.PRIMARY_AGENT
        self.engine.audit.listeners.append(self._audit_to_center)
        # Features that talk to the center themselves (the restart ticket) hear the center's
        # messages the session does not route itself.
        self.center_listeners: list[Callable[[FromCenter], None]] = []
        # Where programs (scripts) start and as whom: None, the client's own user; run-as puts
        # its launcher here while its shell is logged on (shared/session/launcher.py).
        self.launcher: Launcher | None = None

    @property
    def features(self) -> list[SessionFeature]:
        return list(self.parts.values())

    def add_feature(self, feature: SessionFeature) -> None:
        """Ride ``feature`` on the session: the peer messages of its types go to it."""
        if feature.name in self.parts:
            raise ValueError(f"the session already has a {feature.name} part")
        self.router.register_all(feature.handles, feature.on_message, feature.name)
        self.parts[feature.name] = feature

    def part(self, name: str, kind: type[F]) -> F | None:
        """This session's part of feature ``name``, if it runs here (and is a ``kind``)."""
        found = self.parts.get(name)
        return found if isinstance(found, kind) else None

    def _feature_failed(
        self, name: str, remote_id: str, message: PeerMessage, error: Exception
    ) -> None:
        """A feature's handler raised: that feature ends what the message was about; the
        session and the other features go on."""
        self.engine.audit.record(
            "feature.failed",
            remote_id,
            feature=name,
            message=message.type,
            error=type(error).__name__,
        )
        feature = self.parts.get(name)
        if feature is not None:
            try:
                feature.on_failure(remote_id, message, error)
            except Exception:
                log.exception("%s failed while ending what failed", name)
        self.engine.problem("feature_failed", f"{name}: {type(error).__name__}: {error}")

    # --- routing --------------------------------------------------------------------------------

    def _from_center(self, message: FromCenter) -> None:
        match message:
            case Welcome():
                self._welcomed(message)
            case ErrorMessage():
                self._center_error(message)
            case ParticipantJoined():
                self._participant_joined(message)
            case ParticipantLeft():
                self._participant_left(message)
            case SignalIn():
                self._spawn(self._signal(message))
            case ControlTransferred():
                if self.engine.control_changed(
                    message.previous, message.primary, message.reason.value
                ):
                    self._roles_changed(message.previous, message.primary, message.reason.value)
            case SessionEnded():
                # Closed here, before the center's socket closes behind the message, so that
                # the closing socket is not mistaken for a lost connection.
                self._leaving = True
                self.engine.close(message.reason.value, message.by)
                self._spawn(self._shut_down(message.reason.value, message.by))
            case _:
                for listener in list(self.center_listeners):
                    listener(message)

    def _reseated(self, me: ParticipantInfo, others: list[ParticipantInfo]) -> None:
        """Our seat came back after a drop: control may have changed hands meanwhile."""
        before = self.engine.primary_id or ""
        if self.engine.reseated(me, others):
            # The welcome's agent in charge: maybe someone we meet only now (joined meanwhile).
            named = next((i.id for i in [me, *others] if i.role == Role.PRIMARY_AGENT), None)
            self._roles_changed(before, named or self.engine.primary_id or "", "reseated")

    def _roles_changed(self, previous: str, primary: str, reason: str) -> None:
        """Control changed hands (the engine has the new roles): what ran for the agent in
        charge ends in every feature (``RoleWatcher``), and the customer's "allow everything"
        was given to the previous agent, not to whoever is in charge now."""
        me = self.engine.me
        if me is not None and me.role == Role.CUSTOMER:
            self.consent.withdraw(me.id, "control_changed")
        for feature in self.features:
            if isinstance(feature, RoleWatcher):
                try:
                    feature.on_roles_changed(previous, primary, reason)
                except Exception:
                    log.exception(
                        "%s failed ending its activities on a change of roles", feature.name
                    )

    def _from_peer(self, remote_id: str, message: PeerMessage) -> None:
        self.router.dispatch(remote_id, message)

    def _links_down(self, remote_id: str) -> None:
        for feature in self.features:
            feature.on_link_down(remote_id)

    def _audit_to_center(self, event: AuditEvent) -> None:
        """Every audit entry also goes to the center, into the session's report."""
        if not self.center.socket_open or self.engine.me is None:
            return
        notes = note_for_center(event)
        if notes:
            self._spawn(self._send_quietly(*notes))

    async def _send_quietly(self, *messages: ToCenter) -> None:
        """``messages`` in order (the parts of one audit entry), while the center takes them."""
        with contextlib.suppress(CenterError, ConnectionError):
            for message in messages:
                await self.center.send(message)

    async def _send_center(self, message: ToCenter) -> None:
        await self.center.send(message)

    async def send_center(self, message: ToCenter) -> None:
        """Send ``message`` to the center (a feature's own signaling: the restart ticket)."""
        await self.center.send(message)

    # --- leaving --------------------------------------------------------------------------------

    async def leave(self) -> None:
        """Leave the session (the customer's way out; an agent's when they are not primary)."""
        if self.engine.state == SessionState.ENDED:
            return
        self._leaving = True
        with contextlib.suppress(CenterError):
            await self._send_center(Leave())
        await self._shut_down(
            LeaveReason.LEFT.value, self.engine.me.name if self.engine.me else None
        )

    async def _shut_down(self, code: str, by: str | None) -> None:
        self._leaving = True
        for feature in self.features:
            try:
                await feature.on_close()
            except Exception:
                log.exception("a session feature failed to close")
        self.engine.close(code, by)
        links, self.links = list(self.links.values()), {}
        for link in links:
            await link.close()
        await self.center.close()

    async def close(self) -> None:
        """Drop everything without telling anyone (program exit)."""
        await self._shut_down(LeaveReason.DISCONNECTED.value, None)
        self.tasks.cancel_all()

    # --- running on the session's loop ---------------------------------------------------------

    def call_soon_threadsafe(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the session's loop, from any thread."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(callback)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` in the background; a failure is logged and shown as a problem."""
        self.tasks.spawn(coro)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        self.tasks.spawn(coro)

    def _task_failed(self, exc: BaseException) -> None:
        self.engine.problem("internal", f"{type(exc).__name__}: {exc}")
