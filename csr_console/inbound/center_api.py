"""The console's side of the center's queue API: the agent's queues (long poll), Accept next,
the agents a session can go to, and transferring a session (shared/protocol/queues.py)."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from csr_console.services.agent_session import AgentAccount
from shared.protocol.queues import (
    QUEUES_LONG_POLL_S,
    AcceptedCustomer,
    AcceptNext,
    QueueAgents,
    QueuesView,
    TransferRequest,
)
from shared.transport.center_link import CenterError, CenterLink

# The center holds a long poll up to QUEUES_LONG_POLL_S; the request may take this much longer
# (a busy center, a slow network) before it counts as lost.
LONG_POLL_MARGIN_S = 10.0
# The center's answer to Accept next when nobody waits in the agent's queues.
NOBODY_WAITING = "nobody_waiting"

M = TypeVar("M", bound=BaseModel)


def _unexpected() -> CenterError:
    return CenterError("malformed", "The support center sent an unexpected answer.")


def _read(kind: type[M], data: object) -> M:
    try:
        return kind.model_validate(data)
    except ValidationError:
        raise _unexpected() from None


async def queues_view(
    center: CenterLink, account: AgentAccount, after: int | None = None
) -> QueuesView:
    """The agent's queues and the customers transferred to them; with ``after`` (the version
    last seen), the center answers once something changed, or after its long-poll time."""
    path = "/api/queues" if after is None else f"/api/queues?after={after}"
    data = await center.call(
        "GET", path, token=account.token, timeout_s=QUEUES_LONG_POLL_S + LONG_POLL_MARGIN_S
    )
    return _read(QueuesView, data)


async def accept_next(
    center: CenterLink, account: AgentAccount, queue: str | None = None
) -> AcceptedCustomer | None:
    """Take the longest-waiting customer (of ``queue``, or of all the agent's queues and those
    transferred to them); None when nobody waits. The center opened the session for us."""
    try:
        data = await center.call(
            "POST",
            "/api/queues/accept-next",
            AcceptNext(queue=queue).model_dump(),
            token=account.token,
        )
    except CenterError as error:
        if error.code == NOBODY_WAITING:
            return None
        raise
    return _read(AcceptedCustomer, data)


async def queue_agents(center: CenterLink, account: AgentAccount) -> QueueAgents:
    """The agents a session can be transferred to, and whether each is online."""
    data = await center.call("GET", "/api/queues/agents", token=account.token)
    return _read(QueueAgents, data)


async def transfer_session(
    center: CenterLink, account: AgentAccount, number: int, request: TransferRequest
) -> None:
    """Hand session ``number`` to a queue or to agents; ``CenterError`` saying why not."""
    await center.call(
        "POST", f"/api/sessions/{number}/transfer", request.model_dump(), token=account.token
    )
