"""Desktop sharing in both directions, as one feature of a live session.

The same code runs in the console and in the client; who shares and who views follows from the
activity's kind. The customer's engine decides consent (whatever the console says), and the
sharer's engine accepts input only from the viewer of an active control activity.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from shared.protocol.messages import ParticipantInfo, PeerMessage, Role
from shared.protocol.sharing import (
    SHARING_MESSAGES,
    ActivityAnswer,
    ActivityKind,
    ActivityRequest,
    ActivityStop,
    ClipboardText,
    ColourMode,
    ControlState,
    CursorPosition,
    KeyInput,
    MediaAnswer,
    MediaOffer,
    MonitorInfo,
    PointerAction,
    PointerInput,
    Quality,
    ScreenInfo,
    ScreenSelect,
    StopReason,
    StreamSettings,
    TextInput,
)
from shared.session.activities import CUSTOMER_SHARES, PERMISSION, Activity, ActivityState
from shared.session.consent import ConsentAnswer, ConsentGate, ConsentRequest, PermissionKind
from shared.session.events import ActivityChanged, ClipboardArrived, ConsentChanged
from shared.session.live import LiveSession
from shared.session.sharing_ports import (
    FrameCallback,
    FrameReceiver,
    FrameSender,
    InputSink,
    InputSinkFactory,
    ScreenBackend,
)
from shared.transport.channels import ChannelName

log = logging.getLogger(__name__)

# The pointer is sampled this often while our screen is shared: smooth to the eye, a few
# dozen bytes a second when it moves, nothing when it does not.
CURSOR_INTERVAL_S = 1 / 30
# Ended activities still listed (``SharingFeature.activities``: how the last ones ended, as
# tests and tools read it); older ones are forgotten, or a long day of views grows forever.
ENDED_KEPT = 16

InputMessage = PointerInput | KeyInput | TextInput


@dataclass
class _Running:
    """The live parts of one activity on this side."""

    activity: Activity
    sender: FrameSender | None = None
    receiver: FrameReceiver | None = None
    sink: InputSink | None = None
    refused_inputs: int = 0
    monitors: dict[int, MonitorInfo] = field(default_factory=dict)
    # Pauses of remote input by the sharer's own user so far (``ControlState.pauses``): counted
    # on the sharer's side, as last heard on the viewer's.
    pauses: int = 0


class SharingFeature:
    handles: tuple[type[PeerMessage], ...] = SHARING_MESSAGES

    def __init__(
        self,
        session: LiveSession,
        backend: ScreenBackend,
        input_sinks: InputSinkFactory | None = None,
        consent: ConsentGate | None = None,
        pointer: Callable[[], tuple[int, int]] | None = None,
        release: Callable[[], None] | None = None,
    ) -> None:
        self.session = session
        # Called once an ended activity's media parts are dropped, to give their memory back
        # (``shared.media.memory``); a long day of views must not grow the app.
        self.release = release
        # Where this machine's pointer is, in desktop pixels: sent to viewers of our screen.
        self.pointer = pointer
        self.backend = backend
        self.input_sinks = input_sinks
        self.consent = consent or ConsentGate()
        # The session's one consent: audited in this session's trail, and whether "allow
        # everything" is on told to the views (the customer's window shows it, to withdraw).
        if self.consent.audit is None:
            self.consent.audit = session.engine.audit
        self.consent.listeners.append(
            lambda allowed: session.engine.publish(ConsentChanged(allowed))
        )
        # Set by the view that paints remote screens: called off the Qt thread per frame.
        self.on_frame: Callable[[str, object], None] | None = None
        # Set by the same view: the remote pointer moved (activity id, x, y, visible).
        self.on_cursor: Callable[[str, int, int, bool], None] | None = None
        self._running: dict[str, _Running] = {}
        self._ended: dict[str, None] = {}  # ids of the ended ones still kept, in order of end
        self._ids = itertools.count(1)
        # Remote input dropped because a consent question was open, so far.
        self._suspended_inputs = 0
        session.add_feature(self)

    # --- what the views call ------------------------------------------------------------------

    @property
    def activities(self) -> list[Activity]:
        return [r.activity for r in self._running.values()]

    def request(self, kind: ActivityKind, customer_id: str, monitor: int = 0) -> Activity:
        """An agent asks a customer for a sharing activity (the customer's engine decides)."""
        me = self._me()
        if me.role == Role.CUSTOMER:
            raise PermissionError("only an agent asks for sharing")
        customer = self.session.engine.participant(customer_id)
        if customer is None or customer.is_agent or customer.gone_reason is not None:
            raise ValueError("that participant is not a customer in this session")
        for running in self._running.values():
            live = running.activity
            if live.customer_id != customer_id or not live.live:
                continue
            if live.kind == kind:
                return live
            # One activity (one stream, one viewer window) per customer's screen: control
            # already shows it; a view is raised to control in place, with consent.
            if {live.kind, kind} == CUSTOMER_SHARES:
                return live if live.kind == ActivityKind.CONTROL else self._ask_control(running)
        activity = Activity(
            id=f"{me.id}-s{next(self._ids)}", kind=kind, agent_id=me.id, customer_id=customer_id
        )
        self._running[activity.id] = _Running(activity)
        self.session.engine.audit.record(
            "sharing.requested", me.id, name=me.name, what=kind.value, activity=activity.id
        )
        self._publish(activity)
        self.session.send_to(
            customer_id, ActivityRequest(id=activity.id, kind=kind, monitor=monitor)
        )
        return activity

    def _ask_control(self, running: _Running) -> Activity:
        """Agent side: ask the customer to let this view become control."""
        if running.activity.asking_control:
            return running.activity
        self._update(running, running.activity.control_asked(True))
        activity = running.activity
        me = self._me()
        self.session.engine.audit.record(
            "sharing.requested",
            me.id,
            name=me.name,
            what=ActivityKind.CONTROL.value,
            activity=activity.id,
            upgrade="True",
        )
        if activity.state == ActivityState.ACTIVE:
            self._send_upgrade(activity)
        # Still waiting for the view's answer: the upgrade is asked once the view is granted.
        return activity

    def _send_upgrade(self, activity: Activity) -> None:
        message = ActivityRequest(id=activity.id, kind=ActivityKind.CONTROL, upgrade=True)
        self.session.send_to(activity.customer_id, message)

    async def stop(self, activity_id: str) -> None:
        """Either side stops an activity at any time."""
        running = self._running.get(activity_id)
        if running is None or not running.activity.live:
            return
        me = self._me()
        reason = (
            StopReason.STOPPED_BY_CUSTOMER
            if me.role == Role.CUSTOMER
            else StopReason.STOPPED_BY_AGENT
        )
        if me.role == Role.CUSTOMER:
            self.consent.withdraw(me.id, "stop")  # any Stop the customer presses ends it
        other = self._other(running.activity)
        with contextlib.suppress(ConnectionError):
            self.session.send_to(other, ActivityStop(id=activity_id, reason=reason))
        await self._end(running, reason)

    def select_monitor(self, activity_id: str, monitor: int) -> None:
        running = self._viewing(activity_id)
        if running is not None:
            self.session.send_to(
                running.activity.sharer_id, ScreenSelect(activity=activity_id, monitor=monitor)
            )

    def set_stream(self, activity_id: str, quality: Quality, colour: ColourMode) -> None:
        running = self._viewing(activity_id)
        if running is not None:
            message = StreamSettings(activity=activity_id, quality=quality, colour=colour)
            self.session.send_to(running.activity.sharer_id, message)

    def send_input(self, message: InputMessage) -> None:
        """The viewer of a control activity drives the sharer's mouse and keyboard."""
        running = self._viewing(message.activity)
        if running is None or not running.activity.with_control:
            return
        if running.activity.control_paused:
            return  # dropped, not kept: the sharer's own user has control
        stamped = message.model_copy(update={"pauses": running.pauses})
        # Only motion may be lost or overtaken (the next one corrects it); clicks, wheel and
        # keys stay on control, where none is lost or reordered.
        motion = isinstance(message, PointerInput) and message.action == PointerAction.MOVE
        channel = ChannelName.UNORDERED if motion else ChannelName.CONTROL
        with contextlib.suppress(ConnectionError):
            self.session.send_to(running.activity.sharer_id, stamped, channel)

    def send_clipboard(self, activity_id: str, text: str) -> None:
        running = self._running.get(activity_id)
        if running is None or running.activity.state != ActivityState.ACTIVE:
            return
        if not running.activity.with_control:
            return
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                self._other(running.activity), ClipboardText(activity=activity_id, text=text)
            )

    # --- messages from the peer ---------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, ActivityRequest):
            self.session.spawn(self._requested(remote_id, message))
            return
        activity_id = (
            message.id
            if isinstance(message, ActivityAnswer | ActivityStop)
            else getattr(message, "activity", "")
        )
        running = self._running.get(activity_id)
        if running is None or not running.activity.involves(remote_id):
            log.warning("%s sent %s for unknown activity %r", remote_id, message.type, activity_id)
            return
        if isinstance(message, ActivityAnswer):
            self.session.spawn(self._answered(running, remote_id, message))
        elif isinstance(message, ActivityStop):
            self.session.spawn(self._end(running, message.reason))
        elif isinstance(message, MediaOffer):
            self.session.spawn(self._media_offer(running, remote_id, message))
        elif isinstance(message, MediaAnswer):
            if running.sender is not None and remote_id == running.activity.viewer_id:
                self.session.spawn(running.sender.accept_answer(message.sdp))
        elif isinstance(message, ScreenInfo):
            if remote_id == running.activity.sharer_id:
                self._update(
                    running, running.activity.with_screen(tuple(message.monitors), message.selected)
                )
        elif isinstance(message, ScreenSelect):
            self._select(running, remote_id, message.monitor)
        elif isinstance(message, StreamSettings):
            if running.sender is not None and remote_id == running.activity.viewer_id:
                running.sender.apply_settings(message.quality, message.colour)
        elif isinstance(message, PointerInput | KeyInput | TextInput):
            self._input(running, remote_id, message)
        elif isinstance(message, ClipboardText):
            if running.activity.with_control and running.activity.state == ActivityState.ACTIVE:
                self.session.engine.publish(ClipboardArrived(running.activity.id, message.text))
        elif isinstance(message, CursorPosition) and remote_id == running.activity.sharer_id:
            if self.on_cursor is not None:
                self.on_cursor(running.activity.id, message.x, message.y, message.visible)
        elif isinstance(message, ControlState) and remote_id == running.activity.sharer_id:
            running.pauses = max(running.pauses, message.pauses)
            self._update(running, running.activity.paused(message.paused))

    def on_link_down(self, remote_id: str) -> None:
        for running in list(self._running.values()):
            if running.activity.live and running.activity.involves(remote_id):
                self.session.spawn(self._end(running, StopReason.CONNECTION_LOST))

    async def on_close(self) -> None:
        for running in list(self._running.values()):
            if running.activity.live:
                await self._end(running, StopReason.SESSION_ENDED)

    # --- the steps ----------------------------------------------------------------------------

    async def _requested(self, remote_id: str, request: ActivityRequest) -> None:
        """Customer side: an agent asks. Decide here, whatever the console says."""
        if request.upgrade:
            await self._upgrade_requested(remote_id, request)
            return
        me = self._me()
        asker = self.session.engine.participant(remote_id)
        if (
            me.role != Role.CUSTOMER
            or asker is None
            or not asker.is_agent
            or request.id in self._running
        ):
            log.warning(
                "refused a sharing request from %s: not an agent asking a customer", remote_id
            )
            with contextlib.suppress(ConnectionError):
                self.session.send_to(remote_id, ActivityAnswer(id=request.id, granted=False))
            return
        activity = Activity(id=request.id, kind=request.kind, agent_id=remote_id, customer_id=me.id)
        running = _Running(activity)
        self._running[activity.id] = running
        self._publish(activity)
        answer = await self._ask(request, asker.name, remote_id, PERMISSION[request.kind])
        if running.activity.state != ActivityState.REQUESTED:
            return  # stopped while the customer was deciding
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id,
                ActivityAnswer(id=request.id, granted=answer.granted, allow_all=answer.allow_all),
            )
        if not answer.granted:
            self._update(running, running.activity.moved(ActivityState.REFUSED))
            return
        self._update(running, running.activity.moved(ActivityState.ACTIVE))
        if running.activity.sharer_id == me.id:
            await self._start_sending(running, request.monitor)

    async def _ask(
        self, request: ActivityRequest, asker: str, remote_id: str, kind: PermissionKind
    ) -> ConsentAnswer:
        """Ask the customer (or the session's standing grant) for ``kind``; audit the answer."""
        me = self._me()
        answer = await self.consent.decide(
            ConsentRequest(
                request.kind.value, asker, request.id, kind, agent_id=remote_id, customer_id=me.id
            )
        )
        self.session.engine.audit.record(
            "sharing.answered",
            me.id,
            name=me.name,
            what=request.kind.value,
            granted=str(answer.granted),
            allow_all=str(answer.allow_all),
        )
        return answer

    async def _upgrade_requested(self, remote_id: str, request: ActivityRequest) -> None:
        """Customer side: the agent viewing our screen asks to control it. The customer is
        asked as for any control; yes adds input to the same stream, no leaves the view."""
        running = self._running.get(request.id)
        asker = self.session.engine.participant(remote_id)
        activity = running.activity if running is not None else None
        if (
            running is None
            or activity is None
            or asker is None
            or self._me().role != Role.CUSTOMER
            or request.kind != ActivityKind.CONTROL
            or activity.kind != ActivityKind.VIEW
            or activity.state != ActivityState.ACTIVE
            or activity.agent_id != remote_id
            or activity.asking_control
        ):
            # Not answered: an answer would read as the customer's to a real request pending
            # for the same activity. The asker's own engine never sends such a request.
            log.warning("ignored a request from %s to raise %r to control", remote_id, request.id)
            self.session.engine.audit.record(
                "sharing.upgrade_refused", remote_id, activity=request.id
            )
            return
        self._update(running, activity.control_asked(True))
        # Counts as a request for control, as a fresh one would.
        answer = await self._ask(request, asker.name, remote_id, PERMISSION[ActivityKind.CONTROL])
        if running.activity.state != ActivityState.ACTIVE:
            return  # stopped while the customer was deciding
        granted = answer.granted and self._start_input(running)
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id,
                ActivityAnswer(id=request.id, granted=granted, allow_all=answer.allow_all),
            )
        now = running.activity
        self._update(running, now.upgraded() if granted else now.control_asked(False))

    def _start_input(self, running: _Running) -> bool:
        """Sharer side: take input on the shared monitor; False if this machine cannot."""
        monitor = running.monitors.get(running.activity.selected_monitor)
        if self.input_sinks is None or monitor is None or running.sender is None:
            return False
        try:
            running.sink = self.input_sinks(monitor, lambda paused: self._paused(running, paused))
        except Exception:
            log.exception("could not start taking remote input")
            return False
        return True

    async def _answered(self, running: _Running, remote_id: str, answer: ActivityAnswer) -> None:
        """Agent side: the customer's answer."""
        if remote_id != running.activity.customer_id:
            return
        if running.activity.state == ActivityState.ACTIVE and running.activity.asking_control:
            self._control_answered(running, answer)
            return
        if running.activity.state != ActivityState.REQUESTED:
            return
        self.session.engine.audit.record("sharing.answer", remote_id, granted=str(answer.granted))
        if not answer.granted:
            self._update(running, running.activity.moved(ActivityState.REFUSED))
            return
        self._update(running, running.activity.moved(ActivityState.ACTIVE))
        if running.activity.asking_control:
            with contextlib.suppress(ConnectionError):
                self._send_upgrade(running.activity)  # Request control came while asking view
        if running.activity.sharer_id == self._me().id:
            await self._start_sending(running, 0)

    def _control_answered(self, running: _Running, answer: ActivityAnswer) -> None:
        """Agent side: the answer to raising a view to control; no leaves the view running."""
        self.session.engine.audit.record(
            "sharing.answer",
            running.activity.customer_id,
            granted=str(answer.granted),
            what=ActivityKind.CONTROL.value,
        )
        activity = running.activity
        self._update(
            running, activity.upgraded() if answer.granted else activity.control_asked(False)
        )

    async def _start_sending(self, running: _Running, monitor_index: int) -> None:
        activity = running.activity
        monitors = {m.index: m for m in self.backend.monitors()}
        running.monitors = monitors
        monitor = monitors.get(monitor_index) or monitors[min(monitors)]
        try:
            running.sender = self.backend.sender(monitor, self.session.ice_servers)
            if activity.with_control and self.input_sinks is not None:
                running.sink = self.input_sinks(
                    monitor, lambda paused: self._paused(running, paused)
                )
            offer = await running.sender.create_offer()
        except Exception:
            log.exception("could not start sharing the screen")
            with contextlib.suppress(ConnectionError):
                self.session.send_to(
                    activity.viewer_id,
                    ActivityStop(id=activity.id, reason=StopReason.CAPTURE_FAILED),
                )
            await self._end(running, StopReason.CAPTURE_FAILED)
            return
        viewer = activity.viewer_id
        info = ScreenInfo(
            activity=activity.id, monitors=list(monitors.values()), selected=monitor.index
        )
        self._update(running, running.activity.with_screen(tuple(monitors.values()), monitor.index))
        self.session.send_to(viewer, info)
        self.session.send_to(viewer, MediaOffer(activity=activity.id, sdp=offer))
        self.session.engine.audit.record(
            "sharing.streaming", self._me().name, activity=activity.id, monitor=str(monitor.index)
        )
        if self.pointer is not None:
            self.session.spawn(self._follow_pointer(running))

    async def _media_offer(self, running: _Running, remote_id: str, offer: MediaOffer) -> None:
        activity = running.activity
        if remote_id != activity.sharer_id or activity.state != ActivityState.ACTIVE:
            log.warning("media offer from %s for %s refused", remote_id, activity.id)
            return
        if running.receiver is not None:
            await running.receiver.close()
        running.receiver = self.backend.receiver(
            self.session.ice_servers, self._frame_callback(activity.id)
        )
        answer = await running.receiver.accept_offer(offer.sdp)
        self.session.send_to(remote_id, MediaAnswer(activity=activity.id, sdp=answer))

    async def _follow_pointer(self, running: _Running) -> None:
        """Sharer side: tell the viewer where our pointer is whenever it moves."""
        assert self.pointer is not None
        last: tuple[int, int, bool] | None = None
        settled = True  # the resting position went on control, which loses nothing
        while running.activity.state == ActivityState.ACTIVE and running.sender is not None:
            x, y = self.pointer()
            monitor = running.monitors.get(running.activity.selected_monitor)
            if monitor is not None:
                rx, ry = x - monitor.left, y - monitor.top
                visible = 0 <= rx < monitor.width and 0 <= ry < monitor.height
                now = (
                    max(0, min(rx, monitor.width - 1)),
                    max(0, min(ry, monitor.height - 1)),
                    visible,
                )
                if now != last or not settled:
                    # Motion goes unordered (may be lost); once the pointer rests, its place
                    # is sent once more on control, so a lost last move leaves no stale cursor.
                    channel = ChannelName.CONTROL if now == last else ChannelName.UNORDERED
                    settled, last = now == last, now
                    message = CursorPosition(
                        activity=running.activity.id, x=now[0], y=now[1], visible=visible
                    )
                    with contextlib.suppress(ConnectionError):
                        self.session.send_to(running.activity.viewer_id, message, channel)
            await asyncio.sleep(CURSOR_INTERVAL_S)

    def _frame_callback(self, activity_id: str) -> FrameCallback:
        def deliver(frame: object) -> None:
            running = self._running.get(activity_id)
            if running is None or not running.activity.live:
                return  # its viewer is gone or going: the frame is freed here, now
            if self.on_frame is not None:
                self.on_frame(activity_id, frame)

        return deliver

    def _select(self, running: _Running, remote_id: str, index: int) -> None:
        activity = running.activity
        monitor = running.monitors.get(index)
        if remote_id != activity.viewer_id or running.sender is None or monitor is None:
            log.warning("screen selection %s from %s refused", index, remote_id)
            return
        running.sender.select_monitor(monitor)
        if running.sink is not None:
            running.sink.set_area(monitor)
        self._update(running, activity.with_screen(activity.monitors, index))
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id,
                ScreenInfo(activity=activity.id, monitors=list(activity.monitors), selected=index),
            )

    def _input(self, running: _Running, remote_id: str, message: InputMessage) -> None:
        """Sharer side: apply input only from the viewer of an active control activity."""
        activity = running.activity
        allowed = (
            activity.with_control
            and activity.state == ActivityState.ACTIVE
            and remote_id == activity.viewer_id
            and activity.sharer_id == self._me().id
            and running.sink is not None
        )
        if not allowed or running.sink is None:
            running.refused_inputs += 1
            if running.refused_inputs in (1, 100, 10000):  # log, without flooding the log
                log.warning(
                    "input from %s refused: no control grant for %s", remote_id, activity.id
                )
                self.session.engine.audit.record("input.refused", remote_id, activity=activity.id)
            return
        if self.consent.asking:
            # A consent question is open: the controller could answer it for the customer.
            self._suspended_inputs += 1
            if self._suspended_inputs in (1, 100, 10000):  # audited, without flooding it
                log.info("remote input dropped: the customer is being asked for consent")
                self.session.engine.audit.record("input.suspended", remote_id, activity=activity.id)
            return
        if message.pauses != running.pauses:
            # Lower: sent before the viewer heard that our user took control back (typed
            # meanwhile). Higher: a count we never sent, from a viewer that would have all its
            # input pass the check.
            log.info(
                "remote input dropped: sent at pause %d, now %d", message.pauses, running.pauses
            )
            return
        running.sink.apply(message)

    def _paused(self, running: _Running, paused: bool) -> None:
        """The local user moved or typed: remote input pauses; tell the controller."""

        def report() -> None:
            if paused and not running.activity.control_paused:
                running.pauses += 1
            self._update(running, running.activity.paused(paused))
            state = ControlState(activity=running.activity.id, paused=paused, pauses=running.pauses)
            with contextlib.suppress(ConnectionError):
                self.session.send_to(running.activity.viewer_id, state)

        # Called from the input monitor's thread: hop onto the session's loop.
        self.session.call_soon_threadsafe(report)

    async def _end(self, running: _Running, reason: StopReason) -> None:
        if not running.activity.live:
            return
        self._update(running, running.activity.moved(ActivityState.STOPPED, reason))
        self.session.engine.audit.record(
            "sharing.stopped", self._me().name, activity=running.activity.id, reason=reason.value
        )
        await self._close_parts(running)
        if self.release is not None:
            self.release()

    @staticmethod
    async def _close_parts(running: _Running) -> None:
        """Stop and drop an ended activity's parts (in a frame of its own: nothing here keeps
        them alive once it returns). The activity itself stays listed a while (``ENDED_KEPT``)."""
        if running.sink is not None:
            running.sink.stop()
        for part in (running.sender, running.receiver):
            if part is not None:
                with contextlib.suppress(Exception):
                    await part.close()
        running.sender = running.receiver = running.sink = None

    # --- helpers ------------------------------------------------------------------------------

    def _me(self) -> ParticipantInfo:
        me = self.session.engine.me
        if me is None:
            raise RuntimeError("not in a session")
        return me

    def _other(self, activity: Activity) -> str:
        return activity.customer_id if self._me().id == activity.agent_id else activity.agent_id

    def _viewing(self, activity_id: str) -> _Running | None:
        running = self._running.get(activity_id)
        if running is None or running.activity.state != ActivityState.ACTIVE:
            return None
        if running.activity.viewer_id != self._me().id:
            return None
        return running

    def _update(self, running: _Running, activity: Activity) -> None:
        running.activity = activity
        self._publish(activity)
        if not activity.live:
            self._forget_old_ended(activity.id)

    def _forget_old_ended(self, activity_id: str) -> None:
        """``activity_id`` has ended: keep the ``ENDED_KEPT`` that ended last, forget older."""
        self._ended.setdefault(activity_id)
        while len(self._ended) > ENDED_KEPT:
            oldest = next(iter(self._ended))
            del self._ended[oldest]
            running = self._running.get(oldest)
            if running is not None and not running.activity.live:
                del self._running[oldest]

    def _publish(self, activity: Activity) -> None:
        self.session.engine.publish(ActivityChanged(activity))
