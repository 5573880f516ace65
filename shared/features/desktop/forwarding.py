"""Desktop sharing seen by several agents: the primary agent's console forwards each view it
receives of a customer's screen to the assistants, so the customer uploads one stream whatever
their number (``shared/media/relay.py``; why: docs/architecture.md, "Several viewers").

On the primary's side, ``SharingForwarding`` keeps one ``ViewForwarding`` per forwarded view:
one link per assistant, each its own WebRTC connection from the primary. As soon as the
primary's view of a customer's screen has its stream (``ViewReceiving``), every assistant
present is offered a link (``forward_protocol.py``, over the session's control channel as the
view's own offer goes), and so is an assistant who joins later. It ends a view's forwarding
when the view ends (the customer's Stop, the agent's, a transfer of control), drops an
assistant's link when the assistant leaves, and ends everything when we stop being the primary
agent. On an assistant's side it answers only the primary agent's offers and publishes a
``ForwardedView`` for its views; the frames come through the sharing feature's ``on_frame``.

The media parts come through small interfaces, as the rest of the feature's do (``ports.py``):
a backend that can relay (``ForwardingBackend``) gives a ``ViewRelay`` for a receiver; a backend
that cannot (the engine tests' stand-ins) simply has no forwarding.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.events import ActivityChanged, ViewReceiving
from shared.features.desktop.forward_protocol import (
    FORWARD_MESSAGES,
    ForwardAnswer,
    ForwardOffer,
    ForwardStop,
)
from shared.features.desktop.ports import FrameReceiver
from shared.kit.shares import Share
from shared.protocol.messages import IceServer, PeerMessage, Role
from shared.session.events import ParticipantsChanged, RolesChanged, SessionClosed

log = logging.getLogger(__name__)

# The session part's name (beside desktop sharing's own, whose views it feeds).
FORWARDING = "desktop.forwarding"

# Assistants one view is forwarded to at most: each costs the primary one more copy of the
# customer's stream on its uplink (up to ~8 Mbit/s at 1080p with a busy screen).
MAX_ASSISTANTS = 4


class ForwardLink(Protocol):
    """The primary's connection to one assistant for one view."""

    async def create_offer(self) -> str: ...

    async def accept_answer(self, sdp: str) -> None: ...

    async def close(self) -> None: ...


class ViewRelay(Protocol):
    """Taps one view's receiver; each link sends its frames on, as they came."""

    def link(self, ice_servers: list[IceServer]) -> ForwardLink: ...

    async def close(self) -> None: ...


@runtime_checkable
class ForwardingBackend(Protocol):
    def relay(self, receiver: FrameReceiver) -> ViewRelay: ...


class ViewForwarding:
    """One view forwarded to its assistants, on the primary's side."""

    def __init__(self, activity_id: str, relay: ViewRelay, ice_servers: list[IceServer]) -> None:
        self.activity_id = activity_id
        self._relay = relay
        self._ice_servers = ice_servers
        self._links: dict[str, ForwardLink] = {}
        self.closed = False

    @property
    def assistants(self) -> frozenset[str]:
        return frozenset(self._links)

    async def offer(self, assistant_id: str) -> str:
        """A new link to ``assistant_id`` (replacing one it had): the SDP offer to send it."""
        if self.closed:
            raise RuntimeError(f"the forwarding of {self.activity_id} has ended")
        await self.drop(assistant_id)
        if len(self._links) >= MAX_ASSISTANTS:
            raise ConnectionError(f"{MAX_ASSISTANTS} assistants already see this view")
        link = self._relay.link(self._ice_servers)
        self._links[assistant_id] = link
        return await link.create_offer()

    async def answer(self, assistant_id: str, sdp: str) -> None:
        link = self._links.get(assistant_id)
        if link is None:
            log.warning("forwarding answer from %s, who was offered nothing", assistant_id)
            return
        await link.accept_answer(sdp)

    async def drop(self, assistant_id: str) -> None:
        """The assistant left or closed its window: its link goes, the others stay."""
        link = self._links.pop(assistant_id, None)
        if link is not None:
            with contextlib.suppress(Exception):
                await link.close()

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for assistant_id in list(self._links):
            await self.drop(assistant_id)
        await self._relay.close()


