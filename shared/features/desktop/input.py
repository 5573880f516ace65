"""Remote input of a control activity, both ways: the viewer sends its mouse and keyboard;
the sharer applies them only from the viewer of an active control activity, never while a
consent question is open, no faster than ``INPUT_EVENTS_PER_S``, and pauses them while its own
user moves or types."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.ports import InputSink, InputSinkFactory
from shared.features.desktop.protocol import (
    ControlState,
    KeyInput,
    MonitorInfo,
    PointerAction,
    PointerInput,
    TextInput,
)
from shared.features.desktop.running import Host, Running
from shared.transport.channels import ChannelName

log = logging.getLogger(__name__)

InputMessage = PointerInput | KeyInput | TextInput

# Remote input a sharer takes, in events a second (a key, a pointer event, a character of text),
# with a burst. A person drives a mouse at a few hundred events a second at most (a 125 Hz mouse
# and typing together), and a pasted text of the longest (256 characters) fits in the burst;
# a flood beyond that would only fill the X server's queue and the customer's screen with input
# they cannot stop reading. What is over the limit is dropped, never queued.
INPUT_EVENTS_PER_S: Final = 300
INPUT_BURST: Final = 600


@dataclass
class InputRate:
    """A token bucket of ``INPUT_EVENTS_PER_S`` with ``INPUT_BURST`` tokens."""

    rate: float = INPUT_EVENTS_PER_S
    burst: float = INPUT_BURST
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    last: float = field(init=False, default=-1.0)

    def __post_init__(self) -> None:
        self.tokens = self.burst

    def take(self, cost: int) -> bool:
        now = self.clock()
        if self.last >= 0:
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if cost > self.tokens:
            return False
        self.tokens -= cost
        return True


def input_cost(message: InputMessage) -> int:
    return len(message.text) if isinstance(message, TextInput) else 1


class RemoteInput:
    def __init__(self, host: Host, input_sinks: InputSinkFactory | None) -> None:
        self.host = host
        self.session = host.session
        self.input_sinks = input_sinks
        # Remote input dropped because a consent question was open, so far.
        self.suspended_inputs = 0
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
            self.host.update(running, running.activity.paused(state.paused))

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
        return True

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
        running.sink.apply(message)

    def _paused(self, running: Running, paused: bool) -> None:
        """The local user moved or typed: remote input pauses; tell the controller."""

        def report() -> None:
            if paused and not running.activity.control_paused:
                running.pauses += 1
            self.host.update(running, running.activity.paused(paused))
            state = ControlState(activity=running.activity.id, paused=paused, pauses=running.pauses)
            with contextlib.suppress(ConnectionError):
                self.session.send_to(running.activity.viewer_id, state)

        # Called from the input monitor's thread: hop onto the session's loop.
        self.session.call_soon_threadsafe(report)
