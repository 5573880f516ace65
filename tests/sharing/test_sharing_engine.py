"""The sharing feature's rules over a real center and real peer links, with a recording screen
backend in place of capture and video (the media tests cover those): consent decides, refused
means nothing is sent, stop works from both sides, input needs a control grant."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from pynput.mouse import Controller

import shared.features.desktop.pointer as pointer_module
from csr_console.services.agent_session import AgentSession, open_sessions
from customer_client.services.customer_session import CustomerSession
from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.events import ActivityChanged
from shared.features.desktop.protocol import (
    ActivityKind,
    ActivityRequest,
    ColourMode,
    KeyAction,
    KeyInput,
    MonitorInfo,
    PointerAction,
    PointerInput,
    Quality,
    StopReason,
    TextInput,
)
from shared.input.pointer import SystemPointer
from shared.protocol.messages import IceServer, StepAway
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.shared_screens import DRAWING, set_sharer_drawing
from tests.helpers import CenterFixture, wait_for

# How long the pointer is left resting while its reads are counted.
RESTING_WINDOW_S = 1.0

MONITORS = [MonitorInfo(index=0, left=0, top=0, width=1920, height=1080),
            MonitorInfo(index=1, left=0, top=0, width=1920, height=1080)]  # fmt: skip


@dataclass
class RecordingBackend:
    senders: list[RecordingSender] = field(default_factory=list)
    receivers: list[RecordingReceiver] = field(default_factory=list)

    def monitors(self) -> list[MonitorInfo]:
        return MONITORS

    def sender(self, monitor: MonitorInfo, ice_servers: list[IceServer]) -> RecordingSender:
        sender = RecordingSender(monitor)
        self.senders.append(sender)
        return sender

    def receiver(
        self, ice_servers: list[IceServer], on_frame: Callable[[Any], None]
    ) -> RecordingReceiver:
        receiver = RecordingReceiver(on_frame)
        self.receivers.append(receiver)
        return receiver


@dataclass
class RecordingSender:
    monitor: MonitorInfo
    answer: str | None = None
    closed: bool = False
    settings: tuple[Quality, ColourMode] | None = None
    pokes: int = 0  # remote input applied: the capture told to look at once

    async def create_offer(self) -> str:
        return "v=0 offer"

    async def accept_answer(self, sdp: str) -> None:
        self.answer = sdp

    def select_monitor(self, monitor: MonitorInfo) -> None:
        self.monitor = monitor

    def apply_settings(self, quality: Quality, colour: ColourMode) -> None:
        self.settings = (quality, colour)

    def input_applied(self) -> None:
        self.pokes += 1

    async def close(self) -> None:
        self.closed = True


@dataclass
class RecordingReceiver:
    on_frame: Callable[[Any], None]
    offer: str | None = None
    closed: bool = False

    async def accept_offer(self, sdp: str) -> str:
        self.offer = sdp
        self.on_frame("first frame")
        return "v=0 answer"

    async def close(self) -> None:
        self.closed = True


@dataclass
class RecordingSink:
    applied: list[object] = field(default_factory=list)
    stopped: bool = False
    on_pause: Callable[[bool], None] | None = None  # what the local-activity monitor calls

    def apply(self, message: PointerInput | KeyInput | TextInput) -> bool:
        self.applied.append(message)
        return True

    def set_area(self, monitor: MonitorInfo) -> None:
        pass

    def stop(self) -> None:
        self.stopped = True


@dataclass
class Pair:
    agent: AgentSession
    customer: CustomerSession
    agent_sharing: SharingFeature
    customer_sharing: SharingFeature
    agent_backend: RecordingBackend
    customer_backend: RecordingBackend
    customer_sinks: list[RecordingSink]
    agent_sinks: list[RecordingSink]
    asked: list[ConsentRequest]
    answers: list[ConsentAnswer]
    frames: list[tuple[str, object]]


async def _pair(center: CenterFixture, answers: list[ConsentAnswer]) -> Pair:
    agent, _ = await center.agent()
    customer = center.customer()
    asked: list[ConsentRequest] = []
    customer_sinks: list[RecordingSink] = []
    agent_sinks: list[RecordingSink] = []

    async def ask(request: ConsentRequest) -> ConsentAnswer:
        asked.append(request)
        return answers.pop(0)

    def sink_for(
        store: list[RecordingSink],
    ) -> Callable[[MonitorInfo, Callable[[bool], None]], RecordingSink]:
        def make(monitor: MonitorInfo, on_pause: Callable[[bool], None]) -> RecordingSink:
            store.append(RecordingSink(on_pause=on_pause))
            return store[-1]

        return make

    agent_backend, customer_backend = RecordingBackend(), RecordingBackend()
    agent_sharing = SharingFeature(agent, agent_backend, sink_for(agent_sinks))
    customer_sharing = SharingFeature(customer, customer_backend, sink_for(customer_sinks))
    customer_sharing.consent.ask = ask
    frames: list[tuple[str, object]] = []
    agent_sharing.on_frame = lambda activity, frame: frames.append((activity, frame))
    customer_sharing.on_frame = lambda activity, frame: frames.append((activity, frame))
    started = await agent.start()
    await customer.join(started.number, "Grace")
    await customer.wait_connected()
    await wait_for(lambda: bool(agent.engine.present()) and agent.engine.present()[0].linked)
    return Pair(agent, customer, agent_sharing, customer_sharing, agent_backend, customer_backend,
                customer_sinks, agent_sinks, asked, answers, frames)  # fmt: skip


def _customer_id(pair: Pair) -> str:
    return pair.agent.engine.present()[0].id


async def _viewing(center: CenterFixture, *later: ConsentAnswer) -> tuple[Pair, Activity]:
    """A pair whose agent views the customer's screen (allowed, its first frame in); ``later``
    answers the questions after that."""
    pair = await _pair(center, [ConsentAnswer(granted=True), *later])
    view = pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: bool(pair.frames), what="first frame of the view")
    return pair, view


async def _controlling(center: CenterFixture) -> tuple[Pair, Activity]:
    """A pair whose agent controls the customer's screen (allowed, the input sink made)."""
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    control = pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: bool(pair.customer_sinks), what="control sink")
    return pair, control


