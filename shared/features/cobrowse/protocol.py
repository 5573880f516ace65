"""Peer messages of co-browsing: the agent views or controls the one window the customer
launched the client from (their browser).

Asking and answering, the media offer and answer of the window's own WebRTC stream, stopping,
and the agent's input wrapped in ``cobrowse.input``: the same pointer, key and text inputs as
desktop sharing's (``shared.protocol.screen``), with coordinates in the window's own pixels.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import Field, StringConstraints

from shared.protocol.limits import MAX_SHARING_SDP_CHARS
from shared.protocol.messages import MessageId, PeerMessage, Reason
from shared.protocol.screen import KeyInput, PointerInput, TextInput

NAME = "cobrowse"

# A window's title on the wire, at most: a title is one line (the client cuts longer ones).
MAX_TITLE_CHARS: Final = 256

Sdp = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHARING_SDP_CHARS)]


class CobrowseKind(StrEnum):
    VIEW = "view"  # the agent sees the window
    CONTROL = "control"  # ... and uses the mouse and keyboard in it


class CobrowseEnd(StrEnum):
    STOPPED_BY_CUSTOMER = "stopped_by_customer"
    STOPPED_BY_AGENT = "stopped_by_agent"
    WINDOW_CLOSED = "window_closed"  # the shared window went: the agent may ask for the desktop
    CONNECTION_LOST = "connection_lost"
    CAPTURE_FAILED = "capture_failed"
    SESSION_ENDED = "session_ended"
    FAILED = "failed"  # this side could not handle a message about it (logged)
    CONTROL_CHANGED = "control_changed"  # another agent took charge of the session


class CobrowseRequest(PeerMessage):
    type: Literal["cobrowse.request"] = "cobrowse.request"
    id: MessageId
    kind: CobrowseKind


class CobrowseAnswer(PeerMessage):
    type: Literal["cobrowse.answer"] = "cobrowse.answer"
    id: MessageId
    granted: bool
    # Refused because the client knows no launching window (or it is gone): the agent may ask
    # for the desktop instead.
    no_window: bool = False
    # The shared window's title, sent only once the customer said yes.
    title: Annotated[str, StringConstraints(max_length=MAX_TITLE_CHARS)] = ""


class CobrowseStop(PeerMessage):
    type: Literal["cobrowse.stop"] = "cobrowse.stop"
    id: MessageId
    reason: CobrowseEnd


class CobrowseOffer(PeerMessage):
    type: Literal["cobrowse.offer"] = "cobrowse.offer"
    id: MessageId
    sdp: Sdp


class CobrowseMediaAnswer(PeerMessage):
    type: Literal["cobrowse.media_answer"] = "cobrowse.media_answer"
    id: MessageId
    sdp: Sdp


InputEvent = Annotated[PointerInput | KeyInput | TextInput, Field(discriminator="type")]


class CobrowseInput(PeerMessage):
    """One input of the agent, in the window's own pixels (the picture's). The customer's
    engine drops whatever falls outside the window's visible part."""

    type: Literal["cobrowse.input"] = "cobrowse.input"
    id: MessageId
    event: InputEvent


class CobrowsePaused(PeerMessage):
    """The sharer's engine drops the viewer's input for now (``paused``), and why (``reason``:
    ``drawing`` while the sharer draws over what is shared), or takes it again."""

    type: Literal["cobrowse.paused"] = "cobrowse.paused"
    id: MessageId
    paused: bool
    reason: Reason = ""


COBROWSE_MESSAGES: tuple[type[PeerMessage], ...] = (
    CobrowseRequest,
    CobrowseAnswer,
    CobrowseStop,
    CobrowseOffer,
    CobrowseMediaAnswer,
    CobrowseInput,
    CobrowsePaused,
)
