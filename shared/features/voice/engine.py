"""The voice call, as one feature of a live session: the same code in the console and in the
client; the agent in charge runs the call (its hub), every other participant whose machine can
do audio is invited: customers join with their consent, assistant agents by their own Join.

When control changes hands the call goes on (issue 11): the new agent in charge becomes its hub
and invites everyone again; whoever was in the call answers at once (no new question: the same
call), links again to the new hub, and keeps their devices open meanwhile.

Rules enforced where they matter:

- A customer's microphone opens only after the customer agreed, on their own side
  (``PermissionKind.VOICE`` through the session's consent gate), whatever a console sends: an
  offer or a floor for a customer who did not join opens nothing.
- Who may speak is the agent's decision (``VoiceState.speakers``: the agent and at most one
  other), and every receiving side drops audio from anyone else, even if their client sends it.
  The agent, the hub of the call, also never forwards it to the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections import deque

import numpy as np

from shared.features.voice.audio import TALKING_LEVEL, Capture, Playback, clamp_gain
from shared.features.voice.devices import AudioSystem, Chunk, NoAudioDevice, level, silence
from shared.features.voice.events import CallChanged, Notice
from shared.features.voice.link import VoiceLink
from shared.features.voice.protocol import (
    MAX_MEMBERS,
    MAX_SPEAKERS,
    NAME,
    VOICE_MESSAGES,
    Reply,
    VoiceAnswer,
    VoiceEnd,
    VoiceInvite,
    VoiceLeave,
    VoiceOffer,
    VoiceReply,
    VoiceState,
)
from shared.protocol.messages import PeerMessage, Role
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.live import LiveSession

log = logging.getLogger(__name__)

# How long a participant stays "speaking" after their last loud chunk: the indicator does not
# flicker between words.
TALKING_HOLD_S = 0.4
# Forwarded audio waiting to be mixed into one customer's stream, per source (100 ms).
MAX_FORWARD_CHUNKS = 5


class VoiceFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = VOICE_MESSAGES

    def __init__(
        self,
        session: LiveSession,
        system: AudioSystem,
        microphone: str | None = None,
        speakers: str | None = None,
    ) -> None:
        self.session = session
        self.system = system
        self.microphone = microphone  # the device names the audio setup chose (None: default)
        self.speakers_device = speakers
        self.mic_gain = 1.0
        self.speaker_gain = 1.0
        self.muted = False
        self.call = ""
        self.agent_id = ""  # who runs the call
        self.joined = False
        self.invited = False
        self.members: list[str] = []
        self.speakers: list[str] = []
        self.talking: list[str] = []
        self.dropped: dict[str, int] = {}  # chunks from non-speakers, dropped here
        self.links: dict[str, VoiceLink] = {}
        self._capture: Capture | None = None
        self._playback: Playback | None = None
        self._forward: dict[str, dict[str, deque[Chunk]]] = {}  # target -> source -> chunks
        self._loud_until: dict[str, float] = {}
        self._ids = itertools.count(1)
        # An invitation from someone who is not (yet) the agent in charge: kept, one per sender,
        # until the center's news that they are (their news and ours race after a transfer).
        self._early_invites: dict[str, VoiceInvite] = {}
        session.add_feature(self)

    # --- who we are ---------------------------------------------------------------------------

    def _me(self) -> str:
        me = self.session.engine.me
        return me.id if me is not None else ""

    def _is_primary(self) -> bool:
        me = self.session.engine.me
        return me is not None and me.role == Role.PRIMARY_AGENT

    @property
    def holds_call(self) -> bool:
        """We run the call now (its hub): we pass the microphone and end it."""
        return bool(self.call) and self.agent_id == self._me()

    def _is_agent(self) -> bool:
        me = self.session.engine.me
        return me is not None and me.role != Role.CUSTOMER

    def _invitees(self) -> list[str]:
        """Everyone we can reach: customers and assistant agents alike (the manual)."""
        return [p.id for p in self.session.engine.present() if p.linked and p.gone_reason is None]

    def _publish(self, notice: Notice = Notice.NONE, about: str = "") -> None:
        self.session.engine.publish(
            CallChanged(
                call=self.call,
                joined=self.joined,
                members=tuple(self.members),
                speakers=tuple(self.speakers),
                talking=tuple(self.talking),
                muted=self.muted,
                invited=self.invited,
                notice=notice,
                about=about,
            )
        )

    def _send(self, remote_id: str, message: PeerMessage) -> None:
        with contextlib.suppress(ConnectionError):
            self.session.send_to(remote_id, message)

    # --- the devices --------------------------------------------------------------------------

    async def can_do_audio(self) -> bool:
        """Whether this machine has a microphone and speakers at all."""
        inputs, outputs = await asyncio.to_thread(
            lambda: (self.system.inputs(), self.system.outputs())
        )
        return bool(inputs) and bool(outputs)

    async def _open_devices(self) -> None:
        if self._capture is not None:
            return
        loop = asyncio.get_running_loop()
        microphone = await asyncio.to_thread(self.system.open_microphone, self.microphone)
        try:
            speakers = await asyncio.to_thread(self.system.open_speakers, self.speakers_device)
        except NoAudioDevice:
            microphone.close()
            raise
        self._capture = Capture(microphone, loop)
        self._capture.gain, self._capture.muted = self.mic_gain, self.muted
        self._playback = Playback(speakers)
        self._playback.gain = self.speaker_gain
        self._capture.subscribe(self._spoke)

    async def _close_devices(self) -> None:
        capture, playback = self._capture, self._playback
        self._capture = self._playback = None
        if capture is not None:
            await asyncio.to_thread(capture.close)
        if playback is not None:
            await asyncio.to_thread(playback.close)

    @property
    def mic_level(self) -> float:
        return self._capture.level if self._capture is not None else 0.0

    def set_volumes(self, speaker: float, microphone: float) -> None:
        self.speaker_gain, self.mic_gain = clamp_gain(speaker), clamp_gain(microphone)
        if self._playback is not None:
            self._playback.gain = self.speaker_gain
        if self._capture is not None:
            self._capture.gain = self.mic_gain

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if self._capture is not None:
            self._capture.muted = muted
        self._publish()

    async def prefer_devices(self, microphone: str | None, speakers: str | None) -> None:
        """The devices chosen in an earlier run, each where this machine still has it (else
        the system's default stays)."""
        inputs, outputs = await asyncio.to_thread(
            lambda: (self.system.inputs(), self.system.outputs())
        )
        self.choose_devices(
            microphone if microphone in inputs else None, speakers if speakers in outputs else None
        )

    def choose_devices(self, microphone: str | None, speakers: str | None) -> None:
        """The audio setup's choice, used from the next call on."""
        self.microphone, self.speakers_device = microphone, speakers

    async def use_devices(self, microphone: str | None, speakers: str | None) -> None:
        """The audio setup's choice, at once: during a call the devices are opened again (the
        links stay; they are fed from whichever microphone is open)."""
        self.choose_devices(microphone, speakers)
        if self._capture is None:
            return
        await self._close_devices()
        try:
            await self._open_devices()
        except NoAudioDevice:
            self._publish(Notice.NO_AUDIO_HERE)
            raise

    # --- the agent's commands -----------------------------------------------------------------

    async def start_call(self) -> str:
        """Start a call and invite everyone else; NoAudioDevice if this machine cannot."""
        if not self._is_primary():
            raise PermissionError("only the agent in charge starts a call")
        if self.call:
            return self.call
        try:
            await self._open_devices()
        except NoAudioDevice:
            self._publish(Notice.NO_AUDIO_HERE)
            raise
        me = self._me()
        self.call, self.agent_id, self.joined = f"{me}-v{next(self._ids)}", me, True
        self.members, self.speakers, self.talking = [me], [me], []
        self.session.engine.audit.record("voice.started", me, call=self.call)
        for pid in self._invitees():
            self._send(pid, VoiceInvite(call=self.call))
        self._publish()
        return self.call

    def pass_microphone(self, participant: str | None) -> None:
        """Let ``participant`` speak beside the agent (None: the agent alone)."""
        if not self.call or self.agent_id != self._me():
            raise PermissionError("no call of ours")
        if participant is not None and participant not in self.members:
            raise ValueError("that participant is not in the call")
        speakers = [self.agent_id]
        if participant is not None and participant != self.agent_id:
            speakers.append(participant)
        self.speakers = speakers[:MAX_SPEAKERS]
        self.session.engine.audit.record(
            "voice.floor", self.agent_id, call=self.call, speaker=participant or ""
        )
        self._broadcast()

    async def end_call(self) -> None:
        if not self.call or self.agent_id != self._me():
            return
        call = self.call
        # Everyone invited, not only the members: who declined or left stops being offered it.
        for pid in {*self.members, *self._invitees()} - {self.agent_id}:
            self._send(pid, VoiceEnd(call=call))
        self.session.engine.audit.record("voice.ended", self.agent_id, call=call)
        await self._reset()

    def _broadcast(self) -> None:
        state = VoiceState(
            call=self.call, members=self.members, speakers=self.speakers, talking=self.talking
        )
        for member in self.members:
            if member != self.agent_id:
                self._send(member, state)
        self._publish()

    # --- the customer's commands --------------------------------------------------------------

    async def leave(self) -> None:
        """Leave the call; the session goes on (rejoin() to come back)."""
        if not self.joined or self.agent_id == self._me():
            return
        self.joined, self.invited = False, True  # first: an answer under way sees it
        self._send(self.agent_id, VoiceLeave(call=self.call))
        await self._drop_links()
        await self._close_devices()
        self._publish()

    async def rejoin(self) -> None:
        """Back into the call one left (the customer agreed to it when they first joined)."""
        if self.joined or not self.call or not self.invited:
            return
        await self._join(self.agent_id)

    # --- messages -----------------------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, VoiceInvite):
            self.session.spawn(self._invited(remote_id, message))
        elif isinstance(message, VoiceReply):
            self._replied(remote_id, message)
        elif isinstance(message, VoiceOffer):
            self._offered(remote_id, message)
        elif isinstance(message, VoiceAnswer):
            link = self.links.get(remote_id)
            if message.call == self.call and link is not None:
                self.session.spawn(link.accept_answer(message.sdp))
        elif isinstance(message, VoiceState):
            self._state(remote_id, message)
        elif isinstance(message, VoiceLeave):
            self._left(remote_id, message)
        elif (
            isinstance(message, VoiceEnd)
            and message.call == self.call
            and (remote_id == self.agent_id or self._from_primary(remote_id))
        ):
            self.session.spawn(self._reset())

    def _from_primary(self, remote_id: str) -> bool:
        sender = self.session.engine.participant(remote_id)
        return sender is not None and sender.info.role == Role.PRIMARY_AGENT

    async def _invited(self, remote_id: str, invite: VoiceInvite) -> None:
        """Customer side: join if this machine can and the customer agrees. An assistant agent
        is told and joins by its own Join. The same call from a new agent in charge (control
        changed hands): whoever is in it links again to them, nobody is asked again."""
        if self._is_primary():
            return
        if not self._from_primary(remote_id):
            self._early_invites[remote_id] = invite
            return
        self._early_invites.pop(remote_id, None)
        if self.call and invite.call == self.call:
            await self._new_hub(remote_id)
            return
        if self.joined:
            return
        self.call, self.agent_id, self.invited = invite.call, remote_id, True
        if not await self.can_do_audio():
            self._send(remote_id, VoiceReply(call=invite.call, outcome=Reply.NO_AUDIO))
            self._publish(Notice.NO_AUDIO_HERE)
            return
        self._publish()
        if self._is_agent():
            return  # an agent's own Join (rejoin) takes it in
        asker = self.session.engine.participant(remote_id)
        answer = await self.session.consent.decide(
            ConsentRequest(
                "voice",
                asker.name if asker is not None else "",
                invite.call,
                PermissionKind.VOICE,
                agent_id=remote_id,
                customer_id=self._me(),
                feature=NAME,
            )
        )
        if invite.call != self.call:  # ended (or another began) while the customer decided
            return
        if not answer.granted:
            self._send(remote_id, VoiceReply(call=invite.call, outcome=Reply.DECLINED))
            self._publish()
            return
        await self._join(remote_id)

    async def _join(self, agent_id: str) -> None:
        try:
            await self._open_devices()
        except NoAudioDevice:
            self._send(agent_id, VoiceReply(call=self.call, outcome=Reply.NO_AUDIO))
            self._publish(Notice.NO_AUDIO_HERE)
            return
        self.joined = True
        self.session.engine.audit.record("voice.joined", self._me(), call=self.call)
        self._send(agent_id, VoiceReply(call=self.call, outcome=Reply.JOINED))
        self._publish()

    def _replied(self, remote_id: str, reply: VoiceReply) -> None:
        """Agent side: a participant joined (or rejoined), declined, or cannot."""
        sender = self.session.engine.participant(remote_id)
        if reply.call != self.call or self.agent_id != self._me() or sender is None:
            return
        if reply.outcome != Reply.JOINED:
            notice = Notice.NO_AUDIO_THERE if reply.outcome == Reply.NO_AUDIO else Notice.DECLINED
            self._publish(notice, remote_id)
            return
        if remote_id not in self.members and len(self.members) < MAX_MEMBERS:
            self.members.append(remote_id)
        self.session.spawn(self._offer(remote_id))
        self._broadcast()

    async def _offer(self, remote_id: str) -> None:
        await self._drop_link(remote_id)
        link = VoiceLink(self.session.ice_servers, lambda chunk: self._heard(remote_id, chunk))
        self.links[remote_id] = link
        self._forward[remote_id] = {}
        sdp = await link.create_offer()
        self._send(remote_id, VoiceOffer(call=self.call, sdp=sdp))

    def _offered(self, remote_id: str, offer: VoiceOffer) -> None:
        """Customer side: only an offer from the call's agent, for a call we joined."""
        if offer.call != self.call or remote_id != self.agent_id or not self.joined:
            log.warning("a voice offer we did not agree to, from %s: ignored", remote_id)
            return
        self.session.spawn(self._answer(remote_id, offer))

    async def _answer(self, remote_id: str, offer: VoiceOffer) -> None:
        await self._drop_link(remote_id)
        link = VoiceLink(self.session.ice_servers, lambda chunk: self._heard(remote_id, chunk))
        self.links[remote_id] = link
        try:
            sdp = await link.accept_offer(offer.sdp)
        except Exception:
            if self.links.get(remote_id) is not link:
                return  # closed under us: we left, or a newer offer replaced it
            raise
        if not self.joined or offer.call != self.call or self.links.get(remote_id) is not link:
            await link.close()  # left (or the call ended) while we answered
            if self.links.get(remote_id) is link:
                del self.links[remote_id]
            return
        self._send(remote_id, VoiceAnswer(call=offer.call, sdp=sdp))

    def _state(self, remote_id: str, state: VoiceState) -> None:
        if state.call != self.call or remote_id != self.agent_id:
            return
        self.members, self.speakers = list(state.members), list(state.speakers)
        self.talking = list(state.talking)
        self._publish()

    def _left(self, remote_id: str, leave: VoiceLeave) -> None:
        if leave.call != self.call or remote_id not in self.members:
            return
        self.members.remove(remote_id)
        if remote_id in self.speakers:
            self.speakers.remove(remote_id)
        self.session.spawn(self._drop_link(remote_id))
        self._broadcast()

    # --- audio --------------------------------------------------------------------------------

    def may_send(self) -> bool:
        """Whether our microphone's sound may leave this machine: we hold the floor."""
        return self._me() in self.speakers

    def _spoke(self, chunk: Chunk) -> None:
        """A chunk of our microphone (already silent when muted or gated)."""
        me = self._me()
        self._track_talking(me, chunk)
        own = chunk if self.may_send() else silence()
        for target, link in self.links.items():
            forwards = self._forward.get(target, {})
            extra = [q.popleft() for q in forwards.values() if q]
            if extra:
                mixed = np.sum([own.astype(np.int32), *[c.astype(np.int32) for c in extra]], 0)
                link.track.feed(np.clip(mixed, -32768, 32767).astype(np.int16))
            else:
                link.track.feed(own)

    def _heard(self, source: str, chunk: Chunk) -> None:
        """A chunk from ``source``: played (and forwarded) only if they may speak."""
        if source not in self.speakers:
            self.dropped[source] = self.dropped.get(source, 0) + 1
            return
        if self._playback is not None:
            self._playback.push(source, chunk)
        self._track_talking(source, chunk)
        if self.agent_id == self._me():
            for target, sources in self._forward.items():
                if target != source:
                    queue = sources.setdefault(source, deque(maxlen=MAX_FORWARD_CHUNKS))
                    queue.append(chunk)

    def _track_talking(self, pid: str, chunk: Chunk) -> None:
        if self.agent_id != self._me():
            return  # the agent hears everyone and says who speaks
        now = asyncio.get_running_loop().time()
        if level(chunk) >= TALKING_LEVEL:
            self._loud_until[pid] = now + TALKING_HOLD_S
        talking = [p for p in self.speakers if self._loud_until.get(p, 0.0) > now]
        if talking != self.talking:
            self.talking = talking
            self._broadcast()

    # --- links and the session ----------------------------------------------------------------

    async def _drop_link(self, remote_id: str) -> None:
        link = self.links.pop(remote_id, None)
        self._forward.pop(remote_id, None)
        for sources in self._forward.values():
            sources.pop(remote_id, None)
        if self._playback is not None:
            self._playback.forget(remote_id)
        if link is not None:
            await link.close()

    async def _drop_links(self) -> None:
        for remote_id in list(self.links):
            await self._drop_link(remote_id)

    async def _reset(self) -> None:
        await self._drop_links()
        await self._close_devices()
        self.call, self.agent_id, self.joined, self.invited = "", "", False, False
        self.members, self.speakers, self.talking = [], [], []
        self._publish()

    def on_link_up(self, remote_id: str) -> None:
        """Agent side: a participant who came back within the reconnect window gets their
        audio link again; one who joined the session during the call is invited."""
        if not self.call or self.agent_id != self._me():
            return
        if remote_id in self.members:
            self.session.spawn(self._offer(remote_id))
        elif remote_id in self._invitees():
            self._send(remote_id, VoiceInvite(call=self.call))

    # --- control changing hands ---------------------------------------------------------------

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None:
        """The call goes on: the new agent in charge becomes its hub; the others drop their
        link to the former hub and wait for the new one's invitation (maybe already here)."""
        early = self._early_invites.pop(primary, None)
        self._early_invites.clear()
        if primary == self._me():
            if self.call and not self.holds_call:
                self.session.spawn(self._take_call(previous))
            return
        if self.call and self.agent_id != primary:
            self.agent_id = primary
            self.session.spawn(self._drop_links())
            self._publish()
        if early is not None:
            self.session.spawn(self._invited(primary, early))

    async def _new_hub(self, agent_id: str) -> None:
        """The call we know, now run by ``agent_id``: answer at once if we are in it."""
        if agent_id != self.agent_id:
            self.agent_id = agent_id
            await self._drop_links()
        if self.joined:
            self._send(agent_id, VoiceReply(call=self.call, outcome=Reply.JOINED))
        self._publish()

    async def _take_call(self, previous: str) -> None:
        """We are in charge now: we hold the call (our devices open; the floor we knew stays
        with whoever had it but the former agent) and invite everyone again."""
        me, call = self._me(), self.call
        try:
            await self._open_devices()
        except NoAudioDevice:
            # Nobody can hold it: it ends for everyone, the session goes on.
            for pid in self._invitees():
                self._send(pid, VoiceEnd(call=self.call))
            await self._reset()
            self._publish(Notice.NO_AUDIO_HERE)
            return
        await self._drop_links()
        if self.call != call:  # ended meanwhile (the former agent's End crossed the transfer)
            await self._reset()
            return
        kept = [p for p in self.speakers if p not in (me, previous)][:1]
        self.agent_id, self.joined, self.invited = me, True, False
        self.members, self.speakers, self.talking = [me], [me, *kept], []
        self.session.engine.audit.record("voice.taken", me, call=self.call, previous=previous)
        for pid in self._invitees():
            self._send(pid, VoiceInvite(call=self.call))
        self._publish()

    def on_link_down(self, remote_id: str) -> None:
        if remote_id in self.links:
            self.session.spawn(self._drop_link(remote_id))

    async def on_close(self) -> None:
        await self._reset()

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        self._publish(Notice.FAILED, remote_id)