async def _customer_pauses(pair: Pair, paused: bool) -> RecordingSink:
    """The customer takes control back with their own mouse (``paused``) or lets it go again;
    the agent's side hears of it. The customer's input sink."""
    sink = pair.customer_sinks[0]
    assert sink.on_pause is not None
    sink.on_pause(paused)
    await wait_for(lambda: pair.agent_sharing.activities[0].control_paused == paused, what="pause")
    return sink


async def _input_refused(pair: Pair, activity_id: str) -> None:
    """A console ignoring its own rules clicks anyway: the customer's engine drops it, saying
    so in its audit."""
    click = PointerInput(activity=activity_id, action=PointerAction.DOWN, x=1, y=1, button="left")
    pair.agent.send_to(_customer_id(pair), click)
    await wait_for(lambda: _audited(pair, "input.refused") > 0, what="input refused")


async def test_refused_view_sends_nothing(center: CenterFixture) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=False)])
    activity = pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: pair.agent_sharing.activities[0].state == ActivityState.REFUSED)
    assert pair.asked[0].agent_name == "Ada Agent" and pair.asked[0].what == "view"
    assert pair.customer_backend.senders == []  # no capture, no media connection
    assert pair.agent_backend.receivers == []
    assert pair.customer_sharing.activities[0].id == activity.id
    await pair.agent.end()


@pytest.mark.parametrize("asker", ["a crashing dialog", "no dialog"])
async def test_a_question_no_one_answers_is_a_no_and_nothing_is_captured(
    center: CenterFixture, asker: str
) -> None:
    pair = await _pair(center, [])

    async def crash(request: ConsentRequest) -> ConsentAnswer:
        pair.asked.append(request)
        raise RuntimeError("the dialog crashed")

    pair.customer_sharing.consent.ask = crash if asker == "a crashing dialog" else None
    pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: pair.agent_sharing.activities[0].state == ActivityState.REFUSED)
    assert pair.customer_sharing.activities[0].state == ActivityState.REFUSED
    assert pair.customer_backend.senders == []  # no capture, no media connection
    assert pair.customer_sinks == []  # no input sink either
    await pair.agent.end()


