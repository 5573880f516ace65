"""Peer messages of video: the two senders' media offers, answers and stops.

Each camera stream travels on its own WebRTC connection (as a shared screen does), negotiated
with these over the session's control channel. Only two streams exist in a session: the
primary agent's (``Stream.AGENT``, to the main customer) and the main customer's
(``Stream.CUSTOMER``, to the primary agent); the primary may forward both to assistants.
Nothing here asks the customer's client to open its camera: only the customer's own click does.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import StringConstraints

from shared.protocol.limits import MAX_SHARING_SDP_CHARS
from shared.protocol.messages import ParticipantId, PeerMessage

# The feature's name: its message family, its slice of the console's state.
NAME = "video"

Sdp = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHARING_SDP_CHARS)]


class Stream(StrEnum):
    AGENT = "agent"  # the primary agent's camera
    CUSTOMER = "customer"  # the main customer's camera


class StopReason(StrEnum):
    STOPPED = "stopped"  # its sender clicked Stop my video
    CAMERA_GONE = "camera_gone"  # the camera stopped giving pictures (unplugged)
    REFUSED = "refused"  # the receiver does not accept this stream (not allowed now)
    ENDED = "ended"  # the agent's video ended, so the customer's may not go on


class VideoOffer(PeerMessage):
    """Sender → receiver: my camera's stream, on a connection of its own."""

    type: Literal["video.offer"] = "video.offer"
    stream: Stream
    sdp: Sdp


class VideoAnswer(PeerMessage):
    type: Literal["video.answer"] = "video.answer"
    stream: Stream
    sdp: Sdp


class VideoStop(PeerMessage):
    """Either side: the stream ``stream`` ended (its sender stopped, or its receiver refuses)."""

    type: Literal["video.stop"] = "video.stop"
    stream: Stream
    reason: StopReason


class VideoForward(PeerMessage):
    """Primary agent → assistant: watch a stream of the session with ``customer`` as the primary
    has it: the customer's camera as it arrives (``Stream.CUSTOMER``), or the primary's own as it
    goes to that customer (``Stream.AGENT``). Each stream on its own connection."""

    type: Literal["video.forward"] = "video.forward"
    customer: ParticipantId
    sdp: Sdp
    stream: Stream = Stream.CUSTOMER


class VideoForwardAnswer(PeerMessage):
    type: Literal["video.forward_answer"] = "video.forward_answer"
    sdp: Sdp
    stream: Stream = Stream.CUSTOMER


VIDEO_MESSAGES: tuple[type[PeerMessage], ...] = (
    VideoOffer,
    VideoAnswer,
    VideoStop,
    VideoForward,
    VideoForwardAnswer,
)
