"""The voice call's peer messages.

The call is a star around the agent in charge: the agent invites every other participant, one
who agrees (on their own side) joins, and the agent offers them an audio link (its own aiortc
connection, its SDP carried here on the control channel). The agent decides who may speak and
sends everyone the call's state; each receiving side enforces it on what it plays.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from shared.protocol.messages import MessageId, PeerMessage

NAME = "voice"

# Two people speak at once at most (the manual): the agent and the one they pass the
# microphone to.
MAX_SPEAKERS = 2
# A call's members: the agent, the session's customers and assistant agents (a few each).
MAX_MEMBERS = 16
# An SDP offer/answer for one audio transceiver is about 1-2 kB; room for many candidates.
MAX_SDP_CHARS = 16_000


class Reply(StrEnum):
    JOINED = "joined"
    DECLINED = "declined"
    NO_AUDIO = "no_audio"  # this machine has no microphone or no speakers


class VoiceInvite(PeerMessage):
    """Agent in charge to a participant: a call is running, join it? (Sent again for the same
    call by a new agent in charge: whoever is in it answers at once.)"""

    type: Literal["voice.invite"] = "voice.invite"
    call: MessageId


class VoiceReply(PeerMessage):
    """Participant to agent: joined (also sent to rejoin after leaving), declined, or cannot."""

    type: Literal["voice.reply"] = "voice.reply"
    call: MessageId
    outcome: Reply


class VoiceOffer(PeerMessage):
    """Agent to a joined participant: the audio link's SDP offer."""

    type: Literal["voice.offer"] = "voice.offer"
    call: MessageId
    sdp: str = Field(min_length=1, max_length=MAX_SDP_CHARS)


class VoiceAnswer(PeerMessage):
    type: Literal["voice.answer"] = "voice.answer"
    call: MessageId
    sdp: str = Field(min_length=1, max_length=MAX_SDP_CHARS)


class VoiceLeave(PeerMessage):
    """Participant to agent: I left the call (the session goes on)."""

    type: Literal["voice.leave"] = "voice.leave"
    call: MessageId


class VoiceEnd(PeerMessage):
    """Agent to everyone invited: the call ended (the session goes on)."""

    type: Literal["voice.end"] = "voice.end"
    call: MessageId


class VoiceState(PeerMessage):
    """Agent to every member: who is in the call, who may speak, who is speaking now."""

    type: Literal["voice.state"] = "voice.state"
    call: MessageId
    members: list[MessageId] = Field(max_length=MAX_MEMBERS)
    speakers: list[MessageId] = Field(max_length=MAX_SPEAKERS)
    talking: list[MessageId] = Field(default_factory=list, max_length=MAX_SPEAKERS)


VOICE_MESSAGES: tuple[type[PeerMessage], ...] = (
    VoiceInvite,
    VoiceReply,
    VoiceOffer,
    VoiceAnswer,
    VoiceLeave,
    VoiceEnd,
    VoiceState,
)
