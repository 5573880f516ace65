"""Remote input of a control activity, both ways: the viewer sends its mouse and keyboard;
the sharer applies them only from the viewer of an active control activity, never while a
consent question is open, no faster than ``INPUT_EVENTS_PER_S``, and pauses them while its own
user moves or types."""

from __future__ import annotations

import contextlib
import logging

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.ports import InputAwareSender, InputSink, InputSinkFactory
from shared.features.desktop.protocol import (
    ControlState,
    KeyAction,
    KeyInput,
    MonitorInfo,
    PointerAction,
    PointerInput,
    TextInput,
)
from shared.features.desktop.running import Host, Running
from shared.input.rate import INPUT_BURST, INPUT_EVENTS_PER_S, InputRate, input_cost
from shared.session.shared_screens import DRAWING, sharer_drawing
from shared.transport.channels import ChannelName

# The rate limit is shared.input.rate's, as every sharer's (named here too: tests read it here).
__all__ = ["INPUT_BURST", "INPUT_EVENTS_PER_S", "InputRate", "RemoteInput", "input_cost"]

log = logging.getLogger(__name__)

InputMessage = PointerInput | KeyInput | TextInput


class RemoteInput:
    def __init__(self, host: Host, input_sinks: InputSinkFactory | None) -> None:
        self.host = host
        self.session = host.session
        self.input_sinks = input_sinks
        # Remote input dropped because a consent question was open, so far.
        self.suspended_inputs = 0
        # Remote input dropped while our user drew over the shared screen, so far.
        self.drawing_inputs = 0
        # Per activity: its rate limit, and how much input went over it.
        self.rates: dict[str, InputRate] = {}
        self.limited_inputs: dict[str, int] = {}

    # --- the viewer's side --------------------------------------------------------------------

    def send(self, message: InputMessage) -> None:
        """The viewer of a control activity drives the sharer's mouse and keyboard."""
        running = self.host.viewing(message.activity)
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

    def on_control_state(self, running: Running, remote_id: str, state: ControlState) -> None:
        if remote_id == running.activity.sharer_id:
            running.pauses = max(running.pauses, state.pauses)
            self.host.update(running, running.activity.paused(state.paused, state.reason))

    # --- the sharer's side --------------------------------------------------------------------

    def open_sink(self, running: Running, monitor: MonitorInfo) -> InputSink | None:
        """Sharer side: input on ``monitor`` for ``running``; None if this machine takes none."""
        if self.input_sinks is None:
            return None
        return self.input_sinks(monitor, lambda paused: self._paused(running, paused))

    def start(self, running: Running) -> bool:
        """Sharer side: take input on the shared monitor; False if this machine cannot."""
        monitor = running.monitors.get(running.activity.selected_monitor)
        if self.input_sinks is None or monitor is None or running.sender is None:
            return False
        try:
            running.sink = self.input_sinks(monitor, lambda paused: self._paused(running, paused))
        except Exception:
            log.exception("could not start taking remote input")
            return False
        if sharer_drawing(self.session):  # drawing already: the controller is told at once
            self.session.call_soon_threadsafe(lambda: self.drawing_changed(running))
        return True

    def drawing_changed(self, running: Running) -> None:
        """Our user started or stopped drawing over the shared screen (annotation): remote
        input is dropped meanwhile, and the controller is told why."""
        activity = running.activity
        if (
            activity.with_control
            and activity.state == ActivityState.ACTIVE
            and activity.sharer_id == self.host.me().id
            and running.sink is not None
        ):
            self._tell_state(running)

    def on_input(self, running: Running, remote_id: str, message: InputMessage) -> None:
        """Sharer side: apply input only from the viewer of an active control activity."""
        activity = running.activity
        allowed = (
            activity.with_control
            and activity.state == ActivityState.ACTIVE
            and remote_id == activity.viewer_id
            and activity.sharer_id == self.host.me().id
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
        if self.session.consent.asking:
            # A consent question is open: the controller could answer it for the customer.
            self.suspended_inputs += 1
            if self.suspended_inputs in (1, 100, 10000):  # audited, without flooding it
                log.info("remote input dropped: the customer is being asked for consent")
                self.session.engine.audit.record("input.suspended", remote_id, activity=activity.id)
            return
        if sharer_drawing(self.session) and not (
            isinstance(message, KeyInput) and message.action == KeyAction.UP
        ):
            # Our user draws over the shared screen (annotation): the overlay would take this
            # input as their own hand and draw in their name. A key let go still passes (it
            # types nothing, and one dropped would stay held).
            self.drawing_inputs += 1
            if self.drawing_inputs in (1, 100, 10000):  # audited, without flooding it
                log.info("remote input dropped: the sharer is drawing over their screen")
                self.session.engine.audit.record(
                    "input.while_drawing", remote_id, activity=activity.id
                )
            return
        if message.pauses != running.pauses:
            # Lower: sent before the viewer heard that our user took control back (typed
            # meanwhile). Higher: a count we never sent, from a viewer that would have all its
            # input pass the check.
            log.info(
                "remote input dropped: sent at pause %d, now %d", message.pauses, running.pauses
            )
            return
        rate = self.rates.setdefault(activity.id, InputRate())
        if not rate.take(input_cost(message)):
            limited = self.limited_inputs.get(activity.id, 0) + 1
            self.limited_inputs[activity.id] = limited
            if limited in (1, 100, 10000):  # logged, without flooding the log
                log.warning("remote input over %d events a second: dropped", INPUT_EVENTS_PER_S)
            if limited == 1:  # audited once per activity
                self.session.engine.audit.record(
                    "input.rate_limited", remote_id, activity=activity.id
                )
            return
        if running.sink.apply(message) and isinstance(running.sender, InputAwareSender):
            running.sender.input_applied()  # capture the input's effect now (still capped)

    def _paused(self, running: Running, paused: bool) -> None:
        """The local user moved or typed: remote input pauses; tell the controller."""

        def report() -> None:
            if paused and not running.activity.control_paused:
                running.pauses += 1
            running.local_paused = paused
            self._tell_state(running)

        # Called from the input monitor's thread: hop onto the session's loop.
        self.session.call_soon_threadsafe(report)

    def _tell_state(self, running: Running) -> None:
        """Remote input is paused while our user uses their mouse or keyboard, or draws over
        the shared screen (the reason the controller is given, drawing first)."""
        drawing = sharer_drawing(self.session)
        paused = running.local_paused or drawing
        reason = DRAWING if drawing else ""
        self.host.update(running, running.activity.paused(paused, reason))
        state = ControlState(
            activity=running.activity.id, paused=paused, reason=reason, pauses=running.pauses
        )
        with contextlib.suppress(ConnectionError):
            self.session.send_to(running.activity.viewer_id, state)
