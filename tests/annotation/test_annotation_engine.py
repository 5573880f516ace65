"""Annotation among three real peers on a real center (the primary agent, an assistant, the
customer), over real desktop sharing of the test run's Xvfb: strokes go through the agent in
charge and land alike on every side; the eraser and Clear all follow; what is not a stroke,
not from a participant, not through the hub, or not over a shared screen is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest
from pydantic import ValidationError

from shared.features.annotation.engine import (
    MESSAGE_BURST,
    AnnotationFeature,
    AnnotationRefused,
    MessageRefused,
)
from shared.features.annotation.protocol import (
    MAX_POINTS_PER_STROKE,
    MAX_TEXT_CHARS,
    Stroke,
    Tool,
)
from shared.features.desktop.activities import ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.machine import make_sharing
from shared.features.desktop.protocol import ActivityKind
from shared.protocol.codec import PEER
from shared.protocol.errors import ProtocolError
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from tests.helpers import CenterFixture, wait_for
from tests.roles.support import Three, me, three_peers

pytestmark = pytest.mark.e2e

NAMES = ("primary", "assistant", "customer")


@dataclass
class Annotating:
    three: Three
    notes: dict[str, AnnotationFeature]
    sharing: dict[str, SharingFeature]

    @property
    def customer_id(self) -> str:
        return me(self.three.customer).id

    def ids(self, name: str) -> set[str]:
        return {s.id for s in self.notes[name].strokes(self.customer_id)}

    async def everywhere(self, stroke_ids: set[str], what: str) -> None:
        await wait_for(
            lambda: all(self.ids(name) == stroke_ids for name in NAMES), what=what, timeout=10.0
        )

    def refused(self, name: str) -> list[str]:
        events = self.three.events[name]
        return [e.reason for e in events if isinstance(e, MessageRefused)]


async def _allow(request: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=True)


@asynccontextmanager
async def annotating(center: CenterFixture) -> AsyncIterator[Annotating]:
    notes: dict[str, AnnotationFeature] = {}
    sharing: dict[str, SharingFeature] = {}

    def attach(session: LiveSession, name: str) -> None:
        sharing[name] = make_sharing(session)
        notes[name] = AnnotationFeature(session)

    three = await three_peers(center, attach)
    sharing["customer"].consent.ask = _allow
    try:
        yield Annotating(three, notes, sharing)
    finally:
        await three.close()


def _stroke(author: str, surface: str, points: int = 3, **fields: object) -> Stroke:
    values: dict[str, object] = {
        "id": f"s{points}{author[:4]}",
        "surface": surface,
        "author": author,
        "tool": Tool.PEN,
        "colour": "#e53935",
        "width": 3,
        "points": [(i, i) for i in range(points)],
    }
    values.update(fields)
    return Stroke.model_construct(**values)  # type: ignore[arg-type]


async def _view(setup: Annotating) -> str:
    """The primary views the customer's screen; the assistant gets it forwarded."""
    view = setup.sharing["primary"].request(ActivityKind.VIEW, setup.customer_id)
    await wait_for(
        lambda: all(setup.notes[name].share_of(setup.customer_id) for name in NAMES),
        what="the customer's screen shared with all three",
        timeout=20.0,
    )
    return view.id


async def test_strokes_round_trip_among_three_and_end_with_the_share(
    center: CenterFixture,
) -> None:
    async with annotating(center) as setup:
        notes, customer = setup.notes, setup.customer_id
        # Nothing shared yet: nobody may draw on the customer's screen.
        with pytest.raises(AnnotationRefused):
            notes["primary"].draw(customer, Tool.PEN, "#e53935", 3, [(10, 10), (20, 20)])

        view = await _view(setup)
        by_agent = notes["primary"].draw(customer, Tool.PEN, "#e53935", 3, [(100, 100), (900, 900)])
        await setup.everywhere({by_agent.id}, "the agent's stroke on every side")
        assert notes["customer"].strokes(customer)[0].author == me(setup.three.primary).id

        by_assistant = notes["assistant"].draw(
            customer, Tool.ARROW, "#1e88e5", 3, [(5000, 5000), (6000, 5500)]
        )
        await setup.everywhere({by_agent.id, by_assistant.id}, "the assistant's arrow everywhere")
        assert notes["customer"].strokes(customer)[1].author == me(setup.three.assistant).id

        by_customer = notes["customer"].draw(
            customer, Tool.TEXT, "#000000", 14, [(2000, 2000)], "Click here"
        )
        ids = {by_agent.id, by_assistant.id, by_customer.id}
        await setup.everywhere(ids, "the customer's text everywhere")
        highlight = notes["primary"].draw(
            customer, Tool.HIGHLIGHTER, "#fdd835", 14, [(1000, 3000), (4000, 3000)]
        )
        await setup.everywhere(ids | {highlight.id}, "the highlighter everywhere")

        # The customer erases the agent's stroke; the assistant clears everything.
        notes["customer"].erase(customer, [by_agent.id])
        await setup.everywhere(ids - {by_agent.id} | {highlight.id}, "the erased stroke gone")
        notes["assistant"].clear(customer)
        await setup.everywhere(set(), "everything cleared on every side")

        # The customer stops sharing: drawing ends, and a stroke drawn then goes nowhere.
        notes["primary"].draw(customer, Tool.PEN, "#e53935", 3, [(1, 1), (2, 2)])
        await setup.everywhere(set(setup.ids("primary")), "one more stroke")
        assert setup.ids("customer")
        await setup.sharing["customer"].stop(view)
        await wait_for(
            lambda: not any(setup.notes[n].share_of(customer) for n in NAMES),
            what="the share ended on every side",
            timeout=10.0,
        )
        assert all(not setup.ids(name) for name in NAMES), "strokes go with the share"
        with pytest.raises(AnnotationRefused):
            notes["primary"].draw(customer, Tool.PEN, "#e53935", 3, [(10, 10), (20, 20)])


