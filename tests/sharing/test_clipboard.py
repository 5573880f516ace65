"""Which way the clipboard goes, over a real center and real peer links: the customer's
clipboard leaves their computer only in control they granted in the dialog (whose words say
so), and text reaches it only where the question said it would, whatever a console sends.

The console here is modified: its engine takes every clipboard text that arrives, so what the
customer's engine sends is what a hostile agent would get."""

from __future__ import annotations

import pytest

from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.events import ClipboardArrived
from shared.features.desktop.protocol import ActivityKind, ClipboardText, ClipboardWay
from shared.features.desktop.running import Running
from shared.session.consent import ConsentAnswer
from tests.helpers import CenterFixture, wait_for
from tests.sharing.test_sharing_engine import Pair, _customer_id, _pair

SECRET = "customer's secret ✓"
SENTINEL = "sent after it, on the same ordered channel"


def _agent_id(pair: Pair) -> str:
    me = pair.agent.engine.me
    assert me is not None
    return me.id


def _console_takes_every_clipboard_text(pair: Pair) -> list[str]:
    """The modified console: whatever clipboard text reaches it, it keeps."""
    taken: list[str] = []

    def take(running: Running, remote_id: str, message: ClipboardText) -> None:
        taken.append(message.text)

    pair.agent_sharing._handlers[ClipboardText] = take
    return taken


def _arrived(pair: Pair, side: str) -> list[str]:
    """Clipboard texts the customer's (or the agent's) engine hands its views to paste."""
    texts: list[str] = []
    session = pair.customer if side == "customer" else pair.agent
    session.engine.subscribe(
        lambda event: texts.append(event.text) if isinstance(event, ClipboardArrived) else None
    )
    return texts


async def _active(pair: Pair, kind: ActivityKind) -> Activity:
    activity = pair.agent_sharing.request(kind, _customer_id(pair))

    def active_on_both_sides() -> bool:
        sides = (pair.agent_sharing, pair.customer_sharing)
        return all(s.activities[-1].state == ActivityState.ACTIVE for s in sides)

    await wait_for(active_on_both_sides, what=f"{kind} active")
    return activity


async def _customer_sends_clipboard(pair: Pair, activity: Activity) -> list[str]:
    """The customer copies text while ``activity`` runs (their app hands it to the engine as
    its clipboard sync does); returns what the console got of it, in order, up to a sentinel."""
    taken = _console_takes_every_clipboard_text(pair)
    pair.customer_sharing.send_clipboard(activity.id, SECRET)
    pair.customer.send_to(_agent_id(pair), ClipboardText(activity=activity.id, text=SENTINEL))
    await wait_for(lambda: SENTINEL in taken, what="the sentinel at the console")
    return taken


def _refusals(pair: Pair) -> int:
    return sum(e.kind == "clipboard.refused" for e in pair.customer.engine.audit.events)


@pytest.mark.parametrize("kind", [ActivityKind.VIEW, ActivityKind.SHOW, ActivityKind.GIVE_CONTROL])
async def test_the_customers_clipboard_never_leaves_unless_control_said_so(
    center: CenterFixture, kind: ActivityKind
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    activity = await _active(pair, kind)
    # Giving the customer control of the agent's desktop: "nothing of yours is shared".
    assert await _customer_sends_clipboard(pair, activity) == [SENTINEL]
    assert pair.customer_sharing.activities[-1].clipboard <= {ClipboardWay.TO_CUSTOMER}
    await pair.agent.end()


@pytest.mark.parametrize("kind", [ActivityKind.VIEW, ActivityKind.SHOW])
async def test_a_console_cannot_put_text_on_the_customers_clipboard_unasked(
    center: CenterFixture, kind: ActivityKind
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    activity = await _active(pair, kind)
    arrived = _arrived(pair, "customer")
    pair.agent_sharing.send_clipboard(activity.id, "an unmodified console sends nothing")
    pair.agent.send_to(_customer_id(pair), ClipboardText(activity=activity.id, text="pasted"))
    await wait_for(lambda: _refusals(pair) == 1, what="the forged text refused")
    assert arrived == []
    await pair.agent.end()


async def test_control_granted_in_the_dialog_shares_the_clipboard_both_ways(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    activity = await _active(pair, ActivityKind.CONTROL)
    both = {ClipboardWay.TO_AGENT, ClipboardWay.TO_CUSTOMER}
    assert pair.customer_sharing.activities[0].clipboard == both
    assert pair.agent_sharing.activities[0].clipboard == both  # the customer's answer said so
    at_agent, at_customer = _arrived(pair, "agent"), _arrived(pair, "customer")
    pair.customer_sharing.send_clipboard(activity.id, "from the customer")
    pair.agent_sharing.send_clipboard(activity.id, "from the agent")
    await wait_for(lambda: at_agent == ["from the customer"], what="customer's text at the agent")
    await wait_for(lambda: at_customer == ["from the agent"], what="agent's text at the customer")
    await pair.agent.end()


async def test_giving_control_brings_the_agents_clipboard_to_the_customer_only(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    activity = await _active(pair, ActivityKind.GIVE_CONTROL)
    at_customer = _arrived(pair, "customer")
    pair.agent_sharing.send_clipboard(activity.id, "copied on the agent's computer")
    await wait_for(lambda: at_customer == ["copied on the agent's computer"], what="at customer")
    assert await _customer_sends_clipboard(pair, activity) == [SENTINEL]
    await pair.agent.end()


async def test_control_given_by_allow_everything_shares_no_clipboard(
    center: CenterFixture,
) -> None:
    # "Allow everything", control included, ticked on a view: control later comes unasked, so
    # the customer never read that their clipboard would go; it does not.
    pair = await _pair(center, [ConsentAnswer(granted=True, allow_all=True, takeover=True)])
    view = await _active(pair, ActivityKind.VIEW)
    await pair.agent_sharing.stop(view.id)
    control = await _active(pair, ActivityKind.CONTROL)
    assert len(pair.asked) == 1
    assert pair.customer_sharing.activities[-1].clipboard == frozenset()
    assert await _customer_sends_clipboard(pair, control) == [SENTINEL]
    arrived = _arrived(pair, "customer")
    pair.agent.send_to(_customer_id(pair), ClipboardText(activity=control.id, text="pasted"))
    await wait_for(lambda: _refusals(pair) == 1, what="the forged text refused")
    assert arrived == []
    await pair.agent.end()


async def test_a_view_raised_to_control_in_the_dialog_shares_the_clipboard_from_then_on(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True), ConsentAnswer(granted=True)])
    view = await _active(pair, ActivityKind.VIEW)
    at_agent = _arrived(pair, "agent")
    pair.customer_sharing.send_clipboard(view.id, "copied while only viewed")
    pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: pair.agent_sharing.activities[0].with_control, what="control granted")
    await wait_for(lambda: pair.customer_sharing.activities[0].with_control, what="both sides")
    pair.customer_sharing.send_clipboard(view.id, "copied under control")
    await wait_for(lambda: at_agent == ["copied under control"], what="text under control")
    await pair.agent.end()