@dataclass(frozen=True)
class ForwardedView:
    """Assistant side: the primary agent's view ``activity_id`` of ``customer_id``'s screen is
    shown to us (``live``), or no longer. Its frames come through the sharing feature's
    ``on_frame`` under that activity id, as a view of our own would."""

    activity_id: str
    customer_id: str
    primary_id: str
    live: bool


class SharingForwarding:
    """Forwarded views on either side: the primary forwards the views it receives to the
    assistants present; an assistant watches what the primary forwards to it."""

    name = FORWARDING
    handles: tuple[type[PeerMessage], ...] = FORWARD_MESSAGES

    def __init__(self, sharing: SharingFeature) -> None:
        self.sharing = sharing
        self.session = sharing.session
        self.views: dict[str, ViewForwarding] = {}  # primary side, by activity
        self.customers: dict[str, str] = {}  # primary side: activity → customer
        self._offering: set[tuple[str, str]] = set()  # primary side: (activity, assistant)
        self.watching: dict[str, tuple[FrameReceiver, ForwardedView]] = {}  # assistant side
        self.session.engine.subscribe(self._event)
        self.session.add_feature(self)

    @property
    def available(self) -> bool:
        return isinstance(self.sharing.backend, ForwardingBackend)

    def shared_screens(self) -> tuple[Share, ...]:
        """Assistant side: the customers' screens forwarded to us (``shared.kit.shares``)."""
        me = self.session.engine.me
        if me is None:
            return ()
        return tuple(
            Share(view.customer_id, frozenset({me.id})) for _, view in self.watching.values()
        )

    # --- the primary's side ---------------------------------------------------------------------

    def start(self, activity_id: str) -> ViewForwarding:
        """Forward the view ``activity_id`` (one we view, its stream already answered)."""
        existing = self.views.get(activity_id)
        if existing is not None and not existing.closed:
            return existing
        if not self.session.engine.is_primary_agent:
            raise PermissionError("only the primary agent forwards what it views")
        backend = self.sharing.backend
        receiver = self.sharing.view_receiver(activity_id)
        if receiver is None or not isinstance(backend, ForwardingBackend):
            raise LookupError(f"no view {activity_id} to forward")
        view = ViewForwarding(activity_id, backend.relay(receiver), self.session.ice_servers)
        self.views[activity_id] = view
        return view

    async def stop(self, activity_id: str) -> None:
        view = self.views.pop(activity_id, None)
        self.customers.pop(activity_id, None)
        if view is None:
            return
        for assistant_id in view.assistants:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(assistant_id, ForwardStop(activity=activity_id))
        await view.close()

    async def _forward_to_assistants(self, activity_id: str) -> None:
        """The view's stream is answered: offer it to every assistant present. A stream
        answered again (the sharer offered anew) has a new receiver: its relay starts over."""
        await self.stop(activity_id)
        if not (self.session.engine.is_primary_agent and self.available):
            return
        activity = next((a for a in self.sharing.activities if a.id == activity_id), None)
        if activity is None:
            return
        try:
            view = self.start(activity_id)
        except (LookupError, PermissionError) as exc:  # it ended meanwhile, or control moved
            log.warning("the view %s is not forwarded: %s", activity_id, exc)
            return
        self.customers[activity_id] = activity.customer_id
        self._offer_missing(view)

    def _offer_missing(self, view: ViewForwarding) -> None:
        for assistant_id in self._assistants_linked():
            key = (view.activity_id, assistant_id)
            if assistant_id not in view.assistants and key not in self._offering:
                self._offering.add(key)  # at once: two events in a row make one offer
                self.session.spawn(self._offer(view, assistant_id))

    async def _offer(self, view: ViewForwarding, assistant_id: str) -> None:
        try:
            sdp = await view.offer(assistant_id)
        except (ConnectionError, RuntimeError) as exc:
            log.warning("no forwarding of %s to %s: %s", view.activity_id, assistant_id, exc)
            return
        finally:
            self._offering.discard((view.activity_id, assistant_id))
        customer = self.customers.get(view.activity_id, "")
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                assistant_id, ForwardOffer(activity=view.activity_id, customer=customer, sdp=sdp)
            )

    def _assistants_linked(self) -> list[str]:
        engine = self.session.engine
        return [
            p.id
            for p in engine.present()
            if p.linked and engine.role_of(p.id) == Role.ASSISTANT_AGENT
        ]

    # --- the assistant's side -------------------------------------------------------------------

    async def _watch(self, primary_id: str, offer: ForwardOffer) -> None:
        await self._unwatch(offer.activity)
        deliver = self._deliver(offer.activity)
        receiver = self.sharing.backend.receiver(self.session.ice_servers, deliver)
        view = ForwardedView(offer.activity, offer.customer, primary_id, live=True)
        self.watching[offer.activity] = (receiver, view)
        answer = await receiver.accept_offer(offer.sdp)
        self.session.send_to(primary_id, ForwardAnswer(activity=offer.activity, sdp=answer))
        self.session.engine.publish(view)

    def _deliver(self, activity_id: str) -> Callable[[object], None]:
        def deliver(frame: object) -> None:
            on_frame = self.sharing.on_frame
            if activity_id in self.watching and on_frame is not None:
                on_frame(activity_id, frame)

        return deliver

    async def _unwatch(self, activity_id: str) -> None:
        watched = self.watching.pop(activity_id, None)
        if watched is None:
            return
        receiver, view = watched
        with contextlib.suppress(Exception):
            await receiver.close()
        self.session.engine.publish(replace(view, live=False))

    # --- the session's messages and events ------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        engine = self.session.engine
        if isinstance(message, ForwardOffer | ForwardStop):
            mine = engine.role_of(engine.me.id) if engine.me is not None else None
            if remote_id != engine.primary_id or mine != Role.ASSISTANT_AGENT:
                log.warning("%s from %s, who is not the primary agent; ignored", message.type,
                            remote_id)  # fmt: skip
                return
            if isinstance(message, ForwardOffer):
                self.session.spawn(self._watch(remote_id, message))
            else:
                self.session.spawn(self._unwatch(message.activity))
        elif isinstance(message, ForwardAnswer):
            view = self.views.get(message.activity)
            if view is not None and remote_id in view.assistants:
                self.session.spawn(view.answer(remote_id, message.sdp))

    def on_link_down(self, remote_id: str) -> None:
        for view in list(self.views.values()):
            if remote_id in view.assistants:
                self.session.spawn(view.drop(remote_id))
        for activity_id, (_, watched) in list(self.watching.items()):
            if watched.primary_id == remote_id:
                self.session.spawn(self._unwatch(activity_id))

    async def on_close(self) -> None:
        self.session.engine.unsubscribe(self._event)
        for activity_id in list(self.views):
            await self.stop(activity_id)
        for activity_id in list(self.watching):
            await self._unwatch(activity_id)

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        activity_id = str(getattr(message, "activity", ""))
        if activity_id in self.watching:
            self.session.spawn(self._unwatch(activity_id))

    async def close(self) -> None:
        await self.on_close()

    def _event(self, event: object) -> None:
        if isinstance(event, ViewReceiving):
            self.session.spawn(self._forward_to_assistants(event.activity_id))
        elif isinstance(event, ActivityChanged):
            if event.activity.state != ActivityState.ACTIVE and event.activity.id in self.views:
                self.session.spawn(self.stop(event.activity.id))
        elif isinstance(event, RolesChanged):
            if not self.session.engine.is_primary_agent:
                for activity_id in list(self.views):
                    self.session.spawn(self.stop(activity_id))
            else:
                for activity_id in list(self.watching):
                    self.session.spawn(self._unwatch(activity_id))
        elif isinstance(event, ParticipantsChanged):
            assistants = set(self._assistants_linked())
            for view in list(self.views.values()):
                for assistant_id in view.assistants - assistants:
                    self.session.spawn(view.drop(assistant_id))
                if not view.closed:
                    self._offer_missing(view)
        elif isinstance(event, SessionClosed):
            self.session.spawn(self.close())
