"""Chat's one peer message: a line of text for one participant or for everyone."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from shared.protocol.limits import MAX_CHAT_CHARS
from shared.protocol.messages import MessageId, ParticipantId, PeerMessage, Recipient

# The feature's name: its message family, its slice of the console's state.
NAME = "chat"

ChatText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_CHAT_CHARS)]


class ChatLine(PeerMessage):
    type: Literal["chat"] = "chat"
    id: MessageId
    sender: ParticipantId
    to: Recipient  # a participant id, or EVERYONE
    text: ChatText
    sent_at: float = Field(ge=0)


CHAT_MESSAGES: tuple[type[PeerMessage], ...] = (ChatLine,)
