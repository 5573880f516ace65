"""Recording's peer messages: the agent asks the customer's client, which answers after asking
its user; either side says when the recording stops (the customer's Stop obliges the console to
stop: the client is the one that enforces the customer's choice)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from shared.protocol.messages import MessageId, PeerMessage

NAME = "recording"


class StopReason(StrEnum):
    STOPPED = "stopped"  # the agent pressed Stop recording
    CUSTOMER_STOPPED = "customer_stopped"  # the customer pressed Stop on their side
    CONTROL_CHANGED = "control_changed"  # control changed hands (issue 11: activities end)
    ENDED = "ended"  # the session ended, or the customer left
    FAILED = "failed"  # the recorder could not go on (capture or disk)
    DISK_LOW = "disk_low"  # the folder's disk is nearly full: stopped while the file is whole


class RecordingAsk(PeerMessage):
    """Agent to customer: may I record this session (my screen, with the chat)?"""

    type: Literal["recording.ask"] = "recording.ask"
    id: MessageId


class RecordingAnswer(PeerMessage):
    """Customer to agent: the customer's answer to ``id``."""

    type: Literal["recording.answer"] = "recording.answer"
    id: MessageId
    granted: bool


class RecordingStop(PeerMessage):
    """Either side: the recording ``id`` ends (``reason`` says why)."""

    type: Literal["recording.stop"] = "recording.stop"
    id: MessageId
    reason: StopReason


RECORDING_MESSAGES: tuple[type[PeerMessage], ...] = (RecordingAsk, RecordingAnswer, RecordingStop)
