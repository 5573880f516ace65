"""The support center restarts under a running session: console and client take their seats
back by themselves (same ids), the peer link never breaks, and new customers can still join."""

from __future__ import annotations

from pathlib import Path

from shared.session.state import SessionState
from tests.helpers import free_port, running_center, wait_for
from tests.integration.support import agent_of, chat_of, customer_of


async def test_both_sides_take_their_seats_back_after_a_restart(tmp_path: Path) -> None:
    data_dir, port = tmp_path / "center", free_port()
    async with running_center(data_dir, port=port) as first:
        agent, _ = await agent_of(first)
        started = await agent.start()
        customer = customer_of(first)
        await customer.join(started.number, "Grace")
        await customer.wait_connected()
        await wait_for(lambda: agent.engine.state == SessionState.ACTIVE)
        agent_id, customer_id = agent.engine.me.id, customer.engine.me.id  # type: ignore[union-attr]
    # The center is down: the link between the peers goes on.
    chat_of(agent).send(customer_id, "Still here?")
    await wait_for(lambda: any(line.text == "Still here?" for line in chat_of(customer).lines))

    async with running_center(data_dir, port=port) as second:
        await wait_for(lambda: agent.center.socket_open and customer.center.socket_open, timeout=20)
        assert agent.engine.me.id == agent_id and customer.engine.me.id == customer_id  # type: ignore[union-attr]
        record = second.running.store

        def seats() -> dict[str, str | None]:
            return {p["id"]: p["left_reason"] for p in record.participants(started.number)}

        # Both back in their recorded seats (not new ones), none marked gone.
        await wait_for(lambda: all(reason is None for reason in seats().values()), timeout=10)
        assert set(seats()) == {agent_id, customer_id}
        assert agent.engine.present()[0].linked  # the link never broke

        # The agent's signaling works again: a new customer joins and links.
        late = customer_of(second)
        await late.join(started.number, "Linus")
        await late.wait_connected()
        await wait_for(
            lambda: (
                len(agent.engine.present()) == 2 and all(p.linked for p in agent.engine.present())
            )
        )
        await agent.end()
        await wait_for(lambda: customer.engine.state == SessionState.ENDED)
