"""The session's one consent over real peers on loopback: what "allow everything" covers and
what still asks, Stop withdrawing it, one question per kind however many requests come, no
remote input while a question is open, and an audit trail by participant id."""

from __future__ import annotations

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.protocol import (
    ActivityKind,
    ActivityRequest,
    KeyAction,
    KeyInput,
)
from shared.session.consent import ConsentAnswer, ConsentRequest, PermissionKind
from shared.session.events import ConsentChanged
from tests.helpers import CenterFixture, wait_for
from tests.sharing.test_sharing_engine import (
    Pair,
    _audited,
    _customer_id,
    _decided_by_hand,
    _pair,
)

EVERYTHING = ConsentAnswer(granted=True, allow_all=True)


async def _view_with_everything_allowed(pair: Pair, answer: ConsentAnswer = EVERYTHING) -> str:
    pair.answers.append(answer)
    view = pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: pair.agent_sharing.activities[-1].state == ActivityState.ACTIVE)
    assert pair.customer_sharing.consent.allow_all
    return view.id


def _state(pair: Pair, activity_id: str) -> ActivityState:
    return next(a.state for a in pair.agent_sharing.activities if a.id == activity_id)


async def test_everything_given_on_a_view_still_asks_before_control(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [])
    view = await _view_with_everything_allowed(pair)
    await pair.agent_sharing.stop(view)
    pair.answers.append(ConsentAnswer(granted=False))
    control = pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: _state(pair, control.id) == ActivityState.REFUSED)
    assert [r.kind for r in pair.asked] == [
        PermissionKind.VIEW_DESKTOP,
        PermissionKind.CONTROL_DESKTOP,
    ]
    await pair.agent.end()


async def test_raising_a_view_to_control_asks_although_everything_was_given(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [])
    await _view_with_everything_allowed(pair)
    pair.answers.append(ConsentAnswer(granted=False))
    pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: len(pair.asked) == 2, what="control asked")
    assert pair.asked[1].kind == PermissionKind.CONTROL_DESKTOP
    await wait_for(lambda: not pair.agent_sharing.activities[0].asking_control)
    assert not pair.agent_sharing.activities[0].with_control  # refused: the view goes on
    await pair.agent.end()


async def test_everything_covers_a_system_information_request_silently(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [])
    await _view_with_everything_allowed(pair)
    # No feature reads system information yet: asked as one will, through the session's gate
    # (by the agent in charge: the gate takes requests from no one else).
    agent = pair.agent.engine.me
    assert agent is not None
    request = ConsentRequest(
        "system_info", "Ada Agent", "x1", PermissionKind.SYSTEM_INFO, agent_id=agent.id
    )
    answer = await pair.customer_sharing.consent.decide(request)
    assert answer.granted and len(pair.asked) == 1
    await pair.agent.end()


async def test_takeover_is_covered_only_when_the_customer_included_it(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [])
    view = await _view_with_everything_allowed(
        pair, ConsentAnswer(granted=True, allow_all=True, takeover=True)
    )
    await pair.agent_sharing.stop(view)
    control = pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: _state(pair, control.id) == ActivityState.ACTIVE)
    assert len(pair.asked) == 1
    # Scripts, restart and the like ask whatever was ticked.
    agent = pair.agent.engine.me
    assert agent is not None
    request = ConsentRequest(
        "restart", "Ada Agent", "x1", PermissionKind.RESTART, agent_id=agent.id
    )
    pair.answers.append(ConsentAnswer(granted=False))
    assert not (await pair.customer_sharing.consent.decide(request)).granted
    assert len(pair.asked) == 2
    await pair.agent.end()


