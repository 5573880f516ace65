"""The messages that carry a view forwarded to assistant agents (``forwarding.py``): the primary
agent offers each assistant its own connection for a view it receives, the assistant answers,
and the primary says when the forwarding ends. Only the primary agent sends offers and stops;
an assistant's engine ignores them from anyone else."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

from shared.features.desktop.protocol import ActivityId
from shared.protocol.limits import MAX_SHARING_SDP_CHARS
from shared.protocol.messages import ParticipantId, PeerMessage

Sdp = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHARING_SDP_CHARS)]


class ForwardOffer(PeerMessage):
    """Primary → assistant: watch the view ``activity`` of ``customer``'s screen."""

    type: Literal["forward.offer"] = "forward.offer"
    activity: ActivityId
    customer: ParticipantId
    sdp: Sdp


class ForwardAnswer(PeerMessage):
    """Assistant → primary."""

    type: Literal["forward.answer"] = "forward.answer"
    activity: ActivityId
    sdp: Sdp


class ForwardStop(PeerMessage):
    """Primary → assistant: the view ended (or the assistant's part of it)."""

    type: Literal["forward.stop"] = "forward.stop"
    activity: ActivityId


FORWARD_MESSAGES: tuple[type[PeerMessage], ...] = (ForwardOffer, ForwardAnswer, ForwardStop)