async def test_granted_control_streams_and_routes_input_then_customer_stops(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    activity = pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: bool(pair.frames), what="first frame at the agent")
    sender = pair.customer_backend.senders[0]
    await wait_for(lambda: sender.answer == "v=0 answer", what="media answer back at the customer")
    assert pair.agent_backend.receivers[0].offer == "v=0 offer"
    await wait_for(lambda: pair.agent_sharing.activities[0].monitors != ())
    assert pair.agent_sharing.activities[0].monitors == tuple(MONITORS)

    click = PointerInput(activity=activity.id, action=PointerAction.DOWN, x=10, y=20, button="left")
    pair.agent_sharing.send_input(click)
    pair.agent_sharing.send_input(KeyInput(activity=activity.id, action=KeyAction.DOWN, key="é"))
    await wait_for(lambda: len(pair.customer_sinks[0].applied) == 2, what="input applied")
    assert pair.customer_sinks[0].applied[0] == click
    assert sender.pokes == 2  # each input makes the capture look for its effect at once

    pair.agent_sharing.set_stream(activity.id, Quality.SAMPLING, ColourMode.PALETTE256)
    await wait_for(lambda: sender.settings == (Quality.SAMPLING, ColourMode.PALETTE256))

    await pair.customer_sharing.stop(activity.id)
    await wait_for(lambda: pair.agent_sharing.activities[0].state == ActivityState.STOPPED)
    assert pair.agent_sharing.activities[0].stop_reason == StopReason.STOPPED_BY_CUSTOMER
    assert sender.closed and pair.agent_backend.receivers[0].closed
    assert pair.customer_sinks[0].stopped
    await pair.agent.end()


async def test_input_sent_before_a_pause_was_heard_of_is_dropped_after_it_too(
    center: CenterFixture,
) -> None:
    pair, activity = await _controlling(center)
    # The customer takes control back with their own mouse; the agent's side hears of it, and
    # drops what the agent types meanwhile.
    sink = await _customer_pauses(pair, True)
    pair.agent_sharing.send_input(KeyInput(activity=activity.id, action=KeyAction.DOWN, key="p"))
    await _customer_pauses(pair, False)
    # A key the agent's side sent before it heard of the pause arrives only now, after it.
    late = KeyInput(activity=activity.id, action=KeyAction.DOWN, key="l")
    pair.agent.send_to(_customer_id(pair), late)
    pair.agent_sharing.send_input(KeyInput(activity=activity.id, action=KeyAction.DOWN, key="n"))
    await wait_for(lambda: bool(sink.applied), what="input after the pause")
    assert sink.applied == [
        KeyInput(activity=activity.id, action=KeyAction.DOWN, key="n", pauses=1)
    ]
    await pair.agent.end()


async def test_the_agent_hears_control_is_paused_while_the_customer_draws(
    center: CenterFixture,
) -> None:
    pair, activity = await _controlling(center)
    await wait_for(lambda: pair.agent_sharing.activities[0].state == ActivityState.ACTIVE)
    heard: list[tuple[bool, str]] = []  # the pause as the agent's views saw it change

    def listen(event: object) -> None:
        if isinstance(event, ActivityChanged):
            state = (event.activity.control_paused, event.activity.pause_reason)
            if not heard or heard[-1] != state:
                heard.append(state)

    pair.agent.engine.subscribe(listen)
    # The customer draws over their screen (annotation): the agent hears why control pauses.
    set_sharer_drawing(pair.customer, True)
    await wait_for(
        lambda: pair.agent_sharing.activities[0].pause_reason == DRAWING, what="the pause"
    )
    # Drawing moves their mouse: their own activity starts and ends meanwhile, and control
    # stays paused for the drawing.
    sink = pair.customer_sinks[0]
    assert sink.on_pause is not None
    running = pair.customer_sharing._running[activity.id]
    sink.on_pause(True)
    await wait_for(lambda: running.local_paused, what="the customer's own activity")
    sink.on_pause(False)
    await wait_for(lambda: not running.local_paused, what="the customer's mouse quiet")
    set_sharer_drawing(pair.customer, False)
    await wait_for(lambda: not pair.agent_sharing.activities[0].control_paused, what="resumed")
    assert heard == [(True, DRAWING), (False, "")]
    pair.agent_sharing.send_input(KeyInput(activity=activity.id, action=KeyAction.DOWN, key="n"))
    await wait_for(lambda: bool(sink.applied), what="input after the drawing")
    assert sink.applied == [KeyInput(activity=activity.id, action=KeyAction.DOWN, key="n")]
    await pair.agent.end()


async def test_a_console_claiming_pauses_it_never_heard_of_is_dropped(
    center: CenterFixture,
) -> None:
    pair, activity = await _controlling(center)
    await _customer_pauses(pair, True)
    sink = await _customer_pauses(pair, False)
    # A modified console stamps all it sends with the highest count, so that what it typed
    # during the pause would pass as sent after it: the customer's engine drops it.
    for forged in (2, 2**31 - 1):
        key = KeyInput(activity=activity.id, action=KeyAction.DOWN, key="f", pauses=forged)
        pair.agent.send_to(_customer_id(pair), key)
    pair.agent_sharing.send_input(KeyInput(activity=activity.id, action=KeyAction.DOWN, key="n"))
    await wait_for(lambda: bool(sink.applied), what="input after the pause")
    assert [k.key for k in sink.applied if isinstance(k, KeyInput)] == ["n"]
    await pair.agent.end()