async def test_a_modified_console_cannot_draw_on_the_customers_screen(
    center: CenterFixture,
) -> None:
    """Strokes sent straight from a console that skips its own checks: refused by the
    customer's engine when nothing is shared, after the customer stopped, when they name
    another author, skip the hub, or flood; nothing shows on the customer's screen."""
    async with annotating(center) as setup:
        three, customer = setup.three, setup.customer_id
        primary_id, assistant_id = me(three.primary).id, me(three.assistant).id

        three.primary.send_to(customer, _stroke(primary_id, customer))
        await wait_for(lambda: bool(setup.refused("customer")), what="the customer refuses")
        assert setup.refused("customer")[-1] == "nothing of that screen is shared now"
        assert not setup.ids("customer")

        view = await _view(setup)
        # Straight from the assistant to the customer, skipping the agent in charge.
        three.assistant.send_to(customer, _stroke(assistant_id, customer, points=4))
        await wait_for(lambda: len(setup.refused("customer")) == 2, what="refused, not via hub")
        assert setup.refused("customer")[-1] == "annotations come through the agent in charge"
        # To the hub, in the customer's name.
        three.assistant.send_to(primary_id, _stroke(customer, customer, points=5))
        await wait_for(lambda: bool(setup.refused("primary")), what="the hub refuses a forgery")
        assert (
            setup.refused("primary")[-1] == "only the agent in charge passes on others' annotations"
        )
        assert not setup.ids("customer") and not setup.ids("primary")

        # A flood: the customer takes a burst, then refuses.
        for n in range(MESSAGE_BURST + 10):
            three.primary.send_to(customer, _stroke(primary_id, customer, points=2, id=f"f{n}"))
        await wait_for(
            lambda: "too many annotation messages; slow down" in setup.refused("customer"),
            what="the flood refused",
        )
        assert len(setup.ids("customer")) < MESSAGE_BURST + 10  # some were dropped

        # After the customer stopped sharing: refused again, nothing drawn.
        await setup.sharing["customer"].stop(view)
        await wait_for(
            lambda: setup.sharing["customer"].activities[-1].state == ActivityState.STOPPED,
            what="the share stopped",
        )
        before = len(setup.refused("customer"))
        three.primary.send_to(customer, _stroke(primary_id, customer, points=6, id="late"))
        await wait_for(lambda: len(setup.refused("customer")) > before, what="refused after stop")
        assert setup.refused("customer")[-1] in (
            "nothing of that screen is shared now",
            "too many annotation messages; slow down",
        )
        assert not setup.ids("customer")


def test_what_is_not_a_stroke_is_refused_with_its_reason() -> None:
    good = {
        "v": 1,
        "type": "annotation.stroke",
        "id": "a1",
        "surface": "customer-1",
        "author": "agent-1",
        "tool": "pen",
        "colour": "#e53935",
        "width": 3,
        "points": [[1, 2], [3, 4]],
    }
    assert isinstance(PEER.decode(_json(good)), Stroke)
    for change, words in (
        ({"points": [[1, 1]] * (MAX_POINTS_PER_STROKE + 1)}, "points"),
        ({"points": [[1, 10_001]]}, "points"),
        ({"tool": "text", "text": "x" * (MAX_TEXT_CHARS + 1)}, "text"),
        ({"tool": "text"}, "a text annotation needs its text"),
        ({"text": "hello"}, "carries no text"),
        ({"colour": "red"}, "colour"),
        ({"tool": "arrow", "points": [[1, 1]]}, "an arrow needs two points"),
        ({"tool": "text", "text": "a\u202eb"}, "control character"),
    ):
        with pytest.raises((ProtocolError, ValidationError)) as caught:
            PEER.decode(_json({**good, **change}))
        assert words in str(caught.value), (change, str(caught.value))


def _json(fields: dict[str, object]) -> str:
    import json

    return json.dumps(fields)
