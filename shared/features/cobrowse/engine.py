"""Co-browsing as one feature of a live session: the agent asks to view or control the window
the customer launched the client from; the customer's engine decides, sends that window only,
and is the one that decides where the agent's input may land.

The same code runs in the console and in the client. On the customer's side:

- consent is asked through the session's gate, naming the window's title (view: an
  application view, which "allow everything" covers; control: asked each time, as desktop
  control is);
- the picture is the window's visible part only (``area.py``: covered parts hatched);
- input lands only on that visible part, looked up again for each event, keys only while the
  window has the keyboard; everything else is dropped and audited once;
- the window is watched: once closed, the share ends and both sides are told.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Final

from shared.features.cobrowse.area import WindowArea
from shared.features.cobrowse.ports import (
    CobrowseMedia,
    InputMessage,
    InputSink,
    InputSinkFactory,
    LaunchingWindow,
    WindowReceiver,
    WindowSender,
    WindowsFactory,
)
from shared.features.cobrowse.protocol import (
    COBROWSE_MESSAGES,
    MAX_TITLE_CHARS,
    NAME,
    CobrowseAnswer,
    CobrowseEnd,
    CobrowseInput,
    CobrowseKind,
    CobrowseMediaAnswer,
    CobrowseOffer,
    CobrowseRequest,
    CobrowseStop,
)
from shared.protocol.messages import ParticipantInfo, PeerMessage, Role
from shared.protocol.screen import KeyAction, KeyInput, PointerAction, PointerInput
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.live import LiveSession
from shared.transport.channels import ChannelName
from shared.windows import WindowRef, WindowSystem

log = logging.getLogger(__name__)

# How often the customer's side checks that the shared window is still there: its closing
# ends the share within this (a poll: X tells a window's end only to a client that selected
# the events of its parent, and the other systems not at all).
WATCH_INTERVAL_S: Final = 0.25
# Remote input taken, in events a second with a burst: as desktop sharing's (a person's mouse
# and typing; a pasted text of the longest fits in the burst). Over it: dropped, never queued.
INPUT_EVENTS_PER_S: Final = 300
INPUT_BURST: Final = 600
# Ended co-browses still listed (how the last ones ended); older ones are forgotten.
ENDED_KEPT: Final = 16
# Refusals logged and audited at these counts only, without flooding either.
REPORTED_AT: Final = (1, 100, 10000)

PERMISSION: dict[CobrowseKind, PermissionKind] = {
    CobrowseKind.VIEW: PermissionKind.VIEW_APPLICATION,
    CobrowseKind.CONTROL: PermissionKind.CONTROL_APPLICATION,
}


class CobrowseState(StrEnum):
    REQUESTED = "requested"
    ACTIVE = "active"
    REFUSED = "refused"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Cobrowse:
    id: str
    kind: CobrowseKind
    agent_id: str
    customer_id: str
    state: CobrowseState = CobrowseState.REQUESTED
    title: str = ""  # the shared window's, once granted
    # Refused because there was no launching window to share.
    no_window: bool = False
    end: CobrowseEnd | None = None

    @property
    def live(self) -> bool:
        return self.state in (CobrowseState.REQUESTED, CobrowseState.ACTIVE)


@dataclass(frozen=True)
class CobrowseChanged:
    """Published to the views whenever a co-browse changes."""

    cobrowse: Cobrowse


@dataclass
class _Rate:
    """A token bucket of ``INPUT_EVENTS_PER_S`` with ``INPUT_BURST`` tokens."""

    tokens: float = INPUT_BURST
    last: float = field(default_factory=time.monotonic)

    def take(self, cost: int) -> bool:
        now = time.monotonic()
        self.tokens = min(INPUT_BURST, self.tokens + (now - self.last) * INPUT_EVENTS_PER_S)
        self.last = now
        if cost > self.tokens:
            return False
        self.tokens -= cost
        return True


@dataclass
class Running:
    """One co-browse's live parts on this side."""

    cobrowse: Cobrowse
    windows: WindowSystem | None = None
    area: WindowArea | None = None
    sender: WindowSender | None = None
    receiver: WindowReceiver | None = None
    sink: InputSink | None = None
    watch: asyncio.Task[None] | None = None
    rate: _Rate = field(default_factory=_Rate)
    refused_inputs: int = 0
    outside_inputs: int = 0


class CobrowseFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = COBROWSE_MESSAGES

    def __init__(
        self,
        session: LiveSession,
        media: CobrowseMedia,
        windows: WindowsFactory | None,
        launching: LaunchingWindow,
        input_sinks: InputSinkFactory | None = None,
        pointer: Callable[[], tuple[int, int]] | None = None,
    ) -> None:
        self.session = session
        self.media = media
        self.windows = windows
        self.launching = launching
        self.input_sinks = input_sinks
        self.pointer = pointer
        # Set by the view that paints the window: called with (co-browse id, frame) per frame.
        self.on_frame: Callable[[str, object], None] | None = None
        self._running: dict[str, Running] = {}
        self._ended: dict[str, None] = {}
        self._ids = itertools.count(1)
        session.add_feature(self)

    @property
    def cobrowses(self) -> list[Cobrowse]:
        return [r.cobrowse for r in self._running.values()]

    # --- the agent's commands -----------------------------------------------------------------

    def request(self, kind: CobrowseKind, customer_id: str) -> Cobrowse:
        """The agent asks to view or control the customer's launching window."""
        me = self._me()
        if me.role != Role.PRIMARY_AGENT:
            raise PermissionError("only the agent in charge asks to co-browse")
        customer = self.session.engine.participant(customer_id)
        if customer is None or customer.is_agent or customer.gone_reason is not None:
            raise ValueError("that participant is not a customer in this session")
        for running in list(self._running.values()):
            live = running.cobrowse
            if live.customer_id == customer_id and live.live:
                if live.kind == kind:
                    return live
                # One co-browse per customer: the other kind replaces it (asked afresh).
                self._tell(live, CobrowseStop(id=live.id, reason=CobrowseEnd.STOPPED_BY_AGENT))
                self.session.spawn(self._end(running, CobrowseEnd.STOPPED_BY_AGENT))
        cobrowse = Cobrowse(
            id=f"{me.id}-c{next(self._ids)}", kind=kind, agent_id=me.id, customer_id=customer_id
        )
        self._running[cobrowse.id] = Running(cobrowse)
        self.session.engine.audit.record(
            "cobrowse.requested", me.id, what=kind.value, activity=cobrowse.id
        )
        self._publish(cobrowse)
        self.session.send_to(customer_id, CobrowseRequest(id=cobrowse.id, kind=kind))
        return cobrowse

    async def stop(self, cobrowse_id: str) -> None:
        """Either side stops a co-browse at any time."""
        running = self._running.get(cobrowse_id)
        if running is None or not running.cobrowse.live:
            return
        customer = self._me().role == Role.CUSTOMER
        reason = CobrowseEnd.STOPPED_BY_CUSTOMER if customer else CobrowseEnd.STOPPED_BY_AGENT
        if customer:
            self.session.consent.withdraw(self._me().id, "stop")  # any Stop they press
        self._tell(running.cobrowse, CobrowseStop(id=cobrowse_id, reason=reason))
        await self._end(running, reason)

    def send_input(self, cobrowse_id: str, event: InputMessage) -> None:
        """The agent's input, in the window's own pixels (the picture's)."""
        running = self._running.get(cobrowse_id)
        if running is None:
            return
        cobrowse = running.cobrowse
        if (
            cobrowse.state != CobrowseState.ACTIVE
            or cobrowse.kind != CobrowseKind.CONTROL
            or cobrowse.agent_id != self._me().id
        ):
            return
        motion = isinstance(event, PointerInput) and event.action == PointerAction.MOVE
        channel = ChannelName.UNORDERED if motion else ChannelName.CONTROL
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                cobrowse.customer_id, CobrowseInput(id=cobrowse_id, event=event), channel
            )

    # --- messages from the peer ---------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, CobrowseRequest):
            self.session.spawn(self._requested(remote_id, message))
            return
        cobrowse_id = str(getattr(message, "id", ""))
        running = self._running.get(cobrowse_id)
        if running is None or remote_id not in (
            running.cobrowse.agent_id,
            running.cobrowse.customer_id,
        ):
            log.warning("%s sent %s for unknown co-browse %r", remote_id, message.type, cobrowse_id)
            return
        if isinstance(message, CobrowseAnswer):
            self._answered(running, remote_id, message)
        elif isinstance(message, CobrowseStop):
            self.session.spawn(self._end(running, message.reason))
        elif isinstance(message, CobrowseOffer):
            self.session.spawn(self._offered(running, remote_id, message))
        elif isinstance(message, CobrowseMediaAnswer):
            if running.sender is not None and remote_id == running.cobrowse.agent_id:
                self.session.spawn(running.sender.accept_answer(message.sdp))
        elif isinstance(message, CobrowseInput):
            self._input(running, remote_id, message.event)

    def on_link_down(self, remote_id: str) -> None:
        for running in list(self._running.values()):
            cobrowse = running.cobrowse
            if cobrowse.live and remote_id in (cobrowse.agent_id, cobrowse.customer_id):
                self.session.spawn(self._end(running, CobrowseEnd.CONNECTION_LOST))

    async def on_close(self) -> None:
        for running in list(self._running.values()):
            if running.cobrowse.live:
                await self._end(running, CobrowseEnd.SESSION_ENDED)

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None:
        """Control changed hands: what ran for the agent in charge ends, on both sides."""
        for running in list(self._running.values()):
            if running.cobrowse.live:
                stop = CobrowseStop(id=running.cobrowse.id, reason=CobrowseEnd.CONTROL_CHANGED)
                self._tell(running.cobrowse, stop)
                self.session.spawn(self._end(running, CobrowseEnd.CONTROL_CHANGED))

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        running = self._running.get(str(getattr(message, "id", "")))
        if running is None or not running.cobrowse.live:
            return
        self._tell(
            running.cobrowse, CobrowseStop(id=running.cobrowse.id, reason=CobrowseEnd.FAILED)
        )
        self.session.spawn(self._end(running, CobrowseEnd.FAILED))

    # --- the customer's side ------------------------------------------------------------------

    async def _requested(self, remote_id: str, request: CobrowseRequest) -> None:
        """An agent asks: decide here, whatever the console says."""
        me = self._me()
        asker = self.session.engine.participant(remote_id)
        taken = self._running.get(request.id)
        if (
            me.role != Role.CUSTOMER
            or asker is None
            or not asker.is_agent
            or (taken is not None and (taken.cobrowse.live or taken.cobrowse.agent_id == remote_id))
            # One co-browse at a time: a console asking again and again would open capture
            # after capture (a view goes unasked under "allow everything").
            or any(r.cobrowse.live for r in self._running.values())
        ):
            log.warning(
                "refused a co-browse request from %s: not an agent, or one is on", remote_id
            )
            self.session.engine.audit.record("cobrowse.refused", remote_id, activity=request.id)
            with contextlib.suppress(ConnectionError):
                self.session.send_to(remote_id, CobrowseAnswer(id=request.id, granted=False))
            return
        running = Running(
            Cobrowse(id=request.id, kind=request.kind, agent_id=remote_id, customer_id=me.id)
        )
        self._running[request.id] = running
        window, windows = self._launching_window()
        if window is None or windows is None:
            self.session.engine.audit.record("cobrowse.no_window", me.id, activity=request.id)
            self._refuse(running, no_window=True)
            return
        running.windows = windows
        self._publish(running.cobrowse)
        title = windows.title(window)[:MAX_TITLE_CHARS]
        answer = await self.session.consent.decide(
            ConsentRequest(
                request.kind.value,
                asker.name,
                request.id,
                PERMISSION[request.kind],
                agent_id=remote_id,
                customer_id=me.id,
                feature=NAME,
                subject=title,
            )
        )
        self.session.engine.audit.record(
            "cobrowse.answered",
            me.id,
            what=request.kind.value,
            granted=str(answer.granted),
            activity=request.id,
        )
        if running.cobrowse.state != CobrowseState.REQUESTED:
            return  # stopped while the customer was deciding
        if not answer.granted:
            self._refuse(running)
            return
        if not windows.exists(window):  # closed while the customer was deciding
            self._refuse(running, no_window=True)
            return
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id, CobrowseAnswer(id=request.id, granted=True, title=title)
            )
        self._update(running, replace(running.cobrowse, state=CobrowseState.ACTIVE, title=title))
        await self._start_sending(running, windows, window)

    def _launching_window(self) -> tuple[WindowRef | None, WindowSystem | None]:
        """The window to share and the desktop's windows, if both are there."""
        window = self.launching()
        if window is None or self.windows is None:
            return None, None
        try:
            windows = self.windows()
        except Exception:
            log.warning("the desktop's windows cannot be read here", exc_info=True)
            return None, None
        if not windows.exists(window):
            windows.close()
            return None, None
        return window, windows

    def _refuse(self, running: Running, no_window: bool = False) -> None:
        cobrowse = running.cobrowse
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                cobrowse.agent_id,
                CobrowseAnswer(id=cobrowse.id, granted=False, no_window=no_window),
            )
        self._close_windows(running)
        self._update(running, replace(cobrowse, state=CobrowseState.REFUSED, no_window=no_window))

    async def _start_sending(
        self, running: Running, windows: WindowSystem, window: WindowRef
    ) -> None:
        cobrowse = running.cobrowse
        running.area = WindowArea(windows, window)
        try:
            running.sender = self.media.sender(running.area, self.session.ice_servers)
            if cobrowse.kind == CobrowseKind.CONTROL:
                if self.input_sinks is None:
                    raise RuntimeError("this computer takes no remote input")
                running.sink = self.input_sinks()
            offer = await running.sender.create_offer()
        except Exception:
            log.exception("could not start sharing the window")
            self._tell(cobrowse, CobrowseStop(id=cobrowse.id, reason=CobrowseEnd.CAPTURE_FAILED))
            await self._end(running, CobrowseEnd.CAPTURE_FAILED)
            return
        if not running.cobrowse.live:
            return
        self.session.send_to(cobrowse.agent_id, CobrowseOffer(id=cobrowse.id, sdp=offer))
        self.session.engine.audit.record(
            "cobrowse.streaming", cobrowse.customer_id, activity=cobrowse.id
        )
        running.watch = asyncio.ensure_future(self._watch(running, windows, window))

    async def _watch(self, running: Running, windows: WindowSystem, window: WindowRef) -> None:
        """End the share, telling the agent, once the window is closed."""
        while running.cobrowse.live:
            await asyncio.sleep(WATCH_INTERVAL_S)
            try:
                gone = not windows.exists(window)
            except Exception:  # the display itself went: so did the window
                log.warning("the shared window cannot be checked", exc_info=True)
                gone = True
            if running.cobrowse.live and gone:
                cobrowse = running.cobrowse
                self._tell(cobrowse, CobrowseStop(id=cobrowse.id, reason=CobrowseEnd.WINDOW_CLOSED))
                await self._end(running, CobrowseEnd.WINDOW_CLOSED, watching=True)
                return

    def _input(self, running: Running, remote_id: str, event: InputMessage) -> None:
        """The customer's side: input lands on the window's visible part, or nowhere."""
        cobrowse = running.cobrowse
        if (
            cobrowse.kind != CobrowseKind.CONTROL
            or cobrowse.state != CobrowseState.ACTIVE
            or remote_id != cobrowse.agent_id
            or cobrowse.customer_id != self._me().id
            or running.sink is None
            or running.area is None
        ):
            running.refused_inputs += 1
            if running.refused_inputs in REPORTED_AT:
                log.warning("co-browse input from %s refused: no control grant", remote_id)
                self.session.engine.audit.record(
                    "cobrowse.input_refused", remote_id, activity=cobrowse.id
                )
            return
        if self.session.consent.asking:
            return  # a question is open: the agent could answer it for the customer
        if not running.rate.take(len(event.text) if hasattr(event, "text") else 1):
            return
        placed = self._placed(running, running.area, event)
        if placed is None:
            running.outside_inputs += 1
            if running.outside_inputs in REPORTED_AT:
                log.warning("co-browse input outside the shared window dropped")
                self.session.engine.audit.record(
                    "cobrowse.input_outside", remote_id, activity=cobrowse.id
                )
            return
        running.sink.apply(placed)

    def _placed(
        self, running: Running, area: WindowArea, event: InputMessage
    ) -> InputMessage | None:
        """``event`` in screen pixels if it may land, else None. Pointer: on the window's
        visible part now. Keys and text: while the window has the keyboard (a key let go
        always passes: it types nothing, and a key left held would reach other windows)."""
        if isinstance(event, PointerInput):
            spot = area.place(event.x, event.y)
            if spot is None:
                return None
            return event.model_copy(
                update={"x": spot[0], "y": spot[1], "activity": running.cobrowse.id}
            )
        if isinstance(event, KeyInput) and event.action == KeyAction.UP:
            return event
        inside = self.pointer is not None and area.shows(*self.pointer())
        windows = running.windows
        if windows is None or not windows.has_focus(area.window, inside):
            return None
        return event

    # --- the agent's side ---------------------------------------------------------------------

    def _answered(self, running: Running, remote_id: str, answer: CobrowseAnswer) -> None:
        cobrowse = running.cobrowse
        if remote_id != cobrowse.customer_id or cobrowse.state != CobrowseState.REQUESTED:
            return
        if cobrowse.agent_id != self._me().id:
            return
        self.session.engine.audit.record(
            "cobrowse.answer", remote_id, granted=str(answer.granted), activity=cobrowse.id
        )
        if answer.granted:
            self._update(running, replace(cobrowse, state=CobrowseState.ACTIVE, title=answer.title))
        else:
            self._update(
                running,
                replace(cobrowse, state=CobrowseState.REFUSED, no_window=answer.no_window),
            )

    async def _offered(self, running: Running, remote_id: str, offer: CobrowseOffer) -> None:
        cobrowse = running.cobrowse
        if (
            remote_id != cobrowse.customer_id
            or cobrowse.state != CobrowseState.ACTIVE
            or cobrowse.agent_id != self._me().id
        ):
            log.warning("co-browse offer from %s for %s refused", remote_id, cobrowse.id)
            return
        if running.receiver is not None:
            await running.receiver.close()

        def deliver(frame: object) -> None:
            if running.cobrowse.live and self.on_frame is not None:
                self.on_frame(cobrowse.id, frame)

        running.receiver = self.media.receiver(self.session.ice_servers, deliver)
        answer = await running.receiver.accept_offer(offer.sdp)
        self.session.send_to(remote_id, CobrowseMediaAnswer(id=cobrowse.id, sdp=answer))

    # --- both sides ---------------------------------------------------------------------------

    async def _end(self, running: Running, reason: CobrowseEnd, watching: bool = False) -> None:
        if not running.cobrowse.live:
            return
        if running.cobrowse.state == CobrowseState.REQUESTED:
            self.session.consent.cancel(running.cobrowse.id)  # an open question is moot now
        self._update(running, replace(running.cobrowse, state=CobrowseState.STOPPED, end=reason))
        self.session.engine.audit.record(
            "cobrowse.stopped", self._me().id, activity=running.cobrowse.id, reason=reason.value
        )
        if running.watch is not None and not watching:
            running.watch.cancel()
        running.watch = None
        if running.sink is not None:
            running.sink.stop()
        for part in (running.sender, running.receiver):
            if part is not None:
                with contextlib.suppress(Exception):
                    await part.close()
        running.sender = running.receiver = running.sink = None
        running.area = None
        self._close_windows(running)

    @staticmethod
    def _close_windows(running: Running) -> None:
        if running.windows is not None:
            with contextlib.suppress(Exception):
                running.windows.close()
            running.windows = None

    def _tell(self, cobrowse: Cobrowse, message: PeerMessage) -> None:
        other = cobrowse.customer_id if self._me().id == cobrowse.agent_id else cobrowse.agent_id
        with contextlib.suppress(ConnectionError):
            self.session.send_to(other, message)

    def _me(self) -> ParticipantInfo:
        me = self.session.engine.me
        if me is None:
            raise RuntimeError("not in a session")
        return me

    def _update(self, running: Running, cobrowse: Cobrowse) -> None:
        running.cobrowse = cobrowse
        self._publish(cobrowse)
        if not cobrowse.live:
            self._ended.setdefault(cobrowse.id)
            while len(self._ended) > ENDED_KEPT:
                oldest = next(iter(self._ended))
                del self._ended[oldest]
                old = self._running.get(oldest)
                if old is not None and not old.cobrowse.live:
                    del self._running[oldest]

    def _publish(self, cobrowse: Cobrowse) -> None:
        self.session.engine.publish(CobrowseChanged(cobrowse))
