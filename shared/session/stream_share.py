"""What the features that share part of a screen over a stream of their own have in common
(co-browsing's window, application sharing's applications): what each keeps for a share on
one side (the stream out or in, the input sink, the task watching what is shared, the
connection to the desktop's windows), the ended shares kept for a while, and the lifecycle
(``StreamShares``: stopping, input, the viewer's stream, ending), and what each shows where
(``shared_screens``, for annotation: the shared area's rectangle on the sharer's screen, followed
as it moves). No Qt."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final, Generic, Protocol, TypeVar, cast

from shared.input.rate import InputRate, input_cost
from shared.protocol.messages import ParticipantInfo, PeerMessage, Role
from shared.protocol.screen import KeyAction, KeyInput, PointerAction, PointerInput, TextInput
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.live import LiveSession
from shared.session.participants import Participant
from shared.session.shared_screens import (
    DRAWING,
    Share,
    ShareMoved,
    SharerDrawing,
    sharer_drawing,
)
from shared.transport.channels import ChannelName

log = logging.getLogger(__name__)

InputMessage = PointerInput | KeyInput | TextInput

# How often the sharing side checks what it shares is still there (a window closed ends it
# within this: X tells a window's end only to a client that selected its parent's events, and
# the other systems not at all).
WATCH_INTERVAL_S: Final = 0.25
# Ended shares still listed; older ones are forgotten.
ENDED_KEPT: Final = 16
# Refused input logged and audited at these counts only, without flooding either.
REPORTED_AT: Final = (1, 100, 10000)


class ShareState(StrEnum):
    REQUESTED = "requested"
    ACTIVE = "active"
    REFUSED = "refused"
    STOPPED = "stopped"


@dataclass
class StreamParts:
    """One share's live parts on this side (None: not running here)."""

    windows: Any = None  # the desktop's windows: ``close()``
    sender: Any = None  # the stream out: ``async close()``
    receiver: Any = None  # the stream in: ``async close()``
    sink: Any = None  # remote input injection: ``apply(event)``, ``stop()``
    # What is shared on the screen: ``current()``, ``hide()`` (the capture's), ``rect()``
    # (where it is now: screen pixels, None while not shown).
    area: Any = None
    where: tuple[int, int, int, int] | None = None  # ``area.rect()`` as last read (sharer)
    watch: asyncio.Task[None] | None = None
    rate: InputRate = field(default_factory=InputRate)  # as desktop sharing's
    refused_inputs: int = 0  # without a grant to control
    outside_inputs: int = 0  # outside what is shared
    drawing_inputs: int = 0  # while the sharer draws over what is shared

    async def release(self, watching: bool = False) -> None:
        """Stop and close every part (``watching``: called from the watch task itself)."""
        if self.watch is not None and not watching:
            self.watch.cancel()
        self.watch = None
        if self.sink is not None:
            self.sink.stop()
        for part in (self.sender, self.receiver):
            if part is not None:
                with contextlib.suppress(Exception):
                    await part.close()
        self.sender = self.receiver = self.sink = self.area = self.where = None
        self.close_windows()

    def close_windows(self) -> None:
        if self.windows is not None:
            with contextlib.suppress(Exception):
                self.windows.close()
            self.windows = None

    def refused(self) -> bool:
        """Count input refused for want of a grant; True when this count is to be reported."""
        self.refused_inputs += 1
        return self.refused_inputs in REPORTED_AT

    def outside(self) -> bool:
        """Count input dropped outside what is shared; True when it is to be reported."""
        self.outside_inputs += 1
        return self.outside_inputs in REPORTED_AT

    def while_drawing(self) -> bool:
        """Count input dropped while the sharer draws; True when it is to be reported."""
        self.drawing_inputs += 1
        return self.drawing_inputs in REPORTED_AT


def _lets_go(event: InputMessage) -> bool:
    """A key let go: it types nothing, and one dropped would leave the key held."""
    return isinstance(event, KeyInput) and event.action == KeyAction.UP


R = TypeVar("R")


class EndedShares(Generic[R]):
    """Forgets the oldest ended shares of ``running`` beyond ``ENDED_KEPT``."""

    def __init__(self, running: dict[str, R], live: Callable[[R], bool]) -> None:
        self._running = running
        self._live = live
        self._ended: dict[str, None] = {}

    def ended(self, share_id: str) -> None:
        self._ended.setdefault(share_id)
        while len(self._ended) > ENDED_KEPT:
            oldest = next(iter(self._ended))
            del self._ended[oldest]
            old = self._running.get(oldest)
            if old is not None and not self._live(old):
                del self._running[oldest]