async def test_view_only_input_is_dropped(center: CenterFixture) -> None:
    pair, view = await _viewing(center)
    await _input_refused(pair, view.id)
    assert pair.customer_sinks == []
    assert pair.customer_backend.senders[0].pokes == 0  # refused input wakes nothing
    await pair.agent.end()


async def test_allow_all_is_asked_once(center: CenterFixture) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True, allow_all=True)])
    first = pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: pair.agent_sharing.activities[0].state == ActivityState.ACTIVE)
    await pair.agent_sharing.stop(first.id)
    # Another view: covered (control would still ask: tests/sharing/test_consent.py).
    pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: pair.agent_sharing.activities[-1].state == ActivityState.ACTIVE)
    assert len(pair.asked) == 1
    await pair.agent.end()


async def test_show_my_desktop_runs_the_other_way(center: CenterFixture) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    activity = pair.agent_sharing.request(ActivityKind.GIVE_CONTROL, _customer_id(pair))
    await wait_for(lambda: bool(pair.frames), what="frame at the customer")
    assert pair.frames[0][0] == activity.id
    assert pair.agent_backend.senders and not pair.customer_backend.senders
    pair.customer_sharing.send_input(TextInput(activity=activity.id, text="ß€"))
    await wait_for(lambda: bool(pair.agent_sinks) and bool(pair.agent_sinks[0].applied))
    await pair.agent.end()
    await wait_for(lambda: pair.customer_sharing.activities[0].state == ActivityState.STOPPED)


async def test_customer_process_gone_stops_sharing(center: CenterFixture) -> None:
    pair, _view = await _viewing(center)
    await pair.customer.close()
    await wait_for(
        lambda: pair.agent_sharing.activities[0].state == ActivityState.STOPPED, timeout=10
    )
    assert pair.agent_sharing.activities[0].stop_reason in (
        StopReason.CONNECTION_LOST,
        StopReason.SESSION_ENDED,
    )
    assert pair.agent_backend.receivers[0].closed
    await pair.agent.end()


async def test_requests_and_answers_reach_the_session_report(center: CenterFixture) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=False)])
    pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: pair.agent_sharing.activities[0].state == ActivityState.REFUSED)
    number = pair.agent.engine.number
    assert number is not None

    def report_kinds() -> list[tuple[str, str, dict[str, str]]]:
        events = center.running.store.audit_events(number)
        return [(e["kind"], e["actor"], e["detail"]) for e in events]

    await wait_for(lambda: any(k == "peer.sharing.answered" for k, _, _ in report_kinds()))
    entries = report_kinds()
    asked = next(d for k, a, d in entries if k == "peer.sharing.requested" and a == "Ada Agent")
    answered = next(d for k, a, d in entries if k == "peer.sharing.answered" and a == "Grace")
    assert asked["what"] == "control"
    assert answered["granted"] == "False" and answered["what"] == "control"
    await pair.agent.end()


async def test_the_viewer_sees_where_the_sharers_pointer_is(center: CenterFixture) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    position = [(100, 50)]
    pair.customer_sharing.pointer = lambda: position[0]
    seen: list[tuple[int, int, bool]] = []
    pair.agent_sharing.on_cursor = lambda activity, x, y, visible: seen.append((x, y, visible))
    pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: (100, 50, True) in seen, what="pointer position at the viewer")
    position[0] = (5000, 20)  # off the shared monitor
    await wait_for(lambda: seen[-1] == (1919, 20, False), what="pointer off the screen")
    await pair.agent.end()


