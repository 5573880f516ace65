"""Co-browsing end to end: real windows on the test Xvfb, a real center and real peers on
loopback, the real capture, video and input injection. The agent sees the customer's launching
window and nothing else; a window over it arrives hatched; the agent's clicks land inside it
and nowhere else, whatever the console sends; refused means nothing sent; a closed window ends
the share on both sides."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

from csr_console.services.agent_session import AgentSession
from customer_client.services.customer_session import CustomerSession
from shared.features.cobrowse.engine import Cobrowse, CobrowseFeature, CobrowseState
from shared.features.cobrowse.machine import WindowMedia
from shared.features.cobrowse.protocol import (
    CobrowseEnd,
    CobrowseInput,
    CobrowseKind,
    CobrowseRequest,
)
from shared.input.pointer import pointer_position
from shared.input.whole_screen import whole_screen_sink
from shared.media.decoded_frame import DecodedFrame
from shared.protocol.screen import KeyAction, KeyInput, PointerAction, PointerButton, PointerInput
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.shared_screens import DRAWING, set_sharer_drawing
from shared.windows import WindowRef
from shared.windows.launch import remember_launching_window
from shared.windows.x11 import X11Windows
from tests.cobrowse.desk import Desk, Made
from tests.helpers import CenterFixture, wait_for
from tests.stream_peers import CountingMedia, linked

pytestmark = pytest.mark.e2e

# The customer's browser: green, with a blue block in its top-left corner; an even size, so
# the picture is the window's to the pixel.
BROWSER = (300, 200, 400, 300)
GREEN, BLUE, RED, GREY = (20, 200, 40), (30, 40, 220), (230, 20, 20), (128, 128, 128)
BLOCK = (0, 0, 200, 150)  # the blue block, in the browser's pixels
# Another program's window over the browser's bottom-right part (screen pixels): in the
# browser's pixels it covers x 200..400, y 150..300.
OVER = (500, 350, 300, 250)
COVERED = (200, 150, 400, 300)  # left, top, right, bottom, in the browser's pixels
# The codec's error on a flat colour is a few levels; this is far below any two colours here.
CLOSE = 40


@pytest.fixture
def desk() -> Iterator[Desk]:
    made = Desk()
    yield made
    made.close()


@dataclass
class Pair:
    agent: AgentSession
    customer: CustomerSession
    agent_side: CobrowseFeature
    customer_side: CobrowseFeature
    customer_media: CountingMedia
    asked: list[ConsentRequest]
    frames: list[DecodedFrame] = field(default_factory=list)

    @property
    def customer_id(self) -> str:
        return self.agent.engine.present()[0].id

    def audited(self, kind: str) -> int:
        return sum(e.kind == kind for e in self.customer.engine.audit.events)

    def state(self, side: CobrowseFeature) -> Cobrowse:
        return side.cobrowses[-1]


@pytest.fixture
async def pair_of(center: CenterFixture) -> AsyncIterator[Any]:
    made: list[Pair] = []

    async def build(launching: WindowRef | None, answers: list[ConsentAnswer]) -> Pair:
        agent, _ = await center.agent()
        customer = center.customer()
        asked: list[ConsentRequest] = []

        async def ask(request: ConsentRequest) -> ConsentAnswer:
            asked.append(request)
            return answers.pop(0)

        media = CountingMedia()
        agent_side = CobrowseFeature(agent, WindowMedia(), None, lambda: None)
        customer_side = CobrowseFeature(
            customer,
            media,
            X11Windows,
            lambda: launching,
            input_sinks=whole_screen_sink,
            pointer=pointer_position,
        )
        customer.consent.ask = ask
        pair = Pair(agent, customer, agent_side, customer_side, media, asked)
        agent_side.on_frame = lambda _id, frame: pair.frames.append(frame)  # type: ignore[arg-type]
        await linked(agent, customer)
        made.append(pair)
        return pair

    yield build
    for pair in made:
        await pair.agent.end()


def browser(desk: Desk) -> Made:
    made = desk.window(*BROWSER, GREEN, title="Billing — Example Bank")
    desk.child(made, *BLOCK, BLUE)
    return made


def near(pixels: np.ndarray, colour: tuple[int, int, int]) -> bool:
    """Every pixel of ``pixels`` (… × 3, RGB) is within ``CLOSE`` of ``colour``."""
    return bool(np.all(np.abs(pixels.astype(int) - np.array(colour)) <= CLOSE))


def hatched(pixels: np.ndarray) -> bool:
    """Grey stripes: no colour, and both dark and light."""
    spread = pixels.astype(int).max(axis=-1) - pixels.astype(int).min(axis=-1)
    luma = pixels.astype(int).mean(axis=-1)
    return bool(spread.max() < CLOSE and luma.min() < 110 and luma.max() > 150)


async def granted(pair: Pair, kind: CobrowseKind) -> Cobrowse:
    pair.agent_side.request(kind, pair.customer_id)
    await wait_for(lambda: bool(pair.frames), timeout=20, what="the window's first frame")
    return pair.state(pair.agent_side)


async def test_the_agent_sees_the_launching_window_and_nothing_else(
    desk: Desk, pair_of: Any
) -> None:
    made = browser(desk)
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=True)])
    cobrowse = await granted(pair, CobrowseKind.VIEW)

    assert cobrowse.state == CobrowseState.ACTIVE
    assert cobrowse.title == "Billing — Example Bank"
    # The customer was asked about that window, by its title, as a view of one application.
    assert pair.asked[0].subject == "Billing — Example Bank"
    assert pair.asked[0].kind.value == "view_application"
    frame = pair.frames[-1]
    assert (frame.width, frame.height) == (400, 300)  # the window, not the 1920×1080 screen
    picture = frame.rgb()
    assert near(picture[5:145, 5:195], BLUE)  # its top-left block, where it is in it
    assert near(picture[160:295, 210:395], GREEN)
    assert near(picture[5:145, 210:395], GREEN)


async def test_a_window_over_it_arrives_hatched_never_its_pixels(desk: Desk, pair_of: Any) -> None:
    made = browser(desk)
    desk.window(*OVER, RED, title="Private notes")
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=True)])
    await granted(pair, CobrowseKind.VIEW)

    left, top, right, bottom = COVERED
    await wait_for(
        lambda: hatched(pair.frames[-1].rgb()[top + 4 : bottom - 4, left + 4 : right - 4]),
        what="the covered part hatched",
    )
    for frame in pair.frames:  # no frame ever carried the other window's red
        picture = frame.rgb().astype(int)
        assert not np.any((picture[..., 0] > 150) & (picture[..., 1] < 90)), "red was sent"
    visible = pair.frames[-1].rgb()
    assert near(visible[160:295, 5:195], GREEN)  # the rest still shows


async def test_the_agent_clicks_at_the_right_pixel_inside_the_window(
    desk: Desk, pair_of: Any
) -> None:
    made = browser(desk)
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=True)])
    cobrowse = await granted(pair, CobrowseKind.CONTROL)
    await wait_for(lambda: pair.state(pair.customer_side).state == CobrowseState.ACTIVE)
    for action in (PointerAction.DOWN, PointerAction.UP):
        pair.agent_side.send_input(
            cobrowse.id,
            PointerInput(
                activity=cobrowse.id, action=action, x=237, y=183, button=PointerButton.LEFT
            ),
        )

    def pressed() -> bool:
        desk.read_presses()
        return bool(made.presses)

    await wait_for(pressed, what="the click in the browser")
    assert made.presses == [(237, 183)]


async def test_a_click_aimed_outside_the_window_reaches_no_other_window(
    desk: Desk, pair_of: Any
) -> None:
    made = browser(desk)
    other = desk.window(*OVER, RED, title="Private notes")
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=True)])
    cobrowse = await granted(pair, CobrowseKind.CONTROL)
    await wait_for(lambda: pair.state(pair.customer_side).state == CobrowseState.ACTIVE)

    # A modified console sends raw coordinates: on the covered part (the other window shows
    # there), and past the window's right edge (onto the other window too).
    def click(x: int, y: int) -> None:
        for action in (PointerAction.DOWN, PointerAction.UP):
            event = PointerInput(
                activity=cobrowse.id, action=action, x=x, y=y, button=PointerButton.LEFT
            )
            pair.agent.send_to(pair.customer_id, CobrowseInput(id=cobrowse.id, event=event))

    click(250, 200)
    click(450, 200)
    click(10, 290)  # then a fair one, which arrives after them if they arrived at all

    def pressed() -> bool:
        desk.read_presses()
        return bool(made.presses)

    await wait_for(pressed, what="the fair click in the browser")
    assert made.presses == [(10, 290)]
    assert other.presses == []  # nothing reached the other program's window
    assert pair.audited("cobrowse.input_outside") == 1


async def test_the_agent_hears_input_is_paused_while_the_customer_draws(
    desk: Desk, pair_of: Any
) -> None:
    made = browser(desk)
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=True)])
    cobrowse = await granted(pair, CobrowseKind.CONTROL)
    await wait_for(lambda: pair.state(pair.customer_side).state == CobrowseState.ACTIVE)
    assert pair.state(pair.agent_side).paused_for == ""

    def click(x: int, y: int) -> None:  # straight onto the wire, as any console may
        for action in (PointerAction.DOWN, PointerAction.UP):
            event = PointerInput(
                activity=cobrowse.id, action=action, x=x, y=y, button=PointerButton.LEFT
            )
            pair.agent.send_to(pair.customer_id, CobrowseInput(id=cobrowse.id, event=event))

    # The customer draws over their screen (annotation): the agent's viewer is told why its
    # input goes nowhere, and what it sends meanwhile is dropped.
    set_sharer_drawing(pair.customer, True)
    await wait_for(lambda: pair.state(pair.agent_side).paused_for == DRAWING, what="the pause")
    click(100, 100)
    running = pair.customer_side._running[cobrowse.id]
    await wait_for(lambda: running.drawing_inputs == 2, what="the click dropped")
    set_sharer_drawing(pair.customer, False)
    await wait_for(lambda: pair.state(pair.agent_side).paused_for == "", what="the resume")
    click(237, 183)

    def pressed() -> bool:
        desk.read_presses()
        return bool(made.presses)

    await wait_for(pressed, what="the click after drawing")
    assert made.presses == [(237, 183)]


async def test_a_view_takes_no_input_whatever_the_console_sends(desk: Desk, pair_of: Any) -> None:
    made = browser(desk)
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=True)])
    cobrowse = await granted(pair, CobrowseKind.VIEW)
    await wait_for(lambda: pair.state(pair.customer_side).state == CobrowseState.ACTIVE)
    for action in (PointerAction.DOWN, PointerAction.UP):
        event = PointerInput(
            activity=cobrowse.id, action=action, x=20, y=20, button=PointerButton.LEFT
        )
        pair.agent.send_to(pair.customer_id, CobrowseInput(id=cobrowse.id, event=event))

    await wait_for(lambda: pair.audited("cobrowse.input_refused") == 1, what="input refused")
    desk.read_presses()
    assert made.presses == []


async def test_keys_reach_the_window_only_while_it_has_the_keyboard(
    desk: Desk, pair_of: Any
) -> None:
    made = browser(desk)
    other = desk.window(*OVER, RED, title="Terminal")
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=True)])
    cobrowse = await granted(pair, CobrowseKind.CONTROL)
    await wait_for(lambda: pair.state(pair.customer_side).state == CobrowseState.ACTIVE)

    def type_key(key: str) -> None:
        for action in (KeyAction.DOWN, KeyAction.UP):
            event = KeyInput(activity=cobrowse.id, action=action, key=key)
            pair.agent.send_to(pair.customer_id, CobrowseInput(id=cobrowse.id, event=event))

    desk.focus(other)  # the customer went on in another program
    type_key("x")
    await wait_for(lambda: pair.audited("cobrowse.input_outside") == 1, what="the key dropped")
    desk.focus(made)  # back in the browser
    type_key("y")

    def typed() -> bool:
        desk.read_presses()
        return bool(made.keys)

    await wait_for(typed, what="the key in the browser")
    assert len(made.keys) == 1
    assert other.keys == []  # the other program never got the first key


async def test_refused_sends_nothing(desk: Desk, pair_of: Any) -> None:
    made = browser(desk)
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=False)])
    pair.agent_side.request(CobrowseKind.CONTROL, pair.customer_id)
    await wait_for(lambda: pair.state(pair.agent_side).state == CobrowseState.REFUSED)

    assert pair.asked[0].kind.value == "control_application"
    assert pair.state(pair.customer_side).state == CobrowseState.REFUSED
    assert pair.state(pair.agent_side).title == ""  # not even the window's title
    assert pair.customer_media.senders == 0  # no capture, no stream
    assert pair.frames == []


async def test_allow_everything_covers_viewing_the_window_but_control_is_asked(
    desk: Desk, pair_of: Any
) -> None:
    made = browser(desk)
    everything = ConsentAnswer(granted=True, allow_all=True)
    pair: Pair = await pair_of(made.ref, [everything, ConsentAnswer(granted=False)])
    first = await granted(pair, CobrowseKind.VIEW)
    await pair.agent_side.stop(first.id)
    await wait_for(lambda: pair.state(pair.customer_side).state == CobrowseState.STOPPED)

    pair.frames.clear()
    await granted(pair, CobrowseKind.VIEW)  # not asked again: "allow everything" covers it
    assert len(pair.asked) == 1
    pair.agent_side.request(CobrowseKind.CONTROL, pair.customer_id)
    await wait_for(lambda: pair.state(pair.agent_side).state == CobrowseState.REFUSED)
    assert [r.kind.value for r in pair.asked] == ["view_application", "control_application"]


async def test_requests_while_one_runs_open_no_second_capture(desk: Desk, pair_of: Any) -> None:
    made = browser(desk)
    everything = ConsentAnswer(granted=True, allow_all=True)
    pair: Pair = await pair_of(made.ref, [everything])
    first = await granted(pair, CobrowseKind.VIEW)
    # A modified console asks again and again under fresh ids ("allow everything" is on).
    for n in range(5):
        request = CobrowseRequest(id=f"{first.agent_id}-x{n}", kind=CobrowseKind.VIEW)
        pair.agent.send_to(pair.customer_id, request)
    await wait_for(lambda: pair.audited("cobrowse.refused") == 5, what="the five refused")
    assert pair.customer_media.senders == 1


async def test_with_no_launching_window_the_agent_hears_so_and_nothing_is_asked(
    pair_of: Any,
) -> None:
    pair: Pair = await pair_of(None, [])
    pair.agent_side.request(CobrowseKind.VIEW, pair.customer_id)
    await wait_for(lambda: pair.state(pair.agent_side).state == CobrowseState.REFUSED)

    assert pair.state(pair.agent_side).no_window  # the agent may ask for the desktop instead
    assert pair.asked == []
    assert pair.customer_media.senders == 0


async def test_closing_the_window_ends_the_share_on_both_sides(desk: Desk, pair_of: Any) -> None:
    made = browser(desk)
    pair: Pair = await pair_of(made.ref, [ConsentAnswer(granted=True)])
    await granted(pair, CobrowseKind.CONTROL)

    desk.destroy(made)
    await wait_for(
        lambda: pair.state(pair.agent_side).state == CobrowseState.STOPPED,
        what="the agent told the share ended",
    )
    assert pair.state(pair.agent_side).end == CobrowseEnd.WINDOW_CLOSED
    customer_end = pair.state(pair.customer_side)
    assert (customer_end.state, customer_end.end) == (
        CobrowseState.STOPPED,
        CobrowseEnd.WINDOW_CLOSED,
    )
    running = pair.customer_side._running[customer_end.id]
    await wait_for(
        lambda: running.sender is None and running.sink is None and running.windows is None,
        what="the customer's capture, input and window connection closed",
    )
    frames = len(pair.frames)
    # The agent may ask again: refused at once, saying there is no window (ask for the desktop).
    pair.agent_side.request(CobrowseKind.VIEW, pair.customer_id)
    await wait_for(lambda: pair.state(pair.agent_side).state == CobrowseState.REFUSED)
    assert pair.state(pair.agent_side).no_window
    assert len(pair.frames) == frames


def test_the_launching_window_is_the_active_one_at_start_up(desk: Desk) -> None:
    """As a window manager does, the root names the active window; the client notes it."""
    made = desk.window(10, 10, 200, 100, GREY, title="Get help — Example Bank")
    root, atom = desk.screen.root, desk.display.intern_atom("_NET_ACTIVE_WINDOW")
    root.change_property(atom, desk.display.intern_atom("WINDOW"), 32, [made.window.id])
    desk.display.sync()
    try:
        noted = remember_launching_window()
    finally:
        root.delete_property(atom)
        desk.display.sync()
    assert noted == WindowRef(made.window.id, "Get help — Example Bank")