class ShareRecord(Protocol):
    """One share as a feature records it (a frozen dataclass): who shares, who views."""

    @property
    def id(self) -> str: ...

    @property
    def state(self) -> ShareState: ...

    @property
    def live(self) -> bool: ...

    @property
    def agent_id(self) -> str: ...

    @property
    def customer_id(self) -> str: ...

    @property
    def sharer_id(self) -> str: ...

    @property
    def viewer_id(self) -> str: ...

    @property
    def paused_for(self) -> str:
        """Why the sharing side drops the viewer's input now ("": it does not)."""
        ...


@dataclass(frozen=True)
class ShareMessages:
    """A feature's message types for what every such share does (their fields: ``id`` and
    ``reason``, ``event``, ``sdp``, ``granted``, ``paused``)."""

    stop: Callable[..., PeerMessage]
    input: Callable[..., PeerMessage]
    offer: Callable[..., PeerMessage]
    media_answer: Callable[..., PeerMessage]
    answer: Callable[..., PeerMessage]
    # The sharer tells the viewer its input is dropped for now, and why (named
    # "<feature>.paused").
    paused: Callable[..., PeerMessage]


P = TypeVar("P", bound=StreamParts)


class StreamShares(Generic[P]):
    """The lifecycle every such feature's engine part shares, on both sides: stopping (either
    side, any time), the viewer's input sent and checked on the sharing side, the viewer taking
    the stream, and ending on a lost link, the session's end, a transfer of control or a
    failure. A feature names its own records, messages and checks in the hooks below."""

    name: str  # the feature's (its audit entries' prefix)
    # The reasons its shares end: an enum with at least STOPPED_BY_CUSTOMER, STOPPED_BY_AGENT,
    # CONNECTION_LOST, CAPTURE_FAILED, SESSION_ENDED, FAILED and CONTROL_CHANGED.
    ends: Any
    messages: ShareMessages  # its message types

    def __init__(self, session: LiveSession, media: Any) -> None:
        self.session = session
        self.media = media
        # Set by the view that paints the picture: called with (share id, frame) per frame.
        self.on_frame: Callable[[str, object], None] | None = None
        self._running: dict[str, P] = {}
        self._ended = EndedShares(self._running, lambda r: self.record(r).live)
        session.engine.subscribe(self._session_event)

    # --- the feature's hooks ------------------------------------------------------------------

    def record(self, running: P) -> Any:
        raise NotImplementedError

    def _update(self, running: P, record: Any) -> None:
        """Keep ``record`` as the share's, and tell the views."""
        raise NotImplementedError

    def stop_message(self, share_id: str, reason: Any) -> PeerMessage:
        return self.messages.stop(id=share_id, reason=reason)

    def input_message(self, share_id: str, event: InputMessage) -> PeerMessage:
        return self.messages.input(id=share_id, event=event)

    def media_answer(self, share_id: str, sdp: str) -> PeerMessage:
        return self.messages.media_answer(id=share_id, sdp=sdp)

    def offer_message(self, share_id: str, sdp: str) -> PeerMessage:
        return self.messages.offer(id=share_id, sdp=sdp)

    def refusal(self, share_id: str) -> PeerMessage:
        """The answer that says no to a request."""
        return self.messages.answer(id=share_id, granted=False)

    async def _requested(self, asker: Participant, request: Any) -> None:
        """An agent asks for a share (``_may_ask`` let it through): decided here, on the
        customer's side, whatever the console says. Registers the share before its first
        await (so a second request meanwhile finds one on)."""
        raise NotImplementedError

    def on_own(self, running: P, remote_id: str, message: PeerMessage) -> None:
        """A message of the feature's own about a share (an answer…), from one of its two."""

    def controlled(self, record: Any) -> bool:
        """The share lets the viewer use the mouse and keyboard."""
        raise NotImplementedError

    def placed(self, running: P, event: InputMessage) -> InputMessage | None:
        """``event`` in screen pixels if it may land on what is shared now, else None."""
        raise NotImplementedError

    # --- what is shown where (``shared.kit.shares``) -------------------------------------------

    def shared_screens(self) -> tuple[Share, ...]:
        """The active shares, each with its viewer. On the sharing side with the shared area's
        rectangle on this screen (what annotation's overlay covers); listed there only once
        that is known and while it is shown: drawn over nothing else (never the whole screen)."""
        me = self.session.engine.me
        shown: list[Share] = []
        for running in list(self._running.values()):
            record = self.record(running)
            if record.state != ShareState.ACTIVE:
                continue
            if me is not None and record.sharer_id == me.id:
                if running.where is None:
                    continue
                shown.append(Share(record.sharer_id, frozenset({record.viewer_id}), running.where))
            else:
                shown.append(Share(record.sharer_id, frozenset({record.viewer_id})))
        return tuple(shown)

    def _follow(self, running: P) -> None:
        """Sharing side, on each look at what is shared: where the area is now; when it moved
        or changed size, say so (what is drawn over it follows it)."""
        area = running.area
        try:
            where = area.rect() if area is not None else None
        except Exception:  # the display went: the watch ends the share
            log.warning("where the %s area is cannot be read", self.name, exc_info=True)
            where = None
        if where != running.where:
            running.where = where
            self.session.engine.publish(ShareMoved(self.record(running).id))

    # --- commands -----------------------------------------------------------------------------

    async def stop(self, share_id: str) -> None:
        """Either side stops a share at any time."""
        running = self._running.get(share_id)
        if running is None or not self.record(running).live:
            return
        customer = self._me().role == Role.CUSTOMER
        reason = self.ends.STOPPED_BY_CUSTOMER if customer else self.ends.STOPPED_BY_AGENT
        if customer:
            self.session.consent.withdraw(self._me().id, "stop")  # any Stop they press
        self._tell(self.record(running), self.stop_message(share_id, reason))
        await self._end(running, reason)

    def send_input(self, share_id: str, event: InputMessage) -> None:
        """The viewer's input, in the picture's own pixels."""
        running = self._running.get(share_id)
        if running is None:
            return
        record = self.record(running)
        if (
            record.state != ShareState.ACTIVE
            or not self.controlled(record)
            or record.viewer_id != self._me().id
        ):
            return
        motion = isinstance(event, PointerInput) and event.action == PointerAction.MOVE
        channel = ChannelName.UNORDERED if motion else ChannelName.CONTROL
        with contextlib.suppress(ConnectionError):
            self.session.send_to(record.sharer_id, self.input_message(share_id, event), channel)

    # --- the session's hooks ------------------------------------------------------------------

    def on_link_down(self, remote_id: str) -> None:
        for running in list(self._running.values()):
            record = self.record(running)
            if record.live and remote_id in (record.agent_id, record.customer_id):
                self.session.spawn(self._end(running, self.ends.CONNECTION_LOST))

    async def on_close(self) -> None:
        self.session.engine.unsubscribe(self._session_event)
        for running in list(self._running.values()):
            if self.record(running).live:
                await self._end(running, self.ends.SESSION_ENDED)

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None:
        """Control changed hands: what ran for the agent in charge ends, on both sides."""
        for running in list(self._running.values()):
            if self.record(running).live:
                self._end_telling(running, self.ends.CONTROL_CHANGED)

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        running = self._running.get(str(getattr(message, "id", "")))
        if running is not None and self.record(running).live:
            self._end_telling(running, self.ends.FAILED)

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        """A request (``<feature>.request``) goes to ``_requested``; a message about a share:
        the ones every such feature has handled here, the feature's own passed to ``on_own``;
        from anyone but its two, dropped."""
        if message.type == f"{self.name}.request":
            self.session.spawn(self._asked(remote_id, message))
            return
        share_id = str(getattr(message, "id", ""))
        running = self._running.get(share_id)
        if running is None or remote_id not in (
            self.record(running).agent_id,
            self.record(running).customer_id,
        ):
            log.warning("%s sent %s for unknown share %r", remote_id, message.type, share_id)
            return
        # The four every such feature has, named "<feature>.stop" and so on (their fields are
        # the same in each: reason, sdp, event).
        kind, fields = message.type.removeprefix(f"{self.name}."), cast(Any, message)
        if kind == "stop":
            self.session.spawn(self._end(running, fields.reason))
        elif kind == "offer":
            self.session.spawn(self._offered(running, remote_id, fields.sdp))
        elif kind == "media_answer":
            if running.sender is not None and remote_id == self.record(running).viewer_id:
                self.session.spawn(running.sender.accept_answer(fields.sdp))
        elif kind == "input":
            self._input(running, remote_id, fields.event)
        elif kind == "paused":
            self._paused(running, remote_id, fields.paused, fields.reason)
        else:
            self.on_own(running, remote_id, message)

    # --- the customer's side: asked -----------------------------------------------------------

    async def _asked(self, remote_id: str, request: PeerMessage) -> None:
        asker = self._may_ask(remote_id, str(getattr(request, "id", "")))
        if asker is not None:
            await self._requested(asker, request)

    def _may_ask(self, remote_id: str, share_id: str) -> Participant | None:
        """An agent's request may go to the customer (the asker, else None: refused, told and
        audited). Only a customer is asked, only by an agent, under an id not seen before, and
        one share at a time: a console asking again and again would open capture after capture
        (a view goes unasked under "allow everything")."""
        asker = self.session.engine.participant(remote_id)
        if (
            self._me().role == Role.CUSTOMER
            and asker is not None
            and asker.is_agent
            and share_id not in self._running
            and not any(self.record(r).live for r in self._running.values())
        ):
            return asker
        log.warning(
            "refused a %s request from %s: not an agent, or one is on", self.name, remote_id
        )
        self._audit("refused", remote_id, share_id)
        with contextlib.suppress(ConnectionError):
            self.session.send_to(remote_id, self.refusal(share_id))
        return None

    async def _consented(
        self, running: P, asker: Participant, what: str, kind: PermissionKind, subject: str
    ) -> bool:
        """Ask the customer through the session's one gate; True: granted, and the share was
        not stopped meanwhile (refused: ``_refuse``d, the agent told)."""
        record, me = self.record(running), self._me()
        answer = await self.session.consent.decide(
            ConsentRequest(
                what,
                asker.name,
                record.id,
                kind,
                agent_id=record.agent_id,
                customer_id=me.id,
                feature=self.name,
                subject=subject,
            )
        )
        self._audit("answered", me.id, record.id, what=what, granted=str(answer.granted))
        if self.record(running).state != ShareState.REQUESTED:
            return False  # stopped while the customer was deciding
        if not answer.granted:
            self._refuse(running)
            return False
        return True

    def _refuse(self, running: P) -> None:
        """Say no to the agent and forget the share's parts."""
        raise NotImplementedError

    # --- the sharing side ---------------------------------------------------------------------

    async def _send_stream(self, running: P, area: Any, input_sinks: Any) -> bool:
        """Start the stream of ``area`` (and input, for control) and offer it to the viewer;
        False when it could not start (the share ended, both sides told) or ended meanwhile."""
        record = self.record(running)
        running.area = area
        try:
            running.sender = self.media.sender(area, self.session.ice_servers)
            if self.controlled(record):
                if input_sinks is None:
                    raise RuntimeError("this computer takes no remote input")
                running.sink = input_sinks()
            offer = await running.sender.create_offer()
        except Exception:
            log.exception("could not start the %s stream", self.name)
            self._tell(record, self.stop_message(record.id, self.ends.CAPTURE_FAILED))
            await self._end(running, self.ends.CAPTURE_FAILED)
            return False
        if not self.record(running).live:
            return False
        self.session.send_to(record.viewer_id, self.offer_message(record.id, offer))
        self._audit("streaming", record.sharer_id, record.id)
        self._follow(running)
        if sharer_drawing(self.session):  # drawing already: the viewer is told at once
            self._tell_drawing(running)
        return True

    def _session_event(self, event: object) -> None:
        if isinstance(event, SharerDrawing):  # our user draws over what is shared, or stopped
            for running in list(self._running.values()):
                self._tell_drawing(running)

    def _tell_drawing(self, running: P) -> None:
        """Tell the viewer of a controlled share of ours that its input is dropped while our
        user draws over what is shared (``_input``), or that it goes again."""
        record, me = self.record(running), self.session.engine.me
        if (
            me is None
            or record.state != ShareState.ACTIVE
            or not self.controlled(record)
            or record.sharer_id != me.id
            or running.sink is None
        ):
            return
        drawing = sharer_drawing(self.session)
        message = self.messages.paused(
            id=record.id, paused=drawing, reason=DRAWING if drawing else ""
        )
        with contextlib.suppress(ConnectionError):
            self.session.send_to(record.viewer_id, message)

    def _input(self, running: P, remote_id: str, event: InputMessage) -> None:
        """Input lands where the share shows, or nowhere; refusals audited, not flooding."""
        record = self.record(running)
        if (
            not self.controlled(record)
            or record.state != ShareState.ACTIVE
            or remote_id != record.viewer_id
            or record.sharer_id != self._me().id
            or running.sink is None
            or running.area is None
        ):
            if running.refused():
                log.warning("%s input from %s refused: no control grant", self.name, remote_id)
                self._audit("input_refused", remote_id, record.id)
            return
        if self.session.consent.asking:
            return  # a question is open: the agent could answer it for the customer
        if sharer_drawing(self.session) and not _lets_go(event):
            # The sharer draws over what is shared: the overlay under this input would take
            # it as their own hand, and draw in their name.
            if running.while_drawing():
                log.warning("%s input dropped: the sharer is drawing", self.name)
                self._audit("input_while_drawing", remote_id, record.id)
            return
        if not running.rate.take(input_cost(event)):
            return
        placed = self.placed(running, event)
        if placed is None:
            if running.outside():
                log.warning("%s input outside what is shared dropped", self.name)
                self._audit("input_outside", remote_id, record.id)
            return
        if running.sink.apply(placed) and running.sender is not None:
            poke = getattr(running.sender, "input_applied", None)
            if callable(poke):  # the capture looks for the input's effect now, not at its poll
                poke()

    # --- the viewing side ---------------------------------------------------------------------

    def _paused(self, running: P, remote_id: str, paused: bool, reason: str) -> None:
        """The sharer drops our input for now (its views say why), or takes it again."""
        record = self.record(running)
        if remote_id != record.sharer_id or record.viewer_id != self._me().id or not record.live:
            return
        paused_for = (reason or "paused") if paused else ""
        if paused_for != record.paused_for:
            self._update(running, replace(record, paused_for=paused_for))

    async def _offered(self, running: P, remote_id: str, sdp: str) -> None:
        record = self.record(running)
        if (
            remote_id != record.sharer_id
            or record.state != ShareState.ACTIVE
            or record.viewer_id != self._me().id
        ):
            log.warning("%s offer from %s for %s refused", self.name, remote_id, record.id)
            return
        if running.receiver is not None:
            await running.receiver.close()

        def deliver(frame: object) -> None:
            if self.record(running).live and self.on_frame is not None:
                self.on_frame(record.id, frame)

        running.receiver = self.media.receiver(self.session.ice_servers, deliver)
        answer = await running.receiver.accept_offer(sdp)
        self.session.send_to(remote_id, self.media_answer(record.id, answer))

    # --- both sides ---------------------------------------------------------------------------

    def _end_telling(self, running: P, reason: Any) -> None:
        """End the share, telling the other side why."""
        self._tell(self.record(running), self.stop_message(self.record(running).id, reason))
        self.session.spawn(self._end(running, reason))

    async def _end(self, running: P, reason: Any, watching: bool = False) -> None:
        record = self.record(running)
        if not record.live:
            return
        if record.state == ShareState.REQUESTED:
            self.session.consent.cancel(record.id)  # an open question is moot now
        self._update(running, replace(record, state=ShareState.STOPPED, end=reason))
        self._audit("stopped", self._me().id, record.id, reason=reason.value)
        await running.release(watching)

    def _ended_now(self, record: ShareRecord) -> None:
        """For ``_update``: forget old ended shares once ``record`` has ended."""
        if not record.live:
            self._ended.ended(record.id)

    def _audit(self, event: str, who: str, share_id: str, **details: str) -> None:
        self.session.engine.audit.record(f"{self.name}.{event}", who, activity=share_id, **details)

    def _tell(self, record: ShareRecord, message: PeerMessage) -> None:
        other = record.customer_id if self._me().id == record.agent_id else record.agent_id
        with contextlib.suppress(ConnectionError):
            self.session.send_to(other, message)

    def _me(self) -> ParticipantInfo:
        me = self.session.engine.me
        if me is None:
            raise RuntimeError("not in a session")
        return me