class CountingPointer(SystemPointer):
    """This machine's real pointer (and its notice of moves), counting how often it is read."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> tuple[int, int]:
        self.reads += 1
        return super().__call__()


async def test_a_resting_pointer_is_not_sampled_and_a_move_is_told_at_once(
    center: CenterFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A resting pointer is looked at only once in this long: a move seen within the test's
    # wait came through the system's notice, not the look.
    monkeypatch.setattr(pointer_module, "RESTING_LOOK_S", 600.0)
    mouse = Controller()
    mouse.position = (100, 50)
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    real = CountingPointer()
    pair.customer_sharing.pointer = real
    seen: list[tuple[int, int, bool]] = []
    pair.agent_sharing.on_cursor = lambda activity, x, y, visible: seen.append((x, y, visible))
    pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: (100, 50, True) in seen, what="pointer position at the viewer")
    reads = real.reads
    await asyncio.sleep(RESTING_WINDOW_S)  # a window of rest, measured (not a synchronisation)
    # Sampled at 30 Hz, the window would have read it about 30 times.
    assert real.reads - reads <= 2
    mouse.position = (300, 200)  # a real move, through XTEST
    await wait_for(lambda: seen[-1] == (300, 200, True), what="the move at the viewer")
    await pair.agent.end()


async def test_control_after_view_raises_the_same_activity_with_consent(
    center: CenterFixture,
) -> None:
    pair, view = await _viewing(center, ConsentAnswer(granted=True))
    asked_control = pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    assert asked_control.id == view.id and asked_control.asking_control
    await wait_for(lambda: pair.agent_sharing.activities[0].with_control, what="control granted")
    assert [a.id for a in pair.agent_sharing.activities] == [view.id]  # one activity
    assert [r.what for r in pair.asked] == ["view", "control"]  # the customer was asked again
    # The same stream goes on: one capture, one media connection.
    assert len(pair.customer_backend.senders) == 1 and len(pair.agent_backend.receivers) == 1
    assert not pair.customer_backend.senders[0].closed
    click = PointerInput(activity=view.id, action=PointerAction.DOWN, x=3, y=4, button="left")
    pair.agent_sharing.send_input(click)
    await wait_for(lambda: bool(pair.customer_sinks) and pair.customer_sinks[0].applied == [click])
    # Asking for a view of a screen already controlled opens nothing new either.
    assert pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair)).id == view.id
    await pair.agent.end()


async def test_refused_control_leaves_the_view_running(center: CenterFixture) -> None:
    pair, view = await _viewing(center, ConsentAnswer(granted=False))
    pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: len(pair.asked) == 2, what="control asked")
    await wait_for(lambda: not pair.agent_sharing.activities[0].asking_control, what="answer")
    activity = pair.agent_sharing.activities[0]
    assert (activity.id, activity.kind, activity.state) == (
        view.id,
        ActivityKind.VIEW,
        ActivityState.ACTIVE,
    )
    assert pair.customer_sinks == [] and not pair.customer_backend.senders[0].closed
    await _input_refused(pair, view.id)  # control was refused: the view takes no input
    await pair.agent.end()


async def test_a_forged_upgrade_asks_no_one(center: CenterFixture) -> None:
    pair, view = await _viewing(center, ConsentAnswer(granted=True))
    # Raising an activity that does not exist, or to something other than control: refused
    # without asking the customer.
    for forged in (
        ActivityRequest(id="nope-s1", kind=ActivityKind.CONTROL, upgrade=True),
        ActivityRequest(id=view.id, kind=ActivityKind.GIVE_CONTROL, upgrade=True),
    ):
        pair.agent.send_to(_customer_id(pair), forged)
    pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))  # the real one, after
    await wait_for(lambda: pair.agent_sharing.activities[0].with_control, what="control granted")
    assert [r.what for r in pair.asked] == ["view", "control"]
    assert [a.kind for a in pair.customer_sharing.activities] == [ActivityKind.CONTROL]
    await pair.agent.end()


def _decided_by_hand(pair: Pair) -> list[asyncio.Future[ConsentAnswer]]:
    """The customer's consent dialogs, left open until the test answers each one."""
    pending: list[asyncio.Future[ConsentAnswer]] = []

    async def ask(request: ConsentRequest) -> ConsentAnswer:
        pair.asked.append(request)
        pending.append(asyncio.get_running_loop().create_future())
        return await pending[-1]

    pair.customer_sharing.consent.ask = ask
    return pending


def _audited(pair: Pair, kind: str) -> int:
    return sum(e.kind == kind for e in pair.customer.engine.audit.events)


async def test_an_upgrade_while_the_view_is_still_asked_is_ignored(center: CenterFixture) -> None:
    pair = await _pair(center, [])
    dialogs = _decided_by_hand(pair)
    view = pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: len(dialogs) == 1, what="view asked")
    # A console raising the view to control while the customer still reads "view": had it
    # been taken, the one Allow click would grant control.
    forged = ActivityRequest(id=view.id, kind=ActivityKind.CONTROL, upgrade=True)
    pair.agent.send_to(_customer_id(pair), forged)
    await wait_for(lambda: _audited(pair, "sharing.upgrade_refused") == 1, what="refusal")
    dialogs[0].set_result(ConsentAnswer(granted=True))
    await wait_for(lambda: bool(pair.frames), what="first frame of the view")
    assert [r.what for r in pair.asked] == ["view"]
    assert [a.kind for a in pair.customer_sharing.activities] == [ActivityKind.VIEW]
    assert pair.customer_sinks == []
    await pair.agent.end()


