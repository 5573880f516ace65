"""What the application sharing tests share: real applications, a pair of real peers on a real
center with the real engines, and pixel checks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

from csr_console.services.agent_session import AgentSession
from customer_client.services.customer_session import CustomerSession
from shared.features.appshare.engine import (
    AppShare,
    AppShareFeature,
    Choice,
    ChoiceAsked,
)
from shared.features.appshare.protocol import ShareInput, ShareKind
from shared.input.pointer import pointer_position
from shared.input.whole_screen import whole_screen_sink
from shared.media.area_media import AreaMedia
from shared.media.decoded_frame import DecodedFrame
from shared.protocol.screen import PointerAction, PointerButton, PointerInput
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.stream_share import ShareState
from shared.windows.installed import installed_applications, start
from shared.windows.x11_apps import X11Applications
from tests.appshare.programs import Program, launch
from tests.helpers import CenterFixture, wait_for
from tests.stream_peers import CountingMedia, linked

GREEN, BLUE, RED, YELLOW = (20, 200, 40), (30, 40, 220), (230, 20, 20), (230, 220, 30)
# The chosen application: a main window and a dialog beside it (screen pixels). The picture is
# the rectangle around both: 700 × 300 from (100, 100); between them (x 400..500 of the
# picture) nothing of theirs: black.
MAIN, DIALOG = (100, 100, 400, 300), (600, 150, 200, 200)
PICTURE = (700, 300)
GAP = (410, 490)  # columns of the picture between the two windows
# Another application's window over the main window's bottom-right part and the gap.
OVER = (350, 250, 300, 200)
# The codec's error on a flat colour is a few levels; far below any two colours here.
CLOSE = 40


def near(pixels: np.ndarray, colour: tuple[int, int, int]) -> bool:
    return bool(np.all(np.abs(pixels.astype(int) - np.array(colour)) <= CLOSE))


def hatched(pixels: np.ndarray) -> bool:
    """Grey stripes: no colour, and both dark and light."""
    spread = pixels.astype(int).max(axis=-1) - pixels.astype(int).min(axis=-1)
    luma = pixels.astype(int).mean(axis=-1)
    return bool(spread.max() < CLOSE and luma.min() < 110 and luma.max() > 150)


def has(picture: np.ndarray, colour: tuple[int, int, int]) -> bool:
    """Some pixel is close to ``colour``."""
    return bool(np.any(np.all(np.abs(picture.astype(int) - np.array(colour)) <= CLOSE, axis=-1)))


@pytest.fixture
def programs() -> Iterator[Any]:
    started: list[Program] = []

    async def start_program(name: str, *windows: Any) -> Program:
        program = launch(name, *windows)
        started.append(program)
        await wait_for(lambda: program.ready, timeout=20, what=f"{name}'s windows")
        return program

    yield start_program
    for program in started:
        program.quit()


def engine(session: Any, media: AreaMedia) -> AppShareFeature:
    return AppShareFeature(
        session,
        media,
        X11Applications,
        input_sinks=whole_screen_sink,
        pointer=pointer_position,
        installed=installed_applications,
        start_app=start,
    )


@dataclass
class Pair:
    agent: AgentSession
    customer: CustomerSession
    agent_side: AppShareFeature
    customer_side: AppShareFeature
    customer_media: CountingMedia
    asked: list[ConsentRequest]
    picked: list[ChoiceAsked] = field(default_factory=list)
    frames: list[DecodedFrame] = field(default_factory=list)  # the agent's
    seen: list[DecodedFrame] = field(default_factory=list)  # the customer's

    @property
    def customer_id(self) -> str:
        return self.agent.engine.present()[0].id

    def audited(self, kind: str, side: Any = None) -> int:
        events = (side or self.customer).engine.audit.events
        return sum(e.kind == kind for e in events)

    def state(self, side: AppShareFeature) -> AppShare:
        return side.shares[-1]

    def choose(self, pick: Any) -> None:
        """The customer's picker answers with ``pick(asked)``."""

        async def chooser(asked: ChoiceAsked) -> Choice | None:
            self.picked.append(asked)
            return pick(asked)  # type: ignore[no-any-return]

        self.customer_side.chooser = chooser


@pytest.fixture
async def pair_of(center: CenterFixture) -> AsyncIterator[Any]:
    made: list[Pair] = []

    async def build(answers: list[ConsentAnswer]) -> Pair:
        agent, _ = await center.agent()
        customer = center.customer()
        asked: list[ConsentRequest] = []

        async def ask(request: ConsentRequest) -> ConsentAnswer:
            asked.append(request)
            return answers.pop(0)

        media = CountingMedia()
        pair = Pair(
            agent, customer, engine(agent, AreaMedia()), engine(customer, media), media, asked
        )
        customer.consent.ask = ask
        pair.agent_side.on_frame = lambda _id, frame: pair.frames.append(frame)  # type: ignore[arg-type]
        pair.customer_side.on_frame = lambda _id, frame: pair.seen.append(frame)  # type: ignore[arg-type]
        await linked(agent, customer)
        made.append(pair)
        return pair

    yield build
    for pair in made:
        await pair.agent.end()


async def ledger(programs: Any) -> Program:
    program: Program = await programs("Ledger", (GREEN, MAIN), (BLUE, DIALOG))
    return program


async def granted(pair: Pair, kind: ShareKind, program: Program) -> AppShare:
    pair.choose(lambda asked: Choice(app=program.of(asked.open)))
    pair.agent_side.request(kind, pair.customer_id)
    await wait_for(lambda: bool(pair.frames), timeout=20, what="the first frame")
    await wait_for(lambda: pair.state(pair.customer_side).state == ShareState.ACTIVE)
    return pair.state(pair.agent_side)


def click(pair: Pair, share: AppShare, x: int, y: int, raw: bool = False) -> None:
    for action in (PointerAction.DOWN, PointerAction.UP):
        event = PointerInput(activity=share.id, action=action, x=x, y=y, button=PointerButton.LEFT)
        if raw:  # a modified console: straight onto the wire
            pair.agent.send_to(pair.customer_id, ShareInput(id=share.id, event=event))
        else:
            pair.agent_side.send_input(share.id, event)
