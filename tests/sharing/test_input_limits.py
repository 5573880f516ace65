"""Remote input is rate-limited on the sharer's side (issue 9, finding 3): a controller's flood
over real peers on loopback is cut to the limit, the excess dropped and audited once."""

from __future__ import annotations

import time

from shared.features.desktop.input import INPUT_BURST, INPUT_EVENTS_PER_S, InputRate
from shared.features.desktop.protocol import ActivityKind, KeyAction, KeyInput
from shared.session.consent import ConsentAnswer
from tests.helpers import CenterFixture, wait_for
from tests.sharing.test_sharing_engine import _audited, _customer_id, _pair


def test_the_bucket_refills_at_the_rate_up_to_the_burst() -> None:
    now = [0.0]
    rate = InputRate(rate=10, burst=20, clock=lambda: now[0])
    assert rate.take(20)
    assert not rate.take(1)
    now[0] += 0.5  # five events' worth
    assert rate.take(5)
    assert not rate.take(1)
    now[0] += 100  # never more than the burst
    assert not rate.take(21)
    assert rate.take(20)


async def test_a_flood_of_remote_input_is_cut_to_the_rate_and_audited_once(
    center: CenterFixture,
) -> None:
    pair = await _pair(center, [ConsentAnswer(granted=True)])
    control = pair.agent_sharing.request(ActivityKind.CONTROL, _customer_id(pair))
    await wait_for(lambda: bool(pair.customer_sinks), what="control sink")
    sink = pair.customer_sinks[0]
    remote_input = pair.customer_sharing._input
    flood = 4 * INPUT_BURST
    started = time.monotonic()
    for _ in range(flood):
        pair.agent_sharing.send_input(KeyInput(activity=control.id, action=KeyAction.DOWN, key="a"))

    def handled() -> int:
        return len(sink.applied) + remote_input.limited_inputs.get(control.id, 0)

    await wait_for(lambda: handled() == flood, what="the flood handled")
    elapsed = time.monotonic() - started
    assert INPUT_BURST <= len(sink.applied) <= INPUT_BURST + INPUT_EVENTS_PER_S * elapsed + 1
    assert _audited(pair, "input.rate_limited") == 1
    await pair.agent.end()
