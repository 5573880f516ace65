"""Peer messages of application sharing: one application (or a few) instead of the desktop.

The agent views or controls applications of the customer's (the customer picks them, on their
computer; nothing the agent sends names a window or a program), or shows or gives control of
their own. Asking and answering, the names of the applications shared as they change, the
media offer and answer of the share's own WebRTC stream, stopping, and the viewer's input
wrapped in ``appshare.input`` (desktop sharing's pointer, key and text inputs, in the picture's
own pixels).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import Field, StringConstraints

from shared.protocol.limits import MAX_SHARING_SDP_CHARS
from shared.protocol.messages import MessageId, PeerMessage, Reason
from shared.protocol.screen import KeyInput, PointerInput, TextInput

NAME = "appshare"

# An application's name on the wire, at most (a name is a few words; longer ones are cut).
MAX_APP_NAME_CHARS: Final = 128
# Applications shared at once, at most: the manual's "several applications" are a handful, and
# each is listed in the viewer's title.
MAX_SHARED_APPS: Final = 8

Sdp = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHARING_SDP_CHARS)]
AppName = Annotated[str, StringConstraints(max_length=MAX_APP_NAME_CHARS)]
AppNames = Annotated[list[AppName], Field(max_length=MAX_SHARED_APPS)]


class ShareKind(StrEnum):
    VIEW = "view"  # the agent sees the customer's applications
    CONTROL = "control"  # ... and uses the mouse and keyboard in them
    SHOW = "show"  # the customer sees the agent's application
    GIVE_CONTROL = "give_control"  # ... and uses the mouse and keyboard in it

    @property
    def agent_shares(self) -> bool:
        return self in (ShareKind.SHOW, ShareKind.GIVE_CONTROL)

    @property
    def controlled(self) -> bool:
        return self in (ShareKind.CONTROL, ShareKind.GIVE_CONTROL)


class ShareEnd(StrEnum):
    STOPPED_BY_CUSTOMER = "stopped_by_customer"
    STOPPED_BY_AGENT = "stopped_by_agent"
    APP_CLOSED = "app_closed"  # every shared application's windows went
    CONNECTION_LOST = "connection_lost"
    CAPTURE_FAILED = "capture_failed"
    SESSION_ENDED = "session_ended"
    FAILED = "failed"  # this side could not handle a message about it (logged)
    CONTROL_CHANGED = "control_changed"  # another agent took charge of the session


class ShareRequest(PeerMessage):
    """The agent asks. For a show or give control, ``apps`` names what the agent will share
    (for the customer's question)."""

    type: Literal["appshare.request"] = "appshare.request"
    id: MessageId
    kind: ShareKind
    apps: AppNames = Field(default_factory=list)


class ShareAnswer(PeerMessage):
    type: Literal["appshare.answer"] = "appshare.answer"
    id: MessageId
    granted: bool
    # What the customer chose to share, sent only once they said yes and picked.
    apps: AppNames = Field(default_factory=list)


class ShareApps(PeerMessage):
    """The sharer's applications changed (one added, removed or closed): their names now."""

    type: Literal["appshare.apps"] = "appshare.apps"
    id: MessageId
    apps: AppNames


class ShareStop(PeerMessage):
    type: Literal["appshare.stop"] = "appshare.stop"
    id: MessageId
    reason: ShareEnd


class ShareOffer(PeerMessage):
    type: Literal["appshare.offer"] = "appshare.offer"
    id: MessageId
    sdp: Sdp


class ShareMediaAnswer(PeerMessage):
    type: Literal["appshare.media_answer"] = "appshare.media_answer"
    id: MessageId
    sdp: Sdp


InputEvent = Annotated[PointerInput | KeyInput | TextInput, Field(discriminator="type")]


class ShareInput(PeerMessage):
    """One input of the viewer, in the picture's own pixels. The sharer's engine drops whatever
    falls outside the shared applications' visible windows."""

    type: Literal["appshare.input"] = "appshare.input"
    id: MessageId
    event: InputEvent


class SharePaused(PeerMessage):
    """The sharer's engine drops the viewer's input for now (``paused``), and why (``reason``:
    ``drawing`` while the sharer draws over what is shared), or takes it again."""

    type: Literal["appshare.paused"] = "appshare.paused"
    id: MessageId
    paused: bool
    reason: Reason = ""


APPSHARE_MESSAGES: tuple[type[PeerMessage], ...] = (
    ShareRequest,
    ShareAnswer,
    ShareApps,
    ShareStop,
    ShareOffer,
    ShareMediaAnswer,
    ShareInput,
    SharePaused,
)