async def test_a_stop_the_customer_presses_withdraws_everything(center: CenterFixture) -> None:
    pair = await _pair(center, [])
    changes: list[ConsentChanged] = []

    def note(event: object) -> None:
        if isinstance(event, ConsentChanged):
            changes.append(event)

    pair.customer.engine.subscribe(note)
    first = await _view_with_everything_allowed(pair)
    await pair.customer_sharing.stop(first)
    assert not pair.customer_sharing.consent.allow_all
    assert [bool(c.allowed) for c in changes] == [True, False]  # the window shows and hides it
    await wait_for(lambda: _state(pair, first) == ActivityState.STOPPED, what="stop heard")
    pair.answers.append(ConsentAnswer(granted=True))
    pair.agent_sharing.request(ActivityKind.VIEW, _customer_id(pair))
    await wait_for(lambda: len(pair.asked) == 2, what="asked again")
    await pair.agent.end()


async def test_a_flood_of_requests_asks_once(center: CenterFixture) -> None:
    pair = await _pair(center, [])
    dialogs = _decided_by_hand(pair)
    # A hostile console sends a hundred requests for a view, each a new activity.
    for n in range(100):
        pair.agent.send_to(_customer_id(pair), ActivityRequest(id=f"f{n}", kind=ActivityKind.VIEW))
    await wait_for(lambda: _audited(pair, "consent.requested") == 100, what="all requests")
    await wait_for(lambda: _audited(pair, "consent.refused") == 99, what="the rest refused")
    assert len(dialogs) == 1
    dialogs[0].set_result(ConsentAnswer(granted=False))
    await pair.agent.end()


async def test_no_remote_input_reaches_the_desktop_while_a_question_is_open(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    control = pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: bool(pair.customer_sinks), what="control sink")
    sink = pair.customer_sinks[0]
    dialogs = _decided_by_hand(pair)
    pair.agent_sharing.request(ActivityKind.SHOW, _customer_id(pair))
    await wait_for(lambda: len(dialogs) == 1, what="show asked")
    # The agent, holding control, presses Enter on the question: dropped.
    pair.agent_sharing.send_input(KeyInput(activity=control.id, action=KeyAction.DOWN, key="enter"))
    await wait_for(lambda: _audited(pair, "input.suspended") == 1, what="input held back")
    dialogs[0].set_result(ConsentAnswer(granted=False))
    await wait_for(lambda: not pair.customer_sharing.consent.asking)
    after = KeyInput(activity=control.id, action=KeyAction.DOWN, key="n")
    pair.agent_sharing.send_input(after)
    await wait_for(lambda: bool(sink.applied), what="input once answered")
    assert sink.applied == [after]
    await pair.agent.end()


async def test_consent_is_audited_by_participant_id(center: CenterFixture) -> None:
    pair = await _pair(center, [])
    activity = await _view_with_everything_allowed(pair)
    await pair.customer_sharing.stop(activity)
    me = pair.customer.engine.me
    agent = pair.agent.engine.me
    assert me is not None and agent is not None
    trail = [(e.kind, e.actor) for e in pair.customer.engine.audit.events]
    for entry in (
        ("consent.requested", agent.id),
        ("consent.granted", me.id),
        ("sharing.answered", me.id),
        ("consent.withdrawn", me.id),
    ):
        assert entry in trail
    requested = next(e for e in pair.customer.engine.audit.events if e.kind == "consent.requested")
    assert requested.detail["customer"] == me.id and requested.detail["activity"] == activity
    await pair.agent.end()


async def test_the_session_report_tells_two_customers_of_one_name_apart(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [])
    await _view_with_everything_allowed(pair)
    me = pair.customer.engine.me
    assert me is not None
    number = pair.agent.engine.number
    assert number is not None

    def granted() -> list[dict[str, str]]:
        events = center.running.store.audit_events(number)
        return [e["detail"] for e in events if e["kind"] == "peer.consent.granted"]

    await wait_for(lambda: bool(granted()), what="the grant in the center's report")
    # Recorded under the center's own id for the peer, whatever the peer's note might claim.
    assert granted()[0]["participant"] == me.id and granted()[0]["customer"] == me.id
    await pair.agent.end()