async def test_upgrades_raced_ask_once_and_a_stop_meanwhile_grants_nothing(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [])
    dialogs = _decided_by_hand(pair)
    view = pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: len(dialogs) == 1, what="view asked")
    dialogs[0].set_result(ConsentAnswer(granted=True))
    await wait_for(lambda: bool(pair.frames), what="first frame of the view")
    # Two raises at once (a console double-sending): one dialog, the second is refused.
    upgrade = ActivityRequest(id=view.id, kind=ActivityKind.CONTROL, upgrade=True)
    pair.agent.send_to(_customer_id(pair), upgrade)
    pair.agent.send_to(_customer_id(pair), upgrade)
    await wait_for(lambda: _audited(pair, "sharing.upgrade_refused") == 1, what="second refused")
    assert [r.what for r in pair.asked] == ["view", "control"]
    # The view stops while the customer is deciding; their late Allow grants nothing.
    await pair.agent_sharing.stop(view.id)
    await wait_for(lambda: not pair.customer_sharing.activities[0].live, what="view stopped")
    dialogs[1].set_result(ConsentAnswer(granted=True))
    await wait_for(lambda: _audited(pair, "sharing.answer_ignored") == 1, what="late answer")
    assert _audited(pair, "sharing.answered") == 1  # the view's; the late Allow granted nothing
    assert pair.customer_sinks == []
    assert [a.kind for a in pair.customer_sharing.activities] == [ActivityKind.VIEW]
    await pair.agent.end()


async def test_a_customer_cannot_raise_the_agents_shown_screen_to_control(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    show = pair.agent_sharing.request(ActivityKind.SHOW, _customer_id(pair))
    await wait_for(lambda: bool(pair.frames), what="the agent's screen at the customer")
    agent_id = pair.agent.engine.me.id if pair.agent.engine.me else ""
    # A modified client asks the agent's engine to raise it, then types into it anyway.
    pair.customer.send_to(
        agent_id, ActivityRequest(id=show.id, kind=ActivityKind.CONTROL, upgrade=True)
    )
    pair.customer.send_to(agent_id, KeyInput(activity=show.id, action=KeyAction.DOWN, key="x"))
    audit = pair.agent.engine.audit
    await wait_for(lambda: any(e.kind == "input.refused" for e in audit.events), what="refused")
    assert any(e.kind == "sharing.upgrade_refused" for e in audit.events)
    assert pair.agent_sinks == []
    assert [a.kind for a in pair.agent_sharing.activities] == [ActivityKind.SHOW]
    await pair.agent.end()


async def test_control_ends_when_the_agent_steps_away_and_a_resumed_console_must_ask_again(
    center: CenterFixture,
) -> None:
    pair, control = await _controlling(center)
    customer_id = _customer_id(pair)
    agent_id = pair.agent.engine.me.id if pair.agent.engine.me else ""
    # A modified console says it steps away (and does not come back by itself) but leaves its
    # peer link open, for the customer's side to close.
    pair.agent._leaving = True
    await pair.agent.center.send(StepAway())
    # The customer's screen is not theirs any more: no capture, no input.
    await wait_for(lambda: not pair.customer_sharing.activities[0].live, what="control ended")
    assert pair.customer_sinks[0].stopped

    # The agent resumes the same seat from a new console, which sends input for the old
    # control: nothing reaches the customer's desktop without a new grant.
    (kept,) = await open_sessions(pair.agent.center, pair.agent.account)
    back = AgentSession(center.link(), pair.agent.account)
    try:
        await back.resume(kept)
        assert back.engine.me is not None and back.engine.me.id == agent_id
        await wait_for(lambda: back.engine.present()[0].linked, what="link re-made")
        key = KeyInput(activity=control.id, action=KeyAction.DOWN, key="x")
        back.send_to(customer_id, key)
        audit = pair.customer.engine.audit
        await wait_for(lambda: any(e.kind == "input.refused" for e in audit.events))
        assert all(not sink.applied for sink in pair.customer_sinks)
    finally:
        await back.close()
        await pair.customer.close()
