"""Restart's peer messages: the agent asks, the customer's side answers (the ticket itself goes
between the customer's client and the center only, never to the agent)."""

from __future__ import annotations

from typing import Literal

from shared.protocol.messages import MessageId, PeerMessage, Reason

NAME = "restart"


class RestartAsk(PeerMessage):
    """Agent to customer: restart your computer, and come back to this session."""

    type: Literal["restart.ask"] = "restart.ask"
    id: MessageId


class RestartAnswer(PeerMessage):
    """Customer to agent: what became of the request. ``restarting``: the computer restarts
    now and the client will rejoin; ``refused``: the customer said no; ``failed``: it could
    not be arranged (``reason`` says why)."""

    type: Literal["restart.answer"] = "restart.answer"
    id: MessageId
    outcome: Literal["restarting", "refused", "failed"]
    reason: Reason = ""


RESTART_MESSAGES: tuple[type[PeerMessage], ...] = (RestartAsk, RestartAnswer)
