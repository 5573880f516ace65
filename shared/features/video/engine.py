"""Video in one session: the primary agent's camera to the main customer, then the main
customer's camera to the primary agent, forwarded by the primary to the assistants present.

The rules, each held by the engine that receives (a modified peer gets nowhere):

* Only the primary agent and one customer send. The agent's stream goes to the customer they
  help (the main customer); a customer's offer is accepted only while the agent's own video
  goes to that very customer; any other offer is refused (``video.stop`` ``refused``).
* The customer's camera opens only on the customer's own click (``start_mine`` is called by
  their window, never by a message), and only while the primary agent's video reaches them.
  When the agent's video ends, the customer's ends too.
* A camera that stops giving pictures (unplugged) ends that stream cleanly; no camera at all
  says so (``VideoStatus.news``) and nothing else changes.
* Assistants see the customer's video through the primary's forwarding: the primary taps the
  encoded stream it receives (``shared/media/relay.py``) and sends it on, without decoding, on
  one connection per assistant (``video.forward``), so the customer uploads one stream.
* Assistants see the primary's own video the same way, while it goes to the customer: the
  frames its encoder makes for the customer are sent on as they are (``own_stream.py``), on a
  second connection per assistant (``video.forward`` with ``stream`` ``agent``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from shared.features.video.camera import CameraInfo, NoCamera, VideoOptions
from shared.features.video.ports import (
    Forwardable,
    ForwardLink,
    Incoming,
    Outgoing,
    Relay,
    VideoBackend,
)
from shared.features.video.protocol import (
    NAME,
    VIDEO_MESSAGES,
    StopReason,
    Stream,
    VideoAnswer,
    VideoForward,
    VideoForwardAnswer,
    VideoOffer,
    VideoStop,
)
from shared.protocol.messages import PeerMessage, Role
from shared.session.events import ParticipantsChanged, RolesChanged, SessionClosed
from shared.session.live import LiveSession

log = logging.getLogger(__name__)

# Assistants each stream is forwarded to at most: each costs the primary one more copy of it on
# their uplink (~1 Mbit/s at 640×360, medium quality).
MAX_ASSISTANTS = 4


@dataclass(frozen=True)
class VideoStatus:
    """What the views show. ``news``: the last thing worth telling ("no_camera",
    "camera_gone", "refused", "ended", "failed"; "" for nothing)."""

    sending: bool = False  # our camera is on
    receiving: bool = False  # the other side's picture comes in
    may_start: bool = False  # Start my video is allowed now (the customer: the agent's is on)
    peer_id: str | None = None  # whom we see or send to
    forwarded: bool = False  # an assistant watching the customer through the primary
    agent_forwarded: bool = False  # an assistant watching the primary agent's own video
    news: str = ""


@dataclass(frozen=True)
class VideoChanged:
    status: VideoStatus


@dataclass(frozen=True)
class OwnPicture:
    """A picture of ours as it leaves: ``pts`` (90 kHz since our first) and BGR pixels."""

    pts: int
    pixels: np.ndarray


# Called on the loop with "mine" (an ``OwnPicture``), "theirs" (a ``DecodedFrame``: the other
# side's, for an assistant the customer's) or "agent" (an assistant's view of the primary's).
FrameSink = Callable[[str, object], None]


class VideoFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = VIDEO_MESSAGES

    def __init__(self, session: LiveSession, backend: VideoBackend) -> None:
        self.session = session
        self.engine = session.engine
        self.backend = backend
        self.options = VideoOptions()
        self.on_frame: FrameSink | None = None
        self._out: Outgoing | None = None
        self._out_peer: str | None = None
        self._out_stream: Stream | None = None
        self._in: Incoming | None = None
        self._in_peer: str | None = None
        self._in_stream: Stream | None = None
        self._forwarded = False  # assistant: _in is the primary's forwarding
        self._agent_in: Incoming | None = None  # assistant: the primary's own video
        self._agent_from: str | None = None  # and the primary who sends it
        # Primary: each stream sent on to assistants, and its connection to each of them.
        self._relays: dict[Stream, Relay] = {}
        self._links: dict[Stream, dict[str, ForwardLink]] = {s: {} for s in Stream}
        self._starting = False
        self._news = ""
        self.status = VideoStatus()
        self.engine.subscribe(self._event)
        session.add_feature(self)

    # --- who may do what ------------------------------------------------------------------------

    def _role(self) -> Role | None:
        me = self.engine.me
        return me.role if me is not None else None

    def may_start(self) -> bool:
        """Whether Start my video may open our camera now."""
        role = self._role()
        if role == Role.PRIMARY_AGENT:
            return True
        return (
            role == Role.CUSTOMER
            and self._in is not None
            and self._in_stream == Stream.AGENT
            and self._in_peer is not None
            and self._in_peer == self.engine.primary_id
        )

    # --- our camera -----------------------------------------------------------------------------

    async def cameras(self) -> list[CameraInfo]:
        return await asyncio.to_thread(self.backend.cameras.list)

    async def start_mine(self, customer_id: str | None = None) -> bool:
        """Start sending our camera: the primary agent to ``customer_id`` (the customer they
        help), the customer to the primary agent once the agent's video reaches them. Only
        ever called on the user's own click. False when it cannot (the status says why)."""
        if self._out is not None or self._starting:
            return True
        role = self._role()
        if role == Role.PRIMARY_AGENT:
            person = self.engine.participant(customer_id) if customer_id else None
            if person is None or person.info.role != Role.CUSTOMER or not person.linked:
                raise PermissionError("video goes to a customer linked to this session")
            peer, stream = person.id, Stream.AGENT
        elif role == Role.CUSTOMER and self.may_start():
            assert self._in_peer is not None
            peer, stream = self._in_peer, Stream.CUSTOMER
        else:
            raise PermissionError("you may not send video now")
        self._starting = True
        try:
            return await self._start(peer, stream)
        finally:
            self._starting = False

    async def _start(self, peer: str, stream: Stream) -> bool:
        me = self.engine.me.id if self.engine.me is not None else ""
        options = self.options
        try:
            camera = await asyncio.to_thread(
                self.backend.cameras.open, options.camera, options.width, options.height
            )
        except (NoCamera, ImportError, OSError) as exc:  # none, or OpenCV missing here
            log.info("no camera: %s", exc)
            self.engine.audit.record("video.no_camera", me)
            self._publish("no_camera")
            return False
        out = self.backend.sender(camera, options, self._camera_gone, self.session.ice_servers)
        out.on_picture = self._mine_picture
        self._out, self._out_peer, self._out_stream = out, peer, stream
        try:
            sdp = await out.create_offer()
            if self._out is not out:
                return False  # stopped meanwhile
            self.session.send_to(peer, VideoOffer(stream=stream, sdp=sdp))
        except (ConnectionError, RuntimeError, ValueError) as exc:
            log.warning("video could not start: %s", exc)
            await self._end_mine(None, "failed")
            return False
        self.engine.audit.record("video.started", me, stream=stream.value, to=peer)
        self._publish("")
        return True

    def set_options(self, options: VideoOptions) -> None:
        """New options; a different camera while sending restarts the stream with it."""
        previous, self.options = self.options, options.checked()
        out = self._out
        if out is None:
            return
        if self.options.camera != previous.camera and self._out_peer is not None:
            peer, stream = self._out_peer, self._out_stream
            assert stream is not None

            async def restart() -> None:
                await self._end_mine(StopReason.STOPPED, "")
                await self._start(peer, stream)

            self.session.spawn(restart())
        else:
            out.set_options(self.options)

    async def stop_mine(self) -> None:
        """Stop my video (the sender's click)."""
        await self._end_mine(StopReason.STOPPED, "")

    async def _end_mine(self, reason: StopReason | None, news: str) -> None:
        out, peer, stream = self._out, self._out_peer, self._out_stream
        if out is None:
            return
        self._out = self._out_peer = self._out_stream = None
        if stream == Stream.AGENT:
            await self._stop_forwarding(Stream.AGENT)
        if reason is not None and peer is not None and stream is not None:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(peer, VideoStop(stream=stream, reason=reason))
        me = self.engine.me.id if self.engine.me is not None else ""
        self.engine.audit.record("video.stopped", me, reason=(reason or news or "closed"))
        with contextlib.suppress(Exception):
            await out.close()
        if stream == Stream.AGENT:
            # The customer's video may go only while ours does: theirs ends with it (their
            # engine ends it on our stop; we stop receiving it here).
            await self._end_incoming()
        self._publish(news)

    def _camera_gone(self) -> None:
        """The camera stopped giving pictures (called on the loop by the track)."""
        self.session.spawn(self._end_mine(StopReason.CAMERA_GONE, "camera_gone"))

    def _mine_picture(self, pts: int, picture: np.ndarray) -> None:
        if self.on_frame is not None:
            self.on_frame("mine", OwnPicture(pts, picture))

    # --- the other side's camera ----------------------------------------------------------------

    def _accepts(self, remote_id: str, stream: Stream) -> bool:
        role = self._role()
        if stream == Stream.AGENT:
            # The customer hears the primary agent's camera, nobody else's.
            return role == Role.CUSTOMER and remote_id == self.engine.primary_id
        # The primary hears the customer their own video goes to, while it goes.
        return (
            role == Role.PRIMARY_AGENT
            and self._out is not None
            and self._out_stream == Stream.AGENT
            and self._out_peer == remote_id
            and self.engine.role_of(remote_id) == Role.CUSTOMER
        )

    async def _offered(self, remote_id: str, offer: VideoOffer) -> None:
        if not self._accepts(remote_id, offer.stream):
            log.warning("video offer %s from %s refused", offer.stream, remote_id)
            self.engine.audit.record("video.refused", remote_id, stream=offer.stream.value)
            with contextlib.suppress(ConnectionError):
                self.session.send_to(
                    remote_id, VideoStop(stream=offer.stream, reason=StopReason.REFUSED)
                )
            return
        await self._end_incoming()
        receiver = self.backend.receiver(self.session.ice_servers, self._theirs_picture)
        self._in, self._in_peer, self._in_stream = receiver, remote_id, offer.stream
        self._forwarded = False
        answer = await receiver.accept_offer(offer.sdp)
        if self._in is not receiver:
            return
        self.session.send_to(remote_id, VideoAnswer(stream=offer.stream, sdp=answer))
        if offer.stream == Stream.CUSTOMER:
            self._start_forwarding(receiver)
        self._publish("")

    def _theirs_picture(self, frame: object) -> None:
        if self.on_frame is not None:
            self.on_frame("theirs", frame)

    async def _end_incoming(self, news: str = "") -> None:
        receiver, stream = self._in, self._in_stream
        if receiver is None:
            return
        self._in = self._in_peer = self._in_stream = None
        self._forwarded = False
        if stream == Stream.CUSTOMER:
            await self._stop_forwarding(Stream.CUSTOMER)
        with contextlib.suppress(Exception):
            await receiver.close()
        self._publish(news)

    async def _end_agent_view(self) -> None:
        """Assistant: the primary's own video is no longer shown."""
        receiver, self._agent_in, self._agent_from = self._agent_in, None, None
        if receiver is None:
            return
        with contextlib.suppress(Exception):
            await receiver.close()
        self._publish(self._news)

    # --- forwarding to assistants (the primary's side) ------------------------------------------

    def _assistants(self) -> list[str]:
        return [
            p.id
            for p in self.engine.present()
            if p.linked and self.engine.role_of(p.id) == Role.ASSISTANT_AGENT
        ]

    def _start_forwarding(self, receiver: Incoming) -> None:
        try:
            relay = self.backend.relay(receiver)
        except (TypeError, ConnectionError, RuntimeError) as exc:
            log.warning("the customer's video is not forwarded: %s", exc)
            return
        self._relays[Stream.CUSTOMER] = relay
        self._offer_missing()

    def _forward_own(self, out: Outgoing) -> None:
        """Our own stream, now flowing to the customer, goes to assistants too."""
        if not isinstance(out, Forwardable):
            log.info("our video is not forwarded: %s cannot be", type(out).__name__)
            return
        try:
            self._relays[Stream.AGENT] = out.forwarding()
        except (ConnectionError, RuntimeError) as exc:
            log.warning("our video is not forwarded: %s", exc)
            return
        self._offer_missing()

    def _offer_missing(self) -> None:
        assistants = self._assistants()
        for stream in list(self._relays):
            links = self._links[stream]
            for assistant_id in assistants:
                if assistant_id not in links and len(links) < MAX_ASSISTANTS:
                    self.session.spawn(self._forward_to(assistant_id, stream))

    def _forward_customer(self, stream: Stream) -> str | None:
        """The customer of the session the stream belongs to (``VideoForward.customer``)."""
        return self._in_peer if stream == Stream.CUSTOMER else self._out_peer

    async def _forward_to(self, assistant_id: str, stream: Stream) -> None:
        relay, customer = self._relays.get(stream), self._forward_customer(stream)
        links = self._links[stream]
        if relay is None or customer is None or assistant_id in links:
            return
        try:
            link = relay.link(self.session.ice_servers)
        except (ConnectionError, RuntimeError) as exc:
            log.warning("no %s video forwarding: %s", stream.value, exc)
            return
        links[assistant_id] = link
        try:
            sdp = await link.create_offer()
            if links.get(assistant_id) is not link:
                return  # stopped meanwhile
            self.session.send_to(
                assistant_id, VideoForward(customer=customer, sdp=sdp, stream=stream)
            )
        except (ConnectionError, RuntimeError) as exc:
            log.warning("no %s video forwarding to %s: %s", stream.value, assistant_id, exc)
            await self._drop_link(assistant_id, stream)

    async def _drop_link(self, assistant_id: str, stream: Stream) -> None:
        link = self._links[stream].pop(assistant_id, None)
        if link is not None:
            with contextlib.suppress(Exception):
                await link.close()

    async def _stop_forwarding(self, stream: Stream) -> None:
        for assistant_id in list(self._links[stream]):
            with contextlib.suppress(ConnectionError):
                self.session.send_to(
                    assistant_id, VideoStop(stream=stream, reason=StopReason.ENDED)
                )
            await self._drop_link(assistant_id, stream)
        relay = self._relays.pop(stream, None)
        if relay is not None:
            with contextlib.suppress(Exception):
                await relay.close()

    async def _watch(self, primary_id: str, offer: VideoForward) -> None:
        """Assistant side: the customer's video, as the primary forwards it."""
        await self._end_incoming()
        receiver = self.backend.receiver(self.session.ice_servers, self._theirs_picture)
        self._in, self._in_peer, self._in_stream = receiver, offer.customer, Stream.CUSTOMER
        self._forwarded = True
        answer = await receiver.accept_offer(offer.sdp)
        if self._in is receiver:
            self.session.send_to(primary_id, VideoForwardAnswer(sdp=answer))
            self._publish("")

    async def _watch_agent(self, primary_id: str, offer: VideoForward) -> None:
        """Assistant side: the primary's own video, as it goes to the customer."""
        await self._end_agent_view()
        receiver = self.backend.receiver(self.session.ice_servers, self._agent_picture)
        self._agent_in, self._agent_from = receiver, primary_id
        answer = await receiver.accept_offer(offer.sdp)
        if self._agent_in is receiver:
            self.session.send_to(primary_id, VideoForwardAnswer(sdp=answer, stream=Stream.AGENT))
            self._publish(self._news)

    def _agent_picture(self, frame: object) -> None:
        if self.on_frame is not None:
            self.on_frame("agent", frame)

    # --- the session's messages and events ------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, VideoOffer):
            self.session.spawn(self._offered(remote_id, message))
        elif isinstance(message, VideoAnswer):
            out = self._out
            if out is not None and self._is_out(remote_id, message.stream):
                self.session.spawn(self._answered(out, message.sdp))
        elif isinstance(message, VideoStop):
            self._stopped(remote_id, message)
        elif isinstance(message, VideoForward):
            if self._role() != Role.ASSISTANT_AGENT or remote_id != self.engine.primary_id:
                log.warning("video forwarding from %s, not the primary agent: ignored", remote_id)
            elif message.stream == Stream.AGENT:
                self.session.spawn(self._watch_agent(remote_id, message))
            else:
                self.session.spawn(self._watch(remote_id, message))
        elif isinstance(message, VideoForwardAnswer):
            link = self._links[message.stream].get(remote_id)
            if link is not None:
                self.session.spawn(link.accept_answer(message.sdp))

    async def _answered(self, out: Outgoing, sdp: str) -> None:
        await out.accept_answer(sdp)
        if self._out is out and self._out_stream == Stream.AGENT:
            self._forward_own(out)

    def _is_out(self, remote_id: str, stream: Stream) -> bool:
        return remote_id == self._out_peer and stream == self._out_stream

    def _stopped(self, remote_id: str, stop: VideoStop) -> None:
        if self._out is not None and self._is_out(remote_id, stop.stream):
            # The receiver refuses our stream (or ended it): nothing more to send.
            news = "refused" if stop.reason == StopReason.REFUSED else "ended"
            self.session.spawn(self._end_mine(None, news))
        from_source = remote_id == self._in_peer and not self._forwarded
        from_primary = self._forwarded and remote_id == self.engine.primary_id
        ours = self._in is not None and stop.stream == self._in_stream
        if ours and (from_source or from_primary):
            news = "camera_gone" if stop.reason == StopReason.CAMERA_GONE else ""
            self.session.spawn(self._end_incoming(news))
            if stop.stream == Stream.AGENT and self._out_stream == Stream.CUSTOMER:
                # The agent's video ended: the customer's may not go on.
                self.session.spawn(self._end_mine(StopReason.ENDED, "ended"))
        if stop.stream == Stream.AGENT and remote_id == self._agent_from:
            self.session.spawn(self._end_agent_view())

    def on_link_down(self, remote_id: str) -> None:
        if remote_id == self._out_peer:
            self.session.spawn(self._end_mine(None, "ended"))
        if remote_id == self._in_peer or (self._forwarded and remote_id == self.engine.primary_id):
            self.session.spawn(self._end_incoming())
        if remote_id == self._agent_from:
            self.session.spawn(self._end_agent_view())
        for stream, links in self._links.items():
            if remote_id in links:
                self.session.spawn(self._drop_link(remote_id, stream))

    async def on_close(self) -> None:
        self.engine.unsubscribe(self._event)
        await self._end_mine(StopReason.STOPPED, "")
        await self._end_incoming()
        await self._end_agent_view()

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        if remote_id in (self._out_peer, self._in_peer):
            self.session.spawn(self._end_mine(StopReason.STOPPED, "failed"))
            self.session.spawn(self._end_incoming("failed"))

    def _event(self, event: object) -> None:
        if isinstance(event, RolesChanged):
            # Control changed hands: what ran for the agent in charge ends.
            if self._role() != Role.PRIMARY_AGENT and self._out_stream == Stream.AGENT:
                self.session.spawn(self._end_mine(StopReason.STOPPED, "ended"))
            if self._forwarded and self._role() != Role.ASSISTANT_AGENT:
                self.session.spawn(self._end_incoming())
            if self._agent_in is not None and (
                self._role() != Role.ASSISTANT_AGENT or self._agent_from != self.engine.primary_id
            ):
                self.session.spawn(self._end_agent_view())
            self._publish(self._news)
        elif isinstance(event, ParticipantsChanged):
            present = set(self._assistants())
            for stream in list(self._relays):
                for assistant_id in set(self._links[stream]) - present:
                    self.session.spawn(self._drop_link(assistant_id, stream))
            self._offer_missing()
            self._publish(self._news)
        elif isinstance(event, SessionClosed):
            self.session.spawn(self.on_close())

    def _publish(self, news: str) -> None:
        self._news = news
        status = VideoStatus(
            sending=self._out is not None,
            receiving=self._in is not None,
            may_start=self.may_start(),
            peer_id=self._out_peer or self._in_peer,
            forwarded=self._forwarded,
            agent_forwarded=self._agent_in is not None,
            news=news,
        )
        if status != self.status:
            self.status = status
            self.engine.publish(VideoChanged(status))
