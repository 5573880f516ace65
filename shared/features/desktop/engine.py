"""Desktop sharing in both directions, as one feature of a live session.

The same code runs in the console and in the client; who shares and who views follows from the
activity's kind. The customer's engine decides consent (whatever the console says), and the
sharer's engine accepts input only from the viewer of an active control activity.

This module keeps the activities' lifecycle (request, answer, stop, raising a view to control,
the consent asked and audited) and sends each peer message to the part that takes it: the
screen stream (screen.py), remote input (input.py), the pointer (pointer.py) and the clipboard
(clipboard.py).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from shared.features.desktop.activities import CUSTOMER_SHARES, PERMISSION, Activity, ActivityState
from shared.features.desktop.clipboard import Clipboard, ways_granted
from shared.features.desktop.events import ActivityChanged
from shared.features.desktop.input import InputMessage, RemoteInput
from shared.features.desktop.pointer import Pointer
from shared.features.desktop.ports import FrameReceiver, InputSinkFactory, ScreenBackend
from shared.features.desktop.protocol import (
    NAME,
    SHARING_MESSAGES,
    ActivityAnswer,
    ActivityKind,
    ActivityRequest,
    ActivityStop,
    ClipboardText,
    ClipboardWay,
    ColourMode,
    ControlState,
    CursorPosition,
    KeyInput,
    MediaAnswer,
    MediaOffer,
    PointerInput,
    Quality,
    ScreenInfo,
    ScreenSelect,
    StopReason,
    StreamSettings,
    TextInput,
)
from shared.features.desktop.running import Host, Running
from shared.features.desktop.screen import Screen
from shared.kit.shares import Share
from shared.protocol.messages import ParticipantInfo, PeerMessage, Role
from shared.session.consent import ConsentAnswer, ConsentGate, ConsentRequest, PermissionKind
from shared.session.live import LiveSession
from shared.session.participants import assistants_here
from shared.session.shared_screens import SharerDrawing

log = logging.getLogger(__name__)

# Ended activities still listed (``SharingFeature.activities``: how the last ones ended, as
# tests and tools read it); older ones are forgotten, or a long day of views grows forever.
ENDED_KEPT = 16

M = TypeVar("M", bound=PeerMessage)
# (the activity the message is about, sender's participant id, message) -> None
ActivityHandler = Callable[[Running, str, M], None]


def _area(activity: Activity) -> tuple[int, int, int, int] | None:
    """Where the shared monitor lies on the sharer's screen (None until the sharer said)."""
    for m in activity.monitors:
        if m.index == activity.selected_monitor:
            return (m.left, m.top, m.width, m.height)
    return None


def _activity_id(message: PeerMessage) -> str:
    """The id of the activity ``message`` is about ("" if none)."""
    if isinstance(message, ActivityRequest | ActivityAnswer | ActivityStop):
        return message.id
    return str(getattr(message, "activity", ""))


class SharingFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = SHARING_MESSAGES

    def __init__(
        self,
        session: LiveSession,
        backend: ScreenBackend,
        input_sinks: InputSinkFactory | None = None,
        pointer: Callable[[], tuple[int, int]] | None = None,
        release: Callable[[], None] | None = None,
    ) -> None:
        self.session = session
        # Called once an ended activity's media parts are dropped, to give their memory back
        # (``shared.media.memory``); a long day of views must not grow the app.
        self.release = release
        self._running: dict[str, Running] = {}
        self._ended: dict[str, None] = {}  # ids of the ended ones still kept, in order of end
        self._ids = itertools.count(1)
        host = Host(
            session=session,
            me=self._me,
            find=self._running.get,
            viewing=self._viewing,
            other=self._other,
            update=self._update,
            end=self._end,
        )
        self._input = RemoteInput(host, input_sinks)
        self._pointer = Pointer(host, pointer)
        self._clipboard = Clipboard(host)
        self._screen = Screen(host, backend, self._input.open_sink, self._pointer.start)
        # Each message about an activity goes to the one step or part that takes it.
        self._handlers: dict[type[PeerMessage], Callable[[Running, str, Any], None]] = {}
        self._on(ActivityAnswer, self._on_answer)
        self._on(ActivityStop, self._on_stop)
        self._on(MediaOffer, self._screen.on_media_offer)
        self._on(MediaAnswer, self._screen.on_media_answer)
        self._on(ScreenInfo, self._screen.on_screen_info)
        self._on(ScreenSelect, self._screen.on_screen_select)
        self._on(StreamSettings, self._screen.on_stream_settings)
        self._on(PointerInput, self._input.on_input)
        self._on(KeyInput, self._input.on_input)
        self._on(TextInput, self._input.on_input)
        self._on(ControlState, self._input.on_control_state)
        self._on(CursorPosition, self._pointer.on_position)
        self._on(ClipboardText, self._clipboard.on_text)
        session.engine.subscribe(self._session_event)
        session.add_feature(self)

    def _on(self, kind: type[M], handler: ActivityHandler[M]) -> None:
        self._handlers[kind] = handler

    @property
    def consent(self) -> ConsentGate:
        """The session's one consent, which decides every request on the customer's side."""
        return self.session.consent

    # The parts' settings, read and set here as before the parts existed.

    @property
    def backend(self) -> ScreenBackend:
        return self._screen.backend

    @property
    def input_sinks(self) -> InputSinkFactory | None:
        return self._input.input_sinks

    @property
    def pointer(self) -> Callable[[], tuple[int, int]] | None:
        """Where this machine's pointer is, in desktop pixels: sent to viewers of our screen."""
        return self._pointer.pointer

    @pointer.setter
    def pointer(self, pointer: Callable[[], tuple[int, int]] | None) -> None:
        self._pointer.pointer = pointer

    @property
    def on_frame(self) -> Callable[[str, object], None] | None:
        """Set by the view that paints remote screens: called off the Qt thread per frame."""
        return self._screen.on_frame

    @on_frame.setter
    def on_frame(self, on_frame: Callable[[str, object], None] | None) -> None:
        self._screen.on_frame = on_frame

    @property
    def on_cursor(self) -> Callable[[str, int, int, bool], None] | None:
        """Set by the same view: the remote pointer moved (activity id, x, y, visible)."""
        return self._pointer.on_cursor

    @on_cursor.setter
    def on_cursor(self, on_cursor: Callable[[str, int, int, bool], None] | None) -> None:
        self._pointer.on_cursor = on_cursor

    # --- what the views call ------------------------------------------------------------------

    @property
    def activities(self) -> list[Activity]:
        return [r.activity for r in self._running.values()]

    def shared_screens(self) -> tuple[Share, ...]:
        """The screens shown now (``shared.kit.shares``: annotation draws over them)."""
        return tuple(
            Share(a.sharer_id, frozenset({a.viewer_id}), _area(a))
            for a in self.activities
            if a.state == ActivityState.ACTIVE
        )

    def view_receiver(self, activity_id: str) -> FrameReceiver | None:
        """The receiver of an active view of ours, to forward it to assistants (forwarding.py)."""
        running = self._viewing(activity_id)
        return running.receiver if running is not None else None

    def request(self, kind: ActivityKind, customer_id: str, monitor: int = 0) -> Activity:
        """An agent asks a customer for a sharing activity (the customer's engine decides)."""
        me = self._me()
        if me.role != Role.PRIMARY_AGENT:
            # The customer's engine refuses anyone else too; this only says it sooner.
            raise PermissionError("only the agent in charge asks for sharing")
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
        self._running[activity.id] = Running(activity)
        self.session.engine.audit.record(
            "sharing.requested", me.id, name=me.name, what=kind.value, activity=activity.id
        )
        self._publish(activity)
        self.session.send_to(
            customer_id, ActivityRequest(id=activity.id, kind=kind, monitor=monitor)
        )
        return activity

    def _ask_control(self, running: Running) -> Activity:
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
        self._screen.select_monitor(activity_id, monitor)

    def set_stream(self, activity_id: str, quality: Quality, colour: ColourMode) -> None:
        self._screen.set_stream(activity_id, quality, colour)

    def send_input(self, message: InputMessage) -> None:
        """The viewer of a control activity drives the sharer's mouse and keyboard."""
        self._input.send(message)

    def send_clipboard(self, activity_id: str, text: str) -> None:
        self._clipboard.send(activity_id, text)

    # --- messages from the peer ---------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, ActivityRequest):  # about an activity this side has not yet
            self.session.spawn(self._requested(remote_id, message))
            return
        handler = self._handlers.get(type(message))
        if handler is None:
            return
        activity_id = _activity_id(message)
        running = self._running.get(activity_id)
        if running is None or not running.activity.involves(remote_id):
            log.warning("%s sent %s for unknown activity %r", remote_id, message.type, activity_id)
            return
        handler(running, remote_id, message)

    def _on_answer(self, running: Running, remote_id: str, answer: ActivityAnswer) -> None:
        self.session.spawn(self._answered(running, remote_id, answer))

    def _on_stop(self, running: Running, remote_id: str, stop: ActivityStop) -> None:
        self.session.spawn(self._end(running, stop.reason))

    def on_link_down(self, remote_id: str) -> None:
        for running in list(self._running.values()):
            if running.activity.live and running.activity.involves(remote_id):
                self.session.spawn(self._end(running, StopReason.CONNECTION_LOST))

    async def on_close(self) -> None:
        self.session.engine.unsubscribe(self._session_event)
        for running in list(self._running.values()):
            if running.activity.live:
                await self._end(running, StopReason.SESSION_ENDED)

    def _session_event(self, event: object) -> None:
        if isinstance(event, SharerDrawing):  # our user draws over what is shared, or stopped
            for running in list(self._running.values()):
                self._input.drawing_changed(running)

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None:
        """Control changed hands: every activity ends, on both sides, saying why (each side
        hears of the change from the center; the stop covers one that did not yet)."""
        for running in list(self._running.values()):
            if not running.activity.live:
                continue
            with contextlib.suppress(ConnectionError):
                self.session.send_to(
                    self._other(running.activity),
                    ActivityStop(id=running.activity.id, reason=StopReason.CONTROL_CHANGED),
                )
            self.session.spawn(self._end(running, StopReason.CONTROL_CHANGED))

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        """Handling ``message`` failed: the activity it was about ends, on both sides."""
        activity_id = _activity_id(message)
        running = self._running.get(activity_id)
        if running is None or not running.activity.live:
            return
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                self._other(running.activity),
                ActivityStop(id=activity_id, reason=StopReason.FAILED),
            )
        self.session.spawn(self._end(running, StopReason.FAILED))

    # --- the steps ----------------------------------------------------------------------------

    async def _requested(self, remote_id: str, request: ActivityRequest) -> None:
        """Customer side: an agent asks. Decide here, whatever the console says."""
        if request.upgrade:
            await self._upgrade_requested(remote_id, request)
            return
        me = self._me()
        asker = self.session.engine.participant(remote_id)
        # An activity id is its asker's id and a counter, which everyone in the session can
        # tell: another agent's ended activity under it (an assistant's request, refused, sent
        # first on purpose) must not block the asker's own (tests/roles/test_assistant_attacks.py).
        taken = self._running.get(request.id)
        if (
            me.role != Role.CUSTOMER
            or asker is None
            or not asker.is_agent
            or (taken is not None and (taken.activity.live or taken.activity.agent_id == remote_id))
        ):
            log.warning(
                "refused a sharing request from %s: not an agent asking a customer", remote_id
            )
            with contextlib.suppress(ConnectionError):
                self.session.send_to(remote_id, ActivityAnswer(id=request.id, granted=False))
            return
        activity = Activity(id=request.id, kind=request.kind, agent_id=remote_id, customer_id=me.id)
        running = Running(activity)
        self._running[activity.id] = running
        self._publish(activity)
        answer, clipboard = await self._ask(
            request,
            asker.name,
            remote_id,
            PERMISSION[request.kind],
            lambda: running.activity.state == ActivityState.REQUESTED,
        )
        if running.activity.state != ActivityState.REQUESTED:
            return  # stopped while the customer was deciding
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id,
                ActivityAnswer(
                    id=request.id,
                    granted=answer.granted,
                    allow_all=answer.allow_all,
                    clipboard=sorted(clipboard),
                ),
            )
        if not answer.granted:
            self._update(running, running.activity.moved(ActivityState.REFUSED))
            return
        self._update(
            running, running.activity.moved(ActivityState.ACTIVE).with_clipboard(clipboard)
        )
        if running.activity.sharer_id == me.id:
            await self._screen.start_sending(running, request.monitor)

    def _assistants(self) -> tuple[str, ...]:
        """The assistant agents present: the agent in charge forwards our screen to them."""
        return tuple(p.name for p in assistants_here(self.session.engine.present()))

    async def _ask(
        self,
        request: ActivityRequest,
        asker: str,
        remote_id: str,
        kind: PermissionKind,
        still_asked: Callable[[], bool],
    ) -> tuple[ConsentAnswer, frozenset[ClipboardWay]]:
        """Ask the customer (or the session's standing grant) for ``kind``; audit the answer.
        Also the ways the clipboard goes if granted: only when the customer read the question,
        whose words name them (``clipboard.py``). An answer given once the request was taken
        back (``still_asked`` false) is audited as ignored: it granted nothing."""
        me = self._me()
        # Read before deciding: granted by the standing grant means no question was shown.
        in_words = kind not in self.consent.allowed
        answer = await self.consent.decide(
            ConsentRequest(
                request.kind.value,
                asker,
                request.id,
                kind,
                agent_id=remote_id,
                customer_id=me.id,
                feature=NAME,
                also_seen_by=self._assistants() if request.kind in CUSTOMER_SHARES else (),
            )
        )
        clipboard = ways_granted(request.kind, in_words) if answer.granted else frozenset()
        self.session.engine.audit.record(
            "sharing.answered" if still_asked() else "sharing.answer_ignored",
            me.id,
            name=me.name,
            what=request.kind.value,
            granted=str(answer.granted),
            allow_all=str(answer.allow_all),
            clipboard=",".join(sorted(clipboard)),
        )
        return answer, clipboard

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
        answer, clipboard = await self._ask(
            request,
            asker.name,
            remote_id,
            PERMISSION[ActivityKind.CONTROL],
            lambda: running.activity.state == ActivityState.ACTIVE,
        )
        if running.activity.state != ActivityState.ACTIVE:
            return  # stopped while the customer was deciding
        granted = answer.granted and self._input.start(running)
        clipboard = clipboard if granted else frozenset()
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id,
                ActivityAnswer(
                    id=request.id,
                    granted=granted,
                    allow_all=answer.allow_all,
                    clipboard=sorted(clipboard),
                ),
            )
        now = running.activity
        self._update(
            running,
            now.upgraded().with_clipboard(clipboard) if granted else now.control_asked(False),
        )

    async def _answered(self, running: Running, remote_id: str, answer: ActivityAnswer) -> None:
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
        # The clipboard goes the ways the customer's engine said, never beyond the kind's.
        clipboard = frozenset(answer.clipboard)
        self._update(
            running, running.activity.moved(ActivityState.ACTIVE).with_clipboard(clipboard)
        )
        if running.activity.asking_control:
            with contextlib.suppress(ConnectionError):
                self._send_upgrade(running.activity)  # Request control came while asking view
        if running.activity.sharer_id == self._me().id:
            await self._screen.start_sending(running, 0)

    def _control_answered(self, running: Running, answer: ActivityAnswer) -> None:
        """Agent side: the answer to raising a view to control; no leaves the view running."""
        self.session.engine.audit.record(
            "sharing.answer",
            running.activity.customer_id,
            granted=str(answer.granted),
            what=ActivityKind.CONTROL.value,
        )
        activity = running.activity
        clipboard = frozenset(answer.clipboard)
        self._update(
            running,
            activity.upgraded().with_clipboard(clipboard)
            if answer.granted
            else activity.control_asked(False),
        )

    async def _end(self, running: Running, reason: StopReason) -> None:
        if not running.activity.live:
            return
        if running.activity.state == ActivityState.REQUESTED:
            self.consent.cancel(running.activity.id)  # a question still open is moot now
        self._update(running, running.activity.moved(ActivityState.STOPPED, reason))
        self.session.engine.audit.record(
            "sharing.stopped", self._me().name, activity=running.activity.id, reason=reason.value
        )
        await self._close_parts(running)
        if self.release is not None:
            self.release()

    @staticmethod
    async def _close_parts(running: Running) -> None:
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

    def _viewing(self, activity_id: str) -> Running | None:
        running = self._running.get(activity_id)
        if running is None or running.activity.state != ActivityState.ACTIVE:
            return None
        if running.activity.viewer_id != self._me().id:
            return None
        return running

    def _update(self, running: Running, activity: Activity) -> None:
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
        # The session's consent knows whom the customer's screen is shown to (files go unasked).
        self.consent.screen_shared_with = {
            r.activity.agent_id
            for r in self._running.values()
            if r.activity.state == ActivityState.ACTIVE
            and r.activity.sharer_id == r.activity.customer_id
        }
        self.session.engine.publish(ActivityChanged(activity))
