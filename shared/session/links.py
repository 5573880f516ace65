"""Our peer links, one per participant we link to: who offers (whoever was there first), the
offer/answer through the center, what a link's opening or loss means, and offering again for a
while after a drop while the center still has them. Also how features send over those links."""

from __future__ import annotations

import contextlib
import logging

from shared.protocol.messages import (
    LeaveReason,
    ParticipantInfo,
    ParticipantJoined,
    ParticipantLeft,
    PeerMessage,
    Role,
    SignalIn,
    SignalKind,
    SignalOut,
)
from shared.session.participants import should_link
from shared.session.parts import CONNECTION_LOST, SessionParts
from shared.session.routing import LinkWatcher
from shared.transport.center_link import CenterError
from shared.transport.channels import Channel, ChannelName
from shared.transport.link import Link, LinkState

log = logging.getLogger(__name__)

# After a link drops with the other side still in the session, the agent offers a new link
# this often, for this long (a longer outage than that needs the customer to join again).
RELINK_INTERVAL_S = 2.0
RELINK_WINDOW_S = 120.0


class PeerLinks(SessionParts):
    # Participants whose link dropped while the center still has them: offered again.
    _relinking: set[str]

    def _init_links(self) -> None:
        self.links = {}
        self.ice_servers = []
        self._relinking = set()

    # --- the center's news of participants ------------------------------------------------------

    def _participant_joined(self, message: ParticipantJoined) -> None:
        link = self.links.get(message.participant.id)
        if link is not None and link.state == LinkState.OPEN:
            # Back at the center after a dropped socket; our link to them never broke.
            self.engine.link_restored(message.participant.id)
            return
        self.engine.joined(message.participant)
        self._maybe_offer(message.participant)

    def _participant_left(self, message: ParticipantLeft) -> None:
        self._relinking.discard(message.participant_id)
        self.engine.left(message.participant_id, message.reason.value, message.return_within_s)
        link = self.links.pop(message.participant_id, None)
        if link is not None:
            self._spawn(link.close())
        # Told here: the link's own news of closing is stale once it is popped, and what
        # was shared with them (a grant of control included) must not outlive their leaving
        # to be picked up by whoever takes their seat back.
        self._links_down(message.participant_id)

    # --- making links ---------------------------------------------------------------------------

    def _maybe_offer(self, newcomer: ParticipantInfo) -> None:
        """Whoever was in the session first makes the offer to the newcomer."""
        me = self.engine.me
        if me is not None and should_link(me, newcomer):
            self._spawn(self._offer(newcomer.id))

    def _new_link(self, remote_id: str) -> Link:
        old = self.links.pop(remote_id, None)
        if old is not None:
            self._spawn(old.close())
        link = self.link_factory(
            remote_id, self.ice_servers, self._from_peer, self._link_state, self.clock
        )
        self.links[remote_id] = link
        return link

    async def _offer(self, remote_id: str) -> None:
        link = self._new_link(remote_id)
        sdp = await link.create_offer()
        await self._send_center(SignalOut(to=remote_id, kind=SignalKind.OFFER, sdp=sdp))

    async def _signal(self, message: SignalIn) -> None:
        me = self.engine.me
        other = self.engine.participant(message.sender)
        if me is None or other is None or not should_link(me, other.info):
            log.warning("ignored a signal from %s, who is not ours to link", message.sender)
            return
        if message.kind == SignalKind.OFFER:
            link = self._new_link(message.sender)
            answer = await link.accept_offer(message.sdp)
            await self._send_center(
                SignalOut(to=message.sender, kind=SignalKind.ANSWER, sdp=answer)
            )
        else:
            found = self.links.get(message.sender)
            if found is None:
                log.warning("answer from %s with no offer out", message.sender)
                return
            await found.accept_answer(message.sdp)

    # --- a link opening or going ----------------------------------------------------------------

    def _link_state(self, link: Link, state: LinkState) -> None:
        remote_id = link.remote_id
        if self.links.get(remote_id) is not link:
            return  # a link we already replaced or dropped: its news is stale
        # No hello of our own over the link: who is who comes from the center alone (a peer's
        # PeerHello is read by no one, tests/roles/test_assistant_attacks.py).
        if state == LinkState.OPEN and self.engine.me is not None:
            self._relinking.discard(remote_id)
            self.engine.link_restored(remote_id)
        if state in (LinkState.LOST, LinkState.CLOSED):
            self.links.pop(remote_id, None)
        self.engine.link_changed(remote_id, state == LinkState.OPEN)
        if state == LinkState.OPEN:
            self._links_up(remote_id)
        if state in (LinkState.LOST, LinkState.CLOSED) and remote_id not in self.links:
            self._links_down(remote_id)
        if state == LinkState.LOST:
            participant = self.engine.participant(remote_id)
            if participant is not None and participant.info.role == Role.PRIMARY_AGENT:
                if not self.center.socket_open:
                    self._spawn(self._shut_down(CONNECTION_LOST, None))
                else:
                    self._relink(remote_id)  # an assistant's link to the agent in charge
            elif participant is not None:
                self.engine.left(remote_id, LeaveReason.DISCONNECTED.value)
                self._relink(remote_id)

    def _links_up(self, remote_id: str) -> None:
        """The features that watch links hear of each new open one (after the hello)."""
        for feature in list(self.parts.values()):
            if isinstance(feature, LinkWatcher):
                try:
                    feature.on_link_up(remote_id)
                except Exception:
                    log.exception("%s failed on a new link", feature.name)

    def _relink(self, remote_id: str) -> None:
        """A link died but the center still has them (a network drop, not a departure): the
        offering side offers again for a while, so the session resumes by itself."""
        me = self.engine.me
        participant = self.engine.participant(remote_id)
        if me is None or participant is None or not should_link(me, participant.info):
            return
        if me.role == Role.CUSTOMER:
            return  # agents make the offers to customers; customers wait for them
        if participant.is_agent and participant.id < me.id:
            return  # between two agents, whichever id sorts first offers (roles may swap)
        self._relinking.add(remote_id)
        self._spawn(self._relink_loop(remote_id))

    async def _relink_loop(self, remote_id: str) -> None:
        deadline = self.clock.now() + RELINK_WINDOW_S
        while remote_id in self._relinking and self.clock.now() < deadline:
            await self.clock.sleep(RELINK_INTERVAL_S)
            if remote_id not in self._relinking or not self.center.socket_open:
                return
            link = self.links.get(remote_id)
            if link is None or link.state != LinkState.OPEN:
                with contextlib.suppress(CenterError, ConnectionError):
                    await self._offer(remote_id)
        self._relinking.discard(remote_id)

    # --- sending over them ----------------------------------------------------------------------

    def send_to(
        self, remote_id: str, message: PeerMessage, channel: ChannelName = ChannelName.CONTROL
    ) -> None:
        """Send ``message`` to one participant over our link (on control unless the feature
        asks for unordered); ConnectionError if there is none."""
        link = self.links.get(remote_id)
        if link is None:
            raise ConnectionError(f"no link to {remote_id}")
        link.send(message, channel)

    def channel(self, remote_id: str, name: ChannelName) -> Channel:
        """The named channel of our link to one participant, for a feature's raw bytes (bulk).
        Ask again after a drop: a link that comes back is a new one, with new channels."""
        link = self.links.get(remote_id)
        if link is None or link.state != LinkState.OPEN:
            raise ConnectionError(f"no open link to {remote_id}")
        return link.channel(name)
